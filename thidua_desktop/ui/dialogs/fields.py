"""Small form fields shared by the dialogs: numbers typed the Vietnamese way, subject choices."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit

from thidua_desktop.core.enums import SubjectType
from thidua_desktop.core.services.catalogue import AwardFormRecord
from thidua_desktop.core.services.households import list_households
from thidua_desktop.core.services.persons import list_persons
from thidua_desktop.core.services.units import list_units
from thidua_desktop.core.storage.database import Database
from thidua_desktop.core.text import format_number

_NUMBER = re.compile(r"^[+-]?[0-9][0-9.,]*$")


def parse_number(text: str) -> float | None:
    """Read "1.234,5", "92,5", "92.5" or "1000"; empty gives None; anything else raises ValueError.

    A comma is the decimal mark and dots group thousands; a lone dot followed by other than three digits is taken as
    a decimal point (people type "92.5" too).
    """
    text = text.strip().replace(" ", "").replace("\u00a0", "")
    if not text:
        return None
    if not _NUMBER.match(text):
        raise ValueError(text)
    if "," in text:
        if text.count(",") > 1:
            raise ValueError(text)
        whole, decimals = text.split(",")
        if "." in whole and not re.fullmatch(r"[+-]?\d{1,3}(\.\d{3})+", whole):
            raise ValueError(text)
        return float(whole.replace(".", "") + "." + decimals)
    if text.count(".") == 1 and not re.fullmatch(r"[+-]?\d{1,3}\.\d{3}", text):
        return float(text)
    if "." in text and not re.fullmatch(r"[+-]?\d{1,3}(\.\d{3})+", text):
        raise ValueError(text)
    return float(text.replace(".", ""))


def number_text(value: float | None) -> str:
    """A number for editing: "92,5", "1.000"; no trailing zeros."""
    if value is None:
        return ""
    if float(value).is_integer():
        return format_number(value)
    return format_number(value, 3).rstrip("0").rstrip(",")


def amount(value: float | None, unit_of_measure: str) -> str:
    """A value with its unit of measure for display: "90%", "6 đảng viên", "1.250,5 nghìn đồng"."""
    if value is None:
        return ""
    text = format_number(value, 0 if float(value).is_integer() else 1)
    if not unit_of_measure:
        return text
    return f"{text}{unit_of_measure}" if unit_of_measure == "%" else f"{text} {unit_of_measure}"


class NumberEdit(QLineEdit):
    """A line edit for an optional number written with Vietnamese separators."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setValidator(QRegularExpressionValidator(r"^[+-]?[0-9.,]*$", self))
        self.setPlaceholderText("ví dụ: 95 hoặc 92,5")

    def value(self) -> float | None:
        return parse_number(self.text())

    def set_value(self, value: float | None) -> None:
        self.setText(number_text(value))


def form_allows(form: AwardFormRecord, subject_type: str) -> bool:
    """Whether the catalogue says a title or award form is for this kind of subject."""
    return {
        SubjectType.UNIT.value: form.for_unit,
        SubjectType.PERSON.value: form.for_person,
        SubjectType.HOUSEHOLD.value: form.for_household,
    }.get(subject_type, False)


@dataclass(frozen=True)
class SubjectChoice:
    text: str
    id: int
    is_party: bool
    """A Party organization or a Party member (households never are)."""


def subject_choices(db: Database, subject_type: str) -> list[SubjectChoice]:
    """Every unit, person or household in list order, with what tells namesakes apart."""
    if subject_type == SubjectType.UNIT:
        return [SubjectChoice(u.name, u.id, u.is_party_org) for u in list_units(db) if u.id is not None]
    if subject_type == SubjectType.PERSON:
        return [
            SubjectChoice(
                f"{p.full_name} — {p.unit_name}" if p.unit_name else p.full_name, p.id, p.is_party_member
            )
            for p in list_persons(db)
            if p.id is not None
        ]
    choices = []
    for h in list_households(db):
        where = ", ".join(x for x in (h.address, h.residential_group_name) if x)
        if h.id is not None:
            choices.append(
                SubjectChoice(f"Hộ {h.head_name} — {where}" if where else f"Hộ {h.head_name}", h.id, False)
            )
    return choices


def subject_items(db: Database, subject_type: str) -> list[tuple[str, int]]:
    """(text, id) pairs for a ``SearchComboBox``."""
    return [(c.text, c.id) for c in subject_choices(db, subject_type)]

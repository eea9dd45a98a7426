"""Small form inputs: optional whole numbers, choices from a labelled enum, a unit picker indented as a tree."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit

from thidua_desktop.core.enums import LabelledEnum
from thidua_desktop.core.services.units import UnitRecord
from thidua_desktop.core.text import format_number

INDENT = "\u2003"  # an em space per tree level


class CountEdit(QLineEdit):
    """An optional whole number (empty means «chưa rõ»); thousands may be typed with dots: "1.250"."""

    def __init__(self, parent: Any = None, maximum: int = 10_000_000, placeholder: str = "") -> None:
        super().__init__(parent)
        self.maximum = maximum
        self.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9. ]*"), self))
        self.setPlaceholderText(placeholder)
        self.setMaximumWidth(160)

    def value(self) -> int | None:
        text = self.text().strip().replace(".", "").replace(" ", "")
        if not text:
            return None
        if not text.isdigit() or int(text) > self.maximum:
            raise ValueError(self.text())
        return int(text)

    def set_value(self, value: int | None) -> None:
        self.setText("" if value is None else format_number(value))


class EnumCombo(QComboBox):
    """Choose one member of a labelled enum by its Vietnamese label; ``value()`` is the stored code."""

    def __init__(self, enum: type[LabelledEnum], parent: Any = None, empty: str | None = None) -> None:
        super().__init__(parent)
        if empty is not None:
            self.addItem(empty, None)
        for code, label in enum.choices():
            self.addItem(label, code)

    def value(self) -> str | None:
        data = self.currentData()
        return None if data is None else str(data)

    def set_value(self, value: str | None) -> None:
        index = self.findData(value)
        self.setCurrentIndex(max(index, 0))


class UnitCombo(QComboBox):
    """Units in tree order, children indented under their parent; ``value()`` is the unit id (or None)."""

    def __init__(self, parent: Any = None, empty: str | None = None) -> None:
        super().__init__(parent)
        self._empty = empty
        self.setMaxVisibleItems(20)
        self.setMinimumContentsLength(34)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)

    def set_units(
        self, units: Sequence[UnitRecord], exclude: Iterable[int] = (), value: int | None = None
    ) -> None:
        skip = set(exclude)
        self.blockSignals(True)
        self.clear()
        if self._empty is not None:
            self.addItem(self._empty, None)
        for unit in units:
            if unit.id is None or unit.id in skip:
                continue
            self.addItem(INDENT * unit.depth + unit.name, unit.id)
            self.setItemData(self.count() - 1, unit.name, Qt.ItemDataRole.ToolTipRole)
        self.blockSignals(False)
        self.set_value(value)

    def value(self) -> int | None:
        data = self.currentData()
        return None if data is None else int(data)

    def set_value(self, value: int | None) -> None:
        index = self.findData(value) if value is not None else (0 if self._empty is not None else -1)
        self.setCurrentIndex(index)


def descendants(units: Sequence[UnitRecord], unit_id: int) -> set[int]:
    """``unit_id`` and every unit below it."""
    found = {unit_id}
    changed = True
    while changed:
        extra = {u.id for u in units if u.id is not None and u.parent_id in found} - found
        changed = bool(extra)
        found |= extra
    return found


class NotesEdit(QPlainTextEdit):
    def __init__(self, parent: Any = None, lines: int = 3) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 14)

    def value(self) -> str:
        return self.toPlainText().strip()

    def set_value(self, text: str) -> None:
        self.setPlainText(text or "")

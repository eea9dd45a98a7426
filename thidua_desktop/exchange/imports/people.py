"""Rows of a people list: a person matched (by folded name and birth date, the unit telling namesakes apart) and
updated, or added."""

from __future__ import annotations

from typing import Any

from thidua_desktop.core.errors import ValidationError
from thidua_desktop.core.services.persons import PersonRecord, validate_person
from thidua_desktop.exchange import fields as F
from thidua_desktop.exchange.imports.model import PlanRow, Ref, RowStatus
from thidua_desktop.exchange.imports.planner import (
    PERSON_LABELS,
    Planner,
    RowReader,
    SheetPlanner,
)
from thidua_desktop.exchange.imports.snapshot import KnownPerson
from thidua_desktop.exchange.values import (
    age_at,
    parse_birth_date,
    parse_date,
    parse_gender,
)


def plan_people_row(p: Planner, sp: SheetPlanner, reader: RowReader, row: PlanRow, unit: Ref | None) -> None:
    name = row.subject
    values: dict[str, Any] = {
        "birth_date": reader.parsed(F.BIRTH_DATE.code, parse_birth_date),
        "gender": reader.parsed(F.GENDER.code, parse_gender),
        "party_join_date": reader.parsed(F.PARTY_JOIN.code, parse_date),
        "party_official_date": reader.parsed(F.PARTY_OFFICIAL.code, parse_date),
        "party_card_number": reader.text(F.CARD.code),
        "position": reader.text(F.POSITION.code),
        "notes": reader.text(F.NOTES.code),
    }
    unit_text = reader.text(F.UNIT.code)
    if unit_text:
        unit = p.unit_ref(reader, row, unit_text, create=True)
    row.unit_name = p.unit_name(unit)
    check_join_age(reader, values)
    if reader.has_errors():
        return
    year_only = values["birth_date"] is not None and reader.year_only(F.BIRTH_DATE.code)
    person, problem = p.match_person(name, values["birth_date"], unit, year_only)
    if problem:
        reader.issue(F.FULL_NAME.code, problem)
        return
    given = {k: v for k, v in values.items() if v not in (None, "")}
    if year_only and person is not None and person.birth_date is not None:
        given.pop("birth_date", None)  # a year alone does not overwrite a full date of the same year
    is_member = bool(
        values["party_join_date"] or values["party_card_number"] or values["party_official_date"]
    )
    if person is None:
        record = PersonRecord(
            full_name=name,
            is_party_member=is_member,
            **{k: given.get(k) for k in ("birth_date", "gender", "party_join_date", "party_official_date")},
            party_card_number=values["party_card_number"],
        )
        if not _validate(reader, record):
            return
        insert_values = {
            "full_name": name,
            "birth_date": values["birth_date"],
            "gender": values["gender"],
            "unit_id": unit[1] if unit and unit[0] == "id" else None,
            "position": values["position"],
            "is_party_member": is_member,
            "party_join_date": values["party_join_date"],
            "party_official_date": values["party_official_date"],
            "party_card_number": values["party_card_number"],
            "notes": values["notes"],
        }
        refs = {"unit_id": unit} if unit and unit[0] == "new" else {}
        ref = p.add_insert(row, "person", insert_values, refs)
        p.remember_person(
            KnownPerson(None, ref, name, values["birth_date"], insert_values["unit_id"], unit, insert_values)
        )
        p.person_rows[ref] = row.row
        row.action, row.reason = RowStatus.NEW, "Thêm người mới."
        return
    if person.id is None:
        reader.issue(
            F.FULL_NAME.code,
            f"Trùng với dòng {p.person_rows.get(person.ref, '?')} của tệp.",
            "warning",
        )
        row.reason = "Đã có ở dòng trước: bỏ qua."
        return
    before = person.values
    after = dict(before)
    after.update(given)
    if is_member:
        after["is_party_member"] = True
    if unit is not None:
        if unit[0] == "id":
            after["unit_id"] = unit[1]
        elif person.unit_id is None or person.unit_ref != unit:
            after["unit_id"] = unit  # a unit planned in this import: its id is known once it is written
    record = PersonRecord(
        full_name=after["full_name"],
        is_party_member=after["is_party_member"],
        birth_date=after["birth_date"],
        gender=after["gender"],
        party_join_date=after["party_join_date"],
        party_official_date=after["party_official_date"],
        party_card_number=after["party_card_number"],
    )
    if not _validate(reader, record):
        return
    if p.record_changes(row, "person", person.id, before, after, PERSON_LABELS):
        person.values = after


def _validate(reader: RowReader, record: PersonRecord) -> bool:
    try:
        validate_person(record)
    except ValidationError as error:
        reader.issue(error.field if error.field in reader.planner.columns else None, error.message)
        return False
    return True


JOIN_AGE = 16


def check_join_age(reader: RowReader, values: dict[str, Any]) -> None:
    """A Party join date before the person was 16 is a slip (of either date): a warning, and the join date is
    left out rather than refused by the 18-year rule the person services apply."""
    born, joined = values["birth_date"], values["party_join_date"]
    if born is None or joined is None or age_at(born, joined) >= JOIN_AGE:
        return
    reader.issue(
        F.PARTY_JOIN.code,
        f"Ngày vào Đảng {joined.strftime('%d/%m/%Y')} khi mới {max(age_at(born, joined), 0)} tuổi (chưa đủ "
        f"{JOIN_AGE} tuổi), không hợp lý: chưa ghi ngày vào Đảng, hãy kiểm tra.",
        "warning",
    )
    values["party_join_date"] = None

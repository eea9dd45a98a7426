"""Rows of a personal pledge sheet: the person (matched or added to the sheet's unit) and their pledge of the
campaign (title and content), added or updated."""

from __future__ import annotations

from datetime import date

from thidua_desktop.exchange.imports.model import PlanRow, Ref, RowStatus
from thidua_desktop.exchange.imports.planner import (
    BIRTH_DATE,
    FULL_NAME,
    IMPORTED,
    PLEDGE_CONTENT,
    POSITION,
    TITLE,
    Planner,
    RowReader,
    SheetPlanner,
)
from thidua_desktop.exchange.imports.snapshot import KnownPerson
from thidua_desktop.exchange.values import (
    parse_birth_date,
)


def person_for_pledge(
    p: Planner,
    reader: RowReader,
    row: PlanRow,
    unit: Ref | None,
    birth: date | None,
    position: str,
    birth_is_date: bool = False,
) -> Ref | None:
    """The person a pledge row names, matched or planned as new; ``birth_is_date`` when the birth cell held a
    real date (so not a year alone)."""
    name = row.subject
    year_only = birth is not None and not birth_is_date and reader.year_only(BIRTH_DATE)
    key = p.person_key(name)
    person, problem = p.match_person(name, birth, unit, year_only, key)
    if problem:
        reader.issue(FULL_NAME, problem)
        return None
    if person is not None:
        if person.unit_id is not None:
            row.unit_name = p.snap.units.get(person.unit_id, ("", ""))[0]
        return person.ref
    if unit is None:
        reader.issue(
            FULL_NAME,
            f"«{name}» chưa có trong cơ sở dữ liệu và không biết thuộc đơn vị nào: hãy chọn đơn vị của trang.",
        )
        return None
    if birth is not None and birth > date.today():
        reader.issue(BIRTH_DATE, "Ngày sinh không được sau ngày hôm nay.")
        return None
    values = {
        "full_name": name,
        "birth_date": birth,
        "gender": None,
        "unit_id": unit[1] if unit[0] == "id" else None,
        "position": position,
        "is_party_member": False,
        "party_join_date": None,
        "party_official_date": None,
        "party_card_number": "",
        "notes": "",
    }
    ref = p.add_insert(row, "person", values, {"unit_id": unit} if unit[0] == "new" else {})
    p.remember_person(KnownPerson(None, ref, name, birth, values["unit_id"], unit, values), key)
    p.person_rows[ref] = row.row
    reader.issue(
        FULL_NAME,
        f"«{name}» chưa có trong cơ sở dữ liệu: sẽ được thêm vào «{p.unit_name(unit)}».",
        "warning",
    )
    return ref


def plan_pledge_row(p: Planner, sp: SheetPlanner, reader: RowReader, row: PlanRow, unit: Ref | None) -> None:
    campaign_id = p.plan.campaign_id
    birth_cell = reader.raw(BIRTH_DATE)
    birth_is_date = type(birth_cell) is date
    birth = reader.parsed(BIRTH_DATE, parse_birth_date)
    position = reader.text(POSITION)
    title = reader.parsed(TITLE, p.title_parser)
    content = reader.text(PLEDGE_CONTENT)
    row.unit_name = p.unit_name(unit) if unit is not None else ""
    title_name = p.snap.title_names.get(title, title) if title else ""
    row.detail_parts = (title_name, content)
    if reader.issues and reader.has_errors():
        return
    person = person_for_pledge(p, reader, row, unit, birth, position, birth_is_date)
    if person is None or campaign_id is None:
        return
    existing = p.snap.pledges_by_person.get(person[1]) if person[0] == "id" else None
    planned = p.person_pledges.get(person)
    if planned is not None:
        reader.issue(FULL_NAME, f"Đã đăng ký ở dòng {planned} của tệp: dòng này bị bỏ qua.", "warning")
        row.reason = "Trùng dòng trước."
        return
    p.person_pledges[person] = row.row
    if existing is None:
        if not title and not content:
            row.action = RowStatus.NEW if row.inserts else RowStatus.UNCHANGED
            row.reason = "Chưa đăng ký (danh hiệu và nội dung để trống)."
            return
        values = {
            "campaign_id": campaign_id,
            "person_id": person[1] if person[0] == "id" else None,
            "unit_id": None,
            "household_id": None,
            "title_code": title or "",
            "content": content,
            "source": IMPORTED,
            "source_file": p.source_file,
            "source_row": row.row,
            "pledge_date": None,
        }
        p.add_insert(row, "pledge", values, {"person_id": person} if person[0] == "new" else {})
        row.action, row.reason = RowStatus.NEW, "Thêm đăng ký thi đua."
        return
    pledge_id, old_title, old_content = existing
    after = {"title_code": title or old_title, "content": content or old_content}
    before = {"title_code": old_title, "content": old_content}
    if p.record_changes(row, "pledge", pledge_id, before, after, PLEDGE_LABELS):
        p.snap.pledges_by_person[person[1]] = (pledge_id, after["title_code"], after["content"])


PLEDGE_LABELS = {"title_code": "danh hiệu", "content": "nội dung"}

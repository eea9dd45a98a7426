"""Rows of a yearly quality-rating sheet: a person's rating of a year, added or updated."""

from __future__ import annotations

from thidua_desktop.core.enums import RatingLevel
from thidua_desktop.exchange import fields as F
from thidua_desktop.exchange.imports.model import PlanRow, Ref, RowStatus
from thidua_desktop.exchange.imports.planner import BIRTH_DATE, FULL_NAME, Planner, RowReader, SheetPlanner
from thidua_desktop.exchange.values import (
    parse_birth_date,
    parse_rating_level,
    parse_score,
    parse_year,
)


def plan_rating_row(p: Planner, sp: SheetPlanner, reader: RowReader, row: PlanRow, unit: Ref | None) -> None:
    """A person's quality rating of a year: added, or updated when that year is already rated."""
    birth = reader.parsed(BIRTH_DATE, parse_birth_date)
    year = reader.parsed(F.YEAR.code, parse_year) if F.YEAR.code in sp.columns else None
    year = year if year is not None else sp.year
    level = reader.parsed(F.RATING.code, parse_rating_level)
    score = reader.parsed(F.SCORE.code, parse_score)
    notes = reader.text(F.NOTES.code)
    unit_text = reader.text(F.UNIT.code)
    if unit_text:
        unit = p.unit_ref(reader, row, unit_text, create=False)
    row.unit_name = p.unit_name(unit)
    row.detail_parts = (str(year or ""), RatingLevel(level).label if level else "")
    if year is None:
        reader.issue(
            F.YEAR.code if F.YEAR.code in sp.columns else None,
            "Không biết năm xếp loại: hãy thêm cột «Năm» hoặc ghi «năm 2024» trong tiêu đề.",
        )
    if level is None and not reader.has_errors():
        reader.issue(F.RATING.code, "Thiếu mức xếp loại.")
    if reader.has_errors() or year is None or level is None:
        return
    year_only = birth is not None and reader.year_only(BIRTH_DATE)
    person, problem = p.match_person(row.subject, birth, unit, year_only)
    if problem:
        reader.issue(FULL_NAME, problem)
        return
    if person is None or person.id is None:
        reader.issue(
            FULL_NAME,
            f"Không tìm thấy «{row.subject}» trong danh sách cán bộ, đảng viên: hãy nhập danh sách trước.",
        )
        return
    if person.unit_id is not None:
        row.unit_name = p.snap.units.get(person.unit_id, ("", ""))[0]
    key = (person.id, year)
    if key in p.rating_rows:
        reader.issue(
            FULL_NAME,
            f"Đã có xếp loại năm {year} ở dòng {p.rating_rows[key]} của tệp: bỏ qua.",
            "warning",
        )
        row.reason = "Trùng dòng trước."
        return
    p.rating_rows[key] = row.row
    given = {"level": level, "score": score, "notes": notes}
    existing = p.snap.ratings.get(key)
    if existing is None:
        values = {"unit_id": None, "person_id": person.id, "year": year, "is_outstanding": False, **given}
        p.add_insert(row, "quality_rating", values)
        row.action, row.reason = RowStatus.NEW, f"Thêm xếp loại năm {year}."
        return
    rating_id, before = existing
    after = {k: v for k, v in given.items() if v not in (None, "")}  # an empty cell keeps what is there
    p.record_changes(row, "quality_rating", rating_id, before, after, RATING_LABELS, f" năm {year}")


RATING_LABELS = {"level": "mức xếp loại", "score": "điểm", "notes": "ghi chú"}

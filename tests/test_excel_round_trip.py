"""The round trip with the branches: export their workbooks, fill them in as a person would (one in openpyxl, one
also opened in LibreOffice and saved as .xls and .ods), import them back, and the database holds exactly what was
typed; importing again changes nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from soffice_convert import convert

from thidua_desktop.core.enums import SubjectType
from thidua_desktop.core.services.evidence import list_evidence
from thidua_desktop.core.services.persons import list_persons
from thidua_desktop.core.services.pledges import list_pledges
from thidua_desktop.core.services.stats import entity_counts
from thidua_desktop.core.services.units import find_unit_by_name
from thidua_desktop.core.storage.database import Database
from thidua_desktop.exchange.export_forms import PERSON_SHEET, RESULT_SHEET, TARGET_SHEET, export_forms
from thidua_desktop.exchange.fields import KIND_FIELDS, SheetKind
from thidua_desktop.exchange.importer import ImportResult, apply_import, plan_import

TITLE_CODES = {
    "Lao động tiên tiến": "LDTT",
    "Chiến sĩ thi đua cơ sở": "CSTDCS",
    "Chiến sĩ thi đua cấp tỉnh": "CSTD_TINH",
    "Hoàn thành xuất sắc nhiệm vụ": "XL_HTXSNV",
    "Hoàn thành tốt nhiệm vụ": "XL_HTTNV",
}


@dataclass
class Typed:
    """What the branch typed."""

    pledges: dict[str, tuple[str, str]] = field(default_factory=dict)
    """member's name → (title as chosen in the drop-down, pledge content)"""
    new_people: list[tuple[str, object, str, str, str]] = field(default_factory=list)
    """(name, birth date as typed, position, title, content) in the blank rows"""
    target_values: dict[str, float] = field(default_factory=dict)
    """target content → new target value"""
    new_targets: list[tuple[str, float, str, datetime, int]] = field(default_factory=list)
    """(content, value, measure, deadline, phase) in the blank rows"""
    results: dict[str, tuple[float, datetime, str, str]] = field(default_factory=dict)
    """target content → (achieved, date, evidence document, notes)"""


def header_row(ws: Worksheet, kind: SheetKind) -> int:
    wanted = [f.header for f in KIND_FIELDS[kind]]
    for row in range(1, 20):
        if [ws.cell(row, c).value for c in range(1, len(wanted) + 1)] == wanted:
            return row
    raise AssertionError(ws.title)


def rows_by(ws: Worksheet, top: int, column: int) -> dict[str, int]:
    return {
        str(ws.cell(r, column).value): r for r in range(top + 1, ws.max_row + 1) if ws.cell(r, column).value
    }


def first_blank(ws: Worksheet, top: int, column: int) -> int:
    return next(r for r in range(top + 1, ws.max_row + 2) if ws.cell(r, column).value is None)


def fill(path: Path, typed: Typed) -> None:
    """Type into the unlocked cells, the way someone filling the form in Excel would."""
    workbook = load_workbook(path)
    ws = workbook[PERSON_SHEET]
    top = header_row(ws, SheetKind.PERSON_PLEDGES)
    members = rows_by(ws, top, 2)
    for name, (title, content) in typed.pledges.items():
        row = members[name]
        assert not ws.cell(row, 5).protection.locked
        ws.cell(row, 5).value = title
        ws.cell(row, 6).value = content
    for name, birth, position, title, content in typed.new_people:
        row = first_blank(ws, top, 2)
        for column, value in zip((2, 3, 4, 5, 6), (name, birth, position, title, content), strict=True):
            assert not ws.cell(row, column).protection.locked
            ws.cell(row, column).value = value

    ws = workbook[TARGET_SHEET]
    top = header_row(ws, SheetKind.UNIT_TARGETS)
    targets = rows_by(ws, top, 3)
    for content, value in typed.target_values.items():
        ws.cell(targets[content], 4).value = value
    for content, value, measure, deadline, phase in typed.new_targets:
        row = first_blank(ws, top, 3)
        for column, item in zip((3, 4, 5, 6, 7), (content, value, measure, deadline, phase), strict=True):
            ws.cell(row, column).value = item

    ws = workbook[RESULT_SHEET]
    top = header_row(ws, SheetKind.RESULTS)
    results = rows_by(ws, top, 4)
    for content, (achieved, when, document, notes) in typed.results.items():
        row = results[content]
        for column, item in zip((6, 7, 8, 9), (achieved, when, document, notes), strict=True):
            assert not ws.cell(row, column).protection.locked
            ws.cell(row, column).value = item
    workbook.save(path)


def import_back(db: Database, path: Path) -> ImportResult:
    plan = plan_import(db, path)
    assert not plan.errors, [e.to_json() for e in plan.errors]
    assert plan.campaign_id == 1
    # matched by the hidden metadata sheet, which survives LibreOffice's .xls and .ods too
    assert [s.unit_source for s in plan.sheets] == ["meta"] * 3, path.name
    return apply_import(db, plan)


def check(db: Database, unit_name: str, typed: Typed) -> None:
    """The database holds exactly what was typed."""
    unit = find_unit_by_name(db, unit_name)
    assert unit is not None
    people = {p.full_name: p for p in list_persons(db, unit.id)}
    pledges = {p.subject_id: p for p in list_pledges(db, 1) if p.subject_type == SubjectType.PERSON}
    for name, (title, content) in typed.pledges.items():
        pledge = pledges[people[name].id]
        assert (pledge.title_code, pledge.content) == (TITLE_CODES[title], content), name
    for name, birth, position, title, content in typed.new_people:
        person = people[name]
        assert person.birth_date == (birth.date() if isinstance(birth, datetime) else date(1958, 4, 2))
        assert person.position == position and person.unit_id == unit.id
        pledge = pledges[person.id]
        assert (pledge.title_code, pledge.content) == (TITLE_CODES[title], content)
    own = next(
        p for p in list_pledges(db, 1) if p.subject_type == SubjectType.UNIT and p.subject_id == unit.id
    )
    targets = {t.content: t for t in own.targets}
    for content, value in typed.target_values.items():
        assert targets[content].target_value == value
    for content, value, measure, deadline, phase in typed.new_targets:
        target = targets[content]
        assert (target.target_value, target.unit_of_measure, target.deadline, target.phase_number) == (
            value,
            measure,
            deadline.date(),
            phase,
        )
    evidence = list_evidence(db, 1)
    for content, (achieved, when, document, notes) in typed.results.items():
        target = targets[content]
        found = [e for e in evidence if e.target_id == target.id and e.document_ref == document]
        assert len(found) == 1, content
        assert (found[0].achieved_value, found[0].achieved_date, found[0].description) == (
            achieved,
            when.date(),
            notes,
        )


TDP1 = Typed(
    pledges={
        "Phan Văn Bảy": (
            "Chiến sĩ thi đua cơ sở",
            "Gương mẫu, vận động 100% hộ dân treo cờ Tổ quốc; sinh hoạt đầy đủ",
        ),
        "Lương Thị Cúc": ("Lao động tiên tiến", "Hoàn thành tốt nhiệm vụ Phó Bí thư Chi bộ"),
        "Nguyễn Văn Ân": (
            "Hoàn thành xuất sắc nhiệm vụ",
            "- Giữ gìn phẩm chất đạo đức; tuyên truyền người thân",
        ),
    },
    new_people=[
        ("Đoàn Thị Mới", "02/04/1958", "Đảng viên", "Lao động tiên tiến", "Tham gia đầy đủ các phong trào")
    ],
    target_values={"Tỷ lệ hộ dân treo cờ Tổ quốc dịp Tết và kỷ niệm 95 năm thành lập Đảng": 95},
    new_targets=[("Vận động hộ gia đình đăng ký «Gia đình văn hóa»", 95.5, "%", datetime(2025, 12, 31), 2)],
    results={
        "Vận động đóng góp các nguồn quỹ đạt chỉ tiêu giao quý I/2026": (
            105,
            datetime(2025, 10, 15),
            "Báo cáo số 12-BC/CB",
            "Vượt chỉ tiêu",
        ),
        "Vận động đóng góp các nguồn quỹ đạt chỉ tiêu giao quý I/2025": (
            115,
            datetime(2025, 3, 30),
            "Sổ theo dõi quỹ TDP 1",
            "Kết quả thực hiện: vận động đóng góp các nguồn quỹ đạt chỉ tiêu giao quý I/2025",
        ),
    },
)

TDP2 = Typed(
    pledges={
        "Võ Đình Khang": ("Chiến sĩ thi đua cấp tỉnh", "Lãnh đạo chi bộ hoàn thành xuất sắc nhiệm vụ"),
        "Lê Thị Hồng Nhung": ("Hoàn thành tốt nhiệm vụ", "Phụ trách công tác dân vận ở khu dân cư"),
        "Đinh Văn Út": ("Lao động tiên tiến", "Tham gia tổ an ninh tự quản"),
        "Châu Thị Xuân": ("Lao động tiên tiến", "Vận động hội viên phụ nữ tiết kiệm"),
    },
    new_people=[
        (
            "Trịnh Văn Mười",
            datetime(1975, 9, 2),
            "Quần chúng ưu tú",
            "Lao động tiên tiến",
            "Học lớp cảm tình Đảng",
        )
    ],
    results={
        "Tổ chức thành công Đại hội chi bộ nhiệm kỳ 2025-2027": (
            1,
            datetime(2025, 4, 20),
            "Nghị quyết Đại hội Chi bộ TDP 2",
            "Đại hội thành công",
        )
    },
)


@pytest.fixture
def exported(demo_db: Database, tmp_path: Path) -> dict[str, Path]:
    ids = []
    for name in ("Chi bộ Tổ dân phố 1", "Chi bộ Tổ dân phố 2"):
        unit = find_unit_by_name(demo_db, name)
        assert unit is not None and unit.id is not None
        ids.append(unit.id)
    result = export_forms(demo_db, 1, tmp_path / "sent", unit_ids=ids)
    return {"TDP1": result.files[0], "TDP2": result.files[1]}


def test_round_trip_through_openpyxl_and_libreoffice(
    demo_db: Database, exported: dict[str, Path], tmp_path: Path
) -> None:
    before = entity_counts(demo_db)
    pledged_before = {p.subject_id for p in list_pledges(demo_db, 1) if p.subject_type == SubjectType.PERSON}

    # returned file 1: filled in (openpyxl stands in for Excel) and sent back as .xlsx
    tdp1 = exported["TDP1"]
    fill(tdp1, TDP1)
    first = import_back(demo_db, tdp1)
    assert first.errors == []
    check(demo_db, "Chi bộ Tổ dân phố 1", TDP1)

    # returned file 2: filled in, then opened in LibreOffice and saved as .xls and as .ods
    tdp2 = exported["TDP2"]
    fill(tdp2, TDP2)
    profile = tmp_path / "profile"
    [as_xls] = convert([tdp2], "xls", tmp_path / "xls", profile)
    [as_ods] = convert([tdp2], "ods", tmp_path / "ods", profile)
    second = import_back(demo_db, as_xls)
    check(demo_db, "Chi bộ Tổ dân phố 2", TDP2)
    again = import_back(demo_db, as_ods)  # the same content in another format: nothing new
    assert (again.created, again.updated) == (0, 0) and again.unchanged > 0

    # exactly what was typed, nothing else
    after = entity_counts(demo_db)
    typed_names = [n for t in (TDP1, TDP2) for n in [*t.pledges, *(p[0] for p in t.new_people)]]
    ids = {p.full_name: p.id for p in list_persons(demo_db)}
    new_pledges = sum(1 for name in typed_names if ids[name] not in pledged_before)
    assert new_pledges == 8  # Lê Thị Hồng Nhung had registered already: hers is an update
    expected = {"persons": 2, "pledges": new_pledges, "targets": 1, "evidence": 2, "units": 0, "campaigns": 0}
    for key, delta in expected.items():
        assert after[key] - before[key] == delta, key
    assert first.created > 0 and first.updated > 0 and second.created > 0

    # importing the returned files again changes nothing
    for path in (tdp1, as_xls, as_ods):
        plan = plan_import(demo_db, path)
        counts = plan.status_counts()
        assert counts.get("new", 0) == counts.get("update", 0) == 0, (path.name, counts)
    assert entity_counts(demo_db)["pledges"] == after["pledges"]


def test_an_untouched_form_imports_as_unchanged(demo_db: Database, exported: dict[str, Path]) -> None:
    before = entity_counts(demo_db)
    for path in exported.values():
        plan = plan_import(demo_db, path)
        assert not plan.errors and not plan.warnings, [i.to_json() for i in plan.errors + plan.warnings]
        assert {k: v for k, v in plan.status_counts().items() if v} == {"unchanged": plan.rows_read}
        assert [s.unit_source for s in plan.sheets] == ["meta"] * 3
    assert entity_counts(demo_db) == before

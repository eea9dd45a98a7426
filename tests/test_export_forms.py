"""Registration workbooks for the branches: sheets with the canonical headers, members and targets pre-filled,
titles as a drop-down, an instructions sheet, locked headings, and the very hidden metadata sheet."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from thidua_desktop import __version__
from thidua_desktop.core.catalogue import PLEDGE_TITLE_CODES
from thidua_desktop.core.enums import SubjectType
from thidua_desktop.core.errors import ValidationError
from thidua_desktop.core.services.catalogue import list_award_forms
from thidua_desktop.core.services.persons import list_persons
from thidua_desktop.core.services.pledges import list_pledges
from thidua_desktop.core.services.units import find_unit_by_name
from thidua_desktop.core.storage.database import Database
from thidua_desktop.exchange.export_forms import (
    GUIDE_SHEET,
    PERSON_SHEET,
    RESULT_SHEET,
    TARGET_SHEET,
    branch_units,
    export_forms,
    file_slug,
)
from thidua_desktop.exchange.fields import KIND_FIELDS, META_KEYS, META_SHEET, TEMPLATE_VERSION, SheetKind

WHEN = date(2025, 5, 5)
BRANCH = "Chi bộ Tổ dân phố 2"


def unit_id(db: Database, name: str) -> int:
    unit = find_unit_by_name(db, name)
    assert unit is not None and unit.id is not None
    return unit.id


def header_row(ws: Worksheet, kind: SheetKind) -> int:
    wanted = [f.header for f in KIND_FIELDS[kind]]
    for row in range(1, 20):
        if [ws.cell(row, c).value for c in range(1, len(wanted) + 1)] == wanted:
            return row
    raise AssertionError(f"no canonical header in {ws.title}")


def meta_of(path: Path) -> tuple[dict[str, str], dict[str, dict[str, str]], Worksheet]:
    ws = load_workbook(path)[META_SHEET]
    meta: dict[str, str] = {}
    per_sheet: dict[str, dict[str, str]] = {}
    for key, value, sheet in ws.iter_rows(min_col=1, max_col=3, values_only=True):
        if key:
            (per_sheet.setdefault(sheet, {}) if sheet else meta)[key] = value or ""
    return meta, per_sheet, ws


@pytest.fixture
def branch_file(demo_db: Database, tmp_path: Path) -> Path:
    result = export_forms(demo_db, 1, tmp_path / "out", unit_ids=[unit_id(demo_db, BRANCH)], when=WHEN)
    assert len(result.files) == 1
    return result.files[0]


def test_one_file_per_branch_with_readable_names(demo_db: Database, tmp_path: Path) -> None:
    result = export_forms(demo_db, 1, tmp_path / "out", when=WHEN)
    units = branch_units(demo_db, 1)
    assert len(result.files) == len(units) >= 6
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == sorted(p.name for p in result.files)
    assert "Dang ky thi dua - Chi bo To dan pho 2.xlsx" in names
    assert all(name.isascii() for name in names)
    assert (
        file_slug("Đoàn Thanh niên Cộng sản Hồ Chí Minh phường")
        == "Doan Thanh nien Cong san Ho Chi Minh phuong"
    )


def test_sheets_headers_and_members(demo_db: Database, branch_file: Path) -> None:
    workbook = load_workbook(branch_file)
    assert workbook.sheetnames == [PERSON_SHEET, TARGET_SHEET, RESULT_SHEET, GUIDE_SHEET, META_SHEET]
    assert workbook.active.title == PERSON_SHEET
    ws = workbook[PERSON_SHEET]
    top = header_row(ws, SheetKind.PERSON_PLEDGES)
    # the title block names the branch, as the importer's fallback reads it
    block = [ws.cell(r, 1).value for r in range(1, top)]
    assert "CHI BỘ TỔ DÂN PHỐ 2" in block and "ĐẢNG BỘ PHƯỜNG NGUYỄN NGHIÊM" in block
    members = list_persons(demo_db, unit_id(demo_db, BRANCH))
    rows = [[ws.cell(r, c).value for c in range(1, 5)] for r in range(top + 1, top + 1 + len(members))]
    assert rows == [
        [
            i,
            p.full_name,
            datetime.combine(p.birth_date, datetime.min.time()) if p.birth_date else None,
            p.position,
        ]
        for i, p in enumerate(members, start=1)
    ]
    assert ws.cell(top + 1, 3).number_format == "dd/mm/yyyy"
    # blank rows for new members follow, shaded and open
    blank = top + len(members) + 1
    assert ws.cell(blank, 2).value is None and ws.cell(blank, 2).protection.locked is False
    assert ws.cell(blank, 2).fill.fgColor.rgb.endswith("FFF2CC")


def test_targets_and_results_are_prefilled(demo_db: Database, branch_file: Path) -> None:
    workbook = load_workbook(branch_file)
    unit = find_unit_by_name(demo_db, BRANCH)
    assert unit is not None
    pledge = next(
        p for p in list_pledges(demo_db, 1) if p.subject_type == SubjectType.UNIT and p.subject_id == unit.id
    )
    ws = workbook[TARGET_SHEET]
    top = header_row(ws, SheetKind.UNIT_TARGETS)
    found = [[ws.cell(top + i, c).value for c in (2, 3, 4, 5, 7)] for i in range(1, len(pledge.targets) + 1)]
    assert found == [
        [BRANCH, t.content, t.target_value, t.unit_of_measure, t.phase_number] for t in pledge.targets
    ]
    ws = workbook[RESULT_SHEET]
    top = header_row(ws, SheetKind.RESULTS)
    results = {
        ws.cell(r, 4).value: ws.cell(r, 6).value for r in range(top + 1, top + 1 + len(pledge.targets))
    }
    assert results == {t.content: t.achieved_value for t in pledge.targets}


def test_title_drop_down_lists_the_catalogue(demo_db: Database, branch_file: Path) -> None:
    workbook = load_workbook(branch_file)
    ws = workbook[PERSON_SHEET]
    top = header_row(ws, SheetKind.PERSON_PLEDGES)
    lists = [v for v in ws.data_validations.dataValidation if v.type == "list"]
    [title] = [v for v in lists if f"E{top + 1}" in str(v.sqref)]
    assert title.formula1 == f"'{META_SHEET}'!$D$1:$D$5"
    assert title.showErrorMessage and title.error
    wanted = [
        f.name
        for f in list_award_forms(demo_db)
        if f.code in PLEDGE_TITLE_CODES and f.for_person and f.is_active
    ]
    meta_ws = workbook[META_SHEET]
    assert [meta_ws[f"D{i}"].value for i in range(1, len(wanted) + 1)] == wanted
    assert "Lao động tiên tiến" in wanted and "Chiến sĩ thi đua cơ sở" in wanted
    # numbers and dates are checked too; the phase is chosen from the campaign's phases
    kinds = {v.type for v in workbook[TARGET_SHEET].data_validations.dataValidation}
    assert {"list", "decimal", "date"} <= kinds
    assert [meta_ws[f"E{i}"].value for i in (1, 2)] == [1, 2]


def test_headings_are_locked_and_only_inputs_open(branch_file: Path) -> None:
    workbook = load_workbook(branch_file)
    open_columns = {PERSON_SHEET: {5, 6, 7}, TARGET_SHEET: {4, 5, 6, 7, 8}, RESULT_SHEET: {6, 7, 8, 9}}
    kinds = {
        PERSON_SHEET: SheetKind.PERSON_PLEDGES,
        TARGET_SHEET: SheetKind.UNIT_TARGETS,
        RESULT_SHEET: SheetKind.RESULTS,
    }
    for name, columns in open_columns.items():
        ws = workbook[name]
        assert ws.protection.sheet is True
        assert ws.protection.password is None  # branches can lift it if they must
        top = header_row(ws, kinds[name])
        for column in range(1, ws.max_column + 1):
            assert ws.cell(top, column).protection.locked is True
            assert ws.cell(1, column).protection.locked is True
            assert ws.cell(top + 1, column).protection.locked is (column not in columns), (name, column)
        assert ws.freeze_panes == f"C{top + 1}"
        assert ws.page_setup.orientation == "landscape"
        assert ws.print_title_rows == f"${top}:${top}"


def test_hidden_metadata_identifies_campaign_and_branch(demo_db: Database, branch_file: Path) -> None:
    meta, per_sheet, ws = meta_of(branch_file)
    assert ws.sheet_state == "veryHidden"
    assert set(META_KEYS) <= set(meta)
    assert meta["template_version"] == TEMPLATE_VERSION
    assert meta["campaign_id"] == "1"
    assert meta["unit_id"] == str(unit_id(demo_db, BRANCH))
    assert meta["unit_name"] == BRANCH
    assert meta["program_version"] == __version__
    assert datetime.fromisoformat(meta["generated_at"])
    assert per_sheet[PERSON_SHEET]["kind"] == SheetKind.PERSON_PLEDGES.value
    assert per_sheet[GUIDE_SHEET]["role"] == "instructions"
    # the values are text, so "1" never comes back as 1.0
    assert all(ws.cell(r, 2).data_type == "s" for r in range(1, 7))


def test_instructions_sheet_in_vietnamese(branch_file: Path) -> None:
    ws = load_workbook(branch_file)[GUIDE_SHEET]
    text = " ".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    assert "HƯỚNG DẪN ĐIỀN PHIẾU ĐĂNG KÝ THI ĐUA" in text
    for phrase in ("Danh hiệu đăng ký", "ngày/tháng/năm", "gửi lại Ban Tổ chức Đảng ủy", "ô nền vàng"):
        assert phrase in text


def test_one_workbook_for_several_branches(demo_db: Database, tmp_path: Path) -> None:
    ids = [unit_id(demo_db, n) for n in ("Chi bộ Tổ dân phố 1", BRANCH, "Hội Liên hiệp Phụ nữ phường")]
    path = tmp_path / "all.xlsx"
    result = export_forms(demo_db, 1, path, unit_ids=ids, when=WHEN, return_by=date(2025, 5, 20))
    assert result.files == [path]
    workbook = load_workbook(path)
    person_sheets = [n for n in workbook.sheetnames if n.startswith(PERSON_SHEET)]
    assert len(person_sheets) == 3 and all(len(n) <= 31 for n in person_sheets)
    meta, per_sheet, meta_ws = meta_of(path)
    assert meta["unit_id"] == "" and meta["campaign_id"] == "1"
    assert sorted(int(per_sheet[n]["unit_id"]) for n in person_sheets) == sorted(ids)
    # a mass organization writes under the state motto
    women = next(n for n in person_sheets if "Phụ nữ" in n)
    block = [c.value for row in workbook[women].iter_rows(max_row=3) for c in row if c.value]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in block and "Độc lập - Tự do - Hạnh phúc" in block
    # the shared targets sheet: units chosen from a list
    targets = workbook[TARGET_SHEET]
    [units] = [v for v in targets.data_validations.dataValidation if "$F$1" in str(v.formula1)]
    assert [meta_ws[f"F{i}"].value for i in (1, 2, 3)] == [
        "Chi bộ Tổ dân phố 1",
        BRANCH,
        "Hội Liên hiệp Phụ nữ phường",
    ]
    assert units.type == "list"
    guide = " ".join(str(c.value) for row in workbook[GUIDE_SHEET].iter_rows() for c in row if c.value)
    assert "trước ngày 20/05/2025" in guide


def test_unknown_unit_is_refused(demo_db: Database, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="mã số 9999"):
        export_forms(demo_db, 1, tmp_path / "x", unit_ids=[9999])
    assert not (tmp_path / "x").exists()


def test_existing_pledges_are_prefilled(demo_db: Database, tmp_path: Path) -> None:
    pledged = next(p for p in list_pledges(demo_db, 1) if p.subject_type == SubjectType.PERSON)
    person = next(p for p in list_persons(demo_db) if p.id == pledged.subject_id)
    assert person.unit_id is not None
    [path] = export_forms(demo_db, 1, tmp_path / "o", unit_ids=[person.unit_id], when=WHEN).files
    ws = load_workbook(path)[PERSON_SHEET]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == person.full_name)
    assert ws.cell(row, 5).value == pledged.title_name
    assert ws.cell(row, 6).value == pledged.content

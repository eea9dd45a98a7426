"""Real branch sheets that used to be refused, and hostile files (issue 12): totals rows in any column and
encoding, units written as people write them, unknown units proposed as new, text that starts like a formula,
formulas reaching outside the file, sheets too big to make into cells, invisible characters, over-long names,
password-protected workbooks and implausible values. Fixtures: ``tests/make_fixtures.robustness_fixtures``."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from thidua_desktop.cli import main
from thidua_desktop.core.services import persons as person_service
from thidua_desktop.core.services import pledges as pledge_service
from thidua_desktop.core.services import stats
from thidua_desktop.core.services.units import find_unit_by_name, list_units
from thidua_desktop.core.storage.database import Database
from thidua_desktop.exchange.importer import ImportPlan, RowStatus, apply_import, plan_import

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "data" / "import"


def copy(tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copy(FIXTURES / name, target)
    return target


def errors(plan: ImportPlan) -> list[str]:
    return [f"{e.row}{e.column}: {e.message}" for e in plan.errors]


def warnings_at(plan: ImportPlan, row: int, column: str) -> list[str]:
    return [w.message for w in plan.warnings if w.row == row and w.column == column]


# --- 1. totals and signature rows --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["totals_in_ordinal.xlsx", "totals_tcvn3.xlsx", "totals_vni.xlsx", "totals_numbered.xlsx"]
)
def test_totals_and_signature_rows_in_any_column_and_encoding_are_not_people(
    name: str, demo_db: Database, tmp_path: Path
) -> None:
    plan = plan_import(demo_db, copy(tmp_path, name), campaign_id=1)
    assert not plan.errors, errors(plan)
    assert [r.subject for r in plan.rows] == ["Lý Văn Khải", "Âu Thị Ngọc"]


def test_a_template_row_with_a_number_and_no_name_is_skipped_but_one_with_data_is_an_error(
    demo_db: Database, tmp_path: Path
) -> None:
    import openpyxl

    path = copy(tmp_path, "totals_numbered.xlsx")
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.active
    sheet.delete_rows(9)
    sheet.append([3, None, "Đảng viên"])
    sheet.append([4, None, "Đảng viên", "LĐTT"])
    workbook.save(path)
    plan = plan_import(demo_db, path, campaign_id=1)
    assert [(e.row, e.column) for e in plan.errors] == [(10, "B")]
    assert any(w.row == 9 and "bỏ qua" in w.message for w in plan.warnings)


# --- 2. units as people write them -------------------------------------------------------------------------------


def test_units_written_as_people_write_them_are_found(demo_db: Database, tmp_path: Path) -> None:
    plan = plan_import(demo_db, copy(tmp_path, "unit_spellings.xlsx"), campaign_id=1)
    assert not plan.errors, errors(plan)
    assert [r.unit_name for r in plan.rows] == [
        "Ủy ban nhân dân phường Nguyễn Nghiêm",
        "Ủy ban nhân dân phường Nguyễn Nghiêm",
        "Ủy ban Mặt trận Tổ quốc Việt Nam phường",
        "Hội Liên hiệp Phụ nữ phường",
        "Chi bộ Tổ dân phố 5",
        "Chi bộ Tổ dân phố 5",
    ]
    assert not any("mới" in w.message for w in plan.warnings)


def test_the_matcher_is_plain_python_and_names_every_unit_that_fits(demo_db: Database) -> None:
    from thidua_desktop.core.unit_matching import UnitMatcher, UnitName

    units = list_units(demo_db)
    matcher = UnitMatcher(
        [UnitName(u.id, u.name, u.short_name, u.kind, u.parent_id) for u in units], "Nguyễn Nghiêm"
    )
    assert matcher.names(matcher.find("Chi bộ Tổ dân phố số 5")) == ["Chi bộ Tổ dân phố 5"]
    assert matcher.names(matcher.find("TDP 5")) == ["Tổ dân phố 5"]
    assert matcher.find("Chi bộ TDP 15") == []
    assert len(matcher.find("Chi bộ TDP")) == 5
    assert matcher.names(matcher.in_text("BẢN ĐĂNG KÝ THI ĐUA CỦA CHI BỘ TDP SỐ 5")) == [
        "Chi bộ Tổ dân phố 5"
    ]


def test_a_unit_two_units_fit_is_named_with_both_in_the_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "data"
    assert main(["--data-dir", str(folder), "demo", "--json"]) == 0
    capsys.readouterr()
    code = main(["--data-dir", str(folder), "import", str(copy(tmp_path, "unit_ambiguous.xlsx")), "--json"])
    record = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert code == 2
    message = " ".join(e["message"] for e in record["errors"])
    assert "«Chi bộ Tổ dân phố 1»" in message and "«Chi bộ Tổ dân phố 5»" in message


def test_the_plan_asks_which_unit_and_takes_the_answer(demo_db: Database, tmp_path: Path) -> None:
    path = copy(tmp_path, "unit_ambiguous.xlsx")
    plan = plan_import(demo_db, path, campaign_id=1)
    assert len(plan.unit_questions) == 1
    question = plan.unit_questions[0]
    assert question.text == "CHI BỘ TỔ DÂN PHỐ"
    assert "Chi bộ Tổ dân phố 3" in question.candidates
    answered = plan_import(demo_db, path, campaign_id=1, unit_choices={question.text: "Chi bộ Tổ dân phố 3"})
    assert not answered.errors, errors(answered)
    assert answered.sheets[0].unit_name == "Chi bộ Tổ dân phố 3"


# --- 3. unknown units proposed as new ----------------------------------------------------------------------------


def test_an_unknown_branch_in_a_pledge_title_is_proposed_as_new_then_created(
    demo_db: Database, tmp_path: Path
) -> None:
    plan = plan_import(demo_db, copy(tmp_path, "new_unit_pledges.xlsx"), campaign_id=1)
    assert not plan.errors, errors(plan)
    assert any("«Chi bộ Tổ dân phố 9»" in w.message and "thêm mới" in w.message for w in plan.warnings)
    assert find_unit_by_name(demo_db, "Chi bộ Tổ dân phố 9") is None
    apply_import(demo_db, plan)
    unit = find_unit_by_name(demo_db, "Chi bộ Tổ dân phố 9")
    assert unit is not None and unit.kind == "party_cell"
    committee = find_unit_by_name(demo_db, "Đảng ủy phường Nguyễn Nghiêm")
    assert committee is not None and unit.parent_id == committee.id
    people = person_service.find_persons(demo_db, "Hồ Văn Chín")
    assert [p.unit_id for p in people] == [unit.id]
    assert len(pledge_service.list_pledges(demo_db, 1)) > 0


def test_unknown_units_in_a_target_column_are_created_once_with_a_parent(
    demo_db: Database, tmp_path: Path
) -> None:
    before = stats.entity_counts(demo_db)
    plan = plan_import(demo_db, copy(tmp_path, "new_unit_targets.xlsx"), campaign_id=1)
    assert not plan.errors, errors(plan)
    apply_import(demo_db, plan)
    assert stats.entity_counts(demo_db)["units"] == before["units"] + 2
    elders = find_unit_by_name(demo_db, "Hội Người cao tuổi phường")
    assert elders is not None and elders.kind == "mass_organization" and elders.parent_id is not None
    cell = find_unit_by_name(demo_db, "Chi bộ Tổ dân phố 7")
    assert cell is not None and cell.parent_id is not None


# --- 4. formulas and text that looks like one --------------------------------------------------------------------


def test_text_that_starts_like_a_formula_is_kept_verbatim_and_formulas_reaching_out_are_named(
    demo_db: Database, tmp_path: Path
) -> None:
    plan = plan_import(demo_db, copy(tmp_path, "formula_cells.xlsx"), campaign_id=1)
    assert not plan.errors, errors(plan)
    by_row = {r.row: r for r in plan.rows}
    assert by_row[4].detail_parts[1] == "=Hoàn thành tốt nhiệm vụ được giao"
    assert warnings_at(plan, 4, "E") and warnings_at(plan, 5, "C") and warnings_at(plan, 9, "E")
    assert not any("công thức" in w for w in warnings_at(plan, 6, "C"))  # a telephone number
    assert by_row[5].detail_parts[1] == "Hoàn thành tốt nhiệm vụ"
    for row in (6, 7, 8):
        assert any("ngoài tệp" in w for w in warnings_at(plan, row, "E")), row
    apply_import(demo_db, plan)
    positions = {p.full_name: p.position for p in person_service.list_persons(demo_db)}
    assert positions["Nguyễn Văn Mới"] == "+84 905 123 456"


# --- 5. too big to make into cells -------------------------------------------------------------------------------

HOSTILE = [
    ("far_cell.xlsx", "XFD1048576"),
    ("far_cell_xls.xls", "IV65536"),
    ("sparse_million_rows.xlsx", "1.000.000"),
    ("wide_dense.xlsx", "150.000"),
    ("ods_repeated_rows.ods", "150.000"),
    ("ods_repeated_columns.ods", "XFD"),
    ("shared_string_bomb.xlsx", "MB"),
    ("password_protected.xlsx", "mật khẩu"),
]

_MEASURE = """
import json, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
from thidua_desktop.cli import main
code = main(sys.argv[1:])
with open("/proc/self/status", encoding="ascii") as status:
    peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
print(json.dumps({"code": code, "peak_kb": peak, "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


@pytest.mark.parametrize(("name", "words"), HOSTILE)
def test_hostile_files_are_refused_by_name_within_bounded_memory(
    name: str, words: str, tmp_path: Path
) -> None:
    """The whole ``thidua import`` in its own process, capped at 2 GB of address space so that a regression
    fails instead of taking the machine down; its peak resident memory must stay under 400 MB. The peak is the
    process's own high-water mark (``VmHWM``): Linux carries ``ru_maxrss`` over ``exec`` from the forked copy of
    the test process, which in a full run is itself over 400 MB."""
    folder = tmp_path / "data"
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            _MEASURE,
            "--data-dir",
            str(folder),
            "import",
            str(copy(tmp_path, name)),
            "--json",
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        cwd=ROOT,
        check=False,
    )
    lines = result.stdout.strip().splitlines()
    assert lines, result.stderr
    record, report = json.loads(lines[-2]), json.loads(lines[-1])
    assert report["code"] == 2
    assert record["created"] == 0 and record["errors"]
    assert words in record["errors"][0]["message"]
    assert report["peak_kb"] < 400 * 1024, report


def test_a_20000_row_sheet_is_imported_within_bounded_memory(tmp_path: Path) -> None:
    from tests.make_fixtures import big_pledge_sheet

    sheet = big_pledge_sheet(tmp_path / "dang-ky-20000.xlsx")
    folder = tmp_path / "data"
    assert main(["--data-dir", str(folder), "demo", "--json"]) == 0
    result = subprocess.run(
        [sys.executable, "-c", _MEASURE, "--data-dir", str(folder), "import", str(sheet), "--json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        cwd=ROOT,
        check=False,
    )
    lines = result.stdout.strip().splitlines()
    assert lines, result.stderr
    record, report = json.loads(lines[-2]), json.loads(lines[-1])
    assert report["code"] == 0 and record["created"] == 20_000 and not record["errors"]
    assert report["peak_kb"] < 400 * 1024, report


# --- 6. invisible characters and lengths -------------------------------------------------------------------------


def test_invisible_characters_are_stripped_and_over_long_texts_named(
    demo_db: Database, tmp_path: Path
) -> None:
    plan = plan_import(demo_db, copy(tmp_path, "invisible_characters.xlsx"))
    rows = {r.row: r for r in plan.rows}
    assert rows[4].subject == "Lý Văn Khải" and rows[4].action is not RowStatus.NEW
    assert rows[5].subject == "Âu Thị Ngọc" and rows[5].action is not RowStatus.NEW
    assert rows[6].subject == "Nguyễn Văn Mười"
    assert any("250" in e.message and e.column == "E" for e in rows[7].issues if e.level == "error")
    assert any("150" in e.message and e.column == "B" for e in rows[8].issues if e.level == "error")
    assert all(
        not set(r.subject) & {"\u200b", "\ufeff", "\u202e", "\u2066", "\x07", "\x1f"} for r in rows.values()
    )


# --- 7. passwords and implausible values -------------------------------------------------------------------------


def test_a_password_protected_workbook_is_named_as_such(demo_db: Database, tmp_path: Path) -> None:
    from thidua_desktop.exchange.sheet_reader import ImportRejected

    with pytest.raises(ImportRejected, match="tệp có mật khẩu: mở bằng Excel, bỏ mật khẩu rồi gửi lại"):
        plan_import(demo_db, copy(tmp_path, "password_protected.xlsx"))


def test_implausible_dates_are_warnings_not_errors(demo_db: Database, tmp_path: Path) -> None:
    plan = plan_import(demo_db, copy(tmp_path, "implausible_people.xlsx"))
    assert not plan.errors, errors(plan)
    assert warnings_at(plan, 7, "C") and warnings_at(plan, 8, "C") and warnings_at(plan, 10, "C")
    assert any("16" in w for w in warnings_at(plan, 9, "D"))
    apply_import(demo_db, plan)
    born = {p.full_name: p.birth_date for p in person_service.list_persons(demo_db)}
    assert born["Cao Văn Cổ"] is None and born["Kiều Thị Nhuận"] is None and born["Mạc Thị Lịch"] is None


def test_a_target_over_100_percent_is_a_warning(demo_db: Database, tmp_path: Path) -> None:
    plan = plan_import(demo_db, copy(tmp_path, "implausible_targets.xlsx"), campaign_id=1)
    assert not plan.errors, errors(plan)
    assert warnings_at(plan, 4, "C") and warnings_at(plan, 5, "C")

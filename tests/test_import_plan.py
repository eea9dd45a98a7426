"""Planning and applying imports against the demo campaign: preview, confirm, idempotence, all or nothing."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import func, select

from thidua_desktop.core.models import AuditEntry, ColumnMapping, ImportLog, Person
from thidua_desktop.core.services import evidence as evidence_service
from thidua_desktop.core.services import persons as person_service
from thidua_desktop.core.services import pledges as pledge_service
from thidua_desktop.core.services import stats
from thidua_desktop.core.services.units import find_unit_by_name, list_units
from thidua_desktop.core.storage.database import Database
from thidua_desktop.exchange.importer import (
    ImportPlan,
    RowStatus,
    SheetMapping,
    apply_import,
    export_errors,
    find_mapping,
    import_file,
    plan_import,
    result_of,
    save_mapping,
)
from thidua_desktop.exchange.sheet_reader import ImportRejected

FIXTURES = Path(__file__).resolve().parent / "data" / "import"


@pytest.fixture(scope="session")
def big_pledge_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """20,000 rows for Chi bộ Tổ dân phố 5, written once per test session (not committed)."""
    from tests.make_fixtures import big_pledge_sheet

    return big_pledge_sheet(tmp_path_factory.mktemp("big") / "dang-ky-20000.xlsx")


def fixture(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copy(FIXTURES / name, target)
    return target


def person(db: Database, name: str) -> person_service.PersonRecord:
    found = person_service.find_persons(db, name)
    assert len(found) == 1, (name, found)
    return found[0]


def snapshot(db: Database) -> dict[str, Any]:
    """Every row of the tables an import may touch (and the counts of all), to compare before and after."""
    tables = ("unit", "person", "pledge", "target", "evidence", "import_log", "audit_entry", "column_mapping")
    connection = sqlite3.connect(db.paths.database)
    try:
        rows = {t: connection.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in tables}
    finally:
        connection.close()
    return {"rows": rows, "counts": stats.entity_counts(db)}


def statuses(plan: ImportPlan) -> list[tuple[int, str]]:
    return [(r.row, r.status.value) for r in plan.rows]


# --- people -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["xlsx", "xls", "ods"])
def test_people_list_with_two_row_header_preview_then_import(
    suffix: str, demo_db: Database, tmp_path: Path
) -> None:
    path = fixture(f"people_two_row_header.{suffix}", tmp_path)
    before = snapshot(demo_db)
    plan = plan_import(demo_db, path)
    assert snapshot(demo_db) == before  # previewing writes nothing
    assert plan.kind == "people"
    assert plan.sheets[0].unit_name == "Chi bộ Tổ dân phố 5" and plan.sheets[0].unit_source == "title"
    assert statuses(plan) == [(9, "update"), (10, "new"), (12, "new")]
    assert "chức vụ" in plan.rows[0].message

    result = apply_import(demo_db, plan)
    assert (result.rows_read, result.created, result.updated, result.unchanged) == (3, 2, 1, 0)
    tdp5 = find_unit_by_name(demo_db, "Chi bộ Tổ dân phố 5")
    assert tdp5 is not None
    muoi = person(demo_db, "Nguyễn Văn Mười")
    assert (muoi.birth_date, muoi.party_join_date, muoi.party_official_date) == (
        date(1958, 4, 2),
        date(1985, 4, 2),
        date(1986, 4, 2),
    )
    assert (muoi.gender, muoi.party_card_number, muoi.unit_id, muoi.is_party_member) == (
        "male",
        "50.099001",
        tdp5.id,
        True,
    )
    mai = person(demo_db, "Trần Thị Mai")
    assert (mai.birth_date, mai.party_join_date, mai.party_official_date, mai.gender, mai.notes) == (
        date(1960, 1, 1),
        date(1985, 1, 1),
        date(1986, 1, 1),
        "female",
        "Chuyển đến",
    )
    assert person(demo_db, "Lý Văn Khải").position == "Bí thư Chi bộ, Tổ trưởng"
    assert not person_service.find_persons(
        demo_db, "Âu Thị Ngọc Lý Văn Khải"
    )  # the signature block is no data


def test_importing_the_same_file_twice_changes_nothing(demo_db: Database, tmp_path: Path) -> None:
    path = fixture("people_two_row_header.xlsx", tmp_path)
    import_file(demo_db, path)
    before = snapshot(demo_db)
    again = plan_import(demo_db, path)
    assert {r.status for r in again.rows} == {RowStatus.UNCHANGED}
    result = apply_import(demo_db, again)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    after = snapshot(demo_db)
    for table in ("unit", "person", "pledge", "target", "evidence"):
        assert after["rows"][table] == before["rows"][table], table
    assert after["counts"]["audit_entries"] == before["counts"]["audit_entries"] + 1  # the log row only
    assert after["counts"]["imports"] == before["counts"]["imports"] + 1


def test_each_import_is_logged_with_the_file_hash(demo_db: Database, tmp_path: Path) -> None:
    path = fixture("people_two_row_header.xlsx", tmp_path)
    plan = plan_import(demo_db, path)
    apply_import(demo_db, plan)
    with demo_db.session() as session:
        log = session.scalars(select(ImportLog)).one()
    assert (log.file_name, log.sha256, log.kind) == ("people_two_row_header.xlsx", plan.sha256, "people")
    assert (log.rows_read, log.created, log.updated, log.unchanged, log.warnings) == (3, 2, 1, 0, 0)
    assert log.created_at is not None


def test_imported_rows_are_in_the_audit_log(demo_db: Database, tmp_path: Path) -> None:
    import json

    import_file(demo_db, fixture("people_two_row_header.xlsx", tmp_path))
    muoi = person(demo_db, "Nguyễn Văn Mười")
    with demo_db.session() as session:
        entries = list(
            session.scalars(
                select(AuditEntry).where(
                    AuditEntry.table_name == "person", AuditEntry.record_id == str(muoi.id)
                )
            )
        )
        khai_id = session.scalar(select(Person.id).where(Person.full_name == "Lý Văn Khải"))
        updates = list(
            session.scalars(
                select(AuditEntry).where(
                    AuditEntry.table_name == "person", AuditEntry.record_id == str(khai_id)
                )
            )
        )
    assert [e.action for e in entries] == ["insert"]
    after = json.loads(entries[0].after_json)
    assert (
        after["full_name"] == "Nguyễn Văn Mười"
        and after["birth_date"] == "1958-04-02"
        and after["id"] == muoi.id
    )
    assert updates[-1].action == "update"
    assert json.loads(updates[-1].after_json) == {"position": "Bí thư Chi bộ, Tổ trưởng"}
    assert json.loads(updates[-1].before_json) == {"position": "Bí thư Chi bộ"}


def test_synonyms_sections_and_new_units(demo_db: Database, tmp_path: Path) -> None:
    plan = plan_import(demo_db, fixture("people_synonyms.xlsx", tmp_path))
    assert statuses(plan) == [
        (5, "unchanged"),
        (6, "unchanged"),
        (8, "unchanged"),
        (9, "new"),
        (10, "warning"),
    ]
    assert "Tổ dân phố 9" in plan.rows[-1].message and "thêm mới" in plan.rows[-1].message
    apply_import(demo_db, plan)
    assert person(demo_db, "Lê Văn Mới").unit_name == "Chi bộ Tổ dân phố 2"
    assert person(demo_db, "Lê Văn Mới").birth_date == date(1990, 6, 5)
    new_unit = find_unit_by_name(demo_db, "Tổ dân phố 9")
    assert new_unit is not None and new_unit.kind == "residential_group"
    assert person(demo_db, "Phạm Thị Tư").unit_id == new_unit.id


def test_people_are_matched_by_name_and_birth_date_not_by_name_alone(
    demo_db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "namesake.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Họ và tên", "Ngày sinh", "Chức vụ", "Chi bộ"])
    ws.append(["Lý Văn Khải", "04/04/1966", "Bí thư Chi bộ", "Chi bộ Tổ dân phố 5"])  # the same person
    ws.append(["LÝ VĂN KHẢI", "01/01/1990", "Đảng viên", "Chi bộ Tổ dân phố 5"])  # a namesake
    wb.save(path)
    plan = plan_import(demo_db, path)
    assert statuses(plan) == [(2, "unchanged"), (3, "new")]
    apply_import(demo_db, plan)
    assert len(person_service.find_persons(demo_db, "Lý Văn Khải")) == 2
    ambiguous = tmp_path / "ambiguous.xlsx"
    ws.delete_rows(2, 2)
    ws.append(["Lý Văn Khải", None, "Đảng viên", "Chi bộ Tổ dân phố 5"])
    wb.save(ambiguous)
    plan = plan_import(demo_db, ambiguous)
    assert plan.rows[0].status == RowStatus.ERROR and "ngày sinh" in plan.rows[0].message


# --- pledges, targets, results ----------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["xlsx", "xls", "ods"])
def test_pledges_of_a_branch_with_new_people(suffix: str, demo_db: Database, tmp_path: Path) -> None:
    plan = plan_import(demo_db, fixture(f"pledges_tdp5.{suffix}", tmp_path))
    assert plan.kind == "person_pledges" and plan.campaign_id == 1
    assert statuses(plan) == [(8, "new"), (9, "new"), (10, "warning"), (12, "warning")]
    warnings = [w.message for w in plan.warnings]
    assert any("«Nguyễn Văn Mới» chưa có trong cơ sở dữ liệu" in w for w in warnings)
    assert any("«Trần Thị Hai» chưa có" in w for w in warnings)
    result = apply_import(demo_db, plan)
    assert (result.created, result.updated, result.unchanged, len(result.warnings)) == (4, 0, 0, 2)
    by_name = {p.subject_name: p for p in pledge_service.list_pledges(demo_db, 1)}
    assert by_name["Lý Văn Khải"].title_code == "CSTDCS"
    assert by_name["Âu Thị Ngọc"].title_code == "LDTT"
    assert by_name["Trần Thị Hai"].title_code == "XL_HTXSNV"
    new = by_name["Nguyễn Văn Mới"]
    assert (new.title_code, new.content, new.source, new.source_file, new.source_row) == (
        "LDTT",
        "Gương mẫu nơi cư trú",
        "import",
        f"pledges_tdp5.{suffix}",
        10,
    )
    assert new.unit_name == "Chi bộ Tổ dân phố 5"
    assert person(demo_db, "Nguyễn Văn Mới").birth_date == date(1958, 4, 2)
    assert person(demo_db, "Lý Văn Khải").birth_date == date(
        1966, 4, 4
    )  # "1966" alone matched, not overwritten


def test_a_changed_pledge_is_an_update(demo_db: Database, tmp_path: Path) -> None:
    path = fixture("pledges_tdp5.xlsx", tmp_path)
    import_file(demo_db, path)
    wb = openpyxl.load_workbook(path)
    wb.active["E8"] = "Lao động tiên tiến"
    wb.save(path)
    plan = plan_import(demo_db, path)
    assert statuses(plan)[0] == (8, "update") and "danh hiệu" in plan.rows[0].message
    assert [s for _r, s in statuses(plan)[1:]] == ["unchanged"] * 3
    apply_import(demo_db, plan)
    khai = next(p for p in pledge_service.list_pledges(demo_db, 1) if p.subject_name == "Lý Văn Khải")
    assert khai.title_code == "LDTT"


def test_the_unit_can_come_from_the_hidden_metadata_sheet(demo_db: Database, tmp_path: Path) -> None:
    plan = plan_import(demo_db, fixture("own_template.xlsx", tmp_path))
    assert plan.sheets[0].unit_name == "Chi bộ Tổ dân phố 4" and plan.sheets[0].unit_source == "meta"
    assert statuses(plan) == [(4, "new"), (5, "unchanged")]
    assert "để trống" in plan.rows[1].message


def test_the_unit_chosen_by_the_user(demo_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "no-unit.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Họ và tên", "Danh hiệu đăng ký", "Nội dung đăng ký"])
    ws.append(["Người Mới Hoàn Toàn", "LĐTT", "Hoàn thành tốt nhiệm vụ"])
    wb.save(path)
    plan = plan_import(demo_db, path)
    assert plan.has_errors and "không biết thuộc đơn vị nào" in plan.errors[0].message
    plan = plan_import(demo_db, path, unit_name="chi bo to dan pho 3")
    assert not plan.has_errors and plan.sheets[0].unit_source == "user"
    apply_import(demo_db, plan)
    assert person(demo_db, "Người Mới Hoàn Toàn").unit_name == "Chi bộ Tổ dân phố 3"
    plan = plan_import(demo_db, path, unit_name="Chi bộ không có")
    assert plan.has_errors and "Không tìm thấy đơn vị «Chi bộ không có»" in plan.errors[0].message


def test_targets_with_percentages_numbers_deadlines_and_phases(demo_db: Database, tmp_path: Path) -> None:
    plan = plan_import(demo_db, fixture("targets.xlsx", tmp_path))
    assert plan.kind == "unit_targets"
    assert statuses(plan) == [(4, "unchanged"), (5, "new"), (6, "new"), (7, "new"), (8, "update")]
    apply_import(demo_db, plan)
    targets = {(t.subject_name, t.content): t for t in pledge_service.list_targets(demo_db, 1)}
    plastic = targets[("Chi bộ Tổ dân phố 5", "Vận động hội viên thu gom rác thải nhựa")]
    assert (plastic.target_value, plastic.unit_of_measure, plastic.deadline, plastic.phase_number) == (
        90.0,
        "%",
        date(2025, 12, 1),
        2,
    )
    families = targets[("Chi bộ Tổ dân phố 4", "Số hộ đạt danh hiệu Gia đình văn hóa")]
    assert (families.target_value, families.deadline, families.phase_number) == (
        1234.0,
        date(2025, 12, 31),
        2,
    )
    rating = targets[("Chi bộ Tổ dân phố 3", "Tỷ lệ đảng viên được đánh giá, xếp loại")]
    assert (rating.target_value, rating.deadline) == (90.5, date(2025, 12, 31))
    congress = targets[("Chi bộ Tổ dân phố 5", "Tổ chức thành công Đại hội chi bộ nhiệm kỳ 2025-2027")]
    assert congress.target_value == 2.0


def test_results_become_unverified_evidence(demo_db: Database, tmp_path: Path) -> None:
    before = len(evidence_service.list_evidence(demo_db, 1))
    plan = plan_import(demo_db, fixture("results.xlsx", tmp_path))
    assert plan.kind == "results"
    assert statuses(plan) == [(4, "new"), (5, "new"), (6, "unchanged")]  # row 6: phase told by the date
    apply_import(demo_db, plan)
    found = evidence_service.list_evidence(demo_db, 1)
    assert len(found) == before + 2
    flag = next(e for e in found if e.document_ref == "Báo cáo số 12-BC/CB ngày 05/02/2025")
    assert (flag.achieved_value, flag.achieved_date, flag.status, flag.subject_name) == (
        98.5,
        date(2025, 2, 5),
        "unverified",
        "Chi bộ Tổ dân phố 5",
    )
    assert flag.description == "Theo báo cáo của chi bộ"
    assert plan_import(demo_db, fixture("results.xlsx", tmp_path)).count(RowStatus.UNCHANGED) == 3


# --- legacy encodings -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["legacy_tcvn3.xlsx", "legacy_tcvn3.xls", "legacy_vni.xlsx", "legacy_vni.ods"]
)
def test_tcvn3_and_vni_sheets_are_read_as_unicode(name: str, demo_db: Database, tmp_path: Path) -> None:
    plan = plan_import(demo_db, fixture(name, tmp_path))
    assert plan.sheets[0].name == "Đăng ký"
    assert plan.sheets[0].unit_name == "Chi bộ Tổ dân phố 5"
    assert [r.subject for r in plan.rows] == [
        "Lý Văn Khải",
        "Âu Thị Ngọc",
        "Nguyễn Văn Tùng",
        "Đặng Thị Hường",
    ]
    assert statuses(plan) == [(6, "new"), (7, "new"), (8, "warning"), (9, "warning")]
    apply_import(demo_db, plan)
    by_name = {p.subject_name: p for p in pledge_service.list_pledges(demo_db, 1)}
    assert by_name["Đặng Thị Hường"].content == "Vận động gia đình phân loại rác tại nguồn"
    assert by_name["Nguyễn Văn Tùng"].title_code == "LDTT"
    assert person(demo_db, "Nguyễn Văn Tùng").position == "Đảng viên"


# --- bad input: all or nothing ----------------------------------------------------------------------------------


def test_text_that_looks_like_a_formula_is_kept_verbatim_with_warnings(
    demo_db: Database, tmp_path: Path
) -> None:
    plan = plan_import(demo_db, fixture("formulas.xlsx", tmp_path))
    assert statuses(plan) == [(4, "warning"), (5, "warning"), (6, "warning"), (7, "warning")]
    assert not plan.errors
    cells = [(w.row, w.column) for w in plan.warnings if "công thức" in w.message]
    assert cells == [(4, "E"), (5, "C"), (6, "E"), (7, "E")]
    apply_import(demo_db, plan)
    contents = {p.subject_name: p.content for p in pledge_service.list_pledges(demo_db, 1)}
    assert contents["Lý Văn Khải"] == '=HYPERLINK("http://example.com","Bấm vào đây")'
    assert contents["Nguyễn Văn Mới"] == "+cmd|' /C calc'!A0"


def _with_an_error(tmp_path: Path) -> Path:
    """formulas.xlsx (warnings) with a title the catalogue does not have in row 4 (an error)."""
    path = fixture("formulas.xlsx", tmp_path)
    wb = openpyxl.load_workbook(path)
    wb.active["D4"] = "Anh hùng lao động"
    wb.save(path)
    return path


def test_one_bad_row_among_good_ones_writes_nothing(demo_db: Database, tmp_path: Path) -> None:
    path = fixture("pledges_tdp5.xlsx", tmp_path)
    wb = openpyxl.load_workbook(path)
    wb.active["E12"] = "Anh hùng lao động"
    wb.save(path)
    before = snapshot(demo_db)
    with pytest.raises(ImportRejected) as caught:
        import_file(demo_db, path)
    assert caught.value.errors == [
        {
            "sheet": "Đăng ký",
            "row": 12,
            "column": "E",
            "message": "Danh hiệu «Anh hùng lao động» không có trong danh mục.",
        }
    ]
    assert snapshot(demo_db) == before


def test_a_plan_made_before_the_data_changed_is_refused(demo_db: Database, tmp_path: Path) -> None:
    plan = plan_import(demo_db, fixture("pledges_tdp5.xlsx", tmp_path))
    khai = person(demo_db, "Lý Văn Khải")
    khai.notes = "sửa trong lúc xem trước"
    person_service.save_person(demo_db, khai)
    before = snapshot(demo_db)
    with pytest.raises(ImportRejected, match="xem trước lại"):
        apply_import(demo_db, plan)
    assert snapshot(demo_db) == before


def test_a_write_that_fails_half_way_rolls_everything_back(demo_db: Database, tmp_path: Path) -> None:
    plan = plan_import(demo_db, fixture("pledges_tdp5.xlsx", tmp_path))
    before = snapshot(demo_db)

    class Stop(Exception):
        pass

    class Progress:
        calls = 0

        def update(self, done: int, total: int = 0, text: str = "") -> None:
            self.calls += 1
            if self.calls == 2:  # after the people were inserted, before the pledges
                raise Stop

    with pytest.raises(Stop):
        apply_import(demo_db, plan, Progress())
    assert snapshot(demo_db) == before


def test_headers_that_match_no_kind_ask_for_a_mapping(demo_db: Database, tmp_path: Path) -> None:
    path = fixture("no_header.xlsx", tmp_path)
    plan = plan_import(demo_db, path)
    assert plan.needs_mapping and plan.has_errors
    assert plan.errors[0].sheet == "Trang1" and plan.errors[0].row == 3
    assert "Không nhận ra dòng tiêu đề" in plan.errors[0].message
    sheet = plan.unrecognised[0]
    assert sheet.header_row == 2 and sheet.preview[2][:2] == ["Cột 1", "Cột 2"] and sheet.width == 4

    mapping = SheetMapping("people", 2, {1: "full_name", 2: "birth_date", 3: "position"})
    mapped = plan_import(demo_db, path, mapping=mapping, unit_name="Chi bộ Tổ dân phố 5")
    assert statuses(mapped) == [(4, "unchanged"), (5, "new")]

    save_mapping(demo_db, sheet.signature, mapping)
    assert find_mapping(demo_db, sheet.signature) == SheetMapping(
        "people", -1, {1: "full_name", 2: "birth_date", 3: "position"}
    )
    remembered = plan_import(demo_db, path, unit_name="Chi bộ Tổ dân phố 5")
    assert statuses(remembered) == [(4, "unchanged"), (5, "new")] and remembered.sheets[0].from_mapping
    save_mapping(demo_db, sheet.signature, SheetMapping("people", 2, {1: "full_name", 3: "position"}))
    with demo_db.session() as session:
        assert session.scalar(select(func.count()).select_from(ColumnMapping)) == 1


def test_a_mapping_without_the_required_fields_is_refused(demo_db: Database, tmp_path: Path) -> None:
    plan = plan_import(
        demo_db, fixture("no_header.xlsx", tmp_path), mapping=SheetMapping("people", 2, {2: "birth_date"})
    )
    assert plan.has_errors and "Họ và tên" in plan.errors[0].message


def test_the_errors_list_exports_to_xlsx(demo_db: Database, tmp_path: Path) -> None:
    plan = plan_import(demo_db, _with_an_error(tmp_path))
    target = export_errors(plan, tmp_path / "out" / "loi.xlsx")
    sheet = openpyxl.load_workbook(target).active
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    assert rows[0] == ["STT", "Trang", "Dòng", "Cột", "Mức độ", "Nội dung"]
    assert rows[1][1:5] == ["Đăng ký", 4, "D", "Lỗi"]
    assert {r[4] for r in rows[2:]} == {"Cảnh báo"} and len(rows) > 4
    assert all(sheet.cell(r, 6).data_type == "s" for r in range(4, 4 + len(rows) - 1))


def test_the_result_json_contract(demo_db: Database, tmp_path: Path) -> None:
    data = result_of(plan_import(demo_db, _with_an_error(tmp_path))).to_json()
    assert list(data) == [
        "file",
        "kind",
        "rows_read",
        "created",
        "updated",
        "unchanged",
        "warnings",
        "errors",
    ]
    assert data["errors"][0] == {
        "sheet": "Đăng ký",
        "row": 4,
        "column": "D",
        "message": data["errors"][0]["message"],
    }


def test_a_campaign_is_needed_for_pledges(db: Database, tmp_path: Path) -> None:
    plan = plan_import(db, fixture("pledges_tdp5.xlsx", tmp_path))
    assert plan.has_errors and "phong trào" in plan.errors[0].message
    assert not list_units(db)


# --- many rows --------------------------------------------------------------------------------------------------


def test_twenty_thousand_rows(demo_db: Database, big_pledge_file: Path) -> None:
    import time

    started = time.perf_counter()
    plan = plan_import(demo_db, big_pledge_file)
    assert plan.rows_read == 20_000 and not plan.has_errors
    result = apply_import(demo_db, plan)
    elapsed = time.perf_counter() - started
    assert (result.created, len(result.warnings)) == (20_000, 20_000)
    counts = stats.entity_counts(demo_db)
    assert counts["pledges"] >= 20_000
    again = plan_import(demo_db, big_pledge_file)
    assert again.count(RowStatus.UNCHANGED) == 20_000
    assert elapsed < 60, elapsed

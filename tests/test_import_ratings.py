"""Annual quality ratings sent by the branches (danh sách xếp loại chất lượng đảng viên): preview, write, again."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from thidua_desktop.cli import main
from thidua_desktop.core.services import persons as person_service
from thidua_desktop.core.services.records import RatingRecord, list_ratings
from thidua_desktop.core.storage.database import Database
from thidua_desktop.exchange.importer import RowStatus, apply_import, plan_import

FIXTURES = Path(__file__).resolve().parent / "data" / "import"


def copy(tmp_path: Path, name: str = "ratings_tdp5.xlsx") -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    target = tmp_path / name
    shutil.copy(FIXTURES / name, target)
    return target


def ratings_of(db: Database, name: str) -> dict[int, RatingRecord]:
    (person,) = person_service.find_persons(db, name)
    return {r.year or 0: r for r in list_ratings(db, "person", person.id)}


def without_unknown_person(tmp_path: Path) -> Path:
    """The fixture with the row of the person the database does not have taken out (as the office would)."""
    path = copy(tmp_path)
    workbook = openpyxl.load_workbook(path)
    workbook.active.delete_rows(9)
    workbook.save(path)
    return path


def test_preview_finds_kind_unit_year_and_each_row(demo_db: Database, tmp_path: Path) -> None:
    plan = plan_import(demo_db, copy(tmp_path))
    (sheet,) = plan.sheets
    assert (sheet.kind, sheet.unit_name, sheet.unit_source) == ("ratings", "Chi bộ Tổ dân phố 5", "title")
    rows = {r.subject: r for r in plan.rows}
    assert rows["Lý Văn Khải"].status == RowStatus.UPDATE
    assert (
        rows["Lý Văn Khải"].details == "2024; Hoàn thành xuất sắc nhiệm vụ"
    )  # 2024 from the title, not 2025
    assert "mức xếp loại, điểm, ghi chú năm 2024" in rows["Lý Văn Khải"].reason
    assert rows["Âu Thị Ngọc"].status == RowStatus.UPDATE and "điểm" in rows["Âu Thị Ngọc"].reason
    unknown = rows["Người Không Có"]
    assert unknown.status == RowStatus.ERROR
    (error,) = unknown.issues
    assert (error.sheet, error.row, error.column) == ("Xếp loại", 9, "B")
    assert "Không tìm thấy «Người Không Có»" in error.message
    assert plan.rows_read == 3  # the totals row is not a person
    assert ratings_of(demo_db, "Lý Văn Khải")[2024].level == "good"  # previewing wrote nothing


def test_import_writes_the_ratings_and_a_second_import_changes_nothing(
    demo_db: Database, tmp_path: Path
) -> None:
    path = without_unknown_person(tmp_path)
    result = apply_import(demo_db, plan_import(demo_db, path))
    assert (result.created, result.updated, result.unchanged) == (0, 2, 0)
    khai = ratings_of(demo_db, "Lý Văn Khải")[2024]
    assert (khai.level, khai.score, khai.notes) == ("excellent", 92.5, "Tiêu biểu")
    ngoc = ratings_of(demo_db, "Âu Thị Ngọc")[2024]
    assert (ngoc.level, ngoc.score, ngoc.notes) == ("good", 85, "")
    again = apply_import(demo_db, plan_import(demo_db, path))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_a_year_column_adds_one_rating_per_year(demo_db: Database, tmp_path: Path) -> None:
    """Headers without diacritics, a «Nam» column, two years of one person, the branch named in a unit column."""
    path = tmp_path / "xep-loai-nhieu-nam.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["stt", "ho va ten", "ngay sinh", "chi bo", "nam", "xep loai"])
    sheet.append([1, "Âu Thị Ngọc", "08/08/1987", "Chi bộ Tổ dân phố 5", 2022, "Hoàn thành tốt nhiệm vụ"])
    sheet.append([2, "Âu Thị Ngọc", "08/08/1987", "Chi bộ Tổ dân phố 5", "2023", "HTXSNV"])
    sheet.append([3, "Âu Thị Ngọc", "08/08/1987", "Chi bộ Tổ dân phố 5", "2023", "HTXSNV"])
    workbook.save(path)
    plan = plan_import(demo_db, path)
    assert plan.kind == "ratings" and not plan.has_errors
    assert [r.status for r in plan.rows] == [RowStatus.NEW, RowStatus.NEW, RowStatus.WARNING]
    assert "Đã có xếp loại năm 2023 ở dòng 3" in plan.rows[2].message
    apply_import(demo_db, plan)
    years = ratings_of(demo_db, "Âu Thị Ngọc")
    assert {year: r.level for year, r in years.items() if year in (2022, 2023)} == {
        2022: "good",
        2023: "excellent",
    }


def test_a_sheet_without_any_year_says_where_to_put_it(demo_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "khong-nam.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Họ và tên", "Chi bộ", "Xếp loại"])
    sheet.append(["Âu Thị Ngọc", "Chi bộ Tổ dân phố 5", "HTXSNV"])
    workbook.save(path)
    plan = plan_import(demo_db, path)
    (error,) = plan.errors
    assert error.row == 2 and "hãy thêm cột «Năm» hoặc ghi «năm 2024» trong tiêu đề" in error.message


def test_cli_imports_ratings_and_rejects_a_file_with_an_unknown_person(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "data"
    assert main(["--data-dir", str(folder), "demo", "--json"]) == 0
    capsys.readouterr()

    def run(path: Path) -> tuple[int, dict[str, object]]:
        code = main(["--data-dir", str(folder), "import", str(path), "--json"])
        (record,) = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]
        return code, record

    code, rejected = run(copy(tmp_path))
    assert code == 2 and rejected["kind"] == "ratings" and rejected["created"] == 0
    errors = rejected["errors"]
    assert isinstance(errors, list) and (errors[0]["row"], errors[0]["column"]) == (9, "B")
    code, imported = run(without_unknown_person(tmp_path / "sua"))
    assert code == 0 and (imported["updated"], imported["errors"]) == (2, [])

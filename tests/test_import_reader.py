"""Reading files safely, and finding the table in real-world sheets."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from thidua_desktop.exchange.fields import SheetKind
from thidua_desktop.exchange.header_detect import (
    detect_header,
    header_signature,
    is_numbering_row,
    is_signature_row,
    is_totals_row,
    iter_data_rows,
)
from thidua_desktop.exchange.sheet_reader import ImportRejected, column_letter, place, read_workbook

FIXTURES = Path(__file__).resolve().parent / "data" / "import"


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("not_a_spreadsheet.xlsx", "không phải là bảng tính"),
        ("empty.xlsx", "tệp rỗng"),
        ("blank_workbook.xlsx", "không có dữ liệu"),
        ("word_document.xlsx", "văn bản Word"),
        ("xml_bomb.xlsx", "bom nén"),
        ("billion_laughs.xlsx", "bom XML"),
    ],
)
def test_bad_files_are_rejected_with_a_vietnamese_message_naming_the_file(name: str, words: str) -> None:
    with pytest.raises(ImportRejected) as caught:
        read_workbook(FIXTURES / name)
    error = caught.value
    assert error.message.startswith(f"Tệp «{name}»: ")
    assert words in error.message
    assert error.errors and error.errors[0]["message"][0].isupper()


def test_a_missing_file_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(ImportRejected, match="không tìm thấy tệp"):
        read_workbook(tmp_path / "khong-co.xlsx")


def test_a_truncated_workbook_is_rejected(tmp_path: Path) -> None:
    broken = tmp_path / "hong.xlsx"
    broken.write_bytes((FIXTURES / "pledges_tdp5.xlsx").read_bytes()[:2000])
    with pytest.raises(ImportRejected, match="hỏng"):
        read_workbook(broken)


def test_the_file_type_comes_from_its_bytes_not_its_name(tmp_path: Path) -> None:
    renamed = tmp_path / "dang-ky.ods"
    shutil.copy(FIXTURES / "pledges_tdp5.xls", renamed)
    workbook = read_workbook(renamed)
    assert workbook.format == "xls"
    assert workbook.sheets[0].cell(7, 1) == "Lý Văn Khải"


@pytest.mark.parametrize("suffix", ["xlsx", "xls", "ods"])
def test_every_format_reads_the_same_cells(suffix: str) -> None:
    workbook = read_workbook(FIXTURES / f"people_two_row_header.{suffix}")
    sheet = workbook.sheets[0]
    assert sheet.name == "Danh sách"
    assert sheet.cell(1, 0) == "CHI BỘ TỔ DÂN PHỐ 5"
    assert sheet.cell(8, 1) == "Lý Văn Khải"
    assert sheet.cell(8, 2) in (date(1966, 4, 4),) or str(sheet.cell(8, 2)).startswith("1966-04-04")
    assert len(workbook.sha256) == 64


def test_legacy_fonts_are_read_from_xlsx_styles() -> None:
    sheet = read_workbook(FIXTURES / "legacy_tcvn3.xlsx").sheets[0]
    assert sheet.fonts[(5, 1)] == ".VnTime"
    assert sheet.fonts[(1, 0)] == ".VnTimeH"
    assert sheet.name == "Đăng ký"  # the sheet name was typed in TCVN3 too


def test_the_hidden_metadata_sheet_is_read_not_imported() -> None:
    workbook = read_workbook(FIXTURES / "own_template.xlsx")
    assert workbook.meta == {"template_version": "1", "campaign_id": "1", "unit_name": "Chi bộ Tổ dân phố 4"}
    assert [s.name for s in workbook.sheets] == ["Đăng ký cá nhân"]


def test_places_name_file_sheet_row_and_column() -> None:
    assert place("a.xlsx", "Trang 1", 5, 2) == "Tệp «a.xlsx», trang «Trang 1», dòng 5, cột C"
    assert [column_letter(i) for i in (0, 25, 26, 27, 51, 52)] == ["A", "Z", "AA", "AB", "AZ", "BA"]


# --- header detection ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["xlsx", "xls", "ods"])
def test_two_row_merged_header_under_a_title_block(suffix: str) -> None:
    sheet = read_workbook(FIXTURES / f"people_two_row_header.{suffix}").sheets[0]
    match = detect_header(sheet.rows, merged=sheet.merged)
    assert match is not None
    assert match.kind == SheetKind.PEOPLE
    assert (match.header_row, match.header_height) == (5, 2)
    assert match.columns == {
        0: "ordinal",
        1: "full_name",
        2: "birth_date",
        3: "party_join_date",
        4: "party_official_date",
        5: "gender",
        6: "party_card_number",
        7: "position",
        8: "notes",
    }
    assert match.data_start == 8  # after the "(1) (2) (3)" row
    rows = [index + 1 for index, _values in iter_data_rows(sheet.rows, match)]
    assert rows == [9, 10, 12]  # blank row 11 and totals row 13 skipped, signature block from row 15 ignored


def test_headers_without_diacritics_in_any_case_and_with_synonyms() -> None:
    sheet = read_workbook(FIXTURES / "people_synonyms.xlsx").sheets[0]
    match = detect_header(sheet.rows)
    assert match is not None and match.kind == SheetKind.PEOPLE
    assert match.columns == {
        0: "ordinal",
        1: "full_name",
        2: "birth_date",
        3: "gender",
        4: "party_join_date",
        5: "position",
        6: "unit",
    }


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("pledges_tdp5.xlsx", SheetKind.PERSON_PLEDGES),
        ("targets.xlsx", SheetKind.UNIT_TARGETS),
        ("results.xlsx", SheetKind.RESULTS),
        ("legacy_tcvn3.xlsx", None),
    ],
)
def test_the_kind_is_recognised_from_the_headers(name: str, kind: SheetKind | None) -> None:
    sheet = read_workbook(FIXTURES / name).sheets[0]
    match = detect_header(sheet.rows)
    if kind is None:  # legacy headers are only readable once decoded (the importer decodes the head first)
        return
    assert match is not None and match.kind == kind


def test_the_kind_can_be_forced() -> None:
    sheet = read_workbook(FIXTURES / "pledges_tdp5.xlsx").sheets[0]
    match = detect_header(sheet.rows, kind=SheetKind.PEOPLE)
    assert match is not None and match.kind == SheetKind.PEOPLE
    assert match.column_of("full_name") == 1
    assert detect_header(sheet.rows, kind=SheetKind.UNIT_TARGETS) is None


def test_unrecognisable_headers_give_no_match() -> None:
    sheet = read_workbook(FIXTURES / "no_header.xlsx").sheets[0]
    assert detect_header(sheet.rows) is None


def test_row_shapes() -> None:
    assert is_numbering_row(["(1)", "(2)", "(3)", ""])
    assert is_numbering_row([1, 2, 3, 4])
    assert is_numbering_row(["A", "B", "C"])
    assert not is_numbering_row([1, "Lý Văn Khải", "04/04/1966"])
    assert is_totals_row(["Tổng cộng", "", 5])
    assert is_totals_row(["", "Cộng", ""])
    assert is_totals_row(["TỔNG SỐ: 12 đảng viên"])
    assert not is_totals_row([1, "Công Tằng Tôn Nữ Hoa", ""])
    assert is_signature_row(["", "NGƯỜI LẬP BIỂU", "", "T/M CHI BỘ"])
    assert is_signature_row(["", "", "Nguyễn Nghiêm, ngày 10 tháng 9 năm 2024"])
    assert is_signature_row(["", "", "BÍ THƯ"])
    assert not is_signature_row([3, "Lý Văn Khải", "Bí thư Chi bộ"])


def test_header_signatures_ignore_case_and_diacritics() -> None:
    one = [["Cột 1", "Cột 2"], [1, 2]]
    two = [["COT 1", "cot 2", ""], [1, 2]]
    assert header_signature(one, 0) == header_signature(two, 0)
    assert header_signature(one, 0) != header_signature([["Cột 2", "Cột 1"]], 0)


def test_a_totals_row_and_signature_block_end_a_table_without_numbers(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    for row in (
        ["Họ và tên", "Danh hiệu đăng ký", "Nội dung đăng ký"],
        ["Lý Văn Khải", "LĐTT", "Hoàn thành tốt"],
        ["", "", ""],
        ["Âu Thị Ngọc", "LĐTT", "Hoàn thành tốt"],
        ["Tổng cộng", "2", ""],
        ["", "", "Nguyễn Nghiêm, ngày 02 tháng 10 năm 2024"],
        ["", "", "BÍ THƯ"],
        ["", "", "Lý Văn Khải"],
    ):
        ws.append(row)
    path = tmp_path / "s.xlsx"
    wb.save(path)
    sheet = read_workbook(path).sheets[0]
    match = detect_header(sheet.rows)
    assert match is not None and match.kind == SheetKind.PERSON_PLEDGES
    assert [index + 1 for index, _values in iter_data_rows(sheet.rows, match)] == [2, 4]

"""Write the sample branch sheet the smoke test imports: ``resources/sample/dang-ky-thi-dua-chi-bo-tdp1.xlsx``.

A personal-pledge sheet as a Party cell sends it in: the cell's name in the title block (no unit column), a header
row under a title, dates typed as text by some and as real dates by others. The people are the demo campaign's
members of Chi bộ Tổ dân phố 1, so that importing it into the demo data updates their pledges.

    uv run python packaging/make_sample.py
"""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "resources" / "sample" / "dang-ky-thi-dua-chi-bo-tdp1.xlsx"

TITLE_BLOCK = [
    ("ĐẢNG BỘ PHƯỜNG NGUYỄN NGHIÊM", "ĐẢNG CỘNG SẢN VIỆT NAM"),
    ("CHI BỘ TỔ DÂN PHỐ 1", ""),
    ("", ""),
    ("BẢN ĐĂNG KÝ THI ĐUA CÁ NHÂN NĂM 2025", ""),
]
HEADER = ("STT", "Họ và tên", "Ngày sinh", "Chức vụ", "Danh hiệu đăng ký", "Nội dung đăng ký", "Ghi chú")
ROWS: list[tuple[object, ...]] = [
    (
        1,
        "Phan Văn Bảy",
        "19/05/1950",
        "Bí thư Chi bộ",
        "Hoàn thành xuất sắc nhiệm vụ",
        "Lãnh đạo chi bộ hoàn thành 100% chỉ tiêu; vận động 100% hộ treo cờ dịp lễ, Tết",
        "",
    ),
    (
        2,
        "Lương Thị Cúc",
        date(1962, 8, 19),
        "Phó Bí thư Chi bộ",
        "Hoàn thành xuất sắc nhiệm vụ",
        "Phụ trách công tác dân vận; không để phát sinh đơn thư vượt cấp",
        "",
    ),
    (
        3,
        "Nguyễn Văn Ân",
        "01/01/1947",
        "Đảng viên",
        "Hoàn thành tốt nhiệm vụ",
        "Tham gia đầy đủ sinh hoạt chi bộ; gương mẫu giữ gìn vệ sinh khu phố",
        "Cao tuổi",
    ),
    (
        4,
        "Trần Thị Ơn",
        "07/11/1955",
        "Đảng viên",
        "Hoàn thành tốt nhiệm vụ",
        "Tham gia tổ hòa giải; vận động hộ gia đình phân loại rác tại nguồn",
        "",
    ),
]
FOOTER = [("", "Người lập biểu", "", "", "", "T/M CHI BỘ", ""), ("", "", "", "", "", "BÍ THƯ", "")]


def build(target: Path = TARGET) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Đăng ký cá nhân"
    for left, right in TITLE_BLOCK:
        sheet.append([left, "", "", "", "", right, ""])
    sheet.append([])
    sheet.append(list(HEADER))
    header_row = sheet.max_row
    for row in ROWS:
        sheet.append(list(row))
    last_row = sheet.max_row
    sheet.append([])
    for row in FOOTER:
        sheet.append(list(row))

    bold = Font(name="Times New Roman", bold=True, size=12)
    thin = Side(style="thin")
    for cell in sheet[header_row]:
        cell.font = bold
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row in sheet.iter_rows(min_row=header_row, max_row=last_row, max_col=len(HEADER)):
        for cell in row:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            if cell.row > header_row:
                cell.alignment = Alignment(vertical="top", wrap_text=True)
                if isinstance(cell.value, date):
                    cell.number_format = "dd/mm/yyyy"
    sheet["A1"].font = bold
    sheet["A2"].font = bold
    sheet["A4"].font = Font(name="Times New Roman", bold=True, size=14)
    for column, width in zip("ABCDEFG", (6, 24, 13, 20, 30, 50, 12), strict=True):
        sheet.column_dimensions[column].width = width
    # fixed document dates: regenerating gives the same content
    workbook.properties.created = workbook.properties.modified = datetime(2025, 1, 6, 8, 0, 0)
    workbook.properties.creator = "Chi bộ Tổ dân phố 1"
    target.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(target)
    return target


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else TARGET))

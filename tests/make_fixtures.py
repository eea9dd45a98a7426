"""Build the import fixture sheets in ``tests/data/import/`` (run: ``uv run python tests/make_fixtures.py``).

Each sheet is the kind a ward office really sends back: title and signature blocks, two-row merged headers, a
"(1) (2) (3)" row, blank and totals rows, headers in any case and spelling, dates, percentages and numbers typed
every way, TCVN3 and VNI-Windows text, cells that look like formulas, and the broken files an importer must refuse
(not a spreadsheet, empty, no recognisable header, zip and XML bombs). The people and units are those of the demo
campaign (``core.demo``), so tests import them into ``demo_db``. Copies in .xls and .ods are made with LibreOffice
(``soffice --headless --convert-to``) and committed, so tests need LibreOffice only for the conversion tests.
The 20,000-row sheet is not committed: ``big_pledge_sheet`` writes it where a test or benchmark wants it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

HERE = Path(__file__).resolve().parent
OUT = HERE / "data" / "import"

TITLE_FONT = Font(name="Times New Roman", bold=True, size=13)


# --- legacy encodings (from the program's own tables, inverted) ---------------------------------------------------


def _tables() -> tuple[dict[str, str], dict[str, str]]:
    sys.path.insert(0, str(HERE.parent))
    from thidua_desktop.exchange.legacy_text import TCVN3_TO_UNICODE, VNI_TO_UNICODE

    tcvn3 = {letter: code for code, letter in TCVN3_TO_UNICODE.items()}
    vni = {letter: sequence for sequence, letter in VNI_TO_UNICODE.items()}
    return tcvn3, vni


def to_tcvn3(text: str) -> str:
    """Unicode → TCVN3 as Excel shows it (cp1252 characters); capitals other than Ă Â Ê Ô Ơ Ư Đ are not coded,
    so write those words in lower case and use an upper-case font (.VnTimeH) for capital text."""
    table, _vni = _tables()
    out = []
    for char in text:
        if char.isascii():
            out.append(char)
        elif char in table:
            out.append(table[char])
        else:
            raise ValueError(f"{char!r} has no TCVN3 code")
    return "".join(out)


def to_vni(text: str) -> str:
    _tcvn3, table = _tables()
    return "".join(char if char.isascii() else table[char] for char in text)


# --- helpers -------------------------------------------------------------------------------------------------------


def put(ws: Worksheet, row: int, values: Sequence[Any], font: Font | None = None, text: bool = False) -> None:
    for column, value in enumerate(values, start=1):
        if value is None:
            continue
        cell = ws.cell(row=row, column=column, value=value)
        if text and isinstance(value, str):
            cell.data_type = "s"  # never a formula, whatever it starts with
        if font is not None:
            cell.font = font


def title_block(ws: Worksheet, issuer: str, title: str, width: int) -> None:
    put(ws, 1, ["ĐẢNG BỘ PHƯỜNG NGUYỄN NGHIÊM", None, None, None, "ĐẢNG CỘNG SẢN VIỆT NAM"], TITLE_FONT)
    put(ws, 2, [issuer], TITLE_FONT)
    put(ws, 3, ["*", None, None, None, "Nguyễn Nghiêm, ngày 20 tháng 9 năm 2024"])
    put(ws, 4, [title], TITLE_FONT)
    ws.merge_cells(start_row=4, start_column=1, end_row=4, end_column=width)
    ws.cell(4, 1).alignment = Alignment(horizontal="center")


def save(workbook: Workbook, name: str) -> Path:
    path = OUT / name
    workbook.save(path)
    return path


# --- the sheets ----------------------------------------------------------------------------------------------------


def people_two_row_header() -> Path:
    """Danh sách đảng viên of Chi bộ Tổ dân phố 5: title block, a two-row merged header, a numbering row, dates of
    every shape, a blank row, a totals row and a signature block (with a name under it that is no data)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    title_block(ws, "CHI BỘ TỔ DÂN PHỐ 5", "DANH SÁCH ĐẢNG VIÊN", 9)
    put(
        ws,
        6,
        [
            "STT",
            "Họ và tên",
            "Ngày, tháng, năm",
            None,
            None,
            "Giới tính",
            "Số thẻ đảng viên",
            "Chức vụ",
            "Ghi chú",
        ],
    )
    put(ws, 7, [None, None, "Sinh", "Vào Đảng", "Chính thức"])
    for column in (1, 2, 6, 7, 8, 9):
        ws.merge_cells(start_row=6, start_column=column, end_row=7, end_column=column)
    ws.merge_cells(start_row=6, start_column=3, end_row=6, end_column=5)
    put(ws, 8, [f"({n})" for n in range(1, 10)])
    put(
        ws,
        9,
        [
            1,
            "Lý Văn Khải",
            date(1966, 4, 4),
            "02/09/1995",
            None,
            "Nam",
            "50.008990",
            "Bí thư Chi bộ, Tổ trưởng",
        ],
    )
    put(
        ws,
        10,
        [2, "Nguyễn Văn Mười", "2/4/1958", "02-04-1985", "02.04.1986", "nam", "50.099001", "Đảng viên"],
    )
    put(ws, 11, [])
    put(
        ws,
        12,
        [3, "Trần Thị Mai", 1960, 31048, date(1986, 1, 1), "NỮ", "50.099002", "Đảng viên", "Chuyển đến"],
    )
    put(ws, 13, ["Tổng cộng: 3 đảng viên"])
    put(ws, 15, [None, "NGƯỜI LẬP BIỂU", None, None, None, "T/M CHI BỘ"])
    put(ws, 16, [None, None, None, None, None, "BÍ THƯ"])
    put(ws, 19, [None, "Âu Thị Ngọc", None, None, None, "Lý Văn Khải"])
    return save(wb, "people_two_row_header.xlsx")


def people_synonyms() -> Path:
    """Headers in lower case without diacritics and with synonyms; groups opened by a row naming the branch."""
    wb = Workbook()
    ws = wb.active
    ws.title = "DS dang vien"
    put(ws, 1, ["danh sach dang vien cac chi bo khu dan cu"])
    put(ws, 3, ["tt", "ho ten", "NGAY SINH", "phai", "ngay ket nap", "chuc danh", "don vi"])
    put(ws, 4, ["I", "Chi bộ Tổ dân phố 1"])
    put(ws, 5, [1, "Phan Văn Bảy", "19/05/1950", "Nam", "03/02/1975", "Bí thư Chi bộ"])
    put(ws, 6, [2, "Lương Thị Cúc", "19/08/1962", "Nữ", "19/05/1995", "Phó Bí thư Chi bộ"])
    put(ws, 7, ["II", "Chi bộ Tổ dân phố 2"])
    put(ws, 8, [1, "Võ Đình Khang", "03/03/1968", "nam", "07/11/1994", "Bí thư Chi bộ, Tổ trưởng TDP"])
    put(ws, 9, [2, "Lê Văn Mới", "05.06.1990", "NAM", None, "Quần chúng", "CB TDP 2"])
    put(ws, 10, [3, "Phạm Thị Tư", "1992", "nu", None, None, "Tổ dân phố 9"])
    return save(wb, "people_synonyms.xlsx")


def pledges_tdp5() -> Path:
    """Bản đăng ký thi đua of Chi bộ Tổ dân phố 5 (unit from the title block): titles written every way, a year
    alone as birth date, two people not in the database."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Đăng ký"
    title_block(ws, "CHI BỘ TỔ DÂN PHỐ 5", "BẢN ĐĂNG KÝ THI ĐUA NĂM 2025", 7)
    put(
        ws, 6, ["STT", "Họ và tên", "Năm sinh", "Chức vụ", "Danh hiệu đăng ký", "Nội dung đăng ký", "Ghi chú"]
    )
    put(ws, 7, [f"({n})" for n in range(1, 8)])
    put(
        ws,
        8,
        [
            1,
            "Lý Văn Khải",
            1966,
            "Bí thư Chi bộ",
            "Chiến sĩ thi đua cơ sở",
            "Lãnh đạo chi bộ hoàn thành xuất sắc nhiệm vụ",
        ],
    )
    put(
        ws,
        9,
        [2, "ÂU THỊ NGỌC", "08/08/1987", "Phó Bí thư Chi bộ", "LĐTT", "Hoàn thành tốt nhiệm vụ được giao"],
    )
    put(
        ws, 10, [3, "Nguyễn Văn Mới", "02/04/1958", "Đảng viên", "Lao động tiên tiến", "Gương mẫu nơi cư trú"]
    )
    put(ws, 11, [])
    put(
        ws,
        12,
        [4, "Trần Thị Hai", None, "Đảng viên", "HTXSNV", "Vận động gia đình thực hiện tốt các phong trào"],
    )
    put(ws, 13, [None, "Cộng", None, None, "4 người"])
    put(ws, 15, [None, None, None, None, "Nguyễn Nghiêm, ngày 25 tháng 9 năm 2024"])
    put(ws, 16, [None, None, None, None, "T/M CHI BỘ"])
    put(ws, 17, [None, None, None, None, "BÍ THƯ"])
    put(ws, 20, [None, None, None, None, "Lý Văn Khải"])
    return save(wb, "pledges_tdp5.xlsx")


def ratings_tdp5() -> Path:
    """Xếp loại chất lượng đảng viên of Chi bộ Tổ dân phố 5: the year only in the title (beside a date line that
    must not be taken for it), levels written in full, abbreviated and in lower case, a score with a decimal comma,
    one person already rated that year (updated) and one name the database does not have."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Xếp loại"
    put(ws, 1, ["ĐẢNG BỘ PHƯỜNG NGUYỄN NGHIÊM", None, None, "ĐẢNG CỘNG SẢN VIỆT NAM"])
    put(ws, 2, ["CHI BỘ TỔ DÂN PHỐ 5", None, None, "Nguyễn Nghiêm, ngày 05 tháng 12 năm 2025"])
    put(ws, 4, ["DANH SÁCH ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG ĐẢNG VIÊN NĂM 2024"])
    put(ws, 6, ["STT", "Họ và tên", "Chức vụ", "Kết quả xếp loại", "Điểm", "Ghi chú"])
    put(ws, 7, [1, "Lý Văn Khải", "Bí thư Chi bộ", "Hoàn thành xuất sắc nhiệm vụ", "92,5", "Tiêu biểu"])
    put(ws, 8, [2, "Âu Thị Ngọc", "Phó Bí thư Chi bộ", "httnv", 85])
    put(ws, 9, [3, "Người Không Có", "Đảng viên", "HTNV", 70])
    put(ws, 10, [None, "Tổng cộng: 3 đồng chí"])
    return save(wb, "ratings_tdp5.xlsx")


def targets() -> Path:
    """Chỉ tiêu tập thể with a unit column: percentages as 1, "90%", "90,5%", a number "1.234", deadlines as
    dates, "tháng 12/2025", "31-12-2025", "31.12.2025", phases as 1, "Giai đoạn 2", "II"."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Chỉ tiêu"
    put(ws, 1, ["BẢNG ĐĂNG KÝ CHỈ TIÊU THI ĐUA CỦA CÁC CHI BỘ"], TITLE_FONT)
    put(ws, 3, ["STT", "Đơn vị", "Nội dung chỉ tiêu", "Chỉ tiêu đăng ký", "ĐVT", "Thời hạn", "Giai đoạn"])
    rows: list[list[Any]] = [
        [
            1,
            "Chi bộ Tổ dân phố 5",
            "Tỷ lệ hộ dân treo cờ Tổ quốc dịp Tết và kỷ niệm 95 năm thành lập Đảng",
            1,
            "%",
            date(2025, 2, 3),
            1,
        ],
        [
            2,
            "Chi bộ Tổ dân phố 5",
            "Vận động hội viên thu gom rác thải nhựa",
            "90%",
            "%",
            "tháng 12/2025",
            "Giai đoạn 2",
        ],
        [3, "CB TDP 4", "Số hộ đạt danh hiệu Gia đình văn hóa", "1.234", "hộ", "31-12-2025", "II"],
        [4, "Chi bộ Tổ dân phố 3", "Tỷ lệ đảng viên được đánh giá, xếp loại", "90,5%", "%", "31.12.2025", 2],
        [
            5,
            "Chi bộ Tổ dân phố 5",
            "Tổ chức thành công Đại hội chi bộ nhiệm kỳ 2025-2027",
            2,
            "đại hội",
            "30/04/2025",
            1,
        ],
    ]
    for index, row in enumerate(rows, start=4):
        put(ws, index, row)
    ws.cell(4, 4).number_format = "0%"
    put(ws, 9, [None, "Tổng cộng"])
    return save(wb, "targets.xlsx")


def results() -> Path:
    """Kết quả thực hiện chỉ tiêu: "98,5%", dates, evidence references; one row already in the database."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Kết quả"
    put(ws, 1, ["KẾT QUẢ THỰC HIỆN CHỈ TIÊU THI ĐUA GIAI ĐOẠN 1"], TITLE_FONT)
    put(
        ws,
        3,
        [
            "STT",
            "Đơn vị",
            "Nội dung chỉ tiêu",
            "Kết quả đạt được",
            "Ngày đạt",
            "Văn bản minh chứng",
            "Ghi chú",
        ],
    )
    put(
        ws,
        4,
        [
            1,
            "Chi bộ Tổ dân phố 5",
            "Tỷ lệ hộ dân treo cờ Tổ quốc dịp Tết và kỷ niệm 95 năm thành lập Đảng",
            "98,5%",
            "05/02/2025",
            "Báo cáo số 12-BC/CB ngày 05/02/2025",
            "Theo báo cáo của chi bộ",
        ],
    )
    put(
        ws,
        5,
        [
            2,
            "Chi bộ Tổ dân phố 5",
            "Tổ chức thành công Đại hội chi bộ nhiệm kỳ 2025-2027",
            1,
            date(2025, 4, 28),
            "Nghị quyết Đại hội chi bộ",
        ],
    )
    put(
        ws,
        6,
        [
            3,
            "Ủy ban nhân dân phường Nguyễn Nghiêm",
            "Tỷ lệ hồ sơ liên thông được giải quyết",
            72,
            "20/05/2025",
            "Báo cáo số 88/BC-UBND ngày 20/5/2025",
        ],
    )
    return save(wb, "results.xlsx")


LEGACY_PEOPLE = [
    (
        "Lý Văn Khải",
        "Bí thư chi bộ",
        "Chiến sĩ thi đua cơ sở",
        "Lãnh đạo chi bộ hoàn thành xuất sắc nhiệm vụ",
    ),
    ("Âu Thị Ngọc", "Phó bí thư chi bộ", "Lao động tiên tiến", "Hoàn thành tốt nhiệm vụ được giao"),
    ("Nguyễn Văn Tùng", "Đảng viên", "Lao động tiên tiến", "Gương mẫu thực hiện nếp sống văn minh đô thị"),
    ("Đặng Thị Hường", "Đảng viên", "Lao động tiên tiến", "Vận động gia đình phân loại rác tại nguồn"),
]
LEGACY_HEADER = ["STT", "Họ và tên", "Chức vụ", "Danh hiệu đăng ký", "Nội dung đăng ký"]


def legacy(encoding: str) -> Path:
    """A pledge sheet typed with the old fonts: TCVN3 (.VnTime, capitals in .VnTimeH) or VNI-Windows (VNI-Times)."""
    encode = to_tcvn3 if encoding == "tcvn3" else to_vni
    body = Font(name=".VnTime" if encoding == "tcvn3" else "VNI-Times", size=13)
    capitals = Font(name=".VnTimeH" if encoding == "tcvn3" else "VNI-Times", size=13, bold=True)
    wb = Workbook()
    ws = wb.active
    ws.title = encode("Đăng ký")
    if encoding == "tcvn3":  # capitals through the upper-case font, typed with the lower-case codes
        put(ws, 1, [encode("đảng bộ phường nguyễn nghiêm")], capitals)
        put(ws, 2, [encode("chi bộ tổ dân phố 5")], capitals)
    else:
        put(ws, 1, [encode("ĐẢNG BỘ PHƯỜNG NGUYỄN NGHIÊM")], capitals)
        put(ws, 2, [encode("CHI BỘ TỔ DÂN PHỐ 5")], capitals)
    put(ws, 3, [encode("Bản đăng ký thi đua năm 2025")], body)
    put(ws, 5, [encode(h) for h in LEGACY_HEADER], body)
    for index, (name, position, title, content) in enumerate(LEGACY_PEOPLE, start=1):
        put(ws, 5 + index, [index, encode(name), encode(position), encode(title), encode(content)], body)
    return save(wb, f"legacy_{encoding}.xlsx")


def formulas() -> Path:
    """Text cells that look like formulas (written as text: a spreadsheet would store them so when typed with a
    leading apostrophe, and hostile files do it on purpose)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Đăng ký"
    put(ws, 1, ["CHI BỘ TỔ DÂN PHỐ 5"])
    put(ws, 3, ["STT", "Họ và tên", "Chức vụ", "Danh hiệu đăng ký", "Nội dung đăng ký"])
    put(
        ws,
        4,
        [1, "Lý Văn Khải", "Bí thư Chi bộ", "LĐTT", '=HYPERLINK("http://example.com","Bấm vào đây")'],
        text=True,
    )
    put(ws, 5, [2, "Âu Thị Ngọc", "@SUM(A1:A3)", "LĐTT", "Hoàn thành tốt nhiệm vụ"], text=True)
    put(ws, 6, [3, "Nguyễn Văn Mới", "Đảng viên", "LĐTT", "+cmd|' /C calc'!A0"], text=True)
    put(ws, 7, [4, "Trần Thị Hai", "Đảng viên", "LĐTT", "-Hoàn thành tốt nhiệm vụ"], text=True)
    return save(wb, "formulas.xlsx")


def no_header() -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Trang1"
    put(ws, 1, ["Danh sách gửi Ban Tổ chức"])
    put(ws, 3, ["Cột 1", "Cột 2", "Cột 3", "Cột 4"])
    put(ws, 4, [1, "Lý Văn Khải", "04/04/1966", "Bí thư Chi bộ"])
    put(ws, 5, [2, "Nguyễn Văn Mười", "02/04/1958", "Đảng viên"])
    return save(wb, "no_header.xlsx")


def own_template() -> Path:
    """One of our own workbooks: the branch is named only in the very hidden metadata sheet."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Đăng ký cá nhân"
    put(ws, 1, ["BẢN ĐĂNG KÝ THI ĐUA CỦA CÁ NHÂN"])
    put(
        ws,
        3,
        ["STT", "Họ và tên", "Ngày sinh", "Chức vụ", "Danh hiệu đăng ký", "Nội dung đăng ký", "Ghi chú"],
    )
    put(
        ws,
        4,
        [
            1,
            "Mai Xuân Trường",
            date(1973, 1, 17),
            "Bí thư Chi bộ",
            "Chiến sĩ thi đua cơ sở",
            "Xây dựng chi bộ bốn tốt",
        ],
    )
    put(ws, 5, [2, "Tạ Thị Kim Oanh", date(1984, 5, 5), "Phó Bí thư Chi bộ", None, None])
    meta = wb.create_sheet("_thidua_meta")
    for row, (key, value) in enumerate(
        [("template_version", "1"), ("campaign_id", "1"), ("unit_name", "Chi bộ Tổ dân phố 4")], start=1
    ):
        meta.cell(row, 1, key)
        meta.cell(row, 2, value)
    meta.sheet_state = "veryHidden"
    return save(wb, "own_template.xlsx")


def broken_files() -> list[Path]:
    paths = []
    text = OUT / "not_a_spreadsheet.xlsx"
    text.write_text("Họ và tên;Ngày sinh\nLý Văn Khải;04/04/1966\n", encoding="utf-8")
    paths.append(text)
    empty = OUT / "empty.xlsx"
    empty.write_bytes(b"")
    paths.append(empty)
    blank = Workbook()
    blank.active.title = "Trang1"
    paths.append(save(blank, "blank_workbook.xlsx"))
    word = OUT / "word_document.xlsx"
    with zipfile.ZipFile(word, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", '<?xml version="1.0"?><document/>')
    paths.append(word)
    paths.append(xml_bomb())
    paths.append(billion_laughs())
    return paths


def _xlsx_parts(sheet_xml: bytes) -> dict[str, bytes]:
    """The parts of a minimal .xlsx around a given sheet XML."""
    return {
        "[Content_Types].xml": b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        b'<Default Extension="xml" ContentType="application/xml"/>'
        b'<Override PartName="/xl/workbook.xml" '
        b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        b'<Override PartName="/xl/worksheets/sheet1.xml" '
        b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        b'<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": sheet_xml,
    }


def xml_bomb() -> Path:
    """A 200 MB sheet XML (a few hundred KB compressed): the zip-bomb kind."""
    path = OUT / "xml_bomb.xlsx"
    head = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    )
    tail = b"</sheetData></worksheet>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in _xlsx_parts(b"").items():
            if name != "xl/worksheets/sheet1.xml":
                archive.writestr(name, data)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            member.write(head)
            block = b" " * (1 << 20)
            for _ in range(200):
                member.write(block)
            member.write(tail)
    return path


def billion_laughs() -> Path:
    """Entity expansion ("billion laughs") in the sheet XML."""
    entities = "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<!DOCTYPE worksheet [<!ENTITY lol0 "lol">{entities}]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
    ).encode()
    path = OUT / "billion_laughs.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in _xlsx_parts(sheet).items():
            archive.writestr(name, data)
    return path


# --- real sheets the importer used to refuse, and hostile files (issue 12) -----------------------------------------


def totals_in_ordinal_column() -> Path:
    """A people list whose totals row is written in the STT column, with a signature block under it."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    title_block(ws, "CHI BỘ TỔ DÂN PHỐ 5", "DANH SÁCH ĐẢNG VIÊN", 5)
    put(ws, 6, ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Chức vụ"])
    put(ws, 7, [1, "Lý Văn Khải", "04/04/1966", "Nam", "Bí thư Chi bộ"])
    put(ws, 8, [2, "Âu Thị Ngọc", "08/08/1987", "Nữ", "Phó Bí thư Chi bộ"])
    put(ws, 9, ["Tổng cộng: 7 đồng chí"])
    put(ws, 10, [None, None, "Danh sách có 02 đồng chí"])
    put(ws, 12, [None, "Người lập biểu", None, "T/M Chi bộ"])
    put(ws, 15, [None, "Âu Thị Ngọc", None, "Lý Văn Khải"])
    return save(wb, "totals_in_ordinal.xlsx")


def totals_numbered() -> Path:
    """A pledge sheet whose totals row carries a number in the STT column, and names written «Đ/c …»."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Đăng ký"
    title_block(ws, "CHI BỘ TỔ DÂN PHỐ 5", "BẢN ĐĂNG KÝ THI ĐUA NĂM 2025", 5)
    put(ws, 6, ["STT", "Họ và tên", "Chức vụ", "Danh hiệu đăng ký", "Nội dung đăng ký"])
    put(ws, 7, [1, "Đ/c Lý Văn Khải", "Bí thư Chi bộ", "LĐTT", "Hoàn thành tốt nhiệm vụ"])
    put(ws, 8, [2, "Đồng chí Âu Thị Ngọc", "Phó Bí thư Chi bộ", "LĐTT", "Hoàn thành tốt nhiệm vụ"])
    put(ws, 9, [2, "Tổng cộng: 2 đồng chí"])
    return save(wb, "totals_numbered.xlsx")


def totals_legacy(encoding: str) -> Path:
    """The same totals and signature rows typed in TCVN3 or VNI (fonts on every cell), in any column."""
    encode = to_tcvn3 if encoding == "tcvn3" else to_vni
    body = Font(name=".VnTime" if encoding == "tcvn3" else "VNI-Times", size=13)
    wb = Workbook()
    ws = wb.active
    ws.title = "DS"
    put(ws, 1, [encode("chi bộ tổ dân phố 5" if encoding == "tcvn3" else "Chi bộ Tổ dân phố 5")], body)
    put(ws, 3, [encode(h) for h in ("STT", "Họ và tên", "Chức vụ", "Danh hiệu đăng ký")], body)
    put(ws, 4, [1, encode("Lý Văn Khải"), encode("Bí thư chi bộ"), encode("Lao động tiên tiến")], body)
    put(ws, 5, [2, encode("Âu Thị Ngọc"), encode("Phó bí thư chi bộ"), encode("Lao động tiên tiến")], body)
    put(ws, 6, [encode("Tổng cộng: 2 đồng chí")], body)
    put(ws, 7, [None, None, encode("Cộng: 2 người")], body)
    put(ws, 9, [None, encode("Người lập biểu"), None, encode("T/M chi bộ")], body)
    put(ws, 12, [None, encode("Âu Thị Ngọc"), None, encode("Lý Văn Khải")], body)
    return save(wb, f"totals_{encoding}.xlsx")


UNIT_SPELLINGS = [
    "Ủy ban nhân dân phường",
    "UBND phường",
    "MTTQ",
    "Hội LHPN",
    "Chi bộ TDP 5",
    "Chi bộ Tổ dân phố số 5",
]


def unit_spellings() -> Path:
    """A targets sheet whose unit column writes the units the way people do (abbreviated, ward name left out)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Chỉ tiêu"
    put(ws, 1, ["BẢNG ĐĂNG KÝ CHỈ TIÊU THI ĐUA"], TITLE_FONT)
    put(ws, 3, ["STT", "Đơn vị", "Nội dung chỉ tiêu", "Chỉ tiêu đăng ký", "ĐVT"])
    for index, name in enumerate(UNIT_SPELLINGS, start=1):
        put(ws, 3 + index, [index, name, f"Chỉ tiêu thử số {index} của «{name}»", 10 * index, "hộ"])
    return save(wb, "unit_spellings.xlsx")


def unit_ambiguous() -> Path:
    """A pledge sheet whose title names «Chi bộ Tổ dân phố» without a number: five branches fit."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Đăng ký"
    title_block(ws, "CHI BỘ TỔ DÂN PHỐ", "BẢN ĐĂNG KÝ THI ĐUA NĂM 2025", 5)
    put(ws, 6, ["STT", "Họ và tên", "Chức vụ", "Danh hiệu đăng ký", "Nội dung đăng ký"])
    put(ws, 7, [1, "Người Mới Một", "Đảng viên", "LĐTT", "Gương mẫu"])
    return save(wb, "unit_ambiguous.xlsx")


def new_unit_pledges() -> Path:
    """A pledge sheet of a branch that is not in the list yet (from its title block): proposed as new."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Đăng ký"
    title_block(ws, "CHI BỘ TỔ DÂN PHỐ 9", "BẢN ĐĂNG KÝ THI ĐUA NĂM 2025", 5)
    put(ws, 6, ["STT", "Họ và tên", "Chức vụ", "Danh hiệu đăng ký", "Nội dung đăng ký"])
    put(ws, 7, [1, "Hồ Văn Chín", "Bí thư Chi bộ", "Chiến sĩ thi đua cơ sở", "Xây dựng chi bộ vững mạnh"])
    put(ws, 8, [2, "Đỗ Thị Mười", "Đảng viên", "LĐTT", "Hoàn thành tốt nhiệm vụ"])
    put(ws, 9, [None, "Tổng cộng: 2 đồng chí"])
    return save(wb, "new_unit_pledges.xlsx")


def new_unit_targets() -> Path:
    """A targets sheet naming, in its unit column, two units that are not in the list."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Chỉ tiêu"
    put(ws, 1, ["BẢNG ĐĂNG KÝ CHỈ TIÊU THI ĐUA CỦA CÁC ĐƠN VỊ"], TITLE_FONT)
    put(ws, 3, ["STT", "Đơn vị", "Nội dung chỉ tiêu", "Chỉ tiêu đăng ký", "ĐVT"])
    put(ws, 4, [1, "Chi bộ Tổ dân phố 7", "Tỷ lệ hộ gia đình văn hóa", "95%", "%"])
    put(ws, 5, [2, "Hội Người cao tuổi phường", "Số hội viên mới", 20, "người"])
    put(ws, 6, [3, "Chi bộ Tổ dân phố 7", "Số đảng viên mới kết nạp", 1, "người"])
    return save(wb, "new_unit_targets.xlsx")


def _inline(ref: str, text: str) -> str:
    from xml.sax.saxutils import escape

    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(text)}</t></is></c>'


def _xlsx_from_rows(path: Path, rows: list[list[str]], extra: dict[str, bytes] | None = None) -> Path:
    """An .xlsx whose sheet XML is written by hand: each row is a list of ready-made ``<c>`` elements."""
    body = "".join(f'<row r="{i}">{"".join(cells)}</row>' for i, cells in enumerate(rows, start=1))
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{body}</sheetData></worksheet>"
    ).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in {**_xlsx_parts(sheet), **(extra or {})}.items():
            archive.writestr(name, data)
    return path


def formula_cells() -> Path:
    """Text that starts with = + - @ (the branch's text, kept verbatim), real formulas with their cached values,
    and formulas reaching outside the file: an external workbook, a DDE link, a file:// hyperlink."""
    from xml.sax.saxutils import escape

    def formula(ref: str, text: str, cached: str) -> str:
        return f'<c r="{ref}" t="str"><f>{escape(text)}</f><v>{escape(cached)}</v></c>'

    header = ["STT", "Họ và tên", "Chức vụ", "Danh hiệu đăng ký", "Nội dung đăng ký"]
    rows = [
        [_inline("A1", "CHI BỘ TỔ DÂN PHỐ 5")],
        [],
        [_inline(f"{chr(65 + i)}3", h) for i, h in enumerate(header)],
        [
            '<c r="A4"><f>ROW()-3</f><v>1</v></c>',
            _inline("B4", "Lý Văn Khải"),
            _inline("C4", "Bí thư Chi bộ"),
            _inline("D4", "LĐTT"),
            _inline("E4", "=Hoàn thành tốt nhiệm vụ được giao"),
        ],
        [
            '<c r="A5"><f>ROW()-3</f><v>2</v></c>',
            _inline("B5", "Âu Thị Ngọc"),
            _inline("C5", "@Phó Bí thư Chi bộ"),
            _inline("D5", "LĐTT"),
            formula("E5", '"Hoàn thành "&"tốt nhiệm vụ"', "Hoàn thành tốt nhiệm vụ"),
        ],
        [
            '<c r="A6"><v>3</v></c>',
            _inline("B6", "Nguyễn Văn Mới"),
            _inline("C6", "+84 905 123 456"),
            _inline("D6", "LĐTT"),
            formula("E6", "[1]Sheet1!A1", "Gương mẫu nơi cư trú"),
        ],
        [
            '<c r="A7"><v>4</v></c>',
            _inline("B7", "Trần Thị Hai"),
            _inline("C7", "Đảng viên"),
            _inline("D7", "LĐTT"),
            formula("E7", "cmd|' /C calc'!A0", "Vận động gia đình"),
        ],
        [
            '<c r="A8"><v>5</v></c>',
            _inline("B8", "Đặng Thị Hường"),
            _inline("C8", "Đảng viên"),
            _inline("D8", "LĐTT"),
            formula("E8", 'HYPERLINK("file:///C:/Windows/system32/calc.exe","Xem")', "Xem"),
        ],
        [
            '<c r="A9"><v>6</v></c>',
            _inline("B9", "Nguyễn Văn Tùng"),
            _inline("C9", "Đảng viên"),
            _inline("D9", "LĐTT"),
            _inline("E9", "-Gương mẫu thực hiện nếp sống văn minh"),
        ],
    ]
    return _xlsx_from_rows(OUT / "formula_cells.xlsx", rows)


def far_cell() -> Path:
    """1.6 KB: one cell at A1 and one at XFD1048576 (the last cell a sheet can have)."""
    rows = '<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="A1:XFD1048576"/><sheetData>{rows}</sheetData></worksheet>'
    ).encode()
    path = OUT / "far_cell.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in _xlsx_parts(sheet).items():
            archive.writestr(name, data)
    return path


def far_cell_xls() -> Path:
    """The legacy .xls kind: values at A1 and IV65536 (its last cell; 16.7 million cells once made dense), made
    by LibreOffice from an .xlsx."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Trang1"
    ws["A1"] = 1
    ws["IV65536"] = 1
    source = Path(tempfile.mkdtemp(prefix="far-xls-")) / "far_cell_xls.xlsx"
    wb.save(source)
    made = convert([source], "xls", OUT)[0]
    shutil.rmtree(source.parent, ignore_errors=True)
    return made


def sparse_million_rows() -> Path:
    """A few cells spread over 1,000,000 rows and 200 columns (dense, that is 200 million cells)."""
    cells = []
    for row in (1, 250_000, 500_000, 750_000, 1_000_000):
        cells.append(f'<row r="{row}"><c r="A{row}"><v>{row}</v></c><c r="GR{row}"><v>1</v></c></row>')
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{''.join(cells)}</sheetData></worksheet>"
    ).encode()
    path = OUT / "sparse_million_rows.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in _xlsx_parts(sheet).items():
            archive.writestr(name, data)
    return path


def wide_dense() -> Path:
    """Under every row and column limit but 150,000 rows × 180 columns: 27 million cells once made dense."""
    rows = '<row r="1"><c r="A1"><v>1</v></c></row><row r="150000"><c r="FX150000"><v>1</v></c></row>'
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{rows}</sheetData></worksheet>"
    ).encode()
    path = OUT / "wide_dense.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in _xlsx_parts(sheet).items():
            archive.writestr(name, data)
    return path


def _ods(path: Path, table_xml: str) -> Path:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:spreadsheet>{table_xml}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return path


def ods_repeated_rows() -> Path:
    """An .ods whose one row of data is repeated 150,000 times (and one whose cell is repeated 16,384 times)."""
    row = (
        '<table:table-row table:number-rows-repeated="150000">'
        '<table:table-cell office:value-type="string"><text:p>Lý Văn Khải</text:p></table:table-cell>'
        '<table:table-cell table:number-columns-repeated="150" office:value-type="float" office:value="1">'
        "<text:p>1</text:p></table:table-cell></table:table-row>"
    )
    return _ods(OUT / "ods_repeated_rows.ods", f'<table:table table:name="Trang1">{row}</table:table>')


def ods_repeated_columns() -> Path:
    row = (
        "<table:table-row>"
        '<table:table-cell table:number-columns-repeated="16384" office:value-type="string">'
        "<text:p>x</text:p></table:table-cell></table:table-row>"
    )
    return _ods(OUT / "ods_repeated_columns.ods", f'<table:table table:name="Trang1">{row}</table:table>')


def shared_string_bomb() -> Path:
    """One 32,000-character shared string referred to by 60,000 cells (2 GB of text once every cell holds it)."""
    text = "Nội dung rất dài " * 1900
    strings = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
        f"<si><t>{text}</t></si></sst>"
    ).encode()
    rows = "".join(
        f'<row r="{r}">' + "".join(f'<c r="{c}{r}" t="s"><v>0</v></c>' for c in "ABCDEF") + "</row>"
        for r in range(1, 10_001)
    )
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{rows}</sheetData></worksheet>"
    ).encode()
    parts = _xlsx_parts(sheet)
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" '
        b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    )
    parts["xl/sharedStrings.xml"] = strings
    path = OUT / "shared_string_bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def invisible_characters() -> Path:
    """A people list with zero-width spaces, a BOM, bidi controls and control characters (written the way Excel
    does, ``_x0007_``) inside the names, a 32,767-character unit name and a 200-character name."""
    header = ["STT", "Họ và tên", "Ngày sinh", "Chức vụ", "Chi bộ"]
    people = [
        ["Lý\u200b Văn Khải", "04/04/1966", "Bí thư Chi bộ\u200d"],
        ["\ufeffÂu Thị\u202e Ngọc\u2066", "08/08/1987", "Phó Bí thư_x0007_ Chi bộ"],
        ["Nguyễn\u00ad Văn\u2060 Mười_x001F_", "02/04/1958", "Đảng viên"],
        ["Hà Văn Dài", "01/01/1970", "Đảng viên", ("Chi bộ " + "Tổ dân phố mới " * 2184)[:32767]],
        ["Trần " * 40 + "Quá Dài", "01/01/1971", "Đảng viên"],
    ]
    rows = [
        [_inline("A1", "CHI BỘ TỔ DÂN PHỐ 5")],
        [],
        [_inline(f"{chr(65 + i)}3", h) for i, h in enumerate(header)],
    ]
    for number, cells in enumerate(people, start=1):
        row = 3 + number
        rows.append(
            [f'<c r="A{row}"><v>{number}</v></c>']
            + [_inline(f"{chr(66 + i)}{row}", text) for i, text in enumerate(cells)]
        )
    return _xlsx_from_rows(OUT / "invisible_characters.xlsx", rows)


def _cfb(streams: dict[str, bytes]) -> bytes:
    """A minimal OLE compound file (the container of Excel's encrypted workbooks) holding ``streams``, each
    padded to at least 4,096 bytes so that none lives in the mini stream."""
    import struct

    sector = 512
    free, end, fat_sector, no_stream = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    padded = {
        name: data.ljust(max(4096, -(-len(data) // sector) * sector), b"\0") for name, data in streams.items()
    }
    fat = [fat_sector, end]
    starts: dict[str, int] = {}
    for name, data in padded.items():
        count = len(data) // sector
        starts[name] = len(fat)
        fat += [len(fat) + i + 1 for i in range(count - 1)] + [end]
    fat += [free] * (sector // 4 - len(fat))

    def entry(name: str, kind: int, left: int, right: int, child: int, start: int, size: int) -> bytes:
        encoded = (name + "\0").encode("utf-16-le")
        return (
            encoded.ljust(64, b"\0")
            + struct.pack("<HBB3I", len(encoded), kind, 1, left, right, child)
            + b"\0" * 36
            + struct.pack("<IQ", start, size)
        )

    names = list(padded)
    directory = entry("Root Entry", 5, no_stream, no_stream, 1, end, 0)
    for index, name in enumerate(names, start=1):
        right = index + 1 if index < len(names) else no_stream
        directory += entry(name, 2, no_stream, right, no_stream, starts[name], len(streams[name]))
    directory = directory.ljust(sector, b"\0")
    header = (
        bytes.fromhex("d0cf11e0a1b11ae1")
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
        + struct.pack("<I", 0)
        + struct.pack("<I", free) * 108
    )
    body = struct.pack(f"<{sector // 4}I", *fat) + directory + b"".join(padded.values())
    return header + body


def password_protected() -> Path:
    """What Excel writes when a workbook is saved with a password: an OLE file with an encrypted package."""
    path = OUT / "password_protected.xlsx"
    path.write_bytes(
        _cfb({"EncryptionInfo": b"\x04\x00\x04\x00\x40\x00\x00\x00", "EncryptedPackage": b"\x10" * 5000})
    )
    return path


def implausible_values() -> Path:
    """A people list with a birth date before 1900, Excel's fictitious 29/02/1900 and a Party join date when the
    person was 14; and a targets sheet with a target of 120 %."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    title_block(ws, "CHI BỘ TỔ DÂN PHỐ 5", "DANH SÁCH ĐẢNG VIÊN", 5)
    put(ws, 6, ["STT", "Họ và tên", "Ngày sinh", "Ngày vào Đảng", "Số thẻ đảng viên"])
    put(ws, 7, [1, "Cao Văn Cổ", "12/05/1899", None, "50.100001"])
    put(ws, 8, [2, "Kiều Thị Nhuận", "29/02/1900", None, "50.100002"])
    put(ws, 9, [3, "Lâm Văn Sớm", "01/01/1980", "01/06/1994", "50.100003"])
    put(ws, 10, [4, "Mạc Thị Lịch", 60, None, "50.100004"])
    ws.cell(10, 3).number_format = "dd/mm/yyyy"
    return save(wb, "implausible_people.xlsx")


def implausible_targets() -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Chỉ tiêu"
    put(ws, 1, ["CHI BỘ TỔ DÂN PHỐ 5"])
    put(ws, 3, ["STT", "Nội dung chỉ tiêu", "Chỉ tiêu đăng ký", "ĐVT"])
    put(ws, 4, [1, "Tỷ lệ hộ dân treo cờ", "120%", "%"])
    put(ws, 5, [2, "Tỷ lệ đảng viên dự sinh hoạt", 150, "%"])
    return save(wb, "implausible_targets.xlsx")


def robustness_fixtures() -> list[Path]:
    return [
        totals_in_ordinal_column(),
        totals_numbered(),
        totals_legacy("tcvn3"),
        totals_legacy("vni"),
        unit_spellings(),
        unit_ambiguous(),
        new_unit_pledges(),
        new_unit_targets(),
        formula_cells(),
        far_cell(),
        far_cell_xls(),
        sparse_million_rows(),
        wide_dense(),
        ods_repeated_rows(),
        ods_repeated_columns(),
        shared_string_bomb(),
        invisible_characters(),
        password_protected(),
        implausible_values(),
        implausible_targets(),
    ]


# --- big sheets and conversions ------------------------------------------------------------------------------------

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
]
MIDDLE = ["Văn", "Thị", "Minh", "Ngọc", "Hữu", "Thanh", "Đức", "Thu", "Quang", "Kim"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hà",
    "Hạnh",
    "Lan",
    "Nam",
    "Tuấn",
    "Yến",
    "Hùng",
    "Nhung",
    "Phúc",
    "Trang",
]
TITLES = ["Lao động tiên tiến", "Chiến sĩ thi đua cơ sở", "Hoàn thành xuất sắc nhiệm vụ", "LĐTT"]


def big_people(count: int) -> list[tuple[str, date]]:
    """``count`` distinct (name, birth date) pairs."""
    people = []
    for index in range(count):
        name = f"{FAMILY[index % 14]} {MIDDLE[(index // 14) % 10]} {GIVEN[(index // 140) % 14]}"
        suffix = index // 1960
        if suffix:
            name += f" {chr(0x41 + suffix % 26)}{'' if suffix < 26 else suffix // 26}"
        people.append((name, date(1950 + index % 50, 1 + index % 12, 1 + index % 28)))
    return people


def big_pledge_sheet(path: Path, count: int = 20_000) -> Path:
    """A pledge sheet of ``count`` rows for Chi bộ Tổ dân phố 5 (written in streaming mode)."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Đăng ký")
    ws.append(["ĐẢNG BỘ PHƯỜNG NGUYỄN NGHIÊM", None, None, None, "ĐẢNG CỘNG SẢN VIỆT NAM"])
    ws.append(["CHI BỘ TỔ DÂN PHỐ 5"])
    ws.append([])
    ws.append(
        ["STT", "Họ và tên", "Ngày sinh", "Chức vụ", "Danh hiệu đăng ký", "Nội dung đăng ký", "Ghi chú"]
    )
    for index, (name, born) in enumerate(big_people(count)):
        ws.append(
            [index + 1, name, born, "Đảng viên", TITLES[index % 4], "Hoàn thành tốt nhiệm vụ được giao", None]
        )
    ws.append([None, "Tổng cộng"])
    wb.save(path)
    return path


def convert(paths: Iterable[Path], target: str, outdir: Path) -> list[Path]:
    """Convert with LibreOffice headless (``xls`` or ``ods``); a private profile avoids clashing with other runs."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) is needed to convert fixtures")
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-"))
    try:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                str(outdir),
                *map(str, paths),
            ],
            check=True,
            capture_output=True,
            timeout=240,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return [outdir / (p.stem + "." + target) for p in paths]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    built = [
        people_two_row_header(),
        people_synonyms(),
        pledges_tdp5(),
        ratings_tdp5(),
        targets(),
        results(),
        legacy("tcvn3"),
        legacy("vni"),
        formulas(),
        no_header(),
        own_template(),
        *broken_files(),
        *robustness_fixtures(),
    ]
    by_name = {p.name: p for p in built}
    convert(
        [by_name["people_two_row_header.xlsx"], by_name["pledges_tdp5.xlsx"], by_name["legacy_tcvn3.xlsx"]],
        "xls",
        OUT,
    )
    convert(
        [by_name["people_two_row_header.xlsx"], by_name["pledges_tdp5.xlsx"], by_name["legacy_vni.xlsx"]],
        "ods",
        OUT,
    )
    for path in sorted(OUT.iterdir()):
        print(f"{path.name:32} {path.stat().st_size:>9} bytes")


if __name__ == "__main__":
    main()

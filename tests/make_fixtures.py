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

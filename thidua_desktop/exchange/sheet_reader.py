"""Reading a spreadsheet file safely: .xlsx, .xlsm, .xls and .ods through python-calamine.

Before any parser sees the file it is checked: not empty, not too big, really a spreadsheet (by its bytes, not its
name), not encrypted (a workbook with a password), and, for the zip-based formats, free of zip bombs (member sizes
and compression ratios) and of XML document type declarations (the "billion laughs" kind of XML bomb). Then the
sheets' XML (or the .xls cell records) is scanned as a stream (``sheet_limits``) for how far the values reach and
how much text the cells would hold, so that no sheet is made into more cells than memory allows. Cell values come from calamine; openpyxl is
used only for .xlsx files whose styles name a legacy Vietnamese font (.VnTime, VNI-Times…), to learn each cell's
font so that its text can be converted (``exchange.legacy_text``). The styles part is read with defusedxml.

Problems raise ``ImportRejected`` with a Vietnamese message naming the file (and the sheet, row and column when
there is one).
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from struct import error as struct_error
from typing import Any

from thidua_desktop.core.errors import UserError
from thidua_desktop.exchange.fields import META_SHEET
from thidua_desktop.exchange.sheet_limits import (
    MAX_SHEET_COLUMNS,
    MAX_SHEET_ROWS,
    Encrypted,
    OutsideLink,
    SheetExtent,
    TooBig,
    check_extent,
    is_encrypted_ole,
    scan_ods,
    scan_xls,
    scan_xlsx,
)

__all__ = ["MAX_SHEET_COLUMNS", "MAX_SHEET_ROWS"]
PASSWORD_MESSAGE = "tệp có mật khẩu: mở bằng Excel, bỏ mật khẩu rồi gửi lại."

SUPPORTED_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_MEMBERS = 5000
MAX_MEMBER_BYTES = 150 * 1024 * 1024
MAX_TOTAL_BYTES = 300 * 1024 * 1024
MAX_RATIO = 100
RATIO_CHECK_FROM = 2 * 1024 * 1024
XML_PROLOG_BYTES = 8192

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
LEGACY_FONT_PREFIXES = (".vn", "vni")

Cell = Any
"""A cell value as python-calamine gives it: str ("" when empty), int, float, bool, date, datetime, time, timedelta."""


def column_letter(index: int) -> str:
    """0 → "A", 25 → "Z", 26 → "AA"."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def place(file: str = "", sheet: str = "", row: int | None = None, column: int | str | None = None) -> str:
    """ "Tệp «a.xlsx», trang «Sheet1», dòng 5, cột C" (row 1-based as Excel shows it, column index or letter)."""
    parts = []
    if file:
        parts.append(f"Tệp «{file}»")
    if sheet:
        parts.append(f"trang «{sheet}»")
    if row is not None:
        parts.append(f"dòng {row}")
    if column is not None and column != "":
        parts.append(f"cột {column_letter(column) if isinstance(column, int) else column}")
    text = ", ".join(parts)
    return text[:1].upper() + text[1:]


class ImportRejected(UserError):
    """A file (or a plan) that cannot be imported; nothing was written. ``errors`` lists every problem found."""

    def __init__(
        self,
        message: str,
        *,
        file: str = "",
        sheet: str = "",
        row: int | None = None,
        column: int | str | None = None,
        errors: list[dict[str, Any]] | None = None,
    ) -> None:
        where = place(file, sheet, row, column)
        super().__init__(f"{where}: {message}" if where else message)
        self.detail = message
        self.file, self.sheet, self.row = file, sheet, row
        self.column = column_letter(column) if isinstance(column, int) else (column or "")
        self.errors = (
            errors
            if errors is not None
            else [
                {
                    "sheet": sheet,
                    "row": row,
                    "column": self.column,
                    "message": message[:1].upper() + message[1:],
                }
            ]
        )


@dataclass
class SheetData:
    name: str
    """Sheet name converted to Unicode (legacy encodings decoded)."""
    raw_name: str
    rows: list[list[Cell]]
    """Rows from the top-left cell A1: ``rows[r][c]`` is Excel row r+1, column c+1."""
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    fonts: dict[tuple[int, int], str] = field(default_factory=dict)
    """Legacy font names of cells, for .xlsx files that use such fonts (others: empty)."""
    hidden: bool = False

    def cell(self, row: int, column: int) -> Cell:
        if 0 <= row < len(self.rows):
            cells = self.rows[row]
            if 0 <= column < len(cells):
                return cells[column]
        return ""


@dataclass
class WorkbookData:
    path: Path
    file_name: str
    sha256: str
    format: str
    sheets: list[SheetData]
    meta: dict[str, str] = field(default_factory=dict)
    """Key/value rows of our hidden metadata sheet (``fields.META_SHEET``); empty for other workbooks."""
    sheet_meta: dict[str, dict[str, str]] = field(default_factory=dict)
    """Per-sheet metadata: rows (key, value, sheet name) of the metadata sheet."""
    links: dict[str, list[OutsideLink]] = field(default_factory=dict)
    """Per sheet (raw name): formulas that reach outside the file (their cached values were read)."""


def _reject(path: Path, message: str, **where: Any) -> ImportRejected:
    return ImportRejected(message, file=path.name, **where)


def _sniff(path: Path, data: bytes) -> str:
    if not data:
        raise _reject(path, "tệp rỗng (0 byte), không có gì để nhập.")
    if data.startswith(OLE_MAGIC):
        return "xls"
    if data.startswith(ZIP_MAGIC):
        return "zip"
    raise _reject(
        path,
        "không phải là bảng tính (cần tệp Excel .xlsx, .xlsm, .xls hoặc LibreOffice .ods). "
        "Nếu là tệp CSV hoặc trang web, hãy mở bằng Excel rồi lưu lại dạng .xlsx.",
    )


def _check_zip(path: Path, data: bytes) -> tuple[str, zipfile.ZipFile]:
    """The zip's spreadsheet format ("xlsx" or "ods"), after checks against zip and XML bombs."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _reject(path, "tệp bị hỏng (không giải nén được), không đọc được.") from None
    if not members:
        raise _reject(path, "tệp rỗng, không có trang tính nào.")
    if len(members) > MAX_MEMBERS:
        raise _reject(path, f"tệp chứa quá nhiều thành phần ({len(members)}), nghi là tệp độc hại.")
    total = 0
    for info in members:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_MEMBER_BYTES or (info.file_size > RATIO_CHECK_FROM and ratio > MAX_RATIO):
            raise _reject(
                path,
                f"thành phần «{info.filename}» giải nén ra {info.file_size // (1024 * 1024)} MB từ "
                f"{max(info.compress_size // 1024, 1)} KB (nén {ratio:.0f} lần): nghi là «bom nén» (zip/XML bomb), "
                "không mở.",
            )
    if total > MAX_TOTAL_BYTES:
        raise _reject(path, "tệp giải nén ra quá lớn, nghi là «bom nén» (zip bomb), không mở.")
    names = {info.filename for info in members}
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        fmt = "xlsx"
    elif "content.xml" in names and (
        "mimetype" not in names or b"spreadsheet" in archive.read("mimetype")[:100]
    ):
        fmt = "ods"
    elif "EncryptedPackage" in names or _ods_encrypted(archive, names):
        raise _reject(path, PASSWORD_MESSAGE)
    elif "word/document.xml" in names:
        raise _reject(path, "là văn bản Word, không phải bảng tính.")
    else:
        raise _reject(path, "không phải là bảng tính (tệp nén không chứa trang tính Excel/LibreOffice).")
    for info in members:
        if info.filename.lower().endswith((".xml", ".rels", ".vml")):
            with archive.open(info) as handle:
                prolog = handle.read(XML_PROLOG_BYTES).upper()
            if b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog:
                raise _reject(
                    path,
                    f"thành phần «{info.filename}» khai báo DOCTYPE/ENTITY (kiểu «bom XML»): tệp Excel thật "
                    "không có, nên không mở.",
                )
    return fmt, archive


def _ods_encrypted(archive: zipfile.ZipFile, names: set[str]) -> bool:
    """Whether an OpenDocument package was saved with a password (its manifest names encryption data)."""
    if "META-INF/manifest.xml" not in names:
        return False
    with archive.open("META-INF/manifest.xml") as handle:
        return b"encryption-data" in handle.read(1024 * 1024)


def _extents(path: Path, kind: str, data: bytes, archive: zipfile.ZipFile | None) -> list[SheetExtent]:
    """How far each sheet's values reach, before calamine makes them into cells; refused when over the limits."""
    try:
        if kind == "xlsx" and archive is not None and "xl/workbook.xml" in archive.namelist():
            extents = scan_xlsx(archive)
        elif kind == "ods" and archive is not None:
            extents = scan_ods(archive)
        elif kind == "xls":
            extents = scan_xls(data)
        else:
            extents = []
        check_extent(extents, frozenset({META_SHEET}))
    except Encrypted:
        raise _reject(path, PASSWORD_MESSAGE) from None
    except TooBig as too_big:
        sheet = _decode_name(too_big.sheet) if too_big.sheet and not too_big.sheet.startswith("#") else ""
        raise _reject(path, too_big.message, sheet=sheet) from None
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, EOFError, struct_error):
        raise _reject(path, "tệp bị hỏng (không giải nén được), không đọc được.") from None
    return extents


_FONT_NAME = re.compile(rb'<(?:\w+:)?(?:name|rFont)\b[^>]*?\bval="\s*([^"]{0,40})"')


def _legacy_fonts_in_styles(archive: zipfile.ZipFile) -> bool:
    """Whether xl/styles.xml names a legacy Vietnamese font, read as a stream (no tree: a styles part with a
    million fonts stays cheap)."""
    try:
        with archive.open("xl/styles.xml") as handle:
            rest = b""
            while block := handle.read(1024 * 1024):
                data = rest + block
                for name in _FONT_NAME.findall(data):
                    if name.decode("utf-8", "replace").strip().lower().startswith(LEGACY_FONT_PREFIXES):
                        return True
                rest = data[-200:]
    except (KeyError, OSError, zipfile.BadZipFile, ValueError, EOFError):
        return False
    return False


def _xlsx_fonts(data: bytes) -> dict[str, dict[tuple[int, int], str]]:
    """Per sheet: (row, column) → font name, for cells in a legacy font."""
    import openpyxl

    result: dict[str, dict[tuple[int, int], str]] = {}
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        for sheet in workbook.worksheets:
            fonts: dict[tuple[int, int], str] = {}
            for row in sheet.iter_rows():
                for cell in row:
                    if not isinstance(getattr(cell, "value", None), str):
                        continue
                    name = (cell.font.name or "") if cell.font is not None else ""
                    if name.strip().lower().startswith(LEGACY_FONT_PREFIXES):
                        fonts[(cell.row - 1, cell.column - 1)] = name.strip()
            result[sheet.title] = fonts
    finally:
        workbook.close()
    return result


def _decode_name(name: str) -> str:
    from thidua_desktop.exchange.values import cell_text

    return cell_text(name) or name


def read_workbook(path: Path | str) -> WorkbookData:
    """Read every worksheet of a spreadsheet file; raises ``ImportRejected`` for anything unsafe or unreadable."""
    from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

    path = Path(path)
    if not path.is_file():
        raise _reject(path, "không tìm thấy tệp." if not path.exists() else "không phải là tệp.")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _reject(path, f"tệp quá lớn ({size // (1024 * 1024)} MB; tối đa 100 MB).")
        data = path.read_bytes()
    except OSError as exc:
        raise _reject(path, f"không đọc được tệp ({exc.strerror or exc}).") from None
    kind = _sniff(path, data)
    archive: zipfile.ZipFile | None = None
    if kind == "zip":
        kind, archive = _check_zip(path, data)
    elif is_encrypted_ole(data):
        raise _reject(path, PASSWORD_MESSAGE)
    extents = _extents(path, kind, data, archive)
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except CalamineError as exc:
        if type(exc).__name__ == "PasswordError":
            raise _reject(path, PASSWORD_MESSAGE) from None
        raise _reject(path, "tệp bị hỏng hoặc không phải bảng tính, không đọc được.") from None
    except Exception:  # noqa: BLE001 - calamine raises plain errors for some broken files
        raise _reject(path, "tệp bị hỏng hoặc không phải bảng tính, không đọc được.") from None
    links = {extent.name: extent.links for extent in extents if extent.links}
    digest = hashlib.sha256(data).hexdigest()

    fonts: dict[str, dict[tuple[int, int], str]] = {}
    if kind == "xlsx" and archive is not None and _legacy_fonts_in_styles(archive):
        try:
            fonts = _xlsx_fonts(data)
        except Exception:  # noqa: BLE001 - fonts only help the detection; statistics still apply
            fonts = {}

    sheets: list[SheetData] = []
    meta: dict[str, str] = {}
    sheet_meta: dict[str, dict[str, str]] = {}
    try:
        for info in workbook.sheets_metadata:
            if info.typ != SheetTypeEnum.WorkSheet:
                continue
            try:
                sheet = workbook.get_sheet_by_name(info.name)
                height, width = sheet.height, sheet.width
                if height > MAX_SHEET_ROWS:
                    raise _reject(
                        path,
                        f"trang có {height} dòng, vượt giới hạn {MAX_SHEET_ROWS} dòng; hãy chia nhỏ tệp.",
                        sheet=_decode_name(info.name),
                    )
                if width > MAX_SHEET_COLUMNS and info.name != META_SHEET:
                    raise _reject(
                        path,
                        f"trang có {width} cột, vượt giới hạn {MAX_SHEET_COLUMNS} cột.",
                        sheet=_decode_name(info.name),
                    )
                rows = sheet.to_python(skip_empty_area=False)
                merged = list(sheet.merged_cell_ranges or [])
            except ImportRejected:
                raise
            except Exception:  # noqa: BLE001
                raise _reject(
                    path, "trang tính bị hỏng, không đọc được.", sheet=_decode_name(info.name)
                ) from None
            if info.name == META_SHEET:
                for row in rows:
                    key = str(row[0]).strip() if row and row[0] != "" else ""
                    if not key:
                        continue
                    value = row[1] if len(row) > 1 else ""
                    if isinstance(value, float) and value.is_integer():
                        value = int(value)
                    target = str(row[2]).strip() if len(row) > 2 and row[2] != "" else ""
                    if target:
                        sheet_meta.setdefault(target, {})[key] = str(value).strip()
                    else:
                        meta[key] = str(value).strip()
                continue
            sheets.append(
                SheetData(
                    name=_decode_name(info.name),
                    raw_name=info.name,
                    rows=rows,
                    merged=merged,
                    fonts=fonts.get(info.name, {}),
                    hidden=info.visible != SheetVisibleEnum.Visible,
                )
            )
    finally:
        workbook.close()
    if not any(any(cell != "" for cell in row) for sheet in sheets for row in sheet.rows):
        raise _reject(path, "tệp không có dữ liệu (các trang tính đều trống).")
    return WorkbookData(
        path=path,
        file_name=path.name,
        sha256=digest,
        format=kind,
        sheets=sheets,
        meta=meta,
        sheet_meta=sheet_meta,
        links=links,
    )

"""What a spreadsheet holds, learned from its XML before any parser makes its cells.

python-calamine makes a sheet into one dense rectangle from A1 to the last cell, and gives every cell that refers
to a shared string its own copy of the text. A 1.6 KB .xlsx with one value at XFD1048576, a few values spread
over a million rows, an .ods row repeated 150,000 times, or one long shared string referred to by every cell
would need gigabytes. ``scan_xlsx`` and ``scan_ods`` read the sheets' XML as a stream (a few MB at a time, no
tree) and return, per sheet, how far its values reach, how much text its cells would hold, and its formulas that
reach outside the file; ``check_extent`` refuses what is over the limits. The legacy .xls format is scanned the
same way (``scan_xls``: the cell records of the BIFF stream inside the OLE container).
"""

from __future__ import annotations

import re
import struct
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import unescape

CHUNK = 4 * 1024 * 1024
MAX_SHEET_ROWS = 200_000
MAX_SHEET_COLUMNS = 200
MAX_SHEET_CELLS = 1_000_000
"""Cells of the dense rectangle calamine makes of a sheet (rows × columns from A1)."""
MAX_WORKBOOK_CELLS = 1_500_000
MAX_SHARED_STRINGS = 1_500_000
MAX_TEXT_BYTES = 40 * 1024 * 1024
"""Text the cells of the whole workbook hold once each shared string is copied into every cell naming it.

Measured (peak resident memory of ``thidua import``): 2,000,000 short text cells took 381 MB, about 150 bytes a
cell over the 86 MB the program needs to start; text costs about three times its UTF-8 size (calamine's copy and
Python's). The limits keep any accepted workbook under 400 MB with room to plan it: a branch's 20,000-row sheet is
140,000 cells."""


@dataclass(slots=True)
class OutsideLink:
    """A formula that reaches outside the file (another workbook, a DDE program, a file:// address)."""

    row: int
    """0-based."""
    column: int
    formula: str


@dataclass(slots=True)
class SheetExtent:
    name: str
    rows: int = 0
    """Rows from row 1 to the last with a value."""
    columns: int = 0
    text_bytes: int = 0
    farthest: str = ""
    """The farthest cell ("XFD1048576"), to name in a message."""
    links: list[OutsideLink] = field(default_factory=list)

    @property
    def cells(self) -> int:
        return self.rows * self.columns


class TooBig(Exception):
    """A sheet or a workbook over a limit; ``message`` is Vietnamese, ``sheet`` names the sheet."""

    def __init__(self, message: str, sheet: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.sheet = sheet


class Encrypted(Exception):
    """A workbook saved with a password (its cells cannot be read without it)."""


def column_index(letters: str) -> int:
    """ "A" → 0, "XFD" → 16383."""
    index = 0
    for char in letters:
        index = index * 26 + ord(char) - 64
    return index - 1


def column_name(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def check_extent(extents: list[SheetExtent], skip_width: frozenset[str] = frozenset()) -> None:
    """Raise ``TooBig`` for the first sheet (or the workbook) over a limit."""
    total_cells = 0
    total_text = 0
    for extent in extents:
        where = f" (ô xa nhất: {extent.farthest})" if extent.farthest else ""
        if extent.rows > MAX_SHEET_ROWS:
            raise TooBig(
                f"trang có dữ liệu đến dòng {_number(extent.rows)}{where}, vượt giới hạn "
                f"{_number(MAX_SHEET_ROWS)} dòng; hãy xóa các ô thừa hoặc chia nhỏ tệp.",
                extent.name,
            )
        if extent.columns > MAX_SHEET_COLUMNS and extent.name not in skip_width:
            raise TooBig(
                f"trang có dữ liệu đến cột {column_name(extent.columns - 1)}{where}, vượt giới hạn "
                f"{MAX_SHEET_COLUMNS} cột; hãy xóa các ô thừa.",
                extent.name,
            )
        if extent.cells > MAX_SHEET_CELLS and extent.name not in skip_width:
            raise TooBig(
                f"trang trải trên {_number(extent.rows)} dòng × {extent.columns} cột{where}, quá lớn để đọc; "
                "hãy xóa các ô thừa ở xa bảng.",
                extent.name,
            )
        total_cells += extent.cells
        total_text += extent.text_bytes
    if total_cells > MAX_WORKBOOK_CELLS:
        raise TooBig(
            f"các trang tính có tổng cộng {_number(total_cells)} ô, quá lớn để đọc; hãy chia nhỏ tệp."
        )
    if total_text > MAX_TEXT_BYTES:
        raise TooBig(
            f"các ô chứa tổng cộng {_number(total_text // (1024 * 1024))} MB chữ (một đoạn chữ dài được lặp "
            "lại ở rất nhiều ô), nghi là tệp độc hại, không mở."
        )


# --- streaming -----------------------------------------------------------------------------------------------


def _chunks(archive: zipfile.ZipFile, member: str, cut: bytes) -> Iterator[bytes]:
    """The member's bytes in pieces that end just before the last ``cut`` (so no element is split)."""
    rest = b""
    with archive.open(member) as handle:
        while True:
            block = handle.read(CHUNK)
            if not block:
                break
            data = rest + block
            end = data.rfind(cut)
            if end <= 0:
                rest = data
                continue
            rest = data[end:]
            yield data[:end]
    if rest:
        yield rest


def _outside(formula: str) -> bool:
    lowered = formula.lower()
    return (
        "file:" in lowered
        or bool(_EXTERNAL_BOOK.search(formula))
        or bool(_DDE.search(formula))
        or "\\\\" in formula
    )


_EXTERNAL_BOOK = re.compile(r"\[\d+\]|\[[^\]]*\.(?:xls[xmb]?|ods|csv)\]", re.IGNORECASE)
_DDE = re.compile(r"[A-Za-z0-9_.]+\|")


# --- .xlsx -----------------------------------------------------------------------------------------------------

_SHEET_ENTRY = re.compile(rb"<(?:\w+:)?sheet\b[^>]*>")
_ATTR = re.compile(rb'([\w:]+)="([^"]*)"')
_RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")
_SI = re.compile(rb"<(?:\w+:)?si>(.*?)</(?:\w+:)?si>", re.DOTALL)
_CELL_ROWS = re.compile(rb'<c r="[A-Z]{1,3}(\d+)"')
_CELL_COLUMNS = re.compile(rb'<c r="([A-Z]+)')
_SHARED_CELL = re.compile(rb'<c r="[A-Z]{1,3}\d+"[^>]*?t="s"[^>]*>\s*<v>(\d+)</v>')
_FORMULA_CELL = re.compile(rb'<c r="([A-Z]{1,3})(\d+)"[^>]*>\s*<f\b[^>]*>([^<]*)</f>')
_ROW_TAG = re.compile(rb"<row\b[^>]*>|</row>|<c\b[^>]*?/?>")


def _attributes(tag: bytes) -> dict[str, str]:
    return {k.decode().split(":")[-1]: unescape(v.decode("utf-8", "replace")) for k, v in _ATTR.findall(tag)}


def _xlsx_sheets(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, member path) of the worksheets, in workbook order."""
    workbook = archive.read("xl/workbook.xml")
    try:
        rels = archive.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        rels = b""
    targets: dict[str, str] = {}
    for tag in _RELATIONSHIP.findall(rels):
        attrs = _attributes(tag)
        target = attrs.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else "xl/" + target
        targets[attrs.get("Id", "")] = re.sub(r"[^/]+/\.\./", "", target)
    sheets = []
    names = set(archive.namelist())
    for tag in _SHEET_ENTRY.findall(workbook):
        attrs = _attributes(tag)
        member = targets.get(attrs.get("id", ""), "")
        if member in names:
            sheets.append((attrs.get("name", ""), member))
    return sheets


def _shared_lengths(archive: zipfile.ZipFile) -> list[int]:
    member = next((n for n in archive.namelist() if n.lower() == "xl/sharedstrings.xml"), None)
    if member is None:
        return []
    lengths: list[int] = []
    for chunk in _chunks(archive, member, b"<si>"):
        lengths.extend(len(found) for found in _SI.findall(chunk))
        if len(lengths) > MAX_SHARED_STRINGS:
            raise TooBig(
                f"tệp có hơn {_number(MAX_SHARED_STRINGS)} đoạn chữ dùng chung, quá lớn để đọc; nghi là tệp độc hại."
            )
    return lengths


def _scan_xlsx_sheet(archive: zipfile.ZipFile, name: str, member: str, shared: list[int]) -> SheetExtent:
    extent = SheetExtent(name)
    max_row_text = b""
    max_column = -1
    for chunk in _chunks(archive, member, b"<c "):
        cells = chunk.count(b"<c ") + chunk.count(b"<c>")
        rows = _CELL_ROWS.findall(chunk)
        if len(rows) != cells:
            row_count, column_count = _positions_without_refs(chunk)
            extent.rows = max(extent.rows, row_count)
            max_column = max(max_column, column_count - 1)
        if rows:
            longest = max(map(len, rows))
            top = max(r for r in rows if len(r) == longest)
            if (len(top), top) > (len(max_row_text), max_row_text):
                max_row_text = top
        columns = _CELL_COLUMNS.findall(chunk)
        if columns:
            longest = max(map(len, columns))
            if longest > 3:
                raise TooBig("trang tính có địa chỉ ô không hợp lệ, nghi là tệp độc hại.", name)
            widest = max(c for c in columns if len(c) == longest)
            max_column = max(max_column, column_index(widest.decode()))
        if shared and b't="s"' in chunk:
            extent.text_bytes += sum(
                shared[int(i)] for i in _SHARED_CELL.findall(chunk) if int(i) < len(shared)
            )
        if b"inlineStr" in chunk:  # the text is in the XML: its bytes less the markup of the cells
            extent.text_bytes += max(0, len(chunk) - 40 * cells)
        if b"<f" in chunk:
            for letters, row, text in _FORMULA_CELL.findall(chunk):
                formula = unescape(text.decode("utf-8", "replace"))
                if _outside(formula):
                    extent.links.append(OutsideLink(int(row) - 1, column_index(letters.decode()), formula))
    if max_row_text:
        extent.rows = max(extent.rows, int(max_row_text))
    extent.columns = max_column + 1
    if extent.rows and extent.columns:
        extent.farthest = f"{column_name(extent.columns - 1)}{extent.rows}"
    return extent


def _positions_without_refs(chunk: bytes) -> tuple[int, int]:
    """(rows, columns) of a sheet part whose rows or cells do not say where they are (the slow way)."""
    row = column = widest = 0
    for tag in _ROW_TAG.findall(chunk):
        if tag.startswith(b"<row"):
            found = re.search(rb'\br="(\d+)"', tag)
            row = int(found.group(1)) if found else row + 1
            column = 0
        elif tag.startswith(b"<c"):
            found = re.search(rb'\br="([A-Z]{1,3})\d+"', tag)
            column = column_index(found.group(1).decode()) + 1 if found else column + 1
            widest = max(widest, column)
    return row, widest


def scan_xlsx(archive: zipfile.ZipFile) -> list[SheetExtent]:
    shared = _shared_lengths(archive)
    return [_scan_xlsx_sheet(archive, name, member, shared) for name, member in _xlsx_sheets(archive)]


# --- .ods ------------------------------------------------------------------------------------------------------

_ODS_TAG = re.compile(
    rb"<table:table\b[^>]*>|</table:table>|<table:table-row\b[^>]*?/?>|</table:table-row>"
    rb"|<table:(?:covered-)?table-cell\b[^>]*?/?>|</table:(?:covered-)?table-cell>|<text:p\b"
)
_REPEATED_ROWS = re.compile(rb'table:number-rows-repeated="(\d+)"')
_REPEATED_COLUMNS = re.compile(rb'table:number-columns-repeated="(\d+)"')
_ODS_NAME = re.compile(rb'table:name="([^"]*)"')
_ODS_FORMULA = re.compile(rb'table:formula="([^"]*)"')


class _OdsState:
    __slots__ = ("extent", "row", "row_repeat", "column", "cell_repeat", "cell_has_value", "row_last_column")

    def __init__(self, name: str) -> None:
        self.extent = SheetExtent(name)
        self.row = 0
        self.row_repeat = 1
        self.column = 0
        self.cell_repeat = 1
        self.cell_has_value = False
        self.row_last_column = 0

    def end_cell(self) -> None:
        if self.cell_has_value:
            self.row_last_column = self.column + self.cell_repeat
        self.column += self.cell_repeat
        self.cell_has_value = False

    def end_row(self) -> None:
        if self.row_last_column:
            self.extent.rows = self.row + self.row_repeat
            self.extent.columns = max(self.extent.columns, self.row_last_column)
        self.row += self.row_repeat


def scan_ods(archive: zipfile.ZipFile) -> list[SheetExtent]:
    """Sheets of an .ods: repeated rows and cells counted as what they become, empty ones not."""
    sheets: list[SheetExtent] = []
    state: _OdsState | None = None
    in_cell = False
    for chunk in _chunks(archive, "content.xml", b"<"):
        for tag in _ODS_TAG.findall(chunk):
            if tag.startswith(b"<table:table ") or tag == b"<table:table>":
                found = _ODS_NAME.search(tag)
                state = _OdsState(unescape(found.group(1).decode("utf-8", "replace")) if found else "")
            elif tag == b"</table:table>":
                if state is not None:
                    _finish(state)
                    sheets.append(state.extent)
                state = None
            elif state is None:
                continue
            elif tag.startswith(b"<table:table-row"):
                repeated = _REPEATED_ROWS.search(tag)
                state.row_repeat = int(repeated.group(1)) if repeated else 1
                state.column = 0
                state.row_last_column = 0
                if tag.endswith(b"/>"):
                    state.end_row()
            elif tag == b"</table:table-row>":
                state.end_row()
            elif tag.startswith((b"<table:table-cell", b"<table:covered-table-cell")):
                repeated = _REPEATED_COLUMNS.search(tag)
                state.cell_repeat = int(repeated.group(1)) if repeated else 1
                state.cell_has_value = b"office:value-type=" in tag or b"calcext:value-type=" in tag
                formula = _ODS_FORMULA.search(tag)
                if formula is not None:
                    text = unescape(formula.group(1).decode("utf-8", "replace"))
                    if _outside(text) or "DDE(" in text.upper():
                        state.extent.links.append(OutsideLink(state.row, state.column, text))
                if tag.endswith(b"/>"):
                    state.end_cell()
                else:
                    in_cell = True
            elif tag.startswith(b"</table:"):
                if in_cell:
                    state.end_cell()
                in_cell = False
            elif tag == b"<text:p" and in_cell:
                state.cell_has_value = True
    return sheets


def _finish(state: _OdsState) -> None:
    extent = state.extent
    if extent.rows and extent.columns:
        extent.farthest = f"{column_name(extent.columns - 1)}{extent.rows}"
    extent.text_bytes = 0


# --- .xls ------------------------------------------------------------------------------------------------------

_FREE, _END = 0xFFFFFFFF, 0xFFFFFFFE
_CELL_RECORDS = {0x0006, 0x00FD, 0x0203, 0x027E, 0x0201, 0x0204, 0x0205, 0x00D6, 0x0001, 0x0002, 0x0003}
_MULTI_RECORDS = {0x00BD, 0x00BE}


def _ole_stream(data: bytes, wanted: tuple[str, ...]) -> bytes | None:
    """The first stream named in ``wanted`` of an OLE compound file (enough of the format to find Excel's
    workbook stream); None when the file is no such container."""
    if len(data) < 512:
        return None
    shift = struct.unpack_from("<H", data, 30)[0]
    mini_shift = struct.unpack_from("<H", data, 32)[0]
    if not 7 <= shift <= 16 or mini_shift > shift:
        return None
    size = 1 << shift
    fat_count, first_dir = struct.unpack_from("<II", data, 44)
    mini_cutoff, first_mini_fat, mini_fat_count, first_difat, difat_count = struct.unpack_from(
        "<IIIII", data, 56
    )
    sectors = (len(data) - 512) // size

    def sector(index: int) -> bytes:
        start = 512 + index * size
        return data[start : start + size]

    fat_sectors = [s for s in struct.unpack_from("<109I", data, 76) if s < sectors]
    next_difat = first_difat
    for _ in range(min(difat_count, sectors)):
        if next_difat >= sectors:
            break
        entries = struct.unpack(f"<{size // 4}I", sector(next_difat))
        fat_sectors += [s for s in entries[:-1] if s < sectors]
        next_difat = entries[-1]
    fat: list[int] = []
    for index in fat_sectors[: max(fat_count, len(fat_sectors))]:
        fat.extend(struct.unpack(f"<{size // 4}I", sector(index)))

    def chain(start: int, table: list[int], limit: int) -> Iterator[int]:
        seen = 0
        while start < limit and start < len(table) and seen <= limit:
            yield start
            start = table[start]
            seen += 1

    directory = b"".join(sector(i) for i in chain(first_dir, fat, sectors))
    entries = []
    for offset in range(0, len(directory) - 127, 128):
        name_length = struct.unpack_from("<H", directory, offset + 64)[0]
        name = directory[offset : offset + max(name_length - 2, 0)].decode("utf-16-le", "replace")
        kind = directory[offset + 66]
        start, stream_size = struct.unpack_from("<IQ", directory, offset + 116)
        entries.append((name, kind, start, stream_size))
    if not entries:
        return None
    for wanted_name in wanted:
        for name, kind, start, stream_size in entries:
            if kind != 2 or name != wanted_name:
                continue
            if stream_size < mini_cutoff:
                root = entries[0]
                mini_stream = b"".join(sector(i) for i in chain(root[2], fat, sectors))
                mini_fat_bytes = b"".join(sector(i) for i in chain(first_mini_fat, fat, sectors))
                mini_fat = list(struct.unpack(f"<{len(mini_fat_bytes) // 4}I", mini_fat_bytes))
                mini = 1 << mini_shift
                parts = [
                    mini_stream[i * mini : (i + 1) * mini]
                    for i in chain(start, mini_fat, len(mini_stream) // mini or 1)
                ]
                return b"".join(parts)[:stream_size]
            return b"".join(sector(i) for i in chain(start, fat, sectors))[:stream_size]
    return None


def is_encrypted_ole(data: bytes) -> bool:
    """Whether an OLE file holds an encrypted OOXML package (what Excel writes for a workbook with a password)."""
    return "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data


def scan_xls(data: bytes) -> list[SheetExtent]:
    """Sheets of a BIFF8 workbook (.xls): the farthest row and column of any cell record, per worksheet; raises
    ``Encrypted`` at a FILEPASS record (what follows is encrypted, its positions meaningless)."""
    stream = _ole_stream(data, ("Workbook", "Book"))
    if stream is None:
        return []
    sheets: list[SheetExtent] = []
    names: list[str] = []
    """Worksheet names from the BOUNDSHEET records, in the order their substreams come."""
    kinds: list[int] = []
    """The substreams open (BOF … EOF may nest: a chart inside a sheet), by their BOF type."""
    current: SheetExtent | None = None
    offset = 0
    length = len(stream)
    while offset + 4 <= length:
        record, size = struct.unpack_from("<HH", stream, offset)
        body = offset + 4
        offset = body + size
        if record == 0x002F:
            raise Encrypted
        if record == 0x0085 and size >= 8 and stream[body + 5] == 0:
            names.append(_sheet_name(stream[body + 6 : body + size]))
        if record == 0x0809:
            kinds.append(struct.unpack_from("<H", stream, body + 2)[0] if size >= 4 else 0)
            if kinds == [0x0010]:
                index = len(sheets)
                current = SheetExtent(names[index] if index < len(names) else f"#{index + 1}")
        elif record == 0x000A:
            if kinds == [0x0010] and current is not None:
                if current.rows and current.columns:
                    current.farthest = f"{column_name(current.columns - 1)}{current.rows}"
                sheets.append(current)
                current = None
            if kinds:
                kinds.pop()
        elif current is not None and kinds == [0x0010] and size >= 4:
            if record in _CELL_RECORDS:
                row, column = struct.unpack_from("<HH", stream, body)
                current.rows = max(current.rows, row + 1)
                current.columns = max(current.columns, column + 1)
            elif record in _MULTI_RECORDS and size >= 6:
                row, _first = struct.unpack_from("<HH", stream, body)
                last = struct.unpack_from("<H", stream, body + size - 2)[0]
                current.rows = max(current.rows, row + 1)
                current.columns = max(current.columns, last + 1)
    return sheets


def _sheet_name(data: bytes) -> str:
    """A BIFF8 short Unicode string: length, a flag (1: UTF-16, else Latin-1), the characters."""
    if len(data) < 2:
        return ""
    length, flags = data[0], data[1]
    if flags & 1:
        return data[2 : 2 + 2 * length].decode("utf-16-le", "replace")
    return data[2 : 2 + length].decode("latin-1")

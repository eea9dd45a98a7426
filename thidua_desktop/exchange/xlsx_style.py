"""Shared openpyxl helpers for the workbooks we send out: styles, the safe value writer, the committee header
block, titles, table headings, the signature block, print setup and the atomic save.

Official layout (Hướng dẫn 36-HD/VPTW, adapted to a spreadsheet): Times New Roman; top left the superior Party
organisation in capitals and the issuing committee in bold capitals with a "*" beneath; top right "ĐẢNG CỘNG SẢN VIỆT
NAM" in bold with a rule beneath and the place and date in italics; the title in bold capitals; a bordered table
with merged headings; the signature block bottom right. Every name comes from ``OrganizationSettings``.

**Text is always text.** openpyxl stores any string starting with "=" as a formula, so a person named "=1+1" (or a
pledge "=HYPERLINK(...)") would become live. Every value goes through :func:`bind`: strings are written with data
type "s" whatever they start with; only :class:`Formula` values, which the exporters build themselves, become
formulas.

Two writers share one interface (rows of ``(value, style key)``):

* :class:`StreamWriter` for write-only workbooks (tallies of tens of thousands of rows). It feeds openpyxl's
  streaming serializer one reused cell per value with a precomputed style, which keeps a styled export within a
  small factor of openpyxl writing bare values (see ``benchmarks/bench_export.py``).
* :class:`PlainWriter` for ordinary workbooks (the branch forms: data validation, protection, small).
"""

from __future__ import annotations

import contextlib
import math
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Protection, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from thidua_desktop.core.settings_schema import OrganizationSettings
from thidua_desktop.core.storage import atomic
from thidua_desktop.core.text import format_long_date

FONT_NAME = "Times New Roman"
NATIONAL_PARTY = "ĐẢNG CỘNG SẢN VIỆT NAM"
NATIONAL_STATE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"
INPUT_FILL = "FFF2CC"
"""Light yellow behind the cells a branch is meant to fill in."""
DATE_FORMAT = "dd/mm/yyyy"
DEFAULT_ROW_HEIGHT = 18.0
LINE_HEIGHT = 16.5
"""Points per line of wrapped Times New Roman 12."""
CHARS_PER_WIDTH = 1.2
"""Characters of Times New Roman 12 that fit in one unit of column width (an estimate for row heights)."""


class Formula(str):
    """A formula the exporter builds itself ("=SUM(C9:C20)"): the only kind of text written as a formula."""

    __slots__ = ()


def safe_text(value: object) -> str:
    """Text as it will be stored: NFC, without the control characters XML cannot carry."""
    text = value if type(value) is str else str(value)
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if ILLEGAL_CHARACTERS_RE.search(text):
        text = ILLEGAL_CHARACTERS_RE.sub("", text)
    return text


def bind(value: object) -> tuple[Any, str]:
    """(value, openpyxl data type) for any value we write. Strings are always "s": never a formula."""
    kind = type(value)
    if kind is str:
        return safe_text(value), "s"
    if kind is int:
        return value, "n"
    if kind is float:
        return (value, "n") if math.isfinite(value) else (None, "n")  # type: ignore[arg-type]
    if value is None:
        return None, "n"
    if kind is Formula:
        return str(value), "f"
    if kind is bool:
        return value, "b"
    if kind is date or kind is datetime:
        return value, "d"
    if isinstance(value, Decimal):
        return (float(value), "n") if value.is_finite() else (None, "n")
    if isinstance(value, datetime | date):
        return value, "d"
    if isinstance(value, bool):
        return bool(value), "b"
    if isinstance(value, int):
        return int(value), "n"
    if isinstance(value, float):
        return (float(value), "n") if math.isfinite(value) else (None, "n")
    return safe_text(value), "s"


def put(cell: Any, value: object) -> None:
    """Write ``value`` into an ordinary worksheet cell safely (text as text, see :func:`bind`)."""
    bound, data_type = bind(value)
    cell.value = bound
    cell.data_type = data_type


# --- styles -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StyleSpec:
    size: float = 12
    bold: bool = False
    italic: bool = False
    underline: bool = False
    horizontal: str = "left"
    vertical: str = "center"
    wrap: bool = True
    border: bool = False
    number_format: str = "General"
    locked: bool = True
    fill: str | None = None

    def named(self, name: str) -> NamedStyle:
        thin = Side(style="thin", color="000000")
        style = NamedStyle(name=name)
        style.font = Font(
            name=FONT_NAME,
            size=self.size,
            bold=self.bold,
            italic=self.italic,
            underline="single" if self.underline else None,
        )
        # table text and numbers keep a little space from the borders
        indent = 1 if self.border and self.horizontal == "left" else 0
        style.alignment = Alignment(
            horizontal=self.horizontal, vertical=self.vertical, wrap_text=self.wrap, indent=indent
        )
        if self.border:
            style.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        style.number_format = self.number_format
        style.protection = Protection(locked=self.locked)
        if self.fill:
            style.fill = PatternFill(fill_type="solid", start_color=self.fill, end_color=self.fill)
        return style


def _cell(**options: Any) -> StyleSpec:
    """A bordered table cell."""
    return StyleSpec(border=True, **options)


def _input(**options: Any) -> StyleSpec:
    """A bordered cell a branch fills in: unlocked and shaded."""
    return StyleSpec(border=True, locked=False, fill=INPUT_FILL, **options)


STYLES: dict[str, StyleSpec] = {
    # header block
    "org": StyleSpec(size=13, horizontal="center"),
    "org_bold": StyleSpec(size=13, bold=True, horizontal="center"),
    "national": StyleSpec(size=13, bold=True, underline=True, horizontal="center"),
    "star": StyleSpec(size=13, horizontal="center", vertical="top"),
    "date_line": StyleSpec(size=13, italic=True, horizontal="center"),
    # titles and notes
    "title": StyleSpec(size=14, bold=True, horizontal="center"),
    "subtitle": StyleSpec(size=13, bold=True, horizontal="center"),
    "subtitle_italic": StyleSpec(size=13, italic=True, horizontal="center"),
    "note": StyleSpec(size=12, italic=True, horizontal="left"),
    "plain": StyleSpec(size=12, horizontal="left"),
    "plain_bold": StyleSpec(size=12, bold=True, horizontal="left"),
    "plain_top": StyleSpec(size=12, horizontal="left", vertical="top"),
    # table
    "header": _cell(bold=True, horizontal="center"),
    "column_number": StyleSpec(size=11, italic=True, horizontal="center", border=True),
    "group_number": _cell(bold=True, horizontal="center"),
    "group": _cell(bold=True, horizontal="left"),
    "text": _cell(horizontal="left"),
    "center": _cell(horizontal="center"),
    "int": _cell(horizontal="center", number_format="#,##0"),
    "number": _cell(horizontal="center"),
    "percent": _cell(horizontal="center", number_format="0.0%"),
    "date": _cell(horizontal="center", number_format=DATE_FORMAT),
    "total_label": _cell(bold=True, horizontal="center"),
    "total_int": _cell(bold=True, horizontal="center", number_format="#,##0"),
    "total_blank": _cell(bold=True),
    # cells a branch fills in (unlocked when the sheet is protected)
    "input_text": _input(horizontal="left", number_format="@"),
    "input_center": _input(horizontal="center", number_format="@"),
    "input_number": _input(horizontal="right"),
    "input_int": _input(horizontal="center"),
    "input_date": _input(horizontal="center", number_format=DATE_FORMAT),
    # signature block
    "sign_bold": StyleSpec(size=13, bold=True, horizontal="center"),
    "sign_italic": StyleSpec(size=12, italic=True, horizontal="center"),
    "recipients_label": StyleSpec(size=12, bold=True, italic=True, horizontal="left", wrap=False),
    "recipients": StyleSpec(size=11, horizontal="left", wrap=False),
    # instructions
    "instruction": StyleSpec(size=12, horizontal="left", vertical="top"),
    "instruction_bold": StyleSpec(size=12, bold=True, horizontal="left", vertical="top"),
}

STYLE_PREFIX = "thidua_"


class StyleBook:
    """The workbook's named styles ("thidua_header", ...), each registered once and resolved once to the style
    array that cells share."""

    def __init__(self, workbook: Workbook) -> None:
        self.workbook = workbook
        self._arrays: dict[str, StyleArray] = {}
        self._holder = SimpleNamespace(parent=workbook)

    def array(self, key: str) -> StyleArray:
        found = self._arrays.get(key)
        if found is None:
            name = STYLE_PREFIX + key
            if name not in self.workbook.named_styles:
                self.workbook.add_named_style(STYLES[key].named(name))
            template = Cell(self._holder)  # type: ignore[arg-type]
            template.style = name
            found = self._arrays[key] = template._style
        return found


Item = tuple[object, str] | None
"""One cell of a row: (value, style key), or None for a cell left out."""


class SheetWriter:
    """Row-by-row writer shared by the streaming and the ordinary worksheet."""

    def __init__(self, worksheet: Any, styles: StyleBook) -> None:
        self.ws = worksheet
        self.styles = styles
        self.row = 0
        """The last row written (1-based); 0 before the first."""

    def append(self, items: Sequence[Item], height: float | None = None) -> int:
        raise NotImplementedError

    def append_data(self, values: Sequence[object], styles: Sequence[StyleArray]) -> int:
        """A table row: ``values[i]`` with the precomputed style ``styles[i]``."""
        raise NotImplementedError

    def skip(self, count: int = 1, height: float | None = None) -> None:
        for _ in range(count):
            self.append((), height)

    def merge(self, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
        if (first_row, first_col) != (last_row, last_col):
            self.ws.merged_cells.add(
                f"{get_column_letter(first_col)}{first_row}:{get_column_letter(last_col)}{last_row}"
            )

    def set_height(self, row: int, height: float | None) -> None:
        if height is not None:
            self.ws.row_dimensions[row].height = height


class _StreamCell(Cell):
    """The streaming writer's reused cell: its style id and "has a style" are plain slots set per value (openpyxl
    computes them per cell by hashing the style array into the workbook's style list)."""

    __slots__ = ("style_id", "has_style")


class StreamWriter(SheetWriter):
    """Writes into a write-only worksheet. Rows are serialized as they are appended, through one reused cell whose
    value is already bound (text as text) and whose style is resolved once per style; merges are collected without
    openpyxl's quadratic overlap check (ours never overlap). If this openpyxl lacks the streaming hook it falls back
    to plain ``WriteOnlyCell``s."""

    def __init__(self, worksheet: Any, styles: StyleBook, fast: bool = True) -> None:
        super().__init__(worksheet, styles)
        self._cell = _StreamCell(worksheet, row=1, column=1)
        self._style_ids: dict[int, int] = {}
        self.fast = fast and callable(getattr(worksheet, "_values_to_row", None))
        if self.fast:
            # openpyxl's write-only sheet turns each appended row into cells through this method
            worksheet._values_to_row = self._cells

    def _style_id(self, style: StyleArray) -> int:
        found = self._style_ids.get(id(style))
        if found is None:
            found = self._style_ids[id(style)] = self.ws.parent._cell_styles.add(style)
        return found

    def _cells(self, items: Sequence[tuple[object, StyleArray | None]], row_idx: int) -> Iterator[Cell]:
        cell = self._cell
        cell.row = row_idx
        style_ids = self._style_ids
        column = 0
        for value, style in items:
            column += 1
            kind = type(value)
            if kind is str:
                cell._value = safe_text(value)
                cell.data_type = "s"
            elif kind is int or kind is float and math.isfinite(value):  # type: ignore[arg-type]
                cell._value = value
                cell.data_type = "n"
            elif value is None and style is None:
                continue
            else:
                cell._value, cell.data_type = bind(value)
            if style is None:
                cell.has_style = False
                cell.style_id = 0
            else:
                cell.has_style = True
                sid = style_ids.get(id(style))
                cell.style_id = sid if sid is not None else self._style_id(style)
            cell.column = column
            yield cell

    def _emit(self, items: list[tuple[object, StyleArray | None]], height: float | None) -> int:
        self.row += 1
        self.set_height(self.row, height)
        if self.fast:
            self.ws.append(items)
        else:
            cells: list[Any] = []
            for value, style in items:
                cell = Cell(self.ws, row=1, column=1)
                cell._value, cell.data_type = bind(value)
                if style is not None:
                    cell._style = StyleArray(style)
                cells.append(cell if (value is not None or style is not None) else None)
            self.ws.append(cells)
        return self.row

    def append(self, items: Sequence[Item], height: float | None = None) -> int:
        array = self.styles.array
        return self._emit(
            [(None, None) if item is None else (item[0], array(item[1])) for item in items], height
        )

    def append_data(self, values: Sequence[object], styles: Sequence[StyleArray]) -> int:
        return self._emit(list(zip(values, styles, strict=True)), None)

    def merge(self, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
        if (first_row, first_col) != (last_row, last_col):
            self.ws.merged_cells.ranges.add(
                CellRange(min_col=first_col, min_row=first_row, max_col=last_col, max_row=last_row)
            )

    def set_height(self, row: int, height: float | None) -> None:
        # the attributes openpyxl's row writer copies into <row>, without a RowDimension object per row
        if height is not None:
            self.ws.row_dimensions[row] = {"ht": f"{height:g}", "customHeight": "1"}


class PlainWriter(SheetWriter):
    """Writes into an ordinary worksheet (cells stay editable: validation, protection, later tweaks)."""

    def append(self, items: Sequence[Item], height: float | None = None) -> int:
        self.row += 1
        self.set_height(self.row, height)
        for column, item in enumerate(items, start=1):
            if item is None:
                continue
            cell = self.ws.cell(self.row, column)
            put(cell, item[0])
            cell._style = StyleArray(self.styles.array(item[1]))
        return self.row

    def append_data(self, values: Sequence[object], styles: Sequence[StyleArray]) -> int:
        self.row += 1
        for column, (value, style) in enumerate(zip(values, styles, strict=True), start=1):
            cell = self.ws.cell(self.row, column)
            put(cell, value)
            cell._style = StyleArray(style)
        return self.row


# --- page layout --------------------------------------------------------------------------------------------


def set_column_widths(ws: Any, widths: Sequence[float]) -> None:
    """Column widths in characters (before the first row of a write-only sheet)."""
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width


def setup_page(
    ws: Any,
    *,
    title_rows: tuple[int, int] | None = None,
    freeze: str | None = None,
    landscape: bool = True,
) -> None:
    """A4, landscape, fitted to one page wide, header rows repeated on every page, page numbers in the footer,
    panes frozen below the headings. Call before the first row of a write-only sheet."""
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    if ws.sheet_properties.pageSetUpPr is None:
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    else:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    # rows of Times New Roman 12 need more than Excel's default 15 points; one default instead of 20,000 rows
    ws.sheet_format.defaultRowHeight = DEFAULT_ROW_HEIGHT
    ws.sheet_format.customHeight = True
    margins = ws.page_margins
    margins.left, margins.right, margins.top, margins.bottom = 0.6, 0.4, 0.6, 0.6
    margins.header, margins.footer = 0.3, 0.3
    ws.oddFooter.center.text = "Trang &P/&N"
    ws.oddFooter.center.font = FONT_NAME
    ws.oddFooter.center.size = 10
    if title_rows is not None:
        ws.print_title_rows = f"{title_rows[0]}:{title_rows[1]}"
    if freeze:
        ws.freeze_panes = freeze


def left_span(widths: Sequence[float]) -> int:
    """How many columns the left half of the header and signature blocks spans (about 45% of the width)."""
    total = sum(widths)
    running = 0.0
    for index, width in enumerate(widths, start=1):
        running += width
        if running >= total * 0.45:
            return max(1, min(index, len(widths) - 1))
    return max(1, len(widths) - 1)


def _pair(n: int, k: int, left: Item, right: Item) -> list[Item]:
    return [left, *([None] * (k - 1)), right, *([None] * (n - k - 1))]


def write_header_block(
    writer: SheetWriter,
    widths: Sequence[float],
    *,
    superior: str,
    issuer: str,
    date_line: str,
    state: bool = False,
    height: float = 20,
) -> None:
    """The committee header block.

    Party (default): left ``superior`` in capitals, ``issuer`` in bold capitals, "*"; right "ĐẢNG CỘNG SẢN VIỆT
    NAM" in bold over its rule, then the place and date in italics. ``state=True`` (mass organizations, the ward
    administration): right "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and "Độc lập - Tự do - Hạnh phúc" instead."""
    n = len(widths)
    k = left_span(widths)
    left: list[Item] = [(superior.upper(), "org"), (issuer.upper(), "org_bold")]
    if state:
        left.append(None)
        right: list[Item] = [
            (NATIONAL_STATE, "org_bold"),
            (NATIONAL_MOTTO, "national"),
            (date_line, "date_line"),
        ]
    else:
        left.append(("*", "star"))
        right = [(NATIONAL_PARTY, "national"), None, (date_line, "date_line")]
    for left_item, right_item in zip(left, right, strict=True):
        row = writer.append(_pair(n, k, left_item, right_item), height)
        writer.merge(row, 1, row, k)
        writer.merge(row, k + 1, row, n)


def lines_needed(text: str, width: float) -> int:
    """Estimated lines ``text`` wraps to in a column ``width`` characters wide (Times New Roman 12)."""
    return max(1, math.ceil(len(text) / max(1.0, width * CHARS_PER_WIDTH)))


def committee_date_line(settings: OrganizationSettings, when: date) -> str:
    """ "Nguyễn Nghiêm, ngày 05 tháng 5 năm 2025"."""
    return format_long_date(when, settings.place_name)


def write_centered(
    writer: SheetWriter, width: int, text: str, style: str, height: float | None = None
) -> int:
    """One line across the whole table width (titles, subtitles)."""
    row = writer.append([(text, style), *([None] * (width - 1))], height)
    writer.merge(row, 1, row, width)
    return row


@dataclass(frozen=True)
class Heading:
    """A table column heading; consecutive columns with the same ``group`` share a merged heading above."""

    text: str
    group: str = ""


def write_table_header(
    writer: SheetWriter,
    headings: Sequence[Heading],
    *,
    numbers: bool = True,
    heights: tuple[float, float] = (32, 48),
) -> tuple[int, int]:
    """The heading rows (two when any column is grouped, with merged cells) and the "(1) (2) ..." row.

    Returns (first heading row, last header row including the numbers row)."""
    n = len(headings)
    grouped = any(h.group for h in headings)
    first = writer.row + 1
    if not grouped:
        writer.append([(h.text, "header") for h in headings], heights[1])
    else:
        top: list[Item] = []
        for index, heading in enumerate(headings):
            if heading.group:
                starts = index == 0 or headings[index - 1].group != heading.group
                top.append((heading.group, "header") if starts else ("", "header"))
            else:
                top.append((heading.text, "header"))
        writer.append(top, heights[0])
        writer.append([(h.text, "header") if h.group else ("", "header") for h in headings], heights[1])
        index = 0
        while index < n:
            heading = headings[index]
            if not heading.group:
                writer.merge(first, index + 1, first + 1, index + 1)
                index += 1
                continue
            end = index
            while end + 1 < n and headings[end + 1].group == heading.group:
                end += 1
            writer.merge(first, index + 1, first, end + 1)
            index = end + 1
    if numbers:
        writer.append([(f"({i})", "column_number") for i in range(1, n + 1)], 18)
    return first, writer.row


def write_signature(
    writer: SheetWriter,
    widths: Sequence[float],
    settings: OrganizationSettings,
    *,
    recipients: Sequence[str] = (),
    on_behalf: str | None = None,
    title: str | None = None,
    name: str | None = None,
) -> None:
    """Bottom right: "T/M ĐẢNG ỦY", the signatory's title, room to sign, the name. Bottom left: "Nơi nhận:"."""
    n = len(widths)
    k = left_span(widths)
    behalf = settings.signatory_on_behalf if on_behalf is None else on_behalf
    position = settings.signatory_title if title is None else title
    signer = settings.signatory_name if name is None else name
    left: list[Item] = [("Nơi nhận:", "recipients_label")] if recipients else []
    left += [(line, "recipients") for line in recipients]
    right: list[Item] = [(behalf.upper(), "sign_bold"), (position.upper(), "sign_bold"), None, None, None]
    right.append((signer, "sign_bold"))
    if not behalf:
        right.pop(0)
    writer.skip(1, 12)
    for index in range(max(len(left), len(right))):
        left_item = left[index] if index < len(left) else None
        right_item = right[index] if index < len(right) else None
        row = writer.append(_pair(n, k, left_item, right_item), 19)
        if right_item is not None:
            writer.merge(row, k + 1, row, n)


# --- saving -------------------------------------------------------------------------------------------------


atomic_path = atomic.atomic_path
"""The program's one write-to-temporary-then-rename helper (``core.storage.atomic``): a failed, cancelled or killed
export never leaves a half-written file (nor replaces a good one); a full disk is a Vietnamese ``UserError``."""


def discard_stream(workbook: Workbook) -> None:
    """After a failed or cancelled write-only export: close openpyxl's half-written sheet streams in order and
    remove their temporary files (left to the garbage collector they fail noisily and stay on disk)."""
    for ws in workbook.worksheets:
        with contextlib.suppress(Exception):
            rows = getattr(ws, "_rows", None)
            if rows is not None:
                rows.close()
            writer = getattr(ws, "_writer", None)
            if writer is not None:
                writer.close()
                writer.cleanup()


ProgressCallback = Callable[[int, int], None]
"""``progress(done, total)``; it may raise to cancel (the GUI's ``Progress.update`` raises ``Cancelled``)."""

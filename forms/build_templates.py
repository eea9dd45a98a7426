"""Build the shipped Word templates (``forms/*.docx``) with python-docx.

Run ``uv run python forms/build_templates.py`` after changing a layout or a format rule, and commit both this
script and the generated files. Page size, margins, fonts and sizes come from one place,
``thidua_desktop/exchange/documents/format_rules.py`` (Party documents: Hướng dẫn 36-HD/VPTW; state documents:
Nghị định 30/2020/NĐ-CP); what each document says and where its fields go is here.

The results are plain .docx files that the office can open and edit in Word: each field is a docxtpl (Jinja) tag
written inside one run, loops over table rows use ``{%tr %}``, optional paragraphs use ``{%p %}``. Names of the
committee, places and signers are never written here: they come from the organization settings through the fields.
"""

from __future__ import annotations

import io
import sys
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from thidua_desktop.core.enums import Side  # noqa: E402
from thidua_desktop.exchange.documents.format_rules import FormatRules, rules_for  # noqa: E402
from thidua_desktop.exchange.documents.metrics import text_width_mm  # noqa: E402
from thidua_desktop.exchange.documents.template_specs import SPECS, TemplateSpec  # noqa: E402

FORMS = Path(__file__).resolve().parent
ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
PARTY_TOP_RIGHT = "ĐẢNG CỘNG SẢN VIỆT NAM"
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
DOTS = "……………………………………"
FIXED_DATE = datetime(2025, 1, 1)


@dataclass(frozen=True)
class R:
    """A run: text with its formatting (size ``None`` = the paragraph's)."""

    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False
    size: float | None = None


Runs = str | R | Sequence[str | R]


def _runs(content: Runs) -> list[R]:
    if isinstance(content, str | R):
        content = [content]
    return [c if isinstance(c, R) else R(c) for c in content]


def _set_fonts(rpr: Any, font: str) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        if attr.endswith("Theme") or attr.endswith("theme"):
            del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), font)


def _set_lang(rpr: Any, lang: str = "vi-VN") -> None:
    element = rpr.find(qn("w:lang"))
    if element is None:
        element = OxmlElement("w:lang")
        rpr.append(element)
    element.set(qn("w:val"), lang)
    element.set(qn("w:eastAsia"), lang)


def _border(paragraph: Paragraph, edge: str = "bottom", size: int = 6, space: int = 1) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    line = OxmlElement(f"w:{edge}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), str(size))
    line.set(qn("w:space"), str(space))
    line.set(qn("w:color"), "auto")
    borders.append(line)
    successors = [
        "w:shd",
        "w:tabs",
        "w:suppressAutoHyphens",
        "w:kinsoku",
        "w:wordWrap",
        "w:overflowPunct",
        "w:topLinePunct",
        "w:autoSpaceDE",
        "w:autoSpaceDN",
        "w:bidi",
        "w:adjustRightInd",
        "w:snapToGrid",
        "w:spacing",
        "w:ind",
        "w:contextualSpacing",
        "w:mirrorIndents",
        "w:suppressOverlap",
        "w:jc",
        "w:textDirection",
        "w:textAlignment",
        "w:textboxTightWrap",
        "w:outlineLvl",
        "w:divId",
        "w:cnfStyle",
        "w:rPr",
        "w:sectPr",
        "w:pPrChange",
    ]
    ppr.insert_element_before(borders, *successors)


class Builder:
    """One template being built: a document with the format rules of its side and helpers for its parts."""

    def __init__(self, spec: TemplateSpec) -> None:
        self.spec = spec
        self.rules: FormatRules = rules_for(spec.side)
        self.party = spec.side == Side.PARTY
        self.doc = Document()
        self._setup()

    # --- page and styles ---------------------------------------------------------------------------------

    def _setup(self) -> None:
        rules = self.rules
        section = self.doc.sections[0]
        section.page_width = Mm(rules.page_width_mm)
        section.page_height = Mm(rules.page_height_mm)
        section.top_margin = Mm(rules.margin_top_mm)
        section.bottom_margin = Mm(rules.margin_bottom_mm)
        section.left_margin = Mm(rules.margin_left_mm)
        section.right_margin = Mm(rules.margin_right_mm)
        section.header_distance = Mm(10)
        section.footer_distance = Mm(10)
        styles = self.doc.styles
        defaults = self.doc.styles.element.find(qn("w:docDefaults"))
        default_rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        _set_fonts(default_rpr, rules.font_name)
        _set_lang(default_rpr)
        normal = styles["Normal"]
        normal.font.name = rules.font_name
        normal.font.size = Pt(rules.body_size)
        _set_fonts(normal.element.get_or_add_rPr(), rules.font_name)
        _set_lang(normal.element.get_or_add_rPr())
        fmt = normal.paragraph_format
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(rules.paragraph_after_pt)
        fmt.line_spacing = rules.line_spacing
        fmt.widow_control = True
        properties = self.doc.core_properties
        properties.title = self.spec.title
        properties.author = "Thi đua Desktop"
        properties.comments = (
            "Biểu mẫu của Thi đua Desktop. Các trường trong ngoặc nhọn kép được chương trình điền; có thể sửa "
            "chữ và định dạng, giữ nguyên tên trường."
        )
        properties.subject = self.spec.kind
        properties.keywords = ""
        self._page_numbers(section)

    def _page_numbers(self, section: Any) -> None:
        """Page number centred at the top from page 2 (NĐ 30/2020, 36-HD/VPTW)."""
        section.different_first_page_header_footer = True
        paragraph = section.header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run()
        run.font.size = Pt(self.rules.page_number_size)
        for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
            if kind:
                element = OxmlElement("w:fldChar")
                element.set(qn("w:fldCharType"), kind)
            else:
                element = OxmlElement("w:instrText")
                element.set(qn("xml:space"), "preserve")
                element.text = f" {text} "
            run._r.append(element)

    @property
    def width(self) -> float:
        return self.rules.text_width_mm

    # --- paragraphs --------------------------------------------------------------------------------------

    def p(
        self,
        content: Runs = "",
        *,
        align: str = "justify",
        size: float | None = None,
        bold: bool = False,
        italic: bool = False,
        indent: bool | None = None,
        before: float = 0,
        after: float | None = None,
        spacing: float | None = None,
        keep_next: bool = False,
        cell: _Cell | None = None,
        left_mm: float | None = None,
    ) -> Paragraph:
        """A paragraph. Body paragraphs (justified) get the first-line indent of the rules."""
        if cell is not None:
            first = cell.paragraphs[0]
            paragraph = first if not first.text and not first.runs else cell.add_paragraph()
        else:
            paragraph = self.doc.add_paragraph()
        paragraph.alignment = ALIGN[align]
        fmt = paragraph.paragraph_format
        fmt.space_before = Pt(before)
        if after is not None:
            fmt.space_after = Pt(after)
        if spacing is not None:
            fmt.line_spacing = spacing
        if indent is None:
            indent = align == "justify" and cell is None
        if indent:
            fmt.first_line_indent = Mm(self.rules.first_line_indent_mm)
        if left_mm is not None:
            fmt.left_indent = Mm(left_mm)
        if keep_next:
            fmt.keep_with_next = True
        for part in _runs(content):
            if not part.text:
                continue
            run = paragraph.add_run(part.text)
            run.bold = part.bold or bold or None
            run.italic = part.italic or italic or None
            if part.underline:
                run.underline = True
            run_size = part.size or size
            if run_size:
                run.font.size = Pt(run_size)
        return paragraph

    def tag(self, statement: str, cell: _Cell | None = None) -> Paragraph:
        """A paragraph holding only a ``{%p ... %}`` tag (docxtpl removes the paragraph)."""
        return self.p(f"{{%p {statement} %}}", align="left", indent=False, cell=cell, after=0)

    def body(self, content: Runs, **kwargs: Any) -> Paragraph:
        return self.p(content, align="justify", **kwargs)

    def heading(self, text: str, **kwargs: Any) -> Paragraph:
        """A section heading ("I. THÀNH PHẦN"): bold, at the left margin with the body indent."""
        return self.p(R(text, bold=True), align="justify", keep_next=True, before=6, **kwargs)

    def bullets(self, loop: str, line: Runs, **kwargs: Any) -> None:
        self.tag(f"for {loop}")
        self.body(line, **kwargs)
        self.tag("endfor")

    def rule(
        self, width_mm: float, cell: _Cell | None = None, container_mm: float | None = None
    ) -> Paragraph:
        """A short horizontal rule, centred: an empty, tiny paragraph with a bottom border."""
        container_mm = container_mm if container_mm is not None else self.width
        paragraph = self.p("", align="center", indent=False, cell=cell, after=2, spacing=1.0)
        side = max((container_mm - width_mm) / 2, 0)
        paragraph.paragraph_format.left_indent = Mm(side)
        paragraph.paragraph_format.right_indent = Mm(side)
        paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        paragraph.paragraph_format.line_spacing = Pt(2)
        _border(paragraph)
        return paragraph

    def page_break(self) -> None:
        paragraph = self.doc.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.add_run().add_break(WD_BREAK.PAGE)

    # --- tables ------------------------------------------------------------------------------------------

    def _table(self, rows: int, widths: Sequence[float], borders: bool) -> Table:
        table = self.doc.add_table(rows=rows, cols=len(widths))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        if borders:
            table.style = self.doc.styles["Table Grid"]
        tbl_pr = table._tbl.tblPr
        layout = OxmlElement("w:tblLayout")
        layout.set(qn("w:type"), "fixed")
        tbl_pr.append(layout)
        width = tbl_pr.find(qn("w:tblW"))
        if width is None:
            width = OxmlElement("w:tblW")
            tbl_pr.append(width)
        width.set(qn("w:type"), "dxa")
        width.set(qn("w:w"), str(int(sum(widths) / 25.4 * 1440)))
        if not borders:
            margins = OxmlElement("w:tblCellMar")
            for edge in ("left", "right"):
                element = OxmlElement(f"w:{edge}")
                element.set(qn("w:w"), "0")
                element.set(qn("w:type"), "dxa")
                margins.append(element)
            tbl_pr.append(margins)
        for index, column_width in enumerate(widths):
            table.columns[index].width = Mm(column_width)
            for cell in table.columns[index].cells:
                cell.width = Mm(column_width)
        return table

    def layout_table(self, widths: Sequence[float], rows: int = 1) -> Table:
        """A borderless table for side-by-side blocks (header, signatures)."""
        return self._table(rows, widths, borders=False)

    def cell_p(self, cell: _Cell, content: Runs, **kwargs: Any) -> Paragraph:
        kwargs.setdefault("after", 0)
        kwargs.setdefault("spacing", 1.0)
        kwargs.setdefault("align", "center")
        return self.p(content, cell=cell, indent=False, **kwargs)

    def data_table(
        self,
        columns: Sequence[tuple[str, float, str]],
        body: Callable[[Table], None],
        heading_rows: int = 1,
        width_mm: float | None = None,
    ) -> Table:
        """A bordered table: a header row (repeated on each page) and rows added by ``body``.

        ``columns`` are (heading, width in mm, alignment of the data); the table fills the text width unless
        ``width_mm`` is given (then it is centred)."""
        widths = [c[1] for c in columns]
        fixed = sum(c[1] for c in columns if c[0] == "STT")
        scale = ((width_mm or self.width) - fixed) / (sum(widths) - fixed)
        widths = [c[1] if c[0] == "STT" else c[1] * scale for c in columns]
        table = self._table(heading_rows, widths, borders=True)
        header = table.rows[0]
        _repeat_header(header)
        for cell, (title, _width, _align) in zip(header.cells, columns, strict=True):
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            self.cell_p(cell, R(title, bold=True), size=self.rules.table_size, before=3, after=3)
        self._columns = columns
        body(table)
        self.doc.add_paragraph().paragraph_format.space_after = Pt(0)
        return table

    def tr_tag(self, table: Table, statement: str) -> None:
        """A row holding only a ``{%tr ... %}`` tag (docxtpl removes the row)."""
        row = table.add_row()
        self.cell_p(row.cells[0], f"{{%tr {statement} %}}", align="left", size=self.rules.table_size)

    def data_row(self, table: Table, values: Sequence[Runs]) -> None:
        row = table.add_row()
        _cant_split(row)
        for cell, value, (_title, _width, align) in zip(row.cells, values, self._columns, strict=True):
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            self.cell_p(cell, value, align=align, size=self.rules.table_size, before=2, after=2)

    def merged_row(self, table: Table, content: Runs, align: str = "left") -> None:
        """A heading row across the table, kept with the row that follows it."""
        row = table.add_row()
        _cant_split(row)
        cell = row.cells[0].merge(row.cells[-1])
        paragraph = self.cell_p(cell, content, align=align, size=self.rules.table_size, before=2, after=2)
        paragraph.paragraph_format.keep_with_next = True

    # --- header, title, signature ------------------------------------------------------------------------

    def header(self, number: bool = True) -> None:
        """The header block: a borderless two-column table (issuing body | national or Party title)."""
        rules = self.rules
        self.draft_mark()
        left, right = rules.header_left_mm, rules.header_right_mm
        table = self.layout_table([left, right], rows=2)
        top_left, top_right = table.rows[0].cells
        bottom_left, bottom_right = table.rows[1].cells
        for cell in (top_left, top_right):
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
        if self.party:
            self.cell_p(top_left, "{{ header.superior }}", size=rules.superior_size)
            self.cell_p(top_left, R("{{ header.issuer }}", bold=True), size=rules.issuer_size)
            self.cell_p(top_left, "*", size=rules.issuer_size)
            title = self.cell_p(top_right, R(PARTY_TOP_RIGHT, bold=True), size=rules.top_right_size)
            rule_width = fitting_width(PARTY_TOP_RIGHT, rules.top_right_size)
            side = max((right - rule_width) / 2, 0)
            title.paragraph_format.left_indent = Mm(side)
            title.paragraph_format.right_indent = Mm(side)
            _border(title, space=2)
        else:
            self.tag("if header.superior", cell=top_left)
            self.cell_p(top_left, "{{ header.superior }}", size=rules.superior_size)
            self.tag("endif", cell=top_left)
            self.cell_p(top_left, R("{{ header.issuer }}", bold=True), size=rules.issuer_size)
            self.rule(left * 0.4, cell=top_left, container_mm=left)
            self.cell_p(top_right, R(NATIONAL_NAME, bold=True), size=rules.top_right_size)
            motto = self.cell_p(top_right, R(MOTTO, bold=True), size=rules.motto_size)
            rule_width = fitting_width(MOTTO, rules.motto_size)
            side = max((right - rule_width) / 2, 0)
            motto.paragraph_format.left_indent = Mm(side)
            motto.paragraph_format.right_indent = Mm(side)
            _border(motto, space=2)
        if number:
            self.cell_p(bottom_left, "{{ header.number }}", size=rules.number_size, before=4)
        self.cell_p(
            bottom_right, R("{{ header.place_date }}", italic=True), size=rules.place_date_size, before=4
        )

    def draft_mark(self) -> None:
        """ "DỰ THẢO" above the header of a paper that is not final (docxtpl drops the paragraph otherwise)."""
        self.tag("if draft_mark")
        self.p(R("{{ draft_mark }}", bold=True), align="right", size=self.rules.number_size, after=2)
        self.tag("endif")

    def national_header(self) -> None:
        """The Quốc hiệu alone, centred (forms of the decree for reports of individuals)."""
        rules = self.rules
        self.draft_mark()
        self.p(R(NATIONAL_NAME, bold=True), align="center", size=rules.top_right_size, after=0, spacing=1.0)
        motto = self.p(R(MOTTO, bold=True), align="center", size=rules.motto_size, after=0, spacing=1.0)
        rule_width = fitting_width(MOTTO, rules.motto_size)
        side = (self.width - rule_width) / 2
        motto.paragraph_format.left_indent = Mm(side)
        motto.paragraph_format.right_indent = Mm(side)
        _border(motto, space=2)
        self.p(R("{{ header.place_date }}", italic=True), align="right", size=rules.place_date_size, before=6)

    def title(
        self, doc_type: str, summary: Runs | None = None, before: float = 12, dash: bool = True
    ) -> None:
        rules = self.rules
        self.p(
            R(doc_type, bold=True),
            align="center",
            size=rules.doc_type_size,
            before=before,
            after=0,
            keep_next=True,
        )
        if summary is not None:
            self.p(
                _runs(summary), align="center", bold=True, size=rules.summary_size, after=0, keep_next=True
            )
        if not dash:
            return
        if self.party:
            self.p("-----", align="center", size=rules.summary_size, after=6)
        else:
            self.rule(30)
            self.doc.paragraphs[-1].paragraph_format.space_after = Pt(8)

    def recipient(self, text: str = "{{ recipient }}") -> None:
        self.p(["Kính gửi: ", text], align="center", before=6, after=12)

    def signature(
        self,
        recipients: bool = True,
        left: Sequence[Runs] | None = None,
        left_name: str | None = None,
    ) -> None:
        """Signature block: "Nơi nhận" (or a second signer) on the left, the signer on the right."""
        rules = self.rules
        self._keep_previous()
        table = self.layout_table([self.width * 0.45, self.width * 0.55])
        cell_left, cell_right = table.rows[0].cells
        if recipients:
            heading = (
                R("Nơi nhận:", underline=True, size=rules.recipients_heading_size)
                if self.party
                else R("Nơi nhận:", bold=True, italic=True, size=rules.recipients_heading_size)
            )
            self.cell_p(cell_left, heading, align="left", before=6)
            self.tag("for r in recipients", cell=cell_left)
            self.cell_p(cell_left, "- {{ r }}", align="left", size=rules.recipients_size)
            self.tag("endfor", cell=cell_left)
        elif left is not None:
            self._signer(cell_left, left, left_name or "")
        self.tag("if signature.on_behalf", cell=cell_right)
        self.cell_p(
            cell_right, R("{{ signature.on_behalf }}", bold=True), size=rules.signature_size, before=6
        )
        self.tag("endif", cell=cell_right)
        self._signer(cell_right, ["{{ signature.title }}"], "{{ signature.name }}", first_before=0)

    def _keep_previous(self) -> None:
        """Keep the last paragraph of the text on the page of the signature."""
        paragraphs = self.doc.paragraphs
        if paragraphs:
            paragraphs[-1].paragraph_format.keep_with_next = True

    def two_signers(
        self, left: Sequence[Runs], left_name: str, right: Sequence[Runs], right_name: str
    ) -> None:
        """Two signers side by side, their titles on one row and their names aligned on the next."""
        self._keep_previous()
        table = self.layout_table([self.width / 2, self.width / 2], rows=2)
        for cell, lines in zip(table.rows[0].cells, (left, right), strict=True):
            for index, line in enumerate(lines):
                runs = [r if r.italic else R(r.text, bold=True) for r in _runs(line)]
                paragraph = self.cell_p(
                    cell, runs, size=self.rules.signature_size, before=6 if index == 0 else 0
                )
                paragraph.paragraph_format.keep_with_next = True
        for cell, name in zip(table.rows[1].cells, (left_name, right_name), strict=True):
            self.cell_p(cell, R(name, bold=True), size=self.rules.signature_size, before=64)
        for row in table.rows:
            _cant_split(row)

    def _signer(self, cell: _Cell, lines: Sequence[Runs], name: str, first_before: float = 6) -> None:
        rules = self.rules
        for index, line in enumerate(lines):
            runs = [
                r if r.size else R(r.text, bold=r.bold or not r.italic, italic=r.italic) for r in _runs(line)
            ]
            self.cell_p(cell, runs, size=rules.signature_size, before=first_before if index == 0 else 0)
        self.cell_p(cell, R(name, bold=True), size=rules.signature_size, before=64)

    def save(self, folder: Path = FORMS) -> Path:
        """Save with fixed dates and zip timestamps, so that building twice gives the same bytes."""
        properties = self.doc.core_properties
        properties.created = properties.modified = FIXED_DATE
        properties.last_modified_by = "Thi đua Desktop"
        properties.revision = 1
        buffer = io.BytesIO()
        self.doc.save(buffer)
        path = folder / self.spec.file
        with (
            zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source,
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target,
        ):
            for info in source.infolist():
                entry = zipfile.ZipInfo(info.filename, date_time=FIXED_DATE.timetuple()[:6])
                entry.compress_type = zipfile.ZIP_DEFLATED
                entry.external_attr = 0o644 << 16
                target.writestr(entry, source.read(info.filename))
        return path


def fitting_width(text: str, size: float) -> float:
    """Width given to a bold header line that is underlined by its paragraph's border: the text's estimated width
    with room for what the estimate misses (kerning, the real font), so that it never wraps ("Hạnh / phúc");
    ``tests/test_documents_layout.py`` measures it with a Times-metric font."""
    return text_width_mm(text, size, bold=True) * 1.04 + 3


def _cant_split(row: Any) -> None:
    """Keep a table row on one page."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))


def _repeat_header(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    tr_pr.append(element)


# --- the documents ------------------------------------------------------------------------------------------


def nominee_table(b: Builder, with_amount: bool, with_achievement: bool = True) -> None:
    """The list of nominees grouped by award form, then collectives / individuals / households."""
    columns: list[tuple[str, float, str]] = [
        ("STT", 13, "center"),
        ("Tên tập thể, họ và tên cá nhân", 48, "left"),
        ("Chức vụ, đơn vị công tác", 44, "left"),
    ]
    if with_achievement:
        columns.append(("Tóm tắt thành tích", 60, "justify"))
    if with_amount:
        columns.append(("Số tiền thưởng (đồng)", 30, "right"))

    def body(table: Table) -> None:
        b.tr_tag(table, "for g in groups")
        b.merged_row(table, R("{{ g.numeral }}. {{ g.name_upper }} ({{ g.count_text }})", bold=True))
        b.tr_tag(table, "for s in g.sections")
        b.merged_row(table, R("{{ s.number }}. {{ s.title }}: {{ s.count }}", bold=True, italic=True))
        b.tr_tag(table, "for r in s.rows")
        values: list[Runs] = ["{{ r.no }}", "{{ r.name }}", "{{ r.position }}"]
        if with_achievement:
            values.append("{{ r.achievement }}")
        if with_amount:
            values.append("{{ r.amount }}")
        b.data_row(table, values)
        b.tr_tag(table, "endfor")
        b.tr_tag(table, "endfor")
        b.tr_tag(table, "endfor")
        if with_amount:
            row = table.add_row()
            merged = row.cells[0].merge(row.cells[-2])
            b.cell_p(
                merged,
                R("Tổng cộng ({{ totals.text }})", bold=True),
                size=b.rules.table_size,
                before=2,
                after=2,
            )
            b.cell_p(
                row.cells[-1],
                R("{{ totals.amount }}", bold=True),
                align="right",
                size=b.rules.table_size,
                before=2,
                after=2,
            )

    b.data_table(columns, body)


def build_to_trinh(b: Builder) -> None:
    b.header()
    b.title("TỜ TRÌNH", "{{ subject_line }}")
    b.recipient()
    b.bullets("line in legal_bases", R("{{ line }}", italic=True))
    b.tag("if campaign.plan_reference")
    b.body(R("Thực hiện {{ campaign.plan_reference }},", italic=True))
    b.tag("endif")
    b.heading("1. Kết quả phong trào thi đua")
    b.body("{{ result_summary }}")
    b.heading("2. Đề nghị khen thưởng")
    b.body(
        "Qua bình xét, {{ issuer_name }} kính đề nghị {{ authority_name }} xem xét, khen thưởng cho các tập thể, "
        "cá nhân có thành tích xuất sắc, cụ thể:"
    )
    b.bullets("g in groups", "- {{ g.name }}: {{ g.count_text }};")
    b.body(["Tổng cộng: ", R("{{ totals.text }}", bold=True), " (có danh sách kèm theo)."])
    b.heading("3. Hồ sơ kèm theo")
    b.bullets("item in dossier_items", "- {{ item }}")
    b.body("Kính trình {{ authority_name }} xem xét, quyết định./.")
    b.signature()


def build_danh_sach(b: Builder) -> None:
    b.header()
    b.title("DANH SÁCH", "Đề nghị khen thưởng {{ award_names }}", dash=False)
    b.p(R("{{ list_reference }}", italic=True), align="center", after=10)
    nominee_table(b, with_amount=False)
    b.p(R("Danh sách có {{ totals.text }}.", italic=True), align="left", after=0)
    b.signature(recipients=False)


def build_bien_ban(b: Builder) -> None:
    b.header()
    b.title("BIÊN BẢN", "Họp {{ meeting_body }} xét khen thưởng")
    b.body(
        "{{ meeting_time }}, tại {{ meeting_place }}, {{ meeting_body }} họp xét khen thưởng {{ batch_name }}."
    )
    b.heading("I. THÀNH PHẦN")
    b.body("- Chủ trì: {{ chair }}.")
    b.body("- Thư ký: {{ secretary }}.")
    b.body(
        "- Tổng số thành viên: {{ members_total }}; có mặt: {{ members_present }}; vắng mặt: {{ members_absent }}."
    )
    b.tag("if present_names")
    b.body("- Thành viên có mặt:")
    b.bullets("m in present_names", "+ {{ m }};")
    b.tag("endif")
    b.tag("if absent_names")
    b.body("- Thành viên vắng mặt:")
    b.bullets("m in absent_names", "+ {{ m }};")
    b.tag("endif")
    b.body("{{ quorum }}")
    b.heading("II. NỘI DUNG")
    if b.party:
        b.body(
            "{{ presenter }} trình bày tờ trình và danh sách đề nghị khen thưởng gồm {{ totals.text }}. Ban Thường "
            "vụ thảo luận, xem xét thành tích của từng tập thể, cá nhân và biểu quyết."
        )
        b.heading("III. Ý KIẾN CỦA BAN THƯỜNG VỤ")
        columns = [
            ("STT", 13, "center"),
            ("Tập thể, cá nhân", 52, "left"),
            ("Hình thức khen thưởng", 52, "left"),
            ("Ý kiến", 43, "center"),
        ]
        values = ["{{ v.no }}", "{{ v.name }}", "{{ v.award }}", "{{ v.result }}"]
    else:
        b.body(
            "{{ presenter }} trình bày danh sách đề nghị khen thưởng. Các thành viên thảo luận, cho ý kiến về "
            "thành tích của từng tập thể, cá nhân và bỏ phiếu kín (thành viên vắng mặt gửi phiếu bằng văn bản)."
        )
        b.heading("III. KẾT QUẢ BỎ PHIẾU KÍN")
        columns = [
            ("STT", 12, "center"),
            ("Tập thể, cá nhân", 42, "left"),
            ("Hình thức đề nghị", 38, "left"),
            ("Phiếu đồng ý / tổng số thành viên", 24, "center"),
            ("Tỷ lệ", 17, "center"),
            ("Kết quả", 32, "center"),
        ]
        values = [
            "{{ v.no }}",
            "{{ v.name }}",
            "{{ v.award }}",
            "{{ v.votes }}",
            "{{ v.percent }}",
            "{{ v.result }}",
        ]

    def body(table: Table) -> None:
        b.tr_tag(table, "for v in votes")
        b.data_row(table, values)
        b.tr_tag(table, "endfor")

    b.data_table(columns, body)
    b.heading("IV. KẾT LUẬN")
    b.body("{{ conclusion }}")
    b.body("{{ meeting_end }} Biên bản đã được đọc lại và thông qua./.")
    b.two_signers(["THƯ KÝ"], "{{ secretary }}", ["CHỦ TRÌ"], "{{ chair }}")


def build_quyet_dinh(b: Builder) -> None:
    b.header()
    b.title("QUYẾT ĐỊNH", "{{ subject_line }}")
    b.p(R("{{ decider }}", bold=True), align="center", size=b.rules.body_size, before=6, after=12)
    b.bullets("line in legal_bases", R("{{ line }}", italic=True))
    b.body(R("Xét đề nghị của {{ proposer }}.", italic=True))
    b.p(R("QUYẾT ĐỊNH:" if not b.party else "QUYẾT ĐỊNH", bold=True), align="center", before=6, after=6)
    b.tag("for a in article1")
    b.body([R("{% if loop.first %}Điều 1. {% endif %}", bold=True), "{{ a }}"])
    b.tag("endfor")
    b.body([R("Điều 2. ", bold=True), "{{ money_note }}"])
    if b.party:
        execution = (
            "Văn phòng Đảng ủy, {{ org.organization_board_name }}, các tổ chức đảng và các tập thể, cá nhân có "
            "tên tại Điều 1 căn cứ Quyết định thi hành./."
        )
    else:
        execution = (
            "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân phường, công chức phụ trách tài chính - kế toán, các "
            "tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."
        )
    b.body([R("Điều 3. ", bold=True), execution])
    b.signature()
    b.page_break()
    b.p(R("DANH SÁCH", bold=True), align="center", size=b.rules.doc_type_size, after=0)
    b.p(R("{{ award_names }}", bold=True), align="center", after=0)
    b.p(R("{{ list_reference }}", italic=True), align="center", after=10)
    nominee_table(b, with_amount=not b.party, with_achievement=b.party)


def build_achievement(b: Builder) -> None:
    unit = b.spec.subject_kind == "unit"
    if not unit and not b.party:
        b.national_header()
    else:
        b.header()
    b.title("BÁO CÁO THÀNH TÍCH", ["Đề nghị tặng ", "{{ award_name }}"], before=12)
    b.p(R("{{ subject.name }}", bold=True), align="center", after=0)
    if unit:
        b.p(
            R("{% if subject.superior_unit %}({{ subject.superior_unit }}){% endif %}", italic=True),
            align="center",
            after=8,
        )
        b.heading("I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH")
        b.heading("1. Đặc điểm, tình hình")
        b.body("- Tên tập thể: {{ subject.name }}; loại hình: {{ subject.unit_kind }}.")
        b.body("- Đơn vị cấp trên trực tiếp: {{ subject.superior_unit }}.")
        b.body("- Tổng số thành viên: {{ subject.member_count }}; trong đó nữ: {{ subject.female_count }}.")
        b.body(
            "- Người đứng đầu: {{ subject.head_name }}{% if subject.head_position %}, "
            "{{ subject.head_position }}{% endif %}."
        )
        b.heading("2. Chức năng, nhiệm vụ")
        b.body(f"{DOTS}{DOTS}")
        b.heading("II. THÀNH TÍCH ĐẠT ĐƯỢC")
        b.heading("1. Kết quả thực hiện các chỉ tiêu thi đua")
    else:
        b.p(
            R("{{ subject.position }}{% if subject.unit %}, {{ subject.unit }}{% endif %}", italic=True),
            align="center",
            after=8,
        )
        b.heading("I. SƠ LƯỢC LÝ LỊCH")
        b.body("- Họ và tên: {{ subject.name }}. Giới tính: {{ subject.gender }}.")
        b.body("- Sinh ngày: {{ subject.birth_date }}.")
        b.body(f"- Quê quán: {DOTS}")
        b.body(f"- Trú quán: {DOTS}")
        b.body("- Đơn vị công tác: {{ subject.unit }}.")
        b.body("- Chức vụ (Đảng, chính quyền, đoàn thể): {{ subject.position }}.")
        b.tag("if subject.party_join_date")
        b.body(
            "- Ngày vào Đảng: {{ subject.party_join_date }}; ngày chính thức: {{ subject.party_official_date }}."
        )
        b.tag("endif")
        b.body(f"- Trình độ chuyên môn, nghiệp vụ: {DOTS}")
        b.heading("II. THÀNH TÍCH ĐẠT ĐƯỢC")
        b.heading("1. Quyền hạn, nhiệm vụ được giao")
        b.body("{{ subject.position }}{% if subject.unit %} - {{ subject.unit }}{% endif %}.")
        b.heading("2. Thành tích đạt được")
    b.body(
        "- Đăng ký thi đua: {{ title_registered }}{% if pledge_content %}; {{ pledge_content }}{% endif %}."
    )
    b.tag("if achievement_summary")
    b.body("- {{ achievement_summary }}")
    b.tag("endif")
    b.tag("if targets")
    b.body("- Kết quả thực hiện các chỉ tiêu đăng ký:", keep_next=True)
    target_table(b, with_subject=False)
    b.body("{{ targets_summary }}")
    b.tag("endif")
    b.tag("if ratings")
    b.body("- Kết quả đánh giá, xếp loại chất lượng:", keep_next=True)
    history_table(b, "ratings", "Kết quả xếp loại", with_decision=False)
    b.tag("endif")
    b.tag("if initiatives")
    b.body("- Sáng kiến, giải pháp được công nhận:", keep_next=True)
    history_table(b, "initiatives", "Tên sáng kiến (cấp công nhận)", with_decision=True)
    b.tag("endif")
    if unit:
        b.heading("2. Các biện pháp, giải pháp đã thực hiện")
        b.body(f"{DOTS}{DOTS}")
    b.heading("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG")
    for number, (loop, label) in enumerate(
        (("titles", "Danh hiệu thi đua"), ("awards", "Hình thức khen thưởng")), 1
    ):
        b.heading(f"{number}. {label}")
        b.tag(f"if {loop}")
        history_table(b, loop, label, with_decision=True)
        b.tag("else")
        b.body("Chưa có.")
        b.tag("endif")
    if unit:
        b.two_signers(
            ["XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG", "{{ proposer_title }}", R("(Ký, đóng dấu)", italic=True)],
            "{{ proposer_name }}",
            ["THỦ TRƯỞNG ĐƠN VỊ", R("(Ký, đóng dấu)", italic=True)],
            "{{ subject.head_name }}",
        )
    else:
        b.two_signers(
            ["THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN, ĐỀ NGHỊ", "{{ proposer_title }}", R("(Ký, đóng dấu)", italic=True)],
            "{{ proposer_name }}",
            ["NGƯỜI BÁO CÁO THÀNH TÍCH", R("(Ký, ghi rõ họ và tên)", italic=True)],
            "{{ subject.name }}",
        )


def target_table(b: Builder, with_subject: bool, loop: str = "targets", planned: bool = False) -> None:
    columns: list[tuple[str, float, str]] = [("STT", 13, "center")]
    values: list[Runs] = ["{{ t.no }}"]
    if with_subject:
        columns.append(("Tập thể, cá nhân", 32, "left"))
        values.append("{{ t.subject }}")
    columns += [("Nội dung chỉ tiêu", 58, "left"), ("Chỉ tiêu", 20, "center")]
    values += ["{{ t.content }}", "{{ t.target }}"]
    if planned:
        columns += [("Thời hạn", 22, "center"), ("Giai đoạn", 16, "center")]
        values += ["{{ t.deadline }}", "{{ t.phase }}"]
    else:
        columns += [("Kết quả", 20, "center"), ("Tỷ lệ", 17, "center"), ("Đánh giá", 24, "center")]
        values += ["{{ t.achieved }}", "{{ t.percent }}", "{{ t.assessment }}"]

    def body(table: Table) -> None:
        b.tr_tag(table, f"for t in {loop}")
        b.data_row(table, values)
        b.tr_tag(table, "endfor")

    b.data_table(columns, body)


def grouped_targets(b: Builder, loop: str, planned: bool) -> None:
    """Targets by unit or person: a heading row per group, then its targets."""
    columns: list[tuple[str, float, str]] = [
        ("STT", 13, "center"),
        ("Nội dung chỉ tiêu", 70, "left"),
        ("Chỉ tiêu", 22, "center"),
    ]
    values: list[Runs] = ["{{ t.no }}", "{{ t.content }}", "{{ t.target }}"]
    if planned:
        columns += [("Thời hạn", 24, "center")]
        values += ["{{ t.deadline }}"]
    else:
        columns += [("Kết quả", 22, "center"), ("Tỷ lệ", 18, "center"), ("Đánh giá", 24, "center")]
        values += ["{{ t.achieved }}", "{{ t.percent }}", "{{ t.assessment }}"]

    def body(table: Table) -> None:
        b.tr_tag(table, f"for g in {loop}")
        b.merged_row(table, R("{{ g.name }}", bold=True))
        b.tr_tag(table, "for t in g.rows")
        b.data_row(table, values)
        b.tr_tag(table, "endfor")
        b.tr_tag(table, "endfor")

    b.data_table(columns, body)


def history_table(b: Builder, loop: str, label: str, with_decision: bool) -> None:
    columns: list[tuple[str, float, str]] = [("Năm", 18, "center"), (label, 70, "left")]
    values: list[Runs] = ["{{ h.year }}", "{{ h.name }}"]
    if with_decision:
        columns.append(("Số, ngày, tháng, năm của quyết định; cơ quan ban hành", 72, "left"))
        values.append("{{ h.decision }}")

    def body(table: Table) -> None:
        b.tr_tag(table, f"for h in {loop}")
        b.data_row(table, values)
        b.tr_tag(table, "endfor")

    b.data_table(columns, body, width_mm=None if with_decision else 110)


def build_cam_ket(b: Builder) -> None:
    b.header(number=False)
    b.title("BẢN CAM KẾT THI ĐUA", "Hưởng ứng {{ campaign.kind_text }} {{ campaign.period }}")
    b.body(
        "Thực hiện {{ campaign.plan_reference }} và Kế hoạch phát động thi đua của {{ org.committee_name }} với "
        "chủ đề «{{ campaign.theme }}», {{ subject.name }} cam kết thi đua thực hiện các nội dung sau:"
    )
    b.heading("1. Danh hiệu thi đua đăng ký")
    b.body(R("{{ title_registered }}", bold=True))
    b.tag("if pledge_content")
    b.heading("2. Nội dung thi đua")
    b.body("{{ pledge_content }}")
    b.tag("endif")
    b.tag("if targets")
    b.heading("3. Các chỉ tiêu cụ thể")
    target_table(b, with_subject=False, planned=True)
    b.tag("endif")
    b.body(
        "{{ subject.name }} cam kết tổ chức thực hiện nghiêm túc các nội dung đã đăng ký, phấn đấu hoàn thành "
        "đạt và vượt các chỉ tiêu đề ra, thực hiện phương châm «Đã cam kết là thực hiện, đã nói là làm»./."
    )
    b.signature(recipients=False)


def build_review(b: Builder) -> None:
    b.header()
    b.title("BÁO CÁO", "{{ summary }}")
    b.body(
        "Thực hiện {{ campaign.plan_reference }}, {{ org.committee_name }} đã phát động phong trào thi đua "
        "«{{ campaign.name }}». {{ org.committee_name }} báo cáo kết quả {{ review_kind }} {{ scope }} như sau:"
    )
    b.heading("I. CÔNG TÁC TRIỂN KHAI, TỔ CHỨC THỰC HIỆN")
    b.body("- Chủ đề thi đua: «{{ campaign.theme }}».")
    b.tag("if campaign.slogans")
    b.body("- Khẩu hiệu hành động:", keep_next=True)
    b.bullets("s in campaign.slogans", R("+ «{{ s }}»", italic=True))
    b.tag("endif")
    b.body("- Kết quả đăng ký thi đua: {{ totals_text }}.")
    b.heading("II. KẾT QUẢ THỰC HIỆN")
    b.heading("1. Kết quả thực hiện chỉ tiêu của các tập thể, cá nhân")
    b.body("{{ targets_text }}", keep_next=True)

    def unit_body(table: Table) -> None:
        b.tr_tag(table, "for u in units")
        b.data_row(
            table,
            [
                "{{ u.no }}",
                "{{ u.name }}",
                "{{ u.title }}",
                "{{ u.targets }}",
                "{{ u.met }}",
                "{{ u.percent }}",
            ],
        )
        b.tr_tag(table, "endfor")

    b.data_table(
        [
            ("STT", 13, "center"),
            ("Tập thể, cá nhân", 55, "left"),
            ("Danh hiệu đăng ký", 40, "left"),
            ("Số chỉ tiêu", 18, "center"),
            ("Đã đạt", 16, "center"),
            ("Tỷ lệ đạt", 20, "center"),
        ],
        unit_body,
    )
    b.heading("2. Kết quả thực hiện các chỉ tiêu cụ thể")
    grouped_targets(b, "target_groups", planned=False)
    b.heading("3. Gương điển hình, mô hình mới, cách làm hay")
    b.tag("if examples")
    b.bullets("e in examples", "- {{ e }}")
    b.tag("else")
    b.body("Chưa có tập thể, cá nhân nào vượt chỉ tiêu có minh chứng đã xác minh.")
    b.tag("endif")
    b.heading("III. ĐÁNH GIÁ CHUNG")
    b.heading("1. Ưu điểm")
    b.body("{{ strengths }}")
    b.heading("2. Hạn chế")
    b.tag("if shortfalls")
    b.bullets("x in shortfalls", "- {{ x }}")
    b.tag("else")
    b.body("Các chỉ tiêu đều đạt.")
    b.tag("endif")
    b.heading("IV. ĐỀ XUẤT KHEN THƯỞNG")
    b.body("{{ proposals_text }}")
    b.tag("if proposals")

    def proposal_body(table: Table) -> None:
        b.tr_tag(table, "for x in proposals")
        b.data_row(
            table,
            [
                "{{ x.no }}",
                "{{ x.name }}",
                "{{ x.subject_kind }}",
                "{{ x.award }}",
                "{{ x.authority }}",
                "{{ x.status }}",
            ],
        )
        b.tr_tag(table, "endfor")

    b.data_table(
        [
            ("STT", 13, "center"),
            ("Tập thể, cá nhân", 46, "left"),
            ("Đối tượng", 20, "center"),
            ("Hình thức đề nghị", 42, "left"),
            ("Cấp quyết định", 40, "left"),
            ("Tình trạng", 24, "center"),
        ],
        proposal_body,
    )
    b.tag("endif")
    b.tag("if next_groups")
    b.heading("V. {{ next_heading }}")
    grouped_targets(b, "next_groups", planned=True)
    b.tag("endif")
    b.signature()


BUILDERS: dict[str, Callable[[Builder], None]] = {
    "to-trinh": build_to_trinh,
    "danh-sach": build_danh_sach,
    "bien-ban": build_bien_ban,
    "quyet-dinh": build_quyet_dinh,
    "bao-cao-thanh-tich": build_achievement,
    "cam-ket": build_cam_ket,
    "bao-cao-so-ket": build_review,
    "bao-cao-tong-ket": build_review,
}


def build_all(folder: Path = FORMS, only: Sequence[str] = ()) -> list[Path]:
    """Build every template (or those named in ``only``, by file or kind) into ``folder``."""
    written = []
    for spec in SPECS:
        if only and spec.file not in only and spec.kind not in only:
            continue
        builder = Builder(spec)
        BUILDERS[spec.kind](builder)
        written.append(builder.save(folder))
    return written


if __name__ == "__main__":
    for path in build_all(FORMS, sys.argv[1:]):
        print(path.relative_to(ROOT))

"""The format rules of the documents, in one place: page, margins, fonts and sizes.

Party documents follow Hướng dẫn 36-HD/VPTW (03/4/2018) on the format of Party documents; state documents follow
Nghị định 30/2020/NĐ-CP (05/3/2020), Phụ lục I. ``forms/build_templates.py`` builds the shipped templates from these
numbers and the tests check the generated documents against them. The exact margins of 36-HD/VPTW are
*unconfirmed*: top 25, bottom 25, left 30, right 15 mm are used (within the 30–35 mm left margin of common
practice), so that the superior body's name (14 pt) fits the 72 mm left column and the date line (14 pt italic) the
93 mm right one, each on one line.
"""

from __future__ import annotations

from dataclasses import dataclass

from thidua_desktop.core.enums import Side

A4_WIDTH_MM = 210.0
A4_HEIGHT_MM = 297.0


@dataclass(frozen=True)
class FormatRules:
    """Sizes in points, lengths in millimetres."""

    side: Side
    source: str
    applies_from: str
    page_width_mm: float = A4_WIDTH_MM
    page_height_mm: float = A4_HEIGHT_MM
    margin_top_mm: float = 20.0
    margin_bottom_mm: float = 20.0
    margin_left_mm: float = 30.0
    margin_right_mm: float = 15.0
    font_name: str = "Times New Roman"
    body_size: float = 14.0
    """Body text."""
    top_right_size: float = 13.0
    """Party: "ĐẢNG CỘNG SẢN VIỆT NAM"; state: the Quốc hiệu "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"."""
    motto_size: float = 14.0
    """State: the Tiêu ngữ "Độc lập - Tự do - Hạnh phúc" (Party documents have none)."""
    superior_size: float = 13.0
    """Name of the superior body, capitals, not bold."""
    issuer_size: float = 13.0
    """Name of the issuing body, capitals, bold."""
    number_size: float = 13.0
    place_date_size: float = 14.0
    """Place and date, italic."""
    doc_type_size: float = 14.0
    """The document type ("TỜ TRÌNH", "BÁO CÁO"...), capitals, bold."""
    summary_size: float = 14.0
    """The summary line under the type ("Về việc..."), bold."""
    signature_size: float = 14.0
    """Authority, title and name of the signer, bold."""
    recipients_heading_size: float = 12.0
    """"Nơi nhận:" (state: bold italic; Party: underlined)."""
    recipients_size: float = 11.0
    table_size: float = 12.0
    """Text inside tables (lists, targets)."""
    paragraph_after_pt: float = 6.0
    """Space between paragraphs (NĐ 30: at least 6 pt)."""
    line_spacing: float = 1.15
    """Line spacing as a multiple (NĐ 30: from single to 1.5 lines)."""
    first_line_indent_mm: float = 12.7
    """First-line indent of body paragraphs (NĐ 30: 1 to 1.27 cm)."""
    header_left_mm: float = 72.0
    """Width of the left column of the header block (issuing body, number)."""
    page_number_size: float = 13.0

    @property
    def text_width_mm(self) -> float:
        return self.page_width_mm - self.margin_left_mm - self.margin_right_mm

    @property
    def header_right_mm(self) -> float:
        return self.text_width_mm - self.header_left_mm


PARTY = FormatRules(
    side=Side.PARTY,
    source="Hướng dẫn 36-HD/VPTW ngày 03/4/2018 của Văn phòng Trung ương Đảng",
    applies_from="2018-04-03",
    margin_top_mm=25.0,
    margin_bottom_mm=25.0,
    margin_left_mm=30.0,
    margin_right_mm=15.0,
    body_size=14.0,
    top_right_size=15.0,
    motto_size=15.0,
    superior_size=14.0,
    issuer_size=14.0,
    number_size=14.0,
    place_date_size=14.0,
    doc_type_size=15.0,
    summary_size=14.0,
    signature_size=14.0,
    recipients_heading_size=14.0,
    recipients_size=12.0,
    header_left_mm=72.0,
)

STATE = FormatRules(
    side=Side.STATE,
    source="Nghị định 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ, Phụ lục I",
    applies_from="2020-03-05",
    margin_top_mm=20.0,
    margin_bottom_mm=20.0,
    margin_left_mm=30.0,
    margin_right_mm=15.0,
    body_size=14.0,
    top_right_size=13.0,
    motto_size=14.0,
    superior_size=13.0,
    issuer_size=13.0,
    number_size=13.0,
    place_date_size=14.0,
    doc_type_size=14.0,
    summary_size=14.0,
    signature_size=14.0,
    header_left_mm=66.0,
)

RULES: dict[Side, FormatRules] = {Side.PARTY: PARTY, Side.STATE: STATE}


def rules_for(side: str | Side) -> FormatRules:
    return RULES[Side(side)]

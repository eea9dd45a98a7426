"""Header lines do not wrap (issue 11, point 5): every line of the header block — the bodies on the left, the
Quốc hiệu and Tiêu ngữ or "ĐẢNG CỘNG SẢN VIỆT NAM" on the right, the number line and the date line — is measured
with a Times-metric font (Liberation Serif 2.x, ``tests/font_metrics.py``) against the width its cell leaves it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from documents_helpers import open_docx
from docx.shared import Emu
from docx.text.paragraph import Paragraph
from font_metrics import width_mm

from thidua_desktop.core.bootstrap import open_data
from thidua_desktop.core.storage.backup import backup_to
from thidua_desktop.core.storage.database import Database
from thidua_desktop.exchange.documents.format_rules import rules_for
from thidua_desktop.exchange.documents.generate import DocumentRequest, RenderedDocument, render_documents
from thidua_desktop.exchange.documents.template_specs import KINDS, SPECS_BY_FILE

ON = date(2025, 12, 28)  # the widest date of a year: two-digit day and month
EMU_PER_MM = 36000


@pytest.fixture(scope="module")
def papers(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[RenderedDocument]]:
    folder = tmp_path_factory.mktemp("documents-layout")
    backup_to(demo_template / "thidua.sqlite3", folder / "thidua.sqlite3")
    database: Database = open_data(folder, daily_backup=False)
    found = [d for kind in KINDS for d in render_documents(database, DocumentRequest(kind, 1, on=ON))]
    found += render_documents(database, DocumentRequest("to-trinh", 1, batch="1:1:ward_chairman", on=ON))
    yield found
    database.close()


def _mm(value: Emu | int | None) -> float:
    return (value or 0) / EMU_PER_MM


def _lines(paragraph: Paragraph) -> Iterator[tuple[str, float, bool, bool]]:
    runs = [r for r in paragraph.runs if r.text]
    if not runs:
        return
    size = next((r.font.size.pt for r in runs if r.font.size), 14.0)
    bold = all(bool(r.bold) for r in runs)
    italic = all(bool(r.italic) for r in runs)
    for line in paragraph.text.split("\n"):
        if line.strip():
            yield line.strip(), size, bold, italic


def test_every_header_line_fits_its_cell(papers: list[RenderedDocument]) -> None:
    checked = 0
    for paper in papers:
        docx = open_docx(paper.data)
        rules = rules_for(SPECS_BY_FILE[paper.template].side)
        tables = [t for t in docx.tables if "CỘNG HÒA" in t._tbl.xml or "ĐẢNG CỘNG SẢN" in t._tbl.xml]
        paragraphs: list[tuple[Paragraph, float]] = []
        if tables and tables[0]._tbl is docx.tables[0]._tbl:
            for row in tables[0].rows:
                for cell in row.cells:
                    paragraphs += [(p, _mm(cell.width)) for p in cell.paragraphs]
        else:  # the Quốc hiệu alone, across the page (reports of individuals)
            paragraphs += [
                (p, rules.text_width_mm)
                for p in docx.paragraphs[:6]
                if "CỘNG HÒA" in p.text or "Độc lập" in p.text
            ]
        for paragraph, width in paragraphs:
            available = (
                width
                - _mm(paragraph.paragraph_format.left_indent)
                - _mm(paragraph.paragraph_format.right_indent)
            )
            for line, size, bold, italic in _lines(paragraph):
                measured = width_mm(line, size, bold, italic)
                assert measured <= available, (
                    f"{paper.file_name}: «{line}» is {measured:.1f} mm in a {available:.1f} mm cell: it wraps"
                )
                checked += 1
    assert checked > 10 * len(papers) / 2


def test_the_widths_are_real_ones() -> None:
    """The measure is a real font's: the motto at 14 pt bold is about 60 mm, and wider than the estimate's
    slack of 1 mm would have allowed had the cell been cut to the estimate."""
    motto = width_mm("Độc lập - Tự do - Hạnh phúc", 14, bold=True)
    assert 59 < motto < 62
    assert width_mm("Nguyễn Nghiêm, ngày 28 tháng 12 năm 2025", 14, italic=True) > 88  # the old Party cell

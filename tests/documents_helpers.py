"""Helpers for the document tests: reading generated .docx back, editing templates, LibreOffice conversion."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.table import Table
from docx.text.paragraph import Paragraph


def open_docx(data: bytes | Path) -> DocumentObject:
    source = io.BytesIO(data) if isinstance(data, bytes) else str(data)
    return Document(source)


def _table_paragraphs(table: Table) -> Iterator[Paragraph]:
    seen: set[int] = set()
    for row in table.rows:
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            yield from cell.paragraphs
            for inner in cell.tables:
                yield from _table_paragraphs(inner)


def all_paragraphs(document: DocumentObject) -> list[Paragraph]:
    """Body paragraphs and those inside tables, in document order."""
    found: list[Paragraph] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            found.append(Paragraph(child, document._body))
        elif tag == "tbl":
            found.extend(_table_paragraphs(Table(child, document._body)))
    return found


def full_text(document: DocumentObject) -> str:
    return "\n".join(p.text for p in all_paragraphs(document))


def table_rows(table: Table) -> list[list[str]]:
    rows = []
    for row in table.rows:
        texts: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            texts.append(cell.text.strip())
        rows.append(texts)
    return rows


def replace_in_template(source: Path, target: Path, old: str, new: str) -> None:
    """Copy a .docx replacing text in its body XML (as an office clerk's edit in Word would)."""
    with zipfile.ZipFile(source) as reader, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as writer:
        for info in reader.infolist():
            payload = reader.read(info.filename)
            if info.filename == "word/document.xml":
                text = payload.decode("utf-8")
                assert old in text, f"{old!r} not in {source.name}"
                payload = text.replace(old, new, 1).encode("utf-8")
            writer.writestr(info, payload)


def to_pdf(files: list[Path], outdir: Path, profile: Path, timeout: float = 240) -> list[Path]:
    """LibreOffice headless conversion with a private profile (tests never share a person's profile)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (soffice) is required; CI installs libreoffice-writer-nogui"
    outdir.mkdir(parents=True, exist_ok=True)
    command = [
        soffice,
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        str(outdir),
        *[str(f) for f in files],
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    made = [outdir / f"{f.stem}.pdf" for f in files]
    missing = [m for m in made if not m.exists() or m.stat().st_size == 0]
    assert done.returncode == 0 and not missing, f"rc={done.returncode}\n{done.stdout}\n{done.stderr}"
    return made

"""What we export opens in LibreOffice without complaint: tallies and branch workbooks convert to PDF, and the
SUM formulas of a tally compute the same totals as the services (LibreOffice recalculates them on load)."""

from __future__ import annotations

import csv
import shutil
import subprocess
from collections import Counter
from datetime import date
from pathlib import Path

from soffice_convert import convert

from thidua_desktop.core.services.pledges import list_pledges
from thidua_desktop.core.services.units import find_unit_by_name
from thidua_desktop.core.storage.database import Database
from thidua_desktop.exchange.export_forms import export_forms
from thidua_desktop.exchange.export_tally import TallyKind, export_tally

WHEN = date(2025, 5, 5)


def test_exports_open_in_libreoffice_and_sums_compute(demo_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "out"
    files = []
    for kind in TallyKind:
        path = out / f"{kind.value}.xlsx"
        export_tally(demo_db, 1, kind, path, when=WHEN)
        files.append(path)
    branch = find_unit_by_name(demo_db, "Chi bộ Tổ dân phố 1")
    assert branch is not None and branch.id is not None
    files += export_forms(demo_db, 1, out / "forms", unit_ids=[branch.id], when=WHEN).files
    files += export_forms(demo_db, 1, out / "all.xlsx", when=WHEN).files
    profile = tmp_path / "profile"
    pdfs = convert(files, "pdf", tmp_path / "pdf", profile)
    for pdf in pdfs:
        assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 5000, pdf

    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdfs[0]), "-"], capture_output=True, text=True, check=True
        ).stdout
        for phrase in ("ĐẢNG CỘNG SẢN VIỆT NAM", "BẢNG TỔNG HỢP ĐĂNG KÝ DANH HIỆU THI ĐUA", "T/M ĐẢNG ỦY"):
            assert phrase in text

    # the registrations tally as LibreOffice computes it: the totals row holds the services' counts
    [table] = convert([files[0]], "csv:Text - txt - csv (StarCalc):44,34,76", tmp_path / "csv", profile)
    rows = list(csv.reader(table.read_text(encoding="utf-8").splitlines()))
    totals = next(r for r in rows if r and r[0] == "Tổng cộng")
    titles_row = next(i for i, r in enumerate(rows) if r and r[0] == "STT") + 1
    headings = rows[titles_row]
    counted = Counter(p.title_name for p in list_pledges(demo_db, 1))
    for column, heading in enumerate(headings):
        if heading in counted:
            assert int(totals[column]) == counted[heading], heading
    assert int(totals[-1]) == sum(counted.values())
    data = [r for r in rows[titles_row + 2 :] if r and r[0].isdigit()]
    for row in data:  # each row's own SUM formula
        assert int(row[-1]) == sum(int(v) for v in row[2:-1] if v)

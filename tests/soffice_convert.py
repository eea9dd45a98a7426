"""LibreOffice headless for the tests: convert files (to PDF, CSV, .xls, .ods) with a private user profile, so
tests never share or lock the profile of a person or of another test running at the same time."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    assert found, "LibreOffice (soffice) is required for this test; CI installs libreoffice-calc-nogui"
    return found


def convert(
    files: Sequence[Path], target: str, outdir: Path, profile: Path, timeout: float = 240
) -> list[Path]:
    """``soffice --headless --convert-to target`` for ``files`` into ``outdir``; returns the files made.

    ``target`` is an extension with optional filter ("pdf", "xls", "ods", 'csv:Text - txt - csv (StarCalc):44,34,76').
    """
    outdir.mkdir(parents=True, exist_ok=True)
    command = [
        soffice(),
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--headless",
        "--norestore",
        "--nologo",
        "--convert-to",
        target,
        "--outdir",
        str(outdir),
        *[str(f) for f in files],
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    extension = target.split(":", 1)[0]
    made = [outdir / f"{Path(f).stem}.{extension}" for f in files]
    missing = [m for m in made if not m.exists() or m.stat().st_size == 0]
    assert done.returncode == 0 and not missing, (
        f"LibreOffice did not convert {missing}: rc={done.returncode}\n{done.stdout}\n{done.stderr}"
    )
    return made

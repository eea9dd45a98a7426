"""Showing a file in its folder (selected, on Windows) without opening the file itself."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices


def show_in_folder(path: Path) -> bool:
    """Open the folder of ``path`` in the file manager; on Windows Explorer selects the file."""
    if sys.platform == "win32":
        try:
            subprocess.Popen(["explorer", f"/select,{path}"])  # noqa: S603, S607 - fixed program, our own path
            return True
        except OSError:
            pass
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))

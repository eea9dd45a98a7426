"""Asking where to save: a file (its extension added when the user left it out) or a folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget


def ask_save_file(
    parent: QWidget | None, title: str, suggested: str, file_filter: str, suffix: str
) -> Path | None:
    """The file chosen, ending in ``suffix`` (".docx"…); None when the user cancels."""
    chosen, _filter = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == suffix else path.with_suffix(suffix)


def ask_folder(parent: QWidget | None, title: str, start: str) -> Path | None:
    """The folder chosen; None when the user cancels."""
    folder = QFileDialog.getExistingDirectory(parent, title, start)
    return Path(folder) if folder else None

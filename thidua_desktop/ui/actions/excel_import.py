"""Tệp → «Nhập từ Excel…» (Ctrl+I) and files dropped onto the main window: both open the import dialog."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtGui import QAction, QKeySequence

from thidua_desktop.exchange.sheet_reader import SUPPORTED_SUFFIXES
from thidua_desktop.ui.dialogs.import_dialog import ImportDialog

ACTION_TEXT = "Nhập từ Excel…"


def install(window: Any) -> None:
    menu = window.menus["file"]
    action = QAction(ACTION_TEXT, window)
    action.setObjectName("action_import_excel")
    action.setShortcut(QKeySequence("Ctrl+I"))
    action.setStatusTip(
        "Nhập danh sách, đăng ký thi đua, chỉ tiêu, kết quả từ tệp Excel/LibreOffice của chi bộ"
    )
    action.triggered.connect(lambda _checked=False: open_import(window))
    first = menu.actions()[0] if menu.actions() else None
    if first is not None:
        menu.insertAction(first, action)
        menu.insertSeparator(first)
    else:
        menu.addAction(action)
    window.import_excel_action = action
    dropped = getattr(window, "files_dropped", None)
    if dropped is not None:
        dropped.connect(lambda paths: open_import(window, [Path(p) for p in paths]))


def open_import(window: Any, paths: list[Path] | None = None) -> list[ImportDialog]:
    """Open the import dialog, once per dropped spreadsheet (or once with a file chooser)."""
    dialogs: list[ImportDialog] = []
    if not paths:
        dialog = ImportDialog(window.context, window)
        dialogs.append(dialog)
        dialog.exec()
        return dialogs
    chosen = [p for p in paths if p.suffix.lower() in SUPPORTED_SUFFIXES] or paths
    for path in chosen:
        dialog = ImportDialog(window.context, window, path)
        dialogs.append(dialog)
        dialog.exec()
    return dialogs

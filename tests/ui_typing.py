"""Typing Vietnamese text into widgets in tests.

``QTest.keyClicks`` only knows ASCII keys (it aborts on "ệ"); a Vietnamese keyboard (Unikey, the Windows
Vietnamese layout) delivers the accented letters as text, so non-ASCII characters are sent as key events that carry
only their text.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def type_text(qtbot: Any, widget: QWidget, text: str) -> None:
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def refuse_modal_dialogs(monkeypatch: Any) -> None:
    """Make any modal dialog a test did not expect fail at once instead of waiting for a click forever."""
    from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox

    def unexpected(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"Hộp thoại không mong đợi: {args[1:3] if len(args) > 1 else args}")

    for name in ("exec", "warning", "information", "critical", "question"):
        monkeypatch.setattr(QMessageBox, name, unexpected)
    monkeypatch.setattr(QDialog, "exec", unexpected)
    monkeypatch.setattr(QInputDialog, "getText", unexpected)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", unexpected)

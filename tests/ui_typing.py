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

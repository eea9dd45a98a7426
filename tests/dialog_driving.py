"""Playing the user in a modal dialog: its ``exec`` is replaced so that the test can type and click in it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt


def drive_and_save(
    monkeypatch: pytest.MonkeyPatch,
    qtbot: Any,
    dialog_class: type,
    steps: Callable[[Any], None],
    reject_unsaved: bool = False,
) -> list[Any]:
    """Replace ``dialog_class.exec``: show the dialog, let ``steps`` play the user, then press «Lưu» (unless the
    steps closed the dialog themselves). With ``reject_unsaved`` a dialog that refused to save is closed as a
    user would cancel it. Returns the dialogs seen."""
    seen: list[Any] = []

    def fake_exec(dialog: Any) -> int:
        seen.append(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        steps(dialog)
        if dialog.isVisible():
            save = dialog.buttons.button(dialog.buttons.StandardButton.Save)
            qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        if reject_unsaved and dialog.result() != dialog.DialogCode.Accepted:
            dialog.reject()
        return int(dialog.result())

    monkeypatch.setattr(dialog_class, "exec", fake_exec)
    return seen


def drive(monkeypatch: pytest.MonkeyPatch, dialog_class: type, fill: Callable[[Any], None]) -> list[Any]:
    """Replace ``dialog_class.exec``: the dialog is shown (not modal) and ``fill`` types into it and presses its
    buttons. Returns the dialogs seen."""
    opened: list[Any] = []

    def fake_exec(dialog: Any) -> int:
        opened.append(dialog)
        dialog.show()
        fill(dialog)
        dialog.hide()
        return int(dialog.result())

    monkeypatch.setattr(dialog_class, "exec", fake_exec)
    return opened

"""Where to save: the extension is added when the user typed a name without it; cancelling gives None."""

from __future__ import annotations

from pathlib import Path

import pytest

from thidua_desktop.ui.widgets import file_choice


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("/tmp/Bang tong hop", "/tmp/Bang tong hop.xlsx"), ("/tmp/a.XLSX", "/tmp/a.XLSX"), ("", None)],
)
def test_save_file_gets_its_extension(
    monkeypatch: pytest.MonkeyPatch, typed: str, expected: str | None
) -> None:
    monkeypatch.setattr(file_choice.QFileDialog, "getSaveFileName", lambda *a, **k: (typed, ""))
    chosen = file_choice.ask_save_file(None, "Lưu", "gợi ý.xlsx", "Excel (*.xlsx)", ".xlsx")
    assert chosen == (Path(expected) if expected else None)


def test_cancelled_folder_is_none(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(file_choice.QFileDialog, "getExistingDirectory", lambda *a, **k: "")
    assert file_choice.ask_folder(None, "Chọn thư mục", "/tmp") is None
    monkeypatch.setattr(file_choice.QFileDialog, "getExistingDirectory", lambda *a, **k: "/tmp/hồ sơ")
    assert file_choice.ask_folder(None, "Chọn thư mục", "/tmp") == Path("/tmp/hồ sơ")

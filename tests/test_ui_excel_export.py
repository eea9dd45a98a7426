"""Tệp → «Xuất phiếu đăng ký cho chi bộ…» and «Xuất bảng tổng hợp…»: the menu entries, the dialogs, the export
running in the worker with its progress dialog, and a cancel that leaves no file behind."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QRadioButton

from thidua_desktop.core.storage.database import Database
from thidua_desktop.exchange import export_tally as tally_module
from thidua_desktop.exchange.export_tally import TallyKind
from thidua_desktop.exchange.fields import META_SHEET
from thidua_desktop.ui.actions import excel_export
from thidua_desktop.ui.actions.excel_export import FORMS_ACTION, TALLY_ACTION, FormsDialog
from thidua_desktop.ui.context import AppContext
from thidua_desktop.ui.main_window import MainWindow
from thidua_desktop.ui.widgets import file_choice


@pytest.fixture
def window(qtbot: Any, demo_db: Database, tmp_path: Path) -> Iterator[MainWindow]:
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    main = MainWindow(AppContext(demo_db), settings)
    qtbot.addWidget(main)
    main.context.set_campaign(1)
    yield main


@pytest.fixture
def finished(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts of the «Đã xuất tệp» boxes (instead of showing them)."""
    shown: list[str] = []
    monkeypatch.setattr(excel_export, "show_done", lambda _w, text, _folder: shown.append(text))
    return shown


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    monkeypatch.setattr(excel_export.messages, "show_error", lambda _w, text, *a: seen.append(text))
    return seen


def action(window: MainWindow, text: str) -> Any:
    found = [a for a in window.menus["file"].actions() if a.text() == text]
    assert len(found) == 1, [a.text() for a in window.menus["file"].actions()]
    return found[0]


def test_menu_entries_sit_above_quit(window: MainWindow) -> None:
    texts = [a.text() for a in window.menus["file"].actions()]
    assert texts.index(FORMS_ACTION) < texts.index(TALLY_ACTION) < texts.index(window.quit_action.text())
    assert action(window, FORMS_ACTION).isEnabled()


def test_tally_export_from_the_menu(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, finished: list[str]
) -> None:
    target = tmp_path / "out" / "ket qua.xlsx"

    def choose(dialog: QDialog) -> int:
        buttons = {b.text(): b for b in dialog.findChildren(QRadioButton)}
        buttons["Tổng hợp kết quả thực hiện chỉ tiêu theo đơn vị, giai đoạn"].setChecked(True)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QDialog, "exec", choose)
    monkeypatch.setattr(file_choice.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    action(window, TALLY_ACTION).trigger()
    qtbot.waitUntil(lambda: bool(finished), timeout=20000)
    assert "«ket qua.xlsx»" in finished[0]
    texts = [c.value for row in load_workbook(target).active.iter_rows() for c in row]
    assert "BẢNG TỔNG HỢP KẾT QUẢ THỰC HIỆN CHỈ TIÊU THI ĐUA" in texts
    assert window.settings.value(excel_export.LAST_FOLDER_KEY) == str(target.parent)


def test_forms_export_for_chosen_units(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, finished: list[str]
) -> None:
    folder = tmp_path / "phieu"
    folder.mkdir()
    chosen: list[str] = []

    def fill(dialog: QDialog) -> int:
        assert isinstance(dialog, FormsDialog)
        dialog._check_all(False)
        for index in range(dialog.units.count()):
            item = dialog.units.item(index)
            if item.text().strip() in ("Chi bộ Tổ dân phố 1", "Chi bộ Tổ dân phố 3"):
                item.setCheckState(Qt.CheckState.Checked)
                chosen.append(item.text().strip())
        dialog.has_due.setChecked(True)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
        return dialog.result()

    monkeypatch.setattr(QDialog, "exec", fill)
    monkeypatch.setattr(file_choice.QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    action(window, FORMS_ACTION).trigger()
    qtbot.waitUntil(lambda: bool(finished), timeout=20000)
    assert len(chosen) == 2
    assert sorted(p.name for p in folder.iterdir()) == [
        "Dang ky thi dua - Chi bo To dan pho 1.xlsx",
        "Dang ky thi dua - Chi bo To dan pho 3.xlsx",
    ]
    meta = {r[0]: r[1] for r in load_workbook(next(folder.iterdir()))[META_SHEET].iter_rows(values_only=True)}
    assert meta["campaign_id"] == "1"
    assert "2 tệp" in finished[0]


def test_forms_dialog_refuses_no_unit(qtbot: Any, window: MainWindow) -> None:
    from thidua_desktop.exchange.export_forms import branch_units

    dialog = FormsDialog(window, branch_units(window.context.db, 1))
    qtbot.addWidget(dialog)
    dialog._check_all(False)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.result() != QDialog.DialogCode.Accepted.value
    assert dialog.message.text() == "Chưa chọn đơn vị nào."


def test_without_a_campaign_the_user_is_told(window: MainWindow, errors: list[str]) -> None:
    window.context.set_campaign(None)
    action(window, TALLY_ACTION).trigger()
    action(window, FORMS_ACTION).trigger()
    assert errors == ["Hãy chọn phong trào thi đua trước khi xuất tệp."] * 2


def test_cancel_leaves_no_file(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, finished: list[str]
) -> None:
    started, release = threading.Event(), threading.Event()
    real = tally_module.export_tally

    def slow(*args: Any, **kwargs: Any) -> Any:
        started.set()
        release.wait(10)
        return real(*args, **kwargs)  # its first progress report raises Cancelled

    monkeypatch.setattr(tally_module, "export_tally", slow)  # looked up when the export starts
    messages: list[str] = []
    window.context.status_message.connect(messages.append)
    folder = tmp_path / "out"
    folder.mkdir()
    handle = excel_export.start_tally_export(window, 1, TallyKind.REGISTRATIONS, folder / "x.xlsx")
    assert handle.dialog is not None
    qtbot.waitUntil(started.is_set, timeout=10000)
    [cancel] = [b for b in handle.dialog.findChildren(QPushButton) if b.text() == "Hủy"]
    cancel.click()
    release.set()
    qtbot.waitUntil(lambda: any("hủy" in m for m in messages), timeout=20000)
    assert list(folder.iterdir()) == []
    assert finished == []


def test_a_write_error_is_explained(
    qtbot: Any, window: MainWindow, tmp_path: Path, errors: list[str], finished: list[str]
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    excel_export.start_tally_export(window, 1, TallyKind.PROPOSALS, blocker / "x.xlsx")
    qtbot.waitUntil(lambda: bool(errors), timeout=20000)
    assert "Không ghi được tệp" in errors[0]
    assert finished == []


def test_forms_dialog_due_date_is_typed_and_checked(qtbot: Any, window: MainWindow) -> None:
    from thidua_desktop.exchange.export_forms import branch_units

    dialog = FormsDialog(window, branch_units(window.context.db, 1))
    qtbot.addWidget(dialog)
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    dialog.has_due.setChecked(True)
    dialog.due.line.selectAll()
    qtbot.keyClicks(dialog.due.line, "31/06/2025")
    ok.click()
    assert dialog.result() != QDialog.DialogCode.Accepted.value
    assert "31/06/2025" in dialog.message.text()
    dialog.due.line.selectAll()
    qtbot.keyClicks(dialog.due.line, "30/06/2025")
    ok.click()
    assert dialog.result() == QDialog.DialogCode.Accepted.value
    assert dialog.return_by() == date(2025, 6, 30)

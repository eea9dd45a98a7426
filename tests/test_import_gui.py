"""Tệp → «Nhập từ Excel…»: choose a file, see the preview, press «Nhập», and the database holds the rows; cancel,
errors, column mapping and drag and drop, all through qtbot."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog

from thidua_desktop.core.services import pledges as pledge_service
from thidua_desktop.core.services import stats
from thidua_desktop.core.services.persons import find_persons
from thidua_desktop.core.storage.database import Database
from thidua_desktop.exchange import importer
from thidua_desktop.exchange.importer import find_mapping
from thidua_desktop.ui.actions import excel_import
from thidua_desktop.ui.context import AppContext
from thidua_desktop.ui.dialogs import import_dialog
from thidua_desktop.ui.dialogs.import_dialog import STATUS_COLOURS, ColumnMappingDialog, ImportDialog
from thidua_desktop.ui.main_window import MainWindow

FIXTURES = Path(__file__).resolve().parent / "data" / "import"


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def context(demo_db: Database) -> AppContext:
    context = AppContext(demo_db)
    context.set_campaign(1)
    return context


@pytest.fixture
def dialog(qtbot: Any, context: AppContext, settings: QSettings) -> Iterator[ImportDialog]:
    widget = ImportDialog(context, settings=settings)
    qtbot.addWidget(widget)
    widget.show()
    yield widget


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Texts of message boxes (instead of showing them)."""
    texts: list[str] = []
    monkeypatch.setattr(import_dialog.messages, "show_info", lambda _w, text, *a: texts.append(text))
    monkeypatch.setattr(import_dialog.messages, "show_error", lambda _w, text, *a: texts.append(text))
    monkeypatch.setattr(
        import_dialog.messages, "show_user_error", lambda _w, error: texts.append(error.message)
    )
    return texts


def copy(tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copy(FIXTURES / name, target)
    return target


def choose(qtbot: Any, dialog: ImportDialog, monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(import_dialog.QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    qtbot.mouseClick(dialog.browse_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.plan is not None and dialog.task is None, timeout=30000)


def cells(dialog: ImportDialog, column: int) -> list[str]:
    model = dialog.proxy
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_preview_then_import(
    qtbot: Any,
    dialog: ImportDialog,
    context: AppContext,
    demo_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    settings: QSettings,
) -> None:
    path = copy(tmp_path, "pledges_tdp5.xlsx")
    assert not dialog.import_button.isEnabled()
    choose(qtbot, dialog, monkeypatch, path)
    assert settings.value(import_dialog.LAST_FOLDER_KEY) == str(tmp_path)
    assert dialog.path_edit.text() == str(path)
    assert dialog.campaign_combo.currentData() == 1
    assert dialog.model.rowCount() == 4
    assert cells(dialog, 3) == ["Lý Văn Khải", "ÂU THỊ NGỌC", "Nguyễn Văn Mới", "Trần Thị Hai"]
    assert cells(dialog, 2) == ["Thêm mới", "Thêm mới", "Cảnh báo", "Cảnh báo"]
    assert cells(dialog, 5)[:2] == [
        "Chiến sĩ thi đua cơ sở; Lãnh đạo chi bộ hoàn thành xuất sắc nhiệm vụ",
        "Lao động tiên tiến; Hoàn thành tốt nhiệm vụ được giao",
    ]
    warning = dialog.model.index(2, 0).data(Qt.ItemDataRole.BackgroundRole)
    assert warning.color() == STATUS_COLOURS[importer.RowStatus.WARNING]
    assert "Chi bộ Tổ dân phố 5" in dialog.summary.text() and "4 dòng" in dialog.summary.text()
    assert find_persons(demo_db, "Nguyễn Văn Mới") == []  # previewing wrote nothing
    assert dialog.import_button.isEnabled() and dialog.errors_button.isEnabled()

    with qtbot.waitSignal(context.data_changed, timeout=30000) as changed:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert changed.args == ["*"]
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=5000)
    assert dialog.result_data is not None and dialog.result_data.created == 4
    by_name = {p.subject_name: p for p in pledge_service.list_pledges(demo_db, 1)}
    assert by_name["Nguyễn Văn Mới"].title_code == "LDTT"
    assert by_name["Lý Văn Khải"].title_code == "CSTDCS"
    assert find_persons(demo_db, "Trần Thị Hai")[0].unit_name == "Chi bộ Tổ dân phố 5"


def test_cancelling_the_import_writes_nothing(
    qtbot: Any, dialog: ImportDialog, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    choose(qtbot, dialog, monkeypatch, copy(tmp_path, "pledges_tdp5.xlsx"))
    before = stats.entity_counts(demo_db)
    real = importer.apply_import

    def press_cancel_first(db: Database, plan: importer.ImportPlan, progress: Any) -> Any:
        progress.cancel()  # as if «Hủy» was pressed while writing: the next progress report stops the job
        return real(db, plan, progress)

    monkeypatch.setattr(import_dialog, "apply_import", press_cancel_first)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.task is None, timeout=30000)
    assert "Đã hủy" in dialog.summary.text()
    assert stats.entity_counts(demo_db) == before
    assert dialog.isVisible() and dialog.import_button.isEnabled()


def test_a_file_with_errors_cannot_be_imported_and_the_errors_can_be_saved(
    qtbot: Any,
    dialog: ImportDialog,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    shown: list[str],
) -> None:
    path = copy(tmp_path, "formulas.xlsx")
    workbook = openpyxl.load_workbook(path)
    for row in (4, 5, 6):
        workbook.active[f"D{row}"] = "Anh hùng lao động"  # not in the catalogue: an error
    workbook.save(path)
    choose(qtbot, dialog, monkeypatch, path)
    assert cells(dialog, 2) == ["Lỗi", "Lỗi", "Lỗi", "Cảnh báo"]
    assert not dialog.import_button.isEnabled()
    assert "Chưa thể nhập" in dialog.summary.text()
    target = tmp_path / "danh sach loi"
    monkeypatch.setattr(import_dialog.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(dialog.errors_button, Qt.MouseButton.LeftButton)
    saved = target.with_suffix(".xlsx")
    assert saved.exists() and shown and str(saved) in shown[-1]
    rows = list(openpyxl.load_workbook(saved).active.iter_rows(min_row=4, values_only=True))
    assert [r[1:5] for r in rows[:3]] == [
        ("Đăng ký", 4, "D", "Lỗi"),
        ("Đăng ký", 5, "D", "Lỗi"),
        ("Đăng ký", 6, "D", "Lỗi"),
    ]


def test_a_file_that_is_not_a_spreadsheet(
    qtbot: Any, dialog: ImportDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    choose(qtbot, dialog, monkeypatch, copy(tmp_path, "not_a_spreadsheet.xlsx"))
    assert "không phải là bảng tính" in dialog.summary.text().lower()
    assert not dialog.import_button.isEnabled() and dialog.errors_button.isEnabled()


def test_unrecognised_headers_open_the_column_mapping_dialog(
    qtbot: Any,
    dialog: ImportDialog,
    demo_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[ColumnMappingDialog] = []

    def map_columns(mapping: ColumnMappingDialog) -> int:
        seen.append(mapping)
        assert mapping.header_spin.value() == 3  # the row of "Cột 1 | Cột 2 | …"
        assert mapping.preview_model.rowCount() == 5
        assert mapping.preview_model.index(3, 1).data() == "Lý Văn Khải"
        mapping.kind_combo.setCurrentIndex(mapping.kind_combo.findData("people"))
        mapping._accept()
        assert not mapping.result() and "Họ và tên" in mapping.message.text()  # the name column is required
        mapping.set_field(1, "full_name")
        mapping.set_field(2, "birth_date")
        mapping.set_field(3, "position")
        mapping._accept()
        return int(mapping.result())

    monkeypatch.setattr(ColumnMappingDialog, "exec", map_columns)
    dialog.unit_combo.setCurrentIndex(dialog.unit_combo.findData("Chi bộ Tổ dân phố 5"))
    choose(qtbot, dialog, monkeypatch, copy(tmp_path, "no_header.xlsx"))
    qtbot.waitUntil(
        lambda: dialog.plan is not None and bool(dialog.plan.sheets) and dialog.task is None, timeout=30000
    )
    assert len(seen) == 1
    assert cells(dialog, 2) == ["Không đổi", "Thêm mới"]
    assert find_mapping(demo_db, seen[0].signature()) is not None  # remembered for sheets with this header
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=30000)
    assert find_persons(demo_db, "Nguyễn Văn Mười")[0].unit_name == "Chi bộ Tổ dân phố 5"


@pytest.fixture
def window(qtbot: Any, demo_db: Database, settings: QSettings) -> Iterator[MainWindow]:
    main = MainWindow(AppContext(demo_db), settings)
    qtbot.addWidget(main)
    main.context.set_campaign(1)
    yield main


def test_menu_entry_with_shortcut(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    found = [a for a in window.menus["file"].actions() if a.text() == excel_import.ACTION_TEXT]
    assert len(found) == 1 and found[0].shortcut().toString() == "Ctrl+I"
    opened: list[ImportDialog] = []
    monkeypatch.setattr(ImportDialog, "exec", lambda d: opened.append(d) or 0)
    found[0].trigger()
    assert len(opened) == 1 and opened[0].path is None and opened[0].campaign_combo.currentData() == 1


def test_files_dropped_on_the_window_open_the_import(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[ImportDialog] = []
    monkeypatch.setattr(ImportDialog, "exec", lambda d: opened.append(d) or 0)
    path = copy(tmp_path, "targets.xlsx")
    window.files_dropped.emit([path, tmp_path / "ghi chu.txt"])
    assert [d.path for d in opened] == [path]
    qtbot.waitUntil(lambda: opened[0].plan is not None and opened[0].task is None, timeout=30000)
    assert opened[0].plan is not None and opened[0].plan.kind == "unit_targets"


def test_the_preview_shows_a_new_unit_and_the_warning_rows(
    qtbot: Any, dialog: ImportDialog, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, demo_db: Database
) -> None:
    choose(qtbot, dialog, monkeypatch, copy(tmp_path, "new_unit_pledges.xlsx"))
    statuses = cells(dialog, 2)
    reasons = cells(dialog, 6)
    assert statuses == ["Cảnh báo", "Cảnh báo"]
    assert "«Chi bộ Tổ dân phố 9»" in reasons[0] and "thêm mới" in reasons[0]
    assert cells(dialog, 4) == ["Chi bộ Tổ dân phố 9", "Chi bộ Tổ dân phố 9"]
    assert dialog.import_button.isEnabled()


def test_when_two_units_fit_the_dialog_asks_which(
    qtbot: Any, dialog: ImportDialog, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    asked: list[list[str]] = []

    def answer(_parent: Any, _title: str, _label: str, items: list[str], *_args: Any) -> tuple[str, bool]:
        asked.append(list(items))
        return "Chi bộ Tổ dân phố 3", True

    monkeypatch.setattr(import_dialog.QInputDialog, "getItem", answer)
    choose(qtbot, dialog, monkeypatch, copy(tmp_path, "unit_ambiguous.xlsx"))
    qtbot.waitUntil(
        lambda: dialog.plan is not None and dialog.task is None and not dialog.plan.errors, timeout=30000
    )
    assert len(asked) == 1 and "Chi bộ Tổ dân phố 1" in asked[0]
    assert dialog.plan is not None and dialog.plan.sheets[0].unit_name == "Chi bộ Tổ dân phố 3"
    assert cells(dialog, 4) == ["Chi bộ Tổ dân phố 3"]

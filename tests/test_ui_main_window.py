"""The main window and the program's start: tabs and actions found as plug-ins, campaign selector, menus and
their dialogs (settings, campaigns, catalogue, backups), remembered state, first run, errors at start."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from dialog_driving import drive
from PySide6.QtCore import QEvent, QMimeData, QPointF, QSettings, Qt, QTranslator, QUrl
from PySide6.QtGui import QDropEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QMessageBox

from thidua_desktop.core.bootstrap import open_data
from thidua_desktop.core.errors import DatabaseLockedError
from thidua_desktop.core.services.campaigns import CampaignRecord, list_campaigns, save_campaign
from thidua_desktop.core.services.catalogue import list_award_forms
from thidua_desktop.core.services.settings import load_settings
from thidua_desktop.core.services.stats import campaign_overview
from thidua_desktop.core.services.units import UnitRecord, list_units, save_unit
from thidua_desktop.core.storage.database import Database
from thidua_desktop.ui import actions as actions_package
from thidua_desktop.ui import app as ui_app
from thidua_desktop.ui import tabs as tabs_package
from thidua_desktop.ui.context import AppContext
from thidua_desktop.ui.dialogs.backup_dialog import BackupDialog
from thidua_desktop.ui.dialogs.campaign_dialog import CampaignDialog, CampaignsDialog, PhaseDialog
from thidua_desktop.ui.dialogs.catalogue_dialog import AwardFormDialog, CatalogueDialog
from thidua_desktop.ui.dialogs.settings_dialog import SettingsDialog
from thidua_desktop.ui.main_window import MainWindow
from thidua_desktop.ui.widgets import messages

LEFT = Qt.MouseButton.LeftButton


# --- helpers ----------------------------------------------------------------------------------------------------
def type_text(qtbot: Any, widget: Any, text: str) -> None:
    """QTest types only ASCII; other letters arrive as key events carrying their text, as from an input method."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def save(qtbot: Any, dialog: Any) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), LEFT)


def record_boxes(monkeypatch: pytest.MonkeyPatch, click: str | None = None) -> list[QMessageBox]:
    """Message boxes are recorded instead of shown; ``click`` names the button pressed."""
    boxes: list[QMessageBox] = []

    def fake_exec(box: QMessageBox) -> int:
        boxes.append(box)
        for button in box.buttons():
            if click is not None and button.text().replace("&", "") == click:
                button.click()
                break
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return boxes


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make_window(qtbot: Any, settings: QSettings) -> Iterator[Callable[[Database], MainWindow]]:
    def make(database: Database) -> MainWindow:
        window = MainWindow(AppContext(database), settings)
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        return window

    yield make


@pytest.fixture
def window(make_window: Callable[[Database], MainWindow], demo_db: Database) -> MainWindow:
    return make_window(demo_db)


# --- the window -------------------------------------------------------------------------------------------------
def test_tabs_are_discovered_and_sorted(window: MainWindow) -> None:
    titles = [window.tabs.tabText(i).replace("&&", "&") for i in range(window.tabs.count())]
    assert titles[:2] == ["Tổng quan", "Đơn vị & cá nhân"]
    assert window.tab_pages["overview"] is window.tabs.widget(0)
    orders = [type(window.tabs.widget(i)).ORDER for i in range(window.tabs.count())]  # type: ignore[attr-defined]
    assert orders == sorted(orders)
    for key in ("overview", "units_people"):
        page = window.tab_pages[key]
        assert callable(getattr(page, "add_record", None)) and callable(getattr(page, "focus_search", None))
    for index, page in enumerate(window.tab_pages.values()):  # Ctrl+N is offered only where a tab can add
        window.tabs.setCurrentWidget(page)
        assert window.add_action.isEnabled() == callable(getattr(page, "add_record", None)), index
    assert {"file", "edit", "data", "tools", "help"} <= set(window.menus)
    assert window.menus["file"].title() == "&Tệp" and window.menus["help"].title() == "T&rợ giúp"
    assert window.load_errors == []
    assert window.context.campaign_id == list_campaigns(window.db)[0].id


def test_broken_plug_ins_are_logged_not_fatal(
    qtbot: Any, demo_db: Database, settings: QSettings, tmp_path: Path, monkeypatch: Any, caplog: Any
) -> None:
    extra_tabs = tmp_path / "extra_tabs"
    extra_actions = tmp_path / "extra_actions"
    extra_tabs.mkdir()
    extra_actions.mkdir()
    (extra_tabs / "zz_syntax.py").write_text("def broken(:\n", encoding="utf-8")
    (extra_tabs / "zz_raises.py").write_text(
        "from PySide6.QtWidgets import QWidget\n"
        "class Bad(QWidget):\n    TITLE = 'Hỏng'\n    ORDER = 99\n"
        "    def __init__(self, context, parent=None):\n        raise RuntimeError('không dựng được')\n"
        "TAB = Bad\n",
        encoding="utf-8",
    )
    (extra_tabs / "zz_good.py").write_text(
        "from PySide6.QtWidgets import QWidget\n"
        "class Good(QWidget):\n    TITLE = 'Thêm & bớt'\n    ORDER = 15\n"
        "    def __init__(self, context, parent=None):\n        super().__init__(parent)\n"
        "TAB = Good\n",
        encoding="utf-8",
    )
    (extra_actions / "zz_menu.py").write_text(
        "def install(window):\n    window.menus['tools'].addAction('Nhập từ Excel…')\n"
        "    window.menus['file'].addAction('Xuất tệp…')\n",
        encoding="utf-8",
    )
    (extra_actions / "zz_broken_action.py").write_text(
        "def install(window):\n    raise ValueError('hỏng')\n", encoding="utf-8"
    )
    monkeypatch.setattr(tabs_package, "__path__", [*tabs_package.__path__, str(extra_tabs)])
    monkeypatch.setattr(actions_package, "__path__", [*actions_package.__path__, str(extra_actions)])
    for name in ("zz_syntax", "zz_raises", "zz_good"):
        monkeypatch.delitem(sys.modules, f"thidua_desktop.ui.tabs.{name}", raising=False)
    for name in ("zz_menu", "zz_broken_action"):
        monkeypatch.delitem(sys.modules, f"thidua_desktop.ui.actions.{name}", raising=False)

    with caplog.at_level(logging.ERROR):
        window = MainWindow(AppContext(demo_db), settings)
    qtbot.addWidget(window)
    failed = {name.rsplit(".", 1)[-1] for name, _ in window.load_errors}
    assert failed == {"zz_syntax", "zz_raises", "zz_broken_action"}
    assert "zz_good" in window.tab_pages
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles.index("Thêm && bớt") == titles.index("Tổng quan") + 1  # ORDER 15 sits between 10 and 20
    assert "Nhập từ Excel…" in [a.text() for a in window.menus["tools"].actions()]
    assert window.menus["file"].actions()[-1] is window.quit_action  # «Thoát» stays last
    assert "zz_raises" in caplog.text and "không dựng được" in caplog.text
    assert "Một số phần" in window.statusBar().currentMessage()
    for name in ("zz_syntax", "zz_raises", "zz_good", "zz_menu", "zz_broken_action"):
        sys.modules.pop(f"thidua_desktop.ui.tabs.{name}", None)
        sys.modules.pop(f"thidua_desktop.ui.actions.{name}", None)


def test_campaign_selector_switches_every_tab(qtbot: Any, window: MainWindow, demo_db: Database) -> None:
    demo = window.context.campaign_id
    assert demo is not None
    second = save_campaign(
        demo_db,
        CampaignRecord(
            name="Thi đua thực hiện nhiệm vụ năm 2026", kind="annual", start_date=date(2026, 1, 1)
        ),
    )
    window.refresh_all()
    combo = window.campaign_combo
    assert combo.count() == 2
    overview = window.tab_pages["overview"]
    with qtbot.waitSignal(window.context.campaign_changed, timeout=1000) as blocker:
        combo.setCurrentIndex(combo.findData(second.id))
    assert blocker.args == [second.id]
    assert window.context.campaign_id == second.id
    assert overview.title_label.text() == "Thi đua thực hiện nhiệm vụ năm 2026"  # type: ignore[attr-defined]
    assert overview.pledges_card.value.text() == "0"  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: "0 bản đăng ký" in window.counts_label.text())
    combo.setCurrentIndex(combo.findData(demo))
    pledges = campaign_overview(demo_db, demo).pledges
    assert overview.pledges_card.value.text() == str(pledges)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: f"{pledges} bản đăng ký" in window.counts_label.text())
    # selecting from elsewhere moves the combo too
    window.context.set_campaign(second.id)
    assert combo.currentData() == second.id


def test_overview_shows_the_campaign_figures(window: MainWindow, demo_db: Database) -> None:
    overview_tab: Any = window.tab_pages["overview"]
    figures = campaign_overview(demo_db, window.context.campaign_id)  # type: ignore[arg-type]
    assert overview_tab.pledges_card.value.text() == str(figures.pledges)
    assert overview_tab.targets_card.value.text() == f"{figures.targets_met} / {figures.targets}"
    assert overview_tab.evidence_card.value.text() == str(figures.evidence_unverified)
    assert overview_tab.proposals_card.value.text() == str(sum(figures.proposals_by_status.values()))
    assert overview_tab.targets_bar.value() == round(figures.targets_met / figures.targets * 100)
    assert overview_tab.proxy.rowCount() == len(figures.by_unit)
    assert "Giai đoạn 1" in overview_tab.phases_label.text()


def test_status_bar_counts_and_messages(qtbot: Any, window: MainWindow, demo_db: Database) -> None:
    window.update_status()
    text = window.counts_label.text()
    assert f"{len(list_units(demo_db))} đơn vị" in text
    assert (
        "cá nhân" in text and "bản đăng ký" in text and "minh chứng" in text and "đề nghị khen thưởng" in text
    )
    save_unit(demo_db, UnitRecord(name="Chi hội Khuyến học", kind="mass_organization"))
    window.context.notify_changed("units")
    qtbot.waitUntil(lambda: f"{len(list_units(demo_db))} đơn vị" in window.counts_label.text())
    window.context.status_message.emit("Đã lưu.")
    assert window.statusBar().currentMessage() == "Đã lưu."


def test_keyboard_shortcuts(qtbot: Any, window: MainWindow, monkeypatch: Any) -> None:
    assert window.add_action.shortcut().toString() == "Ctrl+N"
    assert window.find_action.shortcut().toString() == "Ctrl+F"
    assert window.reload_action.shortcut().toString() == "F5"
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    assert [a.shortcut().toString() for a in window.tab_actions] == [
        f"Ctrl+{i + 1}" for i in range(min(window.tabs.count(), 9))
    ]
    with qtbot.waitActive(window):
        window.activateWindow()
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(window, Qt.Key.Key_2, ctrl)
    units_tab: Any = window.current_page()
    assert units_tab is window.tab_pages["units_people"]
    qtbot.keyClick(window, Qt.Key.Key_F, ctrl)
    assert QApplication.focusWidget() is units_tab.people.search
    added: list[str] = []
    monkeypatch.setattr(units_tab, "add_person", lambda: added.append("person"))
    qtbot.keyClick(units_tab.people.search, Qt.Key.Key_N, ctrl)
    assert added == ["person"]
    reloaded: list[str] = []
    window.context.data_changed.connect(reloaded.append)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert "*" in reloaded
    qtbot.keyClick(window, Qt.Key.Key_1, ctrl)
    assert window.tabs.currentIndex() == 0
    qtbot.keyClick(window, Qt.Key.Key_Q, ctrl)
    assert not window.isVisible()


def test_files_dropped_on_the_window_are_announced(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: Any
) -> None:
    # whatever listens (the Excel import) opens no modal loop
    monkeypatch.setattr(QDialog, "exec", lambda _dialog: 0)
    monkeypatch.setattr(QMessageBox, "exec", lambda _box: 0)
    sheet = tmp_path / "dang-ky.xlsx"
    sheet.write_bytes(b"")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(sheet))])
    event = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        LEFT,
        Qt.KeyboardModifier.NoModifier,
        QEvent.Type.Drop,
    )
    with qtbot.waitSignal(window.files_dropped, timeout=1000) as blocker:
        window.dropEvent(event)
    assert blocker.args == [[sheet]]


def test_window_remembers_geometry_tab_and_campaign(
    qtbot: Any, make_window: Callable[[Database], MainWindow], demo_db: Database, settings: QSettings
) -> None:
    second = save_campaign(demo_db, CampaignRecord(name="Phong trào Dân vận khéo", kind="thematic"))
    first = make_window(demo_db)
    first.select_campaign(second.id)
    first.tabs.setCurrentWidget(first.tab_pages["units_people"])
    first.resize(1100, 700)
    first.close()
    assert settings.value("mainWindow/currentTab") == "units_people"
    again = make_window(demo_db)
    assert again.current_page() is again.tab_pages["units_people"]
    assert again.context.campaign_id == second.id
    assert again.campaign_combo.currentData() == second.id
    assert again.has_saved_geometry()


# --- menus and their dialogs ------------------------------------------------------------------------------------
def test_settings_dialog_saves_a_value(
    qtbot: Any, window: MainWindow, demo_db: Database, monkeypatch: Any
) -> None:
    def fill(dialog: SettingsDialog) -> None:
        edit = dialog.edits["signatory_name"]
        assert edit.text() == load_settings(demo_db).signatory_name
        edit.clear()
        type_text(qtbot, edit, "Trần Thị Mai")
        district = dialog.edits["authority_district_chairman"]
        district.clear()
        type_text(qtbot, district, "Chủ tịch Ủy ban nhân dân thành phố Quảng Ngãi (cũ)")
        save(qtbot, dialog)

    opened = drive(monkeypatch, SettingsDialog, fill)
    window.settings_action.trigger()
    assert len(opened) == 1
    stored = load_settings(demo_db)
    assert (stored.signatory_name, stored.authority_district_chairman) == (
        "Trần Thị Mai",
        "Chủ tịch Ủy ban nhân dân thành phố Quảng Ngãi (cũ)",
    )
    assert window.statusBar().currentMessage() == "Đã lưu thiết lập cơ quan."


def test_base_salary_is_the_law_series_not_a_setting(
    qtbot: Any, window: MainWindow, demo_db: Database, monkeypatch: Any
) -> None:
    """NĐ 24/2023, 73/2024, 161/2026: the base salary is chosen by the decision date, shown, never typed in."""
    shown: list[str] = []

    def look(dialog: SettingsDialog) -> None:
        assert "base_salary" not in dialog.edits
        label = dialog.findChild(QLabel, "salary_series")
        shown.append(label.text())
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel), LEFT)

    drive(monkeypatch, SettingsDialog, look)
    window.settings_action.trigger()
    assert "2.530.000 đồng từ 01/07/2026 (Nghị định 161/2026/NĐ-CP Điều 3)" in shown[0]
    assert "2.340.000 đồng từ 01/07/2024 (Nghị định 73/2024/NĐ-CP)" in shown[0]


def test_campaigns_dialog_adds_a_campaign_with_phases(
    qtbot: Any, window: MainWindow, demo_db: Database, monkeypatch: Any
) -> None:
    def fill_phase(dialog: PhaseDialog) -> None:
        type_text(qtbot, dialog.name_edit, "Cả năm 2026")
        dialog.start_edit.set_value(date(2026, 1, 1))
        dialog.end_edit.set_value(date(2026, 12, 31))
        dialog.review_combo.setCurrentIndex(dialog.review_combo.findData("final"))
        dialog.review_edit.set_value(date(2026, 12, 20))
        save(qtbot, dialog)

    def fill_campaign(dialog: CampaignDialog) -> None:
        type_text(qtbot, dialog.name_edit, "Thi đua yêu nước năm 2026")
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("annual"))
        dialog.start_edit.set_value(date(2026, 1, 1))
        dialog.end_edit.set_value(date(2026, 12, 31))
        drive(monkeypatch, PhaseDialog, fill_phase)
        qtbot.mouseClick(dialog.phases.add_button, LEFT)
        assert [p.name for p in dialog.phase_list] == ["Cả năm 2026"]
        save(qtbot, dialog)

    def fill_list(dialog: CampaignsDialog) -> None:
        drive(monkeypatch, CampaignDialog, fill_campaign)
        qtbot.mouseClick(dialog.table.add_button, LEFT)
        assert dialog.table.model.rowCount() == 2
        qtbot.mouseClick(
            dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close), LEFT
        )

    drive(monkeypatch, CampaignsDialog, fill_list)
    window.campaigns_action.trigger()
    added = next(c for c in list_campaigns(demo_db) if c.name == "Thi đua yêu nước năm 2026")
    assert (added.kind, added.start_date, added.end_date) == ("annual", date(2026, 1, 1), date(2026, 12, 31))
    assert [(p.number, p.name, p.review_kind, p.review_date) for p in added.phases] == [
        (1, "Cả năm 2026", "final", date(2026, 12, 20))
    ]
    assert window.campaign_combo.findData(added.id) >= 0  # the selector knows it at once


def test_deleting_a_campaign_with_pledges_is_refused(
    qtbot: Any, window: MainWindow, demo_db: Database, monkeypatch: Any
) -> None:
    monkeypatch.setattr(messages, "confirm", lambda *_a: True)
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: warnings.append(text))

    def fill(dialog: CampaignsDialog) -> None:
        dialog.table.view.selectRow(0)
        qtbot.mouseClick(dialog.table.delete_button, LEFT)

    drive(monkeypatch, CampaignsDialog, fill)
    window.campaigns_action.trigger()
    assert len(warnings) == 1 and warnings[0].startswith("Không thể xóa")
    assert len(list_campaigns(demo_db)) == 1


def test_catalogue_dialog_edits_an_award_form(
    qtbot: Any, window: MainWindow, demo_db: Database, monkeypatch: Any
) -> None:
    target = next(f for f in list_award_forms(demo_db) if f.code == "LDTT")

    def fill_form(dialog: AwardFormDialog) -> None:
        assert dialog.code_edit.isReadOnly()
        # money and deciding body of a shipped form are the law's (NĐ 152/2025; NĐ 129/2025 Điều 59): shown only
        assert dialog.person_coefficient.isReadOnly() and dialog.person_coefficient.text() == "0,3"
        assert "Nghị định 152/2025/NĐ-CP" in dialog.person_coefficient.toolTip()
        assert not dialog.authority_combo.isEnabled()
        dialog.name_edit.clear()
        type_text(qtbot, dialog.name_edit, "Lao động tiên tiến (danh hiệu)")
        save(qtbot, dialog)

    def fill_list(dialog: CatalogueDialog) -> None:
        assert not dialog.table.delete_button.isVisible()
        assert dialog.table.select_id(target.id)
        drive(monkeypatch, AwardFormDialog, fill_form)
        qtbot.mouseClick(dialog.table.edit_button, LEFT)

    drive(monkeypatch, CatalogueDialog, fill_list)
    window.catalogue_action.trigger()
    edited = next(f for f in list_award_forms(demo_db) if f.code == "LDTT")
    assert (edited.name, edited.coefficient_person) == ("Lao động tiên tiến (danh hiệu)", pytest.approx(0.3))


def test_restore_from_backup_dialog_restores(
    qtbot: Any, window: MainWindow, demo_db: Database, monkeypatch: Any
) -> None:
    snapshot = demo_db.backup_now()
    added = save_unit(demo_db, UnitRecord(name="Chi bộ Khu phố mới", kind="party_cell", is_party_org=True))
    window.refresh_all()
    units_tab: Any = window.tab_pages["units_people"]
    assert units_tab.tree_model.unit_index(added.id).isValid()
    questions: list[str] = []
    monkeypatch.setattr(messages, "confirm", lambda _p, _t, question: questions.append(question) or True)
    infos: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a, **k: infos.append(text))

    def fill(dialog: BackupDialog) -> None:
        names = [dialog.proxy.index(r, 3).data() for r in range(dialog.proxy.rowCount())]
        assert snapshot.name in names
        assert dialog.proxy.index(names.index(snapshot.name), 1).data() == "Sao lưu thủ công"
        dialog.view.selectRow(names.index(snapshot.name))
        qtbot.mouseClick(dialog.restore_button, LEFT)

    drive(monkeypatch, BackupDialog, fill)
    window.restore_action.trigger()
    assert questions and "Khôi phục dữ liệu" in questions[0]
    assert all(u.id != added.id for u in list_units(demo_db))
    assert not units_tab.tree_model.unit_index(added.id).isValid()  # every tab reloaded
    assert infos and "truoc-khoi-phuc-" in infos[0]
    assert any(p.name.startswith("truoc-khoi-phuc-") for p in demo_db.paths.backups.iterdir())


def test_backup_now_from_the_file_menu(window: MainWindow, demo_db: Database) -> None:
    before = set(demo_db.paths.backups.iterdir())
    window.backup_action.trigger()
    made = set(demo_db.paths.backups.iterdir()) - before
    assert len(made) == 1 and next(iter(made)).name.startswith("thu-cong-")
    assert "Đã sao lưu" in window.statusBar().currentMessage()


def test_about_and_shortcuts_are_in_vietnamese(window: MainWindow, monkeypatch: Any) -> None:
    boxes = record_boxes(monkeypatch)
    window.about_action.trigger()
    window.shortcuts_action.trigger()
    assert "Thi đua Desktop" in boxes[0].text() and str(window.db.paths.root) in boxes[0].text()
    assert "Ctrl+N" in boxes[1].text() and "Thêm mới" in boxes[1].text()
    assert [b.text() for b in boxes[0].buttons()] == ["Đóng"]


# --- starting the program ---------------------------------------------------------------------------------------
def test_first_run_offers_and_loads_the_demo(db: Database, settings: QSettings, monkeypatch: Any) -> None:
    boxes = record_boxes(monkeypatch, click="Có")
    assert ui_app.offer_demo(db, None, settings) is True
    assert boxes[0].text() == "Nạp phong trào mẫu của phường Nguyễn Nghiêm?"
    assert {b.text() for b in boxes[0].buttons()} == {"Có", "Không"}
    campaigns = list_campaigns(db)
    assert len(campaigns) == 1 and len(list_units(db)) > 10
    assert ui_app.offer_demo(db, None, settings) is False  # a campaign exists: no question
    assert len(boxes) == 1


def test_first_run_refusal_is_remembered(db: Database, settings: QSettings, monkeypatch: Any) -> None:
    boxes = record_boxes(monkeypatch, click="Không")
    assert ui_app.offer_demo(db, None, settings) is False
    assert ui_app.offer_demo(db, None, settings) is False
    assert len(boxes) == 1
    assert list_campaigns(db) == []


def test_opening_locked_data_explains_and_exits_non_zero(
    db: Database, data_dir: Path, monkeypatch: Any, tmp_path: Path
) -> None:
    boxes = record_boxes(monkeypatch)
    assert ui_app.open_data_or_explain(data_dir) is None
    assert boxes[0].windowTitle() == "Dữ liệu đang được mở"
    assert str(data_dir) in boxes[0].text()

    # the whole start: logging set up, the error explained, a non-zero exit code and no window
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setattr(ui_app, "qInstallMessageHandler", lambda handler: None)
    monkeypatch.setattr(ui_app, "configure_application", lambda app: None)
    monkeypatch.setattr(ui_app, "MainWindow", None, raising=False)
    try:
        assert ui_app.run_app(data_dir) == 2
    finally:
        root = logging.getLogger()
        for handler in [h for h in root.handlers if h.get_name() == ui_app.LOG_HANDLER_NAME]:
            root.removeHandler(handler)
            handler.close()
    assert len(boxes) == 2 and boxes[1].windowTitle() == "Dữ liệu đang được mở"
    log_text = (data_dir / "logs" / "thidua.log").read_text(encoding="utf-8")
    assert "Dữ liệu đang bị khóa" in log_text


def test_opening_data_of_a_newer_version_is_refused(data_dir: Path, monkeypatch: Any) -> None:
    from thidua_desktop.core.errors import SchemaTooNewError

    def too_new(_folder: Path, **_options: object) -> Database:
        raise SchemaTooNewError("Dữ liệu được tạo bởi phiên bản mới hơn (lược đồ 0099).")

    monkeypatch.setattr("thidua_desktop.core.bootstrap.open_data", too_new)
    boxes = record_boxes(monkeypatch)
    assert ui_app.open_data_or_explain(data_dir) is None
    assert boxes[0].windowTitle() == "Dữ liệu của phiên bản mới hơn"
    assert "lược đồ 0099" in boxes[0].text()


def test_excepthook_logs_and_tells_where(tmp_path: Path, monkeypatch: Any) -> None:
    boxes = record_boxes(monkeypatch)
    path = ui_app.setup_logging(tmp_path / "logs")
    try:
        try:
            raise RuntimeError("hỏng giữa chừng")
        except RuntimeError as exc:
            ui_app.excepthook(RuntimeError, exc, exc.__traceback__)
    finally:
        root = logging.getLogger()
        for handler in [h for h in root.handlers if h.get_name() == ui_app.LOG_HANDLER_NAME]:
            root.removeHandler(handler)
            handler.close()
    assert path == tmp_path / "logs" / "thidua.log"
    assert "RuntimeError: hỏng giữa chừng" in path.read_text(encoding="utf-8")
    assert boxes[0].windowTitle() == "Lỗi chương trình"
    assert str(path) in boxes[0].text()
    assert "hỏng giữa chừng" in boxes[0].detailedText()
    assert {b.text() for b in boxes[0].buttons()} >= {"Mở thư mục nhật ký", "Đóng"}


def test_configure_application_sets_names_style_and_vietnamese(qapp: QApplication) -> None:
    from PySide6.QtCore import QCoreApplication

    from thidua_desktop.ui.frozen_support import qt_catalogue_loaded

    before = set(qapp.findChildren(QTranslator))
    sheet = qapp.styleSheet()
    try:
        ui_app.configure_application(qapp)
        assert qapp.organizationName() == "ThiDuaDesktop"
        assert qapp.property("thiduaStyle") == "Fusion"
        assert "QTabWidget#mainTabs" in qapp.styleSheet()
        assert not qapp.windowIcon().isNull()
        assert qt_catalogue_loaded(qapp)
        assert QCoreApplication.translate("QPlatformTheme", "&Yes").replace("&", "") == "Có"
        assert QCoreApplication.translate("QLineEdit", "Select All") == "Chọn tất cả"
        # texts the table does not know stay as Qt wrote them (an empty answer would blank them out)
        native = QKeySequence.SequenceFormat.NativeText
        assert QKeySequence("Ctrl+Shift+B").toString(native) == "Ctrl+Shift+B"
        assert QCoreApplication.translate("QShortcut", "Ctrl") == "Ctrl"
    finally:
        for translator in set(qapp.findChildren(QTranslator)) - before:
            qapp.removeTranslator(translator)
            translator.deleteLater()
        qapp.setStyleSheet(sheet)


def test_lock_error_type_is_what_open_data_raises(db: Database, data_dir: Path) -> None:
    with pytest.raises(DatabaseLockedError):
        open_data(data_dir)


def test_empty_data_offers_a_first_campaign_or_the_demo(
    qtbot: Any, make_window: Callable[[Database], MainWindow], db: Database
) -> None:
    window = make_window(db)
    overview: Any = window.tab_pages["overview"]
    assert window.context.campaign_id is None
    assert not window.campaign_combo.isEnabled()
    assert overview.stack.currentIndex() == 0
    assert "chưa có phong trào thi đua nào" in overview.empty_label.text()
    assert overview.demo_button.isVisible()
    qtbot.mouseClick(overview.demo_button, LEFT)
    campaigns = list_campaigns(db)
    assert len(campaigns) == 1
    assert window.context.campaign_id == campaigns[0].id
    assert window.campaign_combo.isEnabled() and window.campaign_combo.currentData() == campaigns[0].id
    assert overview.stack.currentIndex() == 1
    assert int(overview.pledges_card.value.text()) > 0
    units_tab: Any = window.tab_pages["units_people"]
    assert units_tab.tree_model.rowCount(units_tab.tree_model.index(0, 0)) > 0

"""Party badge work in the window, played through qtbot and checked in the database: the «Tình trạng» column and
filter of the badges tab, recording «đã trao ngày …» so an overdue row disappears, the other anniversaries set in
«Thiết lập cơ quan», and «Loại kỷ luật» in the discipline dialog."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from dialog_driving import drive_and_save
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget
from sqlalchemy import select
from ui_typing import refuse_modal_dialogs, type_text

from thidua_desktop.core.models import Discipline, PriorAward, Setting
from thidua_desktop.core.services import badges, persons, units
from thidua_desktop.core.services.persons import PersonRecord
from thidua_desktop.core.services.units import UnitRecord
from thidua_desktop.core.storage.database import Database
from thidua_desktop.ui.context import AppContext
from thidua_desktop.ui.dialogs.records_dialogs import DisciplineDialog
from thidua_desktop.ui.dialogs.settings_dialog import SettingsDialog
from thidua_desktop.ui.table_model import RecordRole
from thidua_desktop.ui.tabs.badges import BadgeAwardedDialog, BadgesTab

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture(autouse=True)
def no_unexpected_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    refuse_modal_dialogs(monkeypatch)


@pytest.fixture
def members(db: Database) -> dict[str, int]:
    """Two Party members at the occasion 02/09/2025: 30 years on 20/05/2025 (due) and on 19/05/2025, the
    previous occasion (overdue: never recorded as awarded)."""
    cell = units.save_unit(db, UnitRecord(name="Chi bộ Khu phố 2", kind="party_cell", is_party_org=True))
    found = {}
    for name, joined in (("Lê Văn Đến", date(1995, 5, 20)), ("Trần Thị Quá", date(1995, 5, 19))):
        saved = persons.save_person(
            db, PersonRecord(full_name=name, unit_id=cell.id, is_party_member=True, party_join_date=joined)
        )
        assert saved.id is not None
        found[name] = saved.id
    return found


def show(qtbot: Any, widget: QWidget) -> None:
    qtbot.addWidget(widget)
    widget.resize(1366, 720)
    widget.show()
    qtbot.waitExposed(widget)


def click(qtbot: Any, button: QWidget) -> None:
    assert button.isEnabled(), button.toolTip()
    qtbot.mouseClick(button, LEFT)


def wait_loaded(qtbot: Any, tab: BadgesTab) -> None:
    qtbot.waitUntil(lambda: tab.loaded and tab.task is None, timeout=15000)


def choose(combo: QComboBox, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, text
    combo.setCurrentIndex(index)


def shown(tab: BadgesTab) -> dict[str, str]:
    """Name → the «Tình trạng» cell, as the table displays them."""
    column = next(
        i
        for i in range(tab.table.proxy.columnCount())
        if tab.table.proxy.headerData(i, Qt.Orientation.Horizontal) == "Tình trạng"
    )
    return {
        tab.table.proxy.index(row, 0).data(RecordRole).full_name: tab.table.proxy.index(row, column).data()
        for row in range(tab.table.proxy.rowCount())
    }


def select_row(qtbot: Any, tab: BadgesTab, match: Callable[[Any], bool]) -> Any:
    table = tab.table
    for row in range(table.proxy.rowCount()):
        record = table.proxy.index(row, 0).data(RecordRole)
        if match(record):
            rect = table.view.visualRect(table.proxy.index(row, 0))
            qtbot.mouseClick(table.view.viewport(), LEFT, pos=rect.center())
            assert table.current() == record
            return record
    raise AssertionError("no such row")


def test_status_column_filter_and_recording_a_badge_awarded(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, db: Database, members: dict[str, int]
) -> None:
    """Hướng dẫn 06-HD/TW mục 18: the list tells due from overdue; the overdue member's badge recorded as
    awarded on 19/05/2025 (decision optional) is written as a prior award and the row disappears."""
    tab = BadgesTab(AppContext(db), today=date(2025, 8, 20))
    show(qtbot, tab)
    wait_loaded(qtbot, tab)
    assert tab.occasion_date == date(2025, 9, 2)
    assert shown(tab) == {"Lê Văn Đến": "Đến hạn", "Trần Thị Quá": "Quá hạn"}
    assert "1 quá hạn" in tab.summary.text()

    choose(tab.status_filter, "Quá hạn")
    assert shown(tab) == {"Trần Thị Quá": "Quá hạn"}
    choose(tab.status_filter, "Đến hạn")
    assert shown(tab) == {"Lê Văn Đến": "Đến hạn"}
    choose(tab.status_filter, "Tất cả")
    assert not tab.awarded_button.isEnabled(), "nothing chosen yet"
    select_row(qtbot, tab, lambda r: r.full_name == "Trần Thị Quá")

    def refuse_without_date(dialog: BadgeAwardedDialog) -> None:
        type_text(qtbot, dialog.decision_number, "125-QĐ/TU")

    seen = drive_and_save(monkeypatch, qtbot, BadgeAwardedDialog, refuse_without_date, reject_unsaved=True)
    click(qtbot, tab.awarded_button)
    assert seen[0].error_label.text() == "Chưa nhập ngày trao Huy hiệu Đảng."
    with db.session() as session:
        assert session.scalars(select(PriorAward)).all() == []

    def record(dialog: BadgeAwardedDialog) -> None:
        assert "30 năm tuổi Đảng" in dialog.intro.text()
        qtbot.keyClicks(dialog.awarded_on.line, "19/05/2025")
        type_text(qtbot, dialog.decision_number, "125-QĐ/TU")
        qtbot.keyClicks(dialog.decision_date.line, "10/05/2025")

    drive_and_save(monkeypatch, qtbot, BadgeAwardedDialog, record)
    click(qtbot, tab.awarded_button)
    wait_loaded(qtbot, tab)
    with db.session() as session:
        [award] = session.scalars(select(PriorAward)).all()
        stored = (award.person_id, award.award_code, award.level, award.year, award.decision_number)
        assert stored == (members["Trần Thị Quá"], "HUY_HIEU_DANG", "30 năm tuổi Đảng", 2025, "125-QĐ/TU")
        assert award.decision_date == date(2025, 5, 10)
    assert shown(tab) == {"Lê Văn Đến": "Đến hạn"}


def test_other_anniversaries_are_set_in_the_settings_dialog(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, db: Database, members: dict[str, int]
) -> None:
    """Hướng dẫn 06-HD/TW mục 18 «các dịp kỷ niệm quan trọng khác»: typed in «Thiết lập cơ quan», labelled as a
    setting, stored in the ``setting`` table; a wrong date is named and nothing is stored; the badges tab then
    offers the anniversary as an occasion."""
    context = AppContext(db)
    tab = BadgesTab(context, today=date(2025, 8, 20))
    show(qtbot, tab)
    wait_loaded(qtbot, tab)
    assert tab.occasion.findText("Ngày thành lập Đảng bộ tỉnh (01/10)") == -1

    dialog = SettingsDialog(db)
    show(qtbot, dialog)
    texts = [label.text() for label in dialog.findChildren(type(tab.summary))]
    assert any("thiết lập của đảng bộ, không phải quy định cố định" in t for t in texts)
    type_text(qtbot, dialog.extra_occasions, "30/02")
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Save))
    assert "«30/02» không hợp lệ" in dialog.error_label.text()
    assert dialog.focusWidget() is dialog.extra_occasions
    with db.session() as session:
        assert session.get(Setting, badges.EXTRA_OCCASIONS_KEY) is None
    dialog.extra_occasions.clear()
    type_text(qtbot, dialog.extra_occasions, "01/10 Ngày thành lập Đảng bộ tỉnh")
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Save))
    assert dialog.result() == dialog.DialogCode.Accepted
    with db.session() as session:
        stored = session.get(Setting, badges.EXTRA_OCCASIONS_KEY)
        assert stored is not None and stored.value == "01/10 Ngày thành lập Đảng bộ tỉnh"

    context.notify_changed("settings")
    wait_loaded(qtbot, tab)
    choose(tab.occasion, "Ngày thành lập Đảng bộ tỉnh (01/10)")
    wait_loaded(qtbot, tab)
    assert tab.occasion_date == date(2025, 10, 1)
    assert shown(tab) == {"Lê Văn Đến": "Quá hạn", "Trần Thị Quá": "Quá hạn"}


def test_discipline_dialog_asks_party_or_state(qtbot: Any, db: Database, members: dict[str, int]) -> None:
    """Quy định 24-QĐ/TW điểm 27: only a Party discipline delays the badge, so a new discipline says which kind;
    a form of one system sets and locks it (hạ bậc lương: chính quyền), a form of both leaves the choice."""
    dialog = DisciplineDialog(db, person_id=members["Lê Văn Đến"])
    show(qtbot, dialog)
    assert dialog.system.currentText() == "— Chọn loại kỷ luật —" and dialog.system.isEnabled()
    choose(dialog.discipline_form, "Cảnh cáo")
    qtbot.keyClicks(dialog.start_date.line, "05/03/2025")
    save = dialog.buttons.button(dialog.buttons.StandardButton.Save)
    click(qtbot, save)
    assert (
        dialog.error_label.text() == "Chưa chọn loại kỷ luật: kỷ luật Đảng hay kỷ luật chính quyền, đoàn thể."
    )
    with db.session() as session:
        assert session.scalars(select(Discipline)).all() == []

    choose(dialog.discipline_form, "Hạ bậc lương")
    assert (dialog.system.currentText(), dialog.system.isEnabled()) == (
        "Kỷ luật chính quyền, đoàn thể",
        False,
    )
    choose(dialog.discipline_form, "Khai trừ")
    assert (dialog.system.currentText(), dialog.system.isEnabled()) == ("Kỷ luật Đảng", False)
    choose(dialog.discipline_form, "Cảnh cáo")
    assert (dialog.system.currentText(), dialog.system.isEnabled()) == ("— Chọn loại kỷ luật —", True)
    choose(dialog.system, "Kỷ luật Đảng")
    click(qtbot, save)
    assert dialog.result() == dialog.DialogCode.Accepted
    with db.session() as session:
        [row] = session.scalars(select(Discipline)).all()
        assert (row.person_id, row.form, row.system) == (members["Lê Văn Đến"], "warning", "party")

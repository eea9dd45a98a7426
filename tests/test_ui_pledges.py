"""Tab «Đăng ký thi đua»: add, edit, filter and delete pledges through the widgets, then check the database."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from dialog_driving import drive_and_save
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QWidget
from ui_typing import refuse_modal_dialogs, type_text

from thidua_desktop.core.errors import NotFoundError, UserError
from thidua_desktop.core.services.pledges import (
    PledgeRecord,
    TargetRecord,
    get_pledge,
    list_pledges,
    save_pledge,
)
from thidua_desktop.core.storage.database import Database
from thidua_desktop.ui.context import AppContext
from thidua_desktop.ui.dialogs.pledge_dialog import PledgeDialog, TargetsModel
from thidua_desktop.ui.tabs.pledges import TAB, PledgesTab
from thidua_desktop.ui.widgets import messages
from thidua_desktop.ui.widgets.date_field import OptionalDateEdit
from thidua_desktop.ui.widgets.history_dialog import HistoryDialog

UBND = "Ủy ban nhân dân phường Nguyễn Nghiêm"


@pytest.fixture(autouse=True)
def no_unexpected_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    refuse_modal_dialogs(monkeypatch)


@pytest.fixture
def tab(qtbot: Any, demo_db: Database) -> PledgesTab:
    ctx = AppContext(demo_db)
    ctx.set_campaign(1)
    widget = TAB(ctx)
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def press_return(qtbot: Any, editor: QWidget) -> None:
    """Enter in a cell editor commits it; the delegate closes the editor on the next turn of the event loop."""
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()


def open_editors(dialog: PledgeDialog) -> list[QWidget]:
    return [
        w
        for w in dialog.targets_view.viewport().children()
        if isinstance(w, QLineEdit | OptionalDateEdit | QComboBox) and w.isVisible()
    ]


def cell_editor(qtbot: Any, dialog: PledgeDialog, row: int, column: int) -> QWidget:
    """Open the grid's editor of a cell as a double click would, after committing any editor still open."""
    view = dialog.targets_view
    for editor in open_editors(dialog):
        press_return(qtbot, editor)
    assert view.state() != view.State.EditingState
    index = dialog.targets_model.index(row, column)
    view.setCurrentIndex(index)
    view.edit(index)
    [editor] = open_editors(dialog)
    return editor


def type_cell(qtbot: Any, dialog: PledgeDialog, row: int, column: int, text: str) -> None:
    editor = cell_editor(qtbot, dialog, row, column)
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    type_text(qtbot, editor, text)
    press_return(qtbot, editor)


def set_deadline(qtbot: Any, dialog: PledgeDialog, row: int, value: date) -> None:
    editor = cell_editor(qtbot, dialog, row, TargetsModel.DEADLINE)
    assert isinstance(editor, OptionalDateEdit)
    editor.set_value(value)
    press_return(qtbot, editor)


def set_phase(qtbot: Any, dialog: PledgeDialog, row: int, position: int) -> None:
    editor = cell_editor(qtbot, dialog, row, TargetsModel.PHASE)
    assert isinstance(editor, QComboBox)
    editor.setCurrentIndex(position)
    press_return(qtbot, editor)


def choose_subject(qtbot: Any, dialog: PledgeDialog, subject_type: str, typed: str) -> None:
    """Type part of a name and press Enter: the only match is chosen and the dialog stays open."""
    dialog.subject_type.setCurrentIndex(dialog.subject_type.findData(subject_type))
    line = dialog.subject.lineEdit()
    line.clear()
    type_text(qtbot, line, typed)
    [match] = dialog.subject.matches()
    dialog.subject.completer().popup().hide()
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.subject.value() == match


def click(qtbot: Any, button: QWidget) -> None:
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def pledge_of(db: Database, subject_name: str) -> list[Any]:
    return [p for p in list_pledges(db, 1) if p.subject_name == subject_name]


def test_add_edit_filter_delete_a_pledge(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, tab: PledgesTab, demo_db: Database
) -> None:
    before = tab.table.model.rowCount()
    assert before == len(list_pledges(demo_db, 1)) == 20

    def add(dialog: PledgeDialog) -> None:
        choose_subject(qtbot, dialog, "person", "nguyen van an")
        dialog.title_combo.setCurrentIndex(dialog.title_combo.findData("LDTT"))
        dialog.pledge_date.set_value(date(2024, 9, 25))
        type_text(qtbot, dialog.content, "Hoàn thành tốt nhiệm vụ; vận động hộ dân tham gia phong trào")
        click(qtbot, dialog.add_target_button)
        type_cell(qtbot, dialog, 0, TargetsModel.CONTENT, "Vận động hộ dân đóng góp quỹ")
        assert dialog.isVisible() and len(list_pledges(demo_db, 1)) == 20  # Enter in the grid does not save
        type_cell(qtbot, dialog, 0, TargetsModel.VALUE, "1.250,5")
        type_cell(qtbot, dialog, 0, TargetsModel.MEASURE, "nghìn đồng")
        set_deadline(qtbot, dialog, 0, date(2025, 5, 31))
        set_phase(qtbot, dialog, 0, 1)
        click(qtbot, dialog.add_target_button)
        type_cell(qtbot, dialog, 1, TargetsModel.CONTENT, "Tham gia sinh hoạt chi bộ đầy đủ")
        type_cell(qtbot, dialog, 1, TargetsModel.VALUE, "100")
        type_cell(qtbot, dialog, 1, TargetsModel.MEASURE, "%")
        click(qtbot, dialog.add_target_button)  # a blank row is dropped on save

    drive_and_save(monkeypatch, qtbot, PledgeDialog, add)
    click(qtbot, tab.table.add_button)

    [saved] = pledge_of(demo_db, "Nguyễn Văn Ân")
    assert saved.subject_type == "person" and saved.title_code == "LDTT"
    assert saved.pledge_date == date(2024, 9, 25)
    assert saved.content.startswith("Hoàn thành tốt nhiệm vụ")
    assert [(t.content, t.target_value, t.unit_of_measure) for t in saved.targets] == [
        ("Vận động hộ dân đóng góp quỹ", 1250.5, "nghìn đồng"),
        ("Tham gia sinh hoạt chi bộ đầy đủ", 100.0, "%"),
    ]
    assert saved.targets[0].deadline == date(2025, 5, 31)
    assert saved.targets[0].phase_number == 1 and saved.targets[1].phase_id is None
    assert tab.table.model.rowCount() == before + 1
    assert tab.table.current().id == saved.id
    assert tab.targets_model.rowCount() == 2

    def edit(dialog: PledgeDialog) -> None:
        assert dialog.subject.value() == saved.subject_id
        dialog.title_combo.setCurrentIndex(dialog.title_combo.findData("CSTDCS"))
        type_cell(qtbot, dialog, 1, TargetsModel.VALUE, "95")
        dialog.targets_view.selectRow(0)
        click(qtbot, dialog.remove_target_button)
        click(qtbot, dialog.add_target_button)
        type_cell(qtbot, dialog, 1, TargetsModel.CONTENT, "Có sáng kiến được công nhận")
        type_cell(qtbot, dialog, 1, TargetsModel.VALUE, "1")
        type_cell(qtbot, dialog, 1, TargetsModel.MEASURE, "sáng kiến")

    drive_and_save(monkeypatch, qtbot, PledgeDialog, edit)
    click(qtbot, tab.table.edit_button)

    edited = get_pledge(demo_db, saved.id)
    assert edited.title_code == "CSTDCS" and edited.title_name == "Chiến sĩ thi đua cơ sở"
    assert [(t.content, t.target_value) for t in edited.targets] == [
        ("Tham gia sinh hoạt chi bộ đầy đủ", 95.0),
        ("Có sáng kiến được công nhận", 1.0),
    ]
    assert edited.targets[0].id == saved.targets[1].id  # the kept target keeps its id

    qtbot.keyClicks(tab.table.search, "nguyen van an chien si")
    assert [p.id for p in tab.table.visible_records()] == [saved.id]
    assert "Hiển thị 1 trong 21" in tab.table.count_label.text()
    tab.table.view.selectRow(0)

    asked: list[str] = []
    monkeypatch.setattr(messages, "confirm_delete", lambda parent, what: asked.append(what) or True)
    click(qtbot, tab.table.delete_button)
    assert asked == ["đăng ký thi đua của «Nguyễn Văn Ân»"]
    with pytest.raises(NotFoundError):
        get_pledge(demo_db, saved.id)
    assert tab.table.visible_records() == []
    tab.table.search.clear()
    assert tab.table.model.rowCount() == before


def test_deleting_a_pledge_with_evidence_is_refused_with_the_reason(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, tab: PledgesTab, demo_db: Database
) -> None:
    [ubnd] = pledge_of(demo_db, UBND)
    assert tab.table.select_id(ubnd.id)
    errors: list[UserError] = []
    monkeypatch.setattr(messages, "confirm_delete", lambda *a: True)
    monkeypatch.setattr(messages, "show_user_error", lambda parent, exc: errors.append(exc))
    click(qtbot, tab.table.delete_button)
    assert len(errors) == 1 and "minh chứng" in errors[0].message
    assert get_pledge(demo_db, ubnd.id).target_count == 6


def test_cancelled_delete_keeps_the_pledge(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, tab: PledgesTab, demo_db: Database
) -> None:
    pledge = pledge_of(demo_db, "Võ Minh Tuấn")[0]
    tab.table.select_id(pledge.id)
    monkeypatch.setattr(messages, "confirm_delete", lambda *a: False)
    click(qtbot, tab.table.delete_button)
    assert get_pledge(demo_db, pledge.id).id == pledge.id


def test_validation_errors_are_shown_in_the_dialog_and_nothing_is_saved(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, tab: PledgesTab, demo_db: Database
) -> None:
    def add(dialog: PledgeDialog) -> None:
        click(qtbot, dialog.add_target_button)
        type_cell(qtbot, dialog, 0, TargetsModel.CONTENT, "Chỉ tiêu có nội dung")
        dialog.subject.set_value(None)

    seen = drive_and_save(monkeypatch, qtbot, PledgeDialog, add)
    click(qtbot, tab.table.add_button)
    dialog = seen[0]
    assert dialog.error_label.isVisible()
    assert dialog.error_label.text() == "Chưa chọn đối tượng (tập thể, cá nhân hoặc hộ gia đình)."

    choose_subject(qtbot, dialog, "unit", "hoi cuu chien binh")
    click(qtbot, dialog.add_target_button)
    type_cell(qtbot, dialog, 1, TargetsModel.VALUE, "5")
    assert dialog.result() == 0 and len(list_pledges(demo_db, 1)) == 20  # Enter in a cell did not save
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Save))
    assert dialog.error_label.text() == "Chỉ tiêu thứ 2: chưa nhập nội dung."
    assert dialog.result() == 0
    assert len(list_pledges(demo_db, 1)) == 20


def test_removing_a_target_that_has_evidence_is_refused_in_the_dialog(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, tab: PledgesTab, demo_db: Database
) -> None:
    [ubnd] = pledge_of(demo_db, UBND)
    tab.table.select_id(ubnd.id)

    def edit(dialog: PledgeDialog) -> None:
        dialog.targets_view.selectRow(0)
        click(qtbot, dialog.remove_target_button)

    seen = drive_and_save(monkeypatch, qtbot, PledgeDialog, edit)
    click(qtbot, tab.table.edit_button)
    assert "Không thể xóa chỉ tiêu" in seen[0].error_label.text()
    assert get_pledge(demo_db, ubnd.id).target_count == 6


def test_targets_of_the_selected_pledge_show_progress(tab: PledgesTab, demo_db: Database) -> None:
    [ubnd] = pledge_of(demo_db, UBND)
    tab.table.select_id(ubnd.id)
    model = tab.targets_model
    assert model.rowCount() == 6
    rows = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(2)]
    assert rows[0][2:] == ["90%", "31/12/2024", "Giai đoạn 1", "92,5%", "102,8%", "✓ Đạt"]
    assert rows[1][5:] == ["", "", "—"]
    assert (
        tab.table.model.index(tab.table.proxy.mapToSource(tab.table.view.currentIndex()).row(), 6).data()
        == "3/6"
    )
    assert "6 chỉ tiêu: 3 đã đạt" in tab.targets_summary.text()


def test_titles_offered_follow_the_catalogue_for_the_subject_type(tab: PledgesTab) -> None:
    dialog = PledgeDialog(tab.context, None, tab)

    def codes() -> list[str]:
        return [dialog.title_combo.itemData(i) for i in range(dialog.title_combo.count())]

    dialog.subject_type.setCurrentIndex(dialog.subject_type.findData("household"))
    assert codes() == ["", "GD_VAN_HOA"]
    dialog.subject_type.setCurrentIndex(dialog.subject_type.findData("person"))
    assert codes() == ["", "LDTT", "CSTDCS", "CSTD_TINH", "XL_HTXSNV", "XL_HTTNV"]
    dialog.subject_type.setCurrentIndex(dialog.subject_type.findData("unit"))
    assert "TTLDTT" in codes() and "LDTT" not in codes() and "XL_HTXSNV_TB" in codes()
    dialog.deleteLater()


def test_campaign_change_reloads_and_no_campaign_disables_adding(tab: PledgesTab) -> None:
    tab.context.set_campaign(None)
    assert tab.table.model.rowCount() == 0 and not tab.table.add_button.isEnabled()
    tab.context.set_campaign(1)
    assert tab.table.model.rowCount() == 20 and tab.table.add_button.isEnabled()


def test_history_opens_for_the_selected_pledge(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, tab: PledgesTab, demo_db: Database
) -> None:
    opened: list[HistoryDialog] = []
    monkeypatch.setattr(HistoryDialog, "exec", lambda self: opened.append(self) or 0)
    [ubnd] = pledge_of(demo_db, UBND)
    tab.table.select_id(ubnd.id)
    click(qtbot, tab.table.history_button)
    assert opened and opened[0].windowTitle() == f"Lịch sử thay đổi — đăng ký thi đua của «{UBND}»"
    assert opened[0].tree.topLevelItemCount() >= 1


def test_targets_model_is_a_consistent_item_model(qtbot: Any, tab: PledgesTab) -> None:
    phases = PledgeDialog(tab.context, None, tab).phases
    model = TargetsModel(phases)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.set_targets([TargetRecord(id=7, content="Có", target_value=3.0, phase_id=phases[0].id)])
    assert model.insertRows(1, 2)
    assert model.setData(model.index(1, TargetsModel.CONTENT), "Nội dung")
    assert model.setData(model.index(1, TargetsModel.VALUE), "2,5")
    assert not model.setData(model.index(1, TargetsModel.VALUE), "hai")
    assert model.setData(model.index(1, TargetsModel.DEADLINE), "31/05/2025")
    assert model.setData(model.index(1, TargetsModel.PHASE), phases[1].id)
    assert model.index(1, TargetsModel.VALUE).data() == "2,5"
    assert model.index(1, TargetsModel.DEADLINE).data() == "31/05/2025"
    assert model.index(1, TargetsModel.PHASE).data() == "Giai đoạn 2"
    assert model.move_row(1, -1)
    assert not model.move_row(0, -1)
    assert model.removeRows(2, 1)
    assert not model.removeRows(5, 1)
    assert not model.insertRows(0, 1, model.index(0, 0))
    assert [(t.id, t.content, t.target_value) for t in model.targets()] == [
        (None, "Nội dung", 2.5),
        (7, "Có", 3.0),
    ]
    assert model.rowCount(model.index(0, 0)) == 0 and model.flags(QModelIndex()) == Qt.ItemFlag.NoItemFlags


def test_a_hidden_tab_reloads_only_when_shown(qtbot: Any, demo_db: Database) -> None:
    ctx = AppContext(demo_db)
    ctx.set_campaign(1)
    hidden = TAB(ctx)
    qtbot.addWidget(hidden)
    assert hidden.table.model.rowCount() == 20
    save_pledge(
        demo_db, PledgeRecord(campaign_id=1, subject_type="household", subject_id=1, title_code="GD_VAN_HOA")
    )
    ctx.notify_changed("pledges")
    assert hidden.table.model.rowCount() == 20
    hidden.show()
    qtbot.waitExposed(hidden)
    assert hidden.table.model.rowCount() == 21
    assert "Hộ Phan Văn Bảy" in [p.subject_name for p in hidden.table.visible_records()]


def test_enter_in_the_targets_grid_edits_a_cell_and_never_saves_the_dialog(
    qtbot: Any, tab: PledgesTab, demo_db: Database
) -> None:
    dialog = PledgeDialog(tab.context, None, tab)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    choose_subject(qtbot, dialog, "unit", "hoi cuu chien binh")
    click(qtbot, dialog.add_target_button)
    type_cell(qtbot, dialog, 0, TargetsModel.CONTENT, "Kết nạp hội viên mới")
    view = dialog.targets_view
    view.setCurrentIndex(dialog.targets_model.index(0, TargetsModel.VALUE))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert view.state() == view.State.EditingState and open_editors(dialog)
    assert dialog.isVisible() and dialog.result() == 0
    assert len(list_pledges(demo_db, 1)) == 20

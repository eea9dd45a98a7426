"""Tab «Đề nghị khen thưởng»: add, edit, filter, delete, walk the workflow and lock sent proposals."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from dialog_driving import drive_and_save
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QWidget
from sqlalchemy import select
from ui_typing import refuse_modal_dialogs, type_text

from thidua_desktop.core.enums import PROPOSAL_TRANSITIONS, ProposalStatus
from thidua_desktop.core.errors import NotFoundError, ValidationError
from thidua_desktop.core.models import PriorAward
from thidua_desktop.core.services.catalogue import award_form_by_code
from thidua_desktop.core.services.proposals import (
    ProposalRecord,
    get_proposal,
    list_proposals,
    save_proposal,
)
from thidua_desktop.core.storage.database import Database
from thidua_desktop.ui.context import AppContext
from thidua_desktop.ui.dialogs import evidence_dialog
from thidua_desktop.ui.dialogs.proposal_dialog import ProposalDialog, StatusDialog
from thidua_desktop.ui.tabs.proposals import LOCKED_REASON, TAB, ProposalsTab
from thidua_desktop.ui.widgets import messages
from thidua_desktop.ui.widgets.history_dialog import HistoryDialog

BCHQS = "Ban Chỉ huy Quân sự phường"


@pytest.fixture(autouse=True)
def no_unexpected_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    refuse_modal_dialogs(monkeypatch)


@pytest.fixture
def settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> QSettings:
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    monkeypatch.setattr(evidence_dialog, "app_settings", lambda: store)
    return store


@pytest.fixture
def tab(qtbot: Any, demo_db: Database, settings: QSettings) -> ProposalsTab:
    ctx = AppContext(demo_db)
    ctx.set_campaign(1)
    widget = TAB(ctx)
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def click(qtbot: Any, button: QWidget) -> None:
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def save_button(dialog: Any) -> QWidget:
    return dialog.buttons.button(dialog.buttons.StandardButton.Save)


def choose_subject(qtbot: Any, dialog: ProposalDialog, subject_type: str, typed: str) -> None:
    dialog.subject_type.setCurrentIndex(dialog.subject_type.findData(subject_type))
    line = dialog.subject.lineEdit()
    line.clear()
    type_text(qtbot, line, typed)
    assert len(dialog.subject.matches()) == 1
    line.editingFinished.emit()


def choose_form(dialog: ProposalDialog, code: str) -> None:
    index = dialog.award_form.findData(award_form_by_code(dialog.db, code).id)
    assert index > 0, code
    dialog.award_form.setCurrentIndex(index)


def proposal_for(db: Database, subject_name: str) -> ProposalRecord:
    [found] = [p for p in list_proposals(db, 1) if p.subject_name == subject_name]
    return found


def cell(tab: ProposalsTab, column: int) -> str:
    index = tab.table.proxy.mapToSource(tab.table.view.currentIndex())
    return str(tab.table.model.index(index.row(), column).data())


def test_add_edit_filter_delete_a_proposal(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, tab: ProposalsTab, demo_db: Database
) -> None:
    assert tab.table.model.rowCount() == len(list_proposals(demo_db, 1)) == 4

    def add(dialog: ProposalDialog) -> None:
        choose_subject(qtbot, dialog, "person", "nguyen van an")
        dialog.phase.setCurrentIndex(2)
        choose_form(dialog, "GK_CT_UBND_PHUONG")
        assert dialog.authority.text() == "Chủ tịch Ủy ban nhân dân phường Nguyễn Nghiêm"
        assert not dialog.warning.isVisible()
        dialog.kind.setCurrentIndex(dialog.kind.findData("sudden"))
        type_text(qtbot, dialog.summary, "Dũng cảm cứu người trong đợt mưa lũ")

    drive_and_save(monkeypatch, qtbot, ProposalDialog, add)
    click(qtbot, tab.table.add_button)

    added = proposal_for(demo_db, "Nguyễn Văn Ân")
    assert (added.award_code, added.authority, added.status) == (
        "GK_CT_UBND_PHUONG",
        "ward_chairman",
        "draft",
    )
    assert (added.phase_number, added.commendation_kind) == (2, "sudden")
    assert added.achievement_summary == "Dũng cảm cứu người trong đợt mưa lũ"
    [created] = added.history
    assert (created.to_status, created.changed_on, created.changed_by) == (
        "draft",
        date.today(),
        "Ban Tổ chức Đảng ủy",
    )
    assert tab.table.current().id == added.id
    assert cell(tab, 3) == "Chủ tịch Ủy ban nhân dân phường Nguyễn Nghiêm"
    assert cell(tab, 1) == "Chi bộ Tổ dân phố 1"

    def edit(dialog: ProposalDialog) -> None:
        assert dialog.subject.value() == added.subject_id
        choose_form(dialog, "LDTT")
        dialog.summary.clear()
        type_text(qtbot, dialog.summary, "Hoàn thành tốt nhiệm vụ năm 2025")

    drive_and_save(monkeypatch, qtbot, ProposalDialog, edit)
    click(qtbot, tab.table.edit_button)
    edited = get_proposal(demo_db, added.id)
    assert (edited.award_name, edited.achievement_summary) == (
        "Lao động tiên tiến",
        "Hoàn thành tốt nhiệm vụ năm 2025",
    )

    tab.status_filter.setCurrentIndex(tab.status_filter.findData("sent"))
    assert [p.subject_name for p in tab.table.visible_records()] == [
        "Phạm Thị Thu Hà"
    ]  # sent to the district
    tab.status_filter.setCurrentIndex(tab.status_filter.findData("draft"))
    qtbot.keyClicks(tab.table.search, "nguyen van an lao dong")
    assert [p.id for p in tab.table.visible_records()] == [added.id]
    tab.table.view.selectRow(0)

    monkeypatch.setattr(messages, "confirm_delete", lambda *a: True)
    click(qtbot, tab.table.delete_button)
    with pytest.raises(NotFoundError):
        get_proposal(demo_db, added.id)
    tab.table.search.clear()
    tab.status_filter.setCurrentIndex(0)
    assert tab.table.model.rowCount() == 4


def test_forms_offered_follow_the_subject_type(tab: ProposalsTab, demo_db: Database) -> None:
    dialog = ProposalDialog(tab.context, None, tab)

    def codes() -> set[str]:
        by_id = {
            award_form_by_code(demo_db, c).id: c
            for c in ("GD_VAN_HOA", "GK_CT_UBND_PHUONG", "CSTDCS", "TTLDTT")
        }
        return {
            by_id[dialog.award_form.itemData(i)]
            for i in range(1, dialog.award_form.count())
            if dialog.award_form.itemData(i) in by_id
        }

    dialog.subject_type.setCurrentIndex(dialog.subject_type.findData("household"))
    assert codes() == {"GD_VAN_HOA", "GK_CT_UBND_PHUONG"}
    dialog.subject_type.setCurrentIndex(dialog.subject_type.findData("unit"))
    assert codes() == {"GK_CT_UBND_PHUONG", "TTLDTT"}
    dialog.subject_type.setCurrentIndex(dialog.subject_type.findData("person"))
    assert codes() == {"GK_CT_UBND_PHUONG", "CSTDCS"}
    dialog.deleteLater()


def test_a_party_award_for_a_non_member_is_warned_about(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, tab: ProposalsTab, demo_db: Database
) -> None:
    answers = [False, True]
    asked: list[str] = []
    monkeypatch.setattr(messages, "confirm", lambda parent, title, text: asked.append(text) or answers.pop(0))

    def add(dialog: ProposalDialog) -> None:
        choose_subject(qtbot, dialog, "person", "huynh thi my le")
        choose_form(dialog, "GK_DANG_UY")
        assert dialog.warning.isVisible()
        assert "Huỳnh Thị Mỹ Lệ không phải là đảng viên" in dialog.warning.text()
        qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)  # answered «Không»: nothing saved
        assert dialog.result() == 0 and len(list_proposals(demo_db, 1)) == 4

    drive_and_save(monkeypatch, qtbot, ProposalDialog, add)
    click(qtbot, tab.table.add_button)
    assert len(asked) == 2 and "hình thức khen thưởng của Đảng" in asked[0]
    assert proposal_for(demo_db, "Huỳnh Thị Mỹ Lệ").award_code == "GK_DANG_UY"

    def party_member(dialog: ProposalDialog) -> None:
        choose_subject(qtbot, dialog, "person", "pham van duc")
        choose_form(dialog, "GK_DANG_UY")
        assert not dialog.warning.isVisible()

    drive_and_save(monkeypatch, qtbot, ProposalDialog, party_member)
    click(qtbot, tab.table.add_button)
    assert len(asked) == 2  # no question for a Party member
    assert proposal_for(demo_db, "Phạm Văn Đức").status == "draft"


def test_the_workflow_from_draft_to_decision_and_the_lock(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, tab: ProposalsTab, demo_db: Database, settings: QSettings
) -> None:
    failed = proposal_for(demo_db, BCHQS)  # the demo's council turned it down (4/9 votes)
    assert failed.status == "rejected"
    proposal = save_proposal(
        demo_db, dataclasses.replace(failed, id=None, batch_id=None, status="draft", votes_for=None)
    )
    tab.context.data_changed.emit("proposals")
    tab.table.select_id(proposal.id)
    offered: list[list[str]] = []

    def move(
        to: str, note: str = "", on: date | None = None, decision: tuple[str, date, str] | None = None
    ) -> None:
        def steps(dialog: StatusDialog) -> None:
            offered.append([dialog.status.itemData(i) for i in range(dialog.status.count())])
            dialog.status.setCurrentIndex(dialog.status.findData(to))
            assert dialog.decision_number.isVisible() == (to == "decided")
            if on:
                dialog.on_date.set_value(on)
            dialog.actor.clear()
            type_text(qtbot, dialog.actor, "Văn phòng Đảng ủy")
            type_text(qtbot, dialog.note, note)
            if decision:
                number, when, signer = decision
                qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
                assert dialog.error_label.text() == "Phải nhập số và ngày của quyết định khen thưởng."
                type_text(qtbot, dialog.decision_number, number)
                dialog.decision_date.set_value(when)
                type_text(qtbot, dialog.decision_signer, signer)

        drive_and_save(monkeypatch, qtbot, StatusDialog, steps)
        click(qtbot, tab.status_button)
        assert tab.table.current().id == proposal.id and tab.table.current().status == to

    move("submitted", "Tờ trình số 12-TTr/ĐU", date(2025, 5, 26))
    move("approved", "Ban Thường vụ họp ngày 27/5/2025", date(2025, 5, 27))
    assert tab.table.edit_button.isEnabled()
    move("sent", "", date(2025, 5, 30))

    # A sent proposal is locked: no edit, no delete, and the service refuses too.
    assert not tab.table.edit_button.isEnabled() and tab.table.edit_button.toolTip() == LOCKED_REASON
    assert not tab.table.delete_button.isEnabled()
    infos: list[str] = []
    monkeypatch.setattr(messages, "show_info", lambda parent, text, title="": infos.append(text))
    monkeypatch.setattr(ProposalDialog, "exec", lambda self: pytest.fail("a locked proposal must not open"))
    tab.table.view.doubleClicked.emit(tab.table.view.currentIndex())
    assert infos == [LOCKED_REASON]
    with pytest.raises(ValidationError, match="không sửa được nội dung"):
        save_proposal(demo_db, get_proposal(demo_db, proposal.id))
    status_cell = tab.table.model.index(tab.table.proxy.mapToSource(tab.table.view.currentIndex()).row(), 5)
    assert status_cell.data(Qt.ItemDataRole.ToolTipRole) == LOCKED_REASON
    assert "Đã khóa" in tab.details.text()

    move("decided", "", date(2025, 6, 10), ("125/QĐ-UBND", date(2025, 6, 9), "Nguyễn Văn Chủ tịch"))
    assert offered == [
        [s.value for s in PROPOSAL_TRANSITIONS[ProposalStatus(status)]]
        for status in ("draft", "submitted", "approved", "sent")
    ]
    decided = get_proposal(demo_db, proposal.id)
    assert (decided.decision_number, decided.decision_date, decided.decision_signer) == (
        "125/QĐ-UBND",
        date(2025, 6, 9),
        "Nguyễn Văn Chủ tịch",
    )
    assert [
        (h.from_status, h.to_status, h.changed_on, h.changed_by, h.note) for h in decided.history[1:]
    ] == [
        ("draft", "submitted", date(2025, 5, 26), "Văn phòng Đảng ủy", "Tờ trình số 12-TTr/ĐU"),
        ("submitted", "approved", date(2025, 5, 27), "Văn phòng Đảng ủy", "Ban Thường vụ họp ngày 27/5/2025"),
        ("approved", "sent", date(2025, 5, 30), "Văn phòng Đảng ủy", ""),
        (
            "sent",
            "decided",
            date(2025, 6, 10),
            "Văn phòng Đảng ủy",
            "Quyết định số 125/QĐ-UBND ngày 09/06/2025",
        ),
    ]
    # one decision path (issue 10 point 12): deciding here writes the award back, as the batch tab does
    with demo_db.session() as session:
        award = session.scalars(select(PriorAward).where(PriorAward.proposal_id == proposal.id)).one()
        assert (award.decision_number, award.decision_date) == ("125/QĐ-UBND", date(2025, 6, 9))
    assert settings.value("proposals/last_actor") == "Văn phòng Đảng ủy"
    assert not tab.status_button.isEnabled()
    assert tab.history_model.rowCount() == 5
    assert [tab.history_model.index(0, c).data() for c in range(3)] == [
        "10/06/2025",
        "Đã gửi cấp trên",
        "Đã có quyết định",
    ]
    assert cell(tab, 6) == "125/QĐ-UBND" and cell(tab, 7) == "09/06/2025"
    assert "Quyết định số 125/QĐ-UBND ngày 09/06/2025" in tab.details.text()


def test_campaign_change_and_history(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, tab: ProposalsTab, demo_db: Database
) -> None:
    opened: list[HistoryDialog] = []
    monkeypatch.setattr(HistoryDialog, "exec", lambda self: opened.append(self) or 0)
    tab.table.select_id(proposal_for(demo_db, BCHQS).id)
    click(qtbot, tab.table.history_button)
    assert opened[0].windowTitle() == (
        f"Lịch sử thay đổi — đề nghị «Giấy khen của Chủ tịch UBND phường» cho {BCHQS}"
    )
    tab.context.set_campaign(None)
    assert tab.table.model.rowCount() == 0 and not tab.status_button.isEnabled()
    tab.context.set_campaign(1)
    assert tab.table.model.rowCount() == 4

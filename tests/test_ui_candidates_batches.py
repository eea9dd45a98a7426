"""Tabs «Đề xuất khen thưởng», «Đợt trình khen thưởng» and «Huy hiệu Đảng»: a batch walked from the candidates to
the decisions through the widgets (clicks and typing), then the database checked."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from dialog_driving import drive_and_save
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSpinBox, QWidget
from sqlalchemy import select
from ui_typing import refuse_modal_dialogs, type_text

from thidua_desktop.core.models import AwardProposal, PriorAward, ProposalBatch
from thidua_desktop.core.rules.money import reward
from thidua_desktop.core.services import batches
from thidua_desktop.core.storage.database import Database
from thidua_desktop.core.text import format_number
from thidua_desktop.ui.context import AppContext
from thidua_desktop.ui.dialogs.batch_dialogs import (
    AddToBatchDialog,
    DecisionDialog,
    ParamsDialog,
    StepDialog,
    VoteDialog,
)
from thidua_desktop.ui.table_model import RecordRole
from thidua_desktop.ui.tabs import badges as badges_module
from thidua_desktop.ui.tabs import batches as batches_module
from thidua_desktop.ui.tabs import candidates as candidates_module
from thidua_desktop.ui.widgets import messages


@pytest.fixture(autouse=True)
def no_unexpected_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    refuse_modal_dialogs(monkeypatch)


@pytest.fixture
def context(demo_db: Database) -> AppContext:
    ctx = AppContext(demo_db)
    ctx.set_campaign(1)
    return ctx


def show(qtbot: Any, widget: QWidget) -> None:
    qtbot.addWidget(widget)
    widget.resize(1366, 720)
    widget.show()
    qtbot.waitExposed(widget)


def click(qtbot: Any, button: QWidget) -> None:
    assert button.isEnabled(), button.toolTip()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def retype(qtbot: Any, widget: Any, text: str) -> None:
    if isinstance(widget, QSpinBox):
        widget.lineEdit().selectAll()
        qtbot.keyClicks(widget.lineEdit(), text)
        widget.interpretText()
        return
    widget.clear()
    type_text(qtbot, widget, text)


def select_row(qtbot: Any, table: Any, match: Callable[[Any], bool]) -> Any:
    for row in range(table.proxy.rowCount()):
        record = table.proxy.index(row, 0).data(RecordRole)
        if match(record):
            table.view.scrollTo(table.proxy.index(row, 0))
            rect = table.view.visualRect(table.proxy.index(row, 0))
            qtbot.mouseClick(table.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            assert table.current() is record or table.current() == record
            return record
    raise AssertionError("no such row")


def wait_loaded(qtbot: Any, tab: Any) -> None:
    qtbot.waitUntil(lambda: tab.loaded and tab.task is None, timeout=15000)


def test_walk_a_batch_from_candidates_to_decision(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, context: AppContext, demo_db: Database
) -> None:
    candidates = candidates_module.TAB(context)
    show(qtbot, candidates)
    wait_loaded(qtbot, candidates)
    candidates.phase.setCurrentIndex(candidates.phase.findText("Giai đoạn 1", Qt.MatchFlag.MatchStartsWith))
    wait_loaded(qtbot, candidates)
    assert "xét ngày 28/05/2025, thành tích năm 2024" in candidates.review_label.text()

    # a collective that qualifies, found by typing without diacritics
    type_text(qtbot, candidates.table.search, "uy ban nhan dan theo dot")
    ubnd = select_row(
        qtbot,
        candidates.table,
        lambda r: r.ruleset_code == "GK_CT_UBND_PHUONG.DOT" and r.subject_name.startswith("Ủy ban nhân dân"),
    )
    assert ubnd.result == "pass" and "3/3 chỉ tiêu" in candidates.details.toPlainText()
    assert not candidates.override_button.isEnabled()

    def new_batch(dialog: AddToBatchDialog) -> None:
        assert dialog.batch.currentData() == "__new__"
        type_text(qtbot, dialog.new_name, "Đợt trình sơ kết giai đoạn 1")

    drive_and_save(monkeypatch, qtbot, AddToBatchDialog, new_batch, reject_unsaved=True)
    click(qtbot, candidates.propose_button)
    wait_loaded(qtbot, candidates)

    # someone who does not qualify: only with a written reason
    candidates.table.search.clear()
    type_text(qtbot, candidates.table.search, "ha van nam lao dong tien tien")
    nam = select_row(
        qtbot, candidates.table, lambda r: r.ruleset_code == "LDTT" and r.subject_name == "Hà Văn Nam"
    )
    assert nam.result == "fail" and not candidates.propose_button.isEnabled()
    assert "kỷ luật khiển trách" in candidates.details.toPlainText()
    attempts: list[str] = []

    def override(dialog: AddToBatchDialog) -> None:
        save = dialog.buttons.button(dialog.buttons.StandardButton.Save)
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        attempts.append(dialog.error_label.text())
        assert dialog.batch.currentText().startswith("Đợt trình sơ kết giai đoạn 1")
        type_text(qtbot, dialog.reason, "Đã khắc phục sai sót, Hội đồng đề nghị xem xét")

    drive_and_save(monkeypatch, qtbot, AddToBatchDialog, override, reject_unsaved=True)
    click(qtbot, candidates.override_button)
    assert attempts == ["Phải ghi lý do đề xuất ngoài tiêu chuẩn."]
    wait_loaded(qtbot, candidates)

    with demo_db.session() as session:
        batch = session.scalars(
            select(ProposalBatch).where(ProposalBatch.name == "Đợt trình sơ kết giai đoạn 1")
        ).one()
        rows = {p.override_reason: p for p in batch.proposals}
        assert batch.name == "Đợt trình sơ kết giai đoạn 1" and len(batch.proposals) == 2
        assert "Đã khắc phục sai sót, Hội đồng đề nghị xem xét" in rows
        batch_id = batch.id

    # the batch: vote, approval, sending, decision
    tab = batches_module.TAB(context)
    show(qtbot, tab)
    assert tab.table.current() is not None and tab.table.current().id == batch_id
    # undecided items are estimated on today's base salary, rounded up (NĐ 152/2025 Điều 49 khoản 2)
    detail = batches.get_batch(demo_db, batch_id)
    expected = sum(reward(i.form_code, i.subject_type, date.today()).amount or 0 for i in detail.items)
    assert detail.batch.total_money == expected > 0
    assert tab.money_label.text().endswith(f"{format_number(expected)} đ</b>")

    def vote(dialog: VoteDialog) -> None:
        retype(qtbot, dialog.members, "9")
        retype(qtbot, dialog.present, "7")
        for item in dialog.detail.items:
            retype(qtbot, dialog.votes[item.id], "8" if item.form_code == "GK_CT_UBND_PHUONG" else "3")

    drive_and_save(monkeypatch, qtbot, VoteDialog, vote, reject_unsaved=True)
    click(qtbot, tab.vote_button)
    statuses = {i.subject_name: i.status for i in tab.items.model.rows()}
    assert statuses == {"Ủy ban nhân dân phường Nguyễn Nghiêm": "submitted", "Hà Văn Nam": "rejected"}

    drive_and_save(
        monkeypatch, qtbot, StepDialog, lambda d: d.when.set_value(date(2025, 6, 2)), reject_unsaved=True
    )
    click(qtbot, tab.approve_button)

    def send(dialog: StepDialog) -> None:
        dialog.when.set_value(date(2025, 6, 3))
        type_text(qtbot, dialog.number, "45-TTr/ĐU")

    drive_and_save(monkeypatch, qtbot, StepDialog, send, reject_unsaved=True)
    click(qtbot, tab.send_button)
    assert not tab.vote_button.isEnabled() and not tab.table.edit_button.isEnabled()
    assert "bị khóa" in tab.status_label.text()

    select_row(qtbot, tab.items, lambda r: r.subject_name.startswith("Ủy ban"))

    def decide(dialog: DecisionDialog) -> None:
        type_text(qtbot, dialog.number, "812/QĐ-UBND")
        dialog.when.set_value(date(2025, 6, 20))
        retype(qtbot, dialog.signer, "Lê Quang Vinh")

    drive_and_save(monkeypatch, qtbot, DecisionDialog, decide, reject_unsaved=True)
    click(qtbot, tab.decide_button)

    with demo_db.session() as session:
        batch = session.get(ProposalBatch, batch_id)
        assert batch is not None
        assert (batch.status, batch.document_number, batch.council_members, batch.members_present) == (
            "decided",
            "45-TTr/ĐU",
            9,
            7,
        )
        assert [h.to_status for h in batch.history] == ["draft", "voted", "approved", "sent", "decided"]
        award = session.scalars(select(PriorAward).where(PriorAward.decision_number == "812/QĐ-UBND")).one()
        assert (award.award_code, award.level, award.decision_date) == (
            "GK_CT_UBND_PHUONG",
            "Theo đợt thi đua",
            date(2025, 6, 20),
        )
        proposal = session.get(AwardProposal, award.proposal_id)
        assert proposal is not None and proposal.decision_signer == "Lê Quang Vinh"
    assert "Đã có quyết định" in tab.status_label.text()


def test_quota_breach_is_shown_before_submission(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, context: AppContext, demo_db: Database
) -> None:
    from thidua_desktop.core.rules.params import RuleParams, save_rule_params
    from thidua_desktop.core.services.eligibility import list_candidates

    save_rule_params(demo_db, RuleParams(htxsnv_cap_percent=5, htxsnv_cap_outstanding_percent=5))
    review, found = list_candidates(demo_db, 1, 1, ruleset_codes=["XL_HTXSNV"])
    record = batches.create_batch(demo_db, 1, review.phase_id, "party_committee", "Xếp loại HTXSNV năm 2024")
    assert record.id is not None
    for candidate in [c for c in found if c.result == "pass" and c.subject_type == "person"][:3]:
        batches.add_candidate(demo_db, record.id, "person", candidate.subject_id, "XL_HTXSNV")
    tab = batches_module.TAB(context)
    show(qtbot, tab)
    assert tab.quota_label.isVisible() and "Vượt tỷ lệ" in tab.quota_label.text()
    asked: list[str] = []
    monkeypatch.setattr(
        messages, "confirm", lambda _p, title, text: asked.append(f"{title}: {text}") or False
    )
    # a Party batch is decided by the committee, with no council ballot (issue 10 point 11)
    assert not tab.vote_button.isEnabled() and "không qua bỏ phiếu" in tab.vote_button.toolTip()
    assert tab.approve_button.text() == "Cấp ủy quyết định…"
    click(qtbot, tab.approve_button)
    assert asked and "Vượt tỷ lệ" in asked[0]
    assert batches.get_batch(demo_db, record.id).batch.status == "draft", "declining stops the submission"


def test_badges_tab_lists_milestones_and_proposes_them(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, context: AppContext, demo_db: Database
) -> None:
    tab = badges_module.BadgesTab(context, today=date(2025, 5, 1))
    show(qtbot, tab)
    wait_loaded(qtbot, tab)
    assert tab.occasion_date == date(2025, 5, 19)
    names = {r.full_name for r in tab.table.model.rows()}
    assert {"Huỳnh Văn Tám", "Lương Thị Cúc", "Phạm Văn Đức"} <= names
    tab.early.click()
    wait_loaded(qtbot, tab)
    assert "Nguyễn Văn Ân" in {r.full_name for r in tab.table.model.rows()}
    tam = select_row(qtbot, tab.table, lambda r: r.full_name == "Huỳnh Văn Tám")
    assert tam.party_age_text == "30 năm" and "gián đoạn 1 lần" in tab.details.toPlainText()

    def add_all(dialog: AddToBatchDialog) -> None:
        assert dialog.new_name.text() == "Huy hiệu Đảng đợt 19/05/2025"
        dialog.bulk.click()

    drive_and_save(monkeypatch, qtbot, AddToBatchDialog, add_all, reject_unsaved=True)
    click(qtbot, tab.propose_button)
    wait_loaded(qtbot, tab)
    with demo_db.session() as session:
        batch = session.scalars(
            select(ProposalBatch).where(ProposalBatch.authority == "superior_party_standing")
        ).one()
        levels = sorted((p.person_id is not None, p.award_level) for p in batch.proposals)
        assert batch.authority == "superior_party_standing"
        assert levels == [(True, "30 năm tuổi Đảng")] * 2 + [
            (True, "40 năm tuổi Đảng"),
            (True, "45 năm tuổi Đảng"),
        ]
    assert all(r.proposal_status for r in tab.table.model.rows() if r.eligible)


def test_rule_parameters_dialog_marks_unconfirmed_numbers(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, context: AppContext, demo_db: Database
) -> None:
    from thidua_desktop.core.rules.params import load_rule_params

    candidates = candidates_module.TAB(context)
    show(qtbot, candidates)
    wait_loaded(qtbot, candidates)

    def change(dialog: ParamsDialog) -> None:
        labels = [w.text() for w in dialog.findChildren(type(candidates.review_label))]
        assert any("Tỷ lệ thành viên đạt «Lao động tiên tiến»" in t and "chưa xác nhận" in t for t in labels)
        retype(qtbot, dialog.inputs["party_consecutive_years"], "4")

    drive_and_save(monkeypatch, qtbot, ParamsDialog, change, reject_unsaved=True)
    click(qtbot, candidates.params_button)
    assert load_rule_params(demo_db).party_consecutive_years == 4
    wait_loaded(qtbot, candidates)

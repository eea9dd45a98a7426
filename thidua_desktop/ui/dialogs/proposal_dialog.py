"""Adding or editing an award proposal (đề nghị khen thưởng), and moving it along its workflow."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from thidua_desktop.core.enums import (
    PROPOSAL_TRANSITIONS,
    CommendationKind,
    ProposalStatus,
    Side,
    SubjectType,
)
from thidua_desktop.core.errors import ValidationError
from thidua_desktop.core.services.campaigns import get_campaign
from thidua_desktop.core.services.catalogue import AwardFormRecord, list_award_forms
from thidua_desktop.core.services.proposals import ProposalRecord, change_status, save_proposal
from thidua_desktop.core.services.settings import load_settings
from thidua_desktop.core.settings_schema import OrganizationSettings
from thidua_desktop.ui.context import AppContext
from thidua_desktop.ui.dialogs import evidence_dialog
from thidua_desktop.ui.dialogs.fields import SubjectChoice, form_allows, subject_choices
from thidua_desktop.ui.widgets import messages
from thidua_desktop.ui.widgets.date_field import OptionalDateEdit
from thidua_desktop.ui.widgets.record_dialog import RecordDialog
from thidua_desktop.ui.widgets.search_combo import SearchComboBox

NO_PHASE = "— Không theo giai đoạn —"
ACTOR_KEY = "proposals/last_actor"
WARNING_STYLE = "color: #8a4b00; background: #fff4e0; border: 1px solid #f0c070; padding: 4px;"


def last_actor(default: str = "") -> str:
    return str(evidence_dialog.app_settings().value(ACTOR_KEY, "") or default)


def remember_actor(name: str) -> None:
    if name.strip():
        evidence_dialog.app_settings().setValue(ACTOR_KEY, name.strip())


def party_warning(form: AwardFormRecord | None, subject_type: str, subject: SubjectChoice | None) -> str:
    """Why a Party award does not fit the subject, or "" (Party commendations follow the Party: Điều lệ Đảng,
    Hướng dẫn 06-HD/TW; others follow the Law on Emulation and Commendation)."""
    if form is None or form.side != Side.PARTY or subject is None or subject.is_party:
        return ""
    if subject_type == SubjectType.UNIT:
        who = "không phải là tổ chức đảng"
    elif subject_type == SubjectType.PERSON:
        who = "không phải là đảng viên"
    else:
        who = "là hộ gia đình"
    name = subject.text.split(" — ")[0]
    return (
        f"«{form.name}» là hình thức khen thưởng của Đảng, chỉ dành cho tổ chức đảng và đảng viên; "
        f"{name} {who}."
    )


class ProposalDialog(RecordDialog):
    def __init__(
        self, context: AppContext, record: ProposalRecord | None = None, parent: QWidget | None = None
    ) -> None:
        title = "Sửa đề nghị khen thưởng" if record and record.id else "Thêm đề nghị khen thưởng"
        super().__init__(title, lambda r: save_proposal(context.db, r, by=self.actor), parent)
        self.context = context
        self.db = context.db
        self.actor = last_actor(load_settings(context.db).organization_board_name or context.db.user_name)
        self.record = record or ProposalRecord(campaign_id=context.campaign_id)
        self.settings: OrganizationSettings = load_settings(self.db)
        campaign_id = self.record.campaign_id
        self.phases = get_campaign(self.db, campaign_id).phases if campaign_id is not None else []
        self.forms = list_award_forms(self.db)
        self._subjects: dict[int, SubjectChoice] = {}
        self.resize(760, 0)

        self.subject_type = QComboBox(self)
        for value, label in SubjectType.choices():
            self.subject_type.addItem(label, value)
        self.subject = SearchComboBox(self, "Gõ tên để tìm (không dấu cũng được)…")
        self.phase = QComboBox(self)
        self.phase.addItem(NO_PHASE, None)
        for phase in self.phases:
            self.phase.addItem(phase.label, phase.id)
        self.award_form = QComboBox(self)
        self.award_form.setMaxVisibleItems(20)
        self.authority = QLabel(self)
        self.authority.setWordWrap(True)
        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(WARNING_STYLE)
        self.warning.hide()
        self.kind = QComboBox(self)
        for value, label in CommendationKind.choices():
            self.kind.addItem(label, value)
        self.summary = QPlainTextEdit(self)
        self.summary.setPlaceholderText("Tóm tắt thành tích đề nghị khen thưởng…")
        self.summary.setMinimumHeight(110)
        self.summary.setTabChangesFocus(True)

        self.form.addRow("Loại đối tượng:", self.subject_type)
        self.form.addRow("Đối tượng:", self.subject)
        self.form.addRow("Giai đoạn:", self.phase)
        self.form.addRow("Hình thức khen thưởng:", self.award_form)
        self.form.addRow("Cấp khen:", self.authority)
        self.form.addRow("", self.warning)
        self.form.addRow("Loại khen thưởng:", self.kind)
        self.form.addRow("Tóm tắt thành tích:", self.summary)
        if self.record.id is not None:
            self.form.addRow("Trạng thái:", QLabel(self.record.status_label, self))
        self.fields.update(
            {
                "subject_type": self.subject_type,
                "subject_id": self.subject,
                "phase_id": self.phase,
                "award_form_id": self.award_form,
                "commendation_kind": self.kind,
                "achievement_summary": self.summary,
            }
        )
        self.subject_type.currentIndexChanged.connect(self._on_subject_type)
        self.subject.currentIndexChanged.connect(self._update_hints)
        self.award_form.currentIndexChanged.connect(self._update_hints)
        self._load(self.record)

    # --- filling ----------------------------------------------------------------------------------------------------
    def _load(self, record: ProposalRecord) -> None:
        self.subject_type.blockSignals(True)
        self.subject_type.setCurrentIndex(max(self.subject_type.findData(record.subject_type), 0))
        self.subject_type.blockSignals(False)
        self._fill_subjects(record.subject_id)
        self._fill_forms(record.award_form_id)
        self.phase.setCurrentIndex(max(self.phase.findData(record.phase_id), 0))
        self.kind.setCurrentIndex(max(self.kind.findData(record.commendation_kind), 0))
        self.summary.setPlainText(record.achievement_summary)
        self._update_hints()

    def _on_subject_type(self) -> None:
        self._fill_subjects(None)
        self._fill_forms(self.award_form.currentData())
        self._update_hints()

    def _fill_subjects(self, subject_id: int | None) -> None:
        choices = subject_choices(self.db, self.subject_type.currentData())
        self._subjects = {c.id: c for c in choices}
        self.subject.set_items([(c.text, c.id) for c in choices], subject_id)

    def _fill_forms(self, form_id: int | None) -> None:
        """Only the forms the catalogue allows for this kind of subject (plus the saved one, if no longer)."""
        subject_type = self.subject_type.currentData()
        self.award_form.blockSignals(True)
        self.award_form.clear()
        self.award_form.addItem("— Chọn hình thức —", None)
        for form in self.forms:
            allowed = form_allows(form, subject_type)
            if (allowed and form.is_active) or form.id == form_id:
                text = form.name if allowed else f"{form.name} (không áp dụng cho loại đối tượng này)"
                self.award_form.addItem(text, form.id)
                self.award_form.setItemData(
                    self.award_form.count() - 1,
                    f"{self.settings.authority_name(form.authority)}\n{form.legal_basis}".strip(),
                    Qt.ItemDataRole.ToolTipRole,
                )
        self.award_form.setCurrentIndex(max(self.award_form.findData(form_id), 0))
        self.award_form.blockSignals(False)

    def chosen_form(self) -> AwardFormRecord | None:
        form_id = self.award_form.currentData()
        return next((f for f in self.forms if f.id == form_id), None)

    def _update_hints(self, *_: Any) -> None:
        form = self.chosen_form()
        self.authority.setText(self.settings.authority_name(form.authority) if form else "—")
        subject = self._subjects.get(self.subject.currentData()) if self.subject.currentIndex() >= 0 else None
        warning = party_warning(form, self.subject_type.currentData(), subject)
        self.warning.setText(warning)
        if bool(warning) != self.warning.isVisibleTo(self):
            self.warning.setVisible(bool(warning))
            self.resize(self.width(), self.sizeHint().height())

    # --- saving -----------------------------------------------------------------------------------------------------
    def collect(self) -> ProposalRecord:
        return dataclasses.replace(
            self.record,
            subject_type=self.subject_type.currentData(),
            subject_id=self.subject.value(),
            phase_id=self.phase.currentData(),
            award_form_id=self.award_form.currentData(),
            commendation_kind=self.kind.currentData(),
            achievement_summary=self.summary.toPlainText(),
        )

    def try_accept(self) -> None:
        if self.warning.text() and not messages.confirm(
            self, "Hình thức khen thưởng của Đảng", self.warning.text() + "\n\nVẫn lưu đề nghị này?"
        ):
            return
        super().try_accept()


class StatusDialog(RecordDialog):
    """Move a proposal to one of the statuses its current one allows; a decision needs its number and date."""

    def __init__(self, context: AppContext, record: ProposalRecord, parent: QWidget | None = None) -> None:
        super().__init__(f"Chuyển trạng thái — {record.subject_name}", self._save_change, parent)
        self.db = context.db
        self.record = record
        self.resize(560, 0)
        current = ProposalStatus(record.status)
        self.form.addRow("Trạng thái hiện tại:", QLabel(f"<b>{current.label}</b>", self))
        self.status = QComboBox(self)
        for status in PROPOSAL_TRANSITIONS[current]:
            self.status.addItem(status.label, status.value)
        self.on_date = OptionalDateEdit(self)
        self.on_date.set_value(date.today())
        default_actor = load_settings(self.db).organization_board_name or self.db.user_name
        self.actor = QLineEdit(last_actor(default_actor), self)
        self.note = QPlainTextEdit(self)
        self.note.setFixedHeight(70)
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText("Ví dụ: Ban Thường vụ họp ngày …, Tờ trình số …")
        self.decision_number = QLineEdit(self)
        self.decision_number.setPlaceholderText("Ví dụ: 125/QĐ-UBND")
        self.decision_date = OptionalDateEdit(self)
        self.decision_signer = QLineEdit(self)
        self.decision_signer.setPlaceholderText("Họ tên, chức vụ người ký quyết định")
        self.form.addRow("Chuyển sang:", self.status)
        self.form.addRow("Ngày chuyển:", self.on_date)
        self.form.addRow("Người thực hiện:", self.actor)
        self.form.addRow("Ghi chú:", self.note)
        self.form.addRow("Số quyết định:", self.decision_number)
        self.form.addRow("Ngày quyết định:", self.decision_date)
        self.form.addRow("Người ký:", self.decision_signer)
        self.fields.update(
            {
                "status": self.status,
                "decision_number": self.decision_number,
                "decision_date": self.decision_date,
                "decision_signer": self.decision_signer,
            }
        )
        self.status.currentIndexChanged.connect(self._show_decision)
        self._show_decision()

    def _show_decision(self) -> None:
        deciding = self.status.currentData() == ProposalStatus.DECIDED
        for widget in (self.decision_number, self.decision_date, self.decision_signer):
            widget.setVisible(deciding)
            label = self.form.labelForField(widget)
            if label is not None:
                label.setVisible(deciding)
        if deciding and self.decision_date.value() is None:
            self.decision_date.set_value(self.on_date.value())
        self.adjustSize()

    def collect(self) -> dict[str, Any]:
        deciding = self.status.currentData() == ProposalStatus.DECIDED
        return {
            "to_status": self.status.currentData(),
            "by": self.actor.text().strip(),
            "note": self.note.toPlainText(),
            "on": self.on_date.value(),
            "decision_number": self.decision_number.text() if deciding else "",
            "decision_date": self.decision_date.value() if deciding else None,
            "decision_signer": self.decision_signer.text() if deciding else "",
        }

    def _save_change(self, values: dict[str, Any]) -> ProposalRecord:
        assert self.record.id is not None
        if values["to_status"] is None:
            raise ValidationError("Đề nghị đã có quyết định, không còn trạng thái nào để chuyển.", "status")
        saved = change_status(self.db, self.record.id, **values)
        remember_actor(values["by"])
        return saved

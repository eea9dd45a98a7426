"""Adding or editing a piece of evidence (minh chứng): which target it proves, the result, its document, status."""

from __future__ import annotations

import dataclasses
from datetime import date

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from thidua_desktop.core.enums import EvidenceStatus
from thidua_desktop.core.errors import ValidationError
from thidua_desktop.core.services.evidence import EvidenceRecord, save_evidence
from thidua_desktop.core.services.pledges import PledgeRecord, list_pledges
from thidua_desktop.core.text import format_date
from thidua_desktop.ui.context import AppContext
from thidua_desktop.ui.dialogs.fields import NumberEdit, amount
from thidua_desktop.ui.widgets.date_field import OptionalDateEdit
from thidua_desktop.ui.widgets.record_dialog import RecordDialog
from thidua_desktop.ui.widgets.search_combo import SearchComboBox

VERIFIER_KEY = "evidence/last_verifier"


def app_settings() -> QSettings:
    """Where the program remembers small choices (tests replace it with a temporary file)."""
    return QSettings()


def last_verifier() -> str:
    return str(app_settings().value(VERIFIER_KEY, "") or "")


def remember_verifier(name: str) -> None:
    if name.strip():
        app_settings().setValue(VERIFIER_KEY, name.strip())


def _target_key(target_id: int) -> str:
    return f"t:{target_id}"


def _pledge_key(pledge_id: int) -> str:
    return f"p:{pledge_id}"


class EvidenceDialog(RecordDialog):
    def __init__(
        self, context: AppContext, record: EvidenceRecord | None = None, parent: QWidget | None = None
    ):
        title = "Sửa minh chứng" if record and record.id else "Thêm minh chứng"
        super().__init__(title, lambda r: save_evidence(context.db, r), parent)
        self.context = context
        self.db = context.db
        self.record = record or EvidenceRecord(campaign_id=context.campaign_id, achieved_date=date.today())
        self.resize(760, 480)
        campaign_id = self.record.campaign_id or context.campaign_id
        self.pledges: list[PledgeRecord] = (
            list_pledges(self.db, campaign_id) if campaign_id is not None else []
        )
        self._choices: dict[str, tuple[PledgeRecord, int | None]] = {}

        self.target = SearchComboBox(self, "Gõ tên đối tượng hoặc nội dung chỉ tiêu (không dấu cũng được)…")
        self.target.setMinimumContentsLength(60)
        self.target_info = QLabel(self)
        self.target_info.setWordWrap(True)
        self.target_info.setStyleSheet("color: #555;")
        self.achieved = NumberEdit(self)
        self.achieved.setFixedWidth(190)
        self.measure = QLabel(self)
        achieved_row = QHBoxLayout()
        achieved_row.addWidget(self.achieved)
        achieved_row.addWidget(self.measure)
        achieved_row.addStretch(1)
        self.achieved_date = OptionalDateEdit(self)
        self.document_ref = QLineEdit(self)
        self.document_ref.setPlaceholderText("Ví dụ: Báo cáo số 215/BC-UBND ngày 31/12/2024")
        self.description = QPlainTextEdit(self)
        self.description.setFixedHeight(72)
        self.description.setTabChangesFocus(True)
        self.status = QComboBox(self)
        for value, label in EvidenceStatus.choices():
            self.status.addItem(label, value)
        self.verifier = QLineEdit(self)
        self.verifier.setPlaceholderText("Người hoặc bộ phận xác minh")

        self.form.addRow("Chỉ tiêu:", self.target)
        self.form.addRow("", self.target_info)
        self.form.addRow("Kết quả đạt được:", achieved_row)
        self.form.addRow("Ngày đạt được:", self.achieved_date)
        self.form.addRow("Văn bản, số hiệu:", self.document_ref)
        self.form.addRow("Mô tả:", self.description)
        self.form.addRow("Trạng thái xác minh:", self.status)
        self.form.addRow("Người xác minh:", self.verifier)
        self.fields.update(
            {
                "target_id": self.target,
                "achieved_value": self.achieved,
                "achieved_date": self.achieved_date,
                "document_ref": self.document_ref,
                "description": self.description,
                "status": self.status,
                "verifier": self.verifier,
            }
        )
        self.target.currentIndexChanged.connect(self._show_target)
        self.status.currentIndexChanged.connect(self._on_status)
        self._load(self.record)
        self.resize(self.width(), self.sizeHint().height())

    def _fill_targets(self, record: EvidenceRecord) -> None:
        """One item per target, "Đối tượng — nội dung chỉ tiêu", grouped by subject; a pledge without targets
        (or the evidence's own pledge when it proves no single target) is offered as a whole."""
        items: list[tuple[str, str]] = []
        for pledge in self.pledges:
            assert pledge.id is not None
            for target in pledge.targets:
                assert target.id is not None
                key = _target_key(target.id)
                self._choices[key] = (pledge, target.id)
                items.append((f"{pledge.subject_name} — {target.content}", key))
            if not pledge.targets or (record.target_id is None and record.pledge_id == pledge.id):
                key = _pledge_key(pledge.id)
                self._choices[key] = (pledge, None)
                title = pledge.title_name or "không đăng ký danh hiệu"
                items.append((f"{pledge.subject_name} — toàn bộ đăng ký ({title})", key))
        if record.target_id is not None:
            current: str | None = _target_key(record.target_id)
        elif record.pledge_id is not None:
            current = _pledge_key(record.pledge_id)
        else:
            current = None
        self.target.set_items(items, current)

    def _load(self, record: EvidenceRecord) -> None:
        self._fill_targets(record)
        self.achieved.set_value(record.achieved_value)
        self.achieved_date.set_value(record.achieved_date)
        self.document_ref.setText(record.document_ref)
        self.description.setPlainText(record.description)
        self.status.setCurrentIndex(max(self.status.findData(record.status), 0))
        self.verifier.setText(record.verifier)
        self._show_target()

    def _show_target(self) -> None:
        choice = self._choices.get(self.target.currentData() or "")
        if choice is None:
            self.measure.setText("")
            self.target_info.setText("Chọn chỉ tiêu mà minh chứng này chứng minh.")
            return
        pledge, target_id = choice
        target = next((t for t in pledge.targets if t.id == target_id), None)
        if target is None:
            self.measure.setText("")
            self.target_info.setText(f"Minh chứng cho cả đăng ký thi đua của {pledge.subject_name}.")
            return
        self.measure.setText(target.unit_of_measure)
        parts = [f"Chỉ tiêu: {amount(target.target_value, target.unit_of_measure) or 'không định lượng'}"]
        if target.deadline:
            parts.append(f"thời hạn {format_date(target.deadline)}")
        if target.phase_number:
            parts.append(f"giai đoạn {target.phase_number}")
        self.target_info.setText(" · ".join(parts))

    def _on_status(self) -> None:
        if self.status.currentData() != EvidenceStatus.UNVERIFIED and not self.verifier.text().strip():
            self.verifier.setText(last_verifier())

    def collect(self) -> EvidenceRecord:
        try:
            achieved = self.achieved.value()
        except ValueError:
            raise ValidationError(
                "Kết quả đạt được phải là một số (ví dụ 95 hoặc 92,5).", "achieved_value"
            ) from None
        choice = self._choices.get(self.target.value() or "")
        pledge_id = choice[0].id if choice else None
        target_id = choice[1] if choice else None
        status = self.status.currentData()
        verified_date = self.record.verified_date
        if status != self.record.status:
            verified_date = date.today() if status != EvidenceStatus.UNVERIFIED else None
        return dataclasses.replace(
            self.record,
            target_id=target_id,
            pledge_id=pledge_id,
            achieved_value=achieved,
            achieved_date=self.achieved_date.value(),
            document_ref=self.document_ref.text(),
            description=self.description.toPlainText(),
            status=status,
            verifier=self.verifier.text(),
            verified_date=verified_date,
        )

    def try_accept(self) -> None:
        super().try_accept()
        if self.result_record is not None and self.result_record.status != EvidenceStatus.UNVERIFIED:
            remember_verifier(self.result_record.verifier)

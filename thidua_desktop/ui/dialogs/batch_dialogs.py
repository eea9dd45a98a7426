"""Dialogs of the proposal workflow: add to a batch (or override with a reason), create or edit a batch, council
vote, approval, sending, decision, batch history, and the rules' parameters."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from thidua_desktop.core.enums import Authority
from thidua_desktop.core.errors import ValidationError
from thidua_desktop.core.rules.params import PARAM_INFO, UNCONFIRMED_NOTE, RuleParams, save_rule_params
from thidua_desktop.core.services import batches
from thidua_desktop.core.services.campaigns import PhaseRecord
from thidua_desktop.core.settings_schema import OrganizationSettings
from thidua_desktop.core.storage.database import Database
from thidua_desktop.core.text import format_percent
from thidua_desktop.ui.table_model import Column, RecordTableModel
from thidua_desktop.ui.widgets.date_field import OptionalDateEdit
from thidua_desktop.ui.widgets.record_dialog import RecordDialog

NEW_BATCH = "__new__"


def date_edit(parent: QWidget, value: date | None = None) -> OptionalDateEdit:
    edit = OptionalDateEdit(parent)
    edit.set_value(value or date.today())
    return edit


def required_date(edit: OptionalDateEdit, label: str, field: str) -> date:
    value = edit.value()
    if value is None:
        raise ValidationError(f"Chưa nhập {label}.", field)
    return value


class AddToBatchDialog(RecordDialog):
    """Choose (or create) the draft batch of the phase for the form's authority; an override needs a reason."""

    def __init__(
        self,
        db: Database,
        campaign_id: int,
        phase_id: int | None,
        authority: str,
        heading: str,
        add: Callable[[int, str, str], Any],
        need_reason: bool = False,
        summary: str = "",
        new_batch_name: str = "",
        parent: QWidget | None = None,
        bulk_label: str = "",
    ) -> None:
        title = "Đề xuất ngoài tiêu chuẩn" if need_reason else "Thêm vào đợt trình"
        super().__init__(title, lambda values: self._add(values), parent)
        self.db, self.campaign_id, self.phase_id, self.authority = db, campaign_id, phase_id, authority
        self._adder = add
        intro = QLabel(heading, self)
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)
        self.form.addRow(intro)
        self.batch = QComboBox(self)
        for record in batches.open_batches_for(db, campaign_id, phase_id, authority):
            self.batch.addItem(f"{record.name} ({record.item_count} đối tượng)", record.id)
        self.batch.addItem("(Lập đợt trình mới)", NEW_BATCH)
        self.batch.currentIndexChanged.connect(self._on_batch)
        self.fields["batch"] = self.batch
        self.form.addRow("Đợt trình:", self.batch)
        self.new_name = QLineEdit(new_batch_name, self)
        self.new_name.setPlaceholderText("Để trống: tên theo cấp khen và giai đoạn")
        self.fields["name"] = self.new_name
        self.form.addRow("Tên đợt trình mới:", self.new_name)
        self.summary = QPlainTextEdit(summary, self)
        self.summary.setTabChangesFocus(True)
        self.summary.setFixedHeight(70)
        self.fields["achievement_summary"] = self.summary
        self.form.addRow("Tóm tắt thành tích:", self.summary)
        self.reason = QPlainTextEdit(self)
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(70)
        self.reason.setPlaceholderText(
            "Bắt buộc: vì sao vẫn đề xuất dù chưa đủ tiêu chuẩn (được lưu vào lịch sử)"
        )
        self.fields["override_reason"] = self.reason
        if need_reason:
            self.form.addRow("Lý do đề xuất:", self.reason)
        else:
            self.reason.hide()
        self.bulk = QCheckBox(bulk_label, self)
        if bulk_label:
            self.form.addRow("", self.bulk)
        else:
            self.bulk.hide()
        self.need_reason = need_reason
        self._on_batch()

    def _on_batch(self) -> None:
        self.new_name.setEnabled(self.batch.currentData() == NEW_BATCH)

    def collect(self) -> dict[str, Any]:
        return {
            "batch": self.batch.currentData(),
            "name": self.new_name.text(),
            "summary": self.summary.toPlainText(),
            "reason": self.reason.toPlainText().strip(),
        }

    def _add(self, values: dict[str, Any]) -> Any:
        if self.need_reason and not values["reason"]:
            raise ValidationError("Phải ghi lý do đề xuất ngoài tiêu chuẩn.", "override_reason")
        created: int | None = None
        batch_id = values["batch"]
        if batch_id == NEW_BATCH:
            record = batches.create_batch(
                self.db, self.campaign_id, self.phase_id, self.authority, values["name"]
            )
            created = batch_id = record.id
        try:
            return self._adder(int(batch_id), values["reason"], values["summary"])
        except Exception:
            if created is not None:
                batches.delete_batch(self.db, created)
            raise


class BatchDialog(RecordDialog):
    """Create a batch (phase and awarding authority) or edit its name, submission number and notes."""

    def __init__(
        self,
        db: Database,
        campaign_id: int,
        phases: list[PhaseRecord],
        settings: OrganizationSettings,
        record: batches.BatchRecord | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Sửa đợt trình" if record else "Lập đợt trình", self._save, parent)
        self.db, self.campaign_id, self.record = db, campaign_id, record
        self.phase = QComboBox(self)
        self.phase.addItem("(Không theo giai đoạn)", None)
        for phase in phases:
            self.phase.addItem(phase.label, phase.id)
        self.authority = QComboBox(self)
        for authority in Authority:
            self.authority.addItem(settings.authority_name(authority.value), authority.value)
        self.name = QLineEdit(self)
        self.document_number = QLineEdit(self)
        self.document_number.setPlaceholderText("Ví dụ: 45-TTr/ĐU")
        self.notes = QPlainTextEdit(self)
        self.notes.setFixedHeight(60)
        self.notes.setTabChangesFocus(True)
        self.fields.update(
            phase_id=self.phase,
            authority=self.authority,
            name=self.name,
            document_number=self.document_number,
        )
        if record is None:
            self.form.addRow("Giai đoạn:", self.phase)
            self.form.addRow("Cấp khen:", self.authority)
            self.name.setPlaceholderText("Để trống: tên theo cấp khen và giai đoạn")
            if phases:
                self.phase.setCurrentIndex(1)
        else:
            self.name.setText(record.name)
            self.document_number.setText(record.document_number)
            self.notes.setPlainText(record.notes)
        self.form.addRow("Tên đợt trình:", self.name)
        if record is not None:
            self.form.addRow("Tờ trình số:", self.document_number)
            self.form.addRow("Ghi chú:", self.notes)

    def collect(self) -> Any:
        if self.record is None:
            return {
                "phase": self.phase.currentData(),
                "authority": self.authority.currentData(),
                "name": self.name.text(),
            }
        return dataclasses.replace(
            self.record,
            name=self.name.text(),
            document_number=self.document_number.text(),
            notes=self.notes.toPlainText(),
        )

    def _save(self, values: Any) -> batches.BatchRecord:
        if isinstance(values, batches.BatchRecord):
            return batches.save_batch(self.db, values)
        return batches.create_batch(
            self.db, self.campaign_id, values["phase"], values["authority"], values["name"]
        )


class VoteDialog(RecordDialog):
    """The council's meeting: members, members present, and the votes for each item (secret ballot)."""

    def __init__(
        self, db: Database, detail: batches.BatchDetail, params: RuleParams, parent: QWidget | None = None
    ):
        super().__init__("Kết quả bỏ phiếu của Hội đồng Thi đua - Khen thưởng", self._save, parent)
        self.db, self.detail = db, detail
        self.meeting_date = date_edit(self, detail.batch.meeting_date)
        self.members = QSpinBox(self)
        self.members.setRange(1, 300)
        self.members.setValue(detail.batch.council_members or 9)
        self.present = QSpinBox(self)
        self.present.setRange(0, 300)
        self.present.setValue(detail.batch.members_present or self.members.value())
        self.fields.update(
            meeting_date=self.meeting_date, council_members=self.members, members_present=self.present
        )
        self.form.addRow("Ngày họp:", self.meeting_date)
        self.form.addRow("Tổng số thành viên Hội đồng:", self.members)
        quorum = format_percent(params.quorum_percent)
        self.form.addRow("Số thành viên dự họp:", self.present)
        note = QLabel(
            f"Cần từ {quorum} tổng số thành viên dự họp; tỷ lệ phiếu tính trên tổng số thành viên Hội đồng "
            "(thành viên vắng mặt bỏ phiếu bằng văn bản). " + UNCONFIRMED_NOTE,
            self,
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        self.form.addRow(note)
        grid_host = QWidget(self)
        grid = QGridLayout(grid_host)
        grid.addWidget(QLabel("<b>Đối tượng, hình thức</b>"), 0, 0)
        grid.addWidget(QLabel("<b>Phiếu đồng ý</b>"), 0, 1)
        grid.addWidget(QLabel("<b>Ngưỡng</b>"), 0, 2)
        self.votes: dict[int, QSpinBox] = {}
        drafts = [i for i in detail.items if i.status == "draft"]
        for row, item in enumerate(drafts, start=1):
            label = QLabel(f"{item.subject_name} — {item.form_label}", grid_host)
            label.setWordWrap(True)
            spin = QSpinBox(grid_host)
            spin.setRange(0, 300)
            spin.setValue(item.votes_for or 0)
            spin.setObjectName(f"votes_{item.id}")
            self.votes[item.id] = spin
            grid.addWidget(label, row, 0)
            grid.addWidget(spin, row, 1)
            grid.addWidget(QLabel(item.vote_rule, grid_host), row, 2)
        scroll = QScrollArea(self)
        scroll.setWidget(grid_host)
        scroll.setWidgetResizable(True)
        scroll.setMinimumHeight(min(80 + 34 * len(drafts), 360))
        self.form.addRow(scroll)
        self.setMinimumWidth(720)

    def collect(self) -> dict[str, Any]:
        return {
            "meeting_date": required_date(self.meeting_date, "ngày họp", "meeting_date"),
            "members": self.members.value(),
            "present": self.present.value(),
            "votes": {item_id: spin.value() for item_id, spin in self.votes.items()},
        }

    def _save(self, values: dict[str, Any]) -> batches.BatchDetail:
        assert self.detail.batch.id is not None
        return batches.record_vote(
            self.db,
            self.detail.batch.id,
            values["meeting_date"],
            values["members"],
            values["present"],
            values["votes"],
        )


class StepDialog(RecordDialog):
    """A dated step of the batch: approval by the Standing Committee, or sending with the submission number."""

    def __init__(
        self,
        title: str,
        save: Callable[[dict[str, Any]], Any],
        parent: QWidget | None = None,
        number_label: str = "",
        number: str = "",
        warning: str = "",
    ) -> None:
        super().__init__(title, save, parent)
        self.when = date_edit(self)
        self.fields["on"] = self.when
        self.form.addRow("Ngày:", self.when)
        self.number = QLineEdit(number, self)
        self.fields["document_number"] = self.number
        if number_label:
            self.form.addRow(number_label, self.number)
        else:
            self.number.hide()
        if warning:
            label = QLabel(warning, self)
            label.setWordWrap(True)
            label.setStyleSheet("color: #9a6700;")
            self.form.addRow(label)

    def collect(self) -> dict[str, Any]:
        return {"on": required_date(self.when, "ngày", "on"), "number": self.number.text()}


class DecisionDialog(RecordDialog):
    """The award decision of an item: number, date, who signed; optionally the same decision for every item left."""

    def __init__(
        self,
        db: Database,
        item: batches.BatchItemRecord,
        others: list[batches.BatchItemRecord],
        signer: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Ghi quyết định khen thưởng", self._save, parent)
        self.db, self.item, self.others = db, item, others
        heading = QLabel(f"<b>{item.subject_name}</b> — {item.form_label}", self)
        heading.setWordWrap(True)
        self.form.addRow(heading)
        self.number = QLineEdit(self)
        self.number.setPlaceholderText("Ví dụ: 812/QĐ-UBND")
        self.when = date_edit(self)
        self.signer = QLineEdit(signer, self)
        self.all_items = QCheckBox(f"Cùng quyết định cho {len(others)} đề nghị khác chưa có quyết định", self)
        self.fields.update(decision_number=self.number, decision_date=self.when, signer=self.signer)
        self.form.addRow("Số quyết định:", self.number)
        self.form.addRow("Ngày quyết định:", self.when)
        self.form.addRow("Người ký:", self.signer)
        if others:
            self.form.addRow("", self.all_items)
        else:
            self.all_items.hide()

    def collect(self) -> dict[str, Any]:
        return {
            "number": self.number.text(),
            "date": required_date(self.when, "ngày quyết định", "decision_date"),
            "signer": self.signer.text(),
            "all": self.all_items.isChecked(),
        }

    def _save(self, values: dict[str, Any]) -> list[batches.BatchItemRecord]:
        targets = [self.item, *(self.others if values["all"] else [])]
        return [
            batches.decide_item(self.db, target.id, values["number"], values["date"], values["signer"])
            for target in targets
        ]


class ReasonDialog(RecordDialog):
    """A required written reason (e.g. why an item is not awarded)."""

    def __init__(
        self, title: str, prompt: str, save: Callable[[str], Any], parent: QWidget | None = None
    ) -> None:
        super().__init__(title, lambda text: save(text), parent)
        self.text = QPlainTextEdit(self)
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(80)
        self.fields["reason"] = self.text
        self.form.addRow(prompt, self.text)

    def collect(self) -> str:
        text = self.text.toPlainText().strip()
        if not text:
            raise ValidationError("Chưa nhập lý do.", "reason")
        return text


HISTORY_COLUMNS: list[Column[batches.BatchChangeRecord]] = [
    Column("Ngày", lambda h: h.changed_on, 90),
    Column("Trạng thái", lambda h: h.to_label, 170),
    Column("Người thực hiện", lambda h: h.changed_by, 150),
    Column("Nội dung", lambda h: h.note, 380, tooltip=lambda h: h.note),
]


class BatchHistoryDialog(QDialog):
    def __init__(self, record: batches.BatchRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Lịch sử đợt trình — {record.name}")
        self.resize(860, 360)
        self.model: RecordTableModel[batches.BatchChangeRecord] = RecordTableModel(HISTORY_COLUMNS, self)
        self.model.set_rows(record.history)
        view = QTableView(self)
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().setVisible(False)
        for i, column in enumerate(HISTORY_COLUMNS):
            view.setColumnWidth(i, column.width)
        view.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(view)
        layout.addWidget(buttons)


class ParamsDialog(RecordDialog):
    """The numbers of the rules, with where each comes from; unconfirmed ones say so."""

    def __init__(self, db: Database, params: RuleParams, parent: QWidget | None = None) -> None:
        super().__init__("Thông số quy tắc khen thưởng", lambda p: save_rule_params(db, p) or p, parent)
        self.params = params
        self.inputs: dict[str, QSpinBox | QDoubleSpinBox] = {}
        host = QWidget(self)
        grid = QGridLayout(host)
        for row, f in enumerate(dataclasses.fields(RuleParams)):
            info = PARAM_INFO[f.name]
            value = getattr(params, f.name)
            box: QSpinBox | QDoubleSpinBox
            if isinstance(value, int):
                box = QSpinBox(host)
                box.setRange(0, 1000)
                box.setValue(value)
            else:
                box = QDoubleSpinBox(host)
                box.setDecimals(2)
                box.setRange(0, 1000)
                box.setValue(value)
            box.setSuffix(f" {info.unit}")
            box.setToolTip(f"Căn cứ: {info.source}")
            label = QLabel(
                info.label
                + (" <span style='color:#9a6700'>(chưa xác nhận)</span>" if info.unconfirmed else "")
            )
            label.setWordWrap(True)
            label.setToolTip(f"Căn cứ: {info.source}")
            grid.addWidget(label, row, 0)
            grid.addWidget(box, row, 1)
            self.inputs[f.name] = box
            self.fields[f.name] = box
        scroll = QScrollArea(self)
        scroll.setWidget(host)
        scroll.setWidgetResizable(True)
        scroll.setMinimumHeight(420)
        note = QLabel(UNCONFIRMED_NOTE, self)
        note.setWordWrap(True)
        self.form.addRow(note)
        self.form.addRow(scroll)
        self.setMinimumWidth(760)

    def collect(self) -> RuleParams:
        values = {name: box.value() for name, box in self.inputs.items()}
        return RuleParams(**values)  # type: ignore[arg-type]

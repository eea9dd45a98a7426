"""Campaigns (phong trào thi đua) and their phases: the list, and the form of one campaign."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from thidua_desktop.core.enums import CampaignKind, ReviewKind
from thidua_desktop.core.errors import UserError, ValidationError
from thidua_desktop.core.services.campaigns import (
    CampaignRecord,
    PhaseRecord,
    delete_campaign,
    list_campaigns,
    save_campaign,
)
from thidua_desktop.ui.context import AppContext
from thidua_desktop.ui.table_model import Column
from thidua_desktop.ui.widgets import messages
from thidua_desktop.ui.widgets.date_field import OptionalDateEdit
from thidua_desktop.ui.widgets.history_dialog import HistoryDialog
from thidua_desktop.ui.widgets.inputs import EnumCombo, NotesEdit
from thidua_desktop.ui.widgets.record_dialog import RecordDialog
from thidua_desktop.ui.widgets.record_table import RecordTable


def _kind_label(code: str) -> str:
    return CampaignKind(code).label if code in CampaignKind._value2member_map_ else code


def _review_label(code: str) -> str:
    return ReviewKind(code).label if code in ReviewKind._value2member_map_ else code


CAMPAIGN_COLUMNS: list[Column[CampaignRecord]] = [
    Column("Tên phong trào", lambda c: c.name, 380, tooltip=lambda c: c.name),
    Column("Loại", lambda c: _kind_label(c.kind), 150),
    Column("Bắt đầu", lambda c: c.start_date, 90),
    Column("Kết thúc", lambda c: c.end_date, 90),
    Column("Số giai đoạn", lambda c: len(c.phases), 90, align_right=True),
    Column("Căn cứ", lambda c: c.plan_reference, 300, tooltip=lambda c: c.plan_reference),
]

PHASE_COLUMNS: list[Column[PhaseRecord]] = [
    Column("Số", lambda p: p.number, 40, align_right=True),
    Column("Tên giai đoạn", lambda p: p.name, 230),
    Column("Từ ngày", lambda p: p.start_date, 90),
    Column("Đến ngày", lambda p: p.end_date, 90),
    Column("Hội nghị", lambda p: _review_label(p.review_kind), 80),
    Column("Ngày hội nghị", lambda p: p.review_date, 100),
]


def source_order(view: QTableView) -> None:
    """Show rows in the order the service gives (a sortable view otherwise starts sorted by its first column)."""
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    proxy = view.model()
    if isinstance(proxy, QSortFilterProxyModel):
        proxy.sort(-1)


def _date_row(parent: QWidget, *edits: QWidget, labels: tuple[str, ...] = ()) -> QWidget:
    box = QWidget(parent)
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    for i, edit in enumerate(edits):
        if i < len(labels) and labels[i]:
            row.addWidget(QLabel(labels[i], box))
        row.addWidget(edit)
    row.addStretch(1)
    return box


class PhaseDialog(RecordDialog):
    """One phase; nothing is written until the campaign is saved."""

    def __init__(self, record: PhaseRecord, others: list[PhaseRecord], parent: QWidget | None = None) -> None:
        super().__init__(
            f"Giai đoạn {record.number}" if record.name else "Thêm giai đoạn", self._check, parent
        )
        self.setMinimumWidth(460)
        self.record = record
        self.others = others
        self.number_spin = QSpinBox(self)
        self.number_spin.setRange(1, 99)
        self.number_spin.setMaximumWidth(80)
        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText("ví dụ: Từ tháng 9/2024 đến hết tháng 05/2025")
        self.start_edit = OptionalDateEdit(self)
        self.end_edit = OptionalDateEdit(self)
        self.review_combo = EnumCombo(ReviewKind, self)
        self.review_edit = OptionalDateEdit(self)
        self.form.addRow("Số thứ tự", self.number_spin)
        self.form.addRow("Tên giai đoạn", self.name_edit)
        self.form.addRow("Thời gian", _date_row(self, self.start_edit, self.end_edit, labels=("Từ", "đến")))
        self.form.addRow(
            "Hội nghị", _date_row(self, self.review_combo, self.review_edit, labels=("", "ngày"))
        )
        self.fields = {"number": self.number_spin, "name": self.name_edit, "end_date": self.end_edit}
        self.number_spin.setValue(record.number)
        self.name_edit.setText(record.name)
        self.start_edit.set_value(record.start_date)
        self.end_edit.set_value(record.end_date)
        self.review_combo.set_value(record.review_kind)
        self.review_edit.set_value(record.review_date)

    def collect(self) -> PhaseRecord:
        return dataclasses.replace(
            self.record,
            number=self.number_spin.value(),
            name=self.name_edit.text().strip(),
            start_date=self.start_edit.value(),
            end_date=self.end_edit.value(),
            review_kind=self.review_combo.value() or ReviewKind.INTERIM.value,
            review_date=self.review_edit.value(),
        )

    def _check(self, phase: PhaseRecord) -> PhaseRecord:
        if any(p.number == phase.number for p in self.others):
            raise ValidationError(f"Đã có giai đoạn số {phase.number}.", "number")
        if phase.start_date and phase.end_date and phase.end_date < phase.start_date:
            raise ValidationError("Ngày kết thúc không được trước ngày bắt đầu.", "end_date")
        return phase


class CampaignDialog(RecordDialog):
    def __init__(
        self, context: AppContext, record: CampaignRecord | None = None, parent: QWidget | None = None
    ):
        title = "Sửa phong trào thi đua" if record else "Thêm phong trào thi đua"
        super().__init__(title, lambda r: save_campaign(context.db, r), parent)
        self.setMinimumWidth(840)
        self.record = record or CampaignRecord()
        self.name_edit = NotesEdit(self, lines=2)
        self.name_edit.setPlaceholderText("ví dụ: Thi đua cao điểm chào mừng Đại hội Đảng các cấp")
        self.theme_edit = NotesEdit(self, lines=3)
        self.slogans_edit = NotesEdit(self, lines=3)
        self.slogans_edit.setPlaceholderText("Mỗi khẩu hiệu một dòng")
        self.reference_edit = QLineEdit(self)
        self.reference_edit.setPlaceholderText(
            "ví dụ: Kế hoạch số 154-KH/TU ngày 26/8/2024 của Ban Thường vụ"
        )
        self.kind_combo = EnumCombo(CampaignKind, self)
        self.start_edit = OptionalDateEdit(self)
        self.end_edit = OptionalDateEdit(self)
        self.notes_edit = NotesEdit(self, lines=2)
        self.phases: RecordTable[PhaseRecord] = RecordTable(PHASE_COLUMNS, "giai đoạn", self)
        self.phases.search.hide()
        self.phases.history_button.hide()
        self.phases.count_label.hide()
        self.phases.view.setMinimumHeight(110)
        self.phases.view.setSortingEnabled(False)
        source_order(self.phases.view)
        self.phases.view.horizontalHeader().setStretchLastSection(False)
        self.phases.view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        buttons_row = self.phases.layout().itemAt(0).layout()
        if buttons_row is not None:
            buttons_row.addStretch(1)
        self.phases.add_requested.connect(self._add_phase)
        self.phases.edit_requested.connect(self._edit_phase)
        self.phases.delete_requested.connect(self._delete_phase)

        self.form.addRow("Tên phong trào *", self.name_edit)
        self.form.addRow("Loại phong trào", self.kind_combo)
        self.form.addRow("Thời gian", _date_row(self, self.start_edit, self.end_edit, labels=("Từ", "đến")))
        self.form.addRow("Căn cứ (kế hoạch)", self.reference_edit)
        self.form.addRow("Chủ đề", self.theme_edit)
        self.form.addRow("Khẩu hiệu", self.slogans_edit)
        self.form.addRow("Các giai đoạn", self.phases)
        self.form.addRow("Ghi chú", self.notes_edit)
        self.fields = {
            "name": self.name_edit,
            "kind": self.kind_combo,
            "end_date": self.end_edit,
            "phases": self.phases.view,
        }
        r = self.record
        self.name_edit.set_value(r.name)
        self.kind_combo.set_value(r.kind)
        self.start_edit.set_value(r.start_date)
        self.end_edit.set_value(r.end_date)
        self.reference_edit.setText(r.plan_reference)
        self.theme_edit.set_value(r.theme)
        self.slogans_edit.set_value(r.slogans)
        self.notes_edit.set_value(r.notes)
        self._set_phases([dataclasses.replace(p) for p in r.phases])

    def _set_phases(self, phases: list[PhaseRecord], select: PhaseRecord | None = None) -> None:
        self.phase_list = sorted(phases, key=lambda p: p.number)
        self.phases.set_rows(self.phase_list)
        if select is not None:
            self.phases.view.selectRow(self.phase_list.index(select))

    def _add_phase(self) -> None:
        number = max((p.number for p in self.phase_list), default=0) + 1
        last = self.phase_list[-1] if self.phase_list else None
        start = last.end_date + timedelta(days=1) if last and last.end_date else None
        draft = PhaseRecord(number=number, start_date=start or self.start_edit.value())
        dialog = PhaseDialog(draft, self.phase_list, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.result_record is not None:
            self._set_phases([*self.phase_list, dialog.result_record], dialog.result_record)

    def _edit_phase(self, phase: PhaseRecord | None) -> None:
        if phase is None:
            return
        others = [p for p in self.phase_list if p is not phase]
        dialog = PhaseDialog(phase, others, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.result_record is not None:
            self._set_phases([*others, dialog.result_record], dialog.result_record)

    def _delete_phase(self, phase: PhaseRecord | None) -> None:
        if phase is None:
            return
        if messages.confirm(self, "Xóa giai đoạn", f"Xóa giai đoạn {phase.number} khỏi phong trào?"):
            self._set_phases([p for p in self.phase_list if p is not phase])

    def collect(self) -> CampaignRecord:
        return dataclasses.replace(
            self.record,
            name=self.name_edit.value(),
            kind=self.kind_combo.value() or CampaignKind.DRIVE.value,
            start_date=self.start_edit.value(),
            end_date=self.end_edit.value(),
            plan_reference=self.reference_edit.text(),
            theme=self.theme_edit.value(),
            slogans=self.slogans_edit.value(),
            notes=self.notes_edit.value(),
            phases=list(self.phase_list),
        )


class CampaignsDialog(QDialog):
    """Dữ liệu → Phong trào thi đua…: add, edit and delete campaigns."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("Phong trào thi đua")
        self.resize(1180, 460)
        self.table: RecordTable[CampaignRecord] = RecordTable(CAMPAIGN_COLUMNS, "phong trào", self)
        self.table.add_requested.connect(self.add_campaign)
        self.table.edit_requested.connect(self.edit_campaign)
        self.table.delete_requested.connect(self.delete_campaign)
        self.table.history_requested.connect(self._history)
        source_order(self.table.view)
        header = self.table.view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        hint = QLabel(
            "Phong trào đang chọn ở thanh công cụ là phong trào mà các thẻ Đăng ký, Minh chứng, Đề nghị khen "
            "thưởng hiển thị. Nhấp đúp một dòng để sửa.",
            self,
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        self.table.set_rows(list_campaigns(self.context.db), keep_id=select_id)

    def add_campaign(self) -> None:
        self._run(CampaignDialog(self.context, None, self))

    def edit_campaign(self, record: CampaignRecord | None = None) -> None:
        record = record or self.table.current()
        if record is not None:
            self._run(CampaignDialog(self.context, record, self))

    def delete_campaign(self, record: CampaignRecord | None = None) -> None:
        record = record or self.table.current()
        if record is None or record.id is None:
            return
        if not messages.confirm_delete(self, f"phong trào «{record.name}»"):
            return
        try:
            delete_campaign(self.context.db, record.id)
        except UserError as exc:
            messages.show_user_error(self, exc)
            return
        if self.context.campaign_id == record.id:
            self.context.set_campaign(None)
        self.context.notify_changed("campaigns")
        self.reload()

    def _run(self, dialog: CampaignDialog) -> None:
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        saved: Any = dialog.result_record
        dialog.deleteLater()
        if accepted and saved is not None:
            self.reload(saved.id)
            self.context.notify_changed("campaigns")
            if self.context.campaign_id is None:
                self.context.set_campaign(saved.id)
            self.context.status_message.emit(f"Đã lưu phong trào «{saved.name}».")

    def _history(self, record: CampaignRecord | None) -> None:
        if record is not None and record.id is not None:
            HistoryDialog(self.context.db, "campaign", record.id, record.name, self).exec()

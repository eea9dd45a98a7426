"""Tab «Đợt trình khen thưởng»: proposal batches with their items, the council vote, the Standing Committee's
approval, sending (which locks the batch), the decision per item, the HTXSNV quota and the reward money."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from thidua_desktop.core.enums import ProposalStatus, Side
from thidua_desktop.core.errors import UserError
from thidua_desktop.core.rules.params import load_rule_params
from thidua_desktop.core.services import batches, campaigns
from thidua_desktop.core.services.batches import BatchDetail, BatchItemRecord, BatchRecord, BatchStatus
from thidua_desktop.core.services.settings import load_settings
from thidua_desktop.core.text import format_date, format_number
from thidua_desktop.ui.context import AppContext
from thidua_desktop.ui.dialogs.batch_dialogs import (
    BatchDialog,
    BatchHistoryDialog,
    DecisionDialog,
    ReasonDialog,
    StepDialog,
    VoteDialog,
)
from thidua_desktop.ui.table_model import Column
from thidua_desktop.ui.widgets import messages
from thidua_desktop.ui.widgets.campaign_tab import NO_CAMPAIGN
from thidua_desktop.ui.widgets.reasons_view import outcome_html, reasons_html
from thidua_desktop.ui.widgets.record_table import RecordTable

RELOAD_ON = frozenset(
    {"*", "batches", "proposals", "settings", "units", "persons", "households", "catalogue"}
)
LOCK_NOTE = "Đợt trình đã gửi cấp khen nên bị khóa: chỉ còn ghi quyết định cho từng đề nghị."


def money(value: int | None) -> str:
    return "—" if value is None else f"{format_number(value)} đ"


BATCH_COLUMNS: list[Column[BatchRecord]] = [
    Column("Đợt trình", lambda b: b.name, 320, tooltip=lambda b: b.name),
    Column("Giai đoạn", lambda b: b.phase_number, 80, align_right=True),
    Column("Cấp khen", lambda b: b.authority_name, 260),
    Column("Trạng thái", lambda b: b.status_label, 170),
    Column("Số đối tượng", lambda b: b.item_count, 100, align_right=True),
    Column("Đã có QĐ", lambda b: b.decided_count, 90, align_right=True),
    Column(
        "Tiền thưởng", lambda b: money(b.total_money), 130, align_right=True, sort_key=lambda b: b.total_money
    ),
    Column("Tờ trình số", lambda b: b.document_number, 110),
    Column("Ngày gửi", lambda b: b.sent_date, 90),
]
ITEM_COLUMNS: list[Column[BatchItemRecord]] = [
    Column("Đối tượng", lambda i: i.subject_name, 180, tooltip=lambda i: f"{i.subject_name} — {i.unit_name}"),
    Column("Hình thức", lambda i: i.form_label, 220, tooltip=lambda i: i.form_label),
    Column("Kết quả xét", lambda i: i.eligibility_label, 130, tooltip=lambda i: i.override_reason),
    Column("Phiếu", lambda i: i.votes_for, 56, align_right=True),
    Column("Trạng thái", lambda i: i.status_label, 130),
    Column("Số QĐ", lambda i: i.decision_number, 100),
    Column("Ngày QĐ", lambda i: i.decision_date, 86),
    Column("Tiền thưởng", lambda i: money(i.money), 100, align_right=True, sort_key=lambda i: i.money or 0),
]


def hide_buttons(table: RecordTable[Any], *names: str) -> None:
    for name in names:
        getattr(table, name).hide()


class BatchesTab(QWidget):
    TITLE = "Đợt trình khen thưởng"
    ORDER = 65

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.db = context.db
        self.detail: BatchDetail | None = None
        self._select_after: int | None = None

        self.table: RecordTable[BatchRecord] = RecordTable(BATCH_COLUMNS, "đợt trình", self)
        self.table.add_button.setText("Lập đợt trình…")
        self.table.history_button.setText("Lịch sử đợt trình")
        self.table.add_requested.connect(self.add_record)
        self.table.edit_requested.connect(lambda _r: self.edit_record())
        self.table.delete_requested.connect(lambda _r: self.delete_record())
        self.table.history_requested.connect(self.show_history)
        self.table.selection_changed.connect(lambda _r: self.show_batch())
        self.table.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.quota_label = QLabel(self)
        self.quota_label.setWordWrap(True)
        self.money_label = QLabel(self)
        self.vote_button = QPushButton("Ghi kết quả bỏ phiếu…", self)
        self.approve_button = QPushButton("Ban Thường vụ duyệt…", self)
        self.send_button = QPushButton("Gửi cấp khen…", self)
        self.vote_button.clicked.connect(self.vote)
        self.approve_button.clicked.connect(self.approve)
        self.send_button.clicked.connect(self.send)
        steps = QHBoxLayout()
        for widget in (self.vote_button, self.approve_button, self.send_button):
            steps.addWidget(widget)
        steps.addStretch(1)
        steps.addWidget(self.money_label)

        self.items: RecordTable[BatchItemRecord] = RecordTable(ITEM_COLUMNS, "đề nghị", self)
        hide_buttons(self.items, "add_button", "edit_button", "history_button")
        self.items.delete_button.setText("Bỏ khỏi đợt")
        self.items.delete_requested.connect(lambda _r: self.remove_item())
        self.items.selection_changed.connect(lambda _r: self.show_item())
        self.decide_button = QPushButton("Ghi quyết định…", self)
        self.reject_button = QPushButton("Không khen thưởng…", self)
        self.decide_button.clicked.connect(self.decide)
        self.reject_button.clicked.connect(self.reject_item)
        top = self.items.layout().itemAt(0).layout()
        top.addWidget(self.decide_button)
        top.addWidget(self.reject_button)
        self.items.view.sortByColumn(1, Qt.SortOrder.AscendingOrder)

        self.item_details = QTextBrowser(self)
        items_split = QSplitter(Qt.Orientation.Horizontal, self)
        items_split.addWidget(self.items)
        items_split.addWidget(self.item_details)
        items_split.setStretchFactor(0, 5)
        items_split.setStretchFactor(1, 2)

        batch_box = QGroupBox("Đợt trình đã chọn", self)
        batch_layout = QVBoxLayout(batch_box)
        batch_layout.addWidget(self.status_label)
        batch_layout.addWidget(self.quota_label)
        batch_layout.addLayout(steps)
        batch_layout.addWidget(items_split, 1)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(batch_box)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(splitter)

        context.campaign_changed.connect(lambda _id: self.reload())
        context.data_changed.connect(self._on_data_changed)
        self.reload()

    # --- loading ----------------------------------------------------------------------------------------------------
    def reload(self, select_id: int | None = None) -> None:
        campaign_id = self.context.campaign_id
        rows = batches.list_batches(self.db, campaign_id) if campaign_id is not None else []
        self.table.set_rows(rows, keep_id=select_id)
        self.table.add_button.setEnabled(campaign_id is not None)
        self.table.add_button.setToolTip("" if campaign_id is not None else NO_CAMPAIGN)
        if self.table.current() is None and rows and select_id is None:
            self.table.view.selectRow(0)
        self.show_batch()

    def _on_data_changed(self, entity: str) -> None:
        if entity in RELOAD_ON:
            current = self.table.current()
            select_id, self._select_after = self._select_after, None
            self.reload(select_id or (current.id if current else None))

    def show_batch(self) -> None:
        record = self.table.current()
        self.detail = (
            batches.get_batch(self.db, record.id) if record is not None and record.id is not None else None
        )
        detail = self.detail
        locked = bool(detail and detail.batch.locked)
        self.table.edit_button.setEnabled(record is not None and not locked)
        self.table.edit_button.setToolTip(LOCK_NOTE if locked else "")
        self.table.delete_button.setEnabled(record is not None and record.status == BatchStatus.DRAFT)
        if detail is None:
            self.status_label.setText("Chọn một đợt trình." if self.context.campaign_id else NO_CAMPAIGN)
            self.quota_label.clear()
            self.money_label.clear()
            self.items.set_rows([])
            for button in (self.vote_button, self.approve_button, self.send_button):
                button.setEnabled(False)
            self.show_item()
            return
        batch = detail.batch
        text = f"<b>{batch.name}</b> — {batch.authority_name}<br>Trạng thái: <b>{batch.status_label}</b>"
        if batch.meeting_date and batch.council_members:
            text += (
                f"; họp Hội đồng {format_date(batch.meeting_date)} ({batch.members_present}/{batch.council_members} "
                "thành viên dự)"
            )
        if batch.approved_date:
            text += f"; Ban Thường vụ duyệt {format_date(batch.approved_date)}"
        if batch.sent_date:
            text += f"; gửi {format_date(batch.sent_date)}, tờ trình số {batch.document_number or '—'}"
        if locked:
            text += f"<br><i>{LOCK_NOTE}</i>"
        self.status_label.setText(text)
        if detail.quota:
            color = "#b00020" if detail.quota_breached else "#1b7f3b"
            lines = "<br>".join(line.message for line in detail.quota)
            self.quota_label.setText(
                f"<span style='color:{color}'>Tỷ lệ HTXSNV (Quy định 366-QĐ/TW): {lines}</span>"
            )
        else:
            self.quota_label.setText("")
        self.money_label.setText(f"Tổng tiền thưởng: <b>{money(batch.total_money)}</b>")
        party = batch.side == Side.PARTY
        self.vote_button.setEnabled(not party and batch.status == BatchStatus.DRAFT and bool(detail.items))
        self.vote_button.setToolTip(batches.PARTY_NO_BALLOT if party else "")
        self.approve_button.setText("Cấp ủy quyết định…" if party else "Ban Thường vụ duyệt…")
        self.approve_button.setEnabled(
            batch.status == BatchStatus.DRAFT and bool(detail.items)
            if party
            else batch.status == BatchStatus.VOTED
        )
        self.send_button.setEnabled(batch.status == BatchStatus.APPROVED)
        current = self.items.current()
        self.items.set_rows(detail.items, keep_id=current.id if current else None)
        self.show_item()

    def show_item(self) -> None:
        item = self.items.current()
        batch = self.detail.batch if self.detail else None
        draft = batch is not None and batch.status == BatchStatus.DRAFT
        self.items.delete_button.setEnabled(item is not None and draft)
        open_item = item is not None and item.status in (ProposalStatus.APPROVED, ProposalStatus.SENT)
        self.decide_button.setEnabled(open_item)
        self.reject_button.setEnabled(
            item is not None
            and item.status in (ProposalStatus.SUBMITTED, ProposalStatus.APPROVED, ProposalStatus.SENT)
        )
        if item is None:
            self.item_details.setHtml(
                "<p>Chọn một đề nghị để xem tiêu chuẩn lúc đề xuất và quá trình xử lý.</p>"
            )
            return
        head = f"{item.subject_name}" + (f" — {item.unit_name}" if item.unit_name else "")
        if item.eligibility_result:
            head += f"<br>Kết quả xét khi đề xuất: {outcome_html(item.eligibility_result)}"
        if item.override_reason:
            head += f"<br><b>Đề xuất ngoài tiêu chuẩn, lý do:</b> {item.override_reason}"
        head += f"<br>Ngưỡng phiếu: {item.vote_rule}; tiền thưởng: {money(item.money)}"
        history = "".join(
            f"<li>{format_date(h.changed_on)} — {ProposalStatus(h.to_status).label}"
            f"{' — ' + h.changed_by if h.changed_by else ''}{': ' + h.note if h.note else ''}</li>"
            for h in item.history
        )
        html = reasons_html(item.form_label, item.reasons, (), head)
        self.item_details.setHtml(f"{html}<p><b>Quá trình xử lý</b></p><ul>{history}</ul>")

    # --- batches ----------------------------------------------------------------------------------------------------
    def _phases(self) -> list[campaigns.PhaseRecord]:
        campaign_id = self.context.campaign_id
        return campaigns.get_campaign(self.db, campaign_id).phases if campaign_id is not None else []

    def _run(self, dialog: QDialog) -> Any:
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        result = getattr(dialog, "result_record", None)
        dialog.deleteLater()
        return result if accepted else None

    def _changed(self, select_id: int | None, message: str) -> None:
        self._select_after = select_id
        self.context.notify_changed("proposals")
        if message:
            self.context.status_message.emit(message)

    def add_record(self) -> None:
        campaign_id = self.context.campaign_id
        if campaign_id is None:
            messages.show_info(self, NO_CAMPAIGN)
            return
        dialog = BatchDialog(self.db, campaign_id, self._phases(), load_settings(self.db), parent=self)
        saved = self._run(dialog)
        if saved is not None:
            self._changed(saved.id, f"Đã lập đợt trình «{saved.name}».")

    def edit_record(self) -> None:
        record = self.table.current()
        if record is None or self.context.campaign_id is None:
            return
        if record.locked:
            messages.show_info(self, LOCK_NOTE, "Không sửa được")
            return
        dialog = BatchDialog(self.db, self.context.campaign_id, [], load_settings(self.db), record, self)
        saved = self._run(dialog)
        if saved is not None:
            self._changed(saved.id, "Đã lưu đợt trình.")

    def delete_record(self) -> None:
        record = self.table.current()
        if record is None or record.id is None:
            return
        if not messages.confirm(
            self,
            "Xóa đợt trình",
            f"Xóa đợt trình «{record.name}»? Các đề nghị trong đợt vẫn được giữ ở dạng dự thảo.",
        ):
            return
        try:
            batches.delete_batch(self.db, record.id)
        except UserError as exc:
            messages.show_user_error(self, exc)
            return
        self._changed(None, "Đã xóa đợt trình.")

    def show_history(self, _record: object = None) -> None:
        if self.detail is not None:
            BatchHistoryDialog(self.detail.batch, self).exec()

    def focus_search(self) -> None:
        self.table.search.setFocus()
        self.table.search.selectAll()

    # --- workflow ---------------------------------------------------------------------------------------------------
    def _quota_ok(self, step: str) -> bool:
        detail = self.detail
        if detail is None or not detail.quota_breached:
            return True
        lines = "\n".join(line.message for line in detail.quota if line.breached)
        return messages.confirm(
            self,
            "Vượt tỷ lệ Hoàn thành xuất sắc nhiệm vụ",
            f"{lines}\n\nTheo Quy định 366-QĐ/TW, số HTXSNV không vượt tỷ lệ quy định. Vẫn {step}?",
        )

    def vote(self) -> None:
        detail = self.detail
        if detail is None or not self._quota_ok("trình Hội đồng"):
            return
        if self._run(VoteDialog(self.db, detail, load_rule_params(self.db), self)) is not None:
            self._changed(detail.batch.id, "Đã ghi kết quả bỏ phiếu của Hội đồng.")

    def approve(self) -> None:
        detail = self.detail
        if detail is None or detail.batch.id is None or not self._quota_ok("trình Ban Thường vụ duyệt"):
            return
        batch_id = detail.batch.id
        dialog = StepDialog(
            "Cấp ủy, Ban Thường vụ quyết định"
            if detail.batch.side == Side.PARTY
            else "Ban Thường vụ duyệt danh sách",
            lambda values: batches.approve_batch(self.db, batch_id, values["on"]),
            self,
        )
        if self._run(dialog) is not None:
            self._changed(batch_id, "Ban Thường vụ đã duyệt đợt trình.")

    def send(self) -> None:
        detail = self.detail
        if detail is None or detail.batch.id is None or not self._quota_ok("gửi cấp khen"):
            return
        batch_id = detail.batch.id
        dialog = StepDialog(
            f"Gửi {detail.batch.authority_name}",
            lambda values: batches.send_batch(self.db, batch_id, values["on"], values["number"]),
            self,
            number_label="Tờ trình số:",
            number=detail.batch.document_number,
            warning="Sau khi gửi, đợt trình bị khóa: không thêm, bớt, sửa đề nghị được nữa.",
        )
        if self._run(dialog) is not None:
            self._changed(batch_id, "Đã gửi đợt trình; đợt trình đã khóa.")

    def remove_item(self) -> None:
        item = self.items.current()
        detail = self.detail
        if item is None or detail is None:
            return
        if not messages.confirm(
            self, "Bỏ khỏi đợt trình", f"Bỏ {item.subject_name} ({item.form_label}) khỏi đợt trình?"
        ):
            return
        try:
            batches.remove_item(self.db, item.id)
        except UserError as exc:
            messages.show_user_error(self, exc)
            return
        self._changed(detail.batch.id, f"Đã bỏ {item.subject_name} khỏi đợt trình.")

    def decide(self) -> None:
        item = self.items.current()
        detail = self.detail
        if item is None or detail is None:
            return
        settings = load_settings(self.db)
        signer = settings.signatory_name if detail.batch.side == Side.PARTY else settings.state_signatory_name
        others = [
            i
            for i in detail.items
            if i.id != item.id and i.status in (ProposalStatus.APPROVED, ProposalStatus.SENT)
        ]
        if self._run(DecisionDialog(self.db, item, others, signer, self)) is not None:
            self._changed(
                detail.batch.id, "Đã ghi quyết định khen thưởng; khen thưởng đã vào hồ sơ của đối tượng."
            )

    def reject_item(self) -> None:
        item = self.items.current()
        detail = self.detail
        if item is None or detail is None:
            return
        dialog = ReasonDialog(
            "Không khen thưởng",
            f"Lý do không khen thưởng {item.subject_name}:",
            lambda text: batches.reject_item(self.db, item.id, text) or text,
            self,
        )
        if self._run(dialog) is not None:
            self._changed(detail.batch.id, f"Đã ghi không khen thưởng {item.subject_name}.")


TAB = BatchesTab

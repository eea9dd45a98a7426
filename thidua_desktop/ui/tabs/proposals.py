"""Tab «Đề nghị khen thưởng»: the campaign's award proposals, their workflow and dated status history."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from thidua_desktop.core.enums import PROPOSAL_TRANSITIONS, CommendationKind, ProposalStatus
from thidua_desktop.core.services.proposals import (
    LOCKED_STATUSES,
    ProposalRecord,
    StatusChangeRecord,
    delete_proposal,
    list_proposals,
)
from thidua_desktop.core.services.settings import load_settings
from thidua_desktop.core.settings_schema import OrganizationSettings
from thidua_desktop.core.text import format_date
from thidua_desktop.ui.context import AppContext
from thidua_desktop.ui.dialogs.proposal_dialog import ProposalDialog, StatusDialog
from thidua_desktop.ui.table_model import Column, RecordTableModel
from thidua_desktop.ui.tabs.pledges import subject_sort_key
from thidua_desktop.ui.widgets.campaign_tab import CampaignRecordTab, fit_columns

LOCKED_REASON = (
    "Đề nghị đã gửi cấp trên hoặc đã có quyết định nên không sửa, không xóa được nội dung. "
    "Nếu cần điều chỉnh, hãy chuyển trạng thái (ví dụ «Không được duyệt» rồi «Dự thảo»)."
)


def status_label(code: str | None) -> str:
    return ProposalStatus(code).label if code else ""


HISTORY_COLUMNS: list[Column[StatusChangeRecord]] = [
    Column("Ngày", lambda h: h.changed_on, 86),
    Column("Từ trạng thái", lambda h: status_label(h.from_status) or "(tạo mới)", 150),
    Column(
        "Sang trạng thái",
        lambda h: status_label(h.to_status),
        150,
        tooltip=lambda h: (
            f"Từ «{status_label(h.from_status)}» sang «{status_label(h.to_status)}»"
            if h.from_status
            else f"Tạo mới: «{status_label(h.to_status)}»"
        ),
    ),
    Column("Người thực hiện", lambda h: h.changed_by, 150),
    Column("Ghi chú", lambda h: h.note, 160, tooltip=lambda h: h.note),
]


class ProposalsTab(CampaignRecordTab[ProposalRecord]):
    TITLE = "Đề nghị khen thưởng"
    ORDER = 60
    ENTITY = "proposals"
    RELOAD_ON = frozenset(
        {"proposals", "units", "persons", "households", "settings", "catalogue", "campaigns"}
    )
    AUDIT_TABLE = "award_proposal"
    NOUN = "đề nghị"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        self.settings = OrganizationSettings()
        super().__init__(context, parent)
        self.table.search.setPlaceholderText(
            "Tìm theo đối tượng, hình thức, số quyết định… (không dấu cũng được)"
        )
        self.status_filter = self.add_status_filter(
            ProposalStatus.choices(), "Chỉ hiện đề nghị có trạng thái này"
        )
        header = self.table.view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

        self.details, details_scroll = self.make_details_panel()
        self.status_button = QPushButton("Chuyển trạng thái…", self)
        self.status_button.clicked.connect(self.change_status)
        details_box = QGroupBox("Đề nghị đã chọn", self)
        details_layout = QVBoxLayout(details_box)
        details_layout.addWidget(details_scroll, 1)
        details_layout.addWidget(self.status_button, 0, Qt.AlignmentFlag.AlignLeft)

        self.history_model: RecordTableModel[StatusChangeRecord] = RecordTableModel(HISTORY_COLUMNS, self)
        self.history_view = QTableView(self)
        self.history_view.setModel(self.history_model)
        self.history_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history_view.verticalHeader().setVisible(False)
        self.history_view.verticalHeader().setDefaultSectionSize(26)
        self.history_view.setWordWrap(False)
        history_header = self.history_view.horizontalHeader()
        history_header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        fit_columns(self.history_view, HISTORY_COLUMNS)
        history_header.setStretchLastSection(True)
        history_box = QGroupBox("Quá trình xử lý", self)
        history_layout = QVBoxLayout(history_box)
        history_layout.addWidget(self.history_view)

        bottom = QWidget(self)
        bottom_layout = QHBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(details_box, 2)
        bottom_layout.addWidget(history_box, 3)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(splitter)
        self.reload()

    # --- CampaignRecordTab ------------------------------------------------------------------------------------------
    def columns(self) -> Sequence[Column[ProposalRecord]]:
        return [
            Column(
                "Đối tượng",
                lambda p: p.subject_name,
                180,
                sort_key=lambda p: subject_sort_key(p.subject_type, p.subject_name),
            ),
            Column("Đơn vị", lambda p: p.unit_name, 180),
            Column("Hình thức khen thưởng", lambda p: p.award_name, 200, tooltip=lambda p: p.award_name),
            Column(
                "Cấp khen",
                lambda p: self.settings.authority_name(p.authority),
                215,
                tooltip=lambda p: self.settings.authority_name(p.authority),
            ),
            Column("Giai đoạn", lambda p: p.phase_number, 70, align_right=True),
            Column(
                "Trạng thái",
                lambda p: p.status_label,
                150,
                sort_key=lambda p: list(ProposalStatus).index(ProposalStatus(p.status)),
                tooltip=lambda p: LOCKED_REASON if p.status in LOCKED_STATUSES else p.status_label,
            ),
            Column("Số quyết định", lambda p: p.decision_number, 110),
            Column("Ngày quyết định", lambda p: p.decision_date, 118),
        ]

    def load(self, campaign_id: int) -> list[ProposalRecord]:
        self.settings = load_settings(self.db)
        return list_proposals(self.db, campaign_id)

    def visible(self, records: list[ProposalRecord]) -> list[ProposalRecord]:
        status = self.status_filter.currentData() if hasattr(self, "status_filter") else None
        return records if status is None else [r for r in records if r.status == status]

    def make_dialog(self, record: ProposalRecord | None) -> QDialog:
        return ProposalDialog(self.context, record, self)

    def delete(self, record: ProposalRecord) -> None:
        assert record.id is not None
        delete_proposal(self.db, record.id)

    def describe(self, record: ProposalRecord) -> str:
        return f"đề nghị «{record.award_name}» cho {record.subject_name}"

    def can_edit(self, record: ProposalRecord) -> str:
        return LOCKED_REASON if record.status in LOCKED_STATUSES else ""

    def selection_changed(self, record: ProposalRecord | None) -> None:
        if not hasattr(self, "history_model"):
            return
        locked = record is not None and record.status in LOCKED_STATUSES
        self.table.delete_button.setEnabled(record is not None and not locked)
        self.table.delete_button.setToolTip(LOCKED_REASON if locked else "")
        self.history_model.set_rows(list(reversed(record.history)) if record else [])
        can_move = record is not None and bool(PROPOSAL_TRANSITIONS[ProposalStatus(record.status)])
        self.status_button.setEnabled(can_move)
        self.status_button.setToolTip(
            "" if can_move or record is None else "Đề nghị đã có quyết định: quy trình đã kết thúc."
        )
        self.details.setText(self._details_html(record))

    def _details_html(self, record: ProposalRecord | None) -> str:
        if record is None:
            return "<i>Chọn một đề nghị trong bảng để xem chi tiết và chuyển trạng thái.</i>"

        def esc(text: str) -> str:
            return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")

        lines = [
            f"<b>{esc(record.subject_name)}</b>",
            f"{esc(record.award_name)} — {esc(self.settings.authority_name(record.authority))}",
            f"Loại khen thưởng: {CommendationKind(record.commendation_kind).label}",
            f"Trạng thái: <b>{record.status_label}</b>",
        ]
        if record.decision_number or record.decision_date:
            decision = f"Quyết định số {esc(record.decision_number)}"
            if record.decision_date:
                decision += f" ngày {format_date(record.decision_date)}"
            if record.decision_signer:
                decision += f", người ký: {esc(record.decision_signer)}"
            lines.append(decision)
        if record.achievement_summary:
            lines.append(f"<span style='color:#555'>{esc(record.achievement_summary)}</span>")
        if record.status in LOCKED_STATUSES:
            lines.append("<span style='color:#8a4b00'>Đã khóa: không sửa, không xóa được.</span>")
        return "<br>".join(lines)

    # --- workflow ---------------------------------------------------------------------------------------------------
    def change_status(self) -> None:
        record = self.table.current()
        if record is None or not PROPOSAL_TRANSITIONS[ProposalStatus(record.status)]:
            return
        dialog = StatusDialog(self.context, record, self)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        saved = dialog.result_record
        dialog.deleteLater()
        if accepted and saved is not None:
            self.announce_saved(record.id, f"Đã chuyển đề nghị sang «{saved.status_label}».")


TAB = ProposalsTab

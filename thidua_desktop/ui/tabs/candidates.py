"""Tab «Đề xuất khen thưởng»: for a campaign phase, who qualifies for which title or award and why; chosen
candidates go into a proposal batch, others only with a written reason."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
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

from thidua_desktop.core.errors import UserError
from thidua_desktop.core.rules.engine import Outcome
from thidua_desktop.core.rules.forms import CANDIDATE_RULESETS
from thidua_desktop.core.rules.params import load_rule_params
from thidua_desktop.core.services import batches, campaigns, eligibility
from thidua_desktop.core.services.eligibility import CandidateRecord, ReviewInfo
from thidua_desktop.core.text import name_sort_key
from thidua_desktop.ui.context import AppContext
from thidua_desktop.ui.dialogs.batch_dialogs import AddToBatchDialog, ParamsDialog
from thidua_desktop.ui.table_model import Column
from thidua_desktop.ui.tabs.batches import hide_buttons
from thidua_desktop.ui.widgets import messages
from thidua_desktop.ui.widgets.campaign_tab import NO_CAMPAIGN
from thidua_desktop.ui.widgets.reasons_view import reasons_html
from thidua_desktop.ui.widgets.record_table import RecordTable
from thidua_desktop.ui.worker import Progress, TaskHandle, run_task

ALL = "Tất cả"
RELOAD_ON = frozenset(
    {
        "*",
        "proposals",
        "batches",
        "pledges",
        "evidence",
        "units",
        "persons",
        "households",
        "records",
        "settings",
        "rules",
    }
)

COLUMNS: list[Column[CandidateRecord]] = [
    Column("Kết quả", lambda c: c.result_label, 118, sort_key=lambda c: (c.outcome.rank, -c.score)),
    Column("Đáp ứng", lambda c: f"{c.score}%", 70, align_right=True, sort_key=lambda c: c.score),
    Column("Đối tượng", lambda c: c.subject_name, 190, sort_key=lambda c: name_sort_key(c.subject_name)),
    Column("Hình thức", lambda c: c.form_name, 230, tooltip=lambda c: c.form_name),
    Column("Đơn vị", lambda c: c.unit_name, 150, tooltip=lambda c: c.unit_name),
    Column(
        "Cấp quyết định",
        lambda c: c.authority_name or "Chưa rõ",
        170,
        tooltip=lambda c: c.authority_source,
    ),
    Column("Đã đề nghị", lambda c: c.proposal_label, 110, tooltip=lambda c: c.proposal_label),
    Column("Lý do", lambda c: c.main_reason, 360, tooltip=lambda c: c.main_reason),
]


class CandidatesTab(QWidget):
    TITLE = "Đề xuất khen thưởng"
    ORDER = 50

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.db = context.db
        self.review: ReviewInfo | None = None
        self.records: list[CandidateRecord] = []
        self.task: TaskHandle | None = None
        self.loaded = False
        self._generation = 0
        self._pending = False

        self.phase = QComboBox(self)
        self.phase.setToolTip("Giai đoạn của phong trào: ngày sơ kết, tổng kết là ngày xét")
        self.phase.currentIndexChanged.connect(lambda _i: self.reload())
        self.form_filter = QComboBox(self)
        self.form_filter.addItem(ALL, None)
        for rules in CANDIDATE_RULESETS:
            self.form_filter.addItem(rules.name, rules.code)
        self.form_filter.currentIndexChanged.connect(self.refilter)
        self.result_filter = QComboBox(self)
        self.result_filter.addItem(ALL, None)
        for outcome in Outcome:
            self.result_filter.addItem(f"{outcome.symbol} {outcome.label}", outcome.value)
        self.result_filter.currentIndexChanged.connect(self.refilter)
        self.params_button = QPushButton("Thông số quy tắc…", self)
        self.params_button.setToolTip("Các ngưỡng, tỷ lệ, số năm dùng để xét (một số chưa xác nhận)")
        self.params_button.clicked.connect(self.edit_params)
        filters = QHBoxLayout()
        for label, widget in (
            ("Giai đoạn:", self.phase),
            ("Hình thức:", self.form_filter),
            ("Kết quả:", self.result_filter),
        ):
            filters.addWidget(QLabel(label, self))
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.params_button)

        self.review_label = QLabel(self)
        self.review_label.setWordWrap(True)

        self.table: RecordTable[CandidateRecord] = RecordTable(
            COLUMNS,
            "đề xuất",
            self,
            search_hint="Tìm theo tên, đơn vị, hình thức, lý do… (không dấu cũng được)",
        )
        hide_buttons(self.table, "add_button", "edit_button", "delete_button", "history_button")
        self.table.view.horizontalHeader().setSectionResizeMode(
            len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch
        )
        self.table.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.selection_changed.connect(self._on_selection)
        self.table.edit_requested.connect(lambda _record: self.propose())

        self.details = QTextBrowser(self)
        self.details.setOpenExternalLinks(False)
        self.propose_button = QPushButton("Thêm vào đợt trình…", self)
        self.propose_button.clicked.connect(self.propose)
        self.override_button = QPushButton("Đề xuất ngoài tiêu chuẩn…", self)
        self.override_button.clicked.connect(self.propose_override)
        actions = QHBoxLayout()
        actions.addWidget(self.propose_button)
        actions.addWidget(self.override_button)
        actions.addStretch(1)
        details_box = QGroupBox("Tiêu chuẩn và căn cứ", self)
        details_layout = QVBoxLayout(details_box)
        details_layout.addWidget(self.details, 1)
        details_layout.addLayout(actions)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(details_box)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(filters)
        layout.addWidget(self.review_label)
        layout.addWidget(splitter, 1)

        context.campaign_changed.connect(lambda _id: self.load_phases())
        context.data_changed.connect(self._on_data_changed)
        self.load_phases()

    # --- loading ----------------------------------------------------------------------------------------------------
    def load_phases(self) -> None:
        campaign_id = self.context.campaign_id
        self.phase.blockSignals(True)
        self.phase.clear()
        chosen = None
        if campaign_id is not None:
            try:
                campaign = campaigns.get_campaign(self.db, campaign_id)
            except UserError:
                campaign = None
            if campaign is not None:
                review = eligibility.review_of(self.db, campaign_id)
                for phase in campaign.phases:
                    self.phase.addItem(phase.label, phase.id)
                    if phase.id == review.phase_id:
                        chosen = self.phase.count() - 1
        if chosen is not None:
            self.phase.setCurrentIndex(chosen)
        self.phase.blockSignals(False)
        self.reload()

    def reload(self) -> None:
        campaign_id = self.context.campaign_id
        if campaign_id is None:
            self._show([], None, NO_CAMPAIGN)
            return
        if self.task is not None:
            self._pending = True
            return
        self._generation += 1
        generation = self._generation
        phase_id = self.phase.currentData()
        db = self.db
        self.loaded = False

        def job(progress: Progress) -> tuple[ReviewInfo, list[CandidateRecord]]:
            return eligibility.list_candidates(
                db, campaign_id, phase_id=phase_id, progress=lambda done, total: progress.update(done, total)
            )

        self.task = run_task(
            self,
            "Đang xét tiêu chuẩn khen thưởng…",
            job,
            on_done=lambda result: self._loaded(generation, result),
            on_error=self._failed,
            on_cancel=self._cancelled,
        )

    def _loaded(self, generation: int, result: tuple[ReviewInfo, list[CandidateRecord]]) -> None:
        self.task = None
        if self._pending or generation != self._generation:
            self._pending = False
            self.reload()
            return
        review, records = result
        passed = sum(1 for r in records if r.result == Outcome.PASS)
        doubtful = sum(1 for r in records if r.result == Outcome.UNKNOWN)
        text = (
            f"Xét {review.label}: {passed} đủ tiêu chuẩn, {doubtful} chưa rõ (thiếu dữ liệu), "
            f"{len(records) - passed - doubtful} không đủ. Chọn một dòng để xem từng tiêu chuẩn và căn cứ."
        )
        self._show(records, review, text)

    def _failed(self, exc: BaseException, _trace: str) -> None:
        self.task = None
        self._pending = False
        self._show([], None, "Không xét được tiêu chuẩn.")
        if isinstance(exc, UserError):
            messages.show_user_error(self, exc)
        else:
            messages.show_error(self, f"Không xét được tiêu chuẩn: {exc}")

    def _cancelled(self) -> None:
        self.task = None
        self._pending = False
        self._show(self.records, self.review, "Đã hủy việc xét tiêu chuẩn.")

    def _show(self, records: list[CandidateRecord], review: ReviewInfo | None, text: str) -> None:
        self.records, self.review = records, review
        self.review_label.setText(text)
        self.refilter()
        self.loaded = True

    def refilter(self) -> None:
        code = self.form_filter.currentData()
        result = self.result_filter.currentData()
        shown = [
            r
            for r in self.records
            if (code is None or r.ruleset_code == code) and (result is None or r.result == result)
        ]
        self.table.set_rows(shown)
        self._on_selection(self.table.current())

    def _on_data_changed(self, entity: str) -> None:
        if entity in RELOAD_ON:
            if entity == "campaigns" or entity == "*":
                self.load_phases()
            else:
                self.reload()

    # --- details and actions ------------------------------------------------------------------------------------------
    def _on_selection(self, record: CandidateRecord | None) -> None:
        if record is None:
            self.details.setHtml("<p>Chọn một đối tượng trong danh sách để xem từng tiêu chuẩn.</p>")
            self.propose_button.setEnabled(False)
            self.override_button.setEnabled(False)
            return
        head = f"{record.subject_name} — {record.unit_name}" if record.unit_name else record.subject_name
        head += f"<br>Kết quả: <b>{record.result_label}</b>, đáp ứng {record.score}%"
        if record.proposal_label:
            head += f"<br>Đã đề nghị: {record.proposal_label}"
        who = escape(record.authority_name or "chưa rõ")
        head += f"<br>Cấp quyết định: <b>{who}</b> <i>({escape(record.authority_source)})</i>"
        self.details.setHtml(reasons_html(record.form_name, record.reasons, record.notes, head))
        proposed = bool(record.proposal_status)
        qualified = record.result == Outcome.PASS
        self.propose_button.setEnabled(qualified and not proposed)
        self.override_button.setEnabled(not qualified and not proposed)
        self.propose_button.setToolTip(
            "Đã có đề nghị cho đối tượng và hình thức này"
            if proposed
            else ("" if qualified else "Chưa đủ tiêu chuẩn: dùng «Đề xuất ngoài tiêu chuẩn…» và ghi lý do")
        )
        self.override_button.setToolTip("Đã có đề nghị" if proposed else "")

    def propose(self) -> None:
        record = self.table.current()
        if record is not None and record.result == Outcome.PASS and not record.proposal_status:
            self._add(record, override=False)

    def propose_override(self) -> None:
        record = self.table.current()
        if record is not None and record.result != Outcome.PASS and not record.proposal_status:
            self._add(record, override=True)

    def _add(self, record: CandidateRecord, override: bool) -> None:
        campaign_id = self.context.campaign_id
        if campaign_id is None or self.review is None:
            messages.show_info(self, NO_CAMPAIGN)
            return
        db = self.db

        def add(batch_id: int, reason: str, summary: str) -> Any:
            return batches.add_candidate(
                db,
                batch_id,
                record.subject_type,
                record.subject_id,
                record.ruleset_code,
                override_reason=reason,
                achievement_summary=summary,
            )

        verdict = f"<b>{record.result_label}</b>" + ("" if not override else f": {record.main_reason}")
        dialog = AddToBatchDialog(
            db,
            campaign_id,
            self.review.phase_id,
            record.authority,
            f"<b>{record.subject_name}</b> — {record.form_name}<br>{verdict}",
            add,
            need_reason=override,
            summary="" if override else record.main_reason,
            parent=self,
        )
        accepted = dialog.exec() == AddToBatchDialog.DialogCode.Accepted
        dialog.deleteLater()
        if accepted:
            self.context.notify_changed("proposals")
            self.context.status_message.emit(f"Đã thêm {record.subject_name} vào đợt trình.")

    def edit_params(self) -> None:
        dialog = ParamsDialog(self.db, load_rule_params(self.db), self)
        accepted = dialog.exec() == ParamsDialog.DialogCode.Accepted
        dialog.deleteLater()
        if accepted:
            self.context.notify_changed("rules")

    def focus_search(self) -> None:
        self.table.search.setFocus()
        self.table.search.selectAll()


TAB = CandidatesTab

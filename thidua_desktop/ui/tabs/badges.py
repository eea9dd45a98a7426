"""Tab «Huy hiệu Đảng»: for an award occasion (3/2, 19/5, 2/9, 7/11), the Party members who reach a milestone, with
their Party age (gaps of re-admitted members subtracted), ready to go into a proposal batch."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from thidua_desktop.core.errors import UserError
from thidua_desktop.core.rules.engine import Outcome
from thidua_desktop.core.rules.forms import BADGE_CODE
from thidua_desktop.core.rules.party_age import OCCASION_NAMES, OCCASIONS
from thidua_desktop.core.services import badges, batches
from thidua_desktop.core.services.badges import BadgeRecord
from thidua_desktop.core.services.catalogue import award_form_by_code
from thidua_desktop.core.text import format_date, name_sort_key
from thidua_desktop.ui.context import AppContext
from thidua_desktop.ui.dialogs.batch_dialogs import AddToBatchDialog
from thidua_desktop.ui.table_model import Column
from thidua_desktop.ui.tabs.batches import hide_buttons
from thidua_desktop.ui.widgets import messages
from thidua_desktop.ui.widgets.campaign_tab import NO_CAMPAIGN
from thidua_desktop.ui.widgets.reasons_view import reasons_html
from thidua_desktop.ui.widgets.record_table import RecordTable
from thidua_desktop.ui.worker import Progress, TaskHandle, run_task

RELOAD_ON = frozenset({"*", "persons", "proposals", "batches", "records", "rules"})

COLUMNS: list[Column[BadgeRecord]] = [
    Column(
        "Kết quả",
        lambda b: f"{Outcome(b.result).symbol} {Outcome(b.result).label}",
        120,
        sort_key=lambda b: Outcome(b.result).rank,
    ),
    Column("Họ và tên", lambda b: b.full_name, 190, sort_key=lambda b: name_sort_key(b.full_name)),
    Column("Chi bộ", lambda b: b.unit_name, 190),
    Column("Ngày vào Đảng", lambda b: b.party_join_date, 110),
    Column("Tuổi đảng", lambda b: b.party_age_text, 110, sort_key=lambda b: b.party_age_years),
    Column("Mốc", lambda b: f"{b.milestone} năm", 70, sort_key=lambda b: b.milestone),
    Column("Đủ mốc ngày", lambda b: b.reach_date, 100),
    Column("Trao sớm", lambda b: "Có" if b.early else "", 76),
    Column("Đã đề nghị", lambda b: b.proposal_status and "Đã có", 86),
    Column("Ghi chú", lambda b: b.note, 380, tooltip=lambda b: b.note),
]


def next_occasion(today: date) -> date:
    for year in (today.year, today.year + 1):
        for month, day in OCCASIONS:
            if date(year, month, day) >= today:
                return date(year, month, day)
    raise AssertionError("unreachable")


class BadgesTab(QWidget):
    TITLE = "Huy hiệu Đảng"
    ORDER = 70

    def __init__(self, context: AppContext, parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.db = context.db
        self.records: list[BadgeRecord] = []
        self.task: TaskHandle | None = None
        self.loaded = False
        self._pending = False
        upcoming = next_occasion(today or date.today())

        self.year = QSpinBox(self)
        self.year.setRange(1950, 2100)
        self.year.setValue(upcoming.year)
        self.occasion = QComboBox(self)
        for month, day in OCCASIONS:
            self.occasion.addItem(OCCASION_NAMES[(month, day)], (month, day))
        self.occasion.setCurrentIndex(OCCASIONS.index((upcoming.month, upcoming.day)))
        self.early = QCheckBox("Hiện cả trường hợp có thể trao sớm (ốm nặng)", self)
        self.year.valueChanged.connect(lambda _v: self.reload())
        self.occasion.currentIndexChanged.connect(lambda _i: self.reload())
        self.early.toggled.connect(lambda _on: self.reload())
        top = QHBoxLayout()
        top.addWidget(QLabel("Đợt trao:", self))
        top.addWidget(self.occasion)
        top.addWidget(QLabel("Năm:", self))
        top.addWidget(self.year)
        top.addWidget(self.early)
        top.addStretch(1)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)

        self.table: RecordTable[BadgeRecord] = RecordTable(COLUMNS, "đảng viên", self)
        hide_buttons(self.table, "add_button", "edit_button", "delete_button", "history_button")
        self.table.view.horizontalHeader().setSectionResizeMode(
            len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch
        )
        self.table.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.selection_changed.connect(self._on_selection)
        self.details = QTextBrowser(self)
        self.propose_button = QPushButton("Đưa vào đợt trình…", self)
        self.propose_button.clicked.connect(self.propose)
        details_box = QGroupBox("Tuổi đảng và điều kiện", self)
        details_layout = QVBoxLayout(details_box)
        details_layout.addWidget(self.details, 1)
        details_layout.addWidget(self.propose_button, 0, Qt.AlignmentFlag.AlignLeft)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(details_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        context.data_changed.connect(lambda entity: self.reload() if entity in RELOAD_ON else None)
        self.reload()

    @property
    def occasion_date(self) -> date:
        month, day = self.occasion.currentData()
        return date(self.year.value(), month, day)

    def reload(self) -> None:
        if self.task is not None:
            self._pending = True
            return
        occasion, early, db = self.occasion_date, self.early.isChecked(), self.db
        self.loaded = False

        def job(_progress: Progress) -> list[BadgeRecord]:
            return badges.list_badge_candidates(db, occasion, include_early=early)

        self.task = run_task(
            self,
            "Đang tính tuổi đảng…",
            job,
            on_done=lambda rows: self._loaded(occasion, rows),
            on_error=self._failed,
            on_cancel=lambda: self._loaded(occasion, self.records),
        )

    def _loaded(self, occasion: date, rows: list[BadgeRecord]) -> None:
        self.task = None
        if self._pending:
            self._pending = False
            self.reload()
            return
        self.records = rows
        ready = sum(1 for r in rows if r.eligible)
        self.summary.setText(
            f"Đợt {format_date(occasion)}: {len(rows)} đảng viên đến mốc, {ready} đủ điều kiện trao. "
            "Tuổi đảng tính từ ngày quyết định kết nạp, trừ thời gian gián đoạn (Điều lệ Đảng Điều 5 khoản 4)."
        )
        self.table.set_rows(rows)
        self._on_selection(self.table.current())
        self.loaded = True

    def _failed(self, exc: BaseException, _trace: str) -> None:
        self.task = None
        self._pending = False
        self.loaded = True
        if isinstance(exc, UserError):
            messages.show_user_error(self, exc)
        else:
            messages.show_error(self, f"Không tính được tuổi đảng: {exc}")

    def _on_selection(self, record: BadgeRecord | None) -> None:
        if record is None:
            self.details.setHtml("<p>Chọn một đảng viên để xem tuổi đảng và điều kiện.</p>")
            self.propose_button.setEnabled(any(r.eligible and not r.proposal_status for r in self.records))
            return
        gaps = f"; gián đoạn {record.gap_count} lần, không tính vào tuổi đảng" if record.gap_count else ""
        head = (
            f"{record.full_name} — {record.unit_name}<br>Vào Đảng ngày {format_date(record.party_join_date)}{gaps}"
            f"<br>Tuổi đảng đến đợt trao: <b>{record.party_age_text}</b>; mốc {record.milestone} năm đủ ngày "
            f"{format_date(record.reach_date)}"
        )
        self.details.setHtml(
            reasons_html(f"Huy hiệu {record.milestone} năm tuổi Đảng", record.reasons, (), head)
        )
        self.propose_button.setEnabled(not record.proposal_status)

    def propose(self) -> None:
        campaign_id = self.context.campaign_id
        if campaign_id is None:
            messages.show_info(self, NO_CAMPAIGN)
            return
        record = self.table.current()
        ready = [r for r in self.records if r.eligible and not r.proposal_status]
        if record is None and not ready:
            return
        occasion = self.occasion_date
        db = self.db
        try:
            authority = award_form_by_code(db, BADGE_CODE).authority
        except UserError as exc:
            messages.show_user_error(self, exc)
            return
        chosen = record or ready[0]
        need_reason = not chosen.eligible

        def add(batch_id: int, reason: str, summary: str) -> Any:
            targets = [chosen]
            if dialog.bulk.isChecked():
                targets = [chosen, *(r for r in ready if r.person_id != chosen.person_id)]
            return [
                batches.add_candidate(
                    db,
                    batch_id,
                    "person",
                    target.person_id,
                    BADGE_CODE,
                    override_reason=reason if target is chosen else "",
                    achievement_summary=summary if target is chosen else "",
                    occasion=occasion,
                )
                for target in targets
            ]

        others = len([r for r in ready if r.person_id != chosen.person_id])
        dialog = AddToBatchDialog(
            db,
            campaign_id,
            None,
            authority,
            f"<b>{chosen.full_name}</b> — Huy hiệu {chosen.milestone} năm tuổi Đảng, đợt {format_date(occasion)}"
            f"<br>{chosen.note}",
            add,
            need_reason=need_reason,
            summary=f"Đủ {chosen.milestone} năm tuổi Đảng ngày {format_date(chosen.reach_date)}",
            new_batch_name=f"Huy hiệu Đảng đợt {format_date(occasion)}",
            parent=self,
            bulk_label=f"Đưa luôn {others} đảng viên đủ điều kiện khác trong danh sách" if others else "",
        )
        accepted = dialog.exec() == AddToBatchDialog.DialogCode.Accepted
        dialog.deleteLater()
        if accepted:
            self.context.notify_changed("proposals")
            self.context.status_message.emit("Đã đưa vào đợt trình Huy hiệu Đảng.")

    def focus_search(self) -> None:
        self.table.search.setFocus()
        self.table.search.selectAll()


TAB = BadgesTab

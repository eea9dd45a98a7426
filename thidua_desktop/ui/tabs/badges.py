"""Tab «Huy hiệu Đảng»: for an award occasion (3/2, 19/5, 2/9, 7/11 or another anniversary set in «Thiết lập cơ
quan»), the Party members who reach a milestone, with their Party age (gaps of re-admitted members subtracted),
whether it is due at this occasion or overdue (missed before it and never recorded), ready to go into a proposal
batch or to be recorded as already awarded."""

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
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from thidua_desktop.core.errors import UserError
from thidua_desktop.core.rules.badge import BadgeStatus
from thidua_desktop.core.rules.engine import Outcome
from thidua_desktop.core.rules.forms import BADGE_CODE
from thidua_desktop.core.rules.party_age import (
    OCCASION_NAMES,
    OCCASIONS,
    Occasion,
    next_occasion,
    occasions_of,
)
from thidua_desktop.core.services import badges, batches
from thidua_desktop.core.services.badges import BadgeRecord, load_extra_occasions, record_badge_awarded
from thidua_desktop.core.services.catalogue import award_form_by_code
from thidua_desktop.core.storage.database import Database
from thidua_desktop.core.text import format_date, name_sort_key
from thidua_desktop.ui.context import AppContext
from thidua_desktop.ui.dialogs.batch_dialogs import AddToBatchDialog
from thidua_desktop.ui.table_model import Column
from thidua_desktop.ui.tabs.batches import hide_buttons
from thidua_desktop.ui.widgets import messages
from thidua_desktop.ui.widgets.campaign_tab import NO_CAMPAIGN
from thidua_desktop.ui.widgets.date_field import OptionalDateEdit
from thidua_desktop.ui.widgets.reasons_view import reasons_html
from thidua_desktop.ui.widgets.record_dialog import RecordDialog
from thidua_desktop.ui.widgets.record_table import RecordTable
from thidua_desktop.ui.worker import Progress, TaskHandle, run_task

RELOAD_ON = frozenset({"*", "persons", "proposals", "batches", "records", "rules", "settings"})
ALL_STATUSES = "Tất cả"

COLUMNS: list[Column[BadgeRecord]] = [
    Column(
        "Kết quả",
        lambda b: f"{Outcome(b.result).symbol} {Outcome(b.result).label}",
        120,
        sort_key=lambda b: Outcome(b.result).rank,
    ),
    Column(
        "Tình trạng",
        lambda b: b.status_label,
        90,
        sort_key=lambda b: b.status,
        tooltip=lambda b: (
            "Đủ mốc từ trước đợt trao trước nhưng chưa ghi nhận đã trao: kiểm tra hồ sơ, hoặc ghi nhận đã trao"
            if b.status == BadgeStatus.OVERDUE
            else "Đủ mốc sau đợt trao trước (hoặc xét trao sớm)"
        ),
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


class BadgeAwardedDialog(RecordDialog):
    """«Ghi nhận đã trao»: the member already received this milestone's badge; the award date is required, the
    decision's number and date are optional."""

    def __init__(self, db: Database, record: BadgeRecord, parent: QWidget | None = None) -> None:
        super().__init__(f"Ghi nhận đã trao Huy hiệu Đảng — {record.full_name}", self._save_record, parent)
        self.db = db
        self.record = record
        self.awarded_on = OptionalDateEdit(self)
        self.decision_number = QLineEdit(self)
        self.decision_number.setPlaceholderText("ví dụ: 125-QĐ/TU")
        self.decision_date = OptionalDateEdit(self)
        self.intro = QLabel(
            f"{record.full_name} — huy hiệu <b>{record.milestone} năm tuổi Đảng</b> (đủ mốc ngày "
            f"{format_date(record.reach_date)}). Sau khi ghi nhận, mốc này không còn trong danh sách.",
            self,
        )
        self.intro.setWordWrap(True)
        self.form.addRow(self.intro)
        self.form.addRow("Ngày trao *", self.awarded_on)
        self.form.addRow("Số quyết định", self.decision_number)
        self.form.addRow("Ngày quyết định", self.decision_date)
        self.fields = {
            "awarded_on": self.awarded_on,
            "decision_number": self.decision_number,
            "decision_date": self.decision_date,
        }

    def collect(self) -> tuple[date | None, str, date | None]:
        return self.awarded_on.value(), self.decision_number.text(), self.decision_date.value()

    def _save_record(self, values: tuple[date | None, str, date | None]) -> Any:
        awarded_on, number, decided = values
        return record_badge_awarded(
            self.db, self.record.person_id, self.record.milestone, awarded_on, number, decided
        )


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
        self.extra: tuple[Occasion, ...] = load_extra_occasions(self.db)
        upcoming = next_occasion(today or date.today(), self.extra)

        self.year = QSpinBox(self)
        self.year.setRange(1950, 2100)
        self.year.setValue(upcoming.year)
        self.occasion = QComboBox(self)
        self._fill_occasions((upcoming.month, upcoming.day))
        self.early = QCheckBox("Hiện cả trường hợp có thể trao sớm (ốm nặng)", self)
        self.status_filter = QComboBox(self)
        self.status_filter.addItem(ALL_STATUSES, None)
        for status in BadgeStatus:
            self.status_filter.addItem(status.label, status.value)
        self.status_filter.setToolTip(
            "Đến hạn: đủ mốc sau đợt trao trước; Quá hạn: đủ mốc từ trước đợt trao trước mà chưa ghi nhận đã trao"
        )
        self.year.valueChanged.connect(lambda _v: self._year_changed())
        self.occasion.currentIndexChanged.connect(lambda _i: self.reload())
        self.early.toggled.connect(lambda _on: self.reload())
        self.status_filter.currentIndexChanged.connect(lambda _i: self._show_rows())
        top = QHBoxLayout()
        top.addWidget(QLabel("Đợt trao:", self))
        top.addWidget(self.occasion)
        top.addWidget(QLabel("Năm:", self))
        top.addWidget(self.year)
        top.addWidget(QLabel("Tình trạng:", self))
        top.addWidget(self.status_filter)
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
        self.awarded_button = QPushButton("Ghi nhận đã trao…", self)
        self.awarded_button.setToolTip(
            "Đảng viên đã được trao huy hiệu mốc này: ghi vào hồ sơ khen thưởng đã nhận"
        )
        self.awarded_button.clicked.connect(self.record_awarded)
        details_box = QGroupBox("Tuổi đảng và điều kiện", self)
        details_layout = QVBoxLayout(details_box)
        details_layout.addWidget(self.details, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.propose_button)
        buttons.addWidget(self.awarded_button)
        buttons.addStretch(1)
        details_layout.addLayout(buttons)
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
        context.data_changed.connect(self._data_changed)
        self.reload()

    @property
    def occasion_date(self) -> date:
        month, day = divmod(int(self.occasion.currentData()), 100)
        return date(self.year.value(), month, day)

    def _fill_occasions(self, keep: tuple[int, int] | None = None) -> None:
        """The four occasions and the other anniversaries of the year chosen, in calendar order."""
        chosen = keep or divmod(int(self.occasion.currentData() or 0), 100)
        names = {(o.month, o.day): o.name or "Dịp kỷ niệm khác" for o in self.extra}
        days = [(d.month, d.day) for d in occasions_of(self.year.value(), self.extra)]
        self.occasion.blockSignals(True)
        self.occasion.clear()
        for month, day in days:
            label = OCCASION_NAMES.get((month, day)) or f"{names[(month, day)]} ({day:02d}/{month:02d})"
            self.occasion.addItem(label, month * 100 + day)
        self.occasion.setCurrentIndex(days.index(chosen) if chosen in days else days.index(OCCASIONS[0]))
        self.occasion.blockSignals(False)

    def _year_changed(self) -> None:
        self._fill_occasions()
        self.reload()

    def _data_changed(self, entity: str) -> None:
        if entity not in RELOAD_ON:
            return
        if entity in ("*", "settings"):
            self.extra = load_extra_occasions(self.db)
            self._fill_occasions()
        self.reload()

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
        overdue = sum(1 for r in rows if r.status == BadgeStatus.OVERDUE)
        self.summary.setText(
            f"Đợt {format_date(occasion)}: {len(rows)} đảng viên đến mốc ({overdue} quá hạn), {ready} đủ điều kiện "
            "trao. Tuổi đảng tính từ ngày quyết định kết nạp, trừ thời gian gián đoạn (Điều lệ Đảng Điều 5 khoản 4). "
            "Các dịp trao ngoài 03/02, 19/5, 02/9, 07/11 là thiết lập (Dữ liệu → Thiết lập cơ quan)."
        )
        self._show_rows()
        self.loaded = True

    def shown(self) -> list[BadgeRecord]:
        wanted = self.status_filter.currentData()
        return [r for r in self.records if wanted is None or r.status == wanted]

    def _show_rows(self) -> None:
        current = self.table.current()
        self.table.set_rows(self.shown(), keep_id=current.id if current else None)
        self._on_selection(self.table.current())

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
            self.awarded_button.setEnabled(False)
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
        self.awarded_button.setEnabled(True)

    def record_awarded(self) -> None:
        record = self.table.current()
        if record is None:
            return
        dialog = BadgeAwardedDialog(self.db, record, self)
        accepted = dialog.exec() == BadgeAwardedDialog.DialogCode.Accepted
        dialog.deleteLater()
        if accepted:
            self.context.notify_changed("records")
            self.context.status_message.emit(
                f"Đã ghi nhận {record.full_name} đã được trao Huy hiệu {record.milestone} năm tuổi Đảng."
            )

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

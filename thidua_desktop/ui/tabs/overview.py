"""Tab «Tổng quan»: where the selected campaign stands — pledges, targets met, evidence to verify, proposals,
and progress per unit."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from thidua_desktop.core.enums import CampaignKind, ProposalStatus, ReviewKind
from thidua_desktop.core.errors import UserError
from thidua_desktop.core.services.campaigns import CampaignRecord, PhaseRecord, get_campaign, list_campaigns
from thidua_desktop.core.services.stats import CampaignOverview, UnitProgress, campaign_overview
from thidua_desktop.core.text import format_date, format_number, format_percent
from thidua_desktop.ui.context import AppContext
from thidua_desktop.ui.proxy import RecordFilterProxy
from thidua_desktop.ui.table_model import Column, RecordTableModel, SortRole
from thidua_desktop.ui.widgets import messages

NOT_CHOSEN = (
    "Chưa chọn phong trào thi đua.\n\nChọn một phong trào ở thanh công cụ phía trên, hoặc thêm phong trào mới "
    "(Dữ liệu → Phong trào thi đua…)."
)
NO_CAMPAIGNS = (
    "Dữ liệu chưa có phong trào thi đua nào.\n\nThêm phong trào đầu tiên với các giai đoạn và hội nghị sơ kết, "
    "tổng kết; hoặc nạp phong trào mẫu để xem thử mọi chức năng (có thể xóa sau)."
)

RELOAD_ON = frozenset({"*", "campaigns", "pledges", "targets", "evidence", "proposals", "units", "persons"})

UNIT_COLUMNS: list[Column[UnitProgress]] = [
    Column("Đơn vị, cá nhân đăng ký", lambda u: u.unit_name, 380),
    Column("Bản đăng ký", lambda u: u.pledges, 115, align_right=True),
    Column("Chỉ tiêu", lambda u: u.targets, 90, align_right=True),
    Column("Đã đạt", lambda u: u.targets_met, 90, align_right=True),
    Column(
        "Tỷ lệ đạt",
        lambda u: format_percent(u.percent_met) if u.percent_met is not None else "—",
        220,
        sort_key=lambda u: u.percent_met if u.percent_met is not None else -1.0,
    ),
]
PERCENT_COLUMN = 4


class PercentBarDelegate(QStyledItemDelegate):
    """Paints the percentage (``SortRole``, 0–100) as a thin bar with the text beside it."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        value = index.data(SortRole)
        if not isinstance(value, int | float) or value < 0:
            super().paint(painter, option, index)
            return
        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        rect = option.rect  # type: ignore[attr-defined]
        if selected:
            painter.fillRect(rect, option.palette.highlight())  # type: ignore[attr-defined]
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text_width = 58
        bar = QRectF(rect.left() + 8, rect.center().y() - 5, max(rect.width() - text_width - 20, 20), 10)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#ece6e1"))
        painter.drawRoundedRect(bar, 4, 4)
        fraction = max(0.0, min(float(value) / 100.0, 1.0))
        if fraction > 0:
            color = (
                QColor("#2e8b57")
                if fraction >= 0.999
                else QColor("#d08a1e")
                if fraction < 0.5
                else QColor("#4f9a5f")
            )
            filled = QRectF(bar.left(), bar.top(), bar.width() * fraction, bar.height())
            painter.setBrush(color)
            painter.drawRoundedRect(filled, 4, 4)
        painter.setPen(QPen(option.palette.text().color()))  # type: ignore[attr-defined]
        text_rect = rect.adjusted(rect.width() - text_width - 6, 0, -6, 0)
        painter.drawText(
            text_rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), str(index.data())
        )
        painter.restore()


class Card(QFrame):
    """A figure with its title and a line of detail."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.title = QLabel(title, self)
        self.title.setObjectName("cardTitle")
        self.value = QLabel("—", self)
        self.value.setObjectName("cardValue")
        self.note = QLabel(self)
        self.note.setObjectName("cardNote")
        self.note.setWordWrap(True)
        self.extra_layout = QVBoxLayout()
        self.extra_layout.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.value)
        layout.addLayout(self.extra_layout)
        layout.addWidget(self.note)
        layout.addStretch(1)

    def set(self, value: str, note: str = "") -> None:
        self.value.setText(value)
        self.note.setText(note)
        self.note.setVisible(bool(note))


def phase_line(phase: PhaseRecord, today: date) -> str:
    start, end = format_date(phase.start_date), format_date(phase.end_date)
    span = f"{start} – {end}" if start or end else ""
    review = (
        ReviewKind(phase.review_kind).label.lower()
        if phase.review_kind in ReviewKind._value2member_map_
        else ""
    )
    text = f"Giai đoạn {phase.number}"
    if phase.name:
        text += f" ({phase.name[:1].lower()}{phase.name[1:]})" if not span else ""
    if span:
        text += f": {span}"
    if phase.review_date:
        days = (phase.review_date - today).days
        when = f"còn {format_number(days)} ngày" if days > 0 else "hôm nay" if days == 0 else "đã diễn ra"
        text += f" · hội nghị {review} {format_date(phase.review_date)} ({when})"
    return text


class OverviewTab(QWidget):
    TITLE = "Tổng quan"
    ORDER = 10

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.db = context.db
        self.overview: CampaignOverview | None = None
        self.campaign: CampaignRecord | None = None

        # --- the empty state ---------------------------------------------------------------------------------
        empty = QWidget(self)
        self.empty_label = QLabel(NOT_CHOSEN, empty)
        self.empty_label.setObjectName("emptyHint")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.new_campaign_button = QPushButton("Thêm phong trào thi đua…", empty)
        self.new_campaign_button.setObjectName("primaryButton")
        self.new_campaign_button.clicked.connect(self.add_record)
        self.demo_button = QPushButton("Nạp phong trào mẫu của phường Nguyễn Nghiêm", empty)
        self.demo_button.setToolTip("Kế hoạch thi đua mẫu với đơn vị, cá nhân, đăng ký, minh chứng, đề nghị")
        self.demo_button.clicked.connect(self.load_demo)
        empty_buttons = QHBoxLayout()
        empty_buttons.addStretch(1)
        empty_buttons.addWidget(self.new_campaign_button)
        empty_buttons.addWidget(self.demo_button)
        empty_buttons.addStretch(1)
        empty_layout = QVBoxLayout(empty)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty_label)
        empty_layout.addLayout(empty_buttons)
        empty_layout.addStretch(2)

        # --- the campaign ------------------------------------------------------------------------------------
        page = QWidget(self)
        self.title_label = QLabel(page)
        self.title_label.setObjectName("campaignTitle")
        self.title_label.setWordWrap(True)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts_label = QLabel(page)
        self.facts_label.setObjectName("hint")
        self.facts_label.setWordWrap(True)
        self.phases_label = QLabel(page)
        self.phases_label.setWordWrap(True)

        self.pledges_card = Card("Bản đăng ký thi đua", page)
        self.targets_card = Card("Chỉ tiêu đã đạt", page)
        self.targets_bar = QProgressBar(self.targets_card)
        self.targets_bar.setRange(0, 100)
        self.targets_bar.setFormat("%p%")
        self.targets_card.extra_layout.addWidget(self.targets_bar)
        self.evidence_card = Card("Minh chứng chờ xác minh", page)
        self.proposals_card = Card("Đề nghị khen thưởng", page)
        cards = QGridLayout()
        cards.setHorizontalSpacing(12)
        for column, card in enumerate(
            (self.pledges_card, self.targets_card, self.evidence_card, self.proposals_card)
        ):
            cards.addWidget(card, 0, column)
            cards.setColumnStretch(column, 1)

        self.model: RecordTableModel[UnitProgress] = RecordTableModel(UNIT_COLUMNS, self)
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(page)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for i, column in enumerate(UNIT_COLUMNS):
            self.table.setColumnWidth(i, column.width)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(PERCENT_COLUMN, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self.table.setItemDelegateForColumn(PERCENT_COLUMN, PercentBarDelegate(self.table))
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.search = QLineEdit(page)
        self.search.setPlaceholderText("Lọc theo tên (gõ không dấu cũng được)…")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(340)
        self.search.textChanged.connect(self.proxy.set_search)
        units_title = QLabel("Tiến độ theo đơn vị, cá nhân đăng ký", page)
        units_title.setObjectName("sectionTitle")
        units_top = QHBoxLayout()
        units_top.addWidget(units_title, 1)
        units_top.addWidget(self.search)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.setSpacing(8)
        layout.addWidget(self.title_label)
        layout.addWidget(self.facts_label)
        layout.addWidget(self.phases_label)
        layout.addSpacing(4)
        layout.addLayout(cards)
        layout.addSpacing(4)
        layout.addLayout(units_top)
        layout.addWidget(self.table, 1)

        self.stack = QStackedWidget(self)
        self.stack.addWidget(empty)
        self.stack.addWidget(page)
        self.campaign_page = page
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

        context.data_changed.connect(self._on_data_changed)
        context.campaign_changed.connect(lambda _id: self.reload())
        self.reload()

    # --- the tab protocol -----------------------------------------------------------------------------------------
    def add_record(self) -> None:
        """Ctrl+N here starts a new campaign."""
        from thidua_desktop.ui.dialogs.campaign_dialog import CampaignDialog

        dialog = CampaignDialog(self.context, None, self)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        saved = dialog.result_record
        dialog.deleteLater()
        if accepted and saved is not None:
            self.context.notify_changed("campaigns")
            self.context.set_campaign(saved.id)
            self.context.status_message.emit(f"Đã thêm phong trào «{saved.name}».")

    def load_demo(self) -> None:
        from thidua_desktop.core.demo import load_demo

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            summary = load_demo(self.db)
        except UserError as exc:
            QApplication.restoreOverrideCursor()
            messages.show_user_error(self, exc)
            return
        QApplication.restoreOverrideCursor()
        self.context.notify_changed("campaigns")
        self.context.set_campaign(summary.campaign_id)
        self.context.notify_changed("*")
        self.context.status_message.emit("Đã nạp phong trào mẫu của phường Nguyễn Nghiêm.")

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def reload(self) -> None:
        campaign_id = self.context.campaign_id
        if campaign_id is None:
            self.overview = None
            self.campaign = None
            self.model.set_rows([])
            none_yet = not list_campaigns(self.db)
            self.empty_label.setText(NO_CAMPAIGNS if none_yet else NOT_CHOSEN)
            self.demo_button.setVisible(none_yet)
            self.stack.setCurrentIndex(0)
            return
        self.campaign = get_campaign(self.db, campaign_id)
        self.overview = campaign_overview(self.db, campaign_id)
        self._show(self.campaign, self.overview)
        self.stack.setCurrentIndex(1)

    # --- painting the figures ---------------------------------------------------------------------------------
    def _show(self, campaign: CampaignRecord, overview: CampaignOverview) -> None:
        self.title_label.setText(campaign.name)
        self.title_label.setToolTip(campaign.theme)
        facts = []
        if campaign.kind in CampaignKind._value2member_map_:
            facts.append(CampaignKind(campaign.kind).label)
        if campaign.start_date or campaign.end_date:
            facts.append(f"{format_date(campaign.start_date)} – {format_date(campaign.end_date)}")
        if campaign.plan_reference:
            facts.append(f"Căn cứ: {campaign.plan_reference}")
        self.facts_label.setText(" · ".join(facts))
        today = date.today()
        self.phases_label.setText("\n".join(phase_line(p, today) for p in campaign.phases))
        self.phases_label.setVisible(bool(campaign.phases))

        units = len(overview.by_unit)
        self.pledges_card.set(
            format_number(overview.pledges),
            f"của {format_number(units)} đơn vị, cá nhân" if overview.pledges else "Chưa có bản đăng ký nào",
        )
        percent = overview.targets_met / overview.targets * 100 if overview.targets else 0.0
        self.targets_card.set(
            f"{format_number(overview.targets_met)} / {format_number(overview.targets)}",
            "Tính theo kết quả đã xác minh" if overview.targets else "Chưa có chỉ tiêu nào",
        )
        self.targets_bar.setValue(round(percent))
        self.targets_bar.setFormat(format_percent(percent) if overview.targets else "—")
        self.targets_bar.setToolTip(
            f"{format_number(overview.targets_met)} trong {format_number(overview.targets)} chỉ tiêu đã đạt"
        )
        self.evidence_card.set(
            format_number(overview.evidence_unverified),
            f"Đã xác minh {format_number(overview.evidence_verified)} · "
            f"không đạt {format_number(overview.evidence_rejected)}",
        )
        statuses = overview.proposals_by_status
        total = sum(statuses.values())
        parts = [
            f"{ProposalStatus(code).label}: {format_number(count)}"
            for code, count in statuses.items()
            if count and code in ProposalStatus._value2member_map_
        ]
        self.proposals_card.set(format_number(total), "\n".join(parts) if parts else "Chưa có đề nghị nào")
        self.model.set_rows(overview.by_unit)

    def _on_data_changed(self, entity: str) -> None:
        if entity in RELOAD_ON:
            self.reload()


TAB = OverviewTab

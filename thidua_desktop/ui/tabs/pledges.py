"""Tab «Đăng ký thi đua»: the campaign's pledges and, below, the targets of the selected pledge with progress."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from thidua_desktop.core.enums import PledgeSource, SubjectType
from thidua_desktop.core.services.pledges import (
    PledgeRecord,
    TargetRecord,
    delete_pledge,
    list_pledges,
    progress_of,
)
from thidua_desktop.core.text import format_percent, name_order
from thidua_desktop.ui.context import AppContext
from thidua_desktop.ui.dialogs.fields import amount
from thidua_desktop.ui.dialogs.pledge_dialog import PledgeDialog, phase_text
from thidua_desktop.ui.table_model import Column, RecordTableModel
from thidua_desktop.ui.widgets.campaign_tab import CampaignRecordTab, fit_columns

SUBJECT_RANK = {SubjectType.UNIT.value: "1", SubjectType.PERSON.value: "2", SubjectType.HOUSEHOLD.value: "3"}


def subject_sort_key(subject_type: str, name: str) -> tuple[str, ...]:
    """Collectives first, then people by given name and family name (Vietnamese list order), then households."""
    parts = name_order(name) if subject_type == SubjectType.PERSON else (name,)
    return (SUBJECT_RANK.get(subject_type, "9"), *parts)


def met_text(target: TargetRecord) -> str:
    if target.met:
        return "✓ Đạt"
    if target.met is None:
        return "—"
    _, met_by_value = progress_of(target.target_value, target.achieved_value)
    return "… Chờ xác minh" if met_by_value else "✗ Chưa đạt"


def met_tooltip(target: TargetRecord) -> str:
    if target.met is None:
        return "Chưa có kết quả (minh chứng) cho chỉ tiêu này."
    if target.met:
        return "Kết quả đạt chỉ tiêu và đã được xác minh."
    _, met_by_value = progress_of(target.target_value, target.achieved_value)
    if met_by_value:
        return "Kết quả đạt chỉ tiêu nhưng minh chứng chưa được xác minh."
    return "Kết quả chưa đạt giá trị chỉ tiêu."


def achieved_text(target: TargetRecord) -> str:
    text = amount(target.achieved_value, target.unit_of_measure)
    if text and not target.achieved_verified:
        text += " (chưa xác minh)"
    return text


PLEDGE_COLUMNS: list[Column[PledgeRecord]] = [
    Column(
        "Đối tượng",
        lambda p: p.subject_name,
        250,
        sort_key=lambda p: subject_sort_key(p.subject_type, p.subject_name),
    ),
    Column("Đơn vị", lambda p: p.unit_name, 230),
    Column("Loại", lambda p: SubjectType(p.subject_type).label, 90),
    Column("Danh hiệu đăng ký", lambda p: p.title_name, 220),
    Column("Ngày đăng ký", lambda p: p.pledge_date, 100),
    Column("Số chỉ tiêu", lambda p: p.target_count, 82, align_right=True),
    Column(
        "Đã đạt",
        lambda p: f"{p.targets_met}/{p.target_count}" if p.target_count else "",
        70,
        align_right=True,
        sort_key=lambda p: (p.targets_met / p.target_count) if p.target_count else -1.0,
        tooltip=lambda p: f"{p.targets_met} trong {p.target_count} chỉ tiêu đã đạt và được xác minh",
    ),
    Column(
        "Nguồn",
        lambda p: PledgeSource(p.source).label if p.source in PledgeSource._value2member_map_ else p.source,
        110,
        tooltip=lambda p: (
            f"{p.source_file}, dòng {p.source_row}" if p.source_file and p.source_row else p.source_file
        ),
    ),
]

TARGET_COLUMNS: list[Column[TargetRecord]] = [
    Column("STT", lambda t: t.sort_order + 1, 44, align_right=True),
    Column("Nội dung chỉ tiêu", lambda t: t.content, 430, tooltip=lambda t: t.content),
    Column(
        "Chỉ tiêu",
        lambda t: amount(t.target_value, t.unit_of_measure),
        110,
        align_right=True,
        sort_key=lambda t: t.target_value,
    ),
    Column("Thời hạn", lambda t: t.deadline, 90),
    Column("Giai đoạn", lambda t: phase_text(t.phase_number), 90),
    Column("Kết quả", achieved_text, 150, align_right=True, sort_key=lambda t: t.achieved_value),
    Column(
        "Tỷ lệ",
        lambda t: format_percent(t.progress),
        70,
        align_right=True,
        sort_key=lambda t: t.progress,
    ),
    Column("Đạt", met_text, 110, tooltip=met_tooltip),
]


class PledgesTab(CampaignRecordTab[PledgeRecord]):
    TITLE = "Đăng ký thi đua"
    ORDER = 30
    ENTITY = "pledges"
    RELOAD_ON = frozenset(
        {"pledges", "evidence", "units", "persons", "households", "catalogue", "award_forms", "campaigns"}
    )
    AUDIT_TABLE = "pledge"
    NOUN = "đăng ký"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.table.search.setPlaceholderText(
            "Tìm theo đối tượng, đơn vị, danh hiệu… (gõ không dấu cũng được)"
        )
        self.table.view.horizontalHeader().setStretchLastSection(False)
        self.table.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

        self.targets_model: RecordTableModel[TargetRecord] = RecordTableModel(TARGET_COLUMNS, self)
        self.targets_view = QTableView(self)
        self.targets_view.setModel(self.targets_model)
        self.targets_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.targets_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.targets_view.setAlternatingRowColors(True)
        self.targets_view.setWordWrap(False)
        self.targets_view.verticalHeader().setVisible(False)
        self.targets_view.verticalHeader().setDefaultSectionSize(26)
        header = self.targets_view.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        fit_columns(self.targets_view, TARGET_COLUMNS)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.targets_summary = QLabel(self)
        self.targets_summary.setWordWrap(True)

        self.targets_box = QGroupBox("Chỉ tiêu của đăng ký đã chọn", self)
        box_layout = QVBoxLayout(self.targets_box)
        box_layout.addWidget(self.targets_summary)
        box_layout.addWidget(self.targets_view, 1)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.targets_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(splitter)
        self.reload()

    def columns(self) -> Sequence[Column[PledgeRecord]]:
        return PLEDGE_COLUMNS

    def load(self, campaign_id: int) -> list[PledgeRecord]:
        return list_pledges(self.db, campaign_id)

    def make_dialog(self, record: PledgeRecord | None) -> QDialog:
        return PledgeDialog(self.context, record, self)

    def delete(self, record: PledgeRecord) -> None:
        assert record.id is not None
        delete_pledge(self.db, record.id)

    def describe(self, record: PledgeRecord) -> str:
        return f"đăng ký thi đua của «{record.subject_name}»"

    def selection_changed(self, record: PledgeRecord | None) -> None:
        if record is None:
            self.targets_model.set_rows([])
            self.targets_box.setTitle("Chỉ tiêu của đăng ký đã chọn")
            self.targets_summary.setText(
                "Chọn một đăng ký ở bảng trên để xem các chỉ tiêu và tiến độ thực hiện."
            )
            return
        self.targets_model.set_rows(record.targets)
        self.targets_box.setTitle(f"Chỉ tiêu của {record.subject_name}")
        if not record.targets:
            summary = "Đăng ký này chưa có chỉ tiêu nào. Bấm «Sửa…» để thêm chỉ tiêu."
        else:
            with_result = sum(1 for t in record.targets if t.achieved_value is not None)
            summary = (
                f"{record.target_count} chỉ tiêu: {record.targets_met} đã đạt (đã xác minh), "
                f"{with_result} đã có kết quả."
            )
        if record.title_name:
            summary = f"Danh hiệu đăng ký: {record.title_name}. " + summary
        self.targets_summary.setText(summary)


TAB = PledgesTab

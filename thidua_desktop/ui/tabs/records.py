"""Tab «Hồ sơ khen thưởng, kỷ luật»: the facts the eligibility rules read — annual quality ratings, disciplines,
awards already received, recognised initiatives and gaps in Party membership — each on its own page, optionally
narrowed to one person."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, Generic, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from thidua_desktop.core.enums import SubjectType
from thidua_desktop.core.errors import UserError
from thidua_desktop.core.services.records import (
    DisciplineRecord,
    GapRecord,
    InitiativeRecord,
    PriorAwardRecord,
    RatingRecord,
    delete_discipline,
    delete_gap,
    delete_initiative,
    delete_prior_award,
    delete_rating,
    list_disciplines,
    list_gaps,
    list_initiatives,
    list_prior_awards,
    list_ratings,
)
from thidua_desktop.core.text import format_date, format_number, name_order
from thidua_desktop.ui.context import AppContext
from thidua_desktop.ui.dialogs.fields import subject_items
from thidua_desktop.ui.dialogs.records_dialogs import (
    DisciplineDialog,
    GapDialog,
    InitiativeDialog,
    PriorAwardDialog,
    RatingDialog,
)
from thidua_desktop.ui.table_model import Column
from thidua_desktop.ui.widgets import messages
from thidua_desktop.ui.widgets.campaign_tab import fit_columns
from thidua_desktop.ui.widgets.history_dialog import HistoryDialog
from thidua_desktop.ui.widgets.record_dialog import RecordDialog
from thidua_desktop.ui.widgets.record_table import RecordTable
from thidua_desktop.ui.widgets.search_combo import SearchComboBox

R = TypeVar("R")

ENTITY = "records"
RELOAD_ON = frozenset(
    {"*", ENTITY, "units", "persons", "households", "catalogue", "award_forms", "proposals", "batches"}
)
SUBJECT_RANK = {SubjectType.UNIT.value: "1", SubjectType.PERSON.value: "2", SubjectType.HOUSEHOLD.value: "3"}


def subject_key(subject_type: str, name: str) -> tuple[str, ...]:
    """Collectives first, then people by given name and family name (Vietnamese list order), then households."""
    parts = name_order(name) if subject_type == SubjectType.PERSON else (name,)
    return (SUBJECT_RANK.get(subject_type, "9"), *parts)


def subject_label(subject_type: str) -> str:
    return SubjectType(subject_type).label if subject_type in SubjectType._value2member_map_ else subject_type


def months_between(start: date | None, end: date | None) -> int:
    """Whole months from ``start`` to ``end``; -1 when either is missing or the end comes first."""
    if start is None or end is None or end < start:
        return -1
    return (end.year - start.year) * 12 + end.month - start.month - (1 if end.day < start.day else 0)


def duration_text(start: date | None, end: date | None) -> str:
    """The whole months from start to end as text: «5 năm», «3 năm 2 tháng», «7 tháng»."""
    months = months_between(start, end)
    if months < 0:
        return ""
    years, months = divmod(months, 12)
    parts = ([f"{years} năm"] if years else []) + ([f"{months} tháng"] if months else [])
    return " ".join(parts) or "dưới 1 tháng"


RATING_COLUMNS: list[Column[RatingRecord]] = [
    Column(
        "Đối tượng",
        lambda r: r.subject_name,
        240,
        sort_key=lambda r: (*subject_key(r.subject_type, r.subject_name), -(r.year or 0)),
    ),
    Column("Loại", lambda r: subject_label(r.subject_type), 80),
    Column("Năm", lambda r: str(r.year or ""), 60, align_right=True, sort_key=lambda r: r.year or 0),
    Column("Mức xếp loại", lambda r: r.level_label, 230),
    Column("Điểm", lambda r: r.score, 60, align_right=True),
    Column("Tiêu biểu", lambda r: r.is_outstanding, 80),
    Column("Ghi chú", lambda r: r.notes, 200, tooltip=lambda r: r.notes),
]

DISCIPLINE_COLUMNS: list[Column[DisciplineRecord]] = [
    Column(
        "Đối tượng",
        lambda d: d.subject_name,
        200,
        sort_key=lambda d: subject_key(d.subject_type, d.subject_name),
    ),
    Column("Loại", lambda d: subject_label(d.subject_type), 80),
    Column("Hình thức", lambda d: d.form_label, 110),
    Column(
        "Loại kỷ luật",
        lambda d: d.system_label,
        170,
        tooltip=lambda d: "" if d.system else "Chưa ghi là kỷ luật Đảng hay kỷ luật chính quyền, đoàn thể",
    ),
    Column("Số quyết định", lambda d: d.decision_number, 120),
    Column("Ngày quyết định", lambda d: d.decision_date, 110),
    Column("Từ ngày", lambda d: d.start_date, 90),
    Column(
        "Đến ngày",
        lambda d: d.end_date,
        90,
        tooltip=lambda d: "" if d.end_date else "Chưa ghi ngày hết thời hạn kỷ luật",
    ),
    Column("Lý do", lambda d: d.reason, 300, tooltip=lambda d: d.reason),
]

PRIOR_AWARD_COLUMNS: list[Column[PriorAwardRecord]] = [
    Column(
        "Đối tượng",
        lambda a: a.subject_name,
        190,
        sort_key=lambda a: (*subject_key(a.subject_type, a.subject_name), -(a.year or 0)),
    ),
    Column("Loại", lambda a: subject_label(a.subject_type), 75),
    Column(
        "Hình thức khen thưởng",
        lambda a: a.form_name,
        230,
        tooltip=lambda a: a.form_name if a.award_code else f"{a.form_name} (ngoài danh mục)",
    ),
    Column("Hạng, mức", lambda a: a.level, 140, tooltip=lambda a: a.level),
    Column("Năm", lambda a: str(a.year or ""), 60, align_right=True, sort_key=lambda a: a.year or 0),
    Column("Số quyết định", lambda a: a.decision_number, 110),
    Column("Ngày quyết định", lambda a: a.decision_date, 110),
    Column("Cấp khen", lambda a: a.authority_name, 260, tooltip=lambda a: a.authority_name),
]

INITIATIVE_COLUMNS: list[Column[InitiativeRecord]] = [
    Column("Tên sáng kiến", lambda i: i.title, 400, tooltip=lambda i: i.title),
    Column("Cấp công nhận", lambda i: i.level_label, 110),
    Column("Ngày công nhận", lambda i: i.recognized_date, 110),
    Column(
        "Tác giả",
        lambda i: ", ".join(i.author_names),
        170,
        tooltip=lambda i: "\n".join(i.author_names),
    ),
    Column("Quyết định công nhận", lambda i: i.decision_ref, 300, tooltip=lambda i: i.decision_ref),
    Column("Ghi chú", lambda i: i.notes, 120, tooltip=lambda i: i.notes),
]

GAP_COLUMNS: list[Column[GapRecord]] = [
    Column("Đảng viên", lambda g: g.person_name, 200, sort_key=lambda g: name_order(g.person_name)),
    Column("Từ ngày", lambda g: g.start_date, 90),
    Column("Đến ngày (kết nạp lại)", lambda g: g.end_date, 150),
    Column(
        "Thời gian",
        lambda g: duration_text(g.start_date, g.end_date),
        110,
        align_right=True,
        sort_key=lambda g: months_between(g.start_date, g.end_date),
    ),
    Column("Lý do", lambda g: g.reason, 360, tooltip=lambda g: g.reason),
]


class RecordsPage(QWidget, Generic[R]):
    """One kind of record: a searchable table with Thêm / Sửa / Xóa / Lịch sử thay đổi."""

    TITLE = ""
    NOUN = ""
    AUDIT_TABLE = ""
    SEARCH_HINT = ""
    STRETCH: tuple[int, ...] = ()

    saved = Signal(object, str)
    """(id of the record to select after the reload, status message) after a successful write."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.db = context.db
        self.person_id: int | None = None
        self.table: RecordTable[R] = RecordTable(self.columns(), self.NOUN, self, self.SEARCH_HINT)
        fit_columns(self.table.view, self.columns())
        header = self.table.view.horizontalHeader()
        header.setStretchLastSection(not self.STRETCH)
        for column in self.STRETCH:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.add_requested.connect(self.add_record)
        self.table.edit_requested.connect(self.edit_record)
        self.table.delete_requested.connect(self.delete_record)
        self.table.history_requested.connect(self.show_history)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addWidget(self.table)

    # --- to implement -------------------------------------------------------------------------------------------
    def columns(self) -> Sequence[Column[R]]:
        raise NotImplementedError

    def load(self, person_id: int | None) -> list[R]:
        """Every record, or those of one person, with one service call."""
        raise NotImplementedError

    def make_dialog(self, record: R | None) -> RecordDialog:
        raise NotImplementedError

    def delete(self, record: R) -> None:
        raise NotImplementedError

    def describe(self, record: R) -> str:
        """How the record is named in questions and titles."""
        raise NotImplementedError

    # --- behaviour ------------------------------------------------------------------------------------------------
    def reload(self, select_id: Any = None) -> None:
        self.table.set_rows(self.load(self.person_id), keep_id=select_id)

    def count(self) -> int:
        return self.table.model.rowCount()

    def add_record(self) -> None:
        self._run(self.make_dialog(None))

    def edit_record(self, record: R | None = None) -> None:
        record = record if record is not None else self.table.current()
        if record is not None:
            self._run(self.make_dialog(record))

    def delete_record(self, record: R | None = None) -> None:
        record = record if record is not None else self.table.current()
        if record is None or not messages.confirm_delete(self, self.describe(record)):
            return
        try:
            self.delete(record)
        except UserError as exc:
            messages.show_user_error(self, exc)
            return
        self.saved.emit(None, f"Đã xóa {self.describe(record)}.")

    def show_history(self, record: R | None = None) -> None:
        record = record if record is not None else self.table.current()
        record_id = getattr(record, "id", None)
        if record is not None and record_id is not None:
            HistoryDialog(self.db, self.AUDIT_TABLE, record_id, self.describe(record), self).exec()

    def _run(self, dialog: RecordDialog) -> None:
        accepted = dialog.exec() == RecordDialog.DialogCode.Accepted
        saved = dialog.result_record
        dialog.deleteLater()
        if accepted and saved is not None:
            self.saved.emit(getattr(saved, "id", None), f"Đã lưu {self.describe(saved)}.")


class RatingsPage(RecordsPage[RatingRecord]):
    TITLE = "Xếp loại chất lượng"
    NOUN = "xếp loại"
    AUDIT_TABLE = "quality_rating"
    SEARCH_HINT = "Tìm theo tên, năm, mức xếp loại… (gõ không dấu cũng được)"
    STRETCH = (0, 6)

    def columns(self) -> Sequence[Column[RatingRecord]]:
        return RATING_COLUMNS

    def load(self, person_id: int | None) -> list[RatingRecord]:
        if person_id is None:
            return list_ratings(self.db)
        return list_ratings(self.db, SubjectType.PERSON.value, person_id)

    def make_dialog(self, record: RatingRecord | None) -> RecordDialog:
        return RatingDialog(self.db, record, self, person_id=self.person_id)

    def delete(self, record: RatingRecord) -> None:
        assert record.id is not None
        delete_rating(self.db, record.id)

    def describe(self, record: RatingRecord) -> str:
        return f"xếp loại chất lượng năm {record.year} của «{record.subject_name}»"


class DisciplinesPage(RecordsPage[DisciplineRecord]):
    TITLE = "Kỷ luật"
    NOUN = "kỷ luật"
    AUDIT_TABLE = "discipline"
    SEARCH_HINT = "Tìm theo tên, hình thức, số quyết định, lý do… (gõ không dấu cũng được)"
    STRETCH = (0, 7)

    def columns(self) -> Sequence[Column[DisciplineRecord]]:
        return DISCIPLINE_COLUMNS

    def load(self, person_id: int | None) -> list[DisciplineRecord]:
        if person_id is None:
            return list_disciplines(self.db)
        return list_disciplines(self.db, SubjectType.PERSON.value, person_id)

    def make_dialog(self, record: DisciplineRecord | None) -> RecordDialog:
        return DisciplineDialog(self.db, record, self, person_id=self.person_id)

    def delete(self, record: DisciplineRecord) -> None:
        assert record.id is not None
        delete_discipline(self.db, record.id)

    def describe(self, record: DisciplineRecord) -> str:
        return f"kỷ luật «{record.form_label}» của «{record.subject_name}»"


class PriorAwardsPage(RecordsPage[PriorAwardRecord]):
    TITLE = "Khen thưởng đã nhận"
    NOUN = "khen thưởng"
    AUDIT_TABLE = "prior_award"
    SEARCH_HINT = "Tìm theo tên, hình thức, năm, số quyết định… (gõ không dấu cũng được)"
    STRETCH = (2, 7)

    def columns(self) -> Sequence[Column[PriorAwardRecord]]:
        return PRIOR_AWARD_COLUMNS

    def load(self, person_id: int | None) -> list[PriorAwardRecord]:
        if person_id is None:
            return list_prior_awards(self.db)
        return list_prior_awards(self.db, SubjectType.PERSON.value, person_id)

    def make_dialog(self, record: PriorAwardRecord | None) -> RecordDialog:
        return PriorAwardDialog(self.db, record, self, person_id=self.person_id)

    def delete(self, record: PriorAwardRecord) -> None:
        assert record.id is not None
        delete_prior_award(self.db, record.id)

    def describe(self, record: PriorAwardRecord) -> str:
        year = f" năm {record.year}" if record.year else ""
        return f"khen thưởng «{record.form_name}»{year} của «{record.subject_name}»"


class InitiativesPage(RecordsPage[InitiativeRecord]):
    TITLE = "Sáng kiến"
    NOUN = "sáng kiến"
    AUDIT_TABLE = "initiative"
    SEARCH_HINT = "Tìm theo tên sáng kiến, tác giả, quyết định… (gõ không dấu cũng được)"
    STRETCH = (0,)

    def columns(self) -> Sequence[Column[InitiativeRecord]]:
        return INITIATIVE_COLUMNS

    def load(self, person_id: int | None) -> list[InitiativeRecord]:
        return list_initiatives(self.db, person_id)

    def make_dialog(self, record: InitiativeRecord | None) -> RecordDialog:
        return InitiativeDialog(self.db, record, self, person_id=self.person_id)

    def delete(self, record: InitiativeRecord) -> None:
        assert record.id is not None
        delete_initiative(self.db, record.id)

    def describe(self, record: InitiativeRecord) -> str:
        return f"sáng kiến «{record.title}»"


class GapsPage(RecordsPage[GapRecord]):
    TITLE = "Gián đoạn sinh hoạt Đảng"
    NOUN = "thời gian gián đoạn"
    AUDIT_TABLE = "party_membership_gap"
    SEARCH_HINT = "Tìm theo tên đảng viên, lý do… (gõ không dấu cũng được)"
    STRETCH = (4,)

    def columns(self) -> Sequence[Column[GapRecord]]:
        return GAP_COLUMNS

    def load(self, person_id: int | None) -> list[GapRecord]:
        return list_gaps(self.db, person_id)

    def make_dialog(self, record: GapRecord | None) -> RecordDialog:
        return GapDialog(self.db, record, self, person_id=self.person_id)

    def delete(self, record: GapRecord) -> None:
        assert record.id is not None
        delete_gap(self.db, record.id)

    def describe(self, record: GapRecord) -> str:
        period = f"{format_date(record.start_date)}–{format_date(record.end_date)}"
        return f"thời gian gián đoạn sinh hoạt Đảng {period} của «{record.person_name}»"


class RecordsTab(QWidget):
    TITLE = "Hồ sơ khen thưởng, kỷ luật"
    ORDER = 25

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.db = context.db
        self._stale = False
        self._select_after: tuple[RecordsPage[Any], Any] | None = None

        self.person_filter = SearchComboBox(self, "Tất cả — gõ tên để lọc (không dấu cũng được)…")
        self.person_filter.setMinimumContentsLength(40)
        self.person_filter.setToolTip("Chỉ hiện hồ sơ của một đảng viên, cá nhân; để trống để xem tất cả")
        self.clear_filter_button = QPushButton("Xem tất cả", self)
        self.clear_filter_button.setToolTip("Bỏ lọc theo cá nhân")
        self.clear_filter_button.clicked.connect(lambda: self.set_person(None))
        self.person_filter.currentIndexChanged.connect(lambda _index: self._on_person_changed())
        filter_row = QHBoxLayout()
        filter_row.addWidget(QLabel("Đảng viên / cá nhân:", self))
        filter_row.addWidget(self.person_filter)
        filter_row.addWidget(self.clear_filter_button)
        filter_row.addStretch(1)

        self.ratings = RatingsPage(context, self)
        self.disciplines = DisciplinesPage(context, self)
        self.prior_awards = PriorAwardsPage(context, self)
        self.initiatives = InitiativesPage(context, self)
        self.gaps = GapsPage(context, self)
        self.pages: list[RecordsPage[Any]] = [
            self.ratings,
            self.disciplines,
            self.prior_awards,
            self.initiatives,
            self.gaps,
        ]
        self.sub_tabs = QTabWidget(self)
        self.sub_tabs.setDocumentMode(True)
        for page in self.pages:
            self.sub_tabs.addTab(page, page.TITLE)
            page.saved.connect(lambda record_id, message, page=page: self._announce(page, record_id, message))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(filter_row)
        layout.addWidget(self.sub_tabs, 1)

        context.data_changed.connect(self._on_data_changed)
        self.reload()

    # --- the tab protocol -----------------------------------------------------------------------------------------
    def current_page(self) -> RecordsPage[Any]:
        page = self.sub_tabs.currentWidget()
        assert isinstance(page, RecordsPage)
        return page

    def add_record(self) -> None:
        self.current_page().add_record()

    def edit_record(self) -> None:
        self.current_page().edit_record()

    def delete_record(self) -> None:
        self.current_page().delete_record()

    def focus_search(self) -> None:
        search = self.current_page().table.search
        search.setFocus()
        search.selectAll()

    # --- loading --------------------------------------------------------------------------------------------------
    def person_id(self) -> int | None:
        index = self.person_filter.currentIndex()
        return None if index < 0 else self.person_filter.itemData(index)

    def set_person(self, person_id: int | None) -> None:
        self.person_filter.set_value(person_id)
        self._on_person_changed()

    def reload(self) -> None:
        """Read the people for the filter and every page again."""
        chosen = self.person_id()
        self.person_filter.set_items(subject_items(self.db, SubjectType.PERSON.value), chosen)
        self._reload_pages()

    def _reload_pages(self) -> None:
        person_id = self.person_id()
        select = self._select_after
        self._select_after = None
        for index, page in enumerate(self.pages):
            page.person_id = person_id
            page.reload(select[1] if select is not None and select[0] is page else None)
            count = page.count()
            self.sub_tabs.setTabText(index, f"{page.TITLE} ({format_number(count)})" if count else page.TITLE)
        self.clear_filter_button.setEnabled(person_id is not None)

    def _on_person_changed(self) -> None:
        if all(page.person_id == self.person_id() for page in self.pages):
            return
        self._reload_pages()

    def _announce(self, page: RecordsPage[Any], record_id: Any, message: str) -> None:
        self._select_after = (page, record_id) if record_id is not None else None
        self.context.notify_changed(ENTITY)
        self.context.status_message.emit(message)

    def _on_data_changed(self, entity: str) -> None:
        if entity not in RELOAD_ON:
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self._stale = False
            self.reload()
        super().showEvent(event)


TAB = RecordsTab

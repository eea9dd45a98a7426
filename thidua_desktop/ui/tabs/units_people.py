"""Tab «Đơn vị & cá nhân»: the unit tree beside the people (and households) of the selected unit."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelection, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from thidua_desktop.core.enums import UnitKind
from thidua_desktop.core.errors import UserError
from thidua_desktop.core.services.households import HouseholdRecord, delete_household, list_households
from thidua_desktop.core.services.persons import PersonRecord, delete_person, list_persons
from thidua_desktop.core.services.units import UnitRecord, delete_unit, list_units
from thidua_desktop.core.text import format_number, name_order
from thidua_desktop.ui.context import AppContext
from thidua_desktop.ui.dialogs.household_dialog import HouseholdDialog
from thidua_desktop.ui.dialogs.person_dialog import PersonDialog
from thidua_desktop.ui.dialogs.unit_dialog import UnitDialog
from thidua_desktop.ui.table_model import Column
from thidua_desktop.ui.unit_tree import UnitIdRole, UnitRecordRole, UnitTreeModel
from thidua_desktop.ui.widgets import messages
from thidua_desktop.ui.widgets.history_dialog import HistoryDialog
from thidua_desktop.ui.widgets.inputs import descendants
from thidua_desktop.ui.widgets.record_table import RecordTable


def party_text(person: PersonRecord) -> object:
    """The admission date of a Party member ("Có" when unknown); blank for others."""
    if not person.is_party_member:
        return None
    return person.party_join_date or True


PERSON_COLUMNS: list[Column[PersonRecord]] = [
    Column("Họ và tên", lambda p: p.full_name, 170, sort_key=lambda p: name_order(p.full_name)),
    Column("Giới tính", lambda p: p.gender_label, 70),
    Column("Ngày sinh", lambda p: p.birth_date, 88),
    Column("Đơn vị", lambda p: p.unit_name, 200),
    Column("Chức vụ", lambda p: p.position, 200),
    Column("Đối tượng", lambda p: p.category_label, 118),
    Column(
        "Vào Đảng",
        party_text,
        100,
        sort_key=lambda p: (
            (p.party_join_date.isoformat() if p.party_join_date else "~") if p.is_party_member else "~~"
        ),
        tooltip=lambda p: (
            f"Đảng viên, số thẻ {p.party_card_number}" if p.is_party_member and p.party_card_number else ""
        ),
    ),
]

HOUSEHOLD_COLUMNS: list[Column[HouseholdRecord]] = [
    Column("Chủ hộ", lambda h: h.head_name, 200, sort_key=lambda h: name_order(h.head_name)),
    Column("Địa chỉ", lambda h: h.address, 240),
    Column("Tổ dân phố", lambda h: h.residential_group_name, 140),
    Column("Nhân khẩu", lambda h: h.member_count, 90, align_right=True),
    Column("Ghi chú", lambda h: h.notes, 200),
]


def stretch_columns(table: RecordTable[Any], columns: tuple[int, ...]) -> None:
    """Long text columns share the free width, so the table fits the window without a horizontal scroll bar."""
    header = table.view.horizontalHeader()
    header.setStretchLastSection(False)
    for column in columns:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)


RELOAD_ON = frozenset({"*", "units", "persons", "households"})


class UnitsPeopleTab(QWidget):
    TITLE = "Đơn vị & cá nhân"
    ORDER = 20

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.db = context.db
        self.units: list[UnitRecord] = []

        # --- left: the unit tree -------------------------------------------------------------------------------
        self.tree_model = UnitTreeModel(self)
        self.tree = QTreeView(self)
        self.tree.setModel(self.tree_model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setIndentation(16)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.selectionModel().selectionChanged.connect(self._unit_selected)
        self.tree.doubleClicked.connect(self._tree_double_clicked)

        self.add_unit_button = QPushButton("Thêm…", self)
        self.add_unit_button.setToolTip("Thêm một đơn vị trực thuộc đơn vị đang chọn")
        self.edit_unit_button = QPushButton("Sửa…", self)
        self.delete_unit_button = QPushButton("Xóa", self)
        self.unit_history_button = QPushButton("Lịch sử", self)
        self.unit_history_button.setToolTip("Lịch sử thay đổi của đơn vị đang chọn")
        self.add_unit_button.clicked.connect(self.add_unit)
        self.edit_unit_button.clicked.connect(lambda: self.edit_unit())
        self.delete_unit_button.clicked.connect(lambda: self.delete_unit())
        self.unit_history_button.clicked.connect(lambda: self.show_unit_history())

        units_title = QLabel("Đơn vị, tập thể", self)
        units_title.setObjectName("sectionTitle")
        unit_buttons = QHBoxLayout()
        for button in (
            self.add_unit_button,
            self.edit_unit_button,
            self.delete_unit_button,
            self.unit_history_button,
        ):
            unit_buttons.addWidget(button)
        unit_buttons.addStretch(1)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(units_title)
        left_layout.addLayout(unit_buttons)
        left_layout.addWidget(self.tree, 1)

        # --- right: people and households ---------------------------------------------------------------------
        self.people: RecordTable[PersonRecord] = RecordTable(
            PERSON_COLUMNS, "cá nhân", self, "Tìm theo tên, chức vụ, đơn vị… (gõ không dấu cũng được)"
        )
        self.people.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        stretch_columns(self.people, (3, 4))
        self.people.add_requested.connect(self.add_person)
        self.people.edit_requested.connect(self.edit_person)
        self.people.delete_requested.connect(self.delete_person)
        self.people.history_requested.connect(
            lambda p: self._history("person", p.id, p.full_name) if p is not None else None
        )
        self.people_title = QLabel(self)
        self.people_title.setObjectName("sectionTitle")
        self.include_subunits = QCheckBox("Gồm đơn vị trực thuộc", self)
        self.include_subunits.setChecked(True)
        self.include_subunits.setToolTip("Hiện cả những người thuộc các đơn vị cấp dưới của đơn vị đang chọn")
        self.include_subunits.toggled.connect(lambda _checked: self.reload_people())
        people_page = QWidget(self)
        people_layout = QVBoxLayout(people_page)
        people_layout.setContentsMargins(8, 8, 8, 4)
        people_top = QHBoxLayout()
        people_top.addWidget(self.people_title, 1)
        people_top.addWidget(self.include_subunits)
        people_layout.addLayout(people_top)
        people_layout.addWidget(self.people, 1)

        self.households: RecordTable[HouseholdRecord] = RecordTable(
            HOUSEHOLD_COLUMNS, "hộ gia đình", self, "Tìm theo chủ hộ, địa chỉ… (gõ không dấu cũng được)"
        )
        self.households.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        stretch_columns(self.households, (1, 4))
        self.households.add_requested.connect(self.add_household)
        self.households.edit_requested.connect(self.edit_household)
        self.households.delete_requested.connect(self.delete_household)
        self.households.history_requested.connect(
            lambda h: self._history("household", h.id, f"hộ {h.head_name}") if h is not None else None
        )
        self.households_title = QLabel(self)
        self.households_title.setObjectName("sectionTitle")
        self.households_title.setWordWrap(True)
        households_page = QWidget(self)
        households_layout = QVBoxLayout(households_page)
        households_layout.setContentsMargins(8, 8, 8, 4)
        households_layout.addWidget(self.households_title)
        households_layout.addWidget(self.households, 1)

        self.sub_tabs = QTabWidget(self)
        self.sub_tabs.setDocumentMode(True)
        self.people_page = people_page
        self.households_page = households_page
        self.sub_tabs.addTab(people_page, "Cá nhân")
        self.sub_tabs.addTab(households_page, "Hộ gia đình")

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("unitsPeopleSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.sub_tabs)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([390, 960])
        self.splitter.setChildrenCollapsible(False)
        left.setMinimumWidth(260)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.splitter)

        context.data_changed.connect(self._on_data_changed)
        self.reload()

    # --- the tab protocol -----------------------------------------------------------------------------------------
    def add_record(self) -> None:
        if self.sub_tabs.currentWidget() is self.households_page:
            self.add_household()
        else:
            self.add_person()

    def edit_record(self) -> None:
        if self.sub_tabs.currentWidget() is self.households_page:
            self.edit_household()
        else:
            self.edit_person()

    def delete_record(self) -> None:
        if self.sub_tabs.currentWidget() is self.households_page:
            self.delete_household()
        else:
            self.delete_person()

    def focus_search(self) -> None:
        table = self.households if self.sub_tabs.currentWidget() is self.households_page else self.people
        table.search.setFocus()
        table.search.selectAll()

    def reload(self) -> None:
        selected = self.selected_unit_id()
        had_selection = self.tree.selectionModel().hasSelection()
        self.units = list_units(self.db)
        total = len(list_persons(self.db)) if self.units else 0
        self.tree.selectionModel().blockSignals(True)
        self.tree_model.set_units(self.units, total)
        self.tree.expandAll()
        self.tree.selectionModel().blockSignals(False)
        index = self.tree_model.unit_index(selected if had_selection else None)
        if not index.isValid():
            index = self.tree_model.unit_index(None)
        self.tree.setCurrentIndex(index)
        self._show_unit()

    # --- units -------------------------------------------------------------------------------------------------
    def selected_unit(self) -> UnitRecord | None:
        index = self.tree.currentIndex()
        record: UnitRecord | None = index.data(UnitRecordRole) if index.isValid() else None
        return record

    def selected_unit_id(self) -> int | None:
        index = self.tree.currentIndex()
        return index.data(UnitIdRole) if index.isValid() else None

    def select_unit(self, unit_id: int | None) -> None:
        index = self.tree_model.unit_index(unit_id)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)

    def add_unit(self) -> None:
        self._run_unit_dialog(UnitDialog(self.db, None, self, parent_id=self.selected_unit_id()))

    def edit_unit(self, unit: UnitRecord | None = None) -> None:
        unit = unit or self.selected_unit()
        if unit is not None:
            self._run_unit_dialog(UnitDialog(self.db, unit, self))

    def delete_unit(self, unit: UnitRecord | None = None) -> None:
        unit = unit or self.selected_unit()
        if unit is None or unit.id is None:
            return
        if not messages.confirm_delete(self, f"đơn vị «{unit.name}»"):
            return
        try:
            delete_unit(self.db, unit.id)
        except UserError as exc:
            messages.show_user_error(self, exc)
            return
        self.select_unit(unit.parent_id)
        self._announce("units", f"Đã xóa đơn vị «{unit.name}».")

    def show_unit_history(self, unit: UnitRecord | None = None) -> None:
        unit = unit or self.selected_unit()
        if unit is not None and unit.id is not None:
            self._history("unit", unit.id, unit.name)

    def _run_unit_dialog(self, dialog: UnitDialog) -> None:
        saved = self._run(dialog)
        if saved is not None:
            self._announce("units", f"Đã lưu đơn vị «{saved.name}».")
            self.select_unit(saved.id)

    def _tree_double_clicked(self, index: QModelIndex) -> None:
        unit = index.data(UnitRecordRole)
        if unit is not None:
            self.edit_unit(unit)

    def _unit_selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_unit()

    def _show_unit(self) -> None:
        unit = self.selected_unit()
        for button in (self.edit_unit_button, self.delete_unit_button, self.unit_history_button):
            button.setEnabled(unit is not None)
        self.reload_people()
        self.reload_households()

    # --- people ------------------------------------------------------------------------------------------------
    def reload_people(self, select_id: int | None = None) -> None:
        unit = self.selected_unit()
        if unit is None:
            people = list_persons(self.db)
            self.people_title.setText("Tất cả cá nhân")
        else:
            people = list_persons(self.db, unit.id, self.include_subunits.isChecked())
            self.people_title.setText(f"Cá nhân thuộc {unit.name}")
        self.include_subunits.setEnabled(unit is not None)
        self.people.set_rows(people, keep_id=select_id)

    def add_person(self) -> None:
        saved = self._run(PersonDialog(self.db, None, self, unit_id=self.selected_unit_id()))
        if saved is not None:
            self._announce("persons", f"Đã thêm {saved.full_name}.")
            self._select_person(saved)

    def edit_person(self, person: PersonRecord | None = None) -> None:
        person = person or self.people.current()
        if person is None:
            return
        saved = self._run(PersonDialog(self.db, person, self))
        if saved is not None:
            self._announce("persons", f"Đã lưu thông tin của {saved.full_name}.")
            self._select_person(saved)

    def delete_person(self, person: PersonRecord | None = None) -> None:
        person = person or self.people.current()
        if person is None or person.id is None:
            return
        if not messages.confirm_delete(self, f"cá nhân «{person.full_name}»"):
            return
        try:
            delete_person(self.db, person.id)
        except UserError as exc:
            messages.show_user_error(self, exc)
            return
        self._announce("persons", f"Đã xóa {person.full_name}.")

    def _select_person(self, person: PersonRecord) -> None:
        if not self.people.select_id(person.id):
            # the person moved out of the unit shown: follow them to their unit
            self.select_unit(person.unit_id)
            self.people.search.clear()
            self.people.select_id(person.id)

    # --- households --------------------------------------------------------------------------------------------
    def _groups_of_selection(self) -> list[int] | None:
        """Residential groups whose households are shown: None for all; [] when the unit has none."""
        unit = self.selected_unit()
        if unit is None or unit.id is None:
            return None
        below = descendants(self.units, unit.id)
        return [
            u.id
            for u in self.units
            if u.id in below and u.id is not None and u.kind == UnitKind.RESIDENTIAL_GROUP.value
        ]

    def reload_households(self, select_id: int | None = None) -> None:
        groups = self._groups_of_selection()
        unit = self.selected_unit()
        if groups is None:
            rows = list_households(self.db)
            title = "Hộ gia đình của tất cả tổ dân phố"
        elif not groups:
            rows = []
            title = (
                f"«{unit.name if unit else ''}» không phải tổ dân phố và không có tổ dân phố trực thuộc. "
                "Chọn một tổ dân phố ở cây đơn vị để xem các hộ gia đình."
            )
        else:
            rows = [h for g in groups for h in list_households(self.db, g)]
            title = f"Hộ gia đình thuộc {unit.name}" if unit else ""
        self.households_title.setText(title)
        self.households.set_rows(rows, keep_id=select_id)
        self.households.add_button.setEnabled(groups is None or bool(groups))
        count = len(rows)
        self.sub_tabs.setTabText(1, f"Hộ gia đình ({format_number(count)})" if count else "Hộ gia đình")

    def _default_group(self) -> int | None:
        groups = self._groups_of_selection()
        return groups[0] if groups and len(groups) == 1 else None

    def add_household(self) -> None:
        saved = self._run(HouseholdDialog(self.db, None, self, group_id=self._default_group()))
        if saved is not None:
            self._announce("households", f"Đã thêm hộ {saved.head_name}.")
            self.households.select_id(saved.id)

    def edit_household(self, household: HouseholdRecord | None = None) -> None:
        household = household or self.households.current()
        if household is None:
            return
        saved = self._run(HouseholdDialog(self.db, household, self))
        if saved is not None:
            self._announce("households", f"Đã lưu hộ {saved.head_name}.")
            self.households.select_id(saved.id)

    def delete_household(self, household: HouseholdRecord | None = None) -> None:
        household = household or self.households.current()
        if household is None or household.id is None:
            return
        if not messages.confirm_delete(self, f"hộ gia đình «{household.head_name}»"):
            return
        try:
            delete_household(self.db, household.id)
        except UserError as exc:
            messages.show_user_error(self, exc)
            return
        self._announce("households", f"Đã xóa hộ {household.head_name}.")

    # --- shared ------------------------------------------------------------------------------------------------
    def _run(self, dialog: QDialog) -> Any:
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        saved = getattr(dialog, "result_record", None)
        dialog.deleteLater()
        return saved if accepted else None

    def _history(self, table: str, record_id: int | None, title: str) -> None:
        if record_id is not None:
            HistoryDialog(self.db, table, record_id, title, self).exec()

    def _announce(self, entity: str, message: str) -> None:
        self.context.notify_changed(entity)
        self.context.status_message.emit(message)

    def _on_data_changed(self, entity: str) -> None:
        if entity in RELOAD_ON:
            self.reload()


TAB = UnitsPeopleTab

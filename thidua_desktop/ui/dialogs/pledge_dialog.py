"""Adding or editing a pledge (đăng ký thi đua): subject, registered title, date, content and its targets."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from thidua_desktop.core.catalogue import PLEDGE_TITLE_CODES
from thidua_desktop.core.enums import PledgeSource, SubjectType
from thidua_desktop.core.errors import ValidationError
from thidua_desktop.core.services.campaigns import PhaseRecord, get_campaign
from thidua_desktop.core.services.catalogue import list_award_forms
from thidua_desktop.core.services.pledges import PledgeRecord, TargetRecord, save_pledge
from thidua_desktop.core.text import clean, format_date
from thidua_desktop.ui.context import AppContext
from thidua_desktop.ui.dialogs.fields import NumberEdit, form_allows, number_text, parse_number, subject_items
from thidua_desktop.ui.widgets.date_field import OptionalDateEdit
from thidua_desktop.ui.widgets.record_dialog import RecordDialog
from thidua_desktop.ui.widgets.search_combo import SearchComboBox

Index = QModelIndex | QPersistentModelIndex

NO_TITLE = "— Không đăng ký danh hiệu —"
NO_PHASE = "—"


def phase_text(number: int | None) -> str:
    return f"Giai đoạn {number}" if number is not None else ""


class TargetsModel(QAbstractTableModel):
    """The editable targets of a pledge; rows are copies of ``TargetRecord`` (ids kept so evidence stays linked)."""

    CONTENT, VALUE, MEASURE, DEADLINE, PHASE = range(5)
    HEADERS = ("Nội dung chỉ tiêu", "Giá trị", "Đơn vị tính", "Thời hạn", "Giai đoạn")

    def __init__(self, phases: list[PhaseRecord], parent: Any = None) -> None:
        super().__init__(parent)
        self.phases = phases
        self._phase_numbers = {p.id: p.number for p in phases}
        self._rows: list[TargetRecord] = []

    def set_targets(self, targets: list[TargetRecord]) -> None:
        self.beginResetModel()
        self._rows = [dataclasses.replace(t) for t in targets]
        self.endResetModel()

    def targets(self) -> list[TargetRecord]:
        """The rows to save, in order; rows left completely empty are dropped."""
        return [
            dataclasses.replace(t)
            for t in self._rows
            if t.id is not None
            or clean(t.content)
            or t.target_value is not None
            or clean(t.unit_of_measure)
            or t.deadline is not None
        ]

    def target(self, row: int) -> TargetRecord:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        target = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.CONTENT:
                return target.content
            if column == self.VALUE:
                return number_text(target.target_value)
            if column == self.MEASURE:
                return target.unit_of_measure
            if column == self.DEADLINE:
                return format_date(target.deadline)
            return phase_text(self._phase_numbers.get(target.phase_id))
        if role == Qt.ItemDataRole.EditRole:
            if column == self.CONTENT:
                return target.content
            if column == self.VALUE:
                return number_text(target.target_value)
            if column == self.MEASURE:
                return target.unit_of_measure
            if column == self.DEADLINE:
                d = target.deadline
                return QDate(d.year, d.month, d.day) if d else None
            return target.phase_id
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.VALUE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.CONTENT and len(target.content) > 40:
            return target.content
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.row() >= len(self._rows):
            return False
        target = self._rows[index.row()]
        column = index.column()
        try:
            if column == self.CONTENT:
                target.content = str(value or "")
            elif column == self.VALUE:
                target.target_value = (
                    value if isinstance(value, float | int) else parse_number(str(value or ""))
                )
                if target.target_value is not None:
                    target.target_value = float(target.target_value)
            elif column == self.MEASURE:
                target.unit_of_measure = str(value or "")
            elif column == self.DEADLINE:
                target.deadline = _to_date(value)
            else:
                target.phase_id = int(value) if value is not None else None
        except (TypeError, ValueError):
            return False
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section] if 0 <= section < len(self.HEADERS) else None
        return str(section + 1)

    def insertRows(self, row: int, count: int, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or not (0 <= row <= len(self._rows)) or count < 1:
            return False
        default_phase = self.phases[0].id if len(self.phases) == 1 else None
        self.beginInsertRows(QModelIndex(), row, row + count - 1)
        for offset in range(count):
            self._rows.insert(row + offset, TargetRecord(phase_id=default_phase))
        self.endInsertRows()
        return True

    def removeRows(self, row: int, count: int, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or row < 0 or count < 1 or row + count > len(self._rows):
            return False
        self.beginRemoveRows(QModelIndex(), row, row + count - 1)
        del self._rows[row : row + count]
        self.endRemoveRows()
        return True

    def move_row(self, row: int, delta: int) -> bool:
        to = row + delta
        if not (0 <= row < len(self._rows) and 0 <= to < len(self._rows)):
            return False
        destination = to + 1 if delta > 0 else to
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), destination)
        self._rows.insert(to, self._rows.pop(row))
        self.endMoveRows()
        return True


def _to_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, QDate):
        if not value.isValid() or value == OptionalDateEdit.EMPTY:
            return None
        return date(value.year(), value.month(), value.day())
    if isinstance(value, date):
        return value
    day, month, year = (int(x) for x in str(value).strip().split("/"))
    return date(year, month, day)


class TargetDelegate(QStyledItemDelegate):
    """Editors of the targets grid: number field, date field (may stay empty) and phase list."""

    def __init__(self, phases: list[PhaseRecord], parent: Any = None) -> None:
        super().__init__(parent)
        self.phases = phases

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        column = index.column()
        if column == TargetsModel.VALUE:
            return NumberEdit(parent)
        if column == TargetsModel.DEADLINE:
            return OptionalDateEdit(parent)
        if column == TargetsModel.PHASE:
            combo = QComboBox(parent)
            combo.addItem(NO_PHASE, None)
            for phase in self.phases:
                combo.addItem(phase.label, phase.id)
            return combo
        return QLineEdit(parent)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, OptionalDateEdit):
            editor.set_value(_to_date(value))
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(value), 0))
        elif isinstance(editor, QLineEdit):
            editor.setText("" if value is None else str(value))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        if isinstance(editor, OptionalDateEdit):
            try:
                model.setData(index, editor.value())
            except ValidationError:
                return  # a wrong date typed in the grid leaves the cell as it was (the field shows it in red)
        elif isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text())


class PledgeDialog(RecordDialog):
    def __init__(
        self, context: AppContext, record: PledgeRecord | None = None, parent: QWidget | None = None
    ):
        title = "Sửa đăng ký thi đua" if record and record.id else "Thêm đăng ký thi đua"
        super().__init__(title, lambda r: save_pledge(context.db, r), parent)
        self.context = context
        self.db = context.db
        self.record = record or PledgeRecord(campaign_id=context.campaign_id, pledge_date=date.today())
        campaign_id = self.record.campaign_id
        self.phases = get_campaign(self.db, campaign_id).phases if campaign_id is not None else []
        self.award_forms = list_award_forms(self.db)
        self.resize(980, 640)

        self.subject_type = QComboBox(self)
        for value, label in SubjectType.choices():
            self.subject_type.addItem(label, value)
        self.subject = SearchComboBox(self, "Gõ tên để tìm (không dấu cũng được)…")
        self.title_combo = QComboBox(self)
        self.pledge_date = OptionalDateEdit(self)
        self.content = QPlainTextEdit(self)
        self.content.setPlaceholderText("Nội dung cam kết, phương hướng phấn đấu…")
        self.content.setFixedHeight(64)
        self.content.setTabChangesFocus(True)
        self.form.addRow("Loại đối tượng:", self.subject_type)
        self.form.addRow("Đối tượng:", self.subject)
        self.form.addRow("Danh hiệu đăng ký:", self.title_combo)
        self.form.addRow("Ngày đăng ký:", self.pledge_date)
        self.form.addRow("Nội dung đăng ký:", self.content)

        self.targets_model = TargetsModel(self.phases, self)
        self.targets_view = QTableView(self)
        self.targets_view.setModel(self.targets_model)
        self.targets_delegate = TargetDelegate(self.phases, self)
        self.targets_view.setItemDelegate(self.targets_delegate)
        self.targets_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.targets_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.targets_view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.targets_view.setAlternatingRowColors(True)
        self.targets_view.verticalHeader().setDefaultSectionSize(28)
        self.targets_view.setWordWrap(False)
        header = self.targets_view.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(TargetsModel.CONTENT, QHeaderView.ResizeMode.Stretch)
        for column, width in (
            (TargetsModel.VALUE, 80),
            (TargetsModel.MEASURE, 110),
            (TargetsModel.DEADLINE, 110),
            (TargetsModel.PHASE, 120),
        ):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.targets_view.setColumnWidth(column, width)
        self.add_target_button = QPushButton("Thêm chỉ tiêu", self)
        self.remove_target_button = QPushButton("Xóa chỉ tiêu", self)
        self.up_button = QPushButton("Lên", self)
        self.down_button = QPushButton("Xuống", self)
        self.add_target_button.clicked.connect(self.add_target)
        self.remove_target_button.clicked.connect(self.remove_target)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        buttons = QHBoxLayout()
        for button in (self.add_target_button, self.remove_target_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        group = QGroupBox("Chỉ tiêu đăng ký (nhấp đúp vào ô để sửa)", self)
        group_layout = QVBoxLayout(group)
        group_layout.addWidget(self.targets_view, 1)
        group_layout.addLayout(buttons)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(1, group, 1)

        self.fields.update(
            {
                "subject_type": self.subject_type,
                "subject_id": self.subject,
                "title_code": self.title_combo,
                "pledge_date": self.pledge_date,
                "content": self.content,
                "targets": self.targets_view,
            }
        )
        self.targets_view.installEventFilter(self)
        self.targets_view.viewport().installEventFilter(self)
        self.subject_type.currentIndexChanged.connect(self._on_subject_type)
        self.targets_view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.targets_model.rowsInserted.connect(lambda *_: self._update_buttons())
        self.targets_model.rowsRemoved.connect(lambda *_: self._update_buttons())
        self._load(self.record)

    # --- filling ----------------------------------------------------------------------------------------------------
    def _load(self, record: PledgeRecord) -> None:
        self.subject_type.blockSignals(True)
        self.subject_type.setCurrentIndex(max(self.subject_type.findData(record.subject_type), 0))
        self.subject_type.blockSignals(False)
        self._fill_subjects(record.subject_id)
        self._fill_titles(record.title_code)
        self.pledge_date.set_value(record.pledge_date)
        self.content.setPlainText(record.content)
        self.targets_model.set_targets(record.targets)
        self._update_buttons()

    def _on_subject_type(self) -> None:
        self._fill_subjects(None)
        self._fill_titles(self.title_combo.currentData())

    def _fill_subjects(self, subject_id: int | None) -> None:
        self.subject.set_items(subject_items(self.db, self.subject_type.currentData()), subject_id)

    def _fill_titles(self, code: str | None) -> None:
        subject_type = self.subject_type.currentData()
        by_code = {f.code: f for f in self.award_forms}
        self.title_combo.clear()
        self.title_combo.addItem(NO_TITLE, "")
        for title_code in PLEDGE_TITLE_CODES:
            form = by_code.get(title_code)
            if form is None or not form_allows(form, subject_type):
                continue
            if form.is_active or title_code == code:
                self.title_combo.addItem(form.name, form.code)
        index = self.title_combo.findData(code) if code else -1
        if index < 0 and code and code in by_code:
            self.title_combo.addItem(f"{by_code[code].name} (không dành cho loại đối tượng này)", code)
            index = self.title_combo.count() - 1
        self.title_combo.setCurrentIndex(max(index, 0))

    # --- targets grid -------------------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter inside the grid finishes or starts editing a cell; it never presses the dialog's «Lưu»."""
        if (
            watched in (self.targets_view, self.targets_view.viewport())
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            view = self.targets_view
            if view.state() != QAbstractItemView.State.EditingState and view.currentIndex().isValid():
                view.edit(view.currentIndex())
            return True
        return super().eventFilter(watched, event)

    def _current_row(self) -> int:
        rows = self.targets_view.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def add_target(self) -> None:
        row = self.targets_model.rowCount()
        self.targets_model.insertRows(row, 1)
        index = self.targets_model.index(row, TargetsModel.CONTENT)
        self.targets_view.setCurrentIndex(index)
        self.targets_view.selectRow(row)
        self.targets_view.scrollTo(index)
        if self.isVisible():
            self.targets_view.edit(index)

    def remove_target(self) -> None:
        row = self._current_row()
        if row >= 0:
            self.targets_model.removeRows(row, 1)
            if self.targets_model.rowCount():
                self.targets_view.selectRow(min(row, self.targets_model.rowCount() - 1))

    def _move(self, delta: int) -> None:
        row = self._current_row()
        if self.targets_model.move_row(row, delta):
            self.targets_view.selectRow(row + delta)

    def _update_buttons(self) -> None:
        row = self._current_row()
        self.remove_target_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < self.targets_model.rowCount() - 1)

    # --- saving -----------------------------------------------------------------------------------------------------
    def _commit_open_editor(self) -> None:
        editor = QApplication.focusWidget()
        if editor is not None and self.targets_view.isAncestorOf(editor):
            self.targets_delegate.commitData.emit(editor)

    def collect(self) -> PledgeRecord:
        self._commit_open_editor()
        return dataclasses.replace(
            self.record,
            subject_type=self.subject_type.currentData(),
            subject_id=self.subject.value(),
            title_code=self.title_combo.currentData() or "",
            pledge_date=self.pledge_date.value(),
            content=self.content.toPlainText(),
            source=self.record.source or PledgeSource.MANUAL.value,
            targets=self.targets_model.targets(),
        )

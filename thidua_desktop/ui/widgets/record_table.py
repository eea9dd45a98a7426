"""A searchable table of records with Thêm / Sửa / Xóa buttons: the body of every data tab."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from thidua_desktop.ui.proxy import RecordFilterProxy
from thidua_desktop.ui.table_model import Column, RecordRole, RecordTableModel

R = TypeVar("R")


class RecordTable(QWidget, Generic[R]):
    add_requested = Signal()
    edit_requested = Signal(object)
    delete_requested = Signal(object)
    history_requested = Signal(object)
    selection_changed = Signal(object)

    def __init__(
        self, columns: Sequence[Column[R]], noun: str, parent: Any = None, search_hint: str = ""
    ) -> None:
        super().__init__(parent)
        self.noun = noun
        self.model: RecordTableModel[R] = RecordTableModel(columns, self)
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(search_hint or f"Tìm {noun} (gõ không dấu cũng được)…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search)

        self.view = QTableView(self)
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setDefaultSectionSize(26)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for i, column in enumerate(columns):
            self.view.setColumnWidth(i, column.width)
        self.view.doubleClicked.connect(self._on_double_click)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._on_selection())

        self.add_button = QPushButton("Thêm…", self)
        self.edit_button = QPushButton("Sửa…", self)
        self.delete_button = QPushButton("Xóa", self)
        self.history_button = QPushButton("Lịch sử thay đổi", self)
        self.add_button.clicked.connect(self.add_requested)
        self.edit_button.clicked.connect(lambda: self._emit_for_current(self.edit_requested))
        self.delete_button.clicked.connect(lambda: self._emit_for_current(self.delete_requested))
        self.history_button.clicked.connect(lambda: self._emit_for_current(self.history_requested))
        self.count_label = QLabel(self)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.add_button)
        top.addWidget(self.edit_button)
        top.addWidget(self.delete_button)
        top.addWidget(self.history_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)
        self._update_buttons()

    def set_rows(self, rows: Sequence[R], keep_id: Any = None) -> None:
        current = keep_id if keep_id is not None else getattr(self.current(), "id", None)
        self.model.set_rows(rows)
        self._update_count()
        if current is not None:
            self.select_id(current)
        self._update_buttons()

    def current(self) -> R | None:
        indexes = self.view.selectionModel().selectedRows()
        if not indexes:
            return None
        record: R = indexes[0].data(RecordRole)
        return record

    def select_id(self, record_id: Any) -> bool:
        for row in range(self.proxy.rowCount()):
            record = self.proxy.index(row, 0).data(RecordRole)
            if getattr(record, "id", None) == record_id:
                self.view.selectRow(row)
                self.view.scrollTo(self.proxy.index(row, 0))
                return True
        return False

    def visible_records(self) -> list[R]:
        return [self.proxy.index(r, 0).data(RecordRole) for r in range(self.proxy.rowCount())]

    def _on_search(self, text: str) -> None:
        self.proxy.set_search(text)
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        text = f"{total} {self.noun}" if shown == total else f"Hiển thị {shown} trong {total} {self.noun}"
        self.count_label.setText(text)

    def _on_double_click(self, index: QModelIndex) -> None:
        self.edit_requested.emit(index.data(RecordRole))

    def _emit_for_current(self, signal: Any) -> None:
        record = self.current()
        if record is not None:
            signal.emit(record)

    def _on_selection(self) -> None:
        self._update_buttons()
        self.selection_changed.emit(self.current())

    def _update_buttons(self) -> None:
        has = self.current() is not None
        for button in (self.edit_button, self.delete_button, self.history_button):
            button.setEnabled(has)

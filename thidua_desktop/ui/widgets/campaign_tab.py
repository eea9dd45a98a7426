"""Base of the tabs that show the selected campaign's records: a RecordTable with add / edit / delete / history,
reloading on ``data_changed`` and ``campaign_changed``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QShowEvent
from PySide6.QtWidgets import QComboBox, QDialog, QFrame, QLabel, QScrollArea, QTableView, QWidget

from thidua_desktop.core.errors import UserError
from thidua_desktop.ui.context import AppContext
from thidua_desktop.ui.table_model import Column
from thidua_desktop.ui.widgets import messages
from thidua_desktop.ui.widgets.history_dialog import HistoryDialog
from thidua_desktop.ui.widgets.record_table import RecordTable

R = TypeVar("R")


def fit_columns(view: QTableView, columns: Sequence[Column[Any]]) -> None:
    """Set the columns' widths from their specs, never narrower than the (bold) header text and its sort arrow."""
    font = QFont(view.horizontalHeader().font())
    font.setBold(True)
    metrics = QFontMetrics(font)
    for i, column in enumerate(columns):
        view.setColumnWidth(i, max(column.width, metrics.horizontalAdvance(column.title) + 30))


NO_CAMPAIGN = "Chưa chọn phong trào thi đua. Hãy chọn một phong trào ở thanh công cụ phía trên."


class CampaignRecordTab(QWidget, Generic[R]):
    TITLE = ""
    ORDER = 0
    ENTITY = ""
    """The entity name this tab announces after its writes."""
    RELOAD_ON: frozenset[str] = frozenset()
    """Entity names whose changes this tab shows."""
    AUDIT_TABLE = ""
    NOUN = ""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.db = context.db
        self.records: list[R] = []
        self._select_after: Any = None
        self._stale = False
        self.table: RecordTable[R] = RecordTable(self.columns(), self.NOUN, self)
        fit_columns(self.table.view, self.columns())
        self.table.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.add_requested.connect(self.add_record)
        self.table.edit_requested.connect(self.edit_record)
        self.table.delete_requested.connect(self.delete_record)
        self.table.history_requested.connect(self.show_history)
        self.table.selection_changed.connect(self._on_selection)
        context.data_changed.connect(self._on_data_changed)
        context.campaign_changed.connect(self._on_campaign_changed)

    # --- to implement -------------------------------------------------------------------------------------------
    def columns(self) -> Sequence[Column[R]]:
        raise NotImplementedError

    def load(self, campaign_id: int) -> list[R]:
        """All records of the campaign, with one service call."""
        raise NotImplementedError

    def make_dialog(self, record: R | None) -> QDialog:
        raise NotImplementedError

    def delete(self, record: R) -> None:
        raise NotImplementedError

    def describe(self, record: R) -> str:
        """How the record is named in questions and titles."""
        raise NotImplementedError

    # --- hooks ----------------------------------------------------------------------------------------------------
    def visible(self, records: list[R]) -> list[R]:
        """The records the table shows (tabs with extra filters narrow the list here)."""
        return records

    def selection_changed(self, record: R | None) -> None:
        """Update side panels and buttons for the selected record."""

    def can_edit(self, record: R) -> str:
        """Why the record cannot be edited, or "" when it can."""
        return ""

    # --- behaviour ------------------------------------------------------------------------------------------------
    def reload(self, select_id: Any = None) -> None:
        campaign_id = self.context.campaign_id
        self.records = self.load(campaign_id) if campaign_id is not None else []
        self.table.set_rows(self.visible(self.records), keep_id=select_id)
        self.table.add_button.setEnabled(campaign_id is not None)
        self.table.add_button.setToolTip("" if campaign_id is not None else NO_CAMPAIGN)
        self._on_selection(self.table.current())

    def add_status_filter(self, choices: Sequence[tuple[str, str]], tooltip: str) -> QComboBox:
        """A «Trạng thái» combo (Tất cả + ``choices``) beside the search box; the tab reads ``currentData()``."""
        combo = QComboBox(self)
        combo.addItem("Tất cả", None)
        for value, label in choices:
            combo.addItem(label, value)
        combo.setToolTip(tooltip)
        combo.currentIndexChanged.connect(self.refilter)
        top = self.table.layout().itemAt(0).layout()  # the search row of the RecordTable
        top.insertWidget(1, QLabel("Trạng thái:", self))
        top.insertWidget(2, combo)
        return combo

    def make_details_panel(self) -> tuple[QLabel, QScrollArea]:
        """A rich-text label for the selected record, inside a frameless scroll area."""
        label = QLabel(self)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        scroll = QScrollArea(self)
        scroll.setWidget(label)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        return label, scroll

    def refilter(self) -> None:
        self.table.set_rows(self.visible(self.records))
        self._on_selection(self.table.current())

    def focus_search(self) -> None:
        self.table.search.setFocus()
        self.table.search.selectAll()

    def add_record(self) -> None:
        if self.context.campaign_id is None:
            messages.show_info(self, NO_CAMPAIGN)
            return
        self._run(self.make_dialog(None))

    def edit_record(self, record: R | None = None) -> None:
        record = record if record is not None else self.table.current()
        if record is None:
            return
        reason = self.can_edit(record)
        if reason:
            messages.show_info(self, reason, "Không sửa được")
            return
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
        self.context.notify_changed(self.ENTITY)
        self.context.status_message.emit(f"Đã xóa {self.describe(record)}.")

    def show_history(self, record: R | None = None) -> None:
        record = record if record is not None else self.table.current()
        if record is None:
            return
        record_id = getattr(record, "id", None)
        if record_id is None:
            return
        HistoryDialog(self.db, self.AUDIT_TABLE, record_id, self.describe(record), self).exec()

    def announce_saved(self, record_id: Any, message: str = "") -> None:
        """Select ``record_id`` after the reload that the change notice triggers."""
        self._select_after = record_id
        self.context.notify_changed(self.ENTITY)
        self.context.status_message.emit(message or f"Đã lưu {self.NOUN}.")

    def _run(self, dialog: QDialog) -> None:
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        saved = getattr(dialog, "result_record", None)
        dialog.deleteLater()
        if accepted and saved is not None:
            self.announce_saved(getattr(saved, "id", None))

    def _on_data_changed(self, entity: str) -> None:
        if entity == "*" or entity in self.RELOAD_ON or entity == self.ENTITY:
            self._reload_when_shown()

    def _on_campaign_changed(self, _campaign_id: object) -> None:
        self.table.search.clear()
        self._select_after = None
        self._reload_when_shown()

    def _reload_when_shown(self) -> None:
        """Reload now if the tab is on screen; a hidden tab only notes it and reloads when it is shown, so that a
        change does not make every tab of the window query the database."""
        if self.isVisible():
            select_id, self._select_after = self._select_after, None
            self.reload(select_id)
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self._stale = False
            select_id, self._select_after = self._select_after, None
            self.reload(select_id)
        super().showEvent(event)

    def _on_selection(self, record: R | None) -> None:
        reason = self.can_edit(record) if record is not None else ""
        self.table.edit_button.setEnabled(record is not None and not reason)
        self.table.edit_button.setToolTip(reason)
        self.selection_changed(record)

"""A combo box the user can type into to find an item, with or without diacritics ("pham thi" finds "Phạm Thị")."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QCompleter

from thidua_desktop.core.text import fold

Index = QModelIndex | QPersistentModelIndex


class _FoldFilter(QSortFilterProxyModel):
    """Keeps the items in which every typed word starts a word, ignoring case and diacritics."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []

    def set_search(self, text: str) -> None:
        words = fold(text).split()
        if words == self._words:
            return
        if hasattr(self, "beginFilterChange"):  # Qt ≥ 6.9
            self.beginFilterChange()
            self._words = words
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._words = words
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._words:
            return True
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        if not (model.flags(index) & Qt.ItemFlag.ItemIsEnabled):
            return False
        haystack = fold(str(index.data() or "")).replace("—", " ").replace(",", " ").split()
        return all(any(part.startswith(word) for part in haystack) for word in self._words)


class SearchComboBox(QComboBox):
    """An editable combo whose pop-up list filters as you type; ``value()`` is the data of the chosen item.

    Typed text that matches no item is never kept: leaving the field restores the chosen item's text, or picks the
    only item that matches.
    """

    def __init__(self, parent: Any = None, placeholder: str = "") -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(20)
        self.filter_model = _FoldFilter(self)
        self.filter_model.setSourceModel(self.model())
        completer = QCompleter(self.filter_model, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setMaxVisibleItems(15)
        self.setCompleter(completer)
        line = self.lineEdit()
        if placeholder:
            line.setPlaceholderText(placeholder)
        line.textEdited.connect(self.filter_model.set_search)
        line.editingFinished.connect(self._settle)
        line.installEventFilter(self)

    def set_items(self, items: Iterable[tuple[str, Any]], value: Any = None) -> None:
        """Replace the items with (text, data) pairs and choose ``value`` (none chosen when absent)."""
        self.blockSignals(True)
        self.clear()
        for text, data in items:
            self.addItem(text, data)
        self.blockSignals(False)
        self.set_value(value)

    def value(self) -> Any:
        index = self.currentIndex()
        if index < 0 or self.lineEdit().text() != self.itemText(index):
            return None
        return self.itemData(index)

    def set_value(self, value: Any) -> None:
        index = self.findData(value) if value is not None else -1
        self.setCurrentIndex(index)
        if index < 0:
            self.lineEdit().clear()
        self.filter_model.set_search("")

    def matches(self) -> list[Any]:
        """Data of the items the typed text currently matches."""
        source = self.filter_model
        return [
            source.mapToSource(source.index(row, 0)).data(Qt.ItemDataRole.UserRole)
            for row in range(source.rowCount())
        ]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the text field picks the match and stays in the form (it must not press the dialog's «Lưu»)."""
        if (
            watched is self.lineEdit()
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not self.completer().popup().isVisible()
        ):
            self._settle()
            return True
        return super().eventFilter(watched, event)

    def _settle(self) -> None:
        text = self.lineEdit().text()
        index = self.currentIndex()
        if index >= 0 and text == self.itemText(index):
            return
        exact = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if exact >= 0:
            self.setCurrentIndex(exact)
        elif text.strip():
            found = self.matches()
            if len(found) == 1:
                self.setCurrentIndex(self.findData(found[0]))
        else:
            self.setCurrentIndex(-1)
        chosen = self.currentIndex()
        self.lineEdit().setText(self.itemText(chosen) if chosen >= 0 else "")
        self.filter_model.set_search("")

"""Sorting the Vietnamese way and filtering as you type, with or without diacritics."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCollator, QLocale, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from thidua_desktop.core.text import fold
from thidua_desktop.ui.table_model import SearchRole, SortRole

Index = QModelIndex | QPersistentModelIndex


def vietnamese_collator() -> QCollator:
    collator = QCollator(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    collator.setNumericMode(True)
    collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return collator


class RecordFilterProxy(QSortFilterProxyModel):
    """Sorts text with ``QCollator`` (vi_VN) and keeps rows where every search word is found in some column."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._collator = vietnamese_collator()
        self._words: list[str] = []
        self.setSortRole(SortRole)
        self.setDynamicSortFilter(True)

    def set_search(self, text: str) -> None:
        words = fold(text).split()
        if hasattr(self, "beginFilterChange"):  # Qt ≥ 6.9; invalidateFilter() is deprecated there
            self.beginFilterChange()
            self._words = words
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._words = words
            self.invalidateFilter()

    def lessThan(self, left: Index, right: Index) -> bool:
        a = left.data(SortRole)
        b = right.data(SortRole)
        if a is None or b is None:
            return a is None and b is not None
        if isinstance(a, list | tuple) and isinstance(b, list | tuple):
            for x, y in zip(a, b, strict=False):
                order = self._compare(x, y)
                if order:
                    return order < 0
            return len(a) < len(b)
        return self._compare(a, b) < 0

    def _compare(self, a: object, b: object) -> int:
        if isinstance(a, str) and isinstance(b, str):
            return self._collator.compare(a, b)
        if isinstance(a, int | float) and isinstance(b, int | float):
            return (a > b) - (a < b)
        return self._collator.compare(str(a), str(b))

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._words:
            return True
        model = self.sourceModel()
        haystack = " ".join(
            fold(str(model.index(source_row, column, source_parent).data(SearchRole) or ""))
            for column in range(model.columnCount(source_parent))
        )
        return all(word in haystack for word in self._words)

"""The tree of units (tập thể) as a small item model, built from ``list_units`` (tree order, parent ids).

An optional first row «Tất cả đơn vị» (unit id None) holds the top-level units, so choosing it shows everybody.
Nodes are addressed by integer keys kept in the model (``internalId``); no Python object crosses into Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from thidua_desktop.core.services.units import UnitRecord
from thidua_desktop.core.text import format_number

Index = QModelIndex | QPersistentModelIndex
UnitIdRole = Qt.ItemDataRole.UserRole
UnitRecordRole = Qt.ItemDataRole.UserRole + 1

ALL_UNITS = "Tất cả đơn vị"
_ROOT = 0
_ALL = 1


class UnitTreeModel(QAbstractItemModel):
    HEADERS = ("Đơn vị", "Số người")

    def __init__(self, parent: Any = None, with_all: bool = True) -> None:
        super().__init__(parent)
        self.with_all = with_all
        self._records: dict[int, UnitRecord | None] = {}
        self._parent: dict[int, int] = {}
        self._children: dict[int, list[int]] = {_ROOT: []}
        self._key_of_unit: dict[int, int] = {}
        self._total_people = 0
        self._bold = QFont()
        self._bold.setBold(True)

    # --- content ----------------------------------------------------------------------------------------------
    def set_units(self, units: Sequence[UnitRecord], total_people: int | None = None) -> None:
        self.beginResetModel()
        self._records = {}
        self._parent = {}
        self._children = {_ROOT: []}
        self._key_of_unit = {}
        top = _ROOT
        if self.with_all:
            self._records[_ALL] = None
            self._parent[_ALL] = _ROOT
            self._children[_ROOT].append(_ALL)
            self._children[_ALL] = []
            top = _ALL
        next_key = _ALL + 1
        for unit in units:
            if unit.id is None:
                continue
            self._key_of_unit[unit.id] = next_key
            next_key += 1
        for unit in units:
            if unit.id is None:
                continue
            key = self._key_of_unit[unit.id]
            parent_key = self._key_of_unit.get(unit.parent_id, top) if unit.parent_id is not None else top
            self._records[key] = unit
            self._parent[key] = parent_key
            self._children.setdefault(parent_key, []).append(key)
            self._children.setdefault(key, [])
        self._total_people = total_people if total_people is not None else sum(u.person_count for u in units)
        self.endResetModel()

    def units(self) -> list[UnitRecord]:
        return [r for r in self._records.values() if r is not None]

    def unit_index(self, unit_id: int | None) -> QModelIndex:
        """The index of a unit (of «Tất cả đơn vị» for None); invalid when absent."""
        if unit_id is None:
            return self.createIndex(0, 0, _ALL) if self.with_all else QModelIndex()
        key = self._key_of_unit.get(unit_id)
        return self._index_of(key) if key is not None else QModelIndex()

    def _index_of(self, key: int, column: int = 0) -> QModelIndex:
        parent = self._parent[key]
        return self.createIndex(self._children[parent].index(key), column, key)

    def _key(self, index: Index) -> int:
        return int(index.internalId()) if index.isValid() else _ROOT

    # --- QAbstractItemModel -----------------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column < 0 or column >= len(self.HEADERS) or row < 0:
            return QModelIndex()
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        children = self._children.get(self._key(parent), [])
        if row >= len(children):
            return QModelIndex()
        return self.createIndex(row, column, children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        parent_key = self._parent.get(self._key(index), _ROOT)
        if parent_key == _ROOT:
            return QModelIndex()
        return self._index_of(parent_key)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children.get(self._key(parent), []))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(self.HEADERS)

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return self.rowCount(parent) > 0

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        key = self._key(index)
        if key not in self._records:
            return None
        unit = self._records[key]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return ALL_UNITS if unit is None else unit.name
            count = self._total_people if unit is None else unit.person_count
            return format_number(count) if count else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            if unit is None:
                return "Mọi cá nhân và hộ gia đình, không lọc theo đơn vị"
            parts = [unit.name, unit.kind_label]
            if unit.is_party_org:
                parts.append("Tổ chức đảng")
            if unit.member_count is not None:
                women = f", nữ {format_number(unit.female_count)}" if unit.female_count is not None else ""
                parts.append(f"{format_number(unit.member_count)} thành viên{women}")
            return "\n".join(parts)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and column == 0 and (unit is None or unit.depth == 0):
            return self._bold
        if role == UnitIdRole:
            return None if unit is None else unit.id
        if role == UnitRecordRole:
            return unit
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.HEADERS[section]
            if role == Qt.ItemDataRole.TextAlignmentRole and section == 1:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

"""The item models behind the tables and the unit tree: Qt's model tester, Vietnamese sorting and filtering."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt

from thidua_desktop.core.services.persons import PersonRecord, list_persons
from thidua_desktop.core.services.units import UnitRecord, list_units
from thidua_desktop.core.storage.database import Database
from thidua_desktop.core.text import fold, name_order
from thidua_desktop.ui.proxy import RecordFilterProxy
from thidua_desktop.ui.table_model import Column, RecordRole, RecordTableModel, SortRole
from thidua_desktop.ui.unit_tree import ALL_UNITS, UnitIdRole, UnitRecordRole, UnitTreeModel

NAME_COLUMNS: list[Column[PersonRecord]] = [
    Column("Họ và tên", lambda p: p.full_name, sort_key=lambda p: name_order(p.full_name)),
    Column("Ngày sinh", lambda p: p.birth_date),
    Column("Đơn vị", lambda p: p.unit_name),
    Column("Đảng viên", lambda p: p.is_party_member),
]


def people(*names: str) -> list[PersonRecord]:
    return [PersonRecord(id=i + 1, full_name=name) for i, name in enumerate(names)]


def shown(proxy: RecordFilterProxy) -> list[str]:
    return [proxy.index(row, 0).data() for row in range(proxy.rowCount())]


def test_record_table_model_passes_the_model_tester(qtmodeltester: Any, demo_db: Database) -> None:
    model: RecordTableModel[PersonRecord] = RecordTableModel(NAME_COLUMNS)
    model.set_rows(list_persons(demo_db))
    qtmodeltester.check(model)
    model.set_rows(people("Lê An"))
    qtmodeltester.check(model)
    assert model.index(0, 0).data(RecordRole).full_name == "Lê An"
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Họ và tên"


def test_proxy_passes_the_model_tester_while_filtering_and_sorting(
    qtmodeltester: Any, demo_db: Database
) -> None:
    model: RecordTableModel[PersonRecord] = RecordTableModel(NAME_COLUMNS)
    model.set_rows(list_persons(demo_db))
    proxy = RecordFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    proxy.set_search("nguyen")
    qtmodeltester.check(proxy)
    proxy.sort(1, Qt.SortOrder.DescendingOrder)
    proxy.set_search("")
    qtmodeltester.check(proxy)


@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_people_sort_by_given_name_with_the_vietnamese_collator(order: Qt.SortOrder) -> None:
    model: RecordTableModel[PersonRecord] = RecordTableModel(NAME_COLUMNS)
    model.set_rows(people("Đỗ Văn Đức", "Võ Thị Dung", "Trần Văn Ân", "Phạm Văn Bảy", "Lê Văn An"))
    proxy = RecordFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(0, order)
    expected = ["Lê Văn An", "Trần Văn Ân", "Phạm Văn Bảy", "Võ Thị Dung", "Đỗ Văn Đức"]
    if order == Qt.SortOrder.DescendingOrder:
        expected.reverse()
    assert shown(proxy) == expected


def test_same_given_name_sorts_by_family_name() -> None:
    model: RecordTableModel[PersonRecord] = RecordTableModel(NAME_COLUMNS)
    model.set_rows(people("Trần Thị Lan", "Đỗ Thị Lan", "Bùi Thị Lan", "Nguyễn An"))
    proxy = RecordFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    assert shown(proxy) == ["Nguyễn An", "Bùi Thị Lan", "Đỗ Thị Lan", "Trần Thị Lan"]
    assert proxy.index(0, 0).data(SortRole) == ["An", "Nguyễn"]


def test_filter_matches_without_diacritics_in_every_column(demo_db: Database) -> None:
    model: RecordTableModel[PersonRecord] = RecordTableModel(NAME_COLUMNS)
    everyone = list_persons(demo_db)
    model.set_rows(everyone)
    proxy = RecordFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_search("nguyen")
    names = shown(proxy)
    assert names and all(
        "nguyen" in fold(" ".join((p.full_name, p.unit_name))) for p in everyone if p.full_name in names
    )
    assert any(name.startswith("Nguyễn") for name in names)
    proxy.set_search("CHI BO to dan")
    units = {proxy.index(r, 2).data() for r in range(proxy.rowCount())}
    assert units and all(unit.startswith("Chi bộ Tổ dân phố") for unit in units)
    proxy.set_search("nguyễn thi")
    assert shown(proxy) and all(fold(n).startswith("nguyen thi") or "thi" in fold(n) for n in shown(proxy))
    proxy.set_search("khong co ai ten nay")
    assert proxy.rowCount() == 0


def _walk(model: UnitTreeModel, parent: QModelIndex = QModelIndex()) -> list[tuple[int | None, int | None]]:  # noqa: B008
    pairs = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        pairs.append((index.data(UnitIdRole), parent.data(UnitIdRole) if parent.isValid() else None))
        pairs.extend(_walk(model, index))
    return pairs


def test_unit_tree_model_passes_the_model_tester(qtmodeltester: Any, demo_db: Database) -> None:
    units = list_units(demo_db)
    model = UnitTreeModel()
    model.set_units(units)
    qtmodeltester.check(model)
    model.set_units(units[:5])
    qtmodeltester.check(model)
    model.set_units([])
    qtmodeltester.check(model)


def test_unit_tree_follows_the_parents(demo_db: Database) -> None:
    units = list_units(demo_db)
    model = UnitTreeModel()
    model.set_units(units)
    top = model.index(0, 0)
    assert top.data() == ALL_UNITS and top.data(UnitRecordRole) is None
    pairs = dict(_walk(model, top))
    by_id = {u.id: u for u in units}
    assert set(pairs) == set(by_id)
    for unit_id, parent_id in pairs.items():
        assert parent_id == by_id[unit_id].parent_id
    for unit in units:
        index = model.unit_index(unit.id)
        assert index.isValid() and index.data() == unit.name
        assert index.data(UnitRecordRole) == unit
        assert index.parent().data(UnitIdRole) == unit.parent_id
    assert model.index(0, 1).data() == str(len(list_persons(demo_db)))


def test_unit_tree_without_the_all_row() -> None:
    model = UnitTreeModel(with_all=False)
    model.set_units(
        [
            UnitRecord(id=1, name="Đảng ủy"),
            UnitRecord(id=2, name="Chi bộ 1", parent_id=1, depth=1, person_count=3),
        ]
    )
    assert model.rowCount() == 1
    child = model.index(0, 0, model.index(0, 0))
    assert child.data() == "Chi bộ 1"
    assert model.index(0, 1, model.index(0, 0)).data() == "3"
    assert not model.unit_index(None).isValid()
    assert not model.unit_index(99).isValid()

"""Tab «Đơn vị & cá nhân»: clicking and typing through the unit tree, the people table and the dialogs, then
checking what the database holds."""

from __future__ import annotations

import functools
from datetime import date
from typing import Any

import pytest
from dialog_driving import drive
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMessageBox

from thidua_desktop.core.enums import Gender, PersonCategory, UnitKind
from thidua_desktop.core.services.households import list_households
from thidua_desktop.core.services.persons import list_persons
from thidua_desktop.core.services.units import UnitRecord, list_units
from thidua_desktop.core.storage.database import Database
from thidua_desktop.core.text import fold, name_order
from thidua_desktop.ui.context import AppContext
from thidua_desktop.ui.dialogs.household_dialog import HouseholdDialog
from thidua_desktop.ui.dialogs.person_dialog import PersonDialog
from thidua_desktop.ui.dialogs.unit_dialog import UnitDialog
from thidua_desktop.ui.proxy import vietnamese_collator
from thidua_desktop.ui.tabs.units_people import UnitsPeopleTab
from thidua_desktop.ui.widgets import history_dialog, messages

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def tab(qtbot: Any, demo_db: Database) -> UnitsPeopleTab:
    widget = UnitsPeopleTab(AppContext(demo_db))
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    widget.show()
    return widget


def unit_named(db: Database, name: str) -> UnitRecord:
    return next(u for u in list_units(db) if u.name == name)


def type_text(qtbot: Any, widget: Any, text: str) -> None:
    """Type like a user with a Vietnamese keyboard: QTest only types ASCII, other letters come as key events
    carrying their text (what an input method delivers)."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def tick(qtbot: Any, check: Any) -> None:
    """Click a check box on its box (a click far right of its text does nothing, as for a user)."""
    qtbot.mouseClick(check, LEFT, pos=QPoint(8, check.height() // 2))


def save(qtbot: Any, dialog: Any) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), LEFT)


def choose(combo: Any, value: Any) -> None:
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)


def answer_yes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def confirm(_parent: Any, _title: str, question: str) -> bool:
        asked.append(question)
        return True

    monkeypatch.setattr(messages, "confirm", confirm)
    return asked


def capture_warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a, **k: shown.append(text))
    return shown


def test_add_and_edit_a_unit(qtbot: Any, tab: UnitsPeopleTab, demo_db: Database, monkeypatch: Any) -> None:
    root = unit_named(demo_db, "Đảng ủy phường Nguyễn Nghiêm")
    tab.select_unit(root.id)

    def fill_new(dialog: UnitDialog) -> None:
        assert dialog.parent_combo.value() == root.id  # the selected unit is the default parent
        type_text(qtbot, dialog.name_edit, "Chi bộ Tổ dân phố 6")
        qtbot.keyClicks(dialog.short_name_edit, "CB TDP 6")
        choose(dialog.kind_combo, UnitKind.PARTY_CELL.value)
        tick(qtbot, dialog.party_check)
        qtbot.keyClicks(dialog.members_edit, "20")
        qtbot.keyClicks(dialog.women_edit, "8")
        save(qtbot, dialog)

    drive(monkeypatch, UnitDialog, fill_new)
    qtbot.mouseClick(tab.add_unit_button, LEFT)
    added = unit_named(demo_db, "Chi bộ Tổ dân phố 6")
    assert (added.short_name, added.kind, added.is_party_org, added.parent_id) == (
        "CB TDP 6",
        UnitKind.PARTY_CELL.value,
        True,
        root.id,
    )
    assert (added.member_count, added.female_count) == (20, 8)
    assert tab.selected_unit_id() == added.id  # the tree follows the new unit

    def fill_edit(dialog: UnitDialog) -> None:
        assert dialog.name_edit.text() == "Chi bộ Tổ dân phố 6"
        dialog.name_edit.clear()
        type_text(qtbot, dialog.name_edit, "Chi bộ Khu dân cư số 6")
        dialog.members_edit.clear()
        qtbot.keyClicks(dialog.members_edit, "1.250")
        save(qtbot, dialog)

    drive(monkeypatch, UnitDialog, fill_edit)
    qtbot.mouseClick(tab.edit_unit_button, LEFT)
    edited = next(u for u in list_units(demo_db) if u.id == added.id)
    assert (edited.name, edited.member_count, edited.female_count) == ("Chi bộ Khu dân cư số 6", 1250, 8)
    assert tab.tree.currentIndex().data() == "Chi bộ Khu dân cư số 6"


def test_unit_dialog_keeps_wrong_input_and_explains(
    qtbot: Any, tab: UnitsPeopleTab, demo_db: Database, monkeypatch: Any
) -> None:
    before = len(list_units(demo_db))
    errors: list[str] = []

    def fill(dialog: UnitDialog) -> None:
        save(qtbot, dialog)  # no name
        errors.append(dialog.error_label.text())
        type_text(qtbot, dialog.name_edit, "Chi hội Người cao tuổi")
        qtbot.keyClicks(dialog.members_edit, "10")
        qtbot.keyClicks(dialog.women_edit, "12")
        save(qtbot, dialog)  # more women than members
        errors.append(dialog.error_label.text())
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel), LEFT)

    opened = drive(monkeypatch, UnitDialog, fill)
    qtbot.mouseClick(tab.add_unit_button, LEFT)
    assert errors == ["Chưa nhập tên đơn vị.", "Số nữ không được lớn hơn tổng số thành viên."]
    assert opened[0].result() == QDialog.DialogCode.Rejected
    assert len(list_units(demo_db)) == before


def test_a_unit_cannot_be_its_own_descendant(
    qtbot: Any, tab: UnitsPeopleTab, demo_db: Database, monkeypatch: Any
) -> None:
    ubnd = unit_named(demo_db, "Ủy ban nhân dân phường Nguyễn Nghiêm")
    tdp1 = unit_named(demo_db, "Tổ dân phố 1")
    tab.select_unit(ubnd.id)
    offered: list[set[int]] = []

    def fill(dialog: UnitDialog) -> None:
        combo = dialog.parent_combo
        offered.append({combo.itemData(i) for i in range(combo.count())})
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel), LEFT)

    drive(monkeypatch, UnitDialog, fill)
    qtbot.mouseClick(tab.edit_unit_button, LEFT)
    assert ubnd.id not in offered[0] and tdp1.id not in offered[0]
    assert ubnd.parent_id in offered[0]


def test_filter_people_by_typing_without_diacritics(
    qtbot: Any, tab: UnitsPeopleTab, demo_db: Database
) -> None:
    tab.select_unit(None)
    everyone = list_persons(demo_db)
    assert tab.people.proxy.rowCount() == len(everyone)
    qtbot.keyClicks(tab.people.search, "nguyen")
    found = [p.full_name for p in tab.people.visible_records()]
    assert found and any(name.startswith("Nguyễn") for name in found)
    expected = [
        p.full_name
        for p in everyone
        if "nguyen" in " ".join(fold(x) for x in (p.full_name, p.unit_name, p.position, p.category_label))
    ]
    assert sorted(found) == sorted(expected)
    assert tab.people.count_label.text() == f"Hiển thị {len(found)} trong {len(everyone)} cá nhân"
    tab.people.search.clear()
    assert tab.people.proxy.rowCount() == len(everyone)


def test_people_are_listed_by_given_name(tab: UnitsPeopleTab) -> None:
    tab.select_unit(None)
    names = [p.full_name for p in tab.people.visible_records()]
    collator = vietnamese_collator()

    def compare(a: str, b: str) -> int:
        for x, y in zip(name_order(a), name_order(b), strict=True):
            if order := collator.compare(x, y):
                return order
        return 0

    assert names == sorted(names, key=functools.cmp_to_key(compare))
    assert names.index("Hồ Ngọc Ánh") < names.index("Nguyễn Văn Ân") < names.index("Phan Văn Bảy")


def test_people_of_a_unit_with_or_without_subunits(
    qtbot: Any, tab: UnitsPeopleTab, demo_db: Database
) -> None:
    root = unit_named(demo_db, "Đảng ủy phường Nguyễn Nghiêm")
    tab.select_unit(root.id)
    assert tab.include_subunits.isChecked()
    assert tab.people.proxy.rowCount() == len(list_persons(demo_db))
    tick(qtbot, tab.include_subunits)
    assert not tab.include_subunits.isChecked()
    direct = list_persons(demo_db, root.id)
    assert {p.id for p in tab.people.visible_records()} == {p.id for p in direct}
    assert tab.people_title.text() == f"Cá nhân thuộc {root.name}"


def test_add_edit_and_delete_a_person(
    qtbot: Any, tab: UnitsPeopleTab, demo_db: Database, monkeypatch: Any
) -> None:
    cell = unit_named(demo_db, "Chi bộ Tổ dân phố 1")
    tab.select_unit(cell.id)

    def fill_new(dialog: PersonDialog) -> None:
        assert dialog.unit_combo.value() == cell.id
        assert not dialog.join_edit.isEnabled()
        type_text(qtbot, dialog.name_edit, "Nguyễn Thị Hoa")
        choose(dialog.gender_combo, Gender.FEMALE.value)
        dialog.birth_edit.set_value(date(1988, 4, 30))
        type_text(qtbot, dialog.position_edit, "Tổ phó tổ dân phố")
        choose(dialog.category_combo, PersonCategory.CITIZEN.value)
        tick(qtbot, dialog.party_check)
        assert dialog.join_edit.isEnabled()
        dialog.join_edit.set_value(date(2015, 9, 2))
        qtbot.keyClicks(dialog.card_edit, "50.099001")
        save(qtbot, dialog)

    drive(monkeypatch, PersonDialog, fill_new)
    qtbot.mouseClick(tab.people.add_button, LEFT)
    hoa = next(p for p in list_persons(demo_db, cell.id) if p.full_name == "Nguyễn Thị Hoa")
    assert (hoa.gender, hoa.birth_date, hoa.position, hoa.category) == (
        "female",
        date(1988, 4, 30),
        "Tổ phó tổ dân phố",
        "citizen",
    )
    assert (hoa.is_party_member, hoa.party_join_date, hoa.party_card_number) == (
        True,
        date(2015, 9, 2),
        "50.099001",
    )
    assert tab.people.current() is not None and tab.people.current().id == hoa.id

    other = unit_named(demo_db, "Chi bộ Tổ dân phố 2")

    def fill_edit(dialog: PersonDialog) -> None:
        assert dialog.name_edit.text() == "Nguyễn Thị Hoa"
        dialog.position_edit.clear()
        type_text(qtbot, dialog.position_edit, "Tổ trưởng tổ dân phố")
        choose(dialog.unit_combo, other.id)
        save(qtbot, dialog)

    drive(monkeypatch, PersonDialog, fill_edit)
    qtbot.mouseClick(tab.people.edit_button, LEFT)
    edited = next(p for p in list_persons(demo_db) if p.id == hoa.id)
    assert (edited.position, edited.unit_id, edited.unit_name) == (
        "Tổ trưởng tổ dân phố",
        other.id,
        other.name,
    )
    # the tree followed the person to the unit she moved to
    assert tab.selected_unit_id() == other.id
    assert tab.people.current() is not None and tab.people.current().id == hoa.id

    asked = answer_yes(monkeypatch)
    qtbot.mouseClick(tab.people.delete_button, LEFT)
    assert asked and "Nguyễn Thị Hoa" in asked[0]
    assert all(p.id != hoa.id for p in list_persons(demo_db))
    assert all(p.id != hoa.id for p in tab.people.visible_records())


def test_person_dialog_refuses_a_party_date_before_adulthood(
    qtbot: Any, tab: UnitsPeopleTab, demo_db: Database, monkeypatch: Any
) -> None:
    before = len(list_persons(demo_db))
    errors: list[str] = []

    def fill(dialog: PersonDialog) -> None:
        type_text(qtbot, dialog.name_edit, "Trần Văn Tí")
        dialog.birth_edit.set_value(date(2000, 1, 1))
        tick(qtbot, dialog.party_check)
        dialog.join_edit.set_value(date(2010, 1, 1))
        save(qtbot, dialog)
        errors.append(dialog.error_label.text())
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel), LEFT)

    drive(monkeypatch, PersonDialog, fill)
    tab.add_record()
    assert errors == ["Ngày vào Đảng phải sau ngày sinh ít nhất 18 năm."]
    assert len(list_persons(demo_db)) == before


def test_deleting_a_unit_with_people_is_refused_with_the_reason(
    qtbot: Any, tab: UnitsPeopleTab, demo_db: Database, monkeypatch: Any
) -> None:
    cell = unit_named(demo_db, "Chi bộ Tổ dân phố 1")
    tab.select_unit(cell.id)
    answer_yes(monkeypatch)
    warnings = capture_warnings(monkeypatch)
    qtbot.mouseClick(tab.delete_unit_button, LEFT)
    assert len(warnings) == 1
    assert "Không thể xóa đơn vị «Chi bộ Tổ dân phố 1»" in warnings[0]
    assert "cá nhân" in warnings[0]
    assert any(u.id == cell.id for u in list_units(demo_db))


def test_deleting_an_empty_unit(qtbot: Any, tab: UnitsPeopleTab, demo_db: Database, monkeypatch: Any) -> None:
    from thidua_desktop.core.services.units import save_unit

    parent = unit_named(demo_db, "Ủy ban Mặt trận Tổ quốc Việt Nam phường")
    empty = save_unit(demo_db, UnitRecord(name="Ban Thanh tra nhân dân", kind="other", parent_id=parent.id))
    tab.context.notify_changed("units")
    tab.select_unit(empty.id)
    asked = answer_yes(monkeypatch)
    warnings = capture_warnings(monkeypatch)
    qtbot.mouseClick(tab.delete_unit_button, LEFT)
    assert warnings == []
    assert asked and "Ban Thanh tra nhân dân" in asked[0]
    assert all(u.id != empty.id for u in list_units(demo_db))
    assert tab.selected_unit_id() == parent.id
    assert not tab.tree_model.unit_index(empty.id).isValid()


def test_households_of_a_residential_group(
    qtbot: Any, tab: UnitsPeopleTab, demo_db: Database, monkeypatch: Any
) -> None:
    group = unit_named(demo_db, "Tổ dân phố 2")
    tab.select_unit(group.id)
    tab.sub_tabs.setCurrentWidget(tab.households_page)
    shown_before = {h.id for h in tab.households.visible_records()}
    assert shown_before == {h.id for h in list_households(demo_db, group.id)}

    def fill(dialog: HouseholdDialog) -> None:
        assert dialog.group_combo.value() == group.id
        type_text(qtbot, dialog.head_edit, "Đinh Văn Tùng")
        type_text(qtbot, dialog.address_edit, "7 Phan Đình Phùng")
        qtbot.keyClicks(dialog.members_edit, "4")
        save(qtbot, dialog)

    drive(monkeypatch, HouseholdDialog, fill)
    tab.add_record()  # Ctrl+N on the households page adds a household
    added = [h for h in list_households(demo_db, group.id) if h.head_name == "Đinh Văn Tùng"]
    assert len(added) == 1 and (added[0].address, added[0].member_count) == ("7 Phan Đình Phùng", 4)
    assert added[0].id in {h.id for h in tab.households.visible_records()}

    # a unit without residential groups explains where households are
    tab.select_unit(unit_named(demo_db, "Hội Cựu chiến binh phường").id)
    assert tab.households.proxy.rowCount() == 0
    assert "Chọn một tổ dân phố" in tab.households_title.text()
    assert not tab.households.add_button.isEnabled()


def test_history_buttons_open_the_audit_log(
    qtbot: Any, tab: UnitsPeopleTab, demo_db: Database, monkeypatch: Any
) -> None:
    opened: list[tuple[str, int, int]] = []

    def fake_exec(dialog: Any) -> int:
        opened.append((dialog.windowTitle(), dialog.tree.topLevelItemCount(), 0))
        return 0

    monkeypatch.setattr(history_dialog.HistoryDialog, "exec", fake_exec)
    cell = unit_named(demo_db, "Chi bộ Tổ dân phố 3")
    tab.select_unit(cell.id)
    qtbot.mouseClick(tab.unit_history_button, LEFT)
    tab.people.view.selectRow(0)
    person = tab.people.current()
    assert person is not None
    qtbot.mouseClick(tab.people.history_button, LEFT)
    assert opened[0][0] == "Lịch sử thay đổi — Chi bộ Tổ dân phố 3" and opened[0][1] >= 1
    assert opened[1][0] == f"Lịch sử thay đổi — {person.full_name}" and opened[1][1] >= 1


def test_tab_reloads_when_others_change_units(tab: UnitsPeopleTab, demo_db: Database) -> None:
    from thidua_desktop.core.services.units import save_unit

    save_unit(demo_db, UnitRecord(name="Chi đoàn Tổ dân phố 1", kind=UnitKind.MASS_ORGANIZATION.value))
    assert not tab.tree_model.unit_index(unit_named(demo_db, "Chi đoàn Tổ dân phố 1").id).isValid()
    tab.context.notify_changed("units")
    assert tab.tree_model.unit_index(unit_named(demo_db, "Chi đoàn Tổ dân phố 1").id).isValid()


def test_unit_dialog_records_the_party_organizations_standing(
    qtbot: Any, tab: UnitsPeopleTab, demo_db: Database, monkeypatch: Any
) -> None:
    """Quy định 294-QĐ/TW: whether a chi bộ is grassroots is a per-unit fact, typed in the unit dialog; a unit that
    is not a Party organization keeps none."""
    root = unit_named(demo_db, "Đảng ủy phường Nguyễn Nghiêm")
    tab.select_unit(root.id)

    def fill_new(dialog: UnitDialog) -> None:
        assert not dialog.grassroots_combo.isEnabled()
        type_text(qtbot, dialog.name_edit, "Chi bộ Cảnh sát khu vực")
        choose(dialog.kind_combo, UnitKind.PARTY_CELL.value)
        tick(qtbot, dialog.party_check)
        assert dialog.grassroots_combo.isEnabled()
        choose(dialog.grassroots_combo, "no")
        save(qtbot, dialog)

    drive(monkeypatch, UnitDialog, fill_new)
    qtbot.mouseClick(tab.add_unit_button, LEFT)
    added = unit_named(demo_db, "Chi bộ Cảnh sát khu vực")
    assert (added.is_party_org, added.is_grassroots) == (True, False)

    def make_grassroots(dialog: UnitDialog) -> None:
        assert dialog.grassroots_combo.currentData() == "no"
        choose(dialog.grassroots_combo, "yes")
        save(qtbot, dialog)

    drive(monkeypatch, UnitDialog, make_grassroots)
    qtbot.mouseClick(tab.edit_unit_button, LEFT)
    assert unit_named(demo_db, "Chi bộ Cảnh sát khu vực").is_grassroots is True


def test_person_dialog_records_the_hire_date(
    qtbot: Any, tab: UnitsPeopleTab, demo_db: Database, monkeypatch: Any
) -> None:
    """Thông tư 01/2024/TT-BNV: newcomers under 6 months are not rated; the hire date is typed as dd/mm/yyyy."""
    cell = unit_named(demo_db, "Ủy ban nhân dân phường Nguyễn Nghiêm")
    tab.select_unit(cell.id)

    def fill_new(dialog: PersonDialog) -> None:
        type_text(qtbot, dialog.name_edit, "Trần Văn Mới")
        choose(dialog.category_combo, PersonCategory.CIVIL_SERVANT.value)
        qtbot.keyClicks(dialog.hire_edit.line, "02/07/2025")
        save(qtbot, dialog)

    drive(monkeypatch, PersonDialog, fill_new)
    qtbot.mouseClick(tab.people.add_button, LEFT)
    found = next(p for p in list_persons(demo_db) if p.full_name == "Trần Văn Mới")
    assert found.hire_date == date(2025, 7, 2)

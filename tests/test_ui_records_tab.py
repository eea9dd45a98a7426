"""Tab «Hồ sơ khen thưởng, kỷ luật»: add, edit and delete quality ratings, disciplines, awards already received,
initiatives and Party membership gaps through the widgets, then check what the database holds."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from dialog_driving import drive_and_save
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QComboBox, QWidget
from ui_typing import refuse_modal_dialogs, type_text

from thidua_desktop.core.enums import (
    DisciplineForm,
    DisciplineSystem,
    InitiativeLevel,
    RatingLevel,
    SubjectType,
)
from thidua_desktop.core.services.persons import list_persons
from thidua_desktop.core.services.records import (
    DisciplineRecord,
    GapRecord,
    InitiativeRecord,
    PriorAwardRecord,
    RatingRecord,
    list_disciplines,
    list_gaps,
    list_initiatives,
    list_prior_awards,
    list_ratings,
)
from thidua_desktop.core.services.units import list_units
from thidua_desktop.core.storage.database import Database
from thidua_desktop.ui.context import AppContext
from thidua_desktop.ui.dialogs.records_dialogs import (
    DisciplineDialog,
    GapDialog,
    InitiativeDialog,
    PriorAwardDialog,
    RatingDialog,
    default_rating_year,
)
from thidua_desktop.ui.main_window import MainWindow
from thidua_desktop.ui.tabs.records import TAB, RecordsPage, RecordsTab, duration_text
from thidua_desktop.ui.widgets import messages
from thidua_desktop.ui.widgets.history_dialog import HistoryDialog
from thidua_desktop.ui.widgets.search_combo import SearchComboBox

LEFT = Qt.MouseButton.LeftButton
WARD_CHAIRMAN = "Chủ tịch Ủy ban nhân dân phường Nguyễn Nghiêm"


@pytest.fixture(autouse=True)
def no_unexpected_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    refuse_modal_dialogs(monkeypatch)


@pytest.fixture
def tab(qtbot: Any, demo_db: Database) -> RecordsTab:
    widget = TAB(AppContext(demo_db))
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


# --- helpers ----------------------------------------------------------------------------------------------------


def click(qtbot: Any, button: QWidget) -> None:
    assert button.isEnabled()
    qtbot.mouseClick(button, LEFT)


def retype(qtbot: Any, widget: Any, text: str) -> None:
    widget.clear()
    type_text(qtbot, widget, text)


def choose(combo: QComboBox, value: Any) -> None:
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)


def pick(qtbot: Any, combo: SearchComboBox, typed: str) -> Any:
    """Type part of a name (no diacritics) and press Enter: the only match is chosen."""
    line = combo.lineEdit()
    line.clear()
    type_text(qtbot, line, typed)
    [match] = combo.matches()
    combo.completer().popup().hide()
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert combo.value() == match
    return match


def person_id(db: Database, name: str) -> int:
    [person] = [p for p in list_persons(db) if p.full_name == name]
    assert person.id is not None
    return person.id


def unit_id(db: Database, name: str) -> int:
    [unit] = [u for u in list_units(db) if u.name == name]
    assert unit.id is not None
    return unit.id


def accept_delete(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []
    monkeypatch.setattr(messages, "confirm_delete", lambda _parent, what: asked.append(what) or True)
    return asked


def select(page: RecordsPage[Any], record_id: int | None) -> None:
    assert page.table.select_id(record_id)


# --- quality ratings --------------------------------------------------------------------------------------------
def test_add_edit_delete_a_quality_rating(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, tab: RecordsTab, demo_db: Database
) -> None:
    page = tab.ratings
    an = person_id(demo_db, "Nguyễn Văn Ân")
    before = len(list_ratings(demo_db))
    assert page.count() == before == 81
    assert tab.sub_tabs.tabText(0) == "Xếp loại chất lượng (81)"

    def add(dialog: RatingDialog) -> None:
        choose(dialog.subject_type, SubjectType.PERSON.value)
        pick(qtbot, dialog.subject, "nguyen van an")
        retype(qtbot, dialog.year, "2025")
        choose(dialog.level, RatingLevel.EXCELLENT.value)
        assert not dialog.outstanding.isEnabled()  # only collectives are «tiêu biểu»
        type_text(qtbot, dialog.score, "92,5")
        type_text(qtbot, dialog.notes, "Được Chi bộ đề nghị biểu dương")

    drive_and_save(monkeypatch, qtbot, RatingDialog, add)
    click(qtbot, page.table.add_button)

    [saved] = list_ratings(demo_db, SubjectType.PERSON.value, an, 2025)
    assert (saved.subject_name, saved.level, saved.score, saved.is_outstanding, saved.notes) == (
        "Nguyễn Văn Ân",
        RatingLevel.EXCELLENT.value,
        92.5,
        False,
        "Được Chi bộ đề nghị biểu dương",
    )
    assert len(list_ratings(demo_db)) == before + 1
    assert page.count() == before + 1 and page.table.current() == saved
    assert tab.sub_tabs.tabText(0) == "Xếp loại chất lượng (82)"

    def edit(dialog: RatingDialog) -> None:
        assert dialog.subject.value() == an and dialog.year.text() == "2025"
        assert dialog.score.text() == "92,5"
        choose(dialog.level, RatingLevel.GOOD.value)
        retype(qtbot, dialog.score, "85")

    drive_and_save(monkeypatch, qtbot, RatingDialog, edit)
    click(qtbot, page.table.edit_button)
    [edited] = list_ratings(demo_db, SubjectType.PERSON.value, an, 2025)
    assert (edited.id, edited.level, edited.score) == (saved.id, RatingLevel.GOOD.value, 85.0)
    assert len(list_ratings(demo_db)) == before + 1

    asked = accept_delete(monkeypatch)
    select(page, saved.id)
    click(qtbot, page.table.delete_button)
    assert asked == ["xếp loại chất lượng năm 2025 của «Nguyễn Văn Ân»"]
    assert list_ratings(demo_db, SubjectType.PERSON.value, an, 2025) == []
    assert len(list_ratings(demo_db)) == before and page.count() == before


def test_an_outstanding_rating_is_for_an_excellent_collective(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, tab: RecordsTab, demo_db: Database
) -> None:
    veterans = unit_id(demo_db, "Hội Cựu chiến binh phường")

    def add(dialog: RatingDialog) -> None:
        choose(dialog.subject_type, SubjectType.UNIT.value)
        pick(qtbot, dialog.subject, "hoi cuu chien binh")
        retype(qtbot, dialog.year, "2025")
        choose(dialog.level, RatingLevel.GOOD.value)
        assert not dialog.outstanding.isEnabled()
        choose(dialog.level, RatingLevel.EXCELLENT.value)
        assert dialog.outstanding.isEnabled()
        qtbot.mouseClick(dialog.outstanding, LEFT, pos=QPoint(8, dialog.outstanding.height() // 2))
        assert dialog.outstanding.isChecked()

    drive_and_save(monkeypatch, qtbot, RatingDialog, add)
    click(qtbot, tab.ratings.table.add_button)
    [saved] = list_ratings(demo_db, SubjectType.UNIT.value, veterans, 2025)
    assert saved.is_outstanding and saved.level == RatingLevel.EXCELLENT.value
    row = tab.ratings.table.model.rows().index(saved)
    assert tab.ratings.table.model.index(row, 5).data() == "Có"


def test_a_rating_without_a_year_or_for_a_taken_year_writes_nothing(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, tab: RecordsTab, demo_db: Database
) -> None:
    before = list_ratings(demo_db)

    def add(dialog: RatingDialog) -> None:
        pick(qtbot, dialog.subject, "pham thi thu ha")
        dialog.year.clear()

    seen = drive_and_save(monkeypatch, qtbot, RatingDialog, add)
    click(qtbot, tab.ratings.table.add_button)
    dialog = seen[0]
    assert dialog.result() == 0 and dialog.error_label.text() == "Chưa nhập năm."
    assert dialog.error_label.isVisibleTo(dialog)

    type_text(qtbot, dialog.year, "2024")  # Phạm Thị Thu Hà already has a rating for 2024
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Save))
    assert dialog.result() == 0 and dialog.error_label.text() == "Đối tượng này đã có xếp loại năm 2024."

    retype(qtbot, dialog.year, "2025")
    type_text(qtbot, dialog.score, "chín mươi")  # refused by the field's validator: nothing typed
    retype(qtbot, dialog.score, "120")
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Save))
    assert dialog.result() == 0 and dialog.error_label.text() == "Điểm đánh giá phải từ 0 đến 100."
    assert list_ratings(demo_db) == before


# --- disciplines ------------------------------------------------------------------------------------------------
def test_add_edit_delete_a_discipline(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, tab: RecordsTab, demo_db: Database
) -> None:
    page = tab.disciplines
    tab.sub_tabs.setCurrentWidget(page)
    before = list_disciplines(demo_db)
    assert page.count() == len(before) == 2
    tai = person_id(demo_db, "Lê Văn Tài")

    def add(dialog: DisciplineDialog) -> None:
        pick(qtbot, dialog.subject, "le van tai")
        choose(dialog.discipline_form, DisciplineForm.WARNING.value)
        choose(dialog.system, DisciplineSystem.STATE.value)
        type_text(qtbot, dialog.decision_number, "05/QĐ-BCH")
        dialog.decision_date.set_value(date(2025, 3, 1))
        dialog.start_date.set_value(date(2025, 3, 5))
        dialog.end_date.set_value(date(2026, 3, 4))
        type_text(qtbot, dialog.reason, "Vắng mặt không lý do trong đợt huấn luyện")

    drive_and_save(monkeypatch, qtbot, DisciplineDialog, add)
    click(qtbot, page.table.add_button)
    [saved] = list_disciplines(demo_db, SubjectType.PERSON.value, tai)
    assert saved == DisciplineRecord(
        saved.id,
        SubjectType.PERSON.value,
        tai,
        "Lê Văn Tài",
        DisciplineForm.WARNING.value,
        "05/QĐ-BCH",
        date(2025, 3, 1),
        date(2025, 3, 5),
        date(2026, 3, 4),
        "Vắng mặt không lý do trong đợt huấn luyện",
        DisciplineSystem.STATE.value,
    )
    assert len(list_disciplines(demo_db)) == 3 and page.table.current() == saved

    def edit(dialog: DisciplineDialog) -> None:
        assert dialog.subject.value() == tai and dialog.start_date.value() == date(2025, 3, 5)
        choose(dialog.discipline_form, DisciplineForm.REPRIMAND.value)
        dialog.end_date.set_value(None)

    drive_and_save(monkeypatch, qtbot, DisciplineDialog, edit)
    click(qtbot, page.table.edit_button)
    [edited] = list_disciplines(demo_db, SubjectType.PERSON.value, tai)
    assert (edited.id, edited.form, edited.end_date) == (saved.id, DisciplineForm.REPRIMAND.value, None)

    asked = accept_delete(monkeypatch)
    select(page, saved.id)
    click(qtbot, page.table.delete_button)
    assert asked == ["kỷ luật «Khiển trách» của «Lê Văn Tài»"]
    assert list_disciplines(demo_db) == before and page.count() == 2


def test_a_discipline_ending_before_it_starts_writes_nothing(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, tab: RecordsTab, demo_db: Database
) -> None:
    def add(dialog: DisciplineDialog) -> None:
        pick(qtbot, dialog.subject, "le van tai")
        choose(dialog.system, DisciplineSystem.PARTY.value)
        dialog.start_date.set_value(date(2025, 3, 5))
        dialog.end_date.set_value(date(2025, 1, 1))

    seen = drive_and_save(monkeypatch, qtbot, DisciplineDialog, add)
    click(qtbot, tab.disciplines.table.add_button)
    assert seen[0].result() == 0
    assert seen[0].error_label.text() == "Ngày hết thời hạn kỷ luật không được trước ngày bắt đầu."
    assert len(list_disciplines(demo_db)) == 2


# --- awards already received ------------------------------------------------------------------------------------
def test_add_edit_delete_an_award_already_received(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, tab: RecordsTab, demo_db: Database
) -> None:
    page = tab.prior_awards
    tab.sub_tabs.setCurrentWidget(page)
    before = list_prior_awards(demo_db)
    assert (
        page.count() == len(before) == 22
    )  # 20 recorded + the 2 decisions of the demo batches, written back
    quang = person_id(demo_db, "Trần Minh Quang")

    def add(dialog: PriorAwardDialog) -> None:
        pick(qtbot, dialog.subject, "tran minh quang")
        assert not dialog.form_name.isReadOnly()  # outside the catalogue until a form is chosen
        choose(dialog.award_form, "CSTDCS")
        assert dialog.form_name.text() == "Chiến sĩ thi đua cơ sở" and dialog.form_name.isReadOnly()
        assert dialog.authority.text() == WARD_CHAIRMAN
        type_text(qtbot, dialog.year, "2025")
        type_text(qtbot, dialog.decision_number, "2501/QĐ-UBND")
        dialog.decision_date.set_value(date(2025, 12, 20))

    drive_and_save(monkeypatch, qtbot, PriorAwardDialog, add)
    click(qtbot, page.table.add_button)
    [saved] = [a for a in list_prior_awards(demo_db, SubjectType.PERSON.value, quang) if a.year == 2025]
    assert saved == PriorAwardRecord(
        saved.id,
        SubjectType.PERSON.value,
        quang,
        "Trần Minh Quang",
        "CSTDCS",
        "Chiến sĩ thi đua cơ sở",
        "",
        2025,
        "2501/QĐ-UBND",
        date(2025, 12, 20),
        WARD_CHAIRMAN,
        None,
    )
    assert len(list_prior_awards(demo_db)) == 23 and page.table.current() == saved

    def edit(dialog: PriorAwardDialog) -> None:
        assert dialog.award_form.currentData() == "CSTDCS"
        choose(dialog.award_form, "")  # an award outside the catalogue: its name is typed
        assert dialog.form_name.text() == "" and not dialog.form_name.isReadOnly()
        type_text(qtbot, dialog.form_name, "Kỷ niệm chương Vì sự nghiệp xây dựng Đảng")
        type_text(qtbot, dialog.level, "Hạng nhất")
        retype(qtbot, dialog.authority, "Ban Chấp hành Trung ương Đảng")

    drive_and_save(monkeypatch, qtbot, PriorAwardDialog, edit)
    click(qtbot, page.table.edit_button)
    [edited] = [a for a in list_prior_awards(demo_db, SubjectType.PERSON.value, quang) if a.year == 2025]
    assert (edited.id, edited.award_code, edited.form_name, edited.level, edited.authority_name) == (
        saved.id,
        "",
        "Kỷ niệm chương Vì sự nghiệp xây dựng Đảng",
        "Hạng nhất",
        "Ban Chấp hành Trung ương Đảng",
    )

    asked = accept_delete(monkeypatch)
    select(page, saved.id)
    click(qtbot, page.table.delete_button)
    assert asked == ["khen thưởng «Kỷ niệm chương Vì sự nghiệp xây dựng Đảng» năm 2025 của «Trần Minh Quang»"]
    assert list_prior_awards(demo_db) == before and page.count() == 22


def test_award_forms_offered_follow_the_subject_type(tab: RecordsTab, qtbot: Any) -> None:
    dialog = PriorAwardDialog(tab.db, None, tab)
    qtbot.addWidget(dialog)

    def codes() -> list[str]:
        return [dialog.award_form.itemData(i) for i in range(dialog.award_form.count())]

    assert codes()[0] == "" and "LDTT" in codes() and "TTLDTT" not in codes()
    assert not any(code.startswith("XL_") for code in codes())  # ratings have their own page
    choose(dialog.subject_type, SubjectType.HOUSEHOLD.value)
    assert codes() == ["", "GD_VAN_HOA", "GK_CT_UBND_PHUONG", "BK_CT_UBND_TINH"]
    choose(dialog.subject_type, SubjectType.UNIT.value)
    assert "TTLDTT" in codes() and "LDTT" not in codes()


def test_an_award_without_a_name_or_a_year_writes_nothing(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, tab: RecordsTab, demo_db: Database
) -> None:
    def add(dialog: PriorAwardDialog) -> None:
        pick(qtbot, dialog.subject, "tran minh quang")

    seen = drive_and_save(monkeypatch, qtbot, PriorAwardDialog, add)
    click(qtbot, tab.prior_awards.table.add_button)
    dialog = seen[0]
    assert dialog.error_label.text() == "Chưa nhập tên hình thức khen thưởng."
    type_text(qtbot, dialog.form_name, "Giấy khen của Hội Cựu chiến binh")
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Save))
    assert dialog.error_label.text() == "Chưa nhập năm hoặc ngày quyết định khen thưởng."
    assert dialog.result() == 0 and len(list_prior_awards(demo_db)) == 22


# --- initiatives ------------------------------------------------------------------------------------------------
def test_add_edit_delete_an_initiative(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, tab: RecordsTab, demo_db: Database
) -> None:
    page = tab.initiatives
    tab.sub_tabs.setCurrentWidget(page)
    before = list_initiatives(demo_db)
    ha, tuan = person_id(demo_db, "Phạm Thị Thu Hà"), person_id(demo_db, "Võ Minh Tuấn")

    def add(dialog: InitiativeDialog) -> None:
        type_text(qtbot, dialog.title_edit, "Ứng dụng bản đồ số quản lý hộ dân tổ dân phố")
        choose(dialog.level, InitiativeLevel.GRASSROOTS.value)
        dialog.recognized_date.set_value(date(2025, 6, 30))
        type_text(qtbot, dialog.decision_ref, "Quyết định số 95/QĐ-UBND ngày 30/6/2025")
        assert not dialog.remove_author_button.isEnabled()
        pick(qtbot, dialog.author_pick, "vo minh tuan")
        click(qtbot, dialog.add_author_button)
        pick(qtbot, dialog.author_pick, "pham thi thu ha")
        click(qtbot, dialog.add_author_button)
        pick(qtbot, dialog.author_pick, "vo minh tuan")
        click(qtbot, dialog.add_author_button)  # already there: not added twice
        assert dialog.author_ids() == [tuan, ha] and dialog.author_pick.value() is None
        type_text(qtbot, dialog.notes, "Áp dụng thử tại Tổ dân phố 2")

    drive_and_save(monkeypatch, qtbot, InitiativeDialog, add)
    click(qtbot, page.table.add_button)
    [saved] = [i for i in list_initiatives(demo_db) if i.id not in {b.id for b in before}]
    assert saved == InitiativeRecord(
        saved.id,
        "Ứng dụng bản đồ số quản lý hộ dân tổ dân phố",
        InitiativeLevel.GRASSROOTS.value,
        date(2025, 6, 30),
        "Quyết định số 95/QĐ-UBND ngày 30/6/2025",
        "Áp dụng thử tại Tổ dân phố 2",
        [ha, tuan],
        ["Phạm Thị Thu Hà", "Võ Minh Tuấn"],
    )
    assert page.table.current() == saved
    row = page.table.model.rows().index(saved)
    assert page.table.model.index(row, 3).data() == "Phạm Thị Thu Hà, Võ Minh Tuấn"

    def edit(dialog: InitiativeDialog) -> None:
        assert dialog.author_ids() == [ha, tuan]
        dialog.authors.setCurrentRow(1)
        click(qtbot, dialog.remove_author_button)
        retype(qtbot, dialog.title_edit, "Bản đồ số quản lý hộ dân")
        choose(dialog.level, InitiativeLevel.PROVINCE.value)

    drive_and_save(monkeypatch, qtbot, InitiativeDialog, edit)
    click(qtbot, page.table.edit_button)
    [edited] = [i for i in list_initiatives(demo_db) if i.id == saved.id]
    assert (edited.title, edited.level, edited.author_ids) == (
        "Bản đồ số quản lý hộ dân",
        InitiativeLevel.PROVINCE.value,
        [ha],
    )

    asked = accept_delete(monkeypatch)
    select(page, saved.id)
    click(qtbot, page.table.delete_button)
    assert asked == ["sáng kiến «Bản đồ số quản lý hộ dân»"]
    assert list_initiatives(demo_db) == before


def test_an_initiative_without_authors_writes_nothing(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, tab: RecordsTab, demo_db: Database
) -> None:
    def add(dialog: InitiativeDialog) -> None:
        type_text(qtbot, dialog.title_edit, "Sáng kiến chưa có tác giả")
        click(qtbot, dialog.add_author_button)  # nothing chosen: explained, nothing added
        assert dialog.error_label.text().startswith("Hãy chọn một người") and dialog.author_ids() == []

    seen = drive_and_save(monkeypatch, qtbot, InitiativeDialog, add)
    click(qtbot, tab.initiatives.table.add_button)
    assert seen[0].error_label.text() == "Sáng kiến phải có ít nhất một tác giả."
    assert seen[0].result() == 0 and len(list_initiatives(demo_db)) == 4


# --- gaps in Party membership -----------------------------------------------------------------------------------
def test_add_edit_delete_a_party_membership_gap(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, tab: RecordsTab, demo_db: Database
) -> None:
    page = tab.gaps
    tab.sub_tabs.setCurrentWidget(page)
    before = list_gaps(demo_db)
    phuc = person_id(demo_db, "Nguyễn Văn Phúc")

    def add(dialog: GapDialog) -> None:
        pick(qtbot, dialog.person, "nguyen van phuc")
        assert dialog.join_hint.text() == "Vào Đảng ngày 22/12/2012."
        dialog.start_date.set_value(date(2015, 1, 10))
        dialog.end_date.set_value(date(2017, 4, 20))
        type_text(qtbot, dialog.reason, "Bị xóa tên; được kết nạp lại")

    drive_and_save(monkeypatch, qtbot, GapDialog, add)
    click(qtbot, page.table.add_button)
    [saved] = list_gaps(demo_db, phuc)
    assert saved == GapRecord(
        saved.id,
        phuc,
        "Nguyễn Văn Phúc",
        date(2015, 1, 10),
        date(2017, 4, 20),
        "Bị xóa tên; được kết nạp lại",
    )
    assert page.table.current() == saved
    row = page.table.model.rows().index(saved)
    assert page.table.model.index(row, 3).data() == "2 năm 3 tháng"

    def edit(dialog: GapDialog) -> None:
        assert dialog.person.value() == phuc
        dialog.end_date.set_value(date(2018, 1, 10))

    drive_and_save(monkeypatch, qtbot, GapDialog, edit)
    click(qtbot, page.table.edit_button)
    [edited] = list_gaps(demo_db, phuc)
    assert (edited.id, edited.end_date) == (saved.id, date(2018, 1, 10))

    asked = accept_delete(monkeypatch)
    select(page, saved.id)
    click(qtbot, page.table.delete_button)
    assert asked == ["thời gian gián đoạn sinh hoạt Đảng 10/01/2015–10/01/2018 của «Nguyễn Văn Phúc»"]
    assert list_gaps(demo_db) == before


def test_a_gap_ending_before_it_starts_writes_nothing(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, tab: RecordsTab, demo_db: Database
) -> None:
    def add(dialog: GapDialog) -> None:
        pick(qtbot, dialog.person, "nguyen van phuc")
        dialog.start_date.set_value(date(2016, 5, 1))
        dialog.end_date.set_value(date(2015, 5, 1))

    seen = drive_and_save(monkeypatch, qtbot, GapDialog, add)
    click(qtbot, tab.gaps.table.add_button)
    dialog = seen[0]
    assert dialog.result() == 0
    assert dialog.error_label.text() == "Ngày kết thúc (được kết nạp lại) phải sau ngày bắt đầu gián đoạn."
    dialog.start_date.set_value(date(2010, 1, 1))  # before joining the Party
    dialog.end_date.set_value(date(2011, 1, 1))
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Save))
    assert dialog.error_label.text() == "Thời gian gián đoạn phải sau ngày vào Đảng (22/12/2012)."
    assert dialog.result() == 0 and list_gaps(demo_db) == list_gaps(
        demo_db, person_id(demo_db, "Huỳnh Văn Tám")
    )


def test_only_party_members_are_offered_for_a_gap(tab: RecordsTab, qtbot: Any, demo_db: Database) -> None:
    dialog = GapDialog(tab.db, None, tab)
    qtbot.addWidget(dialog)
    offered = {dialog.person.itemData(i) for i in range(dialog.person.count())}
    members = {p.id for p in list_persons(demo_db) if p.is_party_member}
    assert offered == members and person_id(demo_db, "Lê Văn Tài") not in offered


# --- the tab ----------------------------------------------------------------------------------------------------
def test_the_person_filter_narrows_every_page_and_presets_new_records(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, tab: RecordsTab, demo_db: Database
) -> None:
    ha = person_id(demo_db, "Phạm Thị Thu Hà")
    assert not tab.clear_filter_button.isEnabled()
    pick(qtbot, tab.person_filter, "pham thi thu ha")
    assert all(page.person_id == ha for page in tab.pages)
    assert {r.subject_name for r in tab.ratings.table.visible_records()} == {"Phạm Thị Thu Hà"}
    assert tab.ratings.count() == len(list_ratings(demo_db, SubjectType.PERSON.value, ha)) == 5
    assert tab.prior_awards.count() == 2 and tab.disciplines.count() == 0
    assert [i.author_names for i in tab.initiatives.table.visible_records()] == [["Phạm Thị Thu Hà"]]
    assert tab.sub_tabs.tabText(1) == "Kỷ luật" and tab.sub_tabs.tabText(0) == "Xếp loại chất lượng (5)"

    seen = drive_and_save(monkeypatch, qtbot, RatingDialog, lambda dialog: dialog.reject())
    click(qtbot, tab.ratings.table.add_button)
    assert seen[0].subject.value() == ha and seen[0].subject_type.currentData() == SubjectType.PERSON.value
    assert len(list_ratings(demo_db)) == 81

    click(qtbot, tab.clear_filter_button)
    assert tab.person_filter.value() is None and tab.ratings.count() == 81
    assert all(page.person_id is None for page in tab.pages) and not tab.clear_filter_button.isEnabled()


def test_search_box_filters_without_diacritics(qtbot: Any, tab: RecordsTab) -> None:
    qtbot.keyClicks(tab.ratings.table.search, "pham thi thu ha 2023")
    [shown] = tab.ratings.table.visible_records()
    assert (shown.subject_name, shown.year) == ("Phạm Thị Thu Hà", 2023)
    assert tab.ratings.table.count_label.text() == "Hiển thị 1 trong 81 xếp loại"


def test_cancelled_delete_keeps_the_record(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, tab: RecordsTab, demo_db: Database
) -> None:
    monkeypatch.setattr(messages, "confirm_delete", lambda *_a: False)
    tab.sub_tabs.setCurrentWidget(tab.gaps)
    tab.gaps.table.view.selectRow(0)
    tab.delete_record()  # the main window's «Xóa bản ghi đang chọn» acts on the page shown
    assert len(list_gaps(demo_db)) == 1


def test_main_window_shortcuts_act_on_the_page_shown(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, tab: RecordsTab
) -> None:
    seen = drive_and_save(monkeypatch, qtbot, InitiativeDialog, lambda dialog: dialog.reject())
    tab.sub_tabs.setCurrentWidget(tab.initiatives)
    tab.add_record()
    assert len(seen) == 1 and seen[0].windowTitle() == "Thêm sáng kiến"
    tab.initiatives.table.view.selectRow(0)
    tab.edit_record()
    assert len(seen) == 2 and seen[1].windowTitle() == "Sửa sáng kiến"
    tab.focus_search()
    assert tab.initiatives.table.search.hasFocus()


def test_history_opens_for_the_selected_record(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, tab: RecordsTab
) -> None:
    opened: list[HistoryDialog] = []
    monkeypatch.setattr(HistoryDialog, "exec", lambda self: opened.append(self) or 0)
    tab.sub_tabs.setCurrentWidget(tab.disciplines)
    tab.disciplines.table.view.selectRow(0)
    click(qtbot, tab.disciplines.table.history_button)
    assert opened and opened[0].windowTitle().startswith("Lịch sử thay đổi — kỷ luật «Khiển trách» của")
    assert opened[0].tree.topLevelItemCount() >= 1


def test_a_hidden_tab_reloads_only_when_shown(qtbot: Any, demo_db: Database) -> None:
    ctx = AppContext(demo_db)
    hidden = TAB(ctx)
    qtbot.addWidget(hidden)
    assert hidden.gaps.count() == 1
    from thidua_desktop.core.services.records import save_gap

    save_gap(
        demo_db,
        GapRecord(None, person_id(demo_db, "Nguyễn Văn Phúc"), "", date(2015, 1, 1), date(2016, 1, 1)),
    )
    ctx.notify_changed("records")
    assert hidden.gaps.count() == 1
    hidden.show()
    qtbot.waitExposed(hidden)
    assert hidden.gaps.count() == 2


def test_the_tab_is_discovered_between_units_and_pledges(
    qtbot: Any, demo_db: Database, tmp_path: Path
) -> None:
    window = MainWindow(AppContext(demo_db), QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    keys = list(window.tab_pages)
    assert keys.index("units_people") < keys.index("records") < keys.index("pledges")
    page = window.tab_pages["records"]
    assert isinstance(page, RecordsTab)
    assert window.tabs.tabText(window.tabs.indexOf(page)) == "Hồ sơ khen thưởng, kỷ luật"
    assert window.load_errors == []


def test_models_are_consistent_item_models(tab: RecordsTab) -> None:
    for page in tab.pages:
        QAbstractItemModelTester(page.table.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
        QAbstractItemModelTester(page.table.proxy, QAbstractItemModelTester.FailureReportingMode.Fatal)
    tab.ratings.reload()
    tab.ratings.table.view.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    assert tab.ratings.table.visible_records()[0].year == 2024


def test_small_helpers() -> None:
    assert duration_text(date(1997, 3, 1), date(2002, 3, 1)) == "5 năm"
    assert duration_text(date(2015, 1, 10), date(2015, 8, 9)) == "6 tháng"
    assert duration_text(date(2015, 1, 10), date(2015, 1, 20)) == "dưới 1 tháng"
    assert duration_text(date(2015, 1, 10), None) == ""
    assert default_rating_year(date(2025, 1, 15)) == 2024
    assert default_rating_year(date(2025, 12, 1)) == 2025
    record = RatingRecord(level="khác")
    assert record.level_label == "khác"

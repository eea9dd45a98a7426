"""Adding or editing the records the rules read: annual quality ratings, disciplines, awards already received,
recognised initiatives and gaps in Party membership. Each dialog saves through ``core.services.records``."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from thidua_desktop.core.enums import (
    AwardKind,
    DisciplineForm,
    DisciplineSystem,
    InitiativeLevel,
    RatingLevel,
    SubjectType,
)
from thidua_desktop.core.errors import ValidationError
from thidua_desktop.core.rules.badge_law import system_of_form
from thidua_desktop.core.services.catalogue import AwardFormRecord, list_award_forms
from thidua_desktop.core.services.persons import PersonRecord, list_persons
from thidua_desktop.core.services.records import (
    DisciplineRecord,
    GapRecord,
    InitiativeRecord,
    PriorAwardRecord,
    RatingRecord,
    save_discipline,
    save_gap,
    save_initiative,
    save_prior_award,
    save_rating,
)
from thidua_desktop.core.services.settings import load_settings
from thidua_desktop.core.storage.database import Database
from thidua_desktop.core.text import format_date
from thidua_desktop.ui.dialogs.fields import NumberEdit, form_allows, subject_items
from thidua_desktop.ui.widgets.date_field import OptionalDateEdit
from thidua_desktop.ui.widgets.inputs import EnumCombo, NotesEdit
from thidua_desktop.ui.widgets.record_dialog import RecordDialog
from thidua_desktop.ui.widgets.search_combo import SearchComboBox

FIND_HINT = "Gõ tên để tìm (không dấu cũng được)…"
OUTSIDE_CATALOGUE = "— Ngoài danh mục (nhập tên bên dưới) —"
DATE_WIDTH = 140


def default_rating_year(today: date | None = None) -> int:
    """Ratings are made at the end of the year: from November on it is this year's, before that last year's."""
    today = today or date.today()
    return today.year if today.month >= 11 else today.year - 1


def person_text(person: PersonRecord) -> str:
    return f"{person.full_name} — {person.unit_name}" if person.unit_name else person.full_name


class YearEdit(QLineEdit):
    """An optional four-digit year (empty reads as None); no thousands separator, unlike counts."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9]{0,4}"), self))
        self.setPlaceholderText("ví dụ: 2024")
        self.setMaximumWidth(110)

    def value(self) -> int | None:
        text = self.text().strip()
        return int(text) if text else None

    def set_value(self, year: int | None) -> None:
        self.setText("" if year is None else str(year))


def show_start(combo: SearchComboBox) -> None:
    """Show the beginning of a long «name — unit» rather than its end."""
    line = combo.lineEdit()
    if line is not None:
        line.setCursorPosition(0)


def _date_edit(parent: QWidget, tooltip: str = "") -> OptionalDateEdit:
    edit = OptionalDateEdit(parent)
    edit.setMaximumWidth(DATE_WIDTH)
    if tooltip:
        edit.setToolTip(tooltip)
    return edit


class SubjectDialog(RecordDialog):
    """A dialog whose record belongs to a unit or a person (or a household): «Loại đối tượng» + «Đối tượng»."""

    SUBJECT_TYPES: tuple[SubjectType, ...] = (SubjectType.PERSON, SubjectType.UNIT)

    def add_subject_rows(self, db: Database, subject_type: str, subject_id: int | None) -> None:
        self.db = db
        self.setMinimumWidth(620)
        self.subject_type = QComboBox(self)
        for kind in self.SUBJECT_TYPES:
            self.subject_type.addItem(kind.label, kind.value)
        self.subject = SearchComboBox(self, FIND_HINT)
        self.subject.setMinimumContentsLength(40)
        self.form.addRow("Loại đối tượng", self.subject_type)
        self.form.addRow("Đối tượng *", self.subject)
        self.fields.update({"subject_type": self.subject_type, "subject_id": self.subject})
        self.subject_type.setCurrentIndex(max(self.subject_type.findData(subject_type), 0))
        self.fill_subjects(subject_id)
        self.subject_type.currentIndexChanged.connect(lambda _index: self.subject_type_changed())

    def chosen_type(self) -> str:
        return str(self.subject_type.currentData())

    def fill_subjects(self, subject_id: int | None) -> None:
        self.subject.set_items(subject_items(self.db, self.chosen_type()), subject_id)
        show_start(self.subject)

    def subject_type_changed(self) -> None:
        self.fill_subjects(None)


# --- quality ratings ------------------------------------------------------------------------------------------------


class RatingDialog(SubjectDialog):
    def __init__(
        self,
        db: Database,
        record: RatingRecord | None = None,
        parent: QWidget | None = None,
        person_id: int | None = None,
    ) -> None:
        editing = record is not None and record.id is not None
        title = (
            f"Sửa xếp loại chất lượng — {record.subject_name}"
            if editing and record
            else "Thêm xếp loại chất lượng"
        )
        super().__init__(title, lambda r: save_rating(db, r), parent)
        self.record = record or RatingRecord(subject_id=person_id, year=default_rating_year())
        self.add_subject_rows(db, self.record.subject_type, self.record.subject_id)
        self.year = YearEdit(self)
        self.level = EnumCombo(RatingLevel, self)
        self.score = NumberEdit(self)
        self.score.setMaximumWidth(160)
        self.score.setPlaceholderText("từ 0 đến 100 (nếu có)")
        self.outstanding = QCheckBox("Tiêu biểu", self)
        self.outstanding.setToolTip("Chỉ tập thể «Hoàn thành xuất sắc nhiệm vụ» mới được đánh giá tiêu biểu.")
        self.notes = NotesEdit(self)
        self.form.addRow("Năm *", self.year)
        self.form.addRow("Mức xếp loại *", self.level)
        self.form.addRow("Điểm đánh giá", self.score)
        self.form.addRow("", self.outstanding)
        self.form.addRow("Ghi chú", self.notes)
        self.fields.update(
            {
                "year": self.year,
                "level": self.level,
                "score": self.score,
                "is_outstanding": self.outstanding,
                "notes": self.notes,
            }
        )
        r = self.record
        self.year.set_value(r.year)
        self.level.set_value(r.level)
        self.score.set_value(r.score)
        self.outstanding.setChecked(r.is_outstanding)
        self.notes.set_value(r.notes)
        self.level.currentIndexChanged.connect(lambda _index: self.update_outstanding())
        self.update_outstanding()

    def subject_type_changed(self) -> None:
        super().subject_type_changed()
        self.update_outstanding()

    def update_outstanding(self) -> None:
        allowed = self.chosen_type() == SubjectType.UNIT and self.level.value() == RatingLevel.EXCELLENT
        if not allowed:
            self.outstanding.setChecked(False)
        self.outstanding.setEnabled(allowed)

    def collect(self) -> RatingRecord:
        try:
            score = self.score.value()
        except ValueError:
            raise ValidationError("Điểm đánh giá phải là một số, ví dụ 92,5.", "score") from None
        return dataclasses.replace(
            self.record,
            subject_type=self.chosen_type(),
            subject_id=self.subject.value(),
            year=self.year.value(),
            level=self.level.value() or RatingLevel.GOOD.value,
            score=score,
            is_outstanding=self.outstanding.isChecked(),
            notes=self.notes.value(),
        )


# --- disciplines ----------------------------------------------------------------------------------------------------


class DisciplineDialog(SubjectDialog):
    def __init__(
        self,
        db: Database,
        record: DisciplineRecord | None = None,
        parent: QWidget | None = None,
        person_id: int | None = None,
    ) -> None:
        editing = record is not None and record.id is not None
        title = f"Sửa kỷ luật — {record.subject_name}" if editing and record else "Thêm kỷ luật"
        super().__init__(title, lambda r: save_discipline(db, r), parent)
        self.record = record or DisciplineRecord(subject_id=person_id)
        self.add_subject_rows(db, self.record.subject_type, self.record.subject_id)
        self.discipline_form = EnumCombo(DisciplineForm, self)
        self.system = EnumCombo(DisciplineSystem, self, empty="— Chọn loại kỷ luật —")
        self.system.setToolTip(
            "Chỉ kỷ luật Đảng làm chờ xét Huy hiệu Đảng (Quy định 24-QĐ/TW); hạ bậc lương, giáng chức, buộc "
            "thôi việc là kỷ luật chính quyền, khai trừ là kỷ luật Đảng"
        )
        self.decision_number = QLineEdit(self)
        self.decision_number.setPlaceholderText("ví dụ: 12-QĐ/ĐU")
        self.decision_date = _date_edit(self)
        self.start_date = _date_edit(self, "Ngày bắt đầu thi hành kỷ luật")
        self.end_date = _date_edit(self, "Ngày hết thời hạn kỷ luật; để trống nếu chưa xác định")
        self.reason = NotesEdit(self)
        self.form.addRow("Hình thức kỷ luật *", self.discipline_form)
        self.form.addRow("Loại kỷ luật *" if not editing else "Loại kỷ luật", self.system)
        self.form.addRow("Số quyết định", self.decision_number)
        self.form.addRow("Ngày quyết định", self.decision_date)
        self.form.addRow("Ngày bắt đầu thi hành *", self.start_date)
        self.form.addRow("Ngày hết thời hạn", self.end_date)
        self.form.addRow("Lý do", self.reason)
        self.fields.update(
            {
                "form": self.discipline_form,
                "system": self.system,
                "decision_number": self.decision_number,
                "decision_date": self.decision_date,
                "start_date": self.start_date,
                "end_date": self.end_date,
                "reason": self.reason,
            }
        )
        r = self.record
        self.discipline_form.set_value(r.form)
        self.system.set_value(r.system)
        self._follow_form()
        self.discipline_form.currentIndexChanged.connect(lambda _i: self._follow_form())
        self.decision_number.setText(r.decision_number)
        self.decision_date.set_value(r.decision_date)
        self.start_date.set_value(r.start_date)
        self.end_date.set_value(r.end_date)
        self.reason.set_value(r.reason)

    def _follow_form(self) -> None:
        """A form of one system only (hạ bậc lương, giáng chức, buộc thôi việc; khai trừ) sets the kind and locks
        it; a form of both systems (khiển trách, cảnh cáo, cách chức) leaves the choice to the user."""
        implied = system_of_form(self.discipline_form.value() or "")
        if implied is not None:
            self.system.set_value(implied)
        elif not self.system.isEnabled():
            self.system.set_value(None)
        self.system.setEnabled(implied is None)

    def collect(self) -> DisciplineRecord:
        return dataclasses.replace(
            self.record,
            subject_type=self.chosen_type(),
            subject_id=self.subject.value(),
            form=self.discipline_form.value() or DisciplineForm.REPRIMAND.value,
            system=self.system.value(),
            decision_number=self.decision_number.text(),
            decision_date=self.decision_date.value(),
            start_date=self.start_date.value(),
            end_date=self.end_date.value(),
            reason=self.reason.value(),
        )


# --- awards already received ----------------------------------------------------------------------------------------


class PriorAwardDialog(SubjectDialog):
    SUBJECT_TYPES = (SubjectType.PERSON, SubjectType.UNIT, SubjectType.HOUSEHOLD)

    def __init__(
        self,
        db: Database,
        record: PriorAwardRecord | None = None,
        parent: QWidget | None = None,
        person_id: int | None = None,
    ) -> None:
        editing = record is not None and record.id is not None
        title = (
            f"Sửa khen thưởng đã nhận — {record.subject_name}"
            if editing and record
            else "Thêm khen thưởng đã nhận"
        )
        super().__init__(title, lambda r: save_prior_award(db, r), parent)
        self.record = record or PriorAwardRecord(subject_id=person_id)
        self.settings = load_settings(db)
        self.forms: list[AwardFormRecord] = [f for f in list_award_forms(db) if f.kind != AwardKind.RATING]
        self._auto_authority = ""
        self.add_subject_rows(db, self.record.subject_type, self.record.subject_id)
        self.award_form = QComboBox(self)
        self.award_form.setMaxVisibleItems(20)
        self.form_name = QLineEdit(self)
        self.form_name.setPlaceholderText("Tên hình thức khen thưởng, danh hiệu")
        self.level = QLineEdit(self)
        self.level.setPlaceholderText("ví dụ: 50 năm tuổi Đảng (nếu có)")
        self.year = YearEdit(self)
        self.decision_number = QLineEdit(self)
        self.decision_number.setPlaceholderText("ví dụ: 2466/QĐ-UBND")
        self.decision_date = _date_edit(self)
        self.authority = QLineEdit(self)
        self.authority.setPlaceholderText("Cơ quan, người ký quyết định khen thưởng")
        self.form.addRow("Hình thức trong danh mục", self.award_form)
        self.form.addRow("Tên hình thức *", self.form_name)
        self.form.addRow("Hạng, mức", self.level)
        self.form.addRow("Năm", self.year)
        self.form.addRow("Số quyết định", self.decision_number)
        self.form.addRow("Ngày quyết định", self.decision_date)
        self.form.addRow("Cấp khen", self.authority)
        if self.record.proposal_id is not None:
            note = QLabel("Khen thưởng này được ghi từ quyết định của một đề nghị khen thưởng.", self)
            note.setWordWrap(True)
            self.form.addRow("", note)
        self.fields.update(
            {
                "award_code": self.award_form,
                "form_name": self.form_name,
                "level": self.level,
                "year": self.year,
                "decision_number": self.decision_number,
                "decision_date": self.decision_date,
                "authority_name": self.authority,
            }
        )
        r = self.record
        self.form_name.setText(r.form_name)
        self.level.setText(r.level)
        self.year.set_value(r.year)
        self.decision_number.setText(r.decision_number)
        self.decision_date.set_value(r.decision_date)
        self.authority.setText(r.authority_name)
        self.fill_forms(r.award_code)
        self.award_form.currentIndexChanged.connect(lambda _index: self.form_chosen())
        self.update_name_field()

    def subject_type_changed(self) -> None:
        super().subject_type_changed()
        self.fill_forms(self.award_form.currentData())

    def fill_forms(self, code: str | None) -> None:
        """The catalogue forms allowed for this kind of subject (plus the saved one, if no longer offered)."""
        subject_type = self.chosen_type()
        self.award_form.blockSignals(True)
        self.award_form.clear()
        self.award_form.addItem(OUTSIDE_CATALOGUE, "")
        for form in self.forms:
            allowed = form_allows(form, subject_type)
            if (allowed and form.is_active) or (code and form.code == code):
                text = form.name if allowed else f"{form.name} (không dành cho loại đối tượng này)"
                self.award_form.addItem(text, form.code)
        self.award_form.setCurrentIndex(max(self.award_form.findData(code or ""), 0))
        self.award_form.blockSignals(False)
        self.update_name_field()

    def chosen_form(self) -> AwardFormRecord | None:
        code = self.award_form.currentData()
        return next((f for f in self.forms if code and f.code == code), None)

    def form_chosen(self) -> None:
        form = self.chosen_form()
        if form is not None:
            authority = self.settings.authority_name(form.authority)
            if not self.authority.text().strip() or self.authority.text() == self._auto_authority:
                self.authority.setText(authority)
                self._auto_authority = authority
        elif self.form_name.isReadOnly():
            self.form_name.clear()
        self.update_name_field()

    def update_name_field(self) -> None:
        """A catalogue form gives the name; outside the catalogue the name is typed."""
        form = self.chosen_form()
        if form is not None:
            self.form_name.setText(form.name)
        self.form_name.setReadOnly(form is not None)
        self.form_name.setEnabled(form is None)

    def collect(self) -> PriorAwardRecord:
        return dataclasses.replace(
            self.record,
            subject_type=self.chosen_type(),
            subject_id=self.subject.value(),
            award_code=str(self.award_form.currentData() or ""),
            form_name=self.form_name.text(),
            level=self.level.text(),
            year=self.year.value(),
            decision_number=self.decision_number.text(),
            decision_date=self.decision_date.value(),
            authority_name=self.authority.text(),
        )


# --- initiatives ----------------------------------------------------------------------------------------------------


class InitiativeDialog(RecordDialog):
    def __init__(
        self,
        db: Database,
        record: InitiativeRecord | None = None,
        parent: QWidget | None = None,
        person_id: int | None = None,
    ) -> None:
        editing = record is not None and record.id is not None
        super().__init__(
            "Sửa sáng kiến" if editing else "Thêm sáng kiến", lambda r: save_initiative(db, r), parent
        )
        self.setMinimumWidth(640)
        self.record = record or InitiativeRecord(author_ids=[person_id] if person_id is not None else [])
        people = list_persons(db)
        self.people = {p.id: p for p in people if p.id is not None}

        self.title_edit = QLineEdit(self)
        self.title_edit.setPlaceholderText("Tên sáng kiến, giải pháp")
        self.level = EnumCombo(InitiativeLevel, self)
        self.recognized_date = _date_edit(self, "Ngày ký quyết định công nhận sáng kiến")
        self.decision_ref = QLineEdit(self)
        self.decision_ref.setPlaceholderText("ví dụ: Quyết định số 112/QĐ-HĐSK ngày 15/11/2024")

        self.author_pick = SearchComboBox(self, FIND_HINT)
        self.author_pick.setMinimumContentsLength(34)
        self.author_pick.set_items([(person_text(p), p.id) for p in people if p.id is not None])
        self.add_author_button = QPushButton("Thêm tác giả", self)
        self.remove_author_button = QPushButton("Bỏ tác giả", self)
        self.authors = QListWidget(self)
        self.authors.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.authors.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 14)
        self.add_author_button.clicked.connect(self.add_author)
        self.remove_author_button.clicked.connect(self.remove_author)
        self.authors.itemSelectionChanged.connect(self._update_author_buttons)
        pick_row = QHBoxLayout()
        pick_row.addWidget(self.author_pick, 1)
        pick_row.addWidget(self.add_author_button)
        list_row = QHBoxLayout()
        list_row.addWidget(self.authors, 1)
        list_row.addWidget(self.remove_author_button, 0, Qt.AlignmentFlag.AlignTop)
        authors_box = QWidget(self)
        authors_layout = QVBoxLayout(authors_box)
        authors_layout.setContentsMargins(0, 0, 0, 0)
        authors_layout.addLayout(pick_row)
        authors_layout.addLayout(list_row)
        self.notes = NotesEdit(self)

        self.form.addRow("Tên sáng kiến *", self.title_edit)
        self.form.addRow("Cấp công nhận *", self.level)
        self.form.addRow("Ngày công nhận", self.recognized_date)
        self.form.addRow("Quyết định công nhận", self.decision_ref)
        self.form.addRow("Tác giả *", authors_box)
        self.form.addRow("Ghi chú", self.notes)
        self.fields.update(
            {
                "title": self.title_edit,
                "level": self.level,
                "recognized_date": self.recognized_date,
                "decision_ref": self.decision_ref,
                "author_ids": self.author_pick,
                "notes": self.notes,
            }
        )
        r = self.record
        self.title_edit.setText(r.title)
        self.level.set_value(r.level)
        self.recognized_date.set_value(r.recognized_date)
        self.decision_ref.setText(r.decision_ref)
        self.notes.set_value(r.notes)
        names = dict(zip(r.author_ids, r.author_names, strict=False))
        for person_id in r.author_ids:
            person = self.people.get(person_id)
            self._append_author(person_id, person_text(person) if person else names.get(person_id, ""))
        self._update_author_buttons()

    def author_ids(self) -> list[int]:
        return [
            int(self.authors.item(row).data(Qt.ItemDataRole.UserRole)) for row in range(self.authors.count())
        ]

    def _append_author(self, person_id: int, text: str) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, person_id)
        self.authors.addItem(item)

    def add_author(self) -> None:
        person_id = self.author_pick.value()
        if person_id is None:
            self.show_error("Hãy chọn một người trong danh sách rồi bấm «Thêm tác giả».", "author_ids")
            return
        if person_id not in self.author_ids():
            self._append_author(person_id, self.author_pick.currentText())
        self.author_pick.set_value(None)
        self.error_label.hide()
        self._update_author_buttons()

    def remove_author(self) -> None:
        row = self.authors.currentRow()
        if row >= 0:
            self.authors.takeItem(row)
        self._update_author_buttons()

    def _update_author_buttons(self) -> None:
        self.remove_author_button.setEnabled(bool(self.authors.selectedItems()))

    def collect(self) -> InitiativeRecord:
        return dataclasses.replace(
            self.record,
            title=self.title_edit.text(),
            level=self.level.value() or InitiativeLevel.GRASSROOTS.value,
            recognized_date=self.recognized_date.value(),
            decision_ref=self.decision_ref.text(),
            notes=self.notes.value(),
            author_ids=self.author_ids(),
        )


# --- gaps in Party membership ---------------------------------------------------------------------------------------


class GapDialog(RecordDialog):
    def __init__(
        self,
        db: Database,
        record: GapRecord | None = None,
        parent: QWidget | None = None,
        person_id: int | None = None,
    ) -> None:
        editing = record is not None and record.id is not None
        title = (
            f"Sửa thời gian gián đoạn sinh hoạt Đảng — {record.person_name}"
            if editing and record
            else "Thêm thời gian gián đoạn sinh hoạt Đảng"
        )
        super().__init__(title, lambda r: save_gap(db, r), parent)
        self.setMinimumWidth(620)
        self.record = record or GapRecord(person_id=person_id)
        self.people = {
            p.id: p
            for p in list_persons(db)
            if p.id is not None and (p.is_party_member or p.id == self.record.person_id)
        }
        self.person = SearchComboBox(self, FIND_HINT)
        self.person.setMinimumContentsLength(40)
        self.person.set_items((person_text(p), p.id) for p in self.people.values())
        self.join_hint = QLabel(self)
        self.join_hint.setObjectName("hintLabel")
        self.start_date = _date_edit(self, "Ngày bị xóa tên, khai trừ hoặc mất liên lạc")
        self.end_date = _date_edit(self, "Ngày được kết nạp lại vào Đảng")
        self.reason = NotesEdit(self)
        self.form.addRow("Đảng viên *", self.person)
        self.form.addRow("", self.join_hint)
        self.form.addRow("Từ ngày *", self.start_date)
        self.form.addRow("Đến ngày (kết nạp lại) *", self.end_date)
        self.form.addRow("Lý do", self.reason)
        self.fields.update(
            {
                "person_id": self.person,
                "start_date": self.start_date,
                "end_date": self.end_date,
                "reason": self.reason,
            }
        )
        r = self.record
        self.person.set_value(r.person_id)
        show_start(self.person)
        self.start_date.set_value(r.start_date)
        self.end_date.set_value(r.end_date)
        self.reason.set_value(r.reason)
        self.person.currentIndexChanged.connect(lambda _index: self.update_hint())
        self.update_hint()

    def update_hint(self) -> None:
        person = self.people.get(self.person.currentData()) if self.person.currentIndex() >= 0 else None
        if person is None:
            text = "Chỉ những người đã ghi là đảng viên mới có trong danh sách."
        elif person.party_join_date is None:
            text = "Người này chưa có ngày vào Đảng: hãy nhập ở thẻ «Đơn vị & cá nhân» trước."
        else:
            text = f"Vào Đảng ngày {format_date(person.party_join_date)}."
        self.join_hint.setText(text)

    def collect(self) -> GapRecord:
        return dataclasses.replace(
            self.record,
            person_id=self.person.value(),
            start_date=self.start_date.value(),
            end_date=self.end_date.value(),
            reason=self.reason.value(),
        )

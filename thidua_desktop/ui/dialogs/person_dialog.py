"""Adding or editing a person: identity, unit and position, Party membership."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QCheckBox, QLineEdit, QWidget

from thidua_desktop.core.enums import Gender, PersonCategory
from thidua_desktop.core.services.persons import PersonRecord, save_person
from thidua_desktop.core.services.units import list_units
from thidua_desktop.core.storage.database import Database
from thidua_desktop.ui.widgets.date_field import OptionalDateEdit
from thidua_desktop.ui.widgets.inputs import EnumCombo, NotesEdit, UnitCombo
from thidua_desktop.ui.widgets.record_dialog import RecordDialog


class PersonDialog(RecordDialog):
    def __init__(
        self,
        db: Database,
        record: PersonRecord | None = None,
        parent: QWidget | None = None,
        unit_id: int | None = None,
    ) -> None:
        title = f"Sửa thông tin cá nhân — {record.full_name}" if record else "Thêm cá nhân"
        super().__init__(title, lambda r: save_person(db, r), parent)
        self.record = record or PersonRecord(unit_id=unit_id)

        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText("Họ và tên đầy đủ, có dấu")
        self.gender_combo = EnumCombo(Gender, self, empty="—")
        self.birth_edit = OptionalDateEdit(self)
        self.unit_combo = UnitCombo(self, empty="— Chưa xếp đơn vị —")
        self.unit_combo.set_units(list_units(db))
        self.position_edit = QLineEdit(self)
        self.position_edit.setPlaceholderText("ví dụ: Bí thư Chi bộ, Tổ trưởng tổ dân phố")
        self.category_combo = EnumCombo(PersonCategory, self, empty="—")
        self.hire_edit = OptionalDateEdit(self)
        self.hire_edit.setToolTip(
            "Người mới tuyển dụng chưa đủ 6 tháng công tác trong năm không được bình xét Lao động tiên tiến, "
            "Chiến sĩ thi đua cơ sở (Thông tư 01/2024/TT-BNV)."
        )
        self.party_check = QCheckBox("Là đảng viên", self)
        self.join_edit = OptionalDateEdit(self)
        self.official_edit = OptionalDateEdit(self)
        self.card_edit = QLineEdit(self)
        self.card_edit.setPlaceholderText("ví dụ: 50.012345")
        self.notes_edit = NotesEdit(self)
        for edit in (self.gender_combo, self.birth_edit, self.hire_edit, self.join_edit, self.official_edit):
            edit.setMaximumWidth(160)

        self.form.addRow("Họ và tên *", self.name_edit)
        self.form.addRow("Giới tính", self.gender_combo)
        self.form.addRow("Ngày sinh", self.birth_edit)
        self.form.addRow("Đơn vị", self.unit_combo)
        self.form.addRow("Chức vụ", self.position_edit)
        self.form.addRow("Đối tượng", self.category_combo)
        self.form.addRow("Ngày tuyển dụng", self.hire_edit)
        self.form.addRow("", self.party_check)
        self.form.addRow("Ngày vào Đảng", self.join_edit)
        self.form.addRow("Ngày chính thức", self.official_edit)
        self.form.addRow("Số thẻ đảng viên", self.card_edit)
        self.form.addRow("Ghi chú", self.notes_edit)
        self.fields = {
            "full_name": self.name_edit,
            "gender": self.gender_combo,
            "birth_date": self.birth_edit,
            "unit_id": self.unit_combo,
            "position": self.position_edit,
            "category": self.category_combo,
            "hire_date": self.hire_edit,
            "is_party_member": self.party_check,
            "party_join_date": self.join_edit,
            "party_official_date": self.official_edit,
            "party_card_number": self.card_edit,
            "notes": self.notes_edit,
        }

        r = self.record
        self.name_edit.setText(r.full_name)
        self.gender_combo.set_value(r.gender)
        self.birth_edit.set_value(r.birth_date)
        self.unit_combo.set_value(r.unit_id)
        self.position_edit.setText(r.position)
        self.category_combo.set_value(r.category)
        self.hire_edit.set_value(r.hire_date)
        self.party_check.setChecked(r.is_party_member)
        self.join_edit.set_value(r.party_join_date)
        self.official_edit.set_value(r.party_official_date)
        self.card_edit.setText(r.party_card_number)
        self.notes_edit.set_value(r.notes)
        self.party_check.toggled.connect(self._party_toggled)
        self._party_toggled(r.is_party_member)
        self.name_edit.setFocus()

    def _party_toggled(self, checked: bool) -> None:
        for edit in (self.join_edit, self.official_edit, self.card_edit):
            edit.setEnabled(checked)

    def collect(self) -> PersonRecord:
        member = self.party_check.isChecked()
        return dataclasses.replace(
            self.record,
            full_name=self.name_edit.text(),
            gender=self.gender_combo.value(),
            birth_date=self.birth_edit.value(),
            unit_id=self.unit_combo.value(),
            position=self.position_edit.text(),
            category=self.category_combo.value(),
            hire_date=self.hire_edit.value(),
            is_party_member=member,
            party_join_date=self.join_edit.value() if member else None,
            party_official_date=self.official_edit.value() if member else None,
            party_card_number=self.card_edit.text() if member else "",
            notes=self.notes_edit.value(),
        )

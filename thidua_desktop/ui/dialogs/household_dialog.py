"""Adding or editing a household (hộ gia đình) of a residential group."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QLineEdit, QWidget

from thidua_desktop.core.enums import UnitKind
from thidua_desktop.core.errors import ValidationError
from thidua_desktop.core.services.households import HouseholdRecord, save_household
from thidua_desktop.core.services.units import list_units
from thidua_desktop.core.storage.database import Database
from thidua_desktop.ui.widgets.inputs import CountEdit, NotesEdit, UnitCombo
from thidua_desktop.ui.widgets.record_dialog import RecordDialog


class HouseholdDialog(RecordDialog):
    def __init__(
        self,
        db: Database,
        record: HouseholdRecord | None = None,
        parent: QWidget | None = None,
        group_id: int | None = None,
    ) -> None:
        title = f"Sửa hộ gia đình — {record.head_name}" if record else "Thêm hộ gia đình"
        super().__init__(title, lambda r: save_household(db, r), parent)
        self.record = record or HouseholdRecord(residential_group_id=group_id)
        groups = [u for u in list_units(db) if u.kind == UnitKind.RESIDENTIAL_GROUP.value]
        for group in groups:
            group.depth = 0

        self.head_edit = QLineEdit(self)
        self.head_edit.setPlaceholderText("Họ và tên chủ hộ")
        self.address_edit = QLineEdit(self)
        self.address_edit.setPlaceholderText("Số nhà, đường")
        self.group_combo = UnitCombo(self, empty="— Chưa chọn tổ dân phố —")
        self.group_combo.set_units(groups)
        self.members_edit = CountEdit(self, maximum=100, placeholder="chưa rõ")
        self.notes_edit = NotesEdit(self)
        self.form.addRow("Chủ hộ *", self.head_edit)
        self.form.addRow("Địa chỉ", self.address_edit)
        self.form.addRow("Tổ dân phố", self.group_combo)
        self.form.addRow("Số nhân khẩu", self.members_edit)
        self.form.addRow("Ghi chú", self.notes_edit)
        self.fields = {
            "head_name": self.head_edit,
            "address": self.address_edit,
            "residential_group_id": self.group_combo,
            "member_count": self.members_edit,
            "notes": self.notes_edit,
        }
        r = self.record
        self.head_edit.setText(r.head_name)
        self.address_edit.setText(r.address)
        self.group_combo.set_value(r.residential_group_id)
        self.members_edit.set_value(r.member_count)
        self.notes_edit.set_value(r.notes)
        self.head_edit.setFocus()

    def collect(self) -> HouseholdRecord:
        try:
            members = self.members_edit.value()
        except ValueError:
            raise ValidationError("Số nhân khẩu phải là số nguyên từ 0 đến 100.", "member_count") from None
        return dataclasses.replace(
            self.record,
            head_name=self.head_edit.text(),
            address=self.address_edit.text(),
            residential_group_id=self.group_combo.value(),
            member_count=members,
            notes=self.notes_edit.value(),
        )

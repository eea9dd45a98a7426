"""Adding or editing a unit (tập thể): name, kind, Party organization, parent, members."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QSpinBox, QWidget

from thidua_desktop.core.enums import UnitKind
from thidua_desktop.core.errors import ValidationError
from thidua_desktop.core.services.units import UnitRecord, list_units, save_unit
from thidua_desktop.core.storage.database import Database
from thidua_desktop.ui.widgets.inputs import CountEdit, EnumCombo, NotesEdit, UnitCombo, descendants
from thidua_desktop.ui.widgets.record_dialog import RecordDialog

PARTY_KINDS = {UnitKind.PARTY_COMMITTEE.value, UnitKind.PARTY_CELL.value}


GRASSROOTS_CHOICES: tuple[tuple[str, str], ...] = (
    ("— Chưa ghi (trực thuộc Đảng ủy phường thì là cơ sở) —", ""),
    ("Tổ chức cơ sở đảng (chi bộ cơ sở, đảng bộ cơ sở)", "yes"),
    ("Chi bộ trực thuộc đảng ủy cơ sở", "no"),
)
GRASSROOTS_VALUES: dict[str, bool | None] = {"": None, "yes": True, "no": False}
GRASSROOTS_HINT = (
    "Quyết định ai tặng Giấy khen hằng năm của Đảng (Quy định 294-QĐ/TW; Hướng dẫn 06-HD/TW mục 19): chi bộ cơ sở "
    "và đảng viên của nó do Đảng ủy phường khen; chi bộ trực thuộc đảng ủy cơ sở do đảng ủy cơ sở đó khen."
)


class UnitDialog(RecordDialog):
    def __init__(
        self,
        db: Database,
        record: UnitRecord | None = None,
        parent: QWidget | None = None,
        parent_id: int | None = None,
    ) -> None:
        title = f"Sửa đơn vị — {record.name}" if record else "Thêm đơn vị"
        super().__init__(title, lambda r: save_unit(db, r), parent)
        self.record = record or UnitRecord(parent_id=parent_id)
        units = list_units(db)

        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText("ví dụ: Chi bộ Tổ dân phố 6")
        self.short_name_edit = QLineEdit(self)
        self.short_name_edit.setPlaceholderText("tên gọi ngắn dùng trong bảng, ví dụ: CB TDP 6")
        self.kind_combo = EnumCombo(UnitKind, self)
        self.party_check = QCheckBox("Là tổ chức đảng (đảng bộ, chi bộ, ban của Đảng ủy)", self)
        self.grassroots_combo = QComboBox(self)
        for label, value in GRASSROOTS_CHOICES:
            self.grassroots_combo.addItem(label, value)
        self.grassroots_combo.setToolTip(GRASSROOTS_HINT)
        self.parent_combo = UnitCombo(self, empty="— Không có (đơn vị cấp cao nhất) —")
        exclude = descendants(units, self.record.id) if self.record.id is not None else set()
        self.parent_combo.set_units(units, exclude=exclude)
        self.members_edit = CountEdit(self, placeholder="chưa rõ")
        self.women_edit = CountEdit(self, placeholder="chưa rõ")
        self.order_spin = QSpinBox(self)
        self.order_spin.setRange(0, 9999)
        self.order_spin.setToolTip("Các đơn vị cùng cấp được xếp theo số này, rồi theo tên.")
        self.order_spin.setMaximumWidth(100)
        self.notes_edit = NotesEdit(self)

        self.form.addRow("Tên đơn vị *", self.name_edit)
        self.form.addRow("Tên viết tắt", self.short_name_edit)
        self.form.addRow("Loại đơn vị", self.kind_combo)
        self.form.addRow("", self.party_check)
        self.form.addRow("Cấp tổ chức đảng", self.grassroots_combo)
        self.form.addRow("Đơn vị cấp trên", self.parent_combo)
        self.form.addRow("Số thành viên", self.members_edit)
        self.form.addRow("Trong đó nữ", self.women_edit)
        self.form.addRow("Thứ tự sắp xếp", self.order_spin)
        self.form.addRow("Ghi chú", self.notes_edit)
        self.fields = {
            "name": self.name_edit,
            "short_name": self.short_name_edit,
            "kind": self.kind_combo,
            "is_party_org": self.party_check,
            "is_grassroots": self.grassroots_combo,
            "parent_id": self.parent_combo,
            "member_count": self.members_edit,
            "female_count": self.women_edit,
            "sort_order": self.order_spin,
            "notes": self.notes_edit,
        }

        r = self.record
        self.name_edit.setText(r.name)
        self.short_name_edit.setText(r.short_name)
        self.kind_combo.set_value(r.kind)
        self.party_check.setChecked(r.is_party_org)
        code = next(k for k, v in GRASSROOTS_VALUES.items() if v is r.is_grassroots)
        self.grassroots_combo.setCurrentIndex(self.grassroots_combo.findData(code))
        self.grassroots_combo.setEnabled(r.is_party_org)
        self.party_check.toggled.connect(self.grassroots_combo.setEnabled)
        self.parent_combo.set_value(r.parent_id)
        self.members_edit.set_value(r.member_count)
        self.women_edit.set_value(r.female_count)
        self.order_spin.setValue(r.sort_order)
        self.notes_edit.set_value(r.notes)
        self.kind_combo.activated.connect(self._kind_chosen)
        self.name_edit.setFocus()

    def _kind_chosen(self) -> None:
        if self.kind_combo.value() in PARTY_KINDS:
            self.party_check.setChecked(True)

    def _count(self, edit: CountEdit, field: str) -> int | None:
        try:
            return edit.value()
        except ValueError:
            raise ValidationError(
                "Số lượng phải là số nguyên không âm, ví dụ 25 hoặc 1.250.", field
            ) from None

    def collect(self) -> UnitRecord:
        return dataclasses.replace(
            self.record,
            name=self.name_edit.text(),
            short_name=self.short_name_edit.text(),
            kind=self.kind_combo.value() or UnitKind.OTHER.value,
            is_party_org=self.party_check.isChecked(),
            is_grassroots=(
                GRASSROOTS_VALUES[self.grassroots_combo.currentData()]
                if self.party_check.isChecked()
                else None
            ),
            parent_id=self.parent_combo.value(),
            member_count=self._count(self.members_edit, "member_count"),
            female_count=self._count(self.women_edit, "female_count"),
            sort_order=self.order_spin.value(),
            notes=self.notes_edit.value(),
        )

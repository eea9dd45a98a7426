"""Dữ liệu → Danh mục danh hiệu, hình thức khen thưởng…: the award catalogue, editable."""

from __future__ import annotations

import dataclasses
from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from thidua_desktop.core.enums import Authority, AwardKind, Side
from thidua_desktop.core.errors import ValidationError
from thidua_desktop.core.rules import law
from thidua_desktop.core.services.catalogue import AwardFormRecord, list_award_forms, save_award_form
from thidua_desktop.core.services.settings import load_settings
from thidua_desktop.core.settings_schema import OrganizationSettings
from thidua_desktop.core.text import format_date, format_number
from thidua_desktop.ui.context import AppContext
from thidua_desktop.ui.dialogs.campaign_dialog import source_order
from thidua_desktop.ui.table_model import Column
from thidua_desktop.ui.widgets.history_dialog import HistoryDialog
from thidua_desktop.ui.widgets.inputs import EnumCombo, NotesEdit
from thidua_desktop.ui.widgets.record_dialog import RecordDialog
from thidua_desktop.ui.widgets.record_table import RecordTable


def subjects_text(form: AwardFormRecord) -> str:
    parts = [
        name
        for flag, name in (
            (form.for_unit, "Tập thể"),
            (form.for_person, "Cá nhân"),
            (form.for_household, "Hộ gia đình"),
        )
        if flag
    ]
    return ", ".join(parts)


def _label(enum: type, code: str) -> str:
    return enum(code).label if code in enum._value2member_map_ else code  # type: ignore[attr-defined, no-any-return]


def shown_coefficients(form: AwardFormRecord) -> law.Coefficients:
    """Today's coefficients: the law's for the shipped forms, the catalogue's for the forms users added."""
    row = law.coefficients_on(form.code, date.today()) if law.is_statutory(form.code) else None
    return row.value if row is not None else law.Coefficients(form.coefficient_person, form.coefficient_unit)


def coefficient_text(value: float | None) -> str:
    if value is None:
        return ""
    return format_number(value, 0 if float(value).is_integer() else 1)


def catalogue_columns(settings: OrganizationSettings) -> list[Column[AwardFormRecord]]:
    def authority(form: AwardFormRecord) -> str:
        try:
            return settings.authority_name(form.authority)
        except ValueError:
            return form.authority

    return [
        Column("Mã", lambda f: f.code, 160),
        Column("Tên danh hiệu, hình thức", lambda f: f.name, 260, tooltip=lambda f: f.legal_basis or f.name),
        Column("Loại", lambda f: _label(AwardKind, f.kind), 152),
        Column("Hệ thống", lambda f: _label(Side, f.side).replace("Khen thưởng của ", ""), 78),
        Column("Đối tượng", subjects_text, 196, tooltip=subjects_text),
        Column("Cấp quyết định", authority, 240, tooltip=authority),
        Column("Hệ số CN", lambda f: coefficient_text(shown_coefficients(f).person), 72, align_right=True),
        Column("Hệ số TT", lambda f: coefficient_text(shown_coefficients(f).unit), 72, align_right=True),
        Column("Đang dùng", lambda f: f.is_active, 82),
    ]


def parse_coefficient(text: str, field: str) -> float | None:
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise ValidationError("Hệ số phải là số, ví dụ 0,3 hoặc 1,5.", field) from None
    if value < 0:
        raise ValidationError("Hệ số không được âm.", field)
    return value


class AwardFormDialog(RecordDialog):
    def __init__(
        self,
        context: AppContext,
        record: AwardFormRecord | None,
        settings: OrganizationSettings,
        parent: QWidget | None = None,
    ) -> None:
        title = f"Sửa — {record.name}" if record else "Thêm danh hiệu, hình thức khen thưởng"
        super().__init__(title, lambda r: save_award_form(context.db, r), parent)
        self.setMinimumWidth(620)
        self.record = record or AwardFormRecord(for_person=True)
        self.code_edit = QLineEdit(self)
        self.code_edit.setPlaceholderText("chữ không dấu, ví dụ GK_HOI_PHU_NU")
        if record is not None:
            self.code_edit.setReadOnly(True)
            self.code_edit.setToolTip("Mã đã dùng trong dữ liệu nên không đổi được.")
        self.name_edit = QLineEdit(self)
        self.kind_combo = EnumCombo(AwardKind, self)
        self.side_combo = EnumCombo(Side, self)
        self.unit_check = QCheckBox("Tập thể", self)
        self.person_check = QCheckBox("Cá nhân", self)
        self.household_check = QCheckBox("Hộ gia đình", self)
        subjects = QWidget(self)
        row = QHBoxLayout(subjects)
        row.setContentsMargins(0, 0, 0, 0)
        for check in (self.unit_check, self.person_check, self.household_check):
            row.addWidget(check)
        row.addStretch(1)
        self.authority_combo = QComboBox(self)
        for code, _label_text in Authority.choices():
            self.authority_combo.addItem(settings.authority_name(code), code)
        self.person_coefficient = QLineEdit(self)
        self.unit_coefficient = QLineEdit(self)
        for edit in (self.person_coefficient, self.unit_coefficient):
            edit.setMaximumWidth(100)
            edit.setPlaceholderText("không có")
        coefficients = QWidget(self)
        row = QHBoxLayout(coefficients)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel("cá nhân", coefficients))
        row.addWidget(self.person_coefficient)
        row.addSpacing(16)
        row.addWidget(QLabel("tập thể", coefficients))
        row.addWidget(self.unit_coefficient)
        row.addStretch(1)
        self.basis_edit = NotesEdit(self, lines=2)
        self.active_check = QCheckBox("Đang sử dụng (bỏ chọn để ẩn khỏi các danh sách chọn)", self)

        self.form.addRow("Mã *", self.code_edit)
        self.form.addRow("Tên *", self.name_edit)
        self.form.addRow("Loại", self.kind_combo)
        self.form.addRow("Khen thưởng của", self.side_combo)
        self.form.addRow("Đối tượng được khen", subjects)
        self.form.addRow("Cấp quyết định", self.authority_combo)
        self.form.addRow("Hệ số × lương cơ sở", coefficients)
        self.form.addRow("Căn cứ pháp lý", self.basis_edit)
        self.form.addRow("", self.active_check)
        self.fields = {
            "code": self.code_edit,
            "name": self.name_edit,
            "authority": self.authority_combo,
            "for_person": self.person_check,
            "coefficient_person": self.person_coefficient,
            "coefficient_unit": self.unit_coefficient,
        }
        r = self.record
        self.code_edit.setText(r.code)
        self.name_edit.setText(r.name)
        self.kind_combo.set_value(r.kind)
        self.side_combo.set_value(r.side)
        self.unit_check.setChecked(r.for_unit)
        self.person_check.setChecked(r.for_person)
        self.household_check.setChecked(r.for_household)
        self.authority_combo.setCurrentIndex(max(self.authority_combo.findData(r.authority), 0))
        self.person_coefficient.setText(coefficient_text(r.coefficient_person))
        self.unit_coefficient.setText(coefficient_text(r.coefficient_unit))
        self.basis_edit.set_value(r.legal_basis)
        self.active_check.setChecked(r.is_active)
        self._show_law(r.code)

    def _show_law(self, code: str) -> None:
        """Shipped forms take their money and deciding body from the law's dated tables: shown, not edited."""
        today = date.today()
        row = law.coefficients_on(code, today) if law.is_statutory(code) else None
        if row is not None:
            self.person_coefficient.setText(coefficient_text(row.value.person))
            self.unit_coefficient.setText(coefficient_text(row.value.unit))
            for edit in (self.person_coefficient, self.unit_coefficient):
                edit.setReadOnly(True)
                edit.setToolTip(f"Theo {row.source}, áp dụng từ {format_date(row.valid_from)}")
        decider = law.decider_on(code, today)
        if decider is not None:
            self.authority_combo.setCurrentIndex(max(self.authority_combo.findData(decider.value), 0))
            self.authority_combo.setEnabled(False)
            self.authority_combo.setToolTip(
                f"Theo {decider.source}; các đợt xét trước đó theo cấp có thẩm quyền khi ấy"
            )

    def collect(self) -> AwardFormRecord:
        return dataclasses.replace(
            self.record,
            code=self.code_edit.text(),
            name=self.name_edit.text(),
            kind=self.kind_combo.value() or AwardKind.AWARD.value,
            side=self.side_combo.value() or Side.STATE.value,
            for_unit=self.unit_check.isChecked(),
            for_person=self.person_check.isChecked(),
            for_household=self.household_check.isChecked(),
            authority=str(self.authority_combo.currentData()),
            coefficient_person=parse_coefficient(self.person_coefficient.text(), "coefficient_person"),
            coefficient_unit=parse_coefficient(self.unit_coefficient.text(), "coefficient_unit"),
            legal_basis=self.basis_edit.value(),
            is_active=self.active_check.isChecked(),
        )


class CatalogueDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("Danh mục danh hiệu thi đua, hình thức khen thưởng")
        self.resize(1320, 580)
        self.settings = load_settings(context.db)
        self.table: RecordTable[AwardFormRecord] = RecordTable(
            catalogue_columns(self.settings), "danh hiệu, hình thức", self
        )
        self.table.delete_button.hide()
        source_order(self.table.view)
        header = self.table.view.horizontalHeader()
        header.setStretchLastSection(False)
        for column in (1, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.add_requested.connect(lambda: self._run(None))
        self.table.edit_requested.connect(self._run)
        self.table.history_requested.connect(self._history)
        hint = QLabel(
            "Danh mục có sẵn theo Luật Thi đua, khen thưởng 2022, Nghị định 152/2025/NĐ-CP và Hướng dẫn 06-HD/TW; "
            "có thể sửa tên, hệ số, cấp quyết định hoặc thêm hình thức mới. Hình thức đã dùng không xóa được: bỏ "
            "chọn «Đang sử dụng» để ẩn. Hệ số CN, TT: hệ số tiền thưởng cho cá nhân, tập thể; số tiền = hệ số × mức "
            "lương cơ sở ở Thiết lập cơ quan.",
            self,
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        self.table.set_rows(list_award_forms(self.context.db), keep_id=select_id)

    def _run(self, record: AwardFormRecord | None) -> None:
        dialog = AwardFormDialog(self.context, record, self.settings, self)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        saved = dialog.result_record
        dialog.deleteLater()
        if accepted and saved is not None:
            self.reload(saved.id)
            self.context.notify_changed("award_forms")
            self.context.status_message.emit(f"Đã lưu «{saved.name}» vào danh mục.")

    def _history(self, record: AwardFormRecord | None) -> None:
        if record is not None and record.id is not None:
            HistoryDialog(self.context.db, "award_form", record.id, record.name, self).exec()

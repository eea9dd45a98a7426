"""Dữ liệu → Thiết lập cơ quan…: names of the committee, its superiors, signatories and award authorities, and the
other anniversaries on which the Party badge is awarded (a setting)."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from thidua_desktop.core.errors import ValidationError
from thidua_desktop.core.rules import law
from thidua_desktop.core.rules.party_age import Occasion, format_occasions, parse_occasions
from thidua_desktop.core.services.badges import load_extra_occasions, save_extra_occasions
from thidua_desktop.core.services.settings import load_settings, save_settings
from thidua_desktop.core.settings_schema import SETTING_LABELS, OrganizationSettings
from thidua_desktop.core.storage.database import Database
from thidua_desktop.core.text import format_date, format_number
from thidua_desktop.ui.widgets.inputs import CountEdit
from thidua_desktop.ui.widgets.record_dialog import RecordDialog

GROUPS: list[tuple[str, tuple[str, ...]]] = [
    (
        "Cơ quan, tổ chức",
        (
            "committee_name",
            "party_organization_name",
            "organization_board_name",
            "superior_party_organization",
            "superior_party_committee",
            "state_body_name",
            "peoples_council_name",
            "superior_state_body",
            "province_name",
            "place_name",
        ),
    ),
    (
        "Người ký văn bản",
        (
            "signatory_on_behalf",
            "signatory_title",
            "signatory_name",
            "organization_board_head",
            "state_signatory_title",
            "state_signatory_name",
        ),
    ),
    (
        "Thành viên dự họp xét khen thưởng (để biên bản ghi tên người có mặt, vắng mặt)",
        ("council_members", "standing_members"),
    ),
    (
        "Số, ký hiệu văn bản",
        (
            "party_number_suffix",
            "state_number_suffix",
            "council_number_suffix",
            "organization_board_suffix",
        ),
    ),
    (
        "Cấp khen thưởng (tên ghi trên văn bản)",
        (
            "authority_party_committee",
            "authority_party_standing",
            "authority_grassroots_party_committee",
            "authority_ward_chairman",
            "authority_superior_party_standing",
            "authority_province_chairman",
            "authority_central",
        ),
    ),
    (
        "Cấp khen trước 01/7/2025 (khi còn cấp huyện: để văn bản của các đợt xét trước ngày này ghi đúng)",
        ("authority_district_chairman", "authority_district_party_standing"),
    ),
]


def salary_series_text() -> str:
    rows = "; ".join(
        f"{format_number(row.value)} đồng từ {format_date(row.valid_from)} ({row.source})"
        for row in law.BASE_SALARY
    )
    return (
        f"Mức lương cơ sở chọn theo ngày quyết định khen thưởng: {rows}. Tiền thưởng = hệ số × lương cơ sở, làm "
        f"tròn lên hàng chục nghìn đồng ({law.ROUNDING_SOURCE})."
    )


OCCASIONS_NOTE = (
    "Đây là thiết lập của đảng bộ, không phải quy định cố định: ngoài các ngày 03/02, 19/5, 02/9, 07/11, Huy hiệu "
    "Đảng còn được trao vào «các dịp kỷ niệm quan trọng khác» (Hướng dẫn 06-HD/TW mục 18), ví dụ ngày thành lập "
    "Đảng bộ tỉnh. Mỗi dòng một ngày: dd/mm (hằng năm) hoặc dd/mm/yyyy (một lần), có thể kèm tên dịp, ví dụ "
    "«01/10 Ngày thành lập Đảng bộ tỉnh»."
)

NOTE = (
    "Từ 01/07/2025 chính quyền địa phương có hai cấp (tỉnh và xã, phường): tên cơ quan cấp trên và cấp quyết định "
    "khen thưởng tùy cách sắp xếp của tỉnh, nên được ghi ở đây thay vì cố định trong chương trình. Các văn bản, "
    "biểu mẫu dùng đúng những tên này."
)


class SettingsDialog(RecordDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__("Thiết lập cơ quan", self._save_and_return, parent)
        self.db = db
        self.setMinimumWidth(720)
        self.resize(760, 640)
        self.settings = load_settings(db)
        self.edits: dict[str, QLineEdit] = {}
        body = QWidget(self)
        body_layout = QVBoxLayout(body)
        note = QLabel(NOTE, body)
        note.setObjectName("hint")
        note.setWordWrap(True)
        body_layout.addWidget(note)
        names = [f.name for f in dataclasses.fields(OrganizationSettings)]
        grouped = {n for _, members in GROUPS for n in members}
        labels: list[QLabel] = []
        groups = [*GROUPS, ("Khác", tuple(n for n in names if n not in grouped))]
        for title, members in groups:
            members = tuple(m for m in members if m in names)
            if not members:
                continue
            box = QGroupBox(title, body)
            form = QFormLayout(box)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            for name in members:
                value = getattr(self.settings, name)
                edit: QLineEdit
                if isinstance(value, int):
                    count = CountEdit(box, maximum=1_000_000_000)
                    count.set_value(value)
                    edit = count
                else:
                    edit = QLineEdit(str(value), box)
                edit.setObjectName(name)
                label = QLabel(SETTING_LABELS.get(name, name), box)
                form.addRow(label, edit)
                labels.append(label)
                self.edits[name] = edit
            body_layout.addWidget(box)
        body_layout.addWidget(self._salary_box(body))
        body_layout.addWidget(self._occasions_box(body))
        body_layout.addStretch(1)
        width = max((label.sizeHint().width() for label in labels), default=0)
        for label in labels:
            label.setMinimumWidth(width)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.form.addRow(scroll)
        self.fields = {**self.edits, "extra_occasions": self.extra_occasions}
        self.occasions: tuple[Occasion, ...] = ()

    @staticmethod
    def _salary_box(parent: QWidget) -> QGroupBox:
        """The base salary is law, not a setting: shown as the dated series the money is computed from."""
        box = QGroupBox("Tiền thưởng", parent)
        layout = QVBoxLayout(box)
        label = QLabel(salary_series_text(), box)
        label.setObjectName("salary_series")
        label.setWordWrap(True)
        layout.addWidget(label)
        return box

    def _occasions_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox("Huy hiệu Đảng: các dịp trao khác (thiết lập)", parent)
        layout = QVBoxLayout(box)
        note = QLabel(OCCASIONS_NOTE, box)
        note.setObjectName("hint")
        note.setWordWrap(True)
        self.extra_occasions = QPlainTextEdit(format_occasions(load_extra_occasions(self.db)), box)
        self.extra_occasions.setObjectName("extra_occasions")
        self.extra_occasions.setPlaceholderText("01/10 Ngày thành lập Đảng bộ tỉnh")
        self.extra_occasions.setFixedHeight(76)
        layout.addWidget(note)
        layout.addWidget(self.extra_occasions)
        return box

    def collect(self) -> OrganizationSettings:
        self.occasions = parse_occasions(self.extra_occasions.toPlainText())
        values: dict[str, object] = {}
        for name, edit in self.edits.items():
            if isinstance(edit, CountEdit):
                try:
                    number = edit.value()
                except ValueError:
                    raise ValidationError(
                        f"«{SETTING_LABELS.get(name, name)}» phải là số nguyên, ví dụ 2.340.000.", name
                    ) from None
                if number is None:
                    raise ValidationError(f"Chưa nhập «{SETTING_LABELS.get(name, name)}».", name)
                values[name] = number
            else:
                values[name] = edit.text().strip()
        return dataclasses.replace(self.settings, **values)  # type: ignore[arg-type]

    def _save_and_return(self, settings: OrganizationSettings) -> OrganizationSettings:
        save_settings(self.db, settings)
        save_extra_occasions(self.db, format_occasions(self.occasions))
        return settings

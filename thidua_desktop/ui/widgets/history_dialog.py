"""The audit log of one record: when, who, and each field before and after."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from thidua_desktop.core.enums import AuditAction
from thidua_desktop.core.services.audit_log import history
from thidua_desktop.core.storage.database import Database


def _text(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if value is True:
        return "Có"
    if value is False:
        return "Không"
    return str(value)


class HistoryDialog(QDialog):
    def __init__(
        self, db: Database, table_name: str, record_id: int, title: str, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setWindowTitle(f"Lịch sử thay đổi — {title}")
        self.resize(760, 440)
        entries = history(db, table_name, record_id)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(["Thời điểm / trường", "Trước", "Sau"])
        self.tree.setColumnWidth(0, 260)
        self.tree.setColumnWidth(1, 230)
        for entry in entries:
            label = AuditAction(entry.action).label
            who = f" — {entry.user_name}" if entry.user_name else ""
            top = QTreeWidgetItem([f"{entry.at:%d/%m/%Y %H:%M:%S} · {label}{who}", "", ""])
            for field, (before, after) in entry.changed_fields().items():
                top.addChild(QTreeWidgetItem([field, _text(before), _text(after)]))
            self.tree.addTopLevelItem(top)
            top.setExpanded(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if not entries:
            layout.addWidget(QLabel("Chưa có thay đổi nào được ghi nhận.", self))
        layout.addWidget(self.tree)
        layout.addWidget(buttons)

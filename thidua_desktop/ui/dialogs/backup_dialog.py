"""Tệp → Khôi phục từ bản sao lưu…: the backups of the data folder, newest first, and restoring one."""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from thidua_desktop.core.errors import UserError
from thidua_desktop.core.storage.backup import BackupInfo, list_backups
from thidua_desktop.core.storage.database import Database
from thidua_desktop.core.text import format_number
from thidua_desktop.ui.proxy import RecordFilterProxy
from thidua_desktop.ui.table_model import Column, RecordRole, RecordTableModel
from thidua_desktop.ui.widgets import messages

log = logging.getLogger(__name__)


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{format_number(size / 1024 / 1024, 1)} MB"
    return f"{format_number(max(1, round(size / 1024)))} KB"


def when_text(moment: datetime) -> str:
    return moment.strftime("%d/%m/%Y %H:%M")


BACKUP_COLUMNS: list[Column[BackupInfo]] = [
    Column("Thời điểm", lambda b: when_text(b.created), 140, sort_key=lambda b: b.created.timestamp()),
    Column("Lý do", lambda b: b.reason or "Khác", 200),
    Column("Dung lượng", lambda b: size_text(b.size), 100, align_right=True, sort_key=lambda b: b.size),
    Column("Tệp", lambda b: b.path.name, 300, tooltip=lambda b: str(b.path)),
]


class BackupDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.restored = False
        self.setWindowTitle("Khôi phục từ bản sao lưu")
        self.resize(820, 460)
        intro = QLabel(
            "Chương trình tự sao lưu mỗi ngày lần mở đầu tiên (giữ 30 bản gần nhất), trước mỗi lần nâng cấp dữ liệu "
            "và trước khi khôi phục. Khi khôi phục, dữ liệu hiện tại được sao lưu trước rồi mới bị thay thế, nên "
            "luôn có thể quay lại.",
            self,
        )
        intro.setObjectName("hint")
        intro.setWordWrap(True)
        self.model: RecordTableModel[BackupInfo] = RecordTableModel(BACKUP_COLUMNS, self)
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView(self)
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for i, column in enumerate(BACKUP_COLUMNS):
            self.view.setColumnWidth(i, column.width)
        self.view.doubleClicked.connect(lambda _index: self.restore_selected())
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        self.restore_button = QPushButton("Khôi phục bản đã chọn…", self)
        self.restore_button.setObjectName("primaryButton")
        self.backup_button = QPushButton("Sao lưu ngay", self)
        self.folder_button = QPushButton("Mở thư mục sao lưu", self)
        self.close_button = QPushButton("Đóng", self)
        self.restore_button.clicked.connect(self.restore_selected)
        self.backup_button.clicked.connect(self.backup_now)
        self.folder_button.clicked.connect(self.open_folder)
        self.close_button.clicked.connect(self.reject)
        self.count_label = QLabel(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label, 1)
        for button in (self.backup_button, self.folder_button, self.restore_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        backups = list_backups(self.db.paths.backups)
        self.model.set_rows(backups)
        self.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        if backups:
            self.view.selectRow(0)
        total = sum(b.size for b in backups)
        self.count_label.setText(f"{len(backups)} bản sao lưu, tổng {size_text(total)}" if backups else "")
        self._update_buttons()

    def selected(self) -> BackupInfo | None:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].data(RecordRole) if rows else None

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def backup_now(self) -> None:
        try:
            path = self.db.backup_now()
        except (OSError, sqlite3.Error) as exc:
            messages.show_error(self, f"Không sao lưu được: {exc}")
            return
        log.info("Sao lưu thủ công: %s", path)
        self.reload()

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.db.paths.backups)))

    def restore_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        question = (
            f"Khôi phục dữ liệu về bản sao lưu lúc {when_text(chosen.created)}?\n\n"
            "Mọi thay đổi sau thời điểm đó sẽ không còn trong dữ liệu đang dùng. Dữ liệu hiện tại được sao lưu "
            "trước (lý do «Trước khi khôi phục») để có thể quay lại."
        )
        if not messages.confirm(self, "Khôi phục dữ liệu", question):
            return
        try:
            safety = self.db.restore(chosen.path)
        except UserError as exc:
            messages.show_user_error(self, exc)
            return
        except (OSError, sqlite3.Error) as exc:
            log.exception("Khôi phục thất bại từ %s", chosen.path)
            messages.show_error(
                self,
                f"Không khôi phục được từ tệp {chosen.path.name}: {exc}\n\nDữ liệu đang dùng không bị thay đổi.",
            )
            return
        log.info("Đã khôi phục từ %s (bản an toàn %s)", chosen.path, safety)
        self.restored = True
        messages.show_info(
            self,
            f"Đã khôi phục dữ liệu về bản lúc {when_text(chosen.created)}.\n\n"
            f"Dữ liệu trước khi khôi phục được giữ ở bản sao lưu {safety.name}.",
            "Đã khôi phục",
        )
        self.accept()

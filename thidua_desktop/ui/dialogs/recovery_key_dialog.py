"""The recovery key of a newly encrypted data folder, shown once: to print or save, then keep somewhere safe."""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from thidua_desktop.core.errors import UserError
from thidua_desktop.core.storage import atomic
from thidua_desktop.core.text import format_date
from thidua_desktop.ui.widgets import messages

EXPLANATION = (
    "Dữ liệu của chương trình (kể cả bản sao lưu và tệp minh chứng) được mã hóa. Trên máy này chương trình tự mở "
    "khóa, không cần gõ mật khẩu. Để mở dữ liệu trên <b>máy khác</b> hoặc sau khi <b>cài lại Windows</b>, cần "
    "<b>khóa khôi phục</b> dưới đây. Hãy in ra hoặc lưu vào USB và cất ở nơi an toàn (tủ hồ sơ); chương trình "
    "<b>chỉ hiện khóa này một lần</b>. Mất cả máy và khóa khôi phục thì không ai mở được dữ liệu."
)


def sheet_text(folder: Path, recovery_key: str) -> str:
    """What is printed or saved: the key, the folder and the date, without anything else secret."""
    return (
        "THI ĐUA DESKTOP — KHÓA KHÔI PHỤC DỮ LIỆU\n\n"
        f"Thư mục dữ liệu: {folder}\nNgày tạo: {format_date(date.today())}\n\n"
        f"Khóa khôi phục:  {recovery_key}\n\n"
        "Dùng khi mở dữ liệu trên máy khác hoặc sau khi cài lại Windows (chương trình sẽ hỏi khóa này; dòng lệnh: "
        "thidua encryption unlock KHÓA). Cất giữ như con dấu: ai có khóa này và bản chép dữ liệu thì đọc được dữ "
        "liệu.\n"
    )


class RecoveryKeyDialog(QDialog):
    def __init__(self, folder: Path, recovery_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folder, self.recovery_key = folder, recovery_key
        self.setWindowTitle("Khóa khôi phục dữ liệu")
        intro = QLabel(EXPLANATION, self)
        intro.setWordWrap(True)
        self.key_label = QLabel(recovery_key, self)
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(16)
        self.key_label.setFont(font)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.print_button = QPushButton("In khóa…", self)
        self.save_button = QPushButton("Lưu ra tệp…", self)
        self.done_button = QPushButton("Tôi đã cất giữ khóa", self)
        self.print_button.clicked.connect(self.print_key)
        self.save_button.clicked.connect(self.save_key)
        self.done_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for button in (self.print_button, self.save_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.done_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.key_label)
        layout.addLayout(buttons)
        self.resize(640, 280)

    def document(self) -> QTextDocument:
        document = QTextDocument(self)
        body = html.escape(sheet_text(self.folder, self.recovery_key)).replace("\n", "<br>")
        document.setHtml(f"<div style='font-size:13pt'>{body}</div>")
        return document

    def print_key(self) -> bool:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        chooser = QPrintDialog(printer, self)
        if chooser.exec() != QDialog.DialogCode.Accepted:
            return False
        self.document().print_(printer)
        return True

    def save_key(self) -> Path | None:
        name, _filter = QFileDialog.getSaveFileName(
            self, "Lưu khóa khôi phục", str(Path.home() / "khoa-khoi-phuc-thi-dua.txt"), "Tệp văn bản (*.txt)"
        )
        if not name:
            return None
        try:
            return atomic.write_text(Path(name), sheet_text(self.folder, self.recovery_key))
        except UserError as exc:
            messages.show_user_error(self, exc)
            return None

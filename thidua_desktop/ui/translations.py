"""Vietnamese for Qt's own texts (standard buttons, context menus, file dialogs).

Qt ships no ``qtbase_vi.qm``; when one is found (Qt's translations folder or ``resources/translations``) it is
loaded and takes precedence. The small built-in table below covers what users meet every day either way.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

_EDIT = {
    "&Undo": "&Hoàn tác",
    "&Redo": "&Làm lại",
    "Cu&t": "Cắ&t",
    "&Copy": "&Sao chép",
    "&Paste": "&Dán",
    "Delete": "Xóa",
    "Select All": "Chọn tất cả",
    "Copy &Link Location": "Sao chép địa chỉ &liên kết",
}

BUILTIN: dict[str, dict[str, str]] = {
    "QPlatformTheme": {
        "OK": "Đồng ý",
        "Save": "Lưu",
        "Save All": "Lưu tất cả",
        "Open": "Mở",
        "&Yes": "&Có",
        "Yes to &All": "Có với tất &cả",
        "&No": "&Không",
        "N&o to All": "K&hông với tất cả",
        "Abort": "Bỏ qua",
        "Retry": "Thử lại",
        "Ignore": "Bỏ qua",
        "Close": "Đóng",
        "Cancel": "Hủy",
        "Discard": "Bỏ thay đổi",
        "Don't Save": "Không lưu",
        "Close without Saving": "Đóng không lưu",
        "Help": "Trợ giúp",
        "Apply": "Áp dụng",
        "Reset": "Đặt lại",
        "Restore Defaults": "Khôi phục mặc định",
    },
    "QLineEdit": _EDIT,
    "QWidgetTextControl": _EDIT,
    "QAbstractSpinBox": {"&Select All": "&Chọn tất cả", "&Step up": "&Tăng", "Step &down": "&Giảm"},
    "QMessageBox": {
        "Show Details...": "Xem chi tiết...",
        "Hide Details...": "Ẩn chi tiết...",
        "OK": "Đồng ý",
    },
    "QProgressDialog": {"Cancel": "Hủy"},
    "QScrollBar": {
        "Scroll here": "Cuộn đến đây",
        "Left edge": "Mép trái",
        "Top": "Trên cùng",
        "Right edge": "Mép phải",
        "Bottom": "Dưới cùng",
        "Page left": "Sang trái một trang",
        "Page up": "Lên một trang",
        "Page right": "Sang phải một trang",
        "Page down": "Xuống một trang",
        "Scroll left": "Cuộn sang trái",
        "Scroll up": "Cuộn lên",
        "Scroll right": "Cuộn sang phải",
        "Scroll down": "Cuộn xuống",
    },
    "QFileDialog": {
        "Look in:": "Tìm trong:",
        "File &name:": "&Tên tệp:",
        "Files of type:": "Loại tệp:",
        "&Open": "&Mở",
        "&Save": "&Lưu",
        "&Choose": "&Chọn",
        "Cancel": "Hủy",
        "Back": "Quay lại",
        "Forward": "Tiếp",
        "Parent Directory": "Thư mục cha",
        "Create New Folder": "Tạo thư mục mới",
        "New Folder": "Thư mục mới",
        "List View": "Dạng danh sách",
        "Detail View": "Dạng chi tiết",
        "All Files (*)": "Mọi tệp (*)",
        "Directory:": "Thư mục:",
        "Directories": "Thư mục",
        "My Computer": "Máy tính",
        "Computer": "Máy tính",
        "&Rename": "Đổi &tên",
        "&Delete": "&Xóa",
        "Show &hidden files": "Hiện tệp ẩ&n",
        "&New Folder": "Thư mục &mới",
        "Open": "Mở",
        "Save As": "Lưu thành",
        "Find Directory": "Chọn thư mục",
    },
    "QFileSystemModel": {
        "Name": "Tên",
        "Size": "Kích thước",
        "Type": "Loại",
        "Date Modified": "Ngày sửa",
        "Kind": "Loại",
    },
    "QColorDialog": {"Select Color": "Chọn màu"},
    "QCalendarWidget": {"Today": "Hôm nay"},
    "QDialogButtonBox": {"OK": "Đồng ý", "Cancel": "Hủy"},
}


class BuiltinVietnamese(QTranslator):
    """A translator backed by :data:`BUILTIN`; unknown texts fall through to Qt's English."""

    def translate(  # type: ignore[override]
        self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        # None (a null QString) means "not here": Qt then asks the next translator or keeps the English text.
        # An empty string would be taken as the translation and blank out the text (menus lost "Ctrl+").
        table = BUILTIN.get(str(context))
        if not table:
            return None
        return table.get(str(source_text))

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False


def install_translations(app: QCoreApplication, resources: Path) -> list[QTranslator]:
    """Install the built-in table, then ``qtbase_vi.qm`` when present (searched first by Qt)."""
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    installed: list[QTranslator] = []
    builtin = BuiltinVietnamese(app)
    if app.installTranslator(builtin):
        installed.append(builtin)
    folders = [resources / "translations", Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    for folder in folders:
        translator = QTranslator(app)
        if translator.load("qtbase_vi", str(folder)):
            app.installTranslator(translator)
            installed.append(translator)
            log.info("Qt translations loaded from %s", folder)
            break
    else:
        log.info("qtbase_vi.qm not found; using the built-in Vietnamese table for Qt's texts")
    return installed

"""Standard questions and error messages, in Vietnamese."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from thidua_desktop.core.errors import UserError


def confirm(parent: QWidget | None, title: str, question: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, question, parent=parent)
    yes = box.addButton("Đồng ý", QMessageBox.ButtonRole.YesRole)
    no = box.addButton("Không", QMessageBox.ButtonRole.NoRole)
    box.setDefaultButton(no)
    box.exec()
    return box.clickedButton() is yes


def confirm_delete(parent: QWidget | None, description: str) -> bool:
    return confirm(parent, "Xác nhận xóa", f"Xóa {description}?\nThao tác này được ghi vào nhật ký thay đổi.")


def show_error(parent: QWidget | None, message: str, title: str = "Không thực hiện được") -> None:
    QMessageBox.warning(parent, title, message)


def show_user_error(parent: QWidget | None, error: UserError) -> None:
    show_error(parent, error.message)


def show_info(parent: QWidget | None, message: str, title: str = "Thông báo") -> None:
    QMessageBox.information(parent, title, message)


def show_export_failure(
    parent: QWidget | None, exc: BaseException, program: str, failed: str, where: str = ""
) -> None:
    """Why an export stopped: the user's error as it is, a file that could not be written (often because it is
    open in ``program``), else ``failed`` with the cause."""
    if isinstance(exc, UserError):
        show_user_error(parent, exc)
    elif isinstance(exc, OSError):
        target = f" vào «{where}»" if where else ""
        show_error(
            parent,
            f"Không ghi được tệp{target}: {exc.strerror or exc}. "
            f"Có thể tệp đang mở trong {program} hoặc thư mục không cho phép ghi.",
        )
    else:
        show_error(parent, f"{failed}: {exc}")

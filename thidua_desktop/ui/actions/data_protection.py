"""Công cụ → «Mã hóa dữ liệu…» (an existing plain folder, on request) and «Xóa hẳn dữ liệu cá nhân…» (one person's
personal data, on their request): the window's side of ``storage.encrypt_folder`` and ``services.purge``.

The packaged Windows program has no console, so what the CLI offers for these must be reachable from the window.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QInputDialog

from thidua_desktop.core.errors import UserError
from thidua_desktop.ui.widgets import messages

ENCRYPT_TEXT = "Mã hóa dữ liệu…"
PURGE_TEXT = "Xóa hẳn dữ liệu cá nhân…"


def install(window: Any) -> None:
    menu = window.menus["tools"]
    encrypt = QAction(ENCRYPT_TEXT, window)
    encrypt.setObjectName("action_encrypt_data")
    encrypt.setStatusTip("Mã hóa tệp dữ liệu, bản sao lưu và tệp minh chứng của thư mục dữ liệu này")
    encrypt.triggered.connect(lambda _checked=False: encrypt_interactive(window))
    purge = QAction(PURGE_TEXT, window)
    purge.setObjectName("action_purge_person")
    purge.setStatusTip("Theo yêu cầu của một người: xóa hẳn mọi dữ liệu về người đó, kể cả trong nhật ký")
    purge.triggered.connect(lambda _checked=False: purge_interactive(window))
    menu.addActions([encrypt, purge])
    window.encrypt_action, window.purge_action = encrypt, purge


def encrypt_interactive(window: Any) -> bool:
    """Encrypt the open folder after a confirmation, then show the recovery key once; True when done."""
    from thidua_desktop.core.storage import keys
    from thidua_desktop.ui.dialogs.recovery_key_dialog import RecoveryKeyDialog

    db = window.db
    if db.encrypted:
        messages.show_info(window, f"Dữ liệu trong «{db.paths.root}» đã được mã hóa.")
        return False
    if not keys.store_available():
        messages.show_error(
            window, "Máy này không có kho khóa của hệ điều hành để giữ khóa mã hóa; chưa mã hóa được dữ liệu."
        )
        return False
    question = (
        f"Mã hóa dữ liệu trong «{db.paths.root}»? Chương trình sao lưu bản hiện tại trước, rồi mã hóa tệp dữ liệu, "
        "các bản sao lưu và tệp minh chứng. Sau đó sẽ hiện khóa khôi phục để in và cất giữ."
    )
    if not messages.confirm(window, "Mã hóa dữ liệu", question):
        return False
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        done = db.encrypt()
    except UserError as exc:
        messages.show_user_error(window, exc)
        return False
    finally:
        QApplication.restoreOverrideCursor()
    if done.recovery_key:
        RecoveryKeyDialog(db.paths.root, done.recovery_key, window).exec()
    window.refresh_all()
    window.show_message(f"Đã mã hóa dữ liệu ({done.attachments} tệp minh chứng, {done.backups} bản sao lưu).")
    return True


def purge_interactive(window: Any) -> bool:
    """Choose a person, give the reason, confirm; then purge (``services.purge``). True when purged."""
    from thidua_desktop.core.services.persons import list_persons
    from thidua_desktop.core.services.purge import purge_person

    people = list_persons(window.db)
    if not people:
        messages.show_info(window, "Chưa có cá nhân nào.")
        return False
    labels = [f"{p.full_name} — {p.unit_name or 'không thuộc đơn vị'} (số {p.id})" for p in people]
    chosen, given = QInputDialog.getItem(window, PURGE_TEXT, "Xóa hẳn dữ liệu của:", labels, 0, False)
    if not given:
        return False
    person = people[labels.index(chosen)]
    reason, given = QInputDialog.getText(window, PURGE_TEXT, "Lý do (ví dụ: theo đơn yêu cầu ngày …):")
    if not given:
        return False
    question = (
        f"Xóa hẳn mọi dữ liệu về {person.full_name}: hồ sơ, đăng ký, minh chứng và tệp kèm, đề nghị, khen thưởng, "
        "xếp loại, kỷ luật, và cả các mục nhật ký thay đổi chứa dữ liệu đó? Không hoàn tác được. Nhật ký chỉ giữ "
        "một dòng ghi việc xóa (ai, lúc nào, lý do)."
    )
    if not messages.confirm(window, PURGE_TEXT, question):
        return False
    try:
        assert person.id is not None
        result = purge_person(window.db, person.id, reason)
    except UserError as exc:
        messages.show_user_error(window, exc)
        return False
    window.refresh_all()
    window.show_message(
        f"Đã xóa hẳn dữ liệu của {person.full_name}: {result.records} bản ghi, {result.audit_entries} mục nhật ký."
    )
    return True

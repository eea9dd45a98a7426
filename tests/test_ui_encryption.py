"""The window's side of encryption (issue 13): the recovery key shown once (printable, savable), asked for when
this PC has no key for the folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox
from test_encryption import MemoryStore

from thidua_desktop.core.storage import keys
from thidua_desktop.ui import app as ui_app
from thidua_desktop.ui.dialogs import recovery_key_dialog
from thidua_desktop.ui.dialogs.recovery_key_dialog import RecoveryKeyDialog


@pytest.fixture
def store(monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryStore]:
    previous = keyring.get_keyring()
    memory = MemoryStore()
    keyring.set_keyring(memory)
    monkeypatch.delenv(keys.PLAIN_ENV, raising=False)
    yield memory
    keyring.set_keyring(previous)


def test_the_recovery_key_is_shown_once_and_can_be_saved(
    qapp: Any, store: MemoryStore, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[RecoveryKeyDialog] = []

    def fake_exec(dialog: RecoveryKeyDialog) -> int:
        shown.append(dialog)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(RecoveryKeyDialog, "exec", fake_exec)
    db = ui_app.open_data_or_explain(data_dir)
    assert db is not None
    recovery_key = db.recovery_key
    db.close()
    assert len(shown) == 1 and shown[0].key_label.text() == recovery_key and len(recovery_key) == 39
    target = tmp_path / "khoa.txt"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert shown[0].save_key() == target
    assert recovery_key in target.read_text(encoding="utf-8") and str(data_dir) in target.read_text(
        encoding="utf-8"
    )
    assert recovery_key in shown[0].document().toPlainText()
    db = ui_app.open_data_or_explain(data_dir)
    assert db is not None
    db.close()
    assert len(shown) == 1


def test_another_pc_is_asked_for_the_recovery_key(
    qapp: Any, store: MemoryStore, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(RecoveryKeyDialog, "exec", lambda _d: 1)
    db = ui_app.open_data_or_explain(data_dir)
    assert db is not None
    recovery_key = db.recovery_key
    db.close()
    store.passwords.clear()
    asked: list[str] = []

    def answer(_parent: Any, _title: str, label: str, *_args: Any) -> tuple[str, bool]:
        asked.append(label)
        return (recovery_key if len(asked) > 1 else "ABCD-EFGH-JKLM-NPQR-STUV-WXYZ-2345-6789"), True

    boxes: list[str] = []
    monkeypatch.setattr(QInputDialog, "getText", answer)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box.text()) or 0)
    assert ui_app.open_data_or_explain(data_dir) is None  # a wrong key: said so, nothing opened
    assert "không đúng" in boxes[-1] and "khóa khôi phục" in asked[0]
    db = ui_app.open_data_or_explain(data_dir)
    assert db is not None and db.encrypted
    db.close()


def test_the_sheet_names_the_folder_and_the_key() -> None:
    text = recovery_key_dialog.sheet_text(Path("C:/Dữ liệu"), "ABCD-EFGH")
    assert "ABCD-EFGH" in text and "Dữ liệu" in text and "thidua encryption unlock" in text


def test_the_recovery_key_prints(qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    pdf = tmp_path / "khoa.pdf"

    def to_pdf(chooser: QPrintDialog) -> int:
        chooser.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        chooser.printer().setOutputFileName(str(pdf))
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QPrintDialog, "exec", to_pdf)
    dialog = RecoveryKeyDialog(tmp_path, "ABCD-EFGH-JKLM-NPQR-STUV-WXYZ-2345-6789")
    assert dialog.print_key()
    assert pdf.read_bytes().startswith(b"%PDF")

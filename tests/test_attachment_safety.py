"""Evidence files are checked when opened (issue 13): a changed file is named as tampered, programs, scripts and
macro documents are never handed to the system's default handler (their folder is shown instead)."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from thidua_desktop.core.errors import TamperedAttachmentError, UserError
from thidua_desktop.core.services.evidence import attach_file, list_evidence, open_attachment
from thidua_desktop.core.storage.database import Database
from thidua_desktop.ui.context import AppContext
from thidua_desktop.ui.dialogs import evidence_dialog
from thidua_desktop.ui.tabs.evidence import TAB, EvidenceTab
from thidua_desktop.ui.widgets import messages


def _attach(db: Database, tmp_path: Path, name: str, content: bytes) -> int:
    source = tmp_path / name
    source.write_bytes(content)
    evidence_id = list_evidence(db, 1)[0].id
    assert evidence_id is not None
    return attach_file(db, evidence_id, source).id


def test_an_untouched_file_opens(demo_db: Database, tmp_path: Path) -> None:
    file_id = _attach(demo_db, tmp_path, "Biên bản.pdf", b"%PDF-1.4 minh chung")
    opened = open_attachment(demo_db, file_id)
    assert not opened.risky and opened.path.read_bytes() == b"%PDF-1.4 minh chung"
    assert os.name != "posix" or opened.path.stat().st_mode & 0o777 == 0o600


def test_a_changed_file_is_named_as_tampered(demo_db: Database, tmp_path: Path) -> None:
    file_id = _attach(demo_db, tmp_path, "Biên bản.pdf", b"%PDF-1.4 minh chung")
    stored = open_attachment(demo_db, file_id).path
    stored.write_bytes(b"%PDF-1.4 da bi sua")
    with pytest.raises(TamperedAttachmentError, match="đã bị thay đổi") as caught:
        open_attachment(demo_db, file_id)
    assert "Biên bản.pdf" in caught.value.message and str(stored) in caught.value.message


@pytest.mark.parametrize(
    ("name", "content", "why"),
    [
        ("cai-dat.exe", b"MZ\x90\x00", "chương trình"),
        ("chay.bat", b"@echo off", ".bat"),
        ("mo.js", b"WScript.Echo(1)", ".js"),
        ("lenh.vbs", b"MsgBox 1", ".vbs"),
        ("loi-tat.lnk", b"L\x00\x00\x00", ".lnk"),
        ("lenh.ps1", b"Write-Host 1", ".ps1"),
        ("bang.xlsm", b"PK\x03\x04", ".xlsm"),
        ("anh.jpg", b"MZ\x90\x00 an exe renamed", "dù tên tệp"),
        ("don.doc", b"\xd0\xcf\x11\xe0" + "_VBA_PROJECT".encode("utf-16-le"), "macro"),
    ],
)
def test_programs_scripts_and_macro_documents_are_risky(
    demo_db: Database, tmp_path: Path, name: str, content: bytes, why: str
) -> None:
    opened = open_attachment(demo_db, _attach(demo_db, tmp_path, name, content))
    assert opened.risky and why in opened.why


def test_a_docx_with_a_macro_project_inside_is_risky(demo_db: Database, tmp_path: Path) -> None:
    package = tmp_path / "pkg.docx"
    with zipfile.ZipFile(package, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/vbaProject.bin", b"\x00" * 10)
    opened = open_attachment(demo_db, _attach(demo_db, tmp_path, "Báo cáo.docx", package.read_bytes()))
    assert opened.risky and "macro" in opened.why


@pytest.fixture
def tab(qtbot: Any, demo_db: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> EvidenceTab:
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    monkeypatch.setattr(evidence_dialog, "app_settings", lambda: store)
    ctx = AppContext(demo_db)
    ctx.set_campaign(1)
    widget = TAB(ctx)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _open_first_file(qtbot: Any, tab: EvidenceTab, demo_db: Database, evidence_id: int) -> None:
    tab.table.select_id(evidence_id)
    qtbot.waitUntil(lambda: tab.files_model.rowCount() >= 1)
    tab.files_view.selectRow(0)
    qtbot.mouseClick(tab.open_button, Qt.MouseButton.LeftButton)


def test_a_script_is_never_opened_but_its_folder_can_be_shown(
    qtbot: Any, tab: EvidenceTab, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file_id = _attach(demo_db, tmp_path, "chay.bat", b"@echo off\r\ndel *.*")
    stored = open_attachment(demo_db, file_id).path
    opened: list[Path] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: opened.append(Path(QUrl(url).toLocalFile())) or True
    )
    boxes: list[QMessageBox] = []

    def fake_exec(box: QMessageBox) -> int:
        boxes.append(box)
        next(b for b in box.buttons() if b.text() == "Mở thư mục chứa tệp").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    tab.reload()
    _open_first_file(qtbot, tab, demo_db, list_evidence(demo_db, 1)[0].id or 0)
    assert len(boxes) == 1 and "chay.bat" in boxes[0].text() and ".bat" in boxes[0].text()
    assert stored not in opened and opened == [stored.parent]


def test_a_tampered_file_is_reported_in_the_tab(
    qtbot: Any, tab: EvidenceTab, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file_id = _attach(demo_db, tmp_path, "Biên bản.pdf", b"%PDF-1.4 minh chung")
    open_attachment(demo_db, file_id).path.write_bytes(b"%PDF-1.4 sua")
    opened: list[Any] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    errors: list[UserError] = []
    monkeypatch.setattr(messages, "show_user_error", lambda _parent, exc: errors.append(exc))
    tab.reload()
    _open_first_file(qtbot, tab, demo_db, list_evidence(demo_db, 1)[0].id or 0)
    assert opened == [] and isinstance(errors[0], TamperedAttachmentError)

"""Công cụ → «Mã hóa dữ liệu…» and «Xóa hẳn dữ liệu cá nhân…» (issue 13): the packaged program has no console,
so converting a folder and purging a person are done from the window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QInputDialog
from test_encryption import MemoryStore

from thidua_desktop.core.services.persons import list_persons
from thidua_desktop.core.storage import cipher, keys, sealed
from thidua_desktop.core.storage.database import Database
from thidua_desktop.ui.actions import data_protection
from thidua_desktop.ui.context import AppContext
from thidua_desktop.ui.dialogs.recovery_key_dialog import RecoveryKeyDialog
from thidua_desktop.ui.main_window import MainWindow
from thidua_desktop.ui.widgets import messages


@pytest.fixture
def window(qtbot: Any, demo_db: Database, tmp_path: Path) -> MainWindow:
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    shown = MainWindow(AppContext(demo_db), settings)
    qtbot.addWidget(shown)
    return shown


@pytest.fixture
def store(monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryStore]:
    previous = keyring.get_keyring()
    memory = MemoryStore()
    keyring.set_keyring(memory)
    yield memory
    keyring.set_keyring(previous)


def test_the_tools_menu_has_both_actions(window: MainWindow) -> None:
    texts = [a.text() for a in window.menus["tools"].actions()]
    assert data_protection.ENCRYPT_TEXT in texts and data_protection.PURGE_TEXT in texts


def test_an_open_plain_folder_is_encrypted_from_the_window(
    window: MainWindow, demo_db: Database, store: MemoryStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from thidua_desktop.core.services.evidence import attach_file, list_evidence

    scan = tmp_path / "bien-ban.pdf"
    scan.write_bytes(b"%PDF-1.4 bien ban")
    evidence_id = list_evidence(demo_db, 1)[0].id
    assert evidence_id is not None
    attach_file(demo_db, evidence_id, scan)
    before = len(list_persons(demo_db))
    monkeypatch.setattr(messages, "confirm", lambda *a: True)
    keys_shown: list[str] = []
    monkeypatch.setattr(RecoveryKeyDialog, "exec", lambda d: keys_shown.append(d.recovery_key) or 1)
    window.encrypt_action.trigger()
    assert demo_db.encrypted and cipher.is_plain(demo_db.paths.database) is False
    assert len(keys_shown) == 1 and len(keys_shown[0]) == 39
    assert len(list_persons(demo_db)) == before  # the same window goes on, on the encrypted file
    assert all(sealed.is_sealed(p) for p in demo_db.paths.attachments.rglob("*") if p.is_file())
    assert keys.is_encrypted_folder(demo_db.paths.root)
    infos: list[str] = []
    monkeypatch.setattr(messages, "show_info", lambda _w, text, *a: infos.append(text))
    window.encrypt_action.trigger()
    assert "đã được mã hóa" in infos[0]


def test_a_person_is_purged_from_the_window(
    window: MainWindow, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    person = list_persons(demo_db)[0]
    monkeypatch.setattr(
        QInputDialog,
        "getItem",
        lambda _w, _t, _l, items, *a: (next(i for i in items if f"(số {person.id})" in i), True),
    )
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Theo đơn ngày 05/01/2026", True))
    monkeypatch.setattr(messages, "confirm", lambda *a: True)
    assert data_protection.purge_interactive(window)
    assert person.id not in {p.id for p in list_persons(demo_db)}
    assert "Đã xóa hẳn" in window.statusBar().currentMessage()

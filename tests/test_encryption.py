"""Encryption at rest (issue 13): new data folders encrypted (SQLCipher database and backups, sealed attachments),
the key in the OS credential store (an in-memory store here), a recovery key for another PC, existing folders
converted on request with a backup first."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import keyring
import keyring.backend
import pytest

from thidua_desktop.cli import main
from thidua_desktop.core.bootstrap import open_data
from thidua_desktop.core.demo import load_demo
from thidua_desktop.core.errors import DatabaseDamagedError, TamperedAttachmentError, UserError
from thidua_desktop.core.models import Person, Unit
from thidua_desktop.core.services.evidence import attach_file, list_evidence, open_attachment
from thidua_desktop.core.storage import cipher, keys, recovery, sealed
from thidua_desktop.core.storage.encrypt_folder import encrypt_folder

SECRET_NAME = "Nguyễn Thị Bảo Mật"
SCAN = b"%PDF-1.4 quyet dinh ket nap Dang cua " + SECRET_NAME.encode() + bytes(range(256)) * 5000


class MemoryStore(keyring.backend.KeyringBackend):
    """The OS credential store of one PC, in memory."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.passwords.pop((service, username), None)


@pytest.fixture
def store(monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryStore]:
    previous = keyring.get_keyring()
    memory = MemoryStore()
    keyring.set_keyring(memory)
    monkeypatch.delenv(keys.PLAIN_ENV, raising=False)
    yield memory
    keyring.set_keyring(previous)


def _fill(data_dir: Path, tmp_path: Path) -> int:
    with open_data(data_dir, now=datetime(2026, 3, 1, 9)) as db:
        load_demo(db)
        with db.session() as session:
            unit = session.query(Unit).first()
            assert unit is not None
            session.add(Person(full_name=SECRET_NAME, unit_id=unit.id, is_party_member=True))
        scan = tmp_path / "quyet-dinh.pdf"
        scan.write_bytes(SCAN)
        evidence_id = list_evidence(db, 1)[0].id
        assert evidence_id is not None
        return attach_file(db, evidence_id, scan).id


def _secret_in(path: Path) -> bool:
    return SECRET_NAME.encode() in path.read_bytes()


def test_a_new_folder_is_encrypted_and_opens_without_a_password(
    store: MemoryStore, data_dir: Path, tmp_path: Path
) -> None:
    file_id = _fill(data_dir, tmp_path)
    database = data_dir / "thidua.sqlite3"
    assert cipher.is_plain(database) is False and not _secret_in(database)
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(database).execute("SELECT count(*) FROM sqlite_master").fetchone()
    [daily] = (data_dir / "backups").glob("hang-ngay-*.sqlite3")
    assert cipher.is_plain(daily) is False and not _secret_in(daily)
    [stored] = [p for p in (data_dir / "attachments").rglob("*.pdf*")]
    assert sealed.is_sealed(stored) and SECRET_NAME.encode() not in stored.read_bytes()
    assert json.loads((data_dir / keys.KEY_FILE).read_text(encoding="utf-8"))["format"] == 1
    with open_data(data_dir) as db:
        assert db.encrypted and db.recovery_key == ""
        with db.session() as session:
            assert session.query(Person).filter_by(full_name=SECRET_NAME).count() == 1
        opened = open_attachment(db, file_id)
        assert opened.path.read_bytes() == SCAN and opened.path.parent.parent == db.paths.opened
    open_data(data_dir).close()
    assert not any(db_path.is_file() for db_path in (data_dir / "mo-tam").rglob("*"))


def test_the_recovery_key_is_shown_once(
    store: MemoryStore, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(data_dir), "stats"]) == 0
    err = capsys.readouterr().err
    assert "KHÓA KHÔI PHỤC" in err
    recovery_key = err.split("KHÓA KHÔI PHỤC: ")[1].split(" ")[0]
    assert len(recovery_key.split("-")) == 8
    assert main(["--data-dir", str(data_dir), "stats"]) == 0
    assert "KHÓA KHÔI PHỤC" not in capsys.readouterr().err


def test_another_pc_needs_the_recovery_key(
    store: MemoryStore, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_data(data_dir) as db:
        recovery_key = db.recovery_key
    store.passwords.clear()  # the folder copied to another PC
    code = main(["--data-dir", str(data_dir), "stats"])
    assert code == 1 and "khóa khôi phục" in capsys.readouterr().err
    assert (
        main(["--data-dir", str(data_dir), "encryption", "unlock", "ABCD-EFGH-JKLM-NPQR-STUV-WXYZ-2345-6789"])
        == 1
    )
    assert "không đúng" in capsys.readouterr().err
    assert main(["--data-dir", str(data_dir), "encryption", "unlock", recovery_key.lower()]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "stats", "--json"]) == 0
    assert "units" in json.loads(capsys.readouterr().out)


def test_an_existing_folder_is_converted_on_request_with_a_backup_first(
    store: MemoryStore,
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv(keys.PLAIN_ENV, "1")
    file_id = _fill(data_dir, tmp_path)
    open_data(data_dir, now=datetime(2026, 3, 2, 9)).close()
    monkeypatch.delenv(keys.PLAIN_ENV)
    database = data_dir / "thidua.sqlite3"
    assert cipher.is_plain(database) is True and _secret_in(database)
    with open_data(data_dir, daily_backup=False) as db, db.session() as session:
        persons = session.query(Person).count()

    real = encrypt_folder.__globals__["_encrypt_attachments"]
    monkeypatch.setitem(encrypt_folder.__globals__, "_encrypt_attachments", lambda *a: 1 / 0)
    with pytest.raises(ZeroDivisionError):  # killed midway: the database is done, attachments not yet
        encrypt_folder(data_dir)
    monkeypatch.setitem(encrypt_folder.__globals__, "_encrypt_attachments", real)
    with open_data(data_dir, daily_backup=False) as db:
        assert db.encrypted and open_attachment(db, file_id).path.read_bytes() == SCAN

    assert main(["--data-dir", str(data_dir), "encryption", "enable", "--json"]) == 0
    done = json.loads(capsys.readouterr().out)
    assert done["attachments"] == 1 and done["backups"] >= 3
    assert not _secret_in(database)
    copies = sorted((data_dir / "backups").glob("*.sqlite3"))
    assert any(p.name.startswith("truoc-ma-hoa-") for p in copies)
    assert all(cipher.is_plain(p) is False and not _secret_in(p) for p in copies)
    assert all(sealed.is_sealed(p) for p in (data_dir / "attachments").rglob("*.pdf*"))
    assert main(["--data-dir", str(data_dir), "encryption", "status", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["database_encrypted"] and status["attachments_plain"] == 0 and status["backups_plain"] == 0
    with open_data(data_dir) as db, db.session() as session:
        assert session.query(Person).count() == persons


def test_restoring_in_an_encrypted_folder(store: MemoryStore, data_dir: Path, tmp_path: Path) -> None:
    _fill(data_dir, tmp_path)
    [daily] = (data_dir / "backups").glob("hang-ngay-*.sqlite3")
    with open_data(data_dir, daily_backup=False) as db, db.session() as session:
        session.add(Unit(name="Sau sao lưu", kind="other"))
    done = recovery.restore(data_dir, daily)
    assert done.kept is not None and cipher.is_plain(done.kept) is False
    with open_data(data_dir, daily_backup=False) as db, db.session() as session:
        assert session.query(Unit).filter_by(name="Sau sao lưu").count() == 0


def test_a_damaged_encrypted_database_is_detected(store: MemoryStore, data_dir: Path, tmp_path: Path) -> None:
    _fill(data_dir, tmp_path)
    database = data_dir / "thidua.sqlite3"
    with database.open("r+b") as handle:
        handle.seek(4096 * 3 + 100)
        handle.write(b"\x00" * 64)
    with pytest.raises(DatabaseDamagedError) as caught:
        open_data(data_dir)
    assert str(database) in caught.value.message and caught.value.newest_good is not None


def test_a_changed_sealed_attachment_is_named_as_tampered(
    store: MemoryStore, data_dir: Path, tmp_path: Path
) -> None:
    file_id = _fill(data_dir, tmp_path)
    [stored] = list((data_dir / "attachments").rglob("*.pdf*"))
    content = bytearray(stored.read_bytes())
    content[200] ^= 0xFF
    stored.write_bytes(bytes(content))
    with open_data(data_dir) as db, pytest.raises(TamperedAttachmentError, match="quyet-dinh.pdf"):
        open_attachment(db, file_id)


def test_enable_refuses_without_a_credential_store(data_dir: Path) -> None:
    from keyring.backends import fail

    open_data(data_dir).close()
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        assert not keys.new_folders_encrypted()
        with pytest.raises(UserError, match="kho khóa"):
            encrypt_folder(data_dir)
    finally:
        keyring.set_keyring(previous)
    assert cipher.is_plain(data_dir / "thidua.sqlite3") is True


def test_recovery_keys_round_trip() -> None:
    raw = bytes(range(20))
    text = keys.format_recovery(raw)
    assert keys.parse_recovery(text.lower().replace("-", " ")) == raw


def test_the_smoke_test_runs_on_an_encrypted_folder(tmp_path: Path) -> None:
    """The whole program (window, demo, import, Excel and Word exports) on a new, encrypted folder; the OS store is
    this file's in-memory one, chosen through keyring's ``PYTHON_KEYRING_BACKEND``."""
    import os
    import subprocess
    import sys

    tests = Path(__file__).resolve().parent
    env = {k: v for k, v in os.environ.items() if k != keys.PLAIN_ENV}
    env.update(PYTHON_KEYRING_BACKEND="test_encryption.MemoryStore", PYTHONPATH=str(tests))
    folder = tmp_path / "smoke"
    result = subprocess.run(
        [sys.executable, "-m", "thidua_desktop", "--smoke-test", "--data-dir", str(folder)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        cwd=tests.parent,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "encrypted=có" in result.stdout and result.stderr == "", result.stdout + result.stderr
    assert cipher.is_plain(folder / "thidua.sqlite3") is False


def test_the_window_s_restore_works_on_an_encrypted_folder(store: MemoryStore, data_dir: Path) -> None:
    with open_data(data_dir) as db:
        with db.session() as session:
            session.add(Unit(name="Trước", kind="other"))
        saved = db.backup_now()
        with db.session() as session:
            session.add(Unit(name="Sau", kind="other"))
        safety = db.restore(saved)
        with db.session() as session:
            assert {u.name for u in session.query(Unit)} == {"Trước"}
    assert cipher.is_plain(saved) is False and cipher.is_plain(safety) is False
    assert cipher.is_plain(data_dir / "thidua.sqlite3") is False
    assert not list((data_dir / "backups").glob("*-wal"))

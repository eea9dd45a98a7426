"""Encrypting an existing (plain) data folder on request: the database, every backup and every attachment.

Steps, each safe to interrupt (the next run resumes, and every reader accepts plain and encrypted files alike):
a plain backup first (``truoc-ma-hoa-``), the key (OS store, then ``encryption.json``), the database copied with
``sqlcipher_export`` and checked (same rows in every table, ``integrity_check``) before it replaces the plain file,
then the attachments and the older backups, each file written under a temporary name and renamed.
The pre-encryption backup is encrypted last, once everything else is done.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from thidua_desktop.core.errors import UserError
from thidua_desktop.core.storage import atomic, backup, cipher, keys, migrations, preflight, sealed
from thidua_desktop.core.storage.lock import DatabaseLock
from thidua_desktop.core.storage.paths import DataPaths

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EncryptionDone:
    recovery_key: str
    """Empty when the folder already had a key (a resumed run): the recovery key printed then still holds."""
    database: bool
    attachments: int
    backups: int


def _row_counts(connection: object) -> dict[str, int]:
    tables = [
        row[0]
        for row in connection.execute(  # type: ignore[attr-defined]
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {t: connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}  # type: ignore[attr-defined]


def _encrypt_database(path: Path, key: bytes) -> bool:
    """Replace the plain database file ``path`` with an encrypted copy, checked first; False if already done."""
    if cipher.is_plain(path) is not True:
        return False
    plain = cipher.connect(path, key=None)
    try:
        plain.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        expected = _row_counts(plain)
    finally:
        plain.close()
    with atomic.atomic_path(path) as temporary:
        cipher.export_encrypted(path, temporary, key)
        copy = cipher.connect(temporary, key=key)
        try:
            if preflight.integrity_check(copy) != "ok" or _row_counts(copy) != expected:
                raise UserError(f"Bản mã hóa của «{path}» không khớp với bản gốc; chưa thay tệp gốc.")
        finally:
            copy.close()
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    return True


def _encrypt_attachments(folder: Path, key: bytes) -> int:
    done = 0
    for stored in sorted(folder.rglob("*")) if folder.is_dir() else []:
        if not stored.is_file() or atomic.is_temporary(stored) or sealed.is_sealed(stored):
            continue
        target = sealed.sealed_path(stored)
        if not target.exists():
            with atomic.atomic_path(target) as temporary:
                sealed.seal(stored, temporary, key)
        stored.unlink()
        done += 1
    return done


def _encrypt_backups(folder: Path, key: bytes, last: Path | None) -> int:
    """Encrypt the plain backups, ``last`` (the one made before encrypting) after all the others."""
    copies = [info.path for info in backup.list_backups(folder) if info.path != last]
    return sum(1 for path in [*copies, *([last] if last else [])] if _encrypt_database(path, key))


def encrypt_folder(root: Path, *, take_lock: bool = True) -> EncryptionDone:
    """Encrypt the plain data folder ``root``: closed (its lock is taken here), or held by the caller with every
    connection closed (``take_lock=False``: ``Database.encrypt``)."""
    paths = DataPaths(Path(root))
    if not keys.store_available():
        raise UserError(
            "Máy này không có kho khóa của hệ điều hành để giữ khóa mã hóa (Windows Credential Manager); "
            "chưa mã hóa gì."
        )
    lock = DatabaseLock(paths.lock_file) if take_lock else None
    if lock is not None:
        lock.acquire()
    try:
        preflight.inspect_database(paths.database, migrations.known_revisions())
        safety = None
        if not keys.is_encrypted_folder(paths.root) and cipher.is_plain(paths.database):
            safety = backup.make_backup(paths.database, paths.backups, "truoc-ma-hoa-")
        if keys.is_encrypted_folder(paths.root):
            found = keys.FolderKey(keys.load_key(paths.root) or b"")
        else:
            found = keys.create_key(paths.root)
        cipher.use_key(paths.root, found.key)
        converted = _encrypt_database(paths.database, found.key)
        files = _encrypt_attachments(paths.attachments, found.key)
        copies = _encrypt_backups(paths.backups, found.key, safety)
        log.info(
            "Đã mã hóa %s: dữ liệu %s, %d tệp minh chứng, %d bản sao lưu", root, converted, files, copies
        )
        return EncryptionDone(found.recovery_key, converted, files, copies)
    finally:
        if lock is not None:
            lock.release()

"""Connections to plain or SQLCipher-encrypted database files, chosen by what the file is.

A data folder whose key is known (``use_key``) gets encrypted new files; an existing file that starts with SQLite's
plain header is opened plain (a folder not converted yet, a backup from before). Every module that opens a database
file directly (backups, checks, the checkpoint thread, purge) goes through ``connect`` so that both kinds work.

SQLCipher 4 with a raw 256-bit key (``PRAGMA key = "x'…'"``): no key derivation at each connection, since the key
is random, not a password. Its log is silenced (it writes to stderr, which the packaged smoke test forbids).
``cipher_memory_security`` (wiping and locking every freed buffer) is off: it made the start-up ``quick_check``
about 25 % slower, and the decrypted rows live in Python objects anyway.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import sqlcipher3

SQLITE_MAGIC = b"SQLite format 3\x00"
DB_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, sqlcipher3.Error)
"""What either driver raises (sqlcipher3's errors are not ``sqlite3.Error`` subclasses)."""
FILE_ERRORS: tuple[type[Exception], ...] = (OSError, *DB_ERRORS)
DATABASE_ERRORS: tuple[type[Exception], ...] = (sqlite3.DatabaseError, sqlcipher3.DatabaseError)

_keys: dict[Path, bytes] = {}


def use_key(folder: Path, key: bytes | None) -> None:
    """Files in ``folder`` (and below: backups) are encrypted with ``key``; None forgets it."""
    folder = Path(folder).resolve()
    if key is None:
        _keys.pop(folder, None)
    else:
        _keys[folder] = key


def key_for(path: Path) -> bytes | None:
    """The key of the data folder holding ``path``, if one is known."""
    resolved = Path(path).resolve()
    for folder in (resolved.parent, *resolved.parents):
        if folder in _keys:
            return _keys[folder]
    return None


def is_plain(path: Path) -> bool | None:
    """True for a plain SQLite file, False for one without the plain header, None when empty or missing."""
    try:
        with Path(path).open("rb") as handle:
            head = handle.read(16)
    except FileNotFoundError:
        return None
    if not head:
        return None
    return head == SQLITE_MAGIC


def wants_key(path: Path, key: bytes | None) -> bool:
    """Whether ``path`` is (or, new, will be) encrypted: a key is known and the file is not plain."""
    return key is not None and is_plain(path) is not True


def uri(path: Path, *, read_only: bool = False, immutable: bool = False) -> str:
    query = "mode=ro" if read_only else "mode=rwc"
    return Path(path).resolve().as_uri() + "?" + query + ("&immutable=1" if immutable else "")


def connect(
    path: Path,
    *,
    key: bytes | None | str = "folder",
    read_only: bool = False,
    immutable: bool = False,
    timeout: float = 5.0,
) -> Any:
    """A DB-API connection to ``path``: SQLCipher with the key when the file is (to be) encrypted, else sqlite3.

    ``key`` "folder" looks the key up by the file's data folder; an explicit key (or None) overrides it.
    """
    path = Path(path)
    secret = key_for(path) if key == "folder" else key
    target = uri(path, read_only=read_only, immutable=immutable)
    if not isinstance(secret, bytes) or not wants_key(path, secret):
        return sqlite3.connect(target, uri=True, timeout=timeout, check_same_thread=False)
    connection = sqlcipher3.connect(target, uri=True, timeout=timeout, check_same_thread=False)
    connection.execute("PRAGMA cipher_log_level = NONE")
    connection.execute("PRAGMA cipher_memory_security = OFF")
    connection.execute(f"PRAGMA key = \"x'{secret.hex()}'\"")
    return connection


def export_encrypted(plain: Path, target: Path, key: bytes) -> None:
    """Write an encrypted copy of the plain database ``plain`` into the new file ``target`` (``sqlcipher_export``)."""
    connection = sqlcipher3.connect(str(plain))
    try:
        connection.execute("PRAGMA cipher_log_level = NONE")
        escaped = str(target).replace("'", "''")
        connection.execute(f"ATTACH DATABASE '{escaped}' AS encrypted KEY \"x'{key.hex()}'\"")
        connection.execute("SELECT sqlcipher_export('encrypted')")
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        app_id = connection.execute("PRAGMA application_id").fetchone()[0]
        connection.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        connection.execute(f"PRAGMA encrypted.application_id = {int(app_id)}")
        connection.execute("DETACH DATABASE encrypted")
    finally:
        connection.close()

"""Encrypted attachment files: each one a small SQLCipher database of 1 MiB chunks, with a key derived from the
data folder's key.

SQLCipher authenticates every page (HMAC-SHA512), so a file altered, cut short or opened with another key fails
to open instead of giving wrong bytes, and no second crypto library is needed (the bundle stays small). A sealed
file is the plain file's name plus ``.tdenc``; files without it are plain (a folder not yet converted, or never
encrypted) and are read as they are.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from thidua_desktop.core.errors import UserError
from thidua_desktop.core.storage import cipher

SEALED_SUFFIX = ".tdenc"
CHUNK = 1 << 20


def sealed_path(plain: Path) -> Path:
    return plain.with_name(plain.name + SEALED_SUFFIX)


def is_sealed(path: Path) -> bool:
    return Path(path).name.endswith(SEALED_SUFFIX)


def _file_key(key: bytes) -> bytes:
    from thidua_desktop.core.storage.keys import derive

    return derive(key, b"", b"thidua attachments v1")


def seal(source: Path, target: Path, key: bytes) -> None:
    """Write ``source`` encrypted into ``target`` (an empty temporary file the caller renames)."""
    connection = cipher.connect(target, key=_file_key(key))
    try:
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("PRAGMA synchronous = OFF")
        connection.execute("CREATE TABLE chunk (n INTEGER PRIMARY KEY, data BLOB NOT NULL)")
        with Path(source).open("rb") as reader:
            for number, data in enumerate(iter(lambda: reader.read(CHUNK), b"")):
                connection.execute("INSERT INTO chunk VALUES (?, ?)", (number, data))
        connection.commit()
    finally:
        connection.close()


def chunks(path: Path, key: bytes | None) -> Iterator[bytes]:
    """The plain bytes of a stored file, sealed or not. A sealed file that does not open raises ``UserError``."""
    if not is_sealed(path):
        with Path(path).open("rb") as handle:
            yield from iter(lambda: handle.read(CHUNK), b"")
        return
    if key is None:
        raise UserError(f"Tệp «{path}» đã được mã hóa mà máy này chưa có khóa của thư mục dữ liệu.")
    try:
        connection = cipher.connect(path, key=_file_key(key), read_only=True, immutable=True)
        try:
            for (data,) in connection.execute("SELECT data FROM chunk ORDER BY n"):
                yield bytes(data)
        finally:
            connection.close()
    except cipher.DB_ERRORS as exc:
        raise UserError(
            f"Tệp «{path}» không giải mã được: tệp đã bị thay đổi, bị hỏng hoặc không đúng khóa."
        ) from exc


def unseal(path: Path, target: Path, key: bytes | None) -> None:
    with Path(target).open("wb") as writer:
        for chunk in chunks(path, key):
            writer.write(chunk)

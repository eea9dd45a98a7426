"""What a database file is, found out read-only before anything opens it for writing.

Opening for writing is not neutral: our connections switch a rollback-journal file to WAL and Alembic creates its
tables in any SQLite file. So the file is first opened with ``mode=ro`` and checked: SQLite's header, our
``PRAGMA application_id``, ``PRAGMA quick_check`` (damaged pages), the schema version. Whatever is refused here has
not been changed by a single byte.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from thidua_desktop.core.errors import (
    DatabaseDamagedError,
    ForeignDatabaseError,
    SchemaTooNewError,
    StorageError,
)
from thidua_desktop.core.storage import cipher

log = logging.getLogger(__name__)

APPLICATION_ID = 0x54445431
"""``PRAGMA application_id`` of our databases ("TDT1"); written at creation, and on the first open of files made
before it existed (those are recognised by their tables)."""
SQLITE_MAGIC = cipher.SQLITE_MAGIC
OUR_TABLES = frozenset({"alembic_version", "audit_entry", "person", "unit", "campaign"})
UNREADABLE = ("malformed", "not a database", "file is encrypted", "corrupt")
CANNOT_SHARE = ("unable to open", "readonly", "disk i/o error")
"""Why a read-only connection could not set up the ``-shm`` file of a WAL database (a read-only folder, a full
disk): then the file is read on its own (``immutable``)."""


@dataclass(frozen=True)
class FileState:
    """A database file that passed the checks (``revision`` None: an empty file, to be created)."""

    application_id: int
    revision: str | None
    quick_check_ms: float


def connect_read_only(path: Path) -> Any:
    """A connection that cannot write and creates no file (plain or encrypted: ``cipher.connect``).

    Without a ``-wal`` beside it the file holds everything: it is opened ``immutable`` (a read-only connection on a
    WAL-mode file would otherwise create ``-wal``/``-shm`` files it cannot remove). With one, ``mode=ro`` reads
    the log too; ``immutable`` is the last resort when the folder cannot hold SQLite's ``-shm`` file.
    """
    if not path.with_name(path.name + "-wal").exists():
        return cipher.connect(path, read_only=True, immutable=True)
    connection = cipher.connect(path, read_only=True)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return connection
    except cipher.DB_ERRORS as exc:
        connection.close()
        if not any(word in str(exc).lower() for word in CANNOT_SHARE):
            raise
    return cipher.connect(path, read_only=True, immutable=True)


def damaged_message(path: Path, detail: str = "") -> str:
    more = f" (SQLite báo: {detail})" if detail else ""
    return (
        f"Tệp dữ liệu «{path}» bị hỏng{more}. Chương trình không ghi gì vào tệp này. "
        "Hãy khôi phục từ bản sao lưu tốt gần nhất."
    )


def header_message(path: Path) -> str:
    return (
        f"Tệp dữ liệu «{path}» bị hỏng phần đầu tệp (không còn nhận ra là cơ sở dữ liệu SQLite) hoặc không phải "
        "tệp dữ liệu của Thi đua Desktop. Chương trình không ghi gì vào tệp này. Hãy khôi phục từ bản sao lưu tốt "
        "gần nhất."
    )


def encrypted_message(path: Path) -> str:
    return (
        f"Không giải mã được tệp dữ liệu «{path}»: khóa của thư mục không đúng với tệp này, hoặc tệp bị hỏng. "
        "Chương trình không ghi gì vào tệp này. Hãy khôi phục từ bản sao lưu tốt gần nhất."
    )


def foreign_message(path: Path) -> str:
    return (
        f"Tệp «{path}» là cơ sở dữ liệu của một chương trình khác, không phải của Thi đua Desktop. Chương trình "
        "không ghi gì vào tệp này. Hãy chuyển tệp đó ra chỗ khác hoặc chọn thư mục dữ liệu khác (--data-dir)."
    )


def missing_version_message(path: Path) -> str:
    return (
        f"Tệp dữ liệu «{path}» thiếu số phiên bản cấu trúc dữ liệu (bảng alembic_version trống hoặc không có), "
        "nên không biết cách mở an toàn. Chương trình không ghi gì vào tệp này. Hãy khôi phục từ bản sao lưu tốt "
        "gần nhất."
    )


def too_new_message(path: Path, revision: str) -> str:
    return (
        f"Cơ sở dữ liệu «{path}» được tạo bởi phiên bản Thi đua Desktop mới hơn phiên bản đang chạy "
        f"(phiên bản dữ liệu {revision}). Hãy cài phiên bản mới nhất của chương trình; dữ liệu không bị thay đổi."
    )


def _header(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(100)


def quick_check(connection: Any) -> str:
    """``ok`` or SQLite's first complaint (``quick_check`` reads every page but skips index contents)."""
    rows = connection.execute("PRAGMA quick_check(1)").fetchall()
    return str(rows[0][0]) if rows else "ok"


def inspect_database(path: Path, known_revisions: set[str]) -> FileState:
    """Check the file at ``path`` without writing to it; raise a ``StorageError`` subclass when it must not be
    opened for writing (damaged, foreign, newer, without a version)."""
    if not path.exists() or path.stat().st_size == 0:
        return FileState(0, None, 0.0)
    header = _header(path)
    encrypted = not header.startswith(SQLITE_MAGIC) and cipher.key_for(path) is not None
    if not encrypted and (len(header) < 100 or not header.startswith(SQLITE_MAGIC)):
        raise DatabaseDamagedError(header_message(path), path)
    app_id = int.from_bytes(header[68:72], "big", signed=True)
    if not encrypted and app_id not in (0, APPLICATION_ID):
        raise ForeignDatabaseError(foreign_message(path))
    try:
        connection = connect_read_only(path)
    except cipher.DB_ERRORS as exc:
        raise DatabaseDamagedError(damaged_message(path, str(exc)), path) from exc
    try:
        if encrypted:
            app_id = int(connection.execute("PRAGMA application_id").fetchone()[0])
            if app_id not in (0, APPLICATION_ID):
                raise ForeignDatabaseError(foreign_message(path))
        return _check(connection, path, app_id, known_revisions)
    except cipher.DATABASE_ERRORS as exc:
        text = str(exc).lower()
        if encrypted and "not a database" in text:
            raise DatabaseDamagedError(encrypted_message(path), path) from exc
        if any(word in text for word in UNREADABLE):
            raise DatabaseDamagedError(damaged_message(path, str(exc)), path) from exc
        if "disk i/o error" in text:
            raise StorageError(
                f"Không đọc được tệp dữ liệu «{path}»: lỗi đọc ghi của ổ đĩa (ổ đã đầy, ổ hỏng hoặc USB vừa bị rút)."
            ) from exc
        raise StorageError(f"Không đọc được tệp dữ liệu «{path}»: {exc}.") from exc
    finally:
        connection.close()


def _check(connection: Any, path: Path, app_id: int, known: set[str]) -> FileState:
    started = time.perf_counter()
    verdict = quick_check(connection)
    elapsed = (time.perf_counter() - started) * 1000
    log.info("quick_check %s: %s (%.1f ms)", path, verdict, elapsed)
    if verdict != "ok":
        raise DatabaseDamagedError(damaged_message(path, verdict), path)
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables:
        return FileState(app_id, None, elapsed)
    if app_id == 0 and not OUR_TABLES - {"alembic_version"} <= tables:
        raise ForeignDatabaseError(foreign_message(path))
    if "alembic_version" not in tables:
        raise StorageError(missing_version_message(path))
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    if row is None or not row[0]:
        raise StorageError(missing_version_message(path))
    revision = str(row[0])
    if revision not in known:
        raise SchemaTooNewError(too_new_message(path, revision))
    return FileState(app_id, revision, elapsed)


def integrity_check(connection: Any) -> str:
    """``ok`` or SQLite's first complaint; the full check (indexes too), run before each backup."""
    rows = connection.execute("PRAGMA integrity_check(1)").fetchall()
    return str(rows[0][0]) if rows else "ok"


def is_good_copy(path: Path) -> bool:
    """A backup that can be restored: ours (or from before the mark), and it passes ``integrity_check``."""
    try:
        header = _header(path)
        plain = header.startswith(SQLITE_MAGIC)
        if not plain and cipher.key_for(path) is None:
            return False
        if plain and int.from_bytes(header[68:72], "big", signed=True) not in (0, APPLICATION_ID):
            return False
        connection = connect_read_only(path)
        try:
            if int(connection.execute("PRAGMA application_id").fetchone()[0]) not in (0, APPLICATION_ID):
                return False
            return integrity_check(connection) == "ok"
        finally:
            connection.close()
    except cipher.FILE_ERRORS:
        return False

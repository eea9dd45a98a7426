"""Opening the database: pragmas, lock, schema version check, backups, migrations, sessions."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker

from thidua_desktop.core.errors import StorageError
from thidua_desktop.core.storage import backup, migrations
from thidua_desktop.core.storage.audit import current_user, install_audit
from thidua_desktop.core.storage.checkpoint import Checkpointer
from thidua_desktop.core.storage.lock import DatabaseLock
from thidua_desktop.core.storage.paths import DataPaths, default_data_dir

BUSY_TIMEOUT_MS = 5000
CACHE_KIB = 32 * 1024
"""Page cache per connection: a 20,000-row import stays in memory until its commit (the default 2 MiB spills
half-written pages to the journal and writes them again)."""

KNOWN_SQLITE_ERRORS = (
    ("database is locked", "Cơ sở dữ liệu đang bận (một thao tác khác đang ghi). Hãy thử lại sau giây lát."),
    ("readonly", "Không ghi được vào cơ sở dữ liệu: thư mục dữ liệu chỉ cho phép đọc."),
    ("disk is full", "Ổ đĩa đã đầy, không ghi được dữ liệu. Hãy giải phóng dung lượng rồi thử lại."),
    ("malformed", "Tệp cơ sở dữ liệu bị hỏng. Hãy khôi phục từ một bản sao lưu (Tệp → Khôi phục)."),
    ("not a database", "Tệp cơ sở dữ liệu bị hỏng hoặc không phải tệp dữ liệu của chương trình."),
    ("unable to open", "Không mở được tệp cơ sở dữ liệu. Hãy kiểm tra quyền truy cập thư mục dữ liệu."),
)


def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
    cursor.execute("PRAGMA wal_autocheckpoint=0")  # done off the caller's thread: ``storage.checkpoint``
    cursor.close()


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _set_pragmas)
    return engine


def explain_sqlite_error(error: BaseException) -> str | None:
    text = str(error).lower()
    for needle, message in KNOWN_SQLITE_ERRORS:
        if needle in text:
            return message
    return None


WROTE = "wrote"
"""``Session.info`` key: the transaction wrote something (then the log is checkpointed after the commit)."""


def _mark_written(session: Session, _context: object) -> None:
    session.info[WROTE] = True


def _mark_dml(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        state.session.info[WROTE] = True


class Database:
    """An open database in a data folder. Each service call takes one short ``session()``."""

    def __init__(self, paths: DataPaths, engine: Engine, lock: DatabaseLock | None) -> None:
        self.paths = paths
        self.engine = engine
        self._lock = lock
        self._factory = sessionmaker(engine, expire_on_commit=False)
        install_audit(self._factory)
        self.user_name = current_user()
        self.checkpointer = Checkpointer(paths.database)
        event.listen(self._factory, "after_flush", _mark_written)
        event.listen(self._factory, "do_orm_execute", _mark_dml)
        event.listen(self._factory, "after_commit", self._after_commit)

    def _after_commit(self, session: Session) -> None:
        if session.info.pop(WROTE, False):
            self.checkpointer.request()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back on any exception."""
        session = self._factory()
        session.info["user_name"] = self.user_name
        try:
            with session.begin():
                yield session
        except DBAPIError as exc:
            message = explain_sqlite_error(exc.orig or exc)
            if message:
                raise StorageError(message) from exc
            raise
        finally:
            session.close()

    def backup_now(self, reason: str = "thu-cong-") -> Path:
        return backup.make_backup(self.paths.database, self.paths.backups, reason)

    def restore(self, source: Path) -> Path:
        """Replace the data with a backup; the current file is backed up first and that copy returned."""
        safety = self.backup_now("truoc-khoi-phuc-")
        self.checkpointer.stop()
        self.engine.dispose()
        backup.restore_from(source, self.paths.database)
        migrations.upgrade_if_needed(self.engine, self.paths)
        self.checkpointer.restart()
        return safety

    def close(self) -> None:
        self.checkpointer.stop()
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_database(
    data_dir: Path | None = None,
    *,
    lock: bool = True,
    daily_backup: bool = True,
    now: datetime | None = None,
) -> Database:
    """Open (creating or migrating as needed) the database of a data folder.

    Raises ``DatabaseLockedError`` if another program holds it, ``SchemaTooNewError`` if it was written by a newer
    version of the program.
    """
    paths = DataPaths(Path(data_dir) if data_dir else default_data_dir())
    paths.ensure()
    held: DatabaseLock | None = None
    if lock:
        held = DatabaseLock(paths.lock_file)
        held.acquire()
    try:
        engine = make_engine(paths.database)
        migrations.upgrade_if_needed(engine, paths)
        if daily_backup:
            backup.daily_backup(paths.database, paths.backups, now)
    except BaseException:
        if held is not None:
            held.release()
        raise
    return Database(paths, engine, held)

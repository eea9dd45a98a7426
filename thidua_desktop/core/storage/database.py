"""Opening the database: pragmas, lock, schema version check, backups, migrations, sessions."""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker
from sqlalchemy.pool import QueuePool

from thidua_desktop.core.errors import (
    BackupFailedError,
    DatabaseDamagedError,
    ReadOnlyDataError,
    StorageError,
)
from thidua_desktop.core.storage import atomic, backup, cipher, keys, migrations, permissions, preflight
from thidua_desktop.core.storage.audit import current_user, install_audit
from thidua_desktop.core.storage.checkpoint import Checkpointer

if TYPE_CHECKING:
    from thidua_desktop.core.storage.encrypt_folder import EncryptionDone
from thidua_desktop.core.storage.lock import DatabaseLock
from thidua_desktop.core.storage.paths import DataPaths, default_data_dir

log = logging.getLogger(__name__)

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
    (
        "disk i/o error",
        "Lỗi đọc ghi của ổ đĩa (ổ đã đầy, ổ hỏng hoặc USB vừa bị rút); chưa ghi được gì. Hãy giải phóng dung lượng "
        "hoặc cắm lại ổ rồi thử lại.",
    ),
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
    """The engine of a database file: SQLCipher when its folder has a key and the file is not plain.

    Engines built from a ``creator`` name the URL ``sqlite://``, for which SQLAlchemy would pick the in-memory
    ``SingletonThreadPool`` (one connection per thread, closing others' beyond five threads: crashes with the
    window's worker threads); they get the ``QueuePool`` a file URL gets.
    """
    key = cipher.key_for(path)
    if cipher.wants_key(path, key):
        import sqlcipher3

        engine = create_engine(
            "sqlite://",
            creator=lambda: cipher.connect(path, key=key, timeout=BUSY_TIMEOUT_MS / 1000),
            module=sqlcipher3,
            poolclass=QueuePool,
        )
        event.listen(engine, "connect", _set_pragmas)
        return engine
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _set_pragmas)
    return engine


def _set_read_only_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA query_only=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
    cursor.close()


def _driver(path: Path) -> Any:
    if cipher.is_plain(path) is False and cipher.key_for(path) is not None:
        import sqlcipher3

        return sqlcipher3
    return sqlite3


def make_read_only_engine(path: Path) -> Engine:
    """An engine whose connections cannot write (``mode=ro``, ``query_only``): nothing changes the file."""
    engine = create_engine(
        "sqlite://",
        creator=lambda: preflight.connect_read_only(path),
        module=_driver(path),
        poolclass=QueuePool,
    )
    event.listen(engine, "connect", _set_read_only_pragmas)
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

    def __init__(
        self, paths: DataPaths, engine: Engine, lock: DatabaseLock | None, *, read_only: bool = False
    ) -> None:
        self.paths = paths
        self.read_only = read_only
        """Opened for viewing only (the folder cannot be written): no backup, restore or change."""
        self.notices: list[str] = []
        """Warnings from opening (a failed daily backup, read-only mode) for the caller to show."""
        self.quick_check_ms = 0.0
        self.encrypted = False
        """The database file is encrypted (SQLCipher), and so are new backups and attachments."""
        self.recovery_key = ""
        """Set on the open that created the folder's key: the recovery key, to show the user once."""
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
                raise StorageError(f"{message} (Tệp dữ liệu: «{self.paths.database}».)") from exc
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
        permissions.secure_files(self.paths)
        migrations.upgrade_if_needed(self.engine, self.paths)
        self.checkpointer.restart()
        return safety

    def encrypt(self) -> EncryptionDone:
        """Encrypt this open, plain folder in place (``encrypt_folder``); the engine then opens the encrypted file."""
        from thidua_desktop.core.storage.encrypt_folder import encrypt_folder

        if self.read_only:
            raise ReadOnlyDataError(read_only_message(self.paths.root))
        self.checkpointer.stop()
        self.engine.dispose()
        try:
            done = encrypt_folder(self.paths.root, take_lock=self._lock is None)
        finally:
            self.engine = make_engine(self.paths.database)
            self._factory.configure(bind=self.engine)
            self.checkpointer.restart()
        self.encrypted = cipher.is_plain(self.paths.database) is False
        return done

    def close(self) -> None:
        self.checkpointer.stop()
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _open_read_only(paths: DataPaths) -> Database:
    """For a folder that cannot be written: view and export elsewhere; nothing is created, locked or migrated."""
    if not paths.database.exists():
        raise ReadOnlyDataError(
            f"Thư mục dữ liệu «{paths.root}» chỉ cho phép đọc và chưa có tệp dữ liệu nào để xem."
        )
    _folder_key(paths, create=False)
    state = preflight.inspect_database(paths.database, migrations.known_revisions())
    if state.revision != migrations.head_revision():
        raise ReadOnlyDataError(
            f"Tệp dữ liệu «{paths.database}» của phiên bản cũ hơn cần được nâng cấp, mà thư mục dữ liệu chỉ cho phép "
            "đọc. Hãy chép thư mục dữ liệu sang ổ ghi được rồi mở lại."
        )
    database = Database(paths, make_read_only_engine(paths.database), None, read_only=True)
    database.quick_check_ms = state.quick_check_ms
    return database


def read_only_message(folder: Path, exc: OSError | None = None) -> str:
    why = f" ({atomic.cause_of(exc)})" if exc is not None else ""
    return (
        f"Thư mục dữ liệu «{folder}» chỉ cho phép đọc{why} (USB bị khóa ghi, hồ sơ người dùng bị khóa hoặc không có "
        "quyền ghi). Có thể mở để xem và xuất ra thư mục khác; muốn sửa dữ liệu, hãy mở khóa ghi hoặc chép thư "
        "mục dữ liệu sang ổ ghi được."
    )


def probe_writable(folder: Path) -> OSError | None:
    """Whether files can be created in ``folder`` (tried for real: permissions alone do not tell, e.g. a
    write-protected USB stick or an administrator)."""
    probe = folder / f".~ghi-thu-{os.getpid()}.part"
    try:
        os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        probe.unlink()
    except OSError as exc:
        return exc
    return None


def _prepare_folder(paths: DataPaths) -> None:
    try:
        paths.ensure()
    except OSError as exc:
        if paths.root.is_dir():
            raise ReadOnlyDataError(read_only_message(paths.root, exc)) from exc
        raise StorageError(
            f"Không tạo được thư mục dữ liệu «{paths.root}»: {atomic.cause_of(exc)}. Hãy kiểm tra quyền ghi."
        ) from exc
    failure = probe_writable(paths.root)
    if failure is not None:
        raise ReadOnlyDataError(read_only_message(paths.root, failure))


def _folder_key(paths: DataPaths, *, create: bool) -> keys.FolderKey | None:
    """The folder's key (registered for ``cipher``), a new one for a new folder when the OS can keep it."""
    if keys.is_encrypted_folder(paths.root):
        found = keys.FolderKey(keys.load_key(paths.root) or b"")
    elif create and cipher.is_plain(paths.database) is None and keys.new_folders_encrypted():
        found = keys.create_key(paths.root)
    else:
        cipher.use_key(paths.root, None)
        return None
    cipher.use_key(paths.root, found.key)
    return found


SCHEMA_ERRORS: tuple[type[Exception], ...] = (DBAPIError, *cipher.DB_ERRORS)


def schema_failure(database: Path, exc: BaseException, created: bool, upgrading: bool) -> str:
    orig = getattr(exc, "orig", None) or exc
    cause = explain_sqlite_error(orig) or str(orig)
    if created:
        return f"Không tạo được tệp dữ liệu «{database}»: {cause} Chưa có dữ liệu nào; lần mở sau chương trình tạo lại."
    if upgrading:
        return (
            f"Không nâng cấp được tệp dữ liệu «{database}»: {cause} Tệp dữ liệu giữ nguyên như trước khi nâng cấp "
            "(và đã có bản sao lưu «truoc-nang-cap-…»)."
        )
    return f"Không mở được tệp dữ liệu «{database}» để ghi: {cause}"


def _disk_trouble(exc: BaseException) -> bool:
    """A full or failing disk (not the file's fault): the data can still be opened for viewing."""
    text = str(getattr(exc, "orig", None) or exc).lower()
    return "disk i/o error" in text or "disk is full" in text or "database or disk is full" in text


def _discard(database: Path) -> None:
    """Remove a database this open was creating and could not finish (nothing in it yet)."""
    for path in (
        database,
        database.with_name(database.name + "-wal"),
        database.with_name(database.name + "-shm"),
    ):
        path.unlink(missing_ok=True)


def _open_writable(paths: DataPaths, *, daily_backup: bool, now: datetime | None) -> tuple[Engine, Database]:
    atomic.use_journal(paths.pending)
    atomic.clean_leftovers(paths.pending, paths.backups, paths.attachments)
    atomic.clean_folder(paths.opened)
    new_folder = cipher.is_plain(paths.database) is None and not keys.is_encrypted_folder(paths.root)
    folder_key = _folder_key(paths, create=True)
    state = preflight.inspect_database(paths.database, migrations.known_revisions())
    created = state.revision is None
    upgrading = not created and state.revision != migrations.head_revision()
    permissions.create_private(paths.database)
    engine = make_engine(paths.database)
    try:
        migrations.upgrade_if_needed(engine, paths)
        if state.application_id != preflight.APPLICATION_ID:
            with engine.begin() as connection:
                connection.exec_driver_sql(f"PRAGMA application_id = {preflight.APPLICATION_ID}")
    except SCHEMA_ERRORS as exc:
        engine.dispose()
        if created:
            _discard(paths.database)
        message = schema_failure(paths.database, exc, created, upgrading)
        if not created and _disk_trouble(exc):
            raise ReadOnlyDataError(f"{message} Vẫn có thể mở để xem và xuất ra ổ khác.") from exc
        raise StorageError(message) from exc
    permissions.secure_files(paths)
    database = Database(paths, engine, None)
    database.quick_check_ms = state.quick_check_ms
    database.encrypted = cipher.is_plain(paths.database) is False
    database.recovery_key = folder_key.recovery_key if folder_key else ""
    if new_folder and folder_key is None and not os.environ.get(keys.PLAIN_ENV):
        database.notices.append(
            f"Thư mục dữ liệu mới «{paths.root}» không được mã hóa: máy này không có kho khóa của hệ điều hành để "
            "giữ khóa (trên Windows luôn có). Dữ liệu vẫn chỉ chủ tài khoản đọc được."
        )
    if daily_backup:
        try:
            backup.daily_backup(paths.database, paths.backups, now)
        except BackupFailedError as exc:
            log.info("Sao lưu hằng ngày thất bại: %s", exc.message)
            database.notices.append(exc.message)
    return engine, database


def open_database(
    data_dir: Path | None = None,
    *,
    lock: bool = True,
    daily_backup: bool = True,
    now: datetime | None = None,
    read_only: bool = False,
) -> Database:
    """Open (creating or migrating as needed) the database of a data folder.

    The file is checked read-only first (``preflight``). Raises ``DatabaseLockedError`` if another program holds
    it, ``SchemaTooNewError`` if a newer version wrote it, ``DatabaseDamagedError`` (with the newest good backup),
    ``ForeignDatabaseError``, ``ReadOnlyDataError`` for a folder that cannot be written (then ``read_only=True``
    opens it for viewing). A failed daily backup does not stop the opening: its message is in ``notices``.
    """
    paths = DataPaths(Path(data_dir) if data_dir else default_data_dir())
    if read_only:
        return _open_read_only(paths)
    _prepare_folder(paths)
    held: DatabaseLock | None = None
    if lock:
        held = DatabaseLock(paths.lock_file)
        held.acquire()
    try:
        _engine, database = _open_writable(paths, daily_backup=daily_backup, now=now)
    except DatabaseDamagedError as exc:
        if held is not None:
            held.release()
        from thidua_desktop.core.storage.recovery import restore_message

        exc.newest_good = backup.newest_good_backup(paths.backups)
        exc.message += restore_message(paths.database, exc.newest_good)
        exc.args = (exc.message,)
        raise
    except BaseException:
        if held is not None:
            held.release()
        raise
    database._lock = held
    return database

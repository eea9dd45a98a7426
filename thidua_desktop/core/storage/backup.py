"""Backups through the SQLite backup API (a plain file copy can miss what is still in the WAL)."""

from __future__ import annotations

import errno
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from thidua_desktop.core.errors import BackupFailedError, DatabaseDamagedError, UserError
from thidua_desktop.core.storage import atomic, cipher, preflight

DAILY_PREFIX = "hang-ngay-"
KEEP_DAILY = 30


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: datetime
    size: int
    reason: str


def needed_bytes(source: Path) -> int:
    """Space a copy of ``source`` takes: the file and what its write-ahead log still holds."""
    wal = source.with_name(source.name + "-wal")
    return source.stat().st_size + (wal.stat().st_size if wal.exists() else 0)


def _mib(size: int) -> str:
    return f"{max(size, 1) / 1024 / 1024:.1f}".replace(".", ",") + " MB"


def space_message(target: Path, needed: int, cause: str) -> str:
    """Why the backup failed, and how much room to make: the copy's size plus a margin, less what is free."""
    try:
        free = shutil.disk_usage(target.parent).free
    except OSError:
        free = None
    left = "" if free is None else f"; trên ổ còn {_mib(free)}"
    room = needed + (1 << 20) - (free or 0)
    make = (
        f" Hãy giải phóng ít nhất {_mib(max(room, 1 << 20))}"
        if free is not None
        else " Hãy giải phóng dung lượng"
    )
    return (
        f"Chưa sao lưu được dữ liệu vào «{target.parent}»: {cause}. Bản sao lưu cần khoảng {_mib(needed)}{left}."
        f"{make} để chương trình sao lưu lần sau. Dữ liệu hiện tại không bị ảnh hưởng."
    )


def _failure(target: Path, needed: int, exc: BaseException) -> BackupFailedError:
    text = str(exc).lower()
    if (
        isinstance(exc, OSError)
        and exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1))
        or "full" in text
    ):
        cause = "ổ đĩa đã đầy"
    elif isinstance(exc, PermissionError) or "readonly" in text or "permission" in text:
        cause = "không có quyền ghi vào thư mục sao lưu"
    else:
        cause = str(getattr(exc, "strerror", None) or exc)
    return BackupFailedError(space_message(target, needed, cause))


def check_source(source: Any, database: Path) -> None:
    """Refuse to copy a damaged database: a backup must never replace good copies with damage."""
    verdict = preflight.integrity_check(source)
    if verdict != "ok":
        raise DatabaseDamagedError(
            preflight.damaged_message(database, verdict) + " Chưa sao lưu để không đè bản sao lưu tốt.",
            database,
        )


def backup_to(source: Path, target: Path, *, check: bool = True) -> Path:
    """Copy a live database into ``target`` with the backup API; the copy is a consistent snapshot.

    With ``check`` the source passes ``PRAGMA integrity_check`` first (else ``DatabaseDamagedError``). A failed
    write (full disk) leaves no partial file and raises ``BackupFailedError`` saying how much space is needed.
    """
    needed = needed_bytes(source)
    key = cipher.key_for(source) if cipher.is_plain(source) is False else None
    src = cipher.connect(source, key=key)
    try:
        if check:
            check_source(src, source)
        try:
            with atomic.atomic_path(target) as partial:
                dst = cipher.connect(partial, key=key)
                try:
                    src.backup(dst)
                finally:
                    dst.close()
        except UserError as exc:
            raise _failure(target, needed, exc.__cause__ or exc) from exc
        except cipher.DB_ERRORS as exc:
            raise _failure(target, needed, exc) from exc
    finally:
        src.close()
    return target


def make_backup(database: Path, backups: Path, reason: str, now: datetime | None = None) -> Path:
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return backup_to(database, backups / f"{reason}{stamp}.sqlite3")


def _copies(backups: Path, pattern: str) -> list[Path]:
    return sorted(p for p in backups.glob(pattern) if not atomic.is_temporary(p))


def daily_backup(database: Path, backups: Path, now: datetime | None = None) -> Path | None:
    """Back up on the first open of the day and keep the newest ``KEEP_DAILY`` daily copies."""
    now = now or datetime.now()
    day = now.strftime("%Y%m%d")
    if _copies(backups, f"{DAILY_PREFIX}{day}-*.sqlite3"):
        return None
    made = make_backup(database, backups, DAILY_PREFIX, now)
    daily = _copies(backups, f"{DAILY_PREFIX}*.sqlite3")
    for old in daily[:-KEEP_DAILY]:
        old.unlink()
    return made


def restore_from(backup: Path, database: Path) -> None:
    """Overwrite ``database`` with the content of ``backup`` (the caller has closed every connection)."""
    if not preflight.is_good_copy(backup):
        raise DatabaseDamagedError(preflight.damaged_message(backup), backup)
    folder_key = cipher.key_for(database)
    if cipher.is_plain(backup) is not False and folder_key is not None:
        _restore_encrypting(backup, database, folder_key)  # a backup from before the folder was encrypted
        return
    key = cipher.key_for(backup) if cipher.is_plain(backup) is False else None
    src = preflight.connect_read_only(backup)
    try:
        dst = cipher.connect(database, key=key)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def _restore_encrypting(backup: Path, database: Path, key: bytes) -> None:
    """Put a plain backup in place of the database of an encrypted folder, encrypting it on the way."""
    with atomic.atomic_path(database) as temporary:
        cipher.export_encrypted(backup, temporary, key)
        for suffix in ("-wal", "-shm"):
            database.with_name(database.name + suffix).unlink(missing_ok=True)


def set_aside(database: Path, now: datetime | None = None) -> Path:
    """Rename a damaged database (and its ``-wal``/``-shm``) out of the way, kept for recovery; the new name."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    kept = database.with_name(f"{database.name}.hong-{stamp}")
    for suffix in ("-wal", "-shm"):
        companion = database.with_name(database.name + suffix)
        if companion.exists():
            companion.replace(kept.with_name(kept.name + suffix))
    database.replace(kept)
    return kept


def replace_damaged(database: Path, backup: Path) -> Path:
    """Put the good ``backup`` in place of a damaged ``database``; the damaged file is kept aside (returned)."""
    if not preflight.is_good_copy(backup):
        raise DatabaseDamagedError(preflight.damaged_message(backup), backup)
    kept = set_aside(database)
    backup_to(backup, database, check=False)
    return kept


def newest_good_backup(backups: Path) -> Path | None:
    """The newest backup that passes ``integrity_check`` (a damaged or foreign one is skipped)."""
    for info in list_backups(backups):
        if preflight.is_good_copy(info.path):
            return info.path
    return None


REASON_LABELS = {
    DAILY_PREFIX: "Tự động hằng ngày",
    "truoc-nang-cap-": "Trước khi nâng cấp dữ liệu",
    "truoc-khoi-phuc-": "Trước khi khôi phục",
    "thu-cong-": "Sao lưu thủ công",
}


def list_backups(backups: Path) -> list[BackupInfo]:
    infos: list[BackupInfo] = []
    for path in reversed(_copies(backups, "*.sqlite3")):
        reason = next((label for prefix, label in REASON_LABELS.items() if path.name.startswith(prefix)), "")
        stat = path.stat()
        infos.append(BackupInfo(path, datetime.fromtimestamp(stat.st_mtime), stat.st_size, reason))
    return infos

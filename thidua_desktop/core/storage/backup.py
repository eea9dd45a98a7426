"""Backups through the SQLite backup API (a plain file copy can miss what is still in the WAL)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

DAILY_PREFIX = "hang-ngay-"
KEEP_DAILY = 30


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: datetime
    size: int
    reason: str


def backup_to(source: Path, target: Path) -> Path:
    """Copy a live database into ``target`` with the backup API; the copy is a consistent snapshot."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(target.suffix + ".part")
    src = sqlite3.connect(source)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    partial.replace(target)
    return target


def make_backup(database: Path, backups: Path, reason: str, now: datetime | None = None) -> Path:
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return backup_to(database, backups / f"{reason}{stamp}.sqlite3")


def daily_backup(database: Path, backups: Path, now: datetime | None = None) -> Path | None:
    """Back up on the first open of the day and keep the newest ``KEEP_DAILY`` daily copies."""
    now = now or datetime.now()
    day = now.strftime("%Y%m%d")
    if any(backups.glob(f"{DAILY_PREFIX}{day}-*.sqlite3")):
        return None
    made = make_backup(database, backups, DAILY_PREFIX, now)
    daily = sorted(backups.glob(f"{DAILY_PREFIX}*.sqlite3"))
    for old in daily[:-KEEP_DAILY]:
        old.unlink()
    return made


def restore_from(backup: Path, database: Path) -> None:
    """Overwrite ``database`` with the content of ``backup`` (the caller has closed every connection)."""
    src = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        check = src.execute("PRAGMA integrity_check").fetchone()[0]
        if check != "ok":
            raise sqlite3.DatabaseError(check)
        dst = sqlite3.connect(database)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


REASON_LABELS = {
    DAILY_PREFIX: "Tự động hằng ngày",
    "truoc-nang-cap-": "Trước khi nâng cấp dữ liệu",
    "truoc-khoi-phuc-": "Trước khi khôi phục",
    "thu-cong-": "Sao lưu thủ công",
}


def list_backups(backups: Path) -> list[BackupInfo]:
    infos: list[BackupInfo] = []
    for path in sorted(backups.glob("*.sqlite3"), reverse=True):
        reason = next((label for prefix, label in REASON_LABELS.items() if path.name.startswith(prefix)), "")
        stat = path.stat()
        infos.append(BackupInfo(path, datetime.fromtimestamp(stat.st_mtime), stat.st_size, reason))
    return infos

"""Putting a backup back when the database cannot be opened (damaged) or on request, from the GUI or the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from thidua_desktop.core.errors import DatabaseDamagedError, UserError
from thidua_desktop.core.storage import backup, preflight
from thidua_desktop.core.storage.lock import DatabaseLock
from thidua_desktop.core.storage.paths import DataPaths


@dataclass(frozen=True)
class Restored:
    source: Path
    kept: Path | None
    """Where the replaced data went: a ``truoc-khoi-phuc-`` backup, or the damaged file set aside."""


def restore_message(database: Path, newest_good: Path | None) -> str:
    """What a user whose database is damaged can do (appended to the damage message)."""
    if newest_good is None:
        return (
            f" Không có bản sao lưu tốt nào trong «{database.parent / 'backups'}»; hãy giữ nguyên tệp và nhờ cán bộ "
            "tin học trợ giúp."
        )
    return (
        f" Bản sao lưu tốt gần nhất: «{newest_good}». Khôi phục bằng Tệp → Khôi phục khi mở chương trình, hoặc lệnh "
        f'thidua restore "{newest_good}" (tệp hỏng được giữ lại bên cạnh, không bị xóa).'
    )


def restore(data_dir: Path, source: Path) -> Restored:
    """Replace the data folder's database with ``source`` (which must pass ``integrity_check``).

    A healthy database is backed up first; a damaged one is renamed aside (``thidua.sqlite3.hong-…``), never
    overwritten. The data folder must not be open in another program (its lock is taken).
    """
    paths = DataPaths(Path(data_dir))
    source = Path(source)
    if not source.is_file():
        raise UserError(f"Không tìm thấy bản sao lưu «{source}».")
    if not preflight.is_good_copy(source):
        raise DatabaseDamagedError(preflight.damaged_message(source), source)
    lock = DatabaseLock(paths.lock_file)
    lock.acquire()
    try:
        if not paths.database.exists():
            backup.backup_to(source, paths.database, check=False)
            return Restored(source, None)
        if preflight.is_good_copy(paths.database):
            kept = backup.make_backup(paths.database, paths.backups, "truoc-khoi-phuc-")
            backup.restore_from(source, paths.database)
            return Restored(source, kept)
        return Restored(source, backup.replace_damaged(paths.database, source))
    finally:
        lock.release()

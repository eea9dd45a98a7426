"""Opening the program's data: the database, ready with its reference data."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from thidua_desktop.core.errors import ReadOnlyDataError
from thidua_desktop.core.services.catalogue import seed_catalogue
from thidua_desktop.core.storage.database import Database, open_database

log = logging.getLogger(__name__)

READ_ONLY_NOTICE = "Đang mở ở chế độ chỉ xem: không sửa được dữ liệu, chỉ xem và xuất ra thư mục khác."

_notice_sink: Callable[[str], None] | None = None


def set_notice_sink(sink: Callable[[str], None] | None) -> None:
    """Where warnings from opening go as they happen (the CLI prints them to stderr; the GUI reads ``notices``)."""
    global _notice_sink
    _notice_sink = sink


def recovery_notice(db: Database) -> str:
    return (
        f"Đã bật mã hóa cho thư mục dữ liệu «{db.paths.root}». KHÓA KHÔI PHỤC: {db.recovery_key} — hãy in hoặc chép "
        "lại và cất ở nơi an toàn: cần khóa này để mở dữ liệu trên máy khác hoặc sau khi cài lại Windows; chương "
        "trình chỉ hiện khóa này một lần."
    )


def _tell(db: Database) -> None:
    if db.recovery_key and _notice_sink is not None:
        _notice_sink(recovery_notice(db))
    for notice in db.notices:
        log.info("%s", notice)
        if _notice_sink is not None:
            _notice_sink(notice)


def open_data(
    data_dir: Path | None = None,
    *,
    lock: bool = True,
    daily_backup: bool = True,
    now: datetime | None = None,
    read_only: bool | None = None,
) -> Database:
    """Open a data folder. ``read_only``: True to view only, False to refuse a read-only folder
    (``ReadOnlyDataError``), None to fall back to viewing when the folder cannot be written (with a notice)."""
    try:
        db = open_database(data_dir, lock=lock, daily_backup=daily_backup, now=now, read_only=bool(read_only))
    except ReadOnlyDataError as exc:
        if read_only is not None:
            raise
        db = open_database(data_dir, read_only=True)
        db.notices.append(f"{exc.message}\n{READ_ONLY_NOTICE}")
    if db.read_only:
        _tell(db)
        return db
    try:
        with db.session() as session:
            seed_catalogue(session)
    except BaseException:
        db.close()
        raise
    _tell(db)
    return db

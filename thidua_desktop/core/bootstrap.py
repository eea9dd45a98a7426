"""Opening the program's data: the database, ready with its reference data."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from thidua_desktop.core.services.catalogue import seed_catalogue
from thidua_desktop.core.storage.database import Database, open_database


def open_data(
    data_dir: Path | None = None, *, lock: bool = True, daily_backup: bool = True, now: datetime | None = None
) -> Database:
    db = open_database(data_dir, lock=lock, daily_backup=daily_backup, now=now)
    try:
        with db.session() as session:
            seed_catalogue(session)
    except BaseException:
        db.close()
        raise
    return db

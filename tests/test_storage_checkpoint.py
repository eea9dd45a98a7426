"""The write-ahead log is copied into the database file by a background thread, not inside the user's commit."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from thidua_desktop.core.bootstrap import open_data
from thidua_desktop.core.models import Unit
from thidua_desktop.core.storage.database import Database


def wal_pages(db: Database) -> int:
    """Frames of the log not yet copied into the database file (a passive checkpoint from outside tells)."""
    with sqlite3.connect(db.paths.database) as probe:
        _busy, log, copied = probe.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    return int(log - copied)


def add_units(db: Database, count: int) -> None:
    with db.session() as session:
        session.add_all(Unit(name=f"Tổ dân phố {n}", kind="residential_group") for n in range(count))


def test_commits_do_not_checkpoint_and_the_thread_does(db: Database, qtbot: Any) -> None:
    assert db.engine.connect().exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 0
    before = db.checkpointer.runs
    add_units(db, 3000)  # well past the 1,000 pages at which SQLite would checkpoint inside the commit
    qtbot.waitUntil(lambda: db.checkpointer.runs > before, timeout=5000)
    assert wal_pages(db) == 0


def test_data_written_just_before_closing_is_in_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    db = open_data(folder, daily_backup=False)
    add_units(db, 50)
    db.close()
    assert not (folder / "thidua.sqlite3-wal").exists() or (folder / "thidua.sqlite3-wal").stat().st_size == 0
    with sqlite3.connect(folder / "thidua.sqlite3") as plain:
        count = plain.execute("SELECT count(*) FROM unit WHERE name LIKE 'Tổ dân phố %'").fetchone()[0]
    assert count == 50
    db.checkpointer.request()  # after closing: nothing starts
    assert db.checkpointer._thread is None


def test_reading_asks_for_no_checkpoint_and_bulk_writing_does(db: Database, qtbot: Any) -> None:
    from thidua_desktop.core.storage.bulk import insert_rows

    qtbot.wait(400)
    runs = db.checkpointer.runs
    with db.session() as session:
        session.query(Unit).count()
    qtbot.wait(400)
    assert db.checkpointer.runs == runs
    with db.session() as session:
        insert_rows(
            session,
            Unit,
            ["name", "short_name", "kind", "is_party_org", "sort_order", "notes"],
            [("Tổ dân phố 99", "", "residential_group", False, 0, "")],
        )
    qtbot.waitUntil(lambda: db.checkpointer.runs > runs, timeout=5000)

"""Storage: pragmas, transactions, lock, schema version, migrations and backups."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select, text

from thidua_desktop.core.bootstrap import open_data
from thidua_desktop.core.errors import DatabaseLockedError, SchemaTooNewError
from thidua_desktop.core.models import AuditEntry, Base, Unit
from thidua_desktop.core.storage import backup, migrations
from thidua_desktop.core.storage.database import Database, make_engine
from thidua_desktop.core.storage.paths import DataPaths


def test_pragmas_are_set_on_every_connection(db: Database) -> None:
    with db.session() as session:
        conn = session.connection()
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


def test_a_failing_transaction_writes_nothing(db: Database) -> None:
    with pytest.raises(RuntimeError), db.session() as session:
        session.add(Unit(name="Chi bộ thử", kind="party_cell"))
        session.flush()
        raise RuntimeError("boom")
    with db.session() as session:
        assert session.scalars(select(Unit)).all() == []


def test_foreign_keys_are_enforced(db: Database) -> None:
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), db.session() as session:
        session.add(Unit(name="Mồ côi", kind="other", parent_id=999))


def test_second_program_on_same_folder_is_refused(db: Database, data_dir: Path) -> None:
    with pytest.raises(DatabaseLockedError, match="đang được mở"):
        open_data(data_dir)


def test_lock_is_released_on_close(data_dir: Path) -> None:
    open_data(data_dir).close()
    open_data(data_dir).close()


def test_newer_schema_is_refused_and_left_untouched(data_dir: Path) -> None:
    open_data(data_dir).close()
    database = data_dir / "thidua.sqlite3"
    with sqlite3.connect(database) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff_future'")
    before = database.read_bytes()
    with pytest.raises(SchemaTooNewError, match="phiên bản Thi đua Desktop mới hơn"):
        open_data(data_dir)
    assert database.read_bytes() == before
    with pytest.raises(SchemaTooNewError):
        open_data(data_dir)


def test_migrate_empty_database_from_first_revision_to_head(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "m.sqlite3")
    migrations.upgrade(engine, "0001")
    assert migrations.current_revision(engine) == "0001"
    migrations.upgrade(engine, "head")
    assert migrations.current_revision(engine) == migrations.head_revision()
    with engine.connect() as conn:
        tables = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))}
    assert set(Base.metadata.tables) <= tables


def test_migrations_match_the_models(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    engine = make_engine(tmp_path / "m.sqlite3")
    migrations.upgrade(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_old_schema_is_backed_up_before_migration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data_dir = tmp_path / "d"
    open_data(data_dir).close()
    current = migrations.head_revision()
    upgraded: list[str] = []
    monkeypatch.setattr(migrations, "head_revision", lambda: "9999_next")
    monkeypatch.setattr(migrations, "known_revisions", lambda: {current, "9999_next"})
    monkeypatch.setattr(migrations, "upgrade", lambda engine, revision="head": upgraded.append(revision))
    assert migrations.upgrade_if_needed(make_engine(data_dir / "thidua.sqlite3"), DataPaths(data_dir))
    backups = list((data_dir / "backups").glob(f"truoc-nang-cap-{current}-*.sqlite3"))
    assert len(backups) == 1 and upgraded == ["head"]
    with sqlite3.connect(backups[0]) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (current,)


def test_daily_backup_once_a_day_keeps_thirty(data_dir: Path) -> None:
    for day in range(1, 36):
        open_data(data_dir, now=datetime(2025, 3, day % 28 + 1 if day > 28 else day, 9), lock=True).close()
    daily = sorted((data_dir / "backups").glob("hang-ngay-*.sqlite3"))
    assert len(daily) == 28  # 28 distinct days in March 1–28
    for day in range(1, 11):
        open_data(data_dir, now=datetime(2025, 4, day, 9)).close()
        open_data(data_dir, now=datetime(2025, 4, day, 15)).close()
    daily = sorted((data_dir / "backups").glob("hang-ngay-*.sqlite3"))
    assert len(daily) == backup.KEEP_DAILY
    assert daily[-1].name.startswith("hang-ngay-20250410-09")


def test_backup_captures_uncheckpointed_wal(db: Database, tmp_path: Path) -> None:
    with db.session() as session:
        session.add(Unit(name="Chi bộ Tổ dân phố 9", kind="party_cell"))
    copy = backup.backup_to(db.paths.database, tmp_path / "copy.sqlite3")
    with sqlite3.connect(copy) as conn:
        assert conn.execute("SELECT name FROM unit").fetchall() == [("Chi bộ Tổ dân phố 9",)]


def test_restore_backs_up_current_file_first(db: Database) -> None:
    with db.session() as session:
        session.add(Unit(name="Trước", kind="other"))
    saved = db.backup_now()
    with db.session() as session:
        session.add(Unit(name="Sau", kind="other"))
    safety = db.restore(saved)
    with db.session() as session:
        assert [u.name for u in session.scalars(select(Unit))] == ["Trước"]
    with sqlite3.connect(safety) as conn:
        assert sorted(r[0] for r in conn.execute("SELECT name FROM unit")) == ["Sau", "Trước"]


def test_every_change_is_audited_with_before_and_after(db: Database) -> None:
    with db.session() as session:
        session.add(Unit(name="Chi bộ A", kind="party_cell"))
    with db.session() as session:
        unit = session.scalars(select(Unit)).one()
        unit.name = "Chi bộ B"
    with db.session() as session:
        session.delete(session.scalars(select(Unit)).one())
    with db.session() as session:
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.table_name == "unit").order_by(AuditEntry.id)
        ).all()
    assert [e.action for e in entries] == ["insert", "update", "delete"]
    assert all(e.table_name == "unit" and e.record_id == "1" for e in entries)
    assert '"name": "Chi bộ A"' in entries[1].before_json
    assert '"name": "Chi bộ B"' in entries[1].after_json


def test_subject_indexes_are_partial_and_used(tmp_path: Path) -> None:
    """Migration 0003: the subject references are indexed where set, data kept, lookups still use the indexes;
    the audit log's time is no longer indexed."""
    engine = make_engine(tmp_path / "m.sqlite3")
    migrations.upgrade(engine, "0002")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO campaign (id, name, theme, slogans, plan_reference, kind, notes) "
                "VALUES (1, 'Phong trào', '', '', '', 'periodic', '')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO unit (id, name, short_name, kind, is_party_org, sort_order, notes) "
                "VALUES (1, 'Chi bộ 1', '', 'party_cell', 1, 0, '')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO pledge (campaign_id, title_code, content, source, source_file, unit_id) "
                "VALUES (1, 'TTLDXS', 'Giữ vững', 'manual', '', 1)"
            )
        )
    migrations.upgrade(engine, "head")
    with engine.connect() as conn:
        indexes = dict(
            conn.execute(
                text("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'pledge'")
            ).all()
        )
        plan = " ".join(
            str(r[-1])
            for r in conn.execute(text("EXPLAIN QUERY PLAN SELECT id FROM pledge WHERE unit_id = 1"))
        )
        kept = conn.execute(text("SELECT unit_id, content FROM pledge")).all()
        audit_indexes = {
            r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE tbl_name = 'audit_entry'"))
        }
    for column in ("unit_id", "person_id", "household_id"):
        assert f"WHERE {column} IS NOT NULL" in indexes[f"ix_pledge_{column}"]
    assert "ix_pledge_unit_id" in plan
    assert kept == [(1, "Giữ vững")]
    assert "ix_audit_entry_at" not in audit_indexes and "ix_audit_entry_record" in audit_indexes


def test_revisions_read_from_the_scripts_equal_alembics_own() -> None:
    """Opening an up-to-date database reads the revision ids from the scripts' text (alembic is imported only when
    a migration runs): the reading must give what alembic gives."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrations.alembic_config())
    assert migrations.head_revision() == script.get_current_head()
    assert migrations.known_revisions() == {r.revision for r in script.walk_revisions()}


def test_opening_an_up_to_date_database_does_not_import_alembic(data_dir: Path) -> None:
    from python_subprocess import run_reporting_json

    open_data(data_dir).close()
    loaded = run_reporting_json(
        "import json, sys\n"
        "from pathlib import Path\n"
        "from thidua_desktop.core.bootstrap import open_data\n"
        f"open_data(Path({str(data_dir)!r})).close()\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic')))\n"
    )
    assert loaded == []

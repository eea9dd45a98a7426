"""Faults an office PC meets at start-up and at the edges of storage: each ends in a Vietnamese message naming the
file, with nothing lost (issue 13). Faults are injected: an error raised at the write, a damaged page or header, a
foreign file, a folder that cannot be written (injected too, since chmod does not stop root)."""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import stat
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from thidua_desktop.cli import main
from thidua_desktop.core.bootstrap import open_data
from thidua_desktop.core.errors import (
    DatabaseDamagedError,
    ForeignDatabaseError,
    ReadOnlyDataError,
    SchemaTooNewError,
    StorageError,
    UserError,
)
from thidua_desktop.core.models import Unit
from thidua_desktop.core.storage import atomic, backup, database, preflight, recovery

POSIX = os.name == "posix"


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _add_units(data_dir: Path, count: int = 40) -> None:
    with open_data(data_dir, daily_backup=False) as db, db.session() as session:
        session.add_all(Unit(name=f"Chi bộ số {i}", kind="party_cell") for i in range(count))


# --- 1. full disk at start-up ------------------------------------------------------------------------------------
class _FullDisk:
    """``cipher.connect`` as seen by ``storage.backup``: copying into a backup fails as on a full disk."""

    def __init__(self, real: Any) -> None:
        self.real = real

    def __call__(self, target: Any, **kwargs: Any) -> Any:
        connection = self.real(target, **kwargs)
        if ".part" not in str(target):
            return _Source(connection)
        connection.execute("CREATE TABLE half_written (x)")  # something on disk, as a real failure leaves
        connection.commit()
        return connection


class _Source:
    def __init__(self, real: sqlite3.Connection) -> None:
        self.real = real

    def execute(self, *args: Any) -> Any:
        return self.real.execute(*args)

    def backup(self, _target: Any) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    def close(self) -> None:
        self.real.close()


def test_failed_daily_backup_warns_lets_the_user_in_and_leaves_no_partial_file(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _add_units(data_dir)
    monkeypatch.setattr(backup.cipher, "connect", _FullDisk(backup.cipher.connect))
    with open_data(data_dir, now=datetime(2026, 3, 2, 9)) as db:
        assert len(db.notices) == 1
        notice = db.notices[0]
    assert "ổ đĩa đã đầy" in notice and "cần khoảng" in notice and "Hãy giải phóng ít nhất" in notice
    assert str(data_dir / "backups") in notice
    assert list((data_dir / "backups").iterdir()) == []
    code, out, err = cli(capsys, "--data-dir", str(data_dir), "stats", "--json")
    assert code == 0 and json.loads(out)["units"] >= 40
    assert "Cảnh báo: Chưa sao lưu được" in err and "Traceback" not in err
    assert list((data_dir / "backups").iterdir()) == []


def _disk_full_at_schema(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    from sqlalchemy.exc import OperationalError

    from thidua_desktop.core.storage import migrations

    def full(*_args: Any) -> bool:
        raise OperationalError("CREATE INDEX …", {}, sqlite3.OperationalError(text))

    monkeypatch.setattr(migrations, "upgrade_if_needed", full)


def test_a_new_database_that_cannot_be_created_leaves_nothing_half_made(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _disk_full_at_schema(monkeypatch, "database or disk is full")
    code, _out, err = cli(capsys, "--data-dir", str(data_dir), "stats")
    assert (
        code == 1 and "Không tạo được tệp dữ liệu" in err and "Ổ đĩa đã đầy" in err and "Traceback" not in err
    )
    assert not (data_dir / "thidua.sqlite3").exists()
    monkeypatch.undo()
    assert cli(capsys, "--data-dir", str(data_dir), "stats")[0] == 0


def test_a_full_disk_at_opening_still_lets_the_user_view(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _add_units(data_dir)
    _disk_full_at_schema(monkeypatch, "disk I/O error")
    with pytest.raises(ReadOnlyDataError, match="Lỗi đọc ghi của ổ đĩa"):
        open_data(data_dir, read_only=False)
    code, out, err = cli(capsys, "--data-dir", str(data_dir), "stats", "--json")
    assert code == 0 and json.loads(out)["units"] >= 40 and "chế độ chỉ xem" in err


def test_migrations_are_all_or_nothing(tmp_path: Path) -> None:
    """Python's sqlite3 committed each CREATE on its own: a migration failing midway left half a schema."""
    from sqlalchemy import event

    from thidua_desktop.core.storage import migrations

    engine = database.make_engine(tmp_path / "m.sqlite3")

    def fail_late(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.startswith("CREATE INDEX"):
            raise sqlite3.OperationalError("database or disk is full")

    event.listen(engine, "before_cursor_execute", fail_late)
    with pytest.raises(Exception, match="disk is full"):
        migrations.upgrade(engine, "0001")
    with sqlite3.connect(tmp_path / "m.sqlite3") as conn:
        assert conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
    conn.close()


def test_backup_that_cannot_create_its_file_says_so(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _add_units(data_dir)
    real_open = os.open

    def refuse(path: Any, flags: int, mode: int = 0o777) -> int:
        if "backups" in str(path) and flags & os.O_CREAT:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real_open(path, flags, mode)

    monkeypatch.setattr(atomic.os, "open", refuse)
    with open_data(data_dir, now=datetime(2026, 3, 3, 9)) as db:
        assert "ổ đĩa đã đầy" in db.notices[0]
    assert list((data_dir / "backups").iterdir()) == []


def test_leftover_partial_backups_are_removed_at_start(data_dir: Path) -> None:
    open_data(data_dir).close()
    old_style = data_dir / "backups" / "hang-ngay-20260101-090000.sqlite3.part"
    old_style.write_bytes(b"")
    open_data(data_dir).close()
    assert not old_style.exists()


# --- 2. damaged database -------------------------------------------------------------------------------------------
def _damage_page(path: Path, table: str = "unit") -> None:
    with sqlite3.connect(path) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    conn.close()
    with path.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\x0d" + b"\xff" * 40)


def test_damaged_page_is_refused_at_open_and_the_newest_good_backup_offered(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _add_units(data_dir)
    open_data(data_dir, now=datetime(2026, 3, 1, 9)).close()
    [good] = (data_dir / "backups").glob("hang-ngay-*.sqlite3")
    before = good.read_bytes()
    database_file = data_dir / "thidua.sqlite3"
    _damage_page(database_file)
    damaged = database_file.read_bytes()
    with pytest.raises(DatabaseDamagedError) as caught:
        open_data(data_dir, now=datetime(2026, 3, 2, 9))
    assert caught.value.newest_good == good
    assert str(database_file) in caught.value.message and str(good) in caught.value.message
    assert database_file.read_bytes() == damaged and good.read_bytes() == before
    assert sorted(p.name for p in (data_dir / "backups").iterdir()) == [good.name]
    code, _out, err = cli(capsys, "--data-dir", str(data_dir), "import", str(good), "--json")
    assert code != 0 and "bị hỏng" in err and "Traceback" not in err
    assert database_file.read_bytes() == damaged


def test_damaged_database_is_restored_from_the_newest_good_backup_and_kept_aside(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _add_units(data_dir)
    open_data(data_dir, now=datetime(2026, 3, 1, 9)).close()
    _damage_page(data_dir / "thidua.sqlite3")
    code, out, _err = cli(capsys, "--data-dir", str(data_dir), "restore", "--json")
    assert code == 0
    kept = Path(json.loads(out)["kept"])
    assert kept.name.startswith("thidua.sqlite3.hong-") and kept.exists()
    with open_data(data_dir) as db, db.session() as session:
        assert session.query(Unit).count() >= 40


def test_damaged_header_gets_a_message_not_a_traceback(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    open_data(data_dir).close()
    database_file = data_dir / "thidua.sqlite3"
    with database_file.open("r+b") as handle:
        handle.write(b"\x00" * 16)
    damaged = database_file.read_bytes()
    with pytest.raises(DatabaseDamagedError, match="hỏng phần đầu"):
        open_data(data_dir)
    code, _out, err = cli(capsys, "--data-dir", str(data_dir), "stats")
    assert code == 1 and "hỏng phần đầu" in err and str(database_file) in err and "Traceback" not in err
    assert database_file.read_bytes() == damaged


def test_a_damaged_database_is_never_backed_up_over_good_copies(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Damage that ``quick_check`` does not see (an index) is caught by the full check before the backup."""
    open_data(data_dir, now=datetime(2026, 3, 1, 9)).close()
    monkeypatch.setattr(preflight, "integrity_check", lambda _c: "row 3 missing from index ix_unit_name")
    with pytest.raises(DatabaseDamagedError, match="Chưa sao lưu"):
        open_data(data_dir, now=datetime(2026, 3, 2, 9))
    assert [p.name[:18] for p in (data_dir / "backups").iterdir()] == ["hang-ngay-20260301"]


def test_damaged_backups_are_not_offered(data_dir: Path) -> None:
    open_data(data_dir, now=datetime(2026, 3, 1, 9)).close()
    open_data(data_dir, now=datetime(2026, 3, 2, 9)).close()
    older, newer = sorted((data_dir / "backups").glob("*.sqlite3"))
    with newer.open("r+b") as handle:
        handle.write(b"garbage!" * 4)
    assert backup.newest_good_backup(data_dir / "backups") == older


def test_quick_check_time_is_measured(data_dir: Path) -> None:
    with open_data(data_dir) as db:
        assert 0 <= db.quick_check_ms < 1000


# --- 3. read-only data folder ------------------------------------------------------------------------------------
def _write_protect(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> dict[Path, int]:
    """The folder as on a write-protected USB stick; the modes to put back."""
    modes = {p: p.stat().st_mode for p in [data_dir, *data_dir.rglob("*")]}
    data_dir.chmod(0o500)
    if not POSIX or os.geteuid() == 0:  # chmod does not stop an administrator: inject the refusal
        real = database.probe_writable
        monkeypatch.setattr(
            database,
            "probe_writable",
            lambda folder: (
                PermissionError(errno.EROFS, "Read-only file system") if folder == data_dir else real(folder)
            ),
        )
    return modes


@pytest.fixture
def read_only_folder(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    _add_units(data_dir)
    open_data(data_dir).close()
    modes = _write_protect(data_dir, monkeypatch)
    yield data_dir
    for path, mode in modes.items():
        path.chmod(stat.S_IMODE(mode))


def test_read_only_folder_is_explained_and_opens_for_viewing(
    read_only_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database_file = read_only_folder / "thidua.sqlite3"
    before = database_file.read_bytes()
    names = sorted(p.name for p in read_only_folder.rglob("*"))
    with pytest.raises(ReadOnlyDataError, match="chỉ cho phép đọc") as caught:
        open_data(read_only_folder, read_only=False)
    assert str(read_only_folder) in caught.value.message
    with open_data(read_only_folder) as db:
        assert db.read_only and "chế độ chỉ xem" in db.notices[-1]
        with db.session() as session:
            assert session.query(Unit).count() >= 40
        with pytest.raises(StorageError, match="chỉ cho phép đọc"), db.session() as session:
            session.add(Unit(name="Không ghi được", kind="other"))
    code, out, err = cli(capsys, "--data-dir", str(read_only_folder), "stats", "--json")
    assert code == 0 and json.loads(out)["units"] >= 40 and "chế độ chỉ xem" in err
    assert database_file.read_bytes() == before
    assert sorted(p.name for p in read_only_folder.rglob("*")) == names


def test_read_only_folder_exports_elsewhere_and_refuses_imports_clearly(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from thidua_desktop.core.demo import load_demo

    with open_data(data_dir) as db:
        load_demo(db)
    modes = _write_protect(data_dir, monkeypatch)
    try:
        database_file = data_dir / "thidua.sqlite3"
        before = database_file.read_bytes()
        out = tmp_path / "xuat" / "tong-hop.xlsx"
        args = ["--data-dir", str(data_dir)]
        code, _out, err = cli(capsys, *args, "export", "tally", "--campaign", "1", "-o", str(out))
        assert code == 0 and out.is_file() and "chế độ chỉ xem" in err
        sample = (
            Path(__file__).resolve().parents[1] / "resources" / "sample" / "dang-ky-thi-dua-chi-bo-tdp1.xlsx"
        )
        code, out_text, err = cli(capsys, *args, "import", str(sample), "--campaign", "1", "--json")
        assert code != 0 and "chỉ cho phép đọc" in out_text + err and "Traceback" not in err
        assert database_file.read_bytes() == before
    finally:
        for path, mode in modes.items():
            path.chmod(stat.S_IMODE(mode))


def test_a_read_only_database_serves_the_window_s_worker_threads(read_only_folder: Path) -> None:
    """Engines built from a creator must not get SQLAlchemy's in-memory pool (it closes connections of others)."""
    from concurrent.futures import ThreadPoolExecutor

    def count(_n: int) -> int:
        with db.session() as session:
            return session.query(Unit).count()

    with open_data(read_only_folder) as db, ThreadPoolExecutor(max_workers=8) as pool:
        assert set(pool.map(count, range(200))) == {40}


# --- 4. not our file ---------------------------------------------------------------------------------------------
def test_new_databases_are_marked_and_old_ones_adopted(data_dir: Path) -> None:
    open_data(data_dir).close()
    database_file = data_dir / "thidua.sqlite3"
    with sqlite3.connect(database_file) as conn:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == preflight.APPLICATION_ID
        conn.execute("PRAGMA application_id = 0")
    conn.close()
    open_data(data_dir).close()
    with sqlite3.connect(database_file) as conn:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == preflight.APPLICATION_ID
    conn.close()


@pytest.mark.parametrize("app_id", [0, 0x4D504246])
def test_another_programs_database_is_refused_untouched(
    data_dir: Path, app_id: int, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir.mkdir(parents=True)
    foreign = data_dir / "thidua.sqlite3"
    with sqlite3.connect(foreign) as conn:
        conn.execute(f"PRAGMA application_id = {app_id}")
        conn.execute("CREATE TABLE contacts (name TEXT)")
        conn.execute("INSERT INTO contacts VALUES ('Nguyễn Văn A')")
    conn.close()
    before = foreign.read_bytes()
    with pytest.raises(ForeignDatabaseError, match="chương trình khác"):
        open_data(data_dir)
    code, _out, err = cli(capsys, "--data-dir", str(data_dir), "stats")
    assert code == 1 and str(foreign) in err and "Traceback" not in err
    assert foreign.read_bytes() == before
    assert not foreign.with_name("thidua.sqlite3-wal").exists()


def test_newer_database_in_rollback_journal_mode_is_left_byte_for_byte(data_dir: Path) -> None:
    open_data(data_dir).close()
    database_file = data_dir / "thidua.sqlite3"
    with sqlite3.connect(database_file) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("UPDATE alembic_version SET version_num = 'ffff_future'")
    conn.close()
    before = database_file.read_bytes()
    with pytest.raises(SchemaTooNewError, match="mới hơn"):
        open_data(data_dir)
    assert database_file.read_bytes() == before
    assert not database_file.with_name("thidua.sqlite3-wal").exists()


def test_missing_version_row_gets_a_clear_message(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    open_data(data_dir).close()
    database_file = data_dir / "thidua.sqlite3"
    with sqlite3.connect(database_file) as conn:
        conn.execute("DELETE FROM alembic_version")
    conn.close()
    before = database_file.read_bytes()
    code, _out, err = cli(capsys, "--data-dir", str(data_dir), "stats")
    assert code == 1 and "thiếu số phiên bản" in err and str(database_file) in err
    assert database_file.read_bytes() == before


# --- 5. every write through one atomic helper ----------------------------------------------------------------------
def test_failed_write_names_the_file_and_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out" / "bang-tong-hop.xlsx"
    with pytest.raises(UserError, match="ổ đĩa đã đầy") as caught, atomic.atomic_path(target) as temporary:
        temporary.write_bytes(b"half")
        raise OSError(errno.ENOSPC, "No space left on device")
    assert str(target) in caught.value.message
    assert list(target.parent.iterdir()) == []


def test_excel_export_on_a_full_disk_is_a_vietnamese_message(
    demo_db: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from openpyxl import Workbook

    folder = demo_db.paths.root
    demo_db.close()

    def full(self: Any, filename: Any) -> None:
        Path(filename).write_bytes(b"PK half")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Workbook, "save", full)
    out = tmp_path / "xuat" / "tong-hop.xlsx"
    code, _out, err = cli(
        capsys, "--data-dir", str(folder), "export", "tally", "--campaign", "1", "-o", str(out)
    )
    assert code == 1 and "ổ đĩa đã đầy" in err and str(out) in err and "Traceback" not in err
    assert list(out.parent.iterdir()) == []


def test_full_disk_while_streaming_rows_is_a_vietnamese_message(
    demo_db: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """openpyxl streams a write-only sheet into the temporary folder before the save: that can fill the disk too."""
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

    folder = demo_db.paths.root
    demo_db.close()

    def full(self: Any, row: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", "/tmp/openpyxl.x")

    monkeypatch.setattr(WriteOnlyWorksheet, "append", full)
    out = tmp_path / "xuat" / "tong-hop.xlsx"
    code, _out, err = cli(
        capsys, "--data-dir", str(folder), "export", "tally", "--campaign", "1", "-o", str(out)
    )
    assert code == 1 and "ổ đĩa đã đầy" in err and str(out) in err and "Traceback" not in err
    assert not out.exists()


KILLED_EXPORT = """
import os, sys
from pathlib import Path
from thidua_desktop.core.bootstrap import open_data
from thidua_desktop.core.storage import atomic
db = open_data(Path(sys.argv[1]))
with atomic.atomic_path(Path(sys.argv[2])) as temporary:
    temporary.write_bytes(b"half an export")
    os._exit(137)  # like a kill: no cleanup, no finally
"""


def test_what_a_killed_export_leaves_is_removed_at_the_next_start(data_dir: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    open_data(data_dir).close()
    out = tmp_path / "xuat" / "phieu.xlsx"
    subprocess.run([sys.executable, "-c", KILLED_EXPORT, str(data_dir), str(out)], check=False, timeout=60)
    leftovers = list(out.parent.iterdir())
    assert len(leftovers) == 1 and atomic.is_temporary(leftovers[0])
    open_data(data_dir).close()
    assert list(out.parent.iterdir()) == []
    assert list((data_dir / "pending").iterdir()) == []


def test_journalled_temporary_files_are_removed_at_the_next_start(data_dir: Path, tmp_path: Path) -> None:
    open_data(data_dir).close()
    atomic.use_journal(data_dir / "pending")
    try:
        out = tmp_path / "xuat" / "van-ban.docx"
        out.parent.mkdir()
        temporary = atomic.temporary_name(out)
        atomic.journal(temporary)
        temporary.write_bytes(b"killed here")
        stranger = out.with_name(".~not-journalled.docx")
        stranger.write_bytes(b"someone else's")
    finally:
        atomic.use_journal(None)
    open_data(data_dir).close()
    assert not temporary.exists() and stranger.exists()


def test_stale_openpyxl_streams_are_removed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(atomic.tempfile, "gettempdir", lambda: str(tmp_path))
    stale, fresh = tmp_path / "openpyxl.abc", tmp_path / "openpyxl.def"
    stale.write_text("x")
    fresh.write_text("y")
    os.utime(stale, (1_000_000, 1_000_000))
    removed = atomic.clean_leftovers(tmp_path / "none")
    assert removed == [stale] and fresh.exists()


# --- 7. owner-only permissions -----------------------------------------------------------------------------------
def _mode(path: Path) -> int:
    """The permission bits, or 0o700/0o600 on Windows where the profile's ACL protects the folder instead."""
    if not POSIX:
        return 0o700 if path.is_dir() else 0o600
    return stat.S_IMODE(path.stat().st_mode)


def test_data_folder_and_files_are_owner_only(data_dir: Path) -> None:
    old = os.umask(0o022)
    try:
        with open_data(data_dir, now=datetime(2026, 3, 1, 9)) as db, db.session() as session:
            session.add(Unit(name="Chi bộ 1", kind="party_cell"))
        for folder in (data_dir, data_dir / "backups", data_dir / "attachments", data_dir / "logs"):
            assert _mode(folder) == 0o700, folder
        for file in [
            data_dir / "thidua.sqlite3",
            data_dir / "thidua.lock",
            *(data_dir / "backups").iterdir(),
        ]:
            assert _mode(file) == 0o600, file
    finally:
        os.umask(old)


def test_an_existing_world_readable_folder_is_tightened(data_dir: Path) -> None:
    open_data(data_dir).close()
    data_dir.chmod(0o755)
    (data_dir / "thidua.sqlite3").chmod(0o644)
    open_data(data_dir).close()
    assert _mode(data_dir) == 0o700
    assert _mode(data_dir / "thidua.sqlite3") == 0o600


def test_restore_refuses_a_damaged_backup(data_dir: Path, tmp_path: Path) -> None:
    open_data(data_dir).close()
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    with pytest.raises(DatabaseDamagedError):
        recovery.restore(data_dir, bad)

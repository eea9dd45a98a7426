"""What the start-up checks of issue 13 cost: ``PRAGMA quick_check`` (every start), ``integrity_check`` (before
each backup) and the whole ``open_data``, on the demo database and on one holding a 20,000-row import.

    uv run python benchmarks/bench_startup_checks.py [--rows 20000] [--repeat 5] [--encrypted] [--json]

Each figure is the best of ``repeat`` runs (this machine's timings jump). ``open_data`` is timed without the daily
backup (taken once a day) and, separately, the daily backup with its integrity check.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
for folder in (ROOT, ROOT / "benchmarks"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from tests.make_fixtures import big_pledge_sheet  # noqa: E402
from thidua_desktop.core.bootstrap import open_data  # noqa: E402
from thidua_desktop.core.demo import load_demo  # noqa: E402
from thidua_desktop.core.storage import backup, migrations, preflight  # noqa: E402
from thidua_desktop.exchange.importer import apply_import, plan_import  # noqa: E402


def best_ms(action: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return round(best * 1000, 1)


def _checks(folder: Path, repeat: int) -> dict[str, Any]:
    database = folder / "thidua.sqlite3"
    known = migrations.known_revisions()

    def integrity() -> None:
        connection = preflight.connect_read_only(database)
        try:
            assert preflight.integrity_check(connection) == "ok"
        finally:
            connection.close()

    day = iter(range(1, 10_000))

    def daily() -> None:
        with open_data(folder, daily_backup=False) as db:
            backup.daily_backup(
                db.paths.database, db.paths.backups, datetime(2030, 1, 1) + (next(day) * _DAY)
            )

    return {
        "size_mb": round(database.stat().st_size / 1024 / 1024, 1),
        "quick_check_ms": best_ms(lambda: preflight.inspect_database(database, known), repeat),
        "integrity_check_ms": best_ms(integrity, repeat),
        "open_data_ms": best_ms(lambda: open_data(folder, daily_backup=False).close(), repeat),
        "daily_backup_ms": best_ms(daily, repeat),
    }


_DAY = datetime(2030, 1, 2) - datetime(2030, 1, 1)


def measure(rows: int, repeat: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as name:
        work = Path(name)
        demo = work / "demo"
        with open_data(demo, daily_backup=False) as db:
            load_demo(db)
        big = work / "big"
        with open_data(big, daily_backup=False) as db:
            load_demo(db)
            plan = plan_import(db, big_pledge_sheet(work / "dang-ky.xlsx", rows))
            apply_import(db, plan)
        return {"demo": _checks(demo, repeat), f"import_{rows}": _checks(big, repeat)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--encrypted", action="store_true", help="encrypted data folders (an in-memory credential store)"
    )
    args = parser.parse_args(argv)
    if args.encrypted:
        import os

        import keyring
        from bench_encryption import MemoryStore

        from thidua_desktop.core.storage import keys

        keyring.set_keyring(MemoryStore())
        os.environ.pop(keys.PLAIN_ENV, None)
        assert keys.new_folders_encrypted()
    result = measure(args.rows, args.repeat)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for case, figures in result.items():
            print(case, " ".join(f"{k}={v}" for k, v in figures.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

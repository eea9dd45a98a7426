"""What encryption at rest costs on the import and export benchmarks: the same runs on plain and on encrypted data
folders (SQLCipher database, key in an in-memory credential store standing in for Windows Credential Manager).

    uv run python benchmarks/bench_encryption.py [--rows 20000] [--repeat 3] [--json]

* import: ``bench_import.timed_import`` (plan + apply of a 20,000-row pledge sheet whose members exist), best of
  ``repeat``.
* export: ``bench_export.end_to_end`` (``export_tally`` reading 20,000 targets from the database), best of
  ``repeat``.
Prints the seconds of each side and the ratio encrypted / plain.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
for folder in (HERE.parent, HERE):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import bench_export  # noqa: E402
import bench_import  # noqa: E402
import keyring  # noqa: E402
import keyring.backend  # noqa: E402

from thidua_desktop.core.storage import backup, keys  # noqa: E402


class MemoryStore(keyring.backend.KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.passwords.pop((service, username), None)


def copy_with_key(source: Path, target: Path) -> Path:
    """``backup_to`` for the benchmark's copies of a template folder: the folder's key file goes along."""
    target.parent.mkdir(parents=True, exist_ok=True)
    key_file = source.parent / keys.KEY_FILE
    if key_file.exists():
        shutil.copyfile(key_file, target.parent / keys.KEY_FILE)
        from thidua_desktop.core.storage import cipher

        cipher.use_key(target.parent, keys.load_key(target.parent))
    return backup.backup_to(source, target)


def _mode(encrypted: bool, store: MemoryStore) -> None:
    from keyring.backends import fail

    keyring.set_keyring(store if encrypted else fail.Keyring())
    os.environ.pop(keys.PLAIN_ENV, None)


def measure(rows: int, repeat: int) -> dict[str, Any]:
    """Best of ``repeat`` for each side, the sides alternating run by run (this machine's load jumps: measured one
    after the other, the same code differed by 35 %)."""
    import tempfile

    from tests.make_fixtures import big_pledge_sheet

    bench_import.backup_to = copy_with_key  # type: ignore[assignment]
    store = MemoryStore()
    sides = {"plain": False, "encrypted": True}
    best: dict[str, dict[str, float]] = {
        side: {"import": float("inf"), "export": float("inf")} for side in sides
    }
    with tempfile.TemporaryDirectory() as name:
        work = Path(name)
        sheet = big_pledge_sheet(work / "dang-ky.xlsx", rows)
        templates = {}
        for side, encrypted in sides.items():
            _mode(encrypted, store)
            templates[side] = bench_import.make_template(work / f"mau-{side}", rows, members=True)
        run = 0
        for _ in range(repeat):
            for side, encrypted in sides.items():
                _mode(encrypted, store)
                run += 1
                seconds, _detail = bench_import.timed_import(templates[side], sheet, work, run)
                best[side]["import"] = min(best[side]["import"], seconds)
                best[side]["export"] = min(best[side]["export"], bench_export.end_to_end(rows))
    return {
        **{side: {k: round(v, 3) for k, v in figures.items()} for side, figures in best.items()},
        "ratio": {k: round(best["encrypted"][k] / best["plain"][k], 2) for k in ("import", "export")},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    result = measure(args.rows, args.repeat)
    print(json.dumps(result, indent=2) if args.json else "\n".join(f"{k}: {v}" for k, v in result.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

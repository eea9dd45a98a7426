"""Import a 20,000-row pledge sheet and compare with the floor measured in the same run: python-calamine reading
the same file into Python lists. Target: ratio ≤ 3.

    uv run python benchmarks/bench_import.py [--rows 20000] [--repeat 5] [--json]

* **import**: ``plan_import`` (read, find the header, decode and parse every cell, match every row against the
  database loaded once) then ``apply_import`` (one transaction: the inserts, their audit entries, the import log)
  of a branch's pledge sheet (``tests/make_fixtures.big_pledge_sheet``: title block, header, 20,000 members).
  Two cases: the members are already in the database (the usual one: the branch fills in the workbook we sent,
  so the import adds 20,000 pledges), and none of them is (it also creates 20,000 people, each with a warning).
* **floor**: ``CalamineWorkbook.from_path(file).get_sheet_by_index(0).to_python()``, in the same run.

Each side runs ``--repeat`` times, alternating, each import into a fresh copy of the same database, and the best
time of each is kept. Exit status 1 when the ratio of the usual case is over the target.

* **whole process** (``--whole-process``): ``python -m thidua_desktop import FILE`` creating the 20,000 people,
  start-up included, side by side with ``soffice --headless --convert-to csv`` of the same file (LibreOffice
  opening it; its profile made once beforehand); target: the import is faster (ratio < 1). Bytecode is cached, as
  an installed program has it (a first untimed run writes it). Skipped, with a
  message, where LibreOffice is absent. The in-process new-people case has its own target: ≤ 2.5 × the floor.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from python_calamine import CalamineWorkbook  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from tests.make_fixtures import big_people, big_pledge_sheet  # noqa: E402
from thidua_desktop.core.bootstrap import open_data  # noqa: E402
from thidua_desktop.core.demo import load_demo  # noqa: E402
from thidua_desktop.core.models import Person  # noqa: E402
from thidua_desktop.core.services.units import find_unit_by_name  # noqa: E402
from thidua_desktop.core.storage.backup import backup_to  # noqa: E402
from thidua_desktop.exchange.importer import apply_import, plan_import  # noqa: E402

TARGET_RATIO = 3.0
NEW_PEOPLE_TARGET = 2.5
WHOLE_PROCESS_TARGET = 1.0


def floor(path: Path) -> None:
    workbook = CalamineWorkbook.from_path(str(path))
    workbook.get_sheet_by_index(0).to_python()
    workbook.close()


def make_template(folder: Path, rows: int, members: bool) -> Path:
    """A data folder with the demo campaign (and, with ``members``, the sheet's people in Chi bộ Tổ dân phố 5)."""
    with open_data(folder, daily_backup=False) as db:
        load_demo(db)
        if members:
            unit = find_unit_by_name(db, "Chi bộ Tổ dân phố 5")
            assert unit is not None
            with db.session() as session:
                session.execute(
                    insert(Person),
                    [
                        {"full_name": name, "birth_date": born, "unit_id": unit.id, "position": "Đảng viên"}
                        for name, born in big_people(rows)
                    ],
                )
    return folder / "thidua.sqlite3"


def timed_import(template: Path, sheet: Path, work: Path, run: int) -> tuple[float, dict[str, Any]]:
    folder = work / f"run-{run}"
    folder.mkdir()
    backup_to(template, folder / "thidua.sqlite3")
    with open_data(folder, daily_backup=False) as db:
        start = time.perf_counter()
        plan = plan_import(db, sheet)
        middle = time.perf_counter()
        result = apply_import(db, plan)
        end = time.perf_counter()
    assert result.created == plan.rows_read and not result.errors
    return end - start, {"plan": middle - start, "apply": end - middle, "created": result.created}


def bench_import(rows: int = 20_000, repeat: int = 5) -> dict[str, Any]:
    """Best times of the import (both cases) and of the floor, and their ratios."""
    with tempfile.TemporaryDirectory() as name:
        work = Path(name)
        sheet = big_pledge_sheet(work / "dang-ky.xlsx", rows)
        templates = {
            "members_exist": make_template(work / "with-members", rows, members=True),
            "new_people": make_template(work / "empty", rows, members=False),
        }
        best = {"floor": float("inf"), **{case: float("inf") for case in templates}}
        parts: dict[str, dict[str, Any]] = {}
        run = 0
        for _ in range(repeat):
            start = time.perf_counter()
            floor(sheet)
            best["floor"] = min(best["floor"], time.perf_counter() - start)
            for case, template in templates.items():
                run += 1
                seconds, detail = timed_import(template, sheet, work, run)
                if seconds < best[case]:
                    best[case], parts[case] = seconds, detail
    result: dict[str, Any] = {
        "rows": rows,
        "floor_seconds": round(best["floor"], 3),
        "target_ratio": TARGET_RATIO,
    }
    for case in templates:
        result[f"{case}_seconds"] = round(best[case], 3)
        result[f"{case}_plan_seconds"] = round(parts[case]["plan"], 3)
        result[f"{case}_apply_seconds"] = round(parts[case]["apply"], 3)
        result[f"{case}_ratio"] = round(best[case] / best["floor"], 2)
    result["ratio"] = result["members_exist_ratio"]
    return result


def bench_whole_process(rows: int = 20_000, repeat: int = 3) -> dict[str, Any] | None:
    """Best times of ``thidua import`` (a whole process, creating the people) and of LibreOffice converting the
    same file to CSV; None when LibreOffice is not installed."""
    import os
    import shutil
    import subprocess

    cached = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # bytecode reused

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory() as name:
        work = Path(name)
        sheet = big_pledge_sheet(work / "dang-ky.xlsx", rows)
        template = make_template(work / "empty", rows, members=False)
        profile = (work / "lo-profile").resolve().as_uri()
        convert = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to"]
        subprocess.run(
            [*convert, "csv", "--outdir", str(work / "warm"), str(sheet)], capture_output=True, check=True
        )
        best = {"import": float("inf"), "soffice": float("inf")}
        for run in range(repeat):
            folder = work / f"whole-{run}"
            folder.mkdir()
            backup_to(template, folder / "thidua.sqlite3")
            start = time.perf_counter()
            done = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "thidua_desktop",
                    "--data-dir",
                    str(folder),
                    "import",
                    str(sheet),
                    "--json",
                ],
                cwd=ROOT,
                capture_output=True,
                text=True,
                env=cached,
                check=False,
            )
            best["import"] = min(best["import"], time.perf_counter() - start)
            assert done.returncode == 0 and json.loads(done.stdout)["created"] == rows, done.stdout[-500:]
            start = time.perf_counter()
            subprocess.run(
                [*convert, "csv", "--outdir", str(work / f"csv-{run}"), str(sheet)],
                capture_output=True,
                check=True,
            )
            best["soffice"] = min(best["soffice"], time.perf_counter() - start)
    return {
        "whole_import_seconds": round(best["import"], 3),
        "soffice_seconds": round(best["soffice"], 3),
        "whole_process_ratio": round(best["import"] / best["soffice"], 2),
        "whole_process_target": WHOLE_PROCESS_TARGET,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--whole-process", action="store_true", help="also time thidua import against LibreOffice"
    )
    args = parser.parse_args(argv)
    result = bench_import(args.rows, args.repeat)
    whole = bench_whole_process(args.rows, min(args.repeat, 3)) if args.whole_process else None
    if whole is not None:
        result.update(whole)
    if args.json:
        print(json.dumps(result))
    else:
        print(f"floor (calamine reading the same file): {result['floor_seconds']:.3f} s")
        for case, label in (
            ("members_exist", "members already in the database"),
            ("new_people", "all new people"),
        ):
            print(
                f"import {result['rows']} pledge rows, {label}: {result[case + '_seconds']:.3f} s "
                f"(preview {result[case + '_plan_seconds']:.3f} s + write {result[case + '_apply_seconds']:.3f} s); "
                f"ratio {result[case + '_ratio']:.2f}"
            )
        print(f"target ≤ {TARGET_RATIO} for the usual case (members already in the database)")
        print(f"target ≤ {NEW_PEOPLE_TARGET} for the new-people case: ratio {result['new_people_ratio']:.2f}")
        if args.whole_process and whole is None:
            print("whole process against LibreOffice: skipped (LibreOffice is not installed)")
        elif whole is not None:
            print(
                f"whole process: thidua import {whole['whole_import_seconds']:.3f} s, soffice --convert-to csv "
                f"{whole['soffice_seconds']:.3f} s; ratio {whole['whole_process_ratio']:.2f} "
                f"(target < {WHOLE_PROCESS_TARGET})"
            )
    return 0 if result["ratio"] <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())

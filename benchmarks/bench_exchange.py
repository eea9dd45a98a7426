"""The Excel exchange benchmark of issue 3: import a 20,000-row pledge sheet and export a 20,000-row tally, each
timed against a floor measured in the same run.

    uv run python benchmarks/bench_exchange.py [--rows 20000] [--repeat 5] [--json]

* import (``bench_import.py``): ``plan_import`` + ``apply_import`` against python-calamine reading the same file;
  target ≤ 3×.
* export (``bench_export.py``): ``write_tally`` against openpyxl write-only writing the same cells bare; target
  ≤ 1.5×.

Exit status 1 when either ratio is over its target.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for folder in (HERE.parent, HERE):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import bench_export  # noqa: E402
import bench_import  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    imported = bench_import.bench_import(args.rows, args.repeat)
    exported = bench_export.measure(args.rows, args.repeat)
    ok = imported["ratio"] <= bench_import.TARGET_RATIO and exported["ratio"] <= bench_export.TARGET_RATIO
    if args.json:
        print(json.dumps({"import": imported, "export": exported, "ok": ok}))
    else:
        print(
            f"import {imported['rows']} pledge rows: {imported['members_exist_seconds']:.3f} s, floor (calamine) "
            f"{imported['floor_seconds']:.3f} s, ratio {imported['ratio']:.2f} (target ≤ {bench_import.TARGET_RATIO})"
        )
        print(
            f"export {exported['rows']}-row tally: {exported['export_seconds']:.3f} s, floor (openpyxl write-only) "
            f"{exported['floor_seconds']:.3f} s, ratio {exported['ratio']:.2f} (target ≤ {bench_export.TARGET_RATIO})"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

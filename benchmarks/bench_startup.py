"""Whole-process CLI start-up: ``thidua --help`` and ``thidua stats --json`` (bytecode cached), best of
``--repeat`` runs each, against the floor of a bare ``python -c pass`` measured in the same run. Target: under
0.5 s each. Bytecode is cached for the timed runs (``PYTHONDONTWRITEBYTECODE`` is dropped from their environment
and a first untimed run writes it): compiling the sources alone takes over a second.

    uv run python benchmarks/bench_startup.py [--repeat 5] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_SECONDS = 0.5


CACHED = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
"""The environment of the timed runs: bytecode written and reused, as an installed program has it (the first,
untimed run writes it)."""


def best_of(command: list[str], repeat: int) -> float:
    subprocess.run(command, cwd=ROOT, capture_output=True, check=True, env=CACHED)
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, capture_output=True, check=True, env=CACHED)
        best = min(best, time.perf_counter() - start)
    return best


def bench_startup(repeat: int = 5) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        cli = [sys.executable, "-m", "thidua_desktop"]
        subprocess.run(
            [*cli, "--data-dir", folder, "stats", "--json"], cwd=ROOT, capture_output=True, check=True
        )
        return {
            "python_seconds": round(best_of([sys.executable, "-c", "pass"], repeat), 3),
            "help_seconds": round(best_of([*cli, "--help"], repeat), 3),
            "stats_seconds": round(best_of([*cli, "--data-dir", folder, "stats", "--json"], repeat), 3),
            "target_seconds": TARGET_SECONDS,
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    result = bench_startup(args.repeat)
    if args.json:
        print(json.dumps(result))
    else:
        print(f"python -c pass (floor): {result['python_seconds']:.3f} s")
        print(f"thidua --help:          {result['help_seconds']:.3f} s")
        print(f"thidua stats --json:    {result['stats_seconds']:.3f} s")
        print(f"target < {TARGET_SECONDS} s each")
    return 0 if max(result["help_seconds"], result["stats_seconds"]) < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())

"""Running a script in a fresh interpreter (to see what importing does, free of what the test run loaded)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def run_reporting_json(script: str, timeout: float = 120) -> Any:
    """Run ``script`` with this interpreter in the project folder; it prints a JSON report as its last line."""
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])

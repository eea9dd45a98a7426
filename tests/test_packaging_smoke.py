"""``thidua --smoke-test``: passes from the source tree, fails on a Qt warning, an exception in a slot or a used
data folder; the bundled sample sheet is what ``packaging/make_sample.py`` writes."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from thidua_desktop import cli, smoke

ROOT = Path(__file__).resolve().parents[1]


def run_python(code: str, *args: str, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
    )


def test_smoke_test_passes_from_source(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = run_python("import sys; from thidua_desktop.cli import main; sys.exit(main())", "--smoke-test",
                        "--data-dir", str(data))  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == ""
    report = (data / smoke.REPORT_NAME).read_text(encoding="utf-8")
    assert report == result.stdout
    assert "KẾT QUẢ: ĐẠT" in report
    for fact in ("first_window_s=", "imported=", "tally_rows=", "document=cam-ket.docx", "schema="):
        assert fact in report
    assert (data / "logs" / "thidua.log").is_file()
    assert (data / "thidua.sqlite3").is_file()


INJECT = textwrap.dedent(
    """
    import sys
    from pathlib import Path

    from thidua_desktop import smoke


    def qt_warning():
        from PySide6.QtCore import qWarning

        qWarning("cảnh báo cố ý của kiểm thử")


    def slot_error():
        from PySide6.QtCore import QTimer

        def boom():
            raise RuntimeError("lỗi cố ý trong slot")

        QTimer.singleShot(0, boom)


    class Injected(smoke.SmokeTest):
        def steps(self):
            steps = super().steps()
            steps.insert(1, ("bước cố ý", {"warning": qt_warning, "slot": slot_error}[sys.argv[2]]))
            return steps


    smoke.SmokeTest = Injected
    sys.exit(smoke.run_smoke_test(Path(sys.argv[1])))
    """
)


@pytest.mark.parametrize(
    ("fault", "message"),
    [("warning", "Qt cảnh báo: cảnh báo cố ý của kiểm thử"), ("slot", "RuntimeError: lỗi cố ý trong slot")],
)
def test_a_qt_warning_or_an_error_in_a_slot_fails_the_smoke_test(
    tmp_path: Path, fault: str, message: str
) -> None:
    data = tmp_path / "data"
    result = run_python(INJECT, str(data), fault)
    assert result.returncode == smoke.EXIT_FAILED, result.stdout + result.stderr
    assert "KẾT QUẢ: LỖI — bước «bước cố ý»" in result.stderr
    assert message in result.stderr
    assert message in (data / smoke.REPORT_NAME).read_text(encoding="utf-8")


def test_smoke_test_refuses_a_folder_with_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "thidua.sqlite3").write_bytes(b"real data")
    assert smoke.run_smoke_test(tmp_path) == smoke.EXIT_FAILED
    assert "không trống" in capsys.readouterr().err
    assert (tmp_path / "thidua.sqlite3").read_bytes() == b"real data"


def test_the_flag_runs_the_smoke_test_and_plain_thidua_opens_the_window(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from thidua_desktop.ui import app

    calls: list[tuple[str, Any]] = []
    monkeypatch.setattr(smoke, "run_smoke_test", lambda data_dir: calls.append(("smoke", data_dir)) or 7)
    monkeypatch.setattr(app, "run_app", lambda data_dir: calls.append(("window", data_dir)) or 3)

    assert cli.main(["--smoke-test", "--data-dir", str(tmp_path)]) == 7
    assert cli.main(["--data-dir", str(tmp_path)]) == 3
    assert cli.main([]) == 3
    assert calls == [("smoke", tmp_path), ("window", tmp_path), ("window", None)]


def test_bundled_sample_sheet_is_what_the_generator_writes(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import make_sample
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    from openpyxl import load_workbook

    def cells(path: Path) -> list[tuple[Any, ...]]:
        workbook = load_workbook(path)
        try:
            rows = [tuple(row) for row in workbook.active.iter_rows(values_only=True)]
        finally:
            workbook.close()
        return [tuple(v.date() if isinstance(v, datetime) else v for v in row) for row in rows]

    shipped = ROOT / "resources" / "sample" / smoke.SAMPLE_SHEET
    assert shipped == make_sample.TARGET
    fresh = make_sample.build(tmp_path / "sample.xlsx")
    assert cells(shipped) == cells(fresh)
    names = [row[1] for row in cells(shipped) if isinstance(row[0], int)]
    assert names == [row[1] for row in make_sample.ROWS]
    assert any(isinstance(row[2], date) for row in cells(shipped))  # a real date cell, not only text

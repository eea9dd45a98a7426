"""``thidua export forms|tally``: the JSON contract {"files": [...], "rows": N} and the shared ``export`` group."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from thidua_desktop.cli import build_parser, main
from thidua_desktop.commands import _export_group
from thidua_desktop.commands._export_group import get_export_subparsers
from thidua_desktop.exchange.fields import META_SHEET


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    assert main(list(args)) == 0
    result = json.loads(capsys.readouterr().out)
    assert isinstance(result, dict)
    return result


@pytest.fixture
def demo_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    folder = tmp_path / "data"
    run_json(capsys, "--data-dir", str(folder), "demo", "--json")
    return folder


@pytest.mark.parametrize("kind", ["registrations", "results", "proposals"])
def test_export_tally_json(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    out = tmp_path / f"{kind}.xlsx"
    result = run_json(
        capsys,
        "--data-dir",
        str(demo_dir),
        "export",
        "tally",
        "--campaign",
        "1",
        "--kind",
        kind,
        "-o",
        str(out),
        "--json",
    )
    assert set(result) == {"files", "rows"}
    assert result["files"] == [str(out.resolve())]
    assert isinstance(result["rows"], int) and result["rows"] > 0
    assert load_workbook(out).active.page_setup.orientation == "landscape"


def test_export_tally_defaults_to_registrations(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "t.xlsx"
    run_json(
        capsys, "--data-dir", str(demo_dir), "export", "tally", "--campaign", "1", "-o", str(out), "--json"
    )
    texts = [c.value for row in load_workbook(out).active.iter_rows() for c in row]
    assert "BẢNG TỔNG HỢP ĐĂNG KÝ DANH HIỆU THI ĐUA" in texts


def test_export_forms_json(demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "forms"
    result = run_json(
        capsys, "--data-dir", str(demo_dir), "export", "forms", "--campaign", "1", "-o", str(folder), "--json"
    )
    files = [Path(str(f)) for f in result["files"]]  # type: ignore[attr-defined]
    assert len(files) > 5 and all(
        f.is_absolute() and f.exists() and f.parent == folder.resolve() for f in files
    )
    assert isinstance(result["rows"], int) and result["rows"] > 20


def test_export_forms_for_chosen_units_into_one_workbook(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(demo_dir), "list", "units", "--json"]) == 0
    units = json.loads(capsys.readouterr().out)
    ids = [str(u["id"]) for u in units if u["name"].startswith("Chi bộ Tổ dân phố")][:2]
    out = tmp_path / "two.xlsx"
    result = run_json(
        capsys,
        "--data-dir",
        str(demo_dir),
        "export",
        "forms",
        "--campaign",
        "1",
        "--unit",
        ids[0],
        "--unit",
        ids[1],
        "--due",
        "2025-05-20",
        "-o",
        str(out),
        "--json",
    )
    assert result["files"] == [str(out.resolve())]
    meta = {
        r[0]: r[1] for r in load_workbook(out)[META_SHEET].iter_rows(values_only=True) if r[0] and not r[2]
    }
    assert meta["campaign_id"] == "1"


def test_errors_are_vietnamese_json(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "--data-dir",
            str(demo_dir),
            "export",
            "tally",
            "--campaign",
            "99",
            "-o",
            str(tmp_path / "x.xlsx"),
            "--json",
        ]
    )
    assert code == 1
    assert "phong trào thi đua mã số 99" in json.loads(capsys.readouterr().out)["error"]
    assert not (tmp_path / "x.xlsx").exists()


def test_export_group_is_created_once_and_shared() -> None:
    parser = argparse.ArgumentParser()
    subparsers = parser.add_subparsers()
    first = get_export_subparsers(subparsers)
    first.add_parser("one")
    second = get_export_subparsers(subparsers)
    second.add_parser("two")
    assert first is second
    assert list(subparsers.choices) == ["export"]
    assert parser.parse_args(["export", "two"]).export_command == "two"
    # the program's parser: the helper module has no register() and is skipped by the discovery
    assert not hasattr(_export_group, "register")
    real = build_parser()
    action = next(a for a in real._actions if isinstance(a, argparse._SubParsersAction))
    group = get_export_subparsers(action)
    assert {"forms", "tally"} <= set(group.choices)

"""The JSON contract of ``eligibility`` and ``badges``: flat objects, stable names, ISO dates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from thidua_desktop.cli import main
from thidua_desktop.commands.rules import BADGE_KEYS, ELIGIBILITY_KEYS, REASON_KEYS


@pytest.fixture
def demo_dir(demo_template: Path, data_dir: Path) -> Path:
    from thidua_desktop.core.storage.backup import backup_to

    data_dir.mkdir(parents=True)
    backup_to(demo_template / "thidua.sqlite3", data_dir / "thidua.sqlite3")
    return data_dir


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, object]:
    code = main(list(argv))
    return code, json.loads(capsys.readouterr().out)


def test_eligibility_json(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, rows = run(
        capsys, "--data-dir", str(demo_dir), "eligibility", "--campaign", "1", "--phase", "1", "--json"
    )
    assert code == 0 and isinstance(rows, list) and len(rows) > 100
    assert ELIGIBILITY_KEYS == (
        "subject_type",
        "subject_id",
        "subject_name",
        "unit_name",
        "form_code",
        "form_name",
        "result",
        "score",
        "reasons",
    )
    assert REASON_KEYS == ("criterion", "article", "result", "message")
    for row in rows:
        assert tuple(row) == ELIGIBILITY_KEYS
        assert row["result"] in {"pass", "fail", "unknown"} and 0 <= row["score"] <= 100
        assert all(tuple(reason) == REASON_KEYS for reason in row["reasons"])
    ha = [r for r in rows if r["subject_name"] == "Phạm Thị Thu Hà" and r["form_code"] == "CSTD_TINH"]
    assert ha[0]["result"] == "fail"
    assert "Chưa đủ: 2/3 năm liền đạt Chiến sĩ thi đua cơ sở (thiếu năm 2023)" in [
        m["message"] for m in ha[0]["reasons"]
    ]
    assert rows[0]["result"] == "pass" and rows[-1]["result"] == "fail"


def test_eligibility_filters(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, rows = run(
        capsys,
        "--data-dir",
        str(demo_dir),
        "eligibility",
        "--campaign",
        "1",
        "--phase",
        "1",
        "--form",
        "TTLDXS",
        "--only",
        "pass",
        "--json",
    )
    assert code == 0
    assert [(r["subject_name"], r["form_code"]) for r in rows] == [("Ban Chỉ huy Quân sự phường", "TTLDXS")]


def test_eligibility_errors_are_json(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--data-dir", str(demo_dir), "eligibility", "--campaign", "1", "--phase", "9", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 1 and "không có giai đoạn 9" in out["error"]


def test_badges_json(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, rows = run(capsys, "--data-dir", str(demo_dir), "badges", "--occasion", "2025-05-19", "--json")
    assert code == 0 and isinstance(rows, list)
    assert BADGE_KEYS == (
        "person_id",
        "full_name",
        "unit_name",
        "party_join_date",
        "party_age_years",
        "milestone",
        "early",
        "note",
    )
    assert all(tuple(r) == BADGE_KEYS for r in rows)
    tam = next(r for r in rows if r["full_name"] == "Huỳnh Văn Tám")
    assert (tam["party_join_date"], tam["party_age_years"], tam["milestone"], tam["early"]) == (
        "1990-05-19",
        30,
        30,
        False,
    )
    code, rows = run(
        capsys, "--data-dir", str(demo_dir), "badges", "--occasion", "2025-05-19", "--early", "--json"
    )
    assert any(r["early"] for r in rows)


def test_badges_refuse_a_day_that_is_no_occasion(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--data-dir", str(demo_dir), "badges", "--occasion", "2025-05-18", "--json"])
    assert code == 1 and "không phải đợt trao" in json.loads(capsys.readouterr().out)["error"]


def test_text_output(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(demo_dir), "badges", "--occasion", "2025-05-19"]) == 0
    assert "Huỳnh Văn Tám" in capsys.readouterr().out

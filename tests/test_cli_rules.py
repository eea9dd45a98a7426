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
        "ruleset_code",
        "commendation_kind",
        "review_date",
        "year",
        "authority",
        "authority_name",
        "authority_source",
    )
    assert REASON_KEYS == ("criterion", "article", "result", "message", "code", "valid_from", "unconfirmed")
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


def test_eligibility_cites_the_text_in_force_on_the_review_date(
    demo_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every criterion carries its article and the date its version applies from; the same subject reviewed
    before and after 01/07/2025 goes to the body that decided then (Luật 2022 Điều 80 khoản 2; NĐ 129/2025 Điều
    59), and a review before 01/10/2017 is «chưa mô hình hóa», never a pass."""

    def rows_on(day: str) -> list[dict[str, object]]:
        argv = ["--data-dir", str(demo_dir), "eligibility", "--campaign", "1", "--phase", "1"]
        _code, found = run(capsys, *argv, "--date", day, "--form", "CSTDCS", "--json")
        assert isinstance(found, list)
        return found

    before, after, old = rows_on("2025-06-30"), rows_on("2025-07-01"), rows_on("2017-06-01")
    assert {r["authority"] for r in before} == {"district_chairman"}
    assert {r["authority_name"] for r in before} == {"Chủ tịch Ủy ban nhân dân thành phố Quảng Ngãi"}
    assert {r["authority"] for r in after} == {"ward_chairman"}
    assert all(r["authority_source"] == "Nghị định 129/2025/NĐ-CP Điều 59" for r in after)
    for row in before + after:
        assert row["review_date"] in {"2025-06-30", "2025-07-01"}
        for reason in row["reasons"]:  # type: ignore[attr-defined]
            assert reason["article"] and reason["valid_from"] <= row["review_date"]
    merit = {r["article"] for row in after for r in row["reasons"] if r["code"] == "merit"}  # type: ignore[attr-defined]
    assert merit == {"Luật TĐKT 2022 Điều 23 khoản 2"}
    assert all(r["result"] != "pass" for r in old)
    assert {r["article"] for row in old for r in row["reasons"]} == {"Chưa mô hình hóa"}  # type: ignore[attr-defined]


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
        "status",
    )
    assert all(tuple(r) == BADGE_KEYS for r in rows)
    assert {r["status"] for r in rows} <= {"due", "overdue"}
    tam = next(r for r in rows if r["full_name"] == "Huỳnh Văn Tám")
    assert (
        tam["party_join_date"],
        tam["party_age_years"],
        tam["milestone"],
        tam["early"],
        tam["status"],
    ) == (
        "1990-05-19",
        30,
        30,
        False,
        "due",
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

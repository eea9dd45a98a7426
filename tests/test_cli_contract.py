"""The CLI's JSON output is a contract other tools rely on: names, types and formats are pinned here."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from thidua_desktop.cli import main

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

EXPECTED_KEYS = {
    "units": {
        "id",
        "name",
        "short_name",
        "kind",
        "kind_label",
        "is_party_org",
        "parent_id",
        "parent_name",
        "sort_order",
        "member_count",
        "female_count",
        "person_count",
        "depth",
        "notes",
    },
    "persons": {
        "id",
        "full_name",
        "gender",
        "birth_date",
        "unit_id",
        "unit_name",
        "position",
        "category",
        "is_party_member",
        "party_join_date",
        "party_official_date",
        "party_card_number",
        "notes",
    },
    "campaigns": {
        "id",
        "name",
        "theme",
        "slogans",
        "plan_reference",
        "kind",
        "start_date",
        "end_date",
        "notes",
        "phases",
    },
    "pledges": {
        "id",
        "campaign_id",
        "subject_type",
        "subject_id",
        "subject_name",
        "unit_name",
        "title_code",
        "title_name",
        "pledge_date",
        "content",
        "source",
        "source_file",
        "source_row",
        "target_count",
        "targets_met",
    },
    "targets": {
        "id",
        "pledge_id",
        "subject_name",
        "content",
        "target_value",
        "unit_of_measure",
        "deadline",
        "phase_id",
        "phase_number",
        "sort_order",
        "achieved_value",
        "achieved_verified",
        "evidence_count",
        "progress",
        "met",
    },
    "evidence": {
        "id",
        "target_id",
        "pledge_id",
        "campaign_id",
        "subject_name",
        "target_content",
        "target_value",
        "unit_of_measure",
        "achieved_value",
        "achieved_date",
        "document_ref",
        "description",
        "status",
        "verifier",
        "verified_date",
        "file_count",
        "files",
    },
    "proposals": {
        "id",
        "campaign_id",
        "phase_id",
        "phase_number",
        "batch_id",
        "award_form_id",
        "award_code",
        "award_name",
        "authority",
        "commendation_kind",
        "subject_type",
        "subject_id",
        "subject_name",
        "unit_name",
        "achievement_summary",
        "status",
        "status_label",
        "votes_for",
        "override_reason",
        "decision_number",
        "decision_date",
        "decision_signer",
    },
}
DATE_KEYS = {
    "birth_date",
    "party_join_date",
    "party_official_date",
    "start_date",
    "end_date",
    "pledge_date",
    "deadline",
    "achieved_date",
    "verified_date",
    "decision_date",
    "review_date",
}


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> object:
    assert main(list(args)) == 0
    return json.loads(capsys.readouterr().out)


@pytest.fixture
def demo_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    folder = tmp_path / "data"
    result = run_json(capsys, "--data-dir", str(folder), "demo", "--json")
    assert set(result) == {"campaign_id", "created"}
    return folder


def test_stats_counts_every_entity(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    counts = run_json(capsys, "--data-dir", str(demo_dir), "stats", "--json")
    assert isinstance(counts, dict)
    for key in (
        "units",
        "persons",
        "households",
        "campaigns",
        "phases",
        "pledges",
        "targets",
        "evidence",
        "evidence_files",
        "award_forms",
        "proposals",
        "quality_ratings",
        "disciplines",
        "prior_awards",
        "initiatives",
    ):
        assert isinstance(counts[key], int), key
    assert counts["campaigns"] == 1 and counts["units"] >= 20


def test_demo_twice_creates_nothing_new(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_json(capsys, "--data-dir", str(demo_dir), "demo", "--json") == {"campaign_id": 1, "created": 0}


@pytest.mark.parametrize("entity", sorted(EXPECTED_KEYS))
def test_list_records_are_flat_objects_with_stable_names(
    entity: str, demo_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = run_json(capsys, "--data-dir", str(demo_dir), "list", entity, "--campaign", "1", "--json")
    assert isinstance(rows, list) and rows
    for row in rows:
        assert EXPECTED_KEYS[entity] <= set(row), set(EXPECTED_KEYS[entity]) - set(row)
        for key, value in row.items():
            if isinstance(value, str):
                assert unicodedata.is_normalized("NFC", value)
                if key in DATE_KEYS and value:
                    assert ISO_DATE.match(value), (key, value)
            elif key != "phases" and key != "files":
                assert not isinstance(value, dict | list), (entity, key)


def test_names_are_given_by_value(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    persons = run_json(capsys, "--data-dir", str(demo_dir), "list", "persons", "--json")
    dung = next(p for p in persons if p["full_name"] == "Nguyễn Thị Ngọc Dung")
    assert dung["unit_name"] == "Đảng ủy phường Nguyễn Nghiêm"
    assert dung["party_join_date"] == "1996-05-19"


def test_percentages_are_percent_numbers(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    targets = run_json(capsys, "--data-dir", str(demo_dir), "list", "targets", "--campaign", "1", "--json")
    online = next(
        t for t in targets if t["content"].startswith("Tỷ lệ thủ tục") and t["deadline"] == "2024-12-31"
    )
    assert online["target_value"] == 90
    assert online["unit_of_measure"] == "%"
    assert online["achieved_value"] == 92.5
    assert online["progress"] == 102.8
    assert online["met"] is True


def test_campaign_phases_inline(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    [campaign] = run_json(capsys, "--data-dir", str(demo_dir), "list", "campaigns", "--json")
    assert [p["review_date"] for p in campaign["phases"]] == ["2025-05-28", "2026-07-15"]


def test_user_error_gives_exit_code_and_vietnamese_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from thidua_desktop.core.storage.lock import DatabaseLock

    folder = tmp_path / "locked"
    folder.mkdir()
    lock = DatabaseLock(folder / "thidua.lock")
    lock.acquire()
    try:
        assert main(["--data-dir", str(folder), "stats", "--json"]) == 1
    finally:
        lock.release()
    captured = capsys.readouterr()
    assert json.loads(captured.out)["error"].startswith("Dữ liệu này đang được mở")
    assert "Lỗi:" in captured.err


def test_badges_rows_say_due_or_overdue(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``thidua badges --json``: flat rows, ISO dates, NFC names, and «status» "due" | "overdue" (issue 10 point
    13); names are stable, «status» is an addition."""
    rows = run_json(capsys, "--data-dir", str(demo_dir), "badges", "--occasion", "2025-05-19", "--json")
    assert isinstance(rows, list) and rows
    for row in rows:
        assert {"person_id", "full_name", "party_join_date", "milestone", "early", "note", "status"} <= set(
            row
        )
        assert row["status"] in {"due", "overdue"}
        assert ISO_DATE.match(row["party_join_date"]) and unicodedata.is_normalized("NFC", row["full_name"])
    by_name = {r["full_name"]: r["status"] for r in rows}
    assert (by_name["Huỳnh Văn Tám"], by_name["Trần Thị Ơn"]) == ("due", "overdue")

"""``thidua import``: one JSON object per file (JSON Lines), exit 0 when all were imported, 2 when one was rejected."""

from __future__ import annotations

import json
import shutil
import unicodedata
from pathlib import Path

import pytest

from thidua_desktop.cli import main

FIXTURES = Path(__file__).resolve().parent / "data" / "import"
KEYS = ["file", "kind", "rows_read", "created", "updated", "unchanged", "warnings", "errors"]
ISSUE_KEYS = {"sheet", "row", "column", "message"}


@pytest.fixture
def demo_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    folder = tmp_path / "data"
    assert main(["--data-dir", str(folder), "demo", "--json"]) == 0
    capsys.readouterr()
    return folder


def copy(tmp_path: Path, *names: str) -> list[str]:
    paths = []
    for name in names:
        shutil.copy(FIXTURES / name, tmp_path / name)
        paths.append(str(tmp_path / name))
    return paths


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[dict[str, object]]]:
    code = main(list(args))
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if line.strip()]
    return code, [json.loads(line) for line in lines]


def stats(capsys: pytest.CaptureFixture[str], folder: Path) -> dict[str, int]:
    assert main(["--data-dir", str(folder), "stats", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def check_contract(record: dict[str, object]) -> None:
    assert list(record) == KEYS
    assert isinstance(record["file"], str) and isinstance(record["kind"], str)
    for key in ("rows_read", "created", "updated", "unchanged"):
        assert isinstance(record[key], int)
    for key in ("warnings", "errors"):
        items = record[key]
        assert isinstance(items, list)
        for item in items:
            assert isinstance(item, dict) and set(item) == ISSUE_KEYS
            assert item["row"] is None or isinstance(item["row"], int)
            assert isinstance(item["message"], str) and unicodedata.is_normalized("NFC", item["message"])


def test_import_prints_one_json_object_per_file_and_exits_0(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = copy(tmp_path, "pledges_tdp5.xlsx", "targets.xlsx")
    code, records = run(capsys, "--data-dir", str(demo_dir), "import", *files, "--json")
    assert code == 0
    assert len(records) == 2
    for record in records:
        check_contract(record)
    pledges, targets = records
    assert pledges["file"] == files[0] and pledges["kind"] == "person_pledges"
    assert (pledges["rows_read"], pledges["created"], pledges["updated"], pledges["unchanged"]) == (
        4,
        4,
        0,
        0,
    )
    assert len(pledges["warnings"]) == 2 and pledges["errors"] == []  # type: ignore[arg-type]
    assert pledges["warnings"][0]["column"] == "B"  # type: ignore[index]
    assert (targets["kind"], targets["created"], targets["updated"], targets["unchanged"]) == (
        "unit_targets",
        3,
        1,
        1,
    )
    code, again = run(capsys, "--data-dir", str(demo_dir), "import", *files, "--json")
    assert code == 0 and [(r["created"], r["updated"]) for r in again] == [(0, 0), (0, 0)]
    assert [r["unchanged"] for r in again] == [4, 5]


def test_a_rejected_file_exits_2_and_writes_nothing_from_it(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = copy(tmp_path, "formulas.xlsx", "not_a_spreadsheet.xlsx", "xml_bomb.xlsx", "people_synonyms.xlsx")
    before = stats(capsys, demo_dir)
    code, records = run(capsys, "--data-dir", str(demo_dir), "import", *files, "--json")
    assert code == 2
    assert [r["file"] for r in records] == files
    for record in records:
        check_contract(record)
    formulas, text, bomb, people = records
    assert formulas["errors"] == [] and formulas["created"] == 4  # text that looks like a formula: warnings
    assert [(w["row"], w["column"]) for w in formulas["warnings"] if "công thức" in w["message"]] == [  # type: ignore[union-attr,index]
        (4, "E"),
        (5, "C"),
        (6, "E"),
        (7, "E"),
    ]
    assert text["errors"][0]["message"].startswith("Không phải là bảng tính")  # type: ignore[index]
    assert "bom nén" in bomb["errors"][0]["message"]  # type: ignore[index]
    assert people["errors"] == [] and people["created"] == 2
    after = stats(capsys, demo_dir)
    assert after["persons"] == before["persons"] + 4  # the accepted files' new people (two each)
    assert after["pledges"] == before["pledges"] + 4  # formulas.xlsx: four pledges
    assert after["imports"] == before["imports"] + 2


def test_dry_run_plans_without_writing(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = copy(tmp_path, "people_two_row_header.ods")
    before = stats(capsys, demo_dir)
    code, records = run(capsys, "--data-dir", str(demo_dir), "import", *files, "--dry-run", "--json")
    assert code == 0 and (records[0]["created"], records[0]["updated"]) == (2, 1)
    assert stats(capsys, demo_dir) == before


def test_kind_unit_and_campaign_options(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = copy(tmp_path, "no_header.xlsx")
    code, records = run(capsys, "--data-dir", str(demo_dir), "import", *files, "--json")
    assert code == 2 and "Không nhận ra dòng tiêu đề" in records[0]["errors"][0]["message"]  # type: ignore[index]
    files = copy(tmp_path, "pledges_tdp5.xlsx")
    code, records = run(
        capsys,
        "--data-dir",
        str(demo_dir),
        "import",
        *files,
        "--kind",
        "people",
        "--unit",
        "Chi bộ Tổ dân phố 4",
        "--campaign",
        "1",
        "--json",
    )
    assert code == 0 and records[0]["kind"] == "people"
    code, records = run(capsys, "--data-dir", str(demo_dir), "import", *files, "--campaign", "99", "--json")
    assert code == 2 and "phong trào thi đua số 99" in records[0]["errors"][0]["message"]  # type: ignore[index]


def test_text_output_for_people(demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = copy(tmp_path, "unit_ambiguous.xlsx")
    assert main(["--data-dir", str(demo_dir), "import", *files]) == 2
    out = capsys.readouterr().out
    assert "KHÔNG NHẬP" in out and "trang «Đăng ký», dòng 2, cột A" in out

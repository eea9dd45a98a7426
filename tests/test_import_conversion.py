"""The same sheets saved by LibreOffice as .xls and .ods import exactly like the .xlsx (converted here, in a session
fixture, so this also checks that the committed .xls/.ods fixtures are what LibreOffice makes)."""

from __future__ import annotations

from pathlib import Path

import pytest
from soffice_convert import convert

from thidua_desktop.core.storage.database import Database
from thidua_desktop.exchange.importer import plan_import

FIXTURES = Path(__file__).resolve().parent / "data" / "import"
SHEETS = ("people_synonyms.xlsx", "targets.xlsx", "results.xlsx", "legacy_tcvn3.xlsx", "legacy_vni.xlsx")


@pytest.fixture(scope="session")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("converted")
    sources = [FIXTURES / name for name in SHEETS]
    made: dict[str, Path] = {}
    for target in ("xls", "ods"):
        for path in convert(sources, target, folder / target, folder / "profile"):
            made[path.name] = path
    return made


def summary(db: Database, path: Path) -> list[tuple[object, ...]]:
    plan = plan_import(db, path)
    return [(plan.kind, s.name, s.unit_name) for s in plan.sheets] + [
        (r.row, r.status.value, r.subject, r.unit_name, r.details) for r in plan.rows
    ]


@pytest.mark.parametrize("name", SHEETS)
@pytest.mark.parametrize("target", ["xls", "ods"])
def test_libreoffice_copies_import_like_the_original(
    name: str, target: str, converted: dict[str, Path], demo_db: Database
) -> None:
    expected = summary(demo_db, FIXTURES / name)
    assert expected and all(status != "error" for _r, status, *_ in expected[1:])
    copy = converted[f"{Path(name).stem}.{target}"]
    assert summary(demo_db, copy) == expected

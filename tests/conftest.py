"""Shared fixtures. Qt runs offscreen; every test gets its own data folder."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("THIDUA_NEW_FOLDERS_PLAIN", "1")  # tests read the files; test_encryption turns it on

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from thidua_desktop.core.bootstrap import open_data  # noqa: E402
from thidua_desktop.core.demo import load_demo  # noqa: E402
from thidua_desktop.core.storage.database import Database  # noqa: E402

SHARED_DIR = Path(__file__).resolve().parents[2] / "shared"
TEST_DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def db(data_dir: Path) -> Iterator[Database]:
    database = open_data(data_dir)
    yield database
    database.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with the demo campaign, built once and copied for each test that needs it."""
    folder = tmp_path_factory.mktemp("demo-template")
    with open_data(folder, daily_backup=False) as database:
        load_demo(database)
    return folder


@pytest.fixture
def demo_db(demo_template: Path, data_dir: Path) -> Iterator[Database]:
    from thidua_desktop.core.storage.backup import backup_to

    data_dir.mkdir(parents=True)
    backup_to(demo_template / "thidua.sqlite3", data_dir / "thidua.sqlite3")
    database = open_data(data_dir)
    yield database
    database.close()

"""Alembic migrations, driven from code so that a frozen build finds its scripts.

Opening a database whose schema is already at head (every start but the first after an update) only reads the
revision ids from the scripts' text and the version row: alembic itself (about 0.1 s to import) is loaded only when
a migration runs. ``tests/test_storage.py`` pins these readings equal to alembic's own.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from thidua_desktop.core.errors import SchemaTooNewError
from thidua_desktop.core.storage import backup
from thidua_desktop.core.storage.paths import DataPaths

if TYPE_CHECKING:
    from alembic.config import Config

SCRIPT_LOCATION = Path(__file__).resolve().parent
_REVISION = re.compile(r"^revision(?:\s*:\s*str)?\s*=\s*[\"']([^\"']+)[\"']", re.MULTILINE)
_DOWN = re.compile(r"^down_revision(?:\s*:[^=]+)?\s*=\s*(?:None|[\"']([^\"']+)[\"'])", re.MULTILINE)


@cache
def _revisions() -> dict[str, str | None]:
    """revision → down_revision, read from the scripts' text."""
    found: dict[str, str | None] = {}
    for script in sorted((SCRIPT_LOCATION / "versions").glob("*.py")):
        source = script.read_text(encoding="utf-8")
        revision, down = _REVISION.search(source), _DOWN.search(source)
        if revision is None or down is None:
            raise RuntimeError(f"Tệp nâng cấp dữ liệu {script.name} không ghi revision/down_revision.")
        found[revision.group(1)] = down.group(1)
    return found


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    revisions = _revisions()
    heads = set(revisions) - {down for down in revisions.values() if down}
    if len(heads) != 1:
        raise RuntimeError(
            f"Các tệp nâng cấp dữ liệu có {len(heads)} nhánh cuối: {', '.join(sorted(heads))}."
        )
    return heads.pop()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def known_revisions() -> set[str]:
    return set(_revisions())


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(engine), revision)
    engine.dispose()


def upgrade_if_needed(engine: Engine, paths: DataPaths) -> bool:
    """Bring the schema to head. Returns True when a migration ran (after a backup of the old file)."""
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return False
    if current is not None and current not in known_revisions():
        raise SchemaTooNewError(
            "Cơ sở dữ liệu được tạo bởi phiên bản Thi đua Desktop mới hơn phiên bản đang chạy "
            f"(phiên bản dữ liệu {current}). Hãy cài phiên bản mới nhất của chương trình; "
            "dữ liệu không bị thay đổi."
        )
    if current is not None:
        backup.make_backup(paths.database, paths.backups, f"truoc-nang-cap-{current}-")
    upgrade(engine)
    return True

"""Alembic migrations, driven from code so that a frozen build finds its scripts."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from thidua_desktop.core.errors import SchemaTooNewError
from thidua_desktop.core.storage import backup
from thidua_desktop.core.storage.paths import DataPaths

SCRIPT_LOCATION = Path(__file__).resolve().parent


def alembic_config(engine: Engine | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def upgrade(engine: Engine, revision: str = "head") -> None:
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

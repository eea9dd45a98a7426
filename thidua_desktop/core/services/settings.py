"""Reading and writing the organization settings."""

from __future__ import annotations

import dataclasses

from sqlalchemy import select

from thidua_desktop.core.models import Setting
from thidua_desktop.core.settings_schema import OrganizationSettings
from thidua_desktop.core.storage.database import Database


def load_settings(db: Database) -> OrganizationSettings:
    defaults = OrganizationSettings()
    with db.session() as session:
        stored = {row.key: row.value for row in session.scalars(select(Setting))}
    values: dict[str, object] = {}
    for f in dataclasses.fields(OrganizationSettings):
        if f.name in stored:
            default = getattr(defaults, f.name)
            values[f.name] = type(default)(stored[f.name]) if not isinstance(default, str) else stored[f.name]
    return dataclasses.replace(defaults, **values)  # type: ignore[arg-type]


def save_settings(db: Database, settings: OrganizationSettings) -> None:
    with db.session() as session:
        existing = {row.key: row for row in session.scalars(select(Setting))}
        for f in dataclasses.fields(OrganizationSettings):
            value = str(getattr(settings, f.name))
            row = existing.get(f.name)
            if row is None:
                session.add(Setting(key=f.name, value=value))
            elif row.value != value:
                row.value = value

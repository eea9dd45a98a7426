"""Reading the audit log of a record."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from thidua_desktop.core.models import AuditEntry
from thidua_desktop.core.storage.database import Database


@dataclass
class AuditRecord:
    at: datetime
    action: str
    user_name: str
    before: dict[str, Any]
    after: dict[str, Any]

    def changed_fields(self) -> dict[str, tuple[Any, Any]]:
        keys = sorted(set(self.before) | set(self.after))
        return {
            k: (self.before.get(k), self.after.get(k))
            for k in keys
            if self.before.get(k) != self.after.get(k)
        }


def history(db: Database, table_name: str, record_id: int) -> list[AuditRecord]:
    with db.session() as session:
        rows = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.table_name == table_name, AuditEntry.record_id == str(record_id))
            .order_by(AuditEntry.id)
        )
        return [
            AuditRecord(
                r.at,
                r.action,
                r.user_name,
                json.loads(r.before_json) if r.before_json else {},
                json.loads(r.after_json) if r.after_json else {},
            )
            for r in rows
        ]

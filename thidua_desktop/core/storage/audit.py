"""Audit log: every insert, update and delete of a record is written in the same transaction."""

from __future__ import annotations

import getpass
import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session, sessionmaker

from thidua_desktop.core.models import AuditEntry, Base

SKIPPED_COLUMNS = frozenset({"created_at", "updated_at"})


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def _columns(obj: Base) -> dict[str, Any]:
    mapper = inspect(obj).mapper
    return {
        attr.key: _plain(getattr(obj, attr.key))
        for attr in mapper.column_attrs
        if attr.key not in SKIPPED_COLUMNS
    }


def _before(obj: Base) -> dict[str, Any]:
    state = inspect(obj)
    values: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        if attr.key in SKIPPED_COLUMNS:
            continue
        history = state.attrs[attr.key].history
        if history.deleted:
            values[attr.key] = _plain(history.deleted[0])
        elif history.unchanged:
            values[attr.key] = _plain(history.unchanged[0])
        else:
            values[attr.key] = _plain(getattr(obj, attr.key))
    return values


def _record_id(obj: Base) -> str:
    key = inspect(obj).mapper.primary_key_from_instance(obj)
    return "/".join("" if part is None else str(part) for part in key)


def _dump(values: dict[str, Any]) -> str:
    return json.dumps(values, ensure_ascii=False, sort_keys=True)


def _entries(session: Session) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []

    def add(action: str, obj: Base, before: dict[str, Any] | None, after: dict[str, Any] | None) -> None:
        rows.append(
            {
                "action": action,
                "table_name": obj.__tablename__,
                "record_id": _record_id(obj),
                "before_json": _dump(before) if before is not None else "",
                "after_json": _dump(after) if after is not None else "",
                "user_name": session.info.get("user_name", ""),
            }
        )

    for obj in session.new:
        if isinstance(obj, Base) and not isinstance(obj, AuditEntry):
            add("insert", obj, None, _columns(obj))
    for obj in session.dirty:
        if isinstance(obj, Base) and not isinstance(obj, AuditEntry) and session.is_modified(obj):
            before, after = _before(obj), _columns(obj)
            if before != after:
                add("update", obj, before, after)
    for obj in session.deleted:
        if isinstance(obj, Base) and not isinstance(obj, AuditEntry):
            add("delete", obj, _before(obj), None)
    return rows


def _after_flush(session: Session, _context: object) -> None:
    rows = _entries(session)
    if rows:
        session.connection().execute(insert(AuditEntry), rows)


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return ""


def install_audit(factory: sessionmaker[Session]) -> None:
    event.listen(factory, "after_flush", _after_flush)

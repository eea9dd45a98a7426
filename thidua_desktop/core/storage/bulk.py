"""Bulk writes for imports: one ``executemany`` per table, and their audit entries.

The session hook in ``storage.audit`` builds one JSON audit entry per record in Python; for 20,000 imported rows
that costs about as much as the inserts. ``audit_inserts`` makes the same entries (same keys, same values once
parsed) from the inserted rows in one ``INSERT … SELECT json_object(…)`` statement; ``update_rows`` makes updates
grouped by the columns they change, with "update" entries of the changed columns whose values are encoded as the
hook encodes them (``tests/test_storage_bulk.py`` pins the formats equal). ``row_maker`` turns planned values into rows the way the ORM would fill them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from operator import itemgetter
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, update
from sqlalchemy.orm import Session

from thidua_desktop.core.errors import UserError
from thidua_desktop.core.models import Base
from thidua_desktop.core.storage.audit import SKIPPED_COLUMNS
from thidua_desktop.core.storage.database import WROTE


def audited_columns(model: type[Base]) -> list[str]:
    """The columns the audit hook records for a table, in its (sorted) key order."""
    return sorted(c.name for c in model.__table__.columns if c.name not in SKIPPED_COLUMNS)


def _date_positions(model: type[Base], columns: Sequence[str]) -> list[int]:
    table = model.__table__
    return [i for i, name in enumerate(columns) if isinstance(table.columns[name].type, Date | DateTime)]


def insert_rows(
    session: Session, model: type[Base], columns: Sequence[str], rows: Sequence[tuple[Any, ...]]
) -> range:
    """Insert rows (values in ``columns`` order) with one ``executemany``; return their ids.

    SQLite gives a table's next row the largest id + 1; inside our write transaction nobody else inserts, so the
    new ids are the ``len(rows)`` numbers after the largest id before the insert (checked afterwards). Dates and
    times are stored as text the way SQLAlchemy's ``Date`` and ``DateTime`` store them in SQLite.
    """
    table = model.__tablename__
    if not rows:
        return range(0)
    dated = _date_positions(model, columns)
    if len(dated) == 1:
        only = dated[0]
        rows = [row if row[only] is None else _iso_dates(row, dated) for row in rows]
    elif dated:
        rows = [_iso_dates(row, dated) for row in rows]
    connection = session.connection()
    session.info[WROTE] = True
    before = connection.exec_driver_sql(f"SELECT max(id) FROM {table}").scalar() or 0
    marks = ", ".join("?" for _ in columns)
    connection.exec_driver_sql(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", list(rows))
    largest, count = connection.exec_driver_sql(
        f"SELECT max(id), count(*) FROM {table} WHERE id > ?", (before,)
    ).one()
    if count != len(rows) or largest != before + len(rows):  # pragma: no cover - SQLite's behaviour
        raise UserError("Không ghi được dữ liệu nhập (số thứ tự bản ghi không liên tục); chưa nhập gì.")
    return range(before + 1, before + len(rows) + 1)


def _iso_dates(row: tuple[Any, ...], positions: list[int]) -> tuple[Any, ...]:
    if all(row[i] is None for i in positions):
        return row
    values = list(row)
    for i in positions:
        value = values[i]
        if isinstance(value, datetime):
            values[i] = value.strftime("%Y-%m-%d %H:%M:%S.%f")
        elif isinstance(value, date):
            values[i] = value.isoformat()
    return tuple(values)


def _json_value(model: type[Base], name: str) -> str:
    if isinstance(model.__table__.columns[name].type, Boolean):
        return f"CASE WHEN {name} IS NULL THEN NULL WHEN {name} THEN json('true') ELSE json('false') END"
    return name


def audit_inserts(session: Session, model: type[Base], ids: range, user_name: str) -> None:
    """Write the "insert" audit entries of the rows ``ids`` of a table, as the audit hook would have."""
    if not ids:
        return
    table = model.__tablename__
    pairs = ", ".join(f"'{name}', {_json_value(model, name)}" for name in audited_columns(model))
    session.connection().exec_driver_sql(
        "INSERT INTO audit_entry (action, table_name, record_id, before_json, after_json, user_name) "
        f"SELECT 'insert', '{table}', CAST(id AS TEXT), '', json_object({pairs}), ? FROM {table} "
        "WHERE id BETWEEN ? AND ? ORDER BY id",
        (user_name, ids.start, ids.stop - 1),
    )


def row_maker(model: type[Base], columns: Sequence[str]) -> Callable[[Mapping[str, Any]], tuple[Any, ...]]:
    """Makes planned values into a row in ``columns`` order, columns they leave out taking their Python-side
    defaults (the way the ORM would). The columns a set of keys leaves out are worked out once per set (rows
    planned by the same code have the same keys, in the same order)."""
    defaults: dict[str, Any] = {}
    for name in columns:
        default = model.__table__.columns[name].default
        defaults[name] = default.arg if default is not None and getattr(default, "is_scalar", False) else None  # type: ignore[attr-defined]
    names = list(columns)
    get_all = itemgetter(*names) if len(names) > 1 else (lambda values: (values[names[0]],))
    missing_by_keys: dict[tuple[str, ...], dict[str, Any]] = {}

    def make(values: Mapping[str, Any]) -> tuple[Any, ...]:
        keys = tuple(values)
        missing = missing_by_keys.get(keys)
        if missing is None:
            missing = missing_by_keys[keys] = {k: v for k, v in defaults.items() if k not in values}
        return get_all({**missing, **values} if missing else values)  # type: ignore[no-any-return]

    return make


AUDIT_COLUMNS = ("action", "table_name", "record_id", "before_json", "after_json", "user_name")


_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True)
"""Encodes audit values exactly as the audit hook does (``json.dumps(..., ensure_ascii=False, sort_keys=True)``)."""


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def update_rows(
    session: Session,
    model: type[Base],
    changes: Sequence[tuple[int, Mapping[str, Any], Mapping[str, Any]]],
    user_name: str,
) -> None:
    """Apply (id, before, after) changes to a table, one ``executemany`` per set of changed columns, and write
    their "update" audit entries: the changed columns only, before and after, each value encoded as the hook
    encodes it (an import's entries say what the sheet changed, not the whole row)."""
    if not changes:
        return
    table = model.__tablename__
    by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    audit: list[tuple[str, ...]] = []
    for row_id, before, after in changes:
        by_columns.setdefault(tuple(sorted(after)), []).append({"id": row_id, **after})
        audit.append(
            (
                "update",
                table,
                str(row_id),
                _JSON.encode({k: _plain(v) for k, v in before.items()}),
                _JSON.encode({k: _plain(v) for k, v in after.items()}),
                user_name,
            )
        )
    for rows in by_columns.values():
        session.execute(update(model), rows)
    session.info[WROTE] = True
    session.connection().exec_driver_sql(
        f"INSERT INTO audit_entry ({', '.join(AUDIT_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?)", audit
    )

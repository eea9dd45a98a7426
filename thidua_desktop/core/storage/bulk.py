"""Bulk inserts for imports: one ``executemany`` per table, and their audit entries built by SQLite itself.

The session hook in ``storage.audit`` builds one JSON audit entry per record in Python; for 20,000 imported rows
that costs about as much as the inserts. ``audit_inserts`` makes the same entries (same keys, same values once
parsed) from the inserted rows in one ``INSERT … SELECT json_object(…)`` statement.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, DateTime
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

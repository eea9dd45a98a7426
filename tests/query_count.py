"""Counting the SQL statements a call runs (to show that a listing runs no query per row)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import event

from thidua_desktop.core.storage.database import Database


def count_queries(db: Database, call: Callable[[], object]) -> int:
    seen: list[str] = []

    def note(_conn: object, _cursor: object, statement: str, *args: object) -> None:
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        call()
    finally:
        event.remove(db.engine, "before_cursor_execute", note)
    return len(seen)

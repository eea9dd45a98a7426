"""Purging one person's personal data on request (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15).

A normal delete keeps the record's last values in the audit log, which is right for accountability. A purge
removes the person and every record about them (pledges with their targets, evidence and files, proposals with
their history, prior awards, ratings, disciplines, Party-membership gaps, initiative authorships), the audit
entries that hold any of it (also of records deleted earlier), and the attached files nobody else uses. One audit
entry of the purge itself stays: who, when, why, how much, without the person's data.

SQLite would otherwise keep deleted bytes in free pages and in the write-ahead log: the purge runs with
``PRAGMA secure_delete`` and truncates the log afterwards. Backups made before the purge still hold the data until
they are rotated out (30 daily copies); the README says so.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection

from thidua_desktop.core.errors import ValidationError
from thidua_desktop.core.models import Person
from thidua_desktop.core.services.common import get_or_raise
from thidua_desktop.core.storage import cipher
from thidua_desktop.core.storage.database import WROTE, Database
from thidua_desktop.core.text import clean

PURGE_ACTION = "purge"
PERSON_TABLES = (
    "pledge",
    "award_proposal",
    "prior_award",
    "quality_rating",
    "discipline",
    "party_membership_gap",
)
"""Tables whose rows name the person in ``person_id`` (besides ``initiative_author``)."""


@dataclass(frozen=True)
class PurgeResult:
    person_id: int
    records: int
    audit_entries: int
    files: int


def _ids(connection: Connection, sql: str, *params: object) -> set[int]:
    return {int(row[0]) for row in connection.exec_driver_sql(sql, params) if row[0] is not None}


def _audited(connection: Connection, table: str, column: str, values: Iterable[int]) -> set[int]:
    """Record ids of ``table`` whose audit entries (before or after) have ``column`` in ``values``."""
    wanted = sorted(set(values))
    if not wanted:
        return set()
    found: set[int] = set()
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        found |= _ids(
            connection,
            "SELECT CAST(record_id AS INTEGER) FROM audit_entry WHERE table_name = ? AND ("
            f"json_extract(NULLIF(before_json, ''), '$.{column}') IN ({marks}) OR "
            f"json_extract(NULLIF(after_json, ''), '$.{column}') IN ({marks}))",
            table,
            *chunk,
            *chunk,
        )
    return found


def _in(column: str, values: set[int]) -> tuple[str, list[int]]:
    ordered = sorted(values)
    return f"{column} IN ({', '.join('?' for _ in ordered) or 'NULL'})", ordered


def _live(connection: Connection, table: str, columns: tuple[str, ...], parents: set[int]) -> set[int]:
    """Rows of ``table`` now linked to ``parents`` through any of ``columns``."""
    clauses = [_in(column, parents) for column in columns]
    where = " OR ".join(clause for clause, _ in clauses)
    params = [value for _, values in clauses for value in values]
    return _ids(connection, f"SELECT id FROM {table} WHERE {where}", *params)


def _history(connection: Connection, table: str, columns: tuple[str, ...], parents: set[int]) -> set[int]:
    """Rows of ``table`` whose audit entries link them to ``parents``, minus ids now used by another row (SQLite
    may give a deleted row's id to a new one)."""
    found: set[int] = set()
    for column in columns:
        found |= _audited(connection, table, column, parents)
    where, params = _in("id", found)
    reused = _ids(connection, f"SELECT id FROM {table} WHERE {where}", *params)
    return (found - reused) | (reused & _live(connection, table, columns, parents))


CHILDREN = (
    ("target", ("pledge_id",), ("pledge",)),
    ("evidence", ("pledge_id", "target_id"), ("pledge", "target")),
    ("evidence_file", ("evidence_id",), ("evidence",)),
    ("proposal_status_change", ("proposal_id",), ("award_proposal",)),
)


def _collect(connection: Connection, person_id: int) -> tuple[dict[str, set[int]], dict[str, set[int]]]:
    """Row ids that belong to the person, by table: those to delete now, and those (also of rows deleted
    earlier) whose audit entries are to go."""
    live: dict[str, set[int]] = {"person": {person_id}}
    linked: dict[str, set[int]] = {"person": {person_id}}
    for table in PERSON_TABLES:
        live[table] = _live(connection, table, ("person_id",), {person_id})
        linked[table] = live[table] | _history(connection, table, ("person_id",), {person_id})
    for table, columns, parents in CHILDREN:
        # each column names one parent table: match pledge ids on pledge_id, target ids on target_id
        live[table] = set().union(
            *(_live(connection, table, (c,), live[p]) for c, p in zip(columns, parents, strict=True))
        )
        linked[table] = live[table] | set().union(
            *(_history(connection, table, (c,), linked[p]) for c, p in zip(columns, parents, strict=True))
        )
    return live, linked


DELETE_ORDER = (
    "evidence_file",
    "evidence",
    "target",
    "pledge",
    "proposal_status_change",
    "prior_award",
    "award_proposal",
    "quality_rating",
    "discipline",
    "party_membership_gap",
)


def _delete_rows(connection: Connection, rows: dict[str, set[int]], person_id: int) -> int:
    removed = 0
    for table in DELETE_ORDER:
        where, params = _in("id", rows[table])
        removed += (
            connection.exec_driver_sql(f"DELETE FROM {table} WHERE {where}", tuple(params)).rowcount or 0
        )
    authorships = connection.exec_driver_sql(
        "DELETE FROM initiative_author WHERE person_id = ?", (person_id,)
    )
    removed += authorships.rowcount or 0
    removed += connection.exec_driver_sql("DELETE FROM person WHERE id = ?", (person_id,)).rowcount or 0
    return removed


def _delete_audit(connection: Connection, rows: dict[str, set[int]], person_id: int) -> int:
    pairs = [(table, str(record)) for table, ids in rows.items() for record in ids]
    pairs += [
        (table, record)
        for table, record in connection.exec_driver_sql(
            "SELECT table_name, record_id FROM audit_entry WHERE table_name = 'initiative_author' AND record_id LIKE ?",
            (f"%/{person_id}",),
        )
    ]
    before = connection.exec_driver_sql("SELECT count(*) FROM audit_entry").scalar() or 0
    connection.exec_driver_sql(
        "DELETE FROM audit_entry WHERE table_name = ? AND record_id = ? AND action <> ?",
        [(table, record, PURGE_ACTION) for table, record in pairs],
    )
    after = connection.exec_driver_sql("SELECT count(*) FROM audit_entry").scalar() or 0
    return int(before - after)


def _orphan_files(connection: Connection, shas: set[str]) -> set[str]:
    still = {row[0] for row in connection.exec_driver_sql("SELECT DISTINCT sha256 FROM evidence_file")}
    return shas - still


def purge_person(db: Database, person_id: int, reason: str) -> PurgeResult:
    """Remove everything about one person, in one transaction; leave one audit entry of the purge."""
    reason = clean(reason)
    if not reason:
        raise ValidationError(
            "Cần ghi lý do xóa hẳn dữ liệu (ví dụ: theo đơn yêu cầu của người đó).", "reason"
        )
    with db.session() as session:
        get_or_raise(session, Person, person_id, "cá nhân")
        connection = session.connection()
        session.info[WROTE] = True
        connection.exec_driver_sql("PRAGMA secure_delete = ON")
        try:
            rows, linked = _collect(connection, person_id)
            where, params = _in("id", rows["evidence_file"])
            shas = {
                str(r[0])
                for r in connection.exec_driver_sql(
                    f"SELECT sha256 FROM evidence_file WHERE {where}", tuple(params)
                )
            }
            records = _delete_rows(connection, rows, person_id)
            entries = _delete_audit(connection, linked, person_id)
            orphans = _orphan_files(connection, shas)
            summary = {
                "removed_records": records,
                "removed_audit_entries": entries,
                "removed_files": len(orphans),
            }
            connection.exec_driver_sql(
                "INSERT INTO audit_entry (action, table_name, record_id, before_json, after_json, user_name) "
                "VALUES (?, 'person', ?, '', ?, ?)",
                (
                    PURGE_ACTION,
                    str(person_id),
                    json.dumps({**summary, "reason": reason}, ensure_ascii=False),
                    db.user_name,
                ),
            )
        finally:
            connection.exec_driver_sql("PRAGMA secure_delete = OFF")
    removed_files = _remove_files(db, orphans)
    _truncate_log(db)
    return PurgeResult(person_id, records, entries, removed_files)


def _remove_files(db: Database, shas: set[str]) -> int:
    removed = 0
    for sha in shas:
        for path in (db.paths.attachments / sha[:2]).glob(f"{sha}*"):
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def _truncate_log(db: Database) -> None:
    """Copy the log into the database and empty it, so the old pages of the purged rows are overwritten."""
    connection = cipher.connect(db.paths.database, timeout=5)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    finally:
        connection.close()

"""Applying a plan in one transaction (all or nothing): the planned inserts table by table, references to
planned rows resolved to their new ids, the changes, their audit entries (``core.storage.bulk``) and the import
log; refused when the plan has errors or the data changed since it was made."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from operator import itemgetter
from pathlib import Path
from typing import Any

from sqlalchemy import update

from thidua_desktop.core.models import (
    Base,
    Evidence,
    ImportLog,
    Person,
    Pledge,
    QualityRating,
    Target,
    Unit,
)
from thidua_desktop.core.storage.bulk import audit_inserts, audited_columns, insert_rows
from thidua_desktop.core.storage.database import Database
from thidua_desktop.exchange.fields import SheetKind
from thidua_desktop.exchange.imports.model import (
    ImportPlan,
    ImportResult,
    Insert,
    Issue,
    ProgressLike,
    Ref,
    result_of,
)
from thidua_desktop.exchange.imports.sheets import collector_paused, plan_import
from thidua_desktop.exchange.imports.snapshot import fingerprint
from thidua_desktop.exchange.sheet_reader import (
    ImportRejected,
)

# --- applying --------------------------------------------------------------------------------------------------

MODELS: dict[str, type[Base]] = {
    "unit": Unit,
    "person": Person,
    "pledge": Pledge,
    "target": Target,
    "evidence": Evidence,
    "quality_rating": QualityRating,
}
TABLE_ORDER = ("unit", "person", "pledge", "target", "evidence", "quality_rating")


_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True)
"""Encodes audit values exactly as the audit hook does (``json.dumps(..., ensure_ascii=False, sort_keys=True)``)."""


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def _row_maker(model: type[Base], columns: list[str]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """Makes a planned insert's values into a row in ``columns`` order, columns it leaves out taking their
    Python-side defaults (the way the ORM would)."""
    defaults: dict[str, Any] = {}
    for name in columns:
        default = model.__table__.columns[name].default
        defaults[name] = default.arg if default is not None and getattr(default, "is_scalar", False) else None  # type: ignore[attr-defined]
    get_all = itemgetter(*columns) if len(columns) > 1 else (lambda values: (values[columns[0]],))
    pairs = list(defaults.items())

    def make(values: dict[str, Any]) -> tuple[Any, ...]:
        try:
            return get_all(values)  # type: ignore[no-any-return]
        except KeyError:
            return tuple(values.get(name, default) for name, default in pairs)

    return make


AUDIT_COLUMNS = ["action", "table_name", "record_id", "before_json", "after_json", "user_name"]


def _referred_inserts(plan: ImportPlan) -> set[int]:
    """The planned inserts that other planned rows refer to (their ids are needed while writing)."""
    referred = {ref[1] for item in plan.inserts if item.refs for ref in item.refs.values() if ref[0] == "new"}
    for change in plan.changes:
        referred.update(v[1] for v in change.after.values() if isinstance(v, tuple) and v[0] == "new")
    return referred


def _with_refs(
    row: tuple[Any, ...], refs: dict[str, Ref], positions: dict[str, int], ids: dict[int, int]
) -> tuple[Any, ...]:
    """The row with its references to rows planned in this import replaced by their new ids."""
    patched = list(row)
    for column, ref in refs.items():
        patched[positions[column]] = ref[1] if ref[0] == "id" else ids[ref[1]]
    return tuple(patched)


def apply_import(db: Database, plan: ImportPlan, progress: ProgressLike | None = None) -> ImportResult:
    """Write what the plan says in one transaction (all or nothing) and log the import.

    Refuses a plan with errors, and one made before the data changed (plan again).
    """
    if plan.has_errors:
        errors = plan.errors
        first = errors[0] if errors else Issue("", None, "", "")
        raise ImportRejected(
            f"có {len(errors)} lỗi, chưa nhập gì. Lỗi đầu tiên ({first.where or 'tệp'}): {first.message}",
            file=plan.file_name,
            errors=[e.to_json() for e in errors],
        )
    total = len(plan.inserts) + len(plan.changes)
    user_name = db.user_name
    with collector_paused(), db.session() as session:
        if fingerprint(session) != plan.fingerprint:
            raise ImportRejected(
                "dữ liệu đã thay đổi sau khi xem trước; hãy xem trước lại rồi mới nhập.", file=plan.file_name
            )
        ids: dict[int, int] = {}
        """Planned insert → its new id, for the planned rows other rows refer to."""
        referred = _referred_inserts(plan)
        audit: list[tuple[str, ...]] = []
        done = 0
        by_table: dict[str, list[tuple[int, Insert]]] = {}
        for pair in enumerate(plan.inserts):
            by_table.setdefault(pair[1].table, []).append(pair)
        for table in TABLE_ORDER:
            model = MODELS[table]
            batch = by_table.get(table)
            if not batch:
                continue
            columns = [name for name in audited_columns(model) if name != "id"]
            make_row = _row_maker(model, columns)
            positions = {name: i for i, name in enumerate(columns)}
            first = None
            for start in range(0, len(batch), 5000):
                chunk = batch[start : start + 5000]
                rows = [
                    _with_refs(make_row(item.values), item.refs, positions, ids)
                    if item.refs
                    else make_row(item.values)
                    for _index, item in chunk
                ]
                new_ids = insert_rows(session, model, columns, rows)
                first = new_ids.start if first is None else first
                if referred:
                    ids.update(
                        (index, new_id)
                        for (index, _item), new_id in zip(chunk, new_ids, strict=True)
                        if index in referred
                    )
                done += len(chunk)
                if progress is not None:
                    progress.update(done, total, "Đang ghi dữ liệu…")
            assert first is not None
            audit_inserts(session, model, range(first, first + len(batch)), user_name)
        for table in TABLE_ORDER:
            model = MODELS[table]
            changes = [c for c in plan.changes if c.table == table]
            by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = {}
            for change in changes:
                after = {
                    k: (ids[v[1]] if v[0] == "new" else v[1]) if isinstance(v, tuple) else v
                    for k, v in change.after.items()
                }
                by_columns.setdefault(tuple(sorted(after)), []).append({"id": change.row_id, **after})
                audit.append(
                    _audit(
                        "update",
                        table,
                        change.row_id,
                        {k: _plain(v) for k, v in change.before.items()},
                        {k: _plain(v) for k, v in after.items()},
                        user_name,
                    )
                )
            for rows in by_columns.values():
                session.execute(update(model), rows)
            done += len(changes)
            if progress is not None and changes:
                progress.update(done, total, "Đang ghi dữ liệu…")
        if audit:
            session.connection().exec_driver_sql(
                f"INSERT INTO audit_entry ({', '.join(AUDIT_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?)", audit
            )
        result = result_of(plan, written=True)
        session.add(
            ImportLog(
                file_name=plan.file_name[:300],
                sha256=plan.sha256,
                kind=plan.kind[:30],
                rows_read=result.rows_read,
                created=result.created,
                updated=result.updated,
                unchanged=result.unchanged,
                warnings=len(result.warnings),
            )
        )
        if progress is not None:
            progress.update(total, total, "Đang lưu…")
    return result


def _audit(
    action: str,
    table: str,
    row_id: int,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    user: str,
) -> tuple[str, ...]:
    """An audit_entry row (``AUDIT_COLUMNS``) in the audit hook's format."""
    return (
        action,
        table,
        str(row_id),
        _JSON.encode(before) if before is not None else "",
        _JSON.encode(after) if after is not None else "",
        user,
    )


def import_file(
    db: Database,
    path: Path | str,
    *,
    kind: SheetKind | str | None = None,
    campaign_id: int | None = None,
    unit_name: str | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """Plan and (unless ``dry_run``) apply; raises ``ImportRejected`` when anything is wrong (nothing written)."""
    plan = plan_import(db, path, kind=kind, campaign_id=campaign_id, unit_name=unit_name)
    if plan.has_errors:
        errors = plan.errors
        raise ImportRejected(
            f"có {len(errors)} lỗi, chưa nhập gì. Lỗi đầu tiên ({errors[0].where or 'tệp'}): {errors[0].message}",
            file=plan.file_name,
            errors=[e.to_json() for e in errors],
        )
    if dry_run:
        return result_of(plan)
    return apply_import(db, plan)

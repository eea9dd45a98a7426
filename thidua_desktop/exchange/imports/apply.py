"""Applying a plan in one transaction (all or nothing): the planned inserts table by table, references to
planned rows resolved to their new ids, the changes, their audit entries (``core.storage.bulk``) and the import
log; refused when the plan has errors or the data changed since it was made."""

from __future__ import annotations

from pathlib import Path
from typing import Any

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
from thidua_desktop.core.storage.bulk import (
    audit_inserts,
    audited_columns,
    insert_rows,
    row_maker,
    update_rows,
)
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


def _referred_inserts(plan: ImportPlan) -> set[int]:
    """The planned inserts that other planned rows refer to (their ids are needed while writing)."""
    referred = {ref[1] for item in plan.inserts if item.refs for ref in item.refs.values() if ref[0] == "new"}
    for change in plan.changes:
        referred.update(v[1] for v in change.after.values() if isinstance(v, tuple) and v[0] == "new")
    return referred


def _resolved(value: Any, ids: dict[int, int]) -> Any:
    """A changed value, a reference to a row planned in this import made its new id."""
    if isinstance(value, Ref):
        return ids[value.value] if value.kind == "new" else value.value
    return value


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
            make_row = row_maker(model, columns)
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
            changes = [
                (c.row_id, c.before, {k: _resolved(v, ids) for k, v in c.after.items()})
                for c in plan.changes
                if c.table == table
            ]
            update_rows(session, MODELS[table], changes, user_name)
            done += len(changes)
            if progress is not None and changes:
                progress.update(done, total, "Đang ghi dữ liệu…")
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

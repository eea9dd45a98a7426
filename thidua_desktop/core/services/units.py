"""Units (tập thể): a tree of the committee's organizations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from thidua_desktop.core.enums import UnitKind
from thidua_desktop.core.errors import ValidationError
from thidua_desktop.core.models import Person, Unit
from thidua_desktop.core.services.common import delete_checked, get_or_raise, require_text
from thidua_desktop.core.storage.database import Database
from thidua_desktop.core.text import clean, fold


@dataclass
class UnitRecord:
    id: int | None = None
    name: str = ""
    short_name: str = ""
    kind: str = UnitKind.PARTY_CELL.value
    kind_label: str = ""
    is_party_org: bool = False
    parent_id: int | None = None
    parent_name: str = ""
    sort_order: int = 0
    member_count: int | None = None
    female_count: int | None = None
    is_grassroots: bool | None = None
    """Party organization: grassroots (chi bộ cơ sở) or a chi bộ under a grassroots đảng ủy; None: not recorded."""
    person_count: int = 0
    depth: int = 0
    notes: str = ""
    updated_at: datetime | None = None


def _record(unit: Unit, person_count: int = 0, depth: int = 0) -> UnitRecord:
    return UnitRecord(
        id=unit.id,
        name=unit.name,
        short_name=unit.short_name,
        kind=unit.kind,
        kind_label=UnitKind(unit.kind).label,
        is_party_org=unit.is_party_org,
        parent_id=unit.parent_id,
        parent_name=unit.parent.name if unit.parent else "",
        sort_order=unit.sort_order,
        member_count=unit.member_count,
        female_count=unit.female_count,
        is_grassroots=unit.is_grassroots,
        person_count=person_count,
        depth=depth,
        notes=unit.notes,
        updated_at=unit.updated_at,
    )


def list_units(db: Database) -> list[UnitRecord]:
    """All units in tree order (each parent before its children, siblings by sort order then name)."""
    with db.session() as session:
        units = list(session.scalars(select(Unit)))
        counts = dict(session.execute(select(Person.unit_id, func.count()).group_by(Person.unit_id)).all())
        by_parent: dict[int | None, list[Unit]] = {}
        for unit in units:
            by_parent.setdefault(unit.parent_id, []).append(unit)
        ordered: list[UnitRecord] = []

        def walk(parent: int | None, depth: int) -> None:
            children = sorted(by_parent.get(parent, []), key=lambda u: (u.sort_order, fold(u.name)))
            for child in children:
                ordered.append(_record(child, counts.get(child.id, 0), depth))
                walk(child.id, depth + 1)

        walk(None, 0)
        return ordered


def get_unit(db: Database, unit_id: int) -> UnitRecord:
    with db.session() as session:
        return _record(get_or_raise(session, Unit, unit_id, "đơn vị"))


def find_unit_by_name(db: Database, name: str) -> UnitRecord | None:
    """Match a unit by its normalised name or short name (case and diacritics ignored)."""
    key = fold(name)
    with db.session() as session:
        for unit in session.scalars(select(Unit)):
            if key in (fold(unit.name), fold(unit.short_name)):
                return _record(unit)
    return None


def _validate(session_units: dict[int, Unit], record: UnitRecord) -> None:
    if record.kind not in UnitKind._value2member_map_:
        raise ValidationError("Loại đơn vị không hợp lệ.", "kind")
    for field in ("member_count", "female_count"):
        value = getattr(record, field)
        if value is not None and value < 0:
            raise ValidationError("Số lượng không được âm.", field)
    if record.member_count is not None and record.female_count is not None:
        if record.female_count > record.member_count:
            raise ValidationError("Số nữ không được lớn hơn tổng số thành viên.", "female_count")
    parent = record.parent_id
    seen = set()
    while parent is not None:
        if parent == record.id and record.id is not None:
            raise ValidationError(
                "Đơn vị cấp trên không được là chính nó hoặc đơn vị cấp dưới của nó.", "parent_id"
            )
        if parent in seen or parent not in session_units:
            break
        seen.add(parent)
        parent = session_units[parent].parent_id


def save_unit(db: Database, record: UnitRecord) -> UnitRecord:
    name = require_text(record.name, "name", "tên đơn vị")
    with db.session() as session:
        units = {u.id: u for u in session.scalars(select(Unit))}
        if record.parent_id is not None and record.parent_id not in units:
            raise ValidationError("Đơn vị cấp trên không tồn tại.", "parent_id")
        _validate(units, record)
        unit = get_or_raise(session, Unit, record.id, "đơn vị") if record.id else Unit()
        unit.name = name
        unit.short_name = clean(record.short_name)
        unit.kind = record.kind
        unit.is_party_org = record.is_party_org
        unit.parent_id = record.parent_id
        unit.sort_order = record.sort_order
        unit.member_count = record.member_count
        unit.female_count = record.female_count
        unit.is_grassroots = record.is_grassroots if record.is_party_org else None
        unit.notes = record.notes.strip()
        if record.id is None:
            session.add(unit)
        session.flush()
        session.refresh(unit)
        return _record(unit)


def delete_unit(db: Database, unit_id: int) -> None:
    with db.session() as session:
        unit = get_or_raise(session, Unit, unit_id, "đơn vị")
        delete_checked(session, unit, f"đơn vị «{unit.name}»")

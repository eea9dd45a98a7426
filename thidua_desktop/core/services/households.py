"""Households (hộ gia đình): subjects of "Gia đình văn hóa" and Giấy khen."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from thidua_desktop.core.models import Household, Unit
from thidua_desktop.core.services.common import delete_checked, get_or_raise, require_text
from thidua_desktop.core.storage.database import Database
from thidua_desktop.core.text import clean, name_sort_key


@dataclass
class HouseholdRecord:
    id: int | None = None
    head_name: str = ""
    address: str = ""
    residential_group_id: int | None = None
    residential_group_name: str = ""
    member_count: int | None = None
    notes: str = ""


def _record(row: Household) -> HouseholdRecord:
    return HouseholdRecord(
        id=row.id,
        head_name=row.head_name,
        address=row.address,
        residential_group_id=row.residential_group_id,
        residential_group_name=row.residential_group.name if row.residential_group else "",
        member_count=row.member_count,
        notes=row.notes,
    )


def list_households(db: Database, residential_group_id: int | None = None) -> list[HouseholdRecord]:
    with db.session() as session:
        query = select(Household).options(joinedload(Household.residential_group))
        if residential_group_id is not None:
            query = query.where(Household.residential_group_id == residential_group_id)
        rows = [_record(h) for h in session.scalars(query)]
    return sorted(rows, key=lambda h: name_sort_key(h.head_name))


def save_household(db: Database, record: HouseholdRecord) -> HouseholdRecord:
    head = require_text(record.head_name, "head_name", "tên chủ hộ")
    with db.session() as session:
        if record.residential_group_id is not None:
            get_or_raise(session, Unit, record.residential_group_id, "tổ dân phố")
        row = get_or_raise(session, Household, record.id, "hộ gia đình") if record.id else Household()
        row.head_name = head
        row.address = clean(record.address)
        row.residential_group_id = record.residential_group_id
        row.member_count = record.member_count
        row.notes = record.notes.strip()
        if record.id is None:
            session.add(row)
        session.flush()
        session.refresh(row)
        return _record(row)


def delete_household(db: Database, household_id: int) -> None:
    with db.session() as session:
        row = get_or_raise(session, Household, household_id, "hộ gia đình")
        delete_checked(session, row, f"hộ gia đình «{row.head_name}»")

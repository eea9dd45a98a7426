"""Bulk inserts write the same rows and the same audit entries as the ORM and its audit hook."""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import func, select

from thidua_desktop.core.models import AuditEntry, Person, Unit
from thidua_desktop.core.storage.bulk import audit_inserts, audited_columns, insert_rows
from thidua_desktop.core.storage.database import Database

PERSON = {
    "full_name": 'Nguyễn Thị "Hoà" & <Bình>',
    "birth_date": date(1958, 4, 2),
    "gender": "female",
    "position": "Bí thư Chi bộ",
    "is_party_member": True,
    "party_join_date": date(1980, 5, 19),
    "party_official_date": None,
    "party_card_number": "12.345678",
    "notes": "",
    "category": "",
}


def _unit(db: Database) -> int:
    with db.session() as session:
        unit = Unit(name="Chi bộ Tổ dân phố 5", kind="party_cell", is_party_org=True)
        session.add(unit)
        session.flush()
        return unit.id


def _after(db: Database, table: str, record_id: int) -> dict[str, object]:
    with db.session() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.table_name == table, AuditEntry.record_id == str(record_id))
        ).one()
        assert entry.action == "insert" and entry.before_json == ""
        return json.loads(entry.after_json)  # type: ignore[no-any-return]


def test_bulk_insert_and_its_audit_match_the_orm_and_its_hook(db: Database) -> None:
    unit_id = _unit(db)
    with db.session() as session:
        by_orm = Person(unit_id=unit_id, **PERSON)
        session.add(by_orm)
        session.flush()
        orm_id = by_orm.id
    columns = [c for c in audited_columns(Person) if c != "id"]
    values = {**PERSON, "unit_id": unit_id}
    with db.session() as session:
        ids = insert_rows(session, Person, columns, [tuple(values[c] for c in columns)] * 3)
        audit_inserts(session, Person, ids, db.user_name)
    assert len(ids) == 3 and ids.start == orm_id + 1

    expected = _after(db, "person", orm_id)
    for new_id in ids:
        assert _after(db, "person", new_id) == {**expected, "id": new_id}
    with db.session() as session:
        stored = session.get(Person, ids[0])
        assert stored is not None
        assert (stored.birth_date, stored.party_join_date, stored.is_party_member) == (
            date(1958, 4, 2),
            date(1980, 5, 19),
            True,
        )
    assert expected["is_party_member"] is True and expected["party_official_date"] is None


def test_a_false_boolean_is_audited_as_false(db: Database) -> None:
    columns = [c for c in audited_columns(Person) if c != "id"]
    values = {**PERSON, "unit_id": _unit(db), "is_party_member": False}
    with db.session() as session:
        ids = insert_rows(session, Person, columns, [tuple(values[c] for c in columns)])
        audit_inserts(session, Person, ids, "")
    assert _after(db, "person", ids[0])["is_party_member"] is False


def test_nothing_to_insert_writes_nothing(db: Database) -> None:
    columns = [c for c in audited_columns(Person) if c != "id"]
    with db.session() as session:
        before = session.scalar(select(func.count()).select_from(AuditEntry))
        ids = insert_rows(session, Person, columns, [])
        audit_inserts(session, Person, ids, "")
        assert len(ids) == 0
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == before
        assert session.scalar(select(func.count()).select_from(Person)) == 0

"""Bulk inserts and updates write the same rows and audit values as the ORM and its audit hook."""

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
    "hire_date": None,
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


def test_bulk_updates_and_their_audit_match_the_orm_and_its_hook(db: Database) -> None:
    from thidua_desktop.core.storage.bulk import update_rows

    unit_id = _unit(db)
    with db.session() as session:
        people = [Person(unit_id=unit_id, **PERSON) for _ in range(2)]
        session.add_all(people)
        session.flush()
        by_orm, by_bulk = (p.id for p in people)
    with db.session() as session:
        person = session.get(Person, by_orm)
        assert person is not None
        person.birth_date = date(1960, 1, 2)
        person.position = "Đảng viên"
    before = {"birth_date": PERSON["birth_date"], "position": PERSON["position"]}
    after = {"birth_date": date(1960, 1, 2), "position": "Đảng viên"}
    with db.session() as session:
        update_rows(session, Person, [(by_bulk, before, after)], db.user_name)

    def entry(record_id: int) -> tuple[dict[str, object], dict[str, object], str]:
        with db.session() as session:
            found = session.scalars(
                select(AuditEntry).where(
                    AuditEntry.table_name == "person",
                    AuditEntry.record_id == str(record_id),
                    AuditEntry.action == "update",
                )
            ).one()
            return json.loads(found.before_json), json.loads(found.after_json), found.user_name

    bulk_before, bulk_after, bulk_user = entry(by_bulk)
    orm_before, orm_after, orm_user = entry(by_orm)
    assert bulk_before == {k: orm_before[k] for k in before}  # the changed columns, encoded as the hook does
    assert bulk_after == {k: orm_after[k] for k in after}
    assert bulk_user == orm_user
    with db.session() as session:
        updated = session.get(Person, by_bulk)
        assert (
            updated is not None and updated.birth_date == date(1960, 1, 2) and updated.position == "Đảng viên"
        )

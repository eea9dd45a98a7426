"""People (cá nhân): officials, Party members, workers and citizens."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from thidua_desktop.core.enums import Gender, PersonCategory
from thidua_desktop.core.errors import ValidationError
from thidua_desktop.core.models import Person, Unit
from thidua_desktop.core.services.common import delete_checked, get_or_raise, require_text
from thidua_desktop.core.storage.database import Database
from thidua_desktop.core.text import clean, fold, name_sort_key


@dataclass
class PersonRecord:
    id: int | None = None
    full_name: str = ""
    gender: str | None = None
    birth_date: date | None = None
    unit_id: int | None = None
    unit_name: str = ""
    position: str = ""
    category: str | None = None
    hire_date: date | None = None
    is_party_member: bool = False
    party_join_date: date | None = None
    party_official_date: date | None = None
    party_card_number: str = ""
    notes: str = ""
    updated_at: datetime | None = None

    @property
    def gender_label(self) -> str:
        return Gender(self.gender).label if self.gender else ""

    @property
    def category_label(self) -> str:
        return PersonCategory(self.category).label if self.category else ""


def _record(person: Person) -> PersonRecord:
    return PersonRecord(
        id=person.id,
        full_name=person.full_name,
        gender=person.gender,
        birth_date=person.birth_date,
        unit_id=person.unit_id,
        unit_name=person.unit.name if person.unit else "",
        position=person.position,
        category=person.category,
        hire_date=person.hire_date,
        is_party_member=person.is_party_member,
        party_join_date=person.party_join_date,
        party_official_date=person.party_official_date,
        party_card_number=person.party_card_number,
        notes=person.notes,
        updated_at=person.updated_at,
    )


def list_persons(
    db: Database, unit_id: int | None = None, include_subunits: bool = False
) -> list[PersonRecord]:
    """People, in Vietnamese list order (given name, then family name)."""
    with db.session() as session:
        query = select(Person).options(joinedload(Person.unit))
        if unit_id is not None:
            unit_ids = {unit_id}
            if include_subunits:
                parents = dict(session.execute(select(Unit.id, Unit.parent_id)).all())
                changed = True
                while changed:
                    extra = {u for u, p in parents.items() if p in unit_ids} - unit_ids
                    changed = bool(extra)
                    unit_ids |= extra
            query = query.where(Person.unit_id.in_(unit_ids))
        people = [_record(p) for p in session.scalars(query)]
    return sorted(people, key=lambda p: name_sort_key(p.full_name))


def get_person(db: Database, person_id: int) -> PersonRecord:
    with db.session() as session:
        return _record(get_or_raise(session, Person, person_id, "cá nhân"))


def validate_person(record: PersonRecord, today: date | None = None) -> None:
    today = today or date.today()
    if record.gender is not None and record.gender not in Gender._value2member_map_:
        raise ValidationError("Giới tính không hợp lệ.", "gender")
    if record.category is not None and record.category not in PersonCategory._value2member_map_:
        raise ValidationError("Đối tượng không hợp lệ.", "category")
    if record.birth_date and record.birth_date > today:
        raise ValidationError("Ngày sinh không được sau ngày hôm nay.", "birth_date")
    if record.hire_date and record.hire_date > today:
        raise ValidationError("Ngày tuyển dụng không được sau ngày hôm nay.", "hire_date")
    if record.hire_date and record.birth_date and record.hire_date <= record.birth_date:
        raise ValidationError("Ngày tuyển dụng phải sau ngày sinh.", "hire_date")
    if record.party_join_date:
        if record.party_join_date > today:
            raise ValidationError("Ngày vào Đảng không được sau ngày hôm nay.", "party_join_date")
        if record.birth_date and (record.party_join_date - record.birth_date).days < 18 * 365:
            raise ValidationError("Ngày vào Đảng phải sau ngày sinh ít nhất 18 năm.", "party_join_date")
    if record.party_official_date and record.party_join_date:
        if record.party_official_date < record.party_join_date:
            raise ValidationError("Ngày chính thức không được trước ngày vào Đảng.", "party_official_date")
    if (record.party_join_date or record.party_card_number) and not record.is_party_member:
        raise ValidationError(
            "Có ngày vào Đảng hoặc số thẻ đảng viên thì phải đánh dấu là đảng viên.", "is_party_member"
        )


def save_person(db: Database, record: PersonRecord) -> PersonRecord:
    name = require_text(record.full_name, "full_name", "họ và tên")
    validate_person(record)
    with db.session() as session:
        if record.unit_id is not None:
            get_or_raise(session, Unit, record.unit_id, "đơn vị")
        person = get_or_raise(session, Person, record.id, "cá nhân") if record.id else Person()
        person.full_name = name
        person.gender = record.gender
        person.birth_date = record.birth_date
        person.unit_id = record.unit_id
        person.position = clean(record.position)
        person.category = record.category
        person.hire_date = record.hire_date
        person.is_party_member = record.is_party_member
        person.party_join_date = record.party_join_date
        person.party_official_date = record.party_official_date
        person.party_card_number = clean(record.party_card_number)
        person.notes = record.notes.strip()
        if record.id is None:
            session.add(person)
        session.flush()
        session.refresh(person)
        return _record(person)


def delete_person(db: Database, person_id: int) -> None:
    with db.session() as session:
        person = get_or_raise(session, Person, person_id, "cá nhân")
        delete_checked(session, person, f"cá nhân «{person.full_name}»")


def find_persons(db: Database, full_name: str, birth_date: date | None = None) -> list[PersonRecord]:
    """People whose normalised name matches (and birth date, when given)."""
    key = fold(full_name)
    with db.session() as session:
        found = [
            _record(p)
            for p in session.scalars(select(Person).options(joinedload(Person.unit)))
            if fold(p.full_name) == key and (birth_date is None or p.birth_date == birth_date)
        ]
    return found

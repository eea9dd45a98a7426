"""Subjects of pledges, proposals and awards: a unit, a person or a household."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from thidua_desktop.core.enums import SubjectType
from thidua_desktop.core.errors import ValidationError
from thidua_desktop.core.models import Household, Person, SubjectRefs, Unit
from thidua_desktop.core.services.common import get_or_raise


@dataclass(frozen=True)
class SubjectRef:
    subject_type: str
    subject_id: int


def subject_of(row: SubjectRefs) -> SubjectRef:
    if row.unit_id is not None:
        return SubjectRef(SubjectType.UNIT.value, row.unit_id)
    if row.person_id is not None:
        return SubjectRef(SubjectType.PERSON.value, row.person_id)
    assert row.household_id is not None
    return SubjectRef(SubjectType.HOUSEHOLD.value, row.household_id)


def set_subject(session: Session, row: SubjectRefs, subject_type: str, subject_id: int | None) -> None:
    if subject_id is None:
        raise ValidationError("Chưa chọn đối tượng (tập thể, cá nhân hoặc hộ gia đình).", "subject_id")
    model: type[Unit] | type[Person] | type[Household]
    if subject_type == SubjectType.UNIT:
        model = Unit
    elif subject_type == SubjectType.PERSON:
        model = Person
    elif subject_type == SubjectType.HOUSEHOLD:
        model = Household
    else:
        raise ValidationError("Loại đối tượng không hợp lệ.", "subject_type")
    get_or_raise(session, model, subject_id, SubjectType(subject_type).label.lower())
    row.unit_id = subject_id if subject_type == SubjectType.UNIT else None
    row.person_id = subject_id if subject_type == SubjectType.PERSON else None
    row.household_id = subject_id if subject_type == SubjectType.HOUSEHOLD else None


def preload_subjects(session: Session) -> list[object]:
    """Load every unit, person and household (with the units they belong to) into the session, so that
    ``subject_names`` over a long list runs no query per row. Keep the returned list alive while using the session:
    the identity map holds its objects weakly."""
    loaded: list[object] = list(session.scalars(select(Unit)))
    loaded += session.scalars(select(Person))
    loaded += session.scalars(select(Household))
    return loaded


def subject_names(session: Session, row: SubjectRefs) -> tuple[str, str]:
    """(subject's name, name of the unit it belongs to)."""
    if row.unit_id is not None:
        unit = session.get(Unit, row.unit_id)
        assert unit is not None
        return unit.name, unit.parent.name if unit.parent else ""
    if row.person_id is not None:
        person = session.get(Person, row.person_id)
        assert person is not None
        return person.full_name, person.unit.name if person.unit else ""
    household = session.get(Household, row.household_id)
    assert household is not None
    group = household.residential_group.name if household.residential_group else ""
    return f"Hộ {household.head_name}", group

"""Read-only look-ups the achievement reports need and no service offers yet: annual quality ratings and awards
already received (section III of the report). Plain data out, one short session each; move them to
``core/services`` when services for ratings and prior awards exist."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from thidua_desktop.core.models import AwardForm, PriorAward, QualityRating
from thidua_desktop.core.storage.database import Database

SubjectKey = tuple[str, int]


@dataclass(frozen=True)
class RatingEntry:
    year: int
    level: str


@dataclass(frozen=True)
class PriorAwardEntry:
    year: int | None
    form_name: str
    kind: str
    """Kind of the catalogue entry ("title", "award", "rating"), "award" when unknown."""
    decision_number: str
    decision_date: date | None
    authority_name: str


def ratings_by_subject(db: Database) -> dict[SubjectKey, list[RatingEntry]]:
    found: dict[SubjectKey, list[RatingEntry]] = {}
    with db.session() as session:
        rows = session.scalars(select(QualityRating).order_by(QualityRating.year))
        for row in rows:
            key = ("unit", row.unit_id) if row.unit_id is not None else ("person", row.person_id or 0)
            found.setdefault(key, []).append(RatingEntry(row.year, row.level))
    return found


def prior_awards_by_subject(db: Database) -> dict[SubjectKey, list[PriorAwardEntry]]:
    found: dict[SubjectKey, list[PriorAwardEntry]] = {}
    with db.session() as session:
        kinds = dict(session.execute(select(AwardForm.code, AwardForm.kind)).all())
        rows = session.scalars(select(PriorAward).order_by(PriorAward.year, PriorAward.id))
        for row in rows:
            if row.unit_id is not None:
                key: SubjectKey = ("unit", row.unit_id)
            elif row.person_id is not None:
                key = ("person", row.person_id)
            else:
                key = ("household", row.household_id or 0)
            found.setdefault(key, []).append(
                PriorAwardEntry(
                    year=row.year,
                    form_name=row.form_name,
                    kind=kinds.get(row.award_code, "award"),
                    decision_number=row.decision_number,
                    decision_date=row.decision_date,
                    authority_name=row.authority_name,
                )
            )
    return found

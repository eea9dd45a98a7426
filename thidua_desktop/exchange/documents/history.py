"""What the achievement reports need of a subject's past (section III): annual quality ratings and awards already
received, grouped by subject. Plain data out, from the record services (``core/services/records.py``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from thidua_desktop.core.services.catalogue import list_award_forms
from thidua_desktop.core.services.records import list_prior_awards, list_ratings
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
    """Each subject's ratings, oldest year first."""
    found: dict[SubjectKey, list[RatingEntry]] = {}
    for rating in sorted(list_ratings(db), key=lambda r: (r.year or 0, r.id or 0)):
        key = (rating.subject_type, rating.subject_id or 0)
        found.setdefault(key, []).append(RatingEntry(rating.year or 0, rating.level))
    return found


def prior_awards_by_subject(db: Database) -> dict[SubjectKey, list[PriorAwardEntry]]:
    """Each subject's awards already received, oldest first (undated ones first)."""
    kinds = {form.code: form.kind for form in list_award_forms(db)}
    found: dict[SubjectKey, list[PriorAwardEntry]] = {}
    for award in sorted(list_prior_awards(db), key=lambda a: (a.year or 0, a.id or 0)):
        found.setdefault((award.subject_type, award.subject_id or 0), []).append(
            PriorAwardEntry(
                year=award.year,
                form_name=award.form_name,
                kind=kinds.get(award.award_code, "award"),
                decision_number=award.decision_number,
                decision_date=award.decision_date,
                authority_name=award.authority_name,
            )
        )
    return found

"""Everything the rows of a sheet are matched against, loaded once in one short session (no query per row):
units (through ``core.unit_matching``), people by folded name, titles, and a campaign's phases, pledges, targets
and results; and the fingerprint that tells whether the database changed since the plan was made."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from thidua_desktop.core.enums import UnitKind
from thidua_desktop.core.models import (
    AuditEntry,
    AwardForm,
    Campaign,
    Evidence,
    Person,
    Phase,
    Pledge,
    QualityRating,
    Setting,
    Target,
    Unit,
)
from thidua_desktop.core.settings_schema import OrganizationSettings
from thidua_desktop.core.unit_matching import (
    UnitMatcher,
    UnitName,
    guess_kind,
)
from thidua_desktop.exchange.fields import KIND_FIELDS
from thidua_desktop.exchange.imports.model import Ref
from thidua_desktop.exchange.values import (
    fast_fold,
    title_index,
)

# --- the database, loaded once ---------------------------------------------------------------------------------


def guess_unit_kind(name: str) -> str:
    """The ``UnitKind`` a new unit's name tells (``core.unit_matching.guess_kind``)."""
    kind = guess_kind(name)
    return kind if kind in UnitKind._value2member_map_ else UnitKind.OTHER.value


@dataclass(slots=True)
class KnownPerson:
    id: int | None
    ref: Ref
    full_name: str
    birth_date: date | None
    unit_id: int | None
    unit_ref: Ref | None
    known: dict[str, Any] | None = None
    row: tuple[Any, ...] = ()
    """The database row (``PERSON_COLUMNS``) as read, made into ``values`` only when a people sheet needs it."""

    @property
    def values(self) -> dict[str, Any]:
        if self.known is None:
            values = dict(zip(PERSON_COLUMNS, self.row, strict=True))
            for column in ("party_join_date", "party_official_date"):
                if values[column] is not None:
                    values[column] = date.fromisoformat(values[column][:10])
            values["birth_date"] = self.birth_date
            values["is_party_member"] = bool(values["is_party_member"])
            self.known = values
        return self.known

    @values.setter
    def values(self, values: dict[str, Any]) -> None:
        self.known = values


@dataclass
class KnownTarget:
    ref: Ref
    pledge_ref: Ref
    content_key: str
    values: dict[str, Any]
    row: int | None = None


@dataclass
class KnownEvidence:
    ref: Ref
    values: dict[str, Any]


PERSON_COLUMNS = (
    "full_name",
    "birth_date",
    "gender",
    "unit_id",
    "position",
    "is_party_member",
    "party_join_date",
    "party_official_date",
    "party_card_number",
    "notes",
)
TARGET_COLUMNS = ("content", "target_value", "unit_of_measure", "deadline", "phase_id", "sort_order")
EVIDENCE_COLUMNS = (
    "target_id",
    "pledge_id",
    "achieved_value",
    "achieved_date",
    "document_ref",
    "description",
)

FIELD_LABELS = {f.code: f.header for fields in KIND_FIELDS.values() for f in fields}


FINGERPRINTED = (Unit, Person, Pledge, Target, Evidence, Phase, Campaign, QualityRating)


def fingerprint(session: Session) -> tuple[Any, ...]:
    """What changes when any row the importer matches against is inserted, updated or deleted (one query)."""
    columns: list[Any] = [select(func.max(AuditEntry.id)).scalar_subquery()]
    for model in FINGERPRINTED:
        columns += [
            select(func.count()).select_from(model).scalar_subquery(),
            select(func.max(model.id)).scalar_subquery(),
            select(func.max(model.updated_at)).scalar_subquery(),
        ]
    return tuple(str(part) for part in session.execute(select(*columns)).one())


class Snapshot:
    """Everything the rows are matched against, loaded in one short session."""

    def __init__(self, session: Session) -> None:
        """Units, people and titles; ``load_campaign`` adds what belongs to the campaign."""
        self.campaign_ids = set(session.scalars(select(Campaign.id)))
        self.units: dict[int, tuple[str, str]] = {}
        entries = []
        for uid, name, short, kind, parent in session.execute(
            select(Unit.id, Unit.name, Unit.short_name, Unit.kind, Unit.parent_id).order_by(Unit.id)
        ):
            self.units[uid] = (name, short)
            entries.append(UnitName(uid, name, short, kind, parent))
        place = session.scalar(select(Setting.value).where(Setting.key == "place_name"))
        self.place = OrganizationSettings.place_name if place is None else place
        self.matcher = UnitMatcher(entries, self.place)
        self.persons: dict[str, list[KnownPerson]] = {}
        # plain SQL: tens of thousands of people load without SQLAlchemy's per-value processing
        persons = self.persons
        self.fold_of: dict[str, str] = {}
        """Names as stored → their folded key (saves folding again the names a sheet repeats exactly)."""
        fold_of = self.fold_of
        fromisoformat = date.fromisoformat
        cursor = session.connection().connection.driver_connection.execute(  # type: ignore[union-attr]
            f"SELECT id, {', '.join(PERSON_COLUMNS)} FROM person"
        )
        for row in cursor.fetchall():
            born = row[2]
            person = KnownPerson(
                row[0],
                Ref("id", row[0]),
                row[1],
                fromisoformat(born[:10]) if born else None,
                row[4],
                None,
                None,
                row[1:],
            )
            key = fold_of.get(row[1])
            if key is None:
                key = fold_of[row[1]] = fast_fold(row[1])
            persons.setdefault(key, []).append(person)
        names = dict(session.execute(select(AwardForm.code, AwardForm.name)).all())
        self.title_names: dict[str, str] = names
        self.titles = title_index({name: code for code, name in names.items()})
        self.phases: dict[int, tuple[int, date | None, date | None]] = {}
        self.pledges_by_person: dict[int, tuple[int, str, str]] = {}
        self.pledges_by_unit: dict[int, int] = {}
        self.targets: dict[tuple[Ref, str], list[KnownTarget]] = {}
        self.target_count: dict[Ref, int] = {}
        self.evidence: dict[tuple[str, int], list[KnownEvidence]] = {}
        self.ratings: dict[tuple[int, int], tuple[int, dict[str, Any]]] = {}
        """(person id, year) → (rating id, its level, score and notes)."""
        for rid, person_id, year, level, score, notes in session.execute(
            select(
                QualityRating.id,
                QualityRating.person_id,
                QualityRating.year,
                QualityRating.level,
                QualityRating.score,
                QualityRating.notes,
            ).where(QualityRating.person_id.is_not(None))
        ):
            self.ratings[(person_id, year)] = (rid, {"level": level, "score": score, "notes": notes})
        self.fingerprint = fingerprint(session)

    def load_campaign(self, session: Session, campaign_id: int) -> None:
        for pid, number, start, end in session.execute(
            select(Phase.id, Phase.number, Phase.start_date, Phase.end_date).where(
                Phase.campaign_id == campaign_id
            )
        ):
            self.phases[number] = (pid, start, end)
        pledge_ids: list[int] = []
        for pid, unit_id, person_id, title, content in session.execute(
            select(Pledge.id, Pledge.unit_id, Pledge.person_id, Pledge.title_code, Pledge.content)
            .where(Pledge.campaign_id == campaign_id)
            .order_by(Pledge.id)
        ):
            pledge_ids.append(pid)
            if person_id is not None:
                self.pledges_by_person.setdefault(person_id, (pid, title, content))
            elif unit_id is not None:
                self.pledges_by_unit.setdefault(unit_id, pid)
        target_columns = [getattr(Target, c) for c in TARGET_COLUMNS]
        for row in session.execute(
            select(Target.id, Target.pledge_id, *target_columns)
            .join(Pledge, Pledge.id == Target.pledge_id)
            .where(Pledge.campaign_id == campaign_id)
        ):
            values = dict(zip(TARGET_COLUMNS, row[2:], strict=True))
            pledge_ref: Ref = Ref("id", row[1])
            target = KnownTarget(Ref("id", row[0]), pledge_ref, fast_fold(values["content"]), values)
            self.targets.setdefault((pledge_ref, target.content_key), []).append(target)
            self.target_count[pledge_ref] = max(
                self.target_count.get(pledge_ref, 0), values["sort_order"] + 1
            )
        evidence_columns = [getattr(Evidence, c) for c in EVIDENCE_COLUMNS]
        for row in session.execute(
            select(Evidence.id, *evidence_columns).where(
                Evidence.pledge_id.in_(pledge_ids)
                | Evidence.target_id.in_(select(Target.id).where(Target.pledge_id.in_(pledge_ids)))
            )
        ):
            values = dict(zip(EVIDENCE_COLUMNS, row[1:], strict=True))
            key = ("target", values["target_id"]) if values["target_id"] else ("pledge", values["pledge_id"])
            self.evidence.setdefault(key, []).append(KnownEvidence(Ref("id", row[0]), values))

    def find_unit(self, name: str) -> int | None:
        """The one unit a name means (None when none or several fit)."""
        found = self.matcher.find(name) if name else []
        return found[0] if len(found) == 1 else None

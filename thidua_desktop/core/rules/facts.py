"""Facts about subjects, gathered from the database into plain dataclasses that the rules read.

``load_facts`` runs a fixed handful of batch queries (units, people, households, ratings, awards, disciplines,
initiatives, membership gaps, the campaign's pledges with evidence) whatever the number of subjects: no query per
subject. Rules never touch the database.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import select

from thidua_desktop.core.enums import (
    CommendationKind,
    DisciplineForm,
    Gender,
    RatingLevel,
    SubjectType,
    UnitKind,
)
from thidua_desktop.core.models import (
    AwardForm,
    AwardProposal,
    Discipline,
    Household,
    Initiative,
    InitiativeAuthor,
    PartyMembershipGap,
    Person,
    PriorAward,
    QualityRating,
    Unit,
)
from thidua_desktop.core.services import pledges as pledge_service
from thidua_desktop.core.storage.database import Database

SubjectKey = tuple[str, int]

LEVEL_RANK = {
    RatingLevel.EXCELLENT.value: 3,
    RatingLevel.GOOD.value: 2,
    RatingLevel.COMPLETE.value: 1,
    RatingLevel.INCOMPLETE.value: 0,
}
SEVERITY = {form.value: rank for rank, form in enumerate(DisciplineForm)}
"""Discipline forms by severity: reprimand 0 < warning 1 < ... < expulsion."""

LDTT_OR_ABOVE = frozenset({"LDTT", "CSTDCS", "CSTD_TINH"})
"""Titles that include the «Lao động tiên tiến» standard (CSTĐ requires it)."""


@dataclass(frozen=True)
class RatingFact:
    year: int
    level: str
    score: float | None = None
    is_outstanding: bool = False

    @property
    def rank(self) -> int:
        return LEVEL_RANK.get(self.level, -1)

    @property
    def label(self) -> str:
        return RatingLevel(self.level).label if self.level in LEVEL_RANK else self.level


@dataclass(frozen=True)
class AwardFact:
    code: str
    year: int | None
    name: str = ""
    level: str = ""
    decision_number: str = ""
    decision_date: date | None = None
    campaign_based: bool = False

    def describe(self) -> str:
        """«Giấy khen ... (level) năm 2022 (QĐ số 98-QĐ/ĐU)»."""
        text = self.name or self.code
        if self.level:
            text += f" ({self.level})"
        if self.year is not None:
            text += f" năm {self.year}"
        if self.decision_number:
            text += f" (QĐ số {self.decision_number})"
        return text


@dataclass(frozen=True)
class DisciplineFact:
    form: str
    start: date
    end: date | None = None
    decision_date: date | None = None
    reason: str = ""
    system: str | None = None
    """``DisciplineSystem`` value (Party or State), None when not recorded."""
    readmitted: date | None = None
    """For an expulsion: the day the person was re-admitted (the end of the membership gap it opened), if any."""

    @property
    def label(self) -> str:
        return DisciplineForm(self.form).label if self.form in SEVERITY else self.form

    @property
    def severity(self) -> int:
        return SEVERITY.get(self.form, -1)


@dataclass(frozen=True)
class InitiativeFact:
    title: str
    level: str
    recognized_date: date | None = None


@dataclass(frozen=True)
class GapFact:
    start: date
    end: date


@dataclass(frozen=True)
class TargetFact:
    content: str
    target_value: float | None
    unit_of_measure: str
    achieved_value: float | None
    verified: bool
    met: bool | None
    """True: met with verified evidence; False: verified evidence shows it missed; None: not known yet."""


@dataclass(frozen=True)
class PledgeFacts:
    title_code: str
    targets: tuple[TargetFact, ...]
    """The targets of the phase under review (all targets when no phase is chosen)."""


@dataclass(frozen=True)
class MemberSummary:
    """What the records say about a collective's members in the year under review."""

    declared: int
    """Members the collective reports (``unit.member_count``), or the people on record when not reported."""
    known: int
    """Members on record (people attached to the unit)."""
    ldtt: int
    """Members on record holding «Lao động tiên tiến» or a title above it in the year."""
    cstdcs: int
    rated: int
    completing: int
    """Members rated «Hoàn thành nhiệm vụ» or better in the year."""
    not_completing: tuple[str, ...] = ()
    disciplined: tuple[str, ...] = ()
    """Members known to be disciplined at «cảnh cáo» or above during the year: «name (form)» (given directly)."""
    member_disciplines: tuple[tuple[str, DisciplineFact], ...] = ()
    """Every discipline of a member on record at «cảnh cáo» or above, (name, discipline): the rules decide which
    fall in the year, with the same default period as for an individual when no end date is recorded."""
    without_ldtt: tuple[int, ...] = ()
    """Person ids of members on record without a decided LĐTT (or higher) for the year: the rules may find that
    they meet it now."""
    without_cstdcs: tuple[int, ...] = ()


@dataclass
class SubjectFacts:
    subject_type: str
    subject_id: int
    name: str
    unit_name: str = ""
    unit_kind: str = ""
    """For a collective: its kind; for a person: the kind of their unit."""
    category: str | None = None
    gender: str | None = None
    is_party: bool = False
    is_top_committee: bool = False
    """The Party committee that runs the program (a unit kind «Đảng ủy» without a parent)."""
    is_grassroots: bool | None = None
    """Party organization: grassroots (chi bộ cơ sở, đảng bộ cơ sở) or not; for a person, their chi bộ's."""
    grassroots_committee: str = ""
    """For a chi bộ under a grassroots đảng ủy (and its members): that đảng ủy's name."""
    hire_date: date | None = None
    female_share: float | None = None
    ratings: dict[int, RatingFact] = field(default_factory=dict)
    awards: list[AwardFact] = field(default_factory=list)
    disciplines: list[DisciplineFact] = field(default_factory=list)
    initiatives: list[InitiativeFact] = field(default_factory=list)
    party_join_date: date | None = None
    party_gaps: list[GapFact] = field(default_factory=list)
    members: MemberSummary | None = None
    pledge: PledgeFacts | None = None

    @property
    def key(self) -> SubjectKey:
        return self.subject_type, self.subject_id

    @property
    def is_female_priority(self) -> bool:
        """Ties favour women and collectives with at least 70% women (NĐ 152/2025 Điều 4)."""
        if self.subject_type == SubjectType.PERSON:
            return self.gender == Gender.FEMALE
        return self.female_share is not None and self.female_share >= 70

    def rating(self, year: int) -> RatingFact | None:
        return self.ratings.get(year)

    def awards_of(self, codes: str | frozenset[str], include_campaign: bool = False) -> list[AwardFact]:
        wanted = frozenset({codes}) if isinstance(codes, str) else codes
        return [a for a in self.awards if a.code in wanted and (include_campaign or not a.campaign_based)]

    def has_data_for(self, year: int) -> bool:
        """Whether anything is on record for the year (a rating or an award): absence then means «not held»."""
        return year in self.ratings or any(a.year == year for a in self.awards)


@dataclass
class FactsBook:
    year: int
    subjects: dict[SubjectKey, SubjectFacts] = field(default_factory=dict)

    def get(self, subject_type: str, subject_id: int) -> SubjectFacts | None:
        return self.subjects.get((subject_type, subject_id))

    def __iter__(self) -> Iterator[SubjectFacts]:
        return iter(self.subjects.values())


def _female_share(members: int | None, women: int | None) -> float | None:
    if not members or women is None:
        return None
    return women / members * 100


def load_facts(
    db: Database, year: int, campaign_id: int | None = None, phase_id: int | None = None
) -> FactsBook:
    """Facts about every unit, person and household, for rules about ``year`` and the campaign phase."""
    book = FactsBook(year)
    with db.session() as session:
        units = list(session.scalars(select(Unit)))
        persons = list(session.scalars(select(Person)))
        households = list(session.scalars(select(Household)))
        ratings = list(session.scalars(select(QualityRating)))
        awards = session.execute(
            select(PriorAward, AwardProposal.commendation_kind, AwardForm.name)
            .outerjoin(AwardProposal, PriorAward.proposal_id == AwardProposal.id)
            .outerjoin(AwardForm, AwardForm.code == PriorAward.award_code)
        ).all()
        disciplines = list(session.scalars(select(Discipline)))
        initiatives = session.execute(
            select(InitiativeAuthor.person_id, Initiative).join(
                Initiative, Initiative.id == InitiativeAuthor.initiative_id
            )
        ).all()
        gaps = list(session.scalars(select(PartyMembershipGap).order_by(PartyMembershipGap.start_date)))

    unit_by_id = {u.id: u for u in units}
    for unit in units:
        parent = unit_by_id.get(unit.parent_id) if unit.parent_id else None
        book.subjects[(SubjectType.UNIT.value, unit.id)] = SubjectFacts(
            subject_type=SubjectType.UNIT.value,
            subject_id=unit.id,
            name=unit.name,
            unit_name=parent.name if parent else "",
            unit_kind=unit.kind,
            is_party=unit.is_party_org,
            is_top_committee=unit.kind == UnitKind.PARTY_COMMITTEE and unit.parent_id is None,
            is_grassroots=grassroots_of(unit, unit_by_id),
            grassroots_committee=_grassroots_committee(unit, unit_by_id),
            female_share=_female_share(unit.member_count, unit.female_count),
        )
    for person in persons:
        own = unit_by_id.get(person.unit_id) if person.unit_id else None
        book.subjects[(SubjectType.PERSON.value, person.id)] = SubjectFacts(
            subject_type=SubjectType.PERSON.value,
            subject_id=person.id,
            name=person.full_name,
            unit_name=own.name if own else "",
            unit_kind=own.kind if own else "",
            category=person.category,
            gender=person.gender,
            is_party=person.is_party_member,
            party_join_date=person.party_join_date,
            is_grassroots=grassroots_of(own, unit_by_id) if own else None,
            grassroots_committee=_grassroots_committee(own, unit_by_id) if own else "",
            hire_date=person.hire_date,
        )
    for household in households:
        group = unit_by_id.get(household.residential_group_id) if household.residential_group_id else None
        book.subjects[(SubjectType.HOUSEHOLD.value, household.id)] = SubjectFacts(
            subject_type=SubjectType.HOUSEHOLD.value,
            subject_id=household.id,
            name=f"Hộ {household.head_name}",
            unit_name=group.name if group else "",
        )

    def facts_of(unit_id: int | None, person_id: int | None, household_id: int | None = None) -> SubjectFacts:
        if unit_id is not None:
            return book.subjects[(SubjectType.UNIT.value, unit_id)]
        if person_id is not None:
            return book.subjects[(SubjectType.PERSON.value, person_id)]
        return book.subjects[(SubjectType.HOUSEHOLD.value, household_id or 0)]

    for rating in ratings:
        facts_of(rating.unit_id, rating.person_id).ratings[rating.year] = RatingFact(
            rating.year, rating.level, rating.score, rating.is_outstanding
        )
    for award, kind, catalogue_name in awards:
        facts_of(award.unit_id, award.person_id, award.household_id).awards.append(
            AwardFact(
                code=award.award_code,
                year=award.year,
                name=award.form_name or catalogue_name or award.award_code,
                level=award.level,
                decision_number=award.decision_number,
                decision_date=award.decision_date,
                campaign_based=kind == CommendationKind.CAMPAIGN,
            )
        )
    for row in disciplines:
        facts_of(row.unit_id, row.person_id).disciplines.append(
            DisciplineFact(row.form, row.start_date, row.end_date, row.decision_date, row.reason, row.system)
        )
    for person_id, initiative in initiatives:
        facts_of(None, person_id).initiatives.append(
            InitiativeFact(initiative.title, initiative.level, initiative.recognized_date)
        )
    for gap in gaps:
        facts_of(None, gap.person_id).party_gaps.append(GapFact(gap.start_date, gap.end_date))
    for subject in book:
        if subject.party_gaps and subject.disciplines:
            subject.disciplines = [_with_readmission(d, subject.party_gaps) for d in subject.disciplines]

    _summarise_members(book, units, persons, year)
    if campaign_id is not None:
        _attach_pledges(book, db, campaign_id, phase_id)
    return book


READMISSION_WINDOW_DAYS = 366
"""An expulsion opens the membership gap that starts within a year of it (the gap is recorded from the decision or
from when it took effect)."""


def _with_readmission(item: DisciplineFact, gaps: list[GapFact]) -> DisciplineFact:
    if item.form != DisciplineForm.EXPULSION.value:
        return item
    ends = [
        g.end
        for g in gaps
        if g.end > item.start and abs((g.start - item.start).days) <= READMISSION_WINDOW_DAYS
    ]
    return replace(item, readmitted=min(ends)) if ends else item


def grassroots_of(unit: Unit, unit_by_id: dict[int, Unit]) -> bool | None:
    """Whether a Party organization is grassroots: as recorded, else a Party organization directly under the top
    committee is one (Quy định 294-QĐ/TW: the ward committee is the level above grassroots organizations)."""
    if not unit.is_party_org:
        return None
    if unit.is_grassroots is not None:
        return unit.is_grassroots
    parent = unit_by_id.get(unit.parent_id) if unit.parent_id else None
    if parent is not None and parent.kind == UnitKind.PARTY_COMMITTEE and parent.parent_id is None:
        return True
    return None


def party_standing(unit: Unit | None, unit_by_id: dict[int, Unit]) -> tuple[bool | None, str]:
    """(grassroots or not, the grassroots đảng ủy above it) of a Party organization, for the rules of who signs."""
    if unit is None:
        return None, ""
    return grassroots_of(unit, unit_by_id), _grassroots_committee(unit, unit_by_id)


def _grassroots_committee(unit: Unit, unit_by_id: dict[int, Unit]) -> str:
    """The grassroots đảng ủy a chi bộ not itself grassroots belongs to (its nearest «Đảng ủy» ancestor that is
    recorded as grassroots), or "" when there is none on record."""
    if not unit.is_party_org or unit.is_grassroots is not False:
        return ""
    parent = unit_by_id.get(unit.parent_id) if unit.parent_id else None
    while parent is not None:
        if parent.kind == UnitKind.PARTY_COMMITTEE and parent.is_grassroots:
            return parent.name
        parent = unit_by_id.get(parent.parent_id) if parent.parent_id else None
    return ""


def _summarise_members(book: FactsBook, units: list[Unit], persons: list[Person], year: int) -> None:
    by_unit: dict[int, list[SubjectFacts]] = defaultdict(list)
    for person in persons:
        if person.unit_id is not None:
            by_unit[person.unit_id].append(book.subjects[(SubjectType.PERSON.value, person.id)])
    end = date(year, 12, 31)
    for unit in units:
        members = by_unit.get(unit.id, [])
        ldtt = cstdcs = rated = completing = 0
        not_completing: list[str] = []
        disciplined: list[str] = []
        member_disciplines: list[tuple[str, DisciplineFact]] = []
        without_ldtt: list[int] = []
        without_cstdcs: list[int] = []
        for member in members:
            held = {a.code for a in member.awards if a.year == year and not a.campaign_based}
            ldtt += bool(held & LDTT_OR_ABOVE)
            cstdcs += "CSTDCS" in held
            if not held & LDTT_OR_ABOVE:
                without_ldtt.append(member.subject_id)
            if "CSTDCS" not in held:
                without_cstdcs.append(member.subject_id)
            rating = member.rating(year)
            if rating is not None:
                rated += 1
                if rating.rank >= LEVEL_RANK[RatingLevel.COMPLETE.value]:
                    completing += 1
                else:
                    not_completing.append(member.name)
            for d in member.disciplines:
                if d.severity >= SEVERITY[DisciplineForm.WARNING.value] and d.start <= end:
                    member_disciplines.append((member.name, d))
        declared = unit.member_count if unit.member_count is not None else len(members)
        book.subjects[(SubjectType.UNIT.value, unit.id)].members = MemberSummary(
            declared=max(declared, len(members)),
            known=len(members),
            ldtt=ldtt,
            cstdcs=cstdcs,
            rated=rated,
            completing=completing,
            not_completing=tuple(not_completing),
            disciplined=tuple(disciplined),
            member_disciplines=tuple(member_disciplines),
            without_ldtt=tuple(without_ldtt),
            without_cstdcs=tuple(without_cstdcs),
        )


def _attach_pledges(book: FactsBook, db: Database, campaign_id: int, phase_id: int | None) -> None:
    for pledge in pledge_service.list_pledges(db, campaign_id):
        if pledge.subject_id is None:
            continue
        subject = book.get(pledge.subject_type, pledge.subject_id)
        if subject is None:
            continue
        targets = tuple(
            TargetFact(
                content=t.content,
                target_value=t.target_value,
                unit_of_measure=t.unit_of_measure,
                achieved_value=t.achieved_value,
                verified=t.achieved_verified,
                met=_target_met(t.target_value, t.achieved_value, t.achieved_verified),
            )
            for t in pledge.targets
            if phase_id is None or t.phase_id == phase_id
        )
        subject.pledge = PledgeFacts(pledge.title_code, targets)


def _target_met(target_value: float | None, achieved: float | None, verified: bool) -> bool | None:
    """Met only with verified evidence; missed when verified evidence falls short; otherwise not known."""
    if not verified:
        return None
    _progress, met = pledge_service.progress_of(target_value, achieved)
    return met

"""Party badge (Huy hiệu Đảng) candidates at an award occasion: the rules of ``core.rules.badge`` run over the
records, one row per member reaching a milestone, due at this occasion or overdue (reached before the previous one
and never recorded), with the reasons and any proposal already made; recording a badge already awarded; the other
major anniversaries that are award occasions (a setting, table ``setting``, key ``badge.extra_occasions``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from thidua_desktop.core.enums import ProposalStatus, SubjectType
from thidua_desktop.core.errors import ValidationError
from thidua_desktop.core.models import AwardForm, AwardProposal, Person, Setting
from thidua_desktop.core.rules import badge as rule_badge
from thidua_desktop.core.rules.badge import BadgeStatus, badge_status
from thidua_desktop.core.rules.engine import Outcome, evaluate
from thidua_desktop.core.rules.facts import load_facts
from thidua_desktop.core.rules.forms import BADGE_CODE, RULESETS_BY_CODE
from thidua_desktop.core.rules.params import RuleParams, load_rule_params
from thidua_desktop.core.rules.party_age import (
    MILESTONES,
    Occasion,
    format_occasions,
    parse_occasions,
    party_age,
    require_occasion,
)
from thidua_desktop.core.services.common import get_or_raise
from thidua_desktop.core.services.eligibility import (
    ReasonRecord,
    ReviewInfo,
    main_reason,
    make_context,
    reasons_of,
)
from thidua_desktop.core.services.records import PriorAwardRecord, save_prior_award
from thidua_desktop.core.storage.database import Database
from thidua_desktop.core.text import clean, format_date, name_sort_key

EXTRA_OCCASIONS_KEY = "badge.extra_occasions"


def badge_level(milestone: int) -> str:
    """The level written on a badge award or proposal: «30 năm tuổi Đảng»."""
    return f"{milestone} năm tuổi Đảng"


@dataclass
class BadgeRecord:
    person_id: int
    full_name: str
    unit_name: str
    party_join_date: date | None
    party_age_years: int
    party_age_text: str
    milestone: int
    reach_date: date
    early: bool
    result: str
    note: str
    reasons: list[ReasonRecord] = field(default_factory=list)
    gap_count: int = 0
    proposal_status: str = ""
    status: str = BadgeStatus.DUE.value
    """``BadgeStatus``: due at this occasion, or overdue (a milestone reached before the previous occasion)."""

    @property
    def status_label(self) -> str:
        return BadgeStatus(self.status).label

    @property
    def id(self) -> int:
        return self.person_id

    @property
    def eligible(self) -> bool:
        return self.result == Outcome.PASS


def list_badge_candidates(
    db: Database, occasion: date, include_early: bool = False, params: RuleParams | None = None
) -> list[BadgeRecord]:
    """Party members who reach a badge milestone by the award occasion (3/2, 19/5, 2/9, 7/11 or another
    anniversary set), with the reason when one must wait; with ``include_early``, also those a serious illness
    would allow early."""
    extra = load_extra_occasions(db)
    require_occasion(occasion, extra)
    params = params or load_rule_params(db)
    book = load_facts(db, occasion.year)
    review = ReviewInfo(0, None, None, occasion, occasion.year, None, None)
    ctx = make_context(review, params, book, occasion)
    rules = RULESETS_BY_CODE[BADGE_CODE]
    proposed = _badge_proposals(db)
    found: list[BadgeRecord] = []
    for subject in book:
        if not rules.is_for(subject, ctx) or subject.party_join_date is None:
            continue
        milestone = rule_badge.badge_milestone(subject, ctx)
        if milestone is None:
            continue
        level, reached, early = milestone
        if early and not include_early:
            continue
        evaluation = evaluate(rules, subject, ctx)
        reasons = reasons_of(evaluation)
        outcome = evaluation.outcome
        note = main_reason(reasons)
        age = party_age(subject.party_join_date, subject.party_gaps, occasion)
        found.append(
            BadgeRecord(
                person_id=subject.subject_id,
                full_name=subject.name,
                unit_name=subject.unit_name,
                party_join_date=subject.party_join_date,
                party_age_years=age.years,
                party_age_text=str(age),
                milestone=level,
                reach_date=reached,
                early=early,
                result=outcome.value,
                note=note,
                reasons=reasons,
                gap_count=len(subject.party_gaps),
                proposal_status=proposed.get((subject.subject_id, badge_level(level)), ""),
                status=badge_status(reached, occasion, early, extra).value,
            )
        )
    return sorted(
        found, key=lambda b: (b.early, Outcome(b.result).rank, -b.milestone, name_sort_key(b.full_name))
    )


def _badge_proposals(db: Database) -> dict[tuple[int, str], str]:
    with db.session() as session:
        rows = session.execute(
            select(AwardProposal.person_id, AwardProposal.award_level, AwardProposal.status)
            .join(AwardForm, AwardForm.id == AwardProposal.award_form_id)
            .where(AwardForm.code == BADGE_CODE, AwardProposal.status != ProposalStatus.REJECTED.value)
        ).all()
    return {(person_id, level): status for person_id, level, status in rows if person_id is not None}


# --- badges already awarded ------------------------------------------------------------------------------------------


def record_badge_awarded(
    db: Database,
    person_id: int,
    milestone: int,
    awarded_on: date | None,
    decision_number: str = "",
    decision_date: date | None = None,
    today: date | None = None,
) -> PriorAwardRecord:
    """Record that a member already received the badge of ``milestone`` years (a prior award «HUY_HIEU_DANG»,
    level «NN năm tuổi Đảng»), so the milestone is no longer listed as due or overdue. The award date is required;
    it gives the year on record (the table keeps no day of award), the decision's number and date are optional."""
    today = today or date.today()
    if milestone not in MILESTONES:
        raise ValidationError(f"Mốc {milestone} năm không phải mốc Huy hiệu Đảng.", "milestone")
    if awarded_on is None:
        raise ValidationError("Chưa nhập ngày trao Huy hiệu Đảng.", "awarded_on")
    if awarded_on > today:
        raise ValidationError(f"Ngày trao {format_date(awarded_on)} ở sau hôm nay.", "awarded_on")
    if decision_date is not None and decision_date > awarded_on:
        raise ValidationError("Ngày quyết định không được sau ngày trao.", "decision_date")
    with db.session() as session:
        person = get_or_raise(session, Person, person_id, "đảng viên")
        joined = person.party_join_date
    if joined is not None and awarded_on < joined:
        raise ValidationError(
            f"Ngày trao {format_date(awarded_on)} trước ngày vào Đảng {format_date(joined)}.", "awarded_on"
        )
    return save_prior_award(
        db,
        PriorAwardRecord(
            subject_type=SubjectType.PERSON.value,
            subject_id=person_id,
            award_code=BADGE_CODE,
            level=badge_level(milestone),
            year=awarded_on.year,
            decision_number=clean(decision_number),
            decision_date=decision_date,
        ),
    )


# --- other anniversaries that are award occasions (a setting) ------------------------------------------------------


def load_extra_occasions(db: Database) -> tuple[Occasion, ...]:
    """The anniversaries set besides 3/2, 19/5, 2/9, 7/11; entries that no longer read are left out."""
    with db.session() as session:
        text = session.scalar(select(Setting.value).where(Setting.key == EXTRA_OCCASIONS_KEY)) or ""
    found: list[Occasion] = []
    for line in text.splitlines():
        try:
            found.extend(parse_occasions(line))
        except ValidationError:
            continue
    return tuple(found)


def save_extra_occasions(db: Database, text: str) -> tuple[Occasion, ...]:
    """Validate and store the anniversaries (one per line, «dd/mm» or «dd/mm/yyyy» then a name)."""
    occasions = parse_occasions(text)
    value = format_occasions(occasions)
    with db.session() as session:
        row = session.scalar(select(Setting).where(Setting.key == EXTRA_OCCASIONS_KEY))
        if row is None:
            session.add(Setting(key=EXTRA_OCCASIONS_KEY, value=value))
        elif row.value != value:
            row.value = value
    return occasions

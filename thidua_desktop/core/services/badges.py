"""Party badge (Huy hiệu Đảng) candidates at an award occasion: the rules of ``core.rules.badge`` run over the
records, one row per member reaching a milestone, with the reasons and any proposal already made."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from thidua_desktop.core.enums import ProposalStatus
from thidua_desktop.core.models import AwardForm, AwardProposal
from thidua_desktop.core.rules import badge as rule_badge
from thidua_desktop.core.rules.engine import Outcome, evaluate
from thidua_desktop.core.rules.facts import load_facts
from thidua_desktop.core.rules.forms import BADGE_CODE, RULESETS_BY_CODE
from thidua_desktop.core.rules.params import RuleParams, load_rule_params
from thidua_desktop.core.rules.party_age import party_age, require_occasion
from thidua_desktop.core.services.eligibility import (
    ReasonRecord,
    ReviewInfo,
    main_reason,
    make_context,
    reasons_of,
)
from thidua_desktop.core.storage.database import Database
from thidua_desktop.core.text import name_sort_key


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

    @property
    def id(self) -> int:
        return self.person_id

    @property
    def eligible(self) -> bool:
        return self.result == Outcome.PASS


def list_badge_candidates(
    db: Database, occasion: date, include_early: bool = False, params: RuleParams | None = None
) -> list[BadgeRecord]:
    """Party members who reach a badge milestone by the award occasion (3/2, 19/5, 2/9, 7/11), with the reason
    when one must wait; with ``include_early``, also those a serious illness would allow early."""
    require_occasion(occasion)
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
                proposal_status=proposed.get((subject.subject_id, f"{level} năm tuổi Đảng"), ""),
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

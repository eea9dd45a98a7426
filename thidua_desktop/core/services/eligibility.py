"""Who qualifies for what, and why: the rules engine run over the records for a campaign phase or a badge occasion.

``list_candidates`` evaluates every rule set for every subject it is meant for (Party forms only for Party
organizations and members, state forms never for a Party organization) and returns them sorted by how fully they
qualify, each with the criteria, their articles and the sentences that explain the verdict.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from thidua_desktop.core.enums import Authority, CommendationKind, ProposalStatus, Side, SubjectType
from thidua_desktop.core.errors import NotFoundError, ValidationError
from thidua_desktop.core.models import AwardForm, AwardProposal, Campaign, Phase, ProposalBatch
from thidua_desktop.core.rules.authority import decider
from thidua_desktop.core.rules.engine import Context, Evaluation, Outcome, RuleSet, evaluate
from thidua_desktop.core.rules.facts import FactsBook, SubjectFacts, load_facts
from thidua_desktop.core.rules.forms import CANDIDATE_RULESETS, RULESETS_BY_CODE, ruleset
from thidua_desktop.core.rules.params import RuleParams, load_rule_params
from thidua_desktop.core.services.settings import load_settings
from thidua_desktop.core.settings_schema import OrganizationSettings
from thidua_desktop.core.storage.database import Database
from thidua_desktop.core.text import format_date, name_sort_key

ProgressCallback = Callable[[int, int], None]


ROUTINE_CRITERIA = frozenset({"subject", "discipline", "once", "member", "received"})
"""Criteria that rarely decide: a passing candidate is summed up by the others."""


@dataclass
class ReasonRecord:
    criterion: str
    article: str
    result: str
    message: str
    valid_from: date | None = None
    unconfirmed: bool = False
    code: str = ""

    @property
    def symbol(self) -> str:
        return Outcome(self.result).symbol


@dataclass
class ReviewInfo:
    """The review a list of candidates is for: the phase, its review date and the year of annual titles."""

    campaign_id: int
    phase_id: int | None
    phase_number: int | None
    review_date: date
    year: int
    period_start: date | None
    period_end: date | None

    @property
    def label(self) -> str:
        phase = f"giai đoạn {self.phase_number}, " if self.phase_number else ""
        return f"{phase}xét ngày {format_date(self.review_date)}, thành tích năm {self.year}"


@dataclass
class CandidateRecord:
    id: str = ""
    subject_type: str = SubjectType.PERSON.value
    subject_id: int = 0
    subject_name: str = ""
    unit_name: str = ""
    form_code: str = ""
    form_name: str = ""
    ruleset_code: str = ""
    commendation_kind: str = CommendationKind.ANNUAL.value
    side: str = Side.STATE.value
    authority: str = Authority.WARD_CHAIRMAN.value
    authority_name: str = ""
    authority_source: str = ""
    """The text giving the power to decide on the review date (or why it is not known)."""
    review_date: date | None = None
    year: int = 0
    result: str = Outcome.UNKNOWN.value
    score: int = 0
    reasons: list[ReasonRecord] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    female_priority: bool = False
    proposal_status: str = ""
    """Status of a proposal already made for this subject and form in the phase ("" when none)."""
    batch_name: str = ""

    @property
    def outcome(self) -> Outcome:
        return Outcome(self.result)

    @property
    def result_label(self) -> str:
        return f"{self.outcome.symbol} {self.outcome.label}"

    @property
    def main_reason(self) -> str:
        return main_reason(self.reasons)

    @property
    def proposal_label(self) -> str:
        if not self.proposal_status:
            return ""
        label = ProposalStatus(self.proposal_status).label
        return f"{label} ({self.batch_name})" if self.batch_name else label

    @property
    def kind_label(self) -> str:
        return "Theo đợt" if self.commendation_kind == CommendationKind.CAMPAIGN else "Hằng năm"


def main_reason(reasons: list[ReasonRecord]) -> str:
    """What decides: the failing criteria, else the unknown ones, else what makes the subject qualify."""
    for wanted in (Outcome.FAIL, Outcome.UNKNOWN):
        found = [r.message for r in reasons if r.result == wanted]
        if found:
            return "; ".join(dict.fromkeys(found))
    decisive = [r.message for r in reasons if r.code not in ROUTINE_CRITERIA]
    return "; ".join(dict.fromkeys(decisive or [r.message for r in reasons[:1]]))


def assessment_year(review_date: date) -> int:
    """Annual titles judged at a review are those of the last full year (the current year from December on)."""
    return review_date.year if review_date.month == 12 else review_date.year - 1


def review_of(
    db: Database,
    campaign_id: int,
    phase_number: int | None = None,
    review_date: date | None = None,
    phase_id: int | None = None,
    today: date | None = None,
) -> ReviewInfo:
    """The review of a campaign phase (by number or id). Without either, the latest phase already reviewed, else the
    first. ``review_date`` overrides the phase's date (to judge by the rules in force on another day)."""
    today = today or date.today()
    with db.session() as session:
        campaign = session.get(Campaign, campaign_id)
        if campaign is None:
            raise NotFoundError(f"Không tìm thấy phong trào thi đua mã số {campaign_id}.")
        phases = list(
            session.scalars(select(Phase).where(Phase.campaign_id == campaign_id).order_by(Phase.number))
        )
        chosen: Phase | None = None
        if phase_id is not None:
            chosen = next((p for p in phases if p.id == phase_id), None)
            if chosen is None:
                raise ValidationError("Giai đoạn không thuộc phong trào này.", "phase")
        elif phase_number is not None:
            chosen = next((p for p in phases if p.number == phase_number), None)
            if chosen is None:
                numbers = ", ".join(str(p.number) for p in phases) or "không có"
                raise ValidationError(
                    f"Phong trào không có giai đoạn {phase_number} (các giai đoạn: {numbers}).", "phase"
                )
        elif phases:
            reviewed = [p for p in phases if p.review_date and p.review_date <= today]
            chosen = reviewed[-1] if reviewed else phases[0]
        when = review_date or (chosen.review_date if chosen else None) or today
        return ReviewInfo(
            campaign_id=campaign_id,
            phase_id=chosen.id if chosen else None,
            phase_number=chosen.number if chosen else None,
            review_date=when,
            year=assessment_year(when),
            period_start=(chosen.start_date if chosen else None) or campaign.start_date,
            period_end=(chosen.end_date if chosen else None) or campaign.end_date,
        )


def make_context(
    review: ReviewInfo, params: RuleParams, book: FactsBook | None, occasion: date | None = None
) -> Context:
    return Context(
        review_date=review.review_date,
        year=review.year,
        params=params,
        period_start=review.period_start,
        period_end=review.period_end,
        occasion=occasion,
        book=book,
        rulesets=RULESETS_BY_CODE,
    )


def reasons_of(evaluation: Evaluation) -> list[ReasonRecord]:
    return [
        ReasonRecord(r.label, r.article, r.outcome.value, r.message, r.valid_from, r.unconfirmed, r.code)
        for r in evaluation.results
    ]


def _forms(db: Database) -> dict[str, AwardForm]:
    with db.session() as session:
        return {f.code: f for f in session.scalars(select(AwardForm))}


def _existing_proposals(db: Database, review: ReviewInfo) -> dict[tuple[str, int, str, str], tuple[str, str]]:
    """(subject type, id, form code, kind) → (status, batch name) of live proposals of the phase."""
    found: dict[tuple[str, int, str, str], tuple[str, str]] = {}
    with db.session() as session:
        rows = session.execute(
            select(AwardProposal, AwardForm.code, ProposalBatch.name)
            .join(AwardForm, AwardForm.id == AwardProposal.award_form_id)
            .outerjoin(ProposalBatch, ProposalBatch.id == AwardProposal.batch_id)
            .where(AwardProposal.campaign_id == review.campaign_id)
            .where(AwardProposal.status != ProposalStatus.REJECTED.value)
        ).all()
        for proposal, code, batch_name in rows:
            if review.phase_id is not None and proposal.phase_id not in (None, review.phase_id):
                continue
            if proposal.unit_id is not None:
                key = (SubjectType.UNIT.value, proposal.unit_id)
            elif proposal.person_id is not None:
                key = (SubjectType.PERSON.value, proposal.person_id)
            else:
                key = (SubjectType.HOUSEHOLD.value, proposal.household_id or 0)
            found[(*key, code, proposal.commendation_kind)] = (proposal.status, batch_name or "")
    return found


TWO_KIND_FORMS = frozenset(r.form_code for r in CANDIDATE_RULESETS if r.kind == CommendationKind.CAMPAIGN)
"""Forms given both yearly and by campaign: an existing proposal matches only its own kind."""


def candidate_kind(rules: RuleSet) -> str:
    """The commendation kind stored on a proposal made from this rule set."""
    return (
        CommendationKind.CAMPAIGN.value
        if rules.kind == CommendationKind.CAMPAIGN
        else CommendationKind.ANNUAL.value
    )


def _candidate(
    evaluation: Evaluation,
    review: ReviewInfo,
    forms: dict[str, AwardForm],
    existing: dict[tuple[str, int, str, str], tuple[str, str]],
    settings: OrganizationSettings,
) -> CandidateRecord:
    rules, subject = evaluation.ruleset, evaluation.subject
    form = forms.get(rules.form_code)
    who = decider(rules.code, rules.form_code, subject, review.review_date, form.authority if form else "")
    kind = candidate_kind(rules)
    key = (subject.subject_type, subject.subject_id, rules.form_code)
    status, batch_name = existing.get((*key, kind), ("", ""))
    if not status and rules.form_code not in TWO_KIND_FORMS:
        other = (
            CommendationKind.ANNUAL.value
            if kind != CommendationKind.ANNUAL
            else CommendationKind.CAMPAIGN.value
        )
        status, batch_name = existing.get((*key, other), ("", ""))
    return CandidateRecord(
        id=f"{subject.subject_type}:{subject.subject_id}:{rules.code}",
        subject_type=subject.subject_type,
        subject_id=subject.subject_id,
        subject_name=subject.name,
        unit_name=subject.unit_name,
        form_code=rules.form_code,
        form_name=rules.name,
        ruleset_code=rules.code,
        commendation_kind=kind,
        side=rules.side,
        authority=who.authority,
        authority_name=who.name(settings),
        authority_source=who.source,
        review_date=review.review_date,
        year=review.year,
        result=evaluation.outcome.value,
        score=evaluation.score,
        reasons=reasons_of(evaluation),
        notes=list(rules.notes),
        female_priority=subject.is_female_priority,
        proposal_status=status,
        batch_name=batch_name,
    )


def sort_candidates(records: Iterable[CandidateRecord]) -> list[CandidateRecord]:
    """Most qualified first: result, then score, ties to women and collectives of ≥70% women (NĐ 152 Điều 4),
    then names in Vietnamese order."""
    order = {r.code: i for i, r in enumerate(CANDIDATE_RULESETS)}
    return sorted(
        records,
        key=lambda c: (
            c.outcome.rank,
            -c.score,
            not c.female_priority,
            order.get(c.ruleset_code, 99),
            name_sort_key(c.subject_name),
        ),
    )


def list_candidates(
    db: Database,
    campaign_id: int,
    phase_number: int | None = None,
    *,
    phase_id: int | None = None,
    review_date: date | None = None,
    ruleset_codes: Iterable[str] | None = None,
    params: RuleParams | None = None,
    progress: ProgressCallback | None = None,
) -> tuple[ReviewInfo, list[CandidateRecord]]:
    review = review_of(db, campaign_id, phase_number, review_date, phase_id)
    params = params or load_rule_params(db)
    book = load_facts(db, review.year, campaign_id, review.phase_id)
    ctx = make_context(review, params, book)
    wanted = set(ruleset_codes) if ruleset_codes is not None else None
    rulesets = [r for r in CANDIDATE_RULESETS if wanted is None or r.code in wanted]
    forms = _forms(db)
    settings = load_settings(db)
    existing = _existing_proposals(db, review)
    subjects = list(book)
    found: list[CandidateRecord] = []
    for index, subject in enumerate(subjects):
        for rules in rulesets:
            if rules.is_for(subject, ctx):
                found.append(_candidate(evaluate(rules, subject, ctx), review, forms, existing, settings))
        if progress is not None and index % 20 == 0:
            progress(index, len(subjects))
    return review, sort_candidates(found)


def evaluate_subject(
    db: Database,
    campaign_id: int,
    subject_type: str,
    subject_id: int,
    ruleset_code: str,
    *,
    phase_id: int | None = None,
    occasion: date | None = None,
) -> tuple[ReviewInfo, SubjectFacts, Evaluation, bool]:
    """One subject against one rule set: (review, facts, evaluation, whether the form is meant for the subject)."""
    rules = ruleset(ruleset_code)
    review = review_of(db, campaign_id, phase_id=phase_id, review_date=occasion if occasion else None)
    if occasion is not None:
        review.year = occasion.year
    params = load_rule_params(db)
    book = load_facts(db, review.year, campaign_id, review.phase_id)
    subject = book.get(subject_type, subject_id)
    if subject is None:
        raise NotFoundError(f"Không tìm thấy {SubjectType(subject_type).label.lower()} mã số {subject_id}.")
    ctx = make_context(review, params, book, occasion)
    return review, subject, evaluate(rules, subject, ctx), rules.is_for(subject, ctx)

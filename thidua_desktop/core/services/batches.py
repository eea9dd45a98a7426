"""Proposal batches (đợt trình): candidates added with their verdicts, the council vote, the Standing Committee's
approval, sending to the awarding body, and the decision per item, written back as a prior award.

One batch per phase and awarding authority by default. Every change of state is dated and signed in the history
(``BatchStatusChange`` for the batch, ``ProposalStatusChange`` for its items). A sent batch is locked: only the
decision on each item may still be recorded.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from thidua_desktop.core.enums import (
    Authority,
    AwardKind,
    CommendationKind,
    EvidenceStatus,
    LabelledEnum,
    ProposalStatus,
    RatingLevel,
    Side,
    SubjectType,
    UnitKind,
)
from thidua_desktop.core.errors import ValidationError
from thidua_desktop.core.models import (
    AwardForm,
    AwardProposal,
    BatchStatusChange,
    Campaign,
    Person,
    Phase,
    Pledge,
    PriorAward,
    ProposalBatch,
    ProposalStatusChange,
    QualityRating,
    Unit,
)
from thidua_desktop.core.rules import badge as rule_badge
from thidua_desktop.core.rules import law
from thidua_desktop.core.rules.authority import decider
from thidua_desktop.core.rules.engine import Outcome
from thidua_desktop.core.rules.forms import BADGE_CODE, ruleset, side_allows
from thidua_desktop.core.rules.money import Payable, Reward, highest_title_only, reward
from thidua_desktop.core.rules.params import RuleParams, load_rule_params
from thidua_desktop.core.rules.quota import QuotaLine, quorum_met, vote_rule
from thidua_desktop.core.services.common import get_or_raise
from thidua_desktop.core.services.decisions import (
    actor,
    close_batch_if_done,
    move,
    record_decision,
)
from thidua_desktop.core.services.eligibility import (
    TWO_KIND_FORMS,
    ReasonRecord,
    assessment_year,
    candidate_kind,
    evaluate_subject,
    make_context,
    reasons_of,
)
from thidua_desktop.core.services.proposals import StatusChangeRecord
from thidua_desktop.core.services.settings import load_settings
from thidua_desktop.core.services.subjects import set_subject, subject_names, subject_of
from thidua_desktop.core.settings_schema import OrganizationSettings
from thidua_desktop.core.storage.database import Database
from thidua_desktop.core.text import clean, format_date, format_number, format_percent

HTXSNV_CODE = "XL_HTXSNV"


class BatchStatus(LabelledEnum):
    DRAFT = ("draft", "Dự thảo")
    VOTED = ("voted", "Hội đồng đã bỏ phiếu")
    APPROVED = ("approved", "Ban Thường vụ đã duyệt")
    SENT = ("sent", "Đã gửi cấp khen")
    DECIDED = ("decided", "Đã có quyết định")


LOCKED = frozenset({BatchStatus.SENT.value, BatchStatus.DECIDED.value})


@dataclass
class BatchChangeRecord:
    from_status: str | None
    to_status: str
    changed_on: date
    changed_by: str
    note: str

    @property
    def to_label(self) -> str:
        return BatchStatus(self.to_status).label


@dataclass
class BatchItemRecord:
    id: int
    subject_type: str
    subject_id: int
    subject_name: str
    unit_name: str
    form_code: str
    form_name: str
    commendation_kind: str
    award_level: str
    achievement_year: int | None
    achievement_summary: str
    eligibility_result: str
    reasons: list[ReasonRecord]
    override_reason: str
    votes_for: int | None
    vote_rule: str
    vote_passed: bool | None
    status: str
    decision_number: str
    decision_date: date | None
    decision_signer: str
    money: int | None
    money_note: str = ""
    """How the money is computed (coefficient, base salary and its decree, rounding), or why there is none."""
    history: list[StatusChangeRecord] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return ProposalStatus(self.status).label

    @property
    def eligibility_label(self) -> str:
        if not self.eligibility_result:
            return ""
        outcome = Outcome(self.eligibility_result)
        text = f"{outcome.symbol} {outcome.label}"
        return f"{text} — đề xuất ngoài tiêu chuẩn" if self.override_reason else text

    @property
    def form_label(self) -> str:
        text = self.form_name
        if self.award_level:
            text += f" ({self.award_level})"
        elif self.commendation_kind == CommendationKind.CAMPAIGN:
            text += " (theo đợt)"
        return text


@dataclass
class BatchRecord:
    id: int | None = None
    campaign_id: int | None = None
    phase_id: int | None = None
    phase_number: int | None = None
    authority: str = Authority.WARD_CHAIRMAN.value
    authority_name: str = ""
    name: str = ""
    status: str = BatchStatus.DRAFT.value
    document_number: str = ""
    council_members: int | None = None
    members_present: int | None = None
    meeting_date: date | None = None
    approved_date: date | None = None
    sent_date: date | None = None
    notes: str = ""
    meeting_start: str = ""
    """Minutes of the meeting (council ballot, or the Party committee's own meeting): "08:00"."""
    meeting_end: str = ""
    meeting_place: str = ""
    meeting_chair: str = ""
    meeting_secretary: str = ""
    absent_members: list[str] = field(default_factory=list)
    """Names of the members absent, as the settings list them."""
    item_count: int = 0
    decided_count: int = 0
    rejected_count: int = 0
    total_money: int = 0
    history: list[BatchChangeRecord] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return BatchStatus(self.status).label

    @property
    def locked(self) -> bool:
        return self.status in LOCKED

    @property
    def side(self) -> str:
        return Side.PARTY.value if law.side_of_authority(self.authority) == "party" else Side.STATE.value


@dataclass
class BatchDetail:
    batch: BatchRecord
    items: list[BatchItemRecord]
    quota: list[QuotaLine]

    @property
    def quota_breached(self) -> bool:
        return any(line.breached for line in self.quota)

    @property
    def total_money(self) -> int:
        return self.batch.total_money


# --- reading ------------------------------------------------------------------------------------------------------------


class _Env:
    """What turning rows into records needs besides the rows: settings, parameters, forms."""

    def __init__(self, db: Database) -> None:
        self.settings: OrganizationSettings = load_settings(db)
        self.params: RuleParams = load_rule_params(db)


def _reward(row: AwardProposal, env: _Env) -> Reward:
    """The item's reward on its decision date; before a decision, on today's (an estimate)."""
    subject = subject_of(row)
    form = row.award_form
    return reward(
        form.code,
        subject.subject_type,
        row.decision_date or date.today(),
        law.Coefficients(form.coefficient_person, form.coefficient_unit),
        env.params.household_money_factor,
    )


def batch_money(rows: list[AwardProposal], env: _Env) -> dict[int, tuple[int | None, str]]:
    """(amount, explanation) of each item not rejected; of several titles of one subject for the same period
    only the highest is paid (Nghị định 152/2025/NĐ-CP Điều 49 khoản 5)."""
    rewards = {row.id: _reward(row, env) for row in rows if row.status != ProposalStatus.REJECTED}
    payable = [
        Payable(
            row.id,
            subject_of(row),
            row.achievement_year if row.achievement_year is not None else ("phase", row.phase_id),
            row.award_form.kind == AwardKind.TITLE,
            rewards[row.id].amount,
        )
        for row in rows
        if row.id in rewards
    ]
    paid = highest_title_only(payable)
    found: dict[int, tuple[int | None, str]] = {}
    for row_id, result in rewards.items():
        amount = paid[row_id]
        text = result.explanation
        if amount == 0 and result.amount:
            text = f"Không tính tiền thưởng: đã nhận tiền của danh hiệu cao hơn cùng thời gian ({law.HIGHEST_ONLY_SOURCE})"
        found[row_id] = (amount, text)
    return found


def _reasons(text: str) -> list[ReasonRecord]:
    if not text:
        return []
    try:
        rows = json.loads(text)
    except ValueError:
        return []
    found = []
    for row in rows:
        valid = row.get("valid_from")
        found.append(
            ReasonRecord(
                criterion=row.get("criterion", ""),
                article=row.get("article", ""),
                result=row.get("result", Outcome.UNKNOWN.value),
                message=row.get("message", ""),
                valid_from=date.fromisoformat(valid) if valid else None,
                unconfirmed=bool(row.get("unconfirmed", False)),
                code=row.get("code", ""),
            )
        )
    return found


def _item(
    session: Session,
    row: AwardProposal,
    batch: ProposalBatch,
    env: _Env,
    money: dict[int, tuple[int | None, str]] | None = None,
) -> BatchItemRecord:
    if money is None:
        rows = list(batch.proposals)
        money = batch_money(rows if row in rows else [*rows, row], env)
    amount, money_note = money.get(row.id, (None, "Không được duyệt: không có tiền thưởng"))
    subject = subject_of(row)
    name, unit_name = subject_names(session, row)
    rule = vote_rule(row.award_form.code, env.params)
    members = batch.council_members or 0
    passed = rule.passes(row.votes_for, members) if row.votes_for is not None and members else None
    return BatchItemRecord(
        id=row.id,
        subject_type=subject.subject_type,
        subject_id=subject.subject_id,
        subject_name=name,
        unit_name=unit_name if subject.subject_type != SubjectType.UNIT else "",
        form_code=row.award_form.code,
        form_name=row.award_form.name,
        commendation_kind=row.commendation_kind,
        award_level=row.award_level,
        achievement_year=row.achievement_year,
        achievement_summary=row.achievement_summary,
        eligibility_result=row.eligibility_result,
        reasons=_reasons(row.eligibility_json),
        override_reason=row.override_reason,
        votes_for=row.votes_for,
        vote_rule=rule.label,
        vote_passed=passed,
        status=row.status,
        decision_number=row.decision_number,
        decision_date=row.decision_date,
        decision_signer=row.decision_signer,
        money=amount,
        money_note=money_note,
        history=[
            StatusChangeRecord(h.from_status, h.to_status, h.changed_on, h.changed_by, h.note)
            for h in row.history
        ],
    )


def _record(row: ProposalBatch, env: _Env, phase_number: int | None) -> BatchRecord:
    items = [p for p in row.proposals]
    live = [p for p in items if p.status != ProposalStatus.REJECTED]
    return BatchRecord(
        id=row.id,
        campaign_id=row.campaign_id,
        phase_id=row.phase_id,
        phase_number=phase_number,
        authority=row.authority,
        authority_name=env.settings.authority_name(row.authority),
        name=row.name,
        status=row.status,
        document_number=row.document_number,
        council_members=row.council_members,
        members_present=row.members_present,
        meeting_date=row.meeting_date,
        approved_date=row.approved_date,
        sent_date=row.sent_date,
        notes=row.notes,
        meeting_start=row.meeting_start,
        meeting_end=row.meeting_end,
        meeting_place=row.meeting_place,
        meeting_chair=row.meeting_chair,
        meeting_secretary=row.meeting_secretary,
        absent_members=[line.strip() for line in row.absent_members.splitlines() if line.strip()],
        item_count=len(items),
        decided_count=sum(1 for p in items if p.status == ProposalStatus.DECIDED),
        rejected_count=len(items) - len(live),
        total_money=sum(amount or 0 for amount, _text in batch_money(live, env).values()),
        history=[
            BatchChangeRecord(h.from_status, h.to_status, h.changed_on, h.changed_by, h.note)
            for h in row.history
        ],
    )


def _batch_query() -> Select[ProposalBatch]:
    return select(ProposalBatch).options(
        selectinload(ProposalBatch.proposals).selectinload(AwardProposal.award_form),
        selectinload(ProposalBatch.history),
    )


def list_batches(db: Database, campaign_id: int | None = None) -> list[BatchRecord]:
    env = _Env(db)
    with db.session() as session:
        query = _batch_query().order_by(ProposalBatch.id)
        if campaign_id is not None:
            query = query.where(ProposalBatch.campaign_id == campaign_id)
        numbers: dict[int | None, int] = {
            pid: n for pid, n in session.execute(select(Phase.id, Phase.number))
        }
        return [_record(row, env, numbers.get(row.phase_id)) for row in session.scalars(query)]


def get_batch(db: Database, batch_id: int) -> BatchDetail:
    env = _Env(db)
    with db.session() as session:
        row = session.scalar(_batch_query().where(ProposalBatch.id == batch_id))
        if row is None:
            get_or_raise(session, ProposalBatch, batch_id, "đợt trình")
            raise AssertionError("unreachable")
        phase = session.get(Phase, row.phase_id) if row.phase_id else None
        money = batch_money(row.proposals, env)
        items = [
            _item(session, p, row, env, money)
            for p in sorted(row.proposals, key=lambda p: (p.award_form.sort_order, p.id))
        ]
        return BatchDetail(
            _record(row, env, phase.number if phase else None), items, _quota(session, row, env)
        )


# --- quota --------------------------------------------------------------------------------------------------------------


def _quota(session: Session, batch: ProposalBatch, env: _Env) -> list[QuotaLine]:
    """The cap on HTXSNV (Quy định 366-QĐ/TW Điều 11 khoản 1.5: at most 20%, 25% in a unit rated tiêu biểu, of the
    number rated «Hoàn thành tốt nhiệm vụ») for each year and group (Party members, Party organizations) of the
    batch's HTXSNV items, counting HTXSNV already decided that year."""
    items = [
        p for p in batch.proposals if p.award_form.code == HTXSNV_CODE and p.status != ProposalStatus.REJECTED
    ]
    if not items:
        return []
    years = sorted({p.achievement_year or _batch_year(session, batch) for p in items})
    lines: list[QuotaLine] = []
    party_people = set(session.scalars(select(Person.id).where(Person.is_party_member.is_(True))))
    party_units = {u.id: u for u in session.scalars(select(Unit).where(Unit.is_party_org.is_(True)))}
    top = [u.id for u in party_units.values() if u.kind == UnitKind.PARTY_COMMITTEE and u.parent_id is None]
    for year in years:
        ratings = list(session.scalars(select(QualityRating).where(QualityRating.year == year)))
        decided = list(
            session.scalars(
                select(PriorAward).where(PriorAward.award_code == HTXSNV_CODE, PriorAward.year == year)
            )
        )
        outstanding = any(r.unit_id in top and r.is_outstanding for r in ratings)
        percent = env.params.htxsnv_cap_outstanding_percent if outstanding else env.params.htxsnv_cap_percent
        for label, attr, members in (
            ("Đảng viên", "person_id", party_people),
            ("Tổ chức đảng", "unit_id", set(party_units) - set(top)),
        ):
            proposed = {
                getattr(p, attr)
                for p in items
                if getattr(p, attr) is not None and (p.achievement_year or years[0]) == year
            }
            if not proposed:
                continue
            excellent = proposed | {getattr(a, attr) for a in decided if getattr(a, attr) in members}
            base = {
                getattr(r, attr)
                for r in ratings
                if r.level == RatingLevel.GOOD and getattr(r, attr) in members
            } - excellent
            lines.append(QuotaLine(label, year, len(excellent), len(base), percent))
    return lines


def _batch_year(session: Session, batch: ProposalBatch) -> int:
    phase = session.get(Phase, batch.phase_id) if batch.phase_id else None
    when = phase.review_date if phase and phase.review_date else date.today()
    return assessment_year(when)


def quota_check(db: Database, batch_id: int) -> list[QuotaLine]:
    return get_batch(db, batch_id).quota


# --- writing ------------------------------------------------------------------------------------------------------------


def _by(db: Database, by: str | None) -> str:
    return actor(db, by)


def _batch_change(batch: ProposalBatch, to: BatchStatus, on: date, by: str, note: str = "") -> None:
    batch.history.append(
        BatchStatusChange(
            from_status=batch.status, to_status=to.value, changed_on=on, changed_by=by, note=note
        )
    )
    batch.status = to.value


def _item_change(row: AwardProposal, to: ProposalStatus, on: date, by: str, note: str = "") -> None:
    move(row, to, on, by, note)


def _load(session: Session, batch_id: int) -> ProposalBatch:
    row = session.scalar(_batch_query().where(ProposalBatch.id == batch_id))
    if row is None:
        return get_or_raise(session, ProposalBatch, batch_id, "đợt trình")
    return row


def _require_status(batch: ProposalBatch, *allowed: BatchStatus, action: str) -> None:
    if batch.status not in {s.value for s in allowed}:
        current = BatchStatus(batch.status).label.lower()
        if batch.status in LOCKED:
            raise ValidationError(f"Đợt trình đã gửi cấp khen nên bị khóa: không thể {action}.", "status")
        raise ValidationError(f"Đợt trình đang ở trạng thái «{current}»: không thể {action}.", "status")


def default_batch_name(authority: str, phase: Phase | None, settings: OrganizationSettings) -> str:
    when = f" — giai đoạn {phase.number}" if phase else ""
    return f"Trình {settings.authority_name(authority)}{when}"


def create_batch(
    db: Database,
    campaign_id: int,
    phase_id: int | None,
    authority: str,
    name: str = "",
    by: str | None = None,
    on: date | None = None,
) -> BatchRecord:
    if authority not in Authority._value2member_map_:
        raise ValidationError("Cấp khen không hợp lệ.", "authority")
    env = _Env(db)
    with db.session() as session:
        get_or_raise(session, Campaign, campaign_id, "phong trào thi đua")
        phase = get_or_raise(session, Phase, phase_id, "giai đoạn") if phase_id is not None else None
        if phase is not None and phase.campaign_id != campaign_id:
            raise ValidationError("Giai đoạn không thuộc phong trào này.", "phase_id")
        row = ProposalBatch(
            campaign_id=campaign_id,
            phase_id=phase_id,
            authority=authority,
            name=clean(name) or default_batch_name(authority, phase, env.settings),
            status=BatchStatus.DRAFT.value,
        )
        session.add(row)
        row.history.append(
            BatchStatusChange(
                from_status=None,
                to_status=BatchStatus.DRAFT.value,
                changed_on=on or date.today(),
                changed_by=_by(db, by),
                note="Lập đợt trình",
            )
        )
        session.flush()
        return _record(row, env, phase.number if phase else None)


def open_batches_for(
    db: Database, campaign_id: int, phase_id: int | None, authority: str
) -> list[BatchRecord]:
    """Draft batches of the phase for the authority: where new candidates can go."""
    return [
        b
        for b in list_batches(db, campaign_id)
        if b.phase_id == phase_id and b.authority == authority and b.status == BatchStatus.DRAFT
    ]


def save_batch(db: Database, record: BatchRecord) -> BatchRecord:
    """Rename or annotate a batch (not once it is sent)."""
    if record.id is None:
        raise ValidationError("Chưa chọn đợt trình.", "id")
    env = _Env(db)
    with db.session() as session:
        row = _load(session, record.id)
        if row.status in LOCKED:
            raise ValidationError("Đợt trình đã gửi cấp khen nên bị khóa, không sửa được.", "status")
        name = clean(record.name)
        if not name:
            raise ValidationError("Chưa nhập tên đợt trình.", "name")
        row.name = name
        row.notes = record.notes.strip()
        row.document_number = clean(record.document_number)
        session.flush()
        phase = session.get(Phase, row.phase_id) if row.phase_id else None
        return _record(row, env, phase.number if phase else None)


def delete_batch(db: Database, batch_id: int) -> None:
    """Delete a draft batch; its items stay as draft proposals outside any batch."""
    with db.session() as session:
        row = _load(session, batch_id)
        _require_status(row, BatchStatus.DRAFT, action="xóa đợt trình")
        for proposal in list(row.proposals):
            proposal.batch_id = None
        session.flush()
        session.delete(row)


def add_candidate(
    db: Database,
    batch_id: int,
    subject_type: str,
    subject_id: int,
    ruleset_code: str,
    *,
    override_reason: str = "",
    achievement_summary: str = "",
    occasion: date | None = None,
    by: str | None = None,
    on: date | None = None,
) -> BatchItemRecord:
    """Add a subject to a draft batch for a form. A subject who does not (yet) qualify needs a written reason (an
    override, kept in the history); a Party form never goes to a non-Party subject, nor the reverse."""
    rules = ruleset(ruleset_code)
    who = _by(db, by)
    when = on or date.today()
    with db.session() as session:
        batch = _load(session, batch_id)
        _require_status(batch, BatchStatus.DRAFT, action="thêm đối tượng")
        form = session.scalar(select(AwardForm).where(AwardForm.code == rules.form_code))
        if form is None:
            raise ValidationError(f"Danh mục không có hình thức «{rules.name}».", "form")
        campaign_id, phase_id = batch.campaign_id, batch.phase_id
        batch_authority, catalogue_authority = batch.authority, form.authority
    if rules.code == BADGE_CODE and occasion is None:
        raise ValidationError("Chưa chọn đợt trao Huy hiệu Đảng.", "occasion")
    review, subject, evaluation, meant = evaluate_subject(
        db, campaign_id, subject_type, subject_id, rules.code, phase_id=phase_id, occasion=occasion
    )
    if not side_allows(rules.side, subject):
        side = "của Đảng" if rules.side == Side.PARTY else "của Nhà nước"
        raise ValidationError(
            f"Không đề nghị hình thức khen thưởng {side} «{rules.name}» cho {subject.name}: "
            + (
                "đối tượng không phải tổ chức đảng, đảng viên."
                if rules.side == Side.PARTY
                else "tổ chức đảng nhận hình thức khen thưởng của Đảng."
            ),
            "form",
        )
    if not meant:
        raise ValidationError(f"Hình thức «{rules.name}» không dành cho {subject.name}.", "form")
    deciding = decider(rules.code, rules.form_code, subject, review.review_date, catalogue_authority)
    if not deciding.known:
        raise ValidationError(f"{subject.name}, «{rules.name}»: {deciding.source}.", "batch")
    if deciding.authority != batch_authority:
        settings = load_settings(db)
        raise ValidationError(
            f"«{rules.name}» của {subject.name} (xét ngày {format_date(review.review_date)}) do "
            f"{deciding.name(settings)} quyết định ({deciding.source}); hãy chọn đợt trình gửi đúng cấp khen.",
            "batch",
        )
    reason = override_reason.strip()
    outcome = evaluation.outcome
    if outcome != Outcome.PASS and not reason:
        failing = [r for r in evaluation.results if r.outcome != Outcome.PASS]
        detail = "; ".join(r.message for r in failing[:3])
        raise ValidationError(
            f"{subject.name} chưa đủ tiêu chuẩn «{rules.name}»: {detail}. "
            "Muốn vẫn đề xuất, hãy dùng «Đề xuất ngoài tiêu chuẩn» và ghi rõ lý do.",
            "override_reason",
        )
    level = ""
    year: int | None = review.year if rules.kind == CommendationKind.ANNUAL else None
    if rules.code == BADGE_CODE and occasion is not None:
        found = rule_badge.badge_milestone(
            subject, make_context(review, load_rule_params(db), None, occasion)
        )
        if found is None:
            raise ValidationError(f"{subject.name} chưa đến mốc Huy hiệu Đảng nào ở đợt này.", "occasion")
        level, year = f"{found[0]} năm tuổi Đảng", occasion.year
    kind = candidate_kind(rules)
    snapshot = json.dumps(
        [
            {
                "criterion": r.criterion,
                "article": r.article,
                "result": r.result,
                "message": r.message,
                "valid_from": r.valid_from.isoformat() if r.valid_from else None,
                "unconfirmed": r.unconfirmed,
                "code": r.code,
            }
            for r in reasons_of(evaluation)
        ],
        ensure_ascii=False,
    )
    env = _Env(db)
    with db.session() as session:
        batch = _load(session, batch_id)
        _require_status(batch, BatchStatus.DRAFT, action="thêm đối tượng")
        form = session.scalar(select(AwardForm).where(AwardForm.code == rules.form_code))
        assert form is not None
        row = _live_proposal(session, batch, form, subject_type, subject_id, kind, level)
        verdict = f"Kết quả xét: {outcome.label.lower()} ({evaluation.score} điểm)"
        note = f"Thêm vào đợt trình «{batch.name}». {verdict}"
        if reason:
            note += f". Đề xuất ngoài tiêu chuẩn, lý do: {reason}"
        if row is None:
            row = AwardProposal(status=ProposalStatus.DRAFT.value, campaign_id=batch.campaign_id)
            set_subject(session, row, subject_type, subject_id)
            session.add(row)
            row.history.append(
                ProposalStatusChange(
                    from_status=None,
                    to_status=ProposalStatus.DRAFT.value,
                    changed_on=when,
                    changed_by=who,
                    note=note,
                )
            )
        else:
            row.history.append(
                ProposalStatusChange(
                    from_status=row.status, to_status=row.status, changed_on=when, changed_by=who, note=note
                )
            )
        row.phase_id = batch.phase_id
        row.batch_id = batch.id
        row.award_form_id = form.id
        row.authority = deciding.authority
        row.commendation_kind = kind
        row.achievement_year = year
        row.award_level = level
        row.eligibility_result = outcome.value
        row.eligibility_json = snapshot
        row.override_reason = reason
        if achievement_summary.strip():
            row.achievement_summary = achievement_summary.strip()
        elif not row.achievement_summary:
            row.achievement_summary = plain_summary(session, campaign_id, subject_type, subject_id, phase_id)
        session.flush()
        session.refresh(row)
        return _item(session, row, batch, env)


def _value(value: float, unit: str) -> str:
    number = format_number(value, 0 if float(value).is_integer() else 1)
    return f"{number}{unit}" if unit in ("", "%") else f"{number} {unit}"


def plain_summary(
    session: Session, campaign_id: int, subject_type: str, subject_id: int, phase_id: int | None
) -> str:
    """The achievement summary a new item starts with, in the words of an official paper: what the subject pledged
    and reached, from its verified evidence ("tỷ lệ thủ tục hành chính trực tuyến đạt 92,5% (chỉ tiêu 90%), theo
    Báo cáo số …"). The clerk edits it; the rule engine's reasons stay in the eligibility record and never go into
    the papers."""
    column = {
        SubjectType.UNIT.value: Pledge.unit_id,
        SubjectType.PERSON.value: Pledge.person_id,
        SubjectType.HOUSEHOLD.value: Pledge.household_id,
    }[subject_type]
    pledges = session.scalars(
        select(Pledge).where(Pledge.campaign_id == campaign_id, column == subject_id).order_by(Pledge.id)
    ).all()
    parts = []
    for pledge in pledges:
        for target in sorted(pledge.targets, key=lambda t: (t.sort_order, t.id)):
            if phase_id is not None and target.phase_id not in (None, phase_id):
                continue
            verified = [
                e
                for e in target.evidence
                if e.status == EvidenceStatus.VERIFIED and e.achieved_value is not None
            ]
            if not verified:
                continue
            best = max(verified, key=lambda e: e.achieved_value or 0)
            text = f"{target.content[:1].lower()}{target.content[1:]} đạt {_value(best.achieved_value or 0, target.unit_of_measure)}"
            if target.target_value is not None:
                text += f" (chỉ tiêu {_value(target.target_value, target.unit_of_measure)})"
            if best.document_ref:
                text += f", theo {best.document_ref}"
            parts.append(text)
    if parts:
        return "Hoàn thành các chỉ tiêu thi đua đã đăng ký: " + "; ".join(parts[:4]) + "."
    content = next((p.content.strip() for p in pledges if p.content.strip()), "")
    return f"Thực hiện nội dung đăng ký thi đua: {content}" if content else ""


def _live_proposal(
    session: Session,
    batch: ProposalBatch,
    form: AwardForm,
    subject_type: str,
    subject_id: int,
    kind: str,
    level: str,
) -> AwardProposal | None:
    """A proposal already made for the same subject, form and phase: reused when it is a loose draft, refused
    when it is in another batch or further along."""
    column = {
        SubjectType.UNIT.value: AwardProposal.unit_id,
        SubjectType.PERSON.value: AwardProposal.person_id,
        SubjectType.HOUSEHOLD.value: AwardProposal.household_id,
    }[subject_type]
    query = select(AwardProposal).where(
        column == subject_id,
        AwardProposal.award_form_id == form.id,
        AwardProposal.campaign_id == batch.campaign_id,
        AwardProposal.award_level == level,
        AwardProposal.status != ProposalStatus.REJECTED.value,
    )
    if form.code in TWO_KIND_FORMS:
        query = query.where(AwardProposal.commendation_kind == kind)
    for row in session.scalars(query):
        if batch.phase_id is not None and row.phase_id not in (None, batch.phase_id):
            continue
        if row.batch_id == batch.id:
            raise ValidationError("Đối tượng này đã có trong đợt trình với hình thức này.", "subject")
        if row.batch_id is not None or row.status != ProposalStatus.DRAFT:
            other = session.get(ProposalBatch, row.batch_id) if row.batch_id else None
            where = f" trong đợt trình «{other.name}»" if other else ""
            raise ValidationError(
                f"Đã có đề nghị «{form.name}» cho đối tượng này{where} ({ProposalStatus(row.status).label.lower()}).",
                "subject",
            )
        return row
    return None


def remove_item(db: Database, proposal_id: int, by: str | None = None, on: date | None = None) -> None:
    """Take an item out of a draft batch; the proposal stays as a draft outside any batch."""
    with db.session() as session:
        row = get_or_raise(session, AwardProposal, proposal_id, "đề nghị khen thưởng")
        if row.batch_id is None:
            return
        batch = _load(session, row.batch_id)
        _require_status(batch, BatchStatus.DRAFT, action="bỏ đối tượng khỏi đợt")
        row.history.append(
            ProposalStatusChange(
                from_status=row.status,
                to_status=row.status,
                changed_on=on or date.today(),
                changed_by=_by(db, by),
                note=f"Bỏ khỏi đợt trình «{batch.name}»",
            )
        )
        row.batch_id = None


def set_override(
    db: Database, proposal_id: int, reason: str, by: str | None = None, on: date | None = None
) -> None:
    """Change the written reason of an item proposed outside the standard (kept in the history)."""
    with db.session() as session:
        row = get_or_raise(session, AwardProposal, proposal_id, "đề nghị khen thưởng")
        if row.batch_id is not None:
            _require_status(_load(session, row.batch_id), BatchStatus.DRAFT, action="sửa lý do đề xuất")
        text = reason.strip()
        if not text and row.eligibility_result and row.eligibility_result != Outcome.PASS:
            raise ValidationError(
                "Đối tượng chưa đủ tiêu chuẩn: phải ghi lý do đề xuất ngoài tiêu chuẩn.", "reason"
            )
        row.override_reason = text
        row.history.append(
            ProposalStatusChange(
                from_status=row.status,
                to_status=row.status,
                changed_on=on or date.today(),
                changed_by=_by(db, by),
                note=f"Lý do đề xuất ngoài tiêu chuẩn: {text or '(bỏ)'}",
            )
        )


def record_vote(
    db: Database,
    batch_id: int,
    meeting_date: date,
    council_members: int,
    members_present: int,
    votes: dict[int, int],
    by: str | None = None,
) -> BatchDetail:
    """The council's secret ballot: items reaching the threshold of all council members go to the Standing
    Committee, the others are rejected with the count in the history."""
    params = load_rule_params(db)
    who = _by(db, by)
    if council_members <= 0:
        raise ValidationError("Số thành viên Hội đồng phải lớn hơn 0.", "council_members")
    if not 0 <= members_present <= council_members:
        raise ValidationError(
            "Số thành viên dự họp phải từ 0 đến tổng số thành viên Hội đồng.", "members_present"
        )
    if not quorum_met(members_present, council_members, params):
        raise ValidationError(
            f"Không đủ số thành viên dự họp: {members_present}/{council_members} "
            f"(cần từ {format_percent(params.quorum_percent)} tổng số thành viên).",
            "members_present",
        )
    with db.session() as session:
        batch = _load(session, batch_id)
        if is_party_batch(batch.authority):
            raise ValidationError(PARTY_NO_BALLOT, "status")
        _require_status(batch, BatchStatus.DRAFT, action="ghi kết quả bỏ phiếu")
        items = [p for p in batch.proposals if p.status == ProposalStatus.DRAFT]
        if not items:
            raise ValidationError("Đợt trình chưa có đối tượng nào để bỏ phiếu.", "items")
        for row in items:
            count = votes.get(row.id)
            if count is None:
                raise ValidationError(
                    f"Chưa nhập số phiếu đồng ý cho {subject_names(session, row)[0]}.", "votes"
                )
            if not 0 <= count <= council_members:
                raise ValidationError(
                    f"Số phiếu đồng ý cho {subject_names(session, row)[0]} phải từ 0 đến {council_members} "
                    "(thành viên vắng mặt bỏ phiếu bằng văn bản).",
                    "votes",
                )
        batch.council_members = council_members
        batch.members_present = members_present
        batch.meeting_date = meeting_date
        passed = 0
        for row in items:
            count = votes[row.id]
            rule = vote_rule(row.award_form.code, params)
            row.votes_for = count
            share = format_percent(count / council_members * 100)
            text = f"Hội đồng: {count}/{council_members} phiếu đồng ý ({share}), cần {rule.label}"
            if rule.passes(count, council_members):
                passed += 1
                _item_change(row, ProposalStatus.SUBMITTED, meeting_date, who, text)
            else:
                _item_change(row, ProposalStatus.REJECTED, meeting_date, who, f"Không đủ phiếu. {text}")
        _batch_change(
            batch,
            BatchStatus.VOTED,
            meeting_date,
            who,
            f"Họp Hội đồng ngày {format_date(meeting_date)}: {members_present}/{council_members} thành viên dự; "
            f"{passed}/{len(items)} đối tượng đủ số phiếu",
        )
    return get_batch(db, batch_id)


@dataclass
class MeetingMinutes:
    """What the Biên bản says of the meeting beyond the votes: times ("08:00"), place, chair, secretary and the
    members absent by name."""

    start: str = ""
    end: str = ""
    place: str = ""
    chair: str = ""
    secretary: str = ""
    absent: list[str] = field(default_factory=list)


_TIME = re.compile(r"^([01]?\d|2[0-3])[:hg]([0-5]\d)$")


def _time_text(value: str, field_name: str) -> str:
    text = clean(value).replace(" ", "")
    if not text:
        return ""
    match = _TIME.match(text)
    if not match:
        raise ValidationError(f"Giờ «{value}» không hợp lệ: ghi dạng 08:00.", field_name)
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def save_minutes(db: Database, batch_id: int, minutes: MeetingMinutes) -> BatchRecord:
    """Record the meeting as held, at any stage: the minutes are facts of the meeting, not a step of the batch."""
    start = _time_text(minutes.start, "meeting_start")
    end = _time_text(minutes.end, "meeting_end")
    if start and end and end <= start:
        raise ValidationError("Giờ kết thúc phải sau giờ bắt đầu cuộc họp.", "meeting_end")
    with db.session() as session:
        batch = _load(session, batch_id)
        batch.meeting_start = start
        batch.meeting_end = end
        batch.meeting_place = clean(minutes.place)
        batch.meeting_chair = clean(minutes.chair)
        batch.meeting_secretary = clean(minutes.secretary)
        batch.absent_members = "\n".join(clean(name) for name in minutes.absent if clean(name))
        session.flush()
        phase = session.get(Phase, batch.phase_id) if batch.phase_id else None
        return _record(batch, _Env(db), phase.number if phase else None)


PARTY_NO_BALLOT = (
    "Đợt trình khen thưởng của Đảng do cấp ủy, Ban Thường vụ quyết định tại cuộc họp của mình (Điều lệ Đảng Điều "
    "34; Hướng dẫn 06-HD/TW mục 19), không qua bỏ phiếu của Hội đồng Thi đua - Khen thưởng: dùng «Cấp ủy quyết "
    "định…»."
)


def is_party_batch(authority: str) -> bool:
    return law.side_of_authority(authority) == Side.PARTY


def approve_batch(
    db: Database, batch_id: int, on: date, by: str | None = None, rejected: dict[int, str] | None = None
) -> BatchDetail:
    """The Standing Committee's approval; items it turns down need a reason. A Party batch is decided by the cấp ủy
    or its Ban Thường vụ at its own meeting, straight from the draft, with no council ballot and no threshold."""
    who = _by(db, by)
    rejected = rejected or {}
    with db.session() as session:
        batch = _load(session, batch_id)
        party = is_party_batch(batch.authority)
        if party:
            _require_status(batch, BatchStatus.DRAFT, action="ghi quyết định của cấp ủy")
            if not batch.proposals:
                raise ValidationError("Đợt trình chưa có đối tượng nào.", "items")
            for row in batch.proposals:
                if row.status == ProposalStatus.DRAFT:
                    _item_change(
                        row, ProposalStatus.SUBMITTED, on, who, "Trình cấp ủy, Ban Thường vụ xem xét"
                    )
            batch.meeting_date = on
        else:
            _require_status(batch, BatchStatus.VOTED, action="duyệt")
        if not any(p.status == ProposalStatus.SUBMITTED for p in batch.proposals):
            raise ValidationError("Không còn đề nghị nào đủ số phiếu của Hội đồng để trình duyệt.", "items")
        body = "Cấp ủy, Ban Thường vụ" if party else "Ban Thường vụ"
        for row in batch.proposals:
            if row.status != ProposalStatus.SUBMITTED:
                continue
            if row.id in rejected:
                reason = rejected[row.id].strip()
                if not reason:
                    raise ValidationError(f"Phải ghi lý do {body} không duyệt.", "reason")
                _item_change(row, ProposalStatus.REJECTED, on, who, f"{body} không duyệt: {reason}")
            else:
                _item_change(row, ProposalStatus.APPROVED, on, who, f"{body} duyệt")
        batch.approved_date = on
        _batch_change(batch, BatchStatus.APPROVED, on, who, f"{body} duyệt danh sách")
    return get_batch(db, batch_id)


def send_batch(
    db: Database, batch_id: int, on: date, document_number: str = "", by: str | None = None
) -> BatchDetail:
    """Send the approved items to the awarding authority (Tờ trình); the batch is locked from then on."""
    who = _by(db, by)
    with db.session() as session:
        batch = _load(session, batch_id)
        _require_status(batch, BatchStatus.APPROVED, action="gửi")
        approved = [p for p in batch.proposals if p.status == ProposalStatus.APPROVED]
        if not approved:
            raise ValidationError("Không có đối tượng nào được duyệt để gửi.", "items")
        number = clean(document_number)
        if number:
            batch.document_number = number
        for row in approved:
            _item_change(
                row, ProposalStatus.SENT, on, who, f"Gửi kèm tờ trình {batch.document_number}".strip()
            )
        batch.sent_date = on
        _batch_change(
            batch,
            BatchStatus.SENT,
            on,
            who,
            f"Gửi {len(approved)} đề nghị, tờ trình số {batch.document_number or '—'}",
        )
    return get_batch(db, batch_id)


def decide_item(
    db: Database,
    proposal_id: int,
    decision_number: str,
    decision_date: date,
    signer: str = "",
    by: str | None = None,
) -> BatchItemRecord:
    """Record the award decision of one item and write it back as a prior award of its subject."""
    number = clean(decision_number)
    if not number:
        raise ValidationError("Chưa nhập số quyết định khen thưởng.", "decision_number")
    who = _by(db, by)
    env = _Env(db)
    with db.session() as session:
        row = get_or_raise(session, AwardProposal, proposal_id, "đề nghị khen thưởng")
        if row.batch_id is None:
            raise ValidationError("Đề nghị chưa thuộc đợt trình nào.", "batch")
        batch = _load(session, row.batch_id)
        _require_status(
            batch, BatchStatus.APPROVED, BatchStatus.SENT, BatchStatus.DECIDED, action="ghi quyết định"
        )
        record_decision(session, row, number, decision_date, signer, who, env.settings)
        session.flush()
        return _item(session, row, batch, env)


def reject_item(
    db: Database, proposal_id: int, reason: str, by: str | None = None, on: date | None = None
) -> None:
    """The awarding body (or the committee) turns an item down; the reason goes into the history."""
    text = reason.strip()
    if not text:
        raise ValidationError("Phải ghi lý do không khen thưởng.", "reason")
    when = on or date.today()
    who = _by(db, by)
    with db.session() as session:
        row = get_or_raise(session, AwardProposal, proposal_id, "đề nghị khen thưởng")
        _item_change(row, ProposalStatus.REJECTED, when, who, f"Không khen thưởng: {text}")
        if row.batch_id is not None:
            close_batch_if_done(_load(session, row.batch_id), when, who)


def batch_history(db: Database, batch_id: int) -> list[BatchChangeRecord]:
    return get_batch(db, batch_id).batch.history

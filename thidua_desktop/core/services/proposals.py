"""Award proposals (đề nghị khen thưởng) and their dated status history."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from thidua_desktop.core.enums import (
    Authority,
    CommendationKind,
    ProposalStatus,
    SubjectType,
)
from thidua_desktop.core.errors import ValidationError
from thidua_desktop.core.models import (
    AwardForm,
    AwardProposal,
    Campaign,
    Person,
    Phase,
    ProposalStatusChange,
    Unit,
)
from thidua_desktop.core.rules.authority import decider
from thidua_desktop.core.rules.facts import SubjectFacts, party_standing
from thidua_desktop.core.services.common import delete_checked, get_or_raise
from thidua_desktop.core.services.decisions import actor, move, record_decision
from thidua_desktop.core.services.settings import load_settings
from thidua_desktop.core.services.subjects import preload_subjects, set_subject, subject_names, subject_of
from thidua_desktop.core.storage.database import Database

LOCKED_STATUSES = frozenset({ProposalStatus.SENT, ProposalStatus.DECIDED})
LOCKED_BATCH_STATUSES = frozenset({"sent", "decided"})
"""Batch states (``services.batches.BatchStatus``) in which only the batch workflow may touch its items."""


def _refuse_if_batch_locked(row: AwardProposal) -> None:
    if row.batch is not None and row.batch.status in LOCKED_BATCH_STATUSES:
        raise ValidationError(
            f"Đề nghị này thuộc đợt trình đã gửi cấp trên («{row.batch.name}»): chỉ ghi nhận quyết định "
            "trong thẻ Đợt trình khen thưởng.",
            "status",
        )


@dataclass
class StatusChangeRecord:
    from_status: str | None
    to_status: str
    changed_on: date
    changed_by: str
    note: str


@dataclass
class ProposalRecord:
    id: int | None = None
    campaign_id: int | None = None
    phase_id: int | None = None
    phase_number: int | None = None
    batch_id: int | None = None
    award_form_id: int | None = None
    award_code: str = ""
    award_name: str = ""
    authority: str = Authority.WARD_CHAIRMAN.value
    commendation_kind: str = CommendationKind.CAMPAIGN.value
    subject_type: str = SubjectType.PERSON.value
    subject_id: int | None = None
    subject_name: str = ""
    unit_name: str = ""
    achievement_summary: str = ""
    status: str = ProposalStatus.DRAFT.value
    votes_for: int | None = None
    override_reason: str = ""
    decision_number: str = ""
    decision_date: date | None = None
    decision_signer: str = ""
    history: list[StatusChangeRecord] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return ProposalStatus(self.status).label


def _record(session: Session, row: AwardProposal) -> ProposalRecord:
    subject = subject_of(row)
    name, unit_name = subject_names(session, row)
    phase = session.get(Phase, row.phase_id) if row.phase_id else None
    return ProposalRecord(
        id=row.id,
        campaign_id=row.campaign_id,
        phase_id=row.phase_id,
        phase_number=phase.number if phase else None,
        batch_id=row.batch_id,
        award_form_id=row.award_form_id,
        award_code=row.award_form.code,
        award_name=row.award_form.name,
        authority=row.authority,
        commendation_kind=row.commendation_kind,
        subject_type=subject.subject_type,
        subject_id=subject.subject_id,
        subject_name=name,
        unit_name=unit_name if subject.subject_type != SubjectType.UNIT else name,
        achievement_summary=row.achievement_summary,
        status=row.status,
        votes_for=row.votes_for,
        override_reason=row.override_reason,
        decision_number=row.decision_number,
        decision_date=row.decision_date,
        decision_signer=row.decision_signer,
        history=[
            StatusChangeRecord(h.from_status, h.to_status, h.changed_on, h.changed_by, h.note)
            for h in row.history
        ],
    )


def list_proposals(db: Database, campaign_id: int | None = None) -> list[ProposalRecord]:
    with db.session() as session:
        query = select(AwardProposal).options(
            selectinload(AwardProposal.award_form), selectinload(AwardProposal.history)
        )
        if campaign_id is not None:
            query = query.where(AwardProposal.campaign_id == campaign_id)
        # Kept alive in the identity map so that each row finds its phase and subject without a query.
        _loaded = [*session.scalars(select(Phase)), *preload_subjects(session)]  # noqa: F841
        return [_record(session, row) for row in session.scalars(query.order_by(AwardProposal.id))]


def get_proposal(db: Database, proposal_id: int) -> ProposalRecord:
    with db.session() as session:
        return _record(session, get_or_raise(session, AwardProposal, proposal_id, "đề nghị khen thưởng"))


def _check_form(form: AwardForm, subject_type: str) -> None:
    allowed = {
        SubjectType.UNIT: form.for_unit,
        SubjectType.PERSON: form.for_person,
        SubjectType.HOUSEHOLD: form.for_household,
    }
    if not allowed[SubjectType(subject_type)]:
        label = SubjectType(subject_type).label.lower()
        raise ValidationError(f"Hình thức «{form.name}» không áp dụng cho {label}.", "award_form_id")


def _authority(session: Session, form: AwardForm, record: ProposalRecord, phase: Phase | None) -> str:
    """Who decides on the phase's review date (``rules.authority``); refused when the records cannot tell."""
    on = (phase.review_date if phase else None) or date.today()
    units = {u.id: u for u in session.scalars(select(Unit))}
    unit: Unit | None = None
    if record.subject_type == SubjectType.UNIT and record.subject_id is not None:
        unit = units.get(record.subject_id)
    elif record.subject_type == SubjectType.PERSON and record.subject_id is not None:
        person = session.get(Person, record.subject_id)
        unit = units.get(person.unit_id) if person is not None and person.unit_id else None
    grassroots, committee = party_standing(unit, units)
    subject = SubjectFacts(
        record.subject_type,
        record.subject_id or 0,
        "",
        is_grassroots=grassroots,
        grassroots_committee=committee,
    )
    annual = record.commendation_kind != CommendationKind.CAMPAIGN
    code = form.code if annual else f"{form.code}.DOT"
    deciding = decider(code, form.code, subject, on, form.authority)
    if not deciding.known:
        raise ValidationError(f"«{form.name}»: {deciding.source}.", "award_form_id")
    return deciding.authority


def save_proposal(db: Database, record: ProposalRecord, by: str = "") -> ProposalRecord:
    if record.campaign_id is None:
        raise ValidationError("Chưa chọn phong trào thi đua.", "campaign_id")
    if record.award_form_id is None:
        raise ValidationError("Chưa chọn hình thức khen thưởng.", "award_form_id")
    if record.commendation_kind not in CommendationKind._value2member_map_:
        raise ValidationError("Loại khen thưởng không hợp lệ.", "commendation_kind")
    with db.session() as session:
        get_or_raise(session, Campaign, record.campaign_id, "phong trào thi đua")
        form = get_or_raise(session, AwardForm, record.award_form_id, "hình thức khen thưởng")
        _check_form(form, record.subject_type)
        phase = (
            get_or_raise(session, Phase, record.phase_id, "giai đoạn")
            if record.phase_id is not None
            else None
        )
        if phase is not None and phase.campaign_id != record.campaign_id:
            raise ValidationError("Giai đoạn không thuộc phong trào này.", "phase_id")
        row = get_or_raise(session, AwardProposal, record.id, "đề nghị khen thưởng") if record.id else None
        if row is not None:
            _refuse_if_batch_locked(row)
        if row is not None and row.status in LOCKED_STATUSES:
            raise ValidationError(
                "Đề nghị đã gửi cấp trên hoặc đã có quyết định nên không sửa được nội dung.", "status"
            )
        is_new = row is None
        if row is None:
            row = AwardProposal(status=ProposalStatus.DRAFT.value)
            row.history.append(
                ProposalStatusChange(
                    from_status=None,
                    to_status=ProposalStatus.DRAFT.value,
                    changed_on=date.today(),
                    changed_by=actor(db, by),
                    note="Tạo đề nghị",
                )
            )
        row.campaign_id = record.campaign_id
        row.phase_id = record.phase_id
        row.batch_id = record.batch_id
        row.award_form_id = form.id
        row.authority = _authority(session, form, record, phase)
        row.commendation_kind = record.commendation_kind
        set_subject(session, row, record.subject_type, record.subject_id)
        row.achievement_summary = record.achievement_summary.strip()
        row.votes_for = record.votes_for
        row.override_reason = record.override_reason.strip()
        if is_new:  # added only once complete: set_subject's look-up must not flush a row without a subject
            session.add(row)
        session.flush()
        session.refresh(row)
        return _record(session, row)


def change_status(
    db: Database,
    proposal_id: int,
    to_status: str,
    by: str = "",
    note: str = "",
    on: date | None = None,
    decision_number: str = "",
    decision_date: date | None = None,
    decision_signer: str = "",
) -> ProposalRecord:
    """Move a proposal along its workflow; each move is dated in the history and names who acted (the signed-in
    user when ``by`` is empty). A decision goes through ``decisions.record_decision``, the one path that also
    writes the award back to the subject's record."""
    target = ProposalStatus(to_status)
    who = actor(db, by)
    settings = load_settings(db) if target == ProposalStatus.DECIDED else None
    with db.session() as session:
        row = get_or_raise(session, AwardProposal, proposal_id, "đề nghị khen thưởng")
        _refuse_if_batch_locked(row)
        if target == ProposalStatus.DECIDED:
            assert settings is not None
            record_decision(
                session, row, decision_number, decision_date, decision_signer, who, settings, on=on, note=note
            )
        else:
            move(row, target, on or date.today(), who, note)
        session.flush()
        return _record(session, row)


def delete_proposal(db: Database, proposal_id: int) -> None:
    with db.session() as session:
        row = get_or_raise(session, AwardProposal, proposal_id, "đề nghị khen thưởng")
        _refuse_if_batch_locked(row)
        if row.status in LOCKED_STATUSES:
            raise ValidationError(
                "Đề nghị đã gửi cấp trên hoặc đã có quyết định nên không xóa được.", "status"
            )
        delete_checked(session, row, "đề nghị khen thưởng này")

"""The one way an award decision is recorded, whichever tab records it (Đề nghị or Đợt trình): the decision's
number, date and signer on the proposal, a dated history entry naming who acted, the award written back to the
subject's record (so next year's consecutive-year rules see it), and the batch closed once every item is done."""

from __future__ import annotations

import platform
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from thidua_desktop.core.enums import PROPOSAL_TRANSITIONS, CommendationKind, ProposalStatus
from thidua_desktop.core.errors import ValidationError
from thidua_desktop.core.models import (
    AwardProposal,
    BatchStatusChange,
    PriorAward,
    ProposalBatch,
    ProposalStatusChange,
)
from thidua_desktop.core.services.subjects import set_subject, subject_of
from thidua_desktop.core.settings_schema import OrganizationSettings
from thidua_desktop.core.storage.database import Database
from thidua_desktop.core.text import clean, format_date

DONE_ITEMS = frozenset({ProposalStatus.DECIDED.value, ProposalStatus.REJECTED.value})
BATCH_DECIDED = "decided"


def actor(db: Database, by: str | None) -> str:
    """Who acted: the name given, else the signed-in (operating system) user, else the computer — never empty."""
    return clean(by or "") or db.user_name or f"Người dùng máy {platform.node() or 'này'}"


def move(row: AwardProposal, to: ProposalStatus, on: date, who: str, note: str = "") -> None:
    """Change a proposal's status along the workflow, with a dated history entry."""
    current = ProposalStatus(row.status)
    if to not in PROPOSAL_TRANSITIONS[current]:
        raise ValidationError(f"Không thể chuyển đề nghị từ «{current.label}» sang «{to.label}».", "status")
    row.history.append(
        ProposalStatusChange(
            from_status=current.value, to_status=to.value, changed_on=on, changed_by=who, note=note.strip()
        )
    )
    row.status = to.value


def record_decision(
    session: Session,
    row: AwardProposal,
    number: str,
    decision_date: date | None,
    signer: str,
    who: str,
    settings: OrganizationSettings,
    on: date | None = None,
    note: str = "",
) -> PriorAward:
    """Record the award decision of one proposal and write the award back to its subject."""
    number = clean(number)
    if not number or decision_date is None:
        raise ValidationError("Phải nhập số và ngày của quyết định khen thưởng.", "decision_number")
    move(
        row,
        ProposalStatus.DECIDED,
        on or decision_date,
        who,
        "; ".join(
            part
            for part in (f"Quyết định số {number} ngày {format_date(decision_date)}", note.strip())
            if part
        ),
    )
    row.decision_number = number
    row.decision_date = decision_date
    row.decision_signer = clean(signer)
    award = write_back(session, row, settings)
    if row.batch is not None:
        close_batch_if_done(row.batch, decision_date, who)
    return award


def close_batch_if_done(batch: ProposalBatch, on: date, who: str) -> None:
    if batch.status == BATCH_DECIDED or batch.status not in {"approved", "sent"}:
        return
    if all(p.status in DONE_ITEMS for p in batch.proposals):
        batch.history.append(
            BatchStatusChange(
                from_status=batch.status,
                to_status=BATCH_DECIDED,
                changed_on=on,
                changed_by=who,
                note="Đã có kết quả cho mọi đề nghị",
            )
        )
        batch.status = BATCH_DECIDED


def write_back(session: Session, row: AwardProposal, settings: OrganizationSettings) -> PriorAward:
    """A decided award becomes a prior award of its subject, so next year's consecutive-year rules see it."""
    award = session.scalar(select(PriorAward).where(PriorAward.proposal_id == row.id))
    is_new = award is None
    if award is None:
        award = PriorAward(proposal_id=row.id)
    subject = subject_of(row)
    set_subject(session, award, subject.subject_type, subject.subject_id)
    level = row.award_level
    if not level and row.commendation_kind == CommendationKind.CAMPAIGN:
        level = "Theo đợt thi đua"
    award.award_code = row.award_form.code
    award.form_name = row.award_form.name
    award.level = level
    award.year = row.achievement_year or (row.decision_date.year if row.decision_date else None)
    award.decision_number = row.decision_number
    award.decision_date = row.decision_date
    award.authority_name = settings.authority_name(row.authority)
    if is_new:
        session.add(award)
    return award

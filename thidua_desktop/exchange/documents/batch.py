"""A proposal batch (đợt trình) as the documents see it: the proposals sent together to one authority.

``--batch`` takes the id of a stored batch (the Đợt trình tab): every paper of it comes from its items, their
statuses and the recorded votes, each paper taking the items in the state it needs (``items_for``). The form
``CAMPAIGN:PHASE:AUTHORITY`` (``1:1:ward_chairman``; empty phase = every phase) groups the proposals of one phase
that go to one authority before a batch exists: its papers are drafts and say so ("DỰ THẢO").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from thidua_desktop.core.enums import Authority, ProposalStatus
from thidua_desktop.core.errors import UserError, ValidationError
from thidua_desktop.core.rules import law
from thidua_desktop.core.services.batches import BatchItemRecord, BatchStatus, get_batch, list_batches
from thidua_desktop.core.services.campaigns import get_campaign
from thidua_desktop.core.services.proposals import ProposalRecord, list_proposals
from thidua_desktop.core.storage.database import Database

WARD_AUTHORITIES = frozenset({Authority.PARTY_COMMITTEE, Authority.PARTY_STANDING, Authority.WARD_CHAIRMAN})
"""Awards the ward decides itself (NĐ 129/2025/NĐ-CP Điều 59; Hướng dẫn 06-HD/TW mục 19)."""

_SYNTHETIC = re.compile(r"^\s*(\d+)\s*:\s*(\d*)\s*:\s*([a-z_]+)\s*$")


@dataclass
class BatchInfo:
    campaign_id: int
    authority: str
    proposals: list[ProposalRecord] = field(default_factory=list)
    id: int | None = None
    phase_id: int | None = None
    phase_number: int | None = None
    name: str = ""
    document_number: str = ""
    council_members: int | None = None
    members_present: int | None = None
    meeting_date: date | None = None
    approved_date: date | None = None
    status: str = ""
    """The stored batch's ``BatchStatus``; empty for a draft grouping (``CAMPAIGN:PHASE:AUTHORITY``)."""
    items: dict[int, BatchItemRecord] = field(default_factory=dict)
    """The stored batch's items by proposal id: votes, vote result, money of the decision date."""
    meeting_start: str = ""
    meeting_end: str = ""
    meeting_place: str = ""
    meeting_chair: str = ""
    meeting_secretary: str = ""
    absent_members: list[str] = field(default_factory=list)
    sent_date: date | None = None

    @property
    def is_draft(self) -> bool:
        """Papers of a grouping that is not a stored batch are drafts ("DỰ THẢO")."""
        return self.id is None

    @property
    def is_party(self) -> bool:
        return law.side_of_authority(self.authority) == "party"

    @property
    def reached(self) -> int:
        """How far the stored batch has gone (0 draft … 4 decided); -1 for a draft grouping."""
        if not self.status:
            return -1
        return list(BatchStatus).index(BatchStatus(self.status))

    @property
    def spec(self) -> str:
        """How to name this batch on the command line."""
        if self.id is not None:
            return str(self.id)
        return f"{self.campaign_id}:{self.phase_number or ''}:{self.authority}"

    @property
    def within_ward(self) -> bool:
        return Authority(self.authority) in WARD_AUTHORITIES


def batch_from_proposals(
    proposals: list[ProposalRecord], *, name: str = "", document_number: str = ""
) -> BatchInfo:
    """A batch made of the given proposals (all of one campaign and one authority)."""
    if not proposals:
        raise ValidationError("Chưa có đề nghị khen thưởng nào trong đợt trình.", "proposals")
    campaigns = {p.campaign_id for p in proposals}
    authorities = {p.authority for p in proposals}
    if len(campaigns) != 1:
        raise ValidationError(
            "Các đề nghị trong một đợt trình phải thuộc cùng một phong trào.", "campaign_id"
        )
    if len(authorities) != 1:
        labels = ", ".join(sorted(Authority(a).label for a in authorities))
        raise ValidationError(
            f"Các đề nghị trong một đợt trình phải trình cùng một cấp khen (đang có: {labels}).", "authority"
        )
    phases = {p.phase_number for p in proposals}
    phase_ids = {p.phase_id for p in proposals}
    campaign_id = campaigns.pop()
    assert campaign_id is not None
    return BatchInfo(
        campaign_id=campaign_id,
        authority=authorities.pop(),
        proposals=list(proposals),
        phase_number=phases.pop() if len(phases) == 1 else None,
        phase_id=phase_ids.pop() if len(phase_ids) == 1 else None,
        name=name,
        document_number=document_number,
    )


def _stored_batch(db: Database, batch_id: int) -> BatchInfo:
    detail = get_batch(db, batch_id)
    row = detail.batch
    assert row.campaign_id is not None
    info = BatchInfo(
        campaign_id=row.campaign_id,
        authority=row.authority,
        id=row.id,
        phase_id=row.phase_id,
        phase_number=row.phase_number,
        name=row.name,
        document_number=row.document_number,
        council_members=row.council_members,
        members_present=row.members_present,
        meeting_date=row.meeting_date,
        approved_date=row.approved_date,
        status=row.status,
        items={item.id: item for item in detail.items},
        meeting_start=row.meeting_start,
        meeting_end=row.meeting_end,
        meeting_place=row.meeting_place,
        meeting_chair=row.meeting_chair,
        meeting_secretary=row.meeting_secretary,
        absent_members=list(row.absent_members),
        sent_date=row.sent_date,
    )
    info.proposals = [p for p in list_proposals(db, info.campaign_id) if p.batch_id == batch_id]
    if not info.proposals:
        raise UserError(f"Đợt trình mã số {batch_id} chưa có đề nghị khen thưởng nào.")
    return info


APPROVED = frozenset({ProposalStatus.APPROVED, ProposalStatus.SENT, ProposalStatus.DECIDED})
_NOT_VOTED = "Hội đồng Thi đua - Khen thưởng chưa bỏ phiếu («Ghi kết quả bỏ phiếu…»)"
_NOT_APPROVED = "Hội đồng chưa bỏ phiếu hoặc danh sách chưa được duyệt («Ban Thường vụ duyệt…»)"
STEP_NEEDED = {
    "bien-ban": (BatchStatus.VOTED, _NOT_VOTED),
    "to-trinh": (BatchStatus.APPROVED, _NOT_APPROVED),
    "danh-sach": (BatchStatus.APPROVED, _NOT_APPROVED),
    "quyet-dinh": (BatchStatus.APPROVED, _NOT_APPROVED),
}
PARTY_STEP_NEEDED = {
    "bien-ban": (BatchStatus.APPROVED, "cấp ủy chưa ghi quyết định của mình («Cấp ủy quyết định…»)"),
    "quyet-dinh": (BatchStatus.APPROVED, "cấp ủy chưa ghi quyết định của mình («Cấp ủy quyết định…»)"),
}
KIND_WORDS = {
    "bien-ban": "biên bản",
    "to-trinh": "tờ trình",
    "danh-sach": "danh sách",
    "quyet-dinh": "quyết định khen thưởng",
}


def items_for(batch: BatchInfo, kind: str) -> list[ProposalRecord]:
    """The proposals a paper of ``kind`` shows, in the state that paper needs — one rule for every paper:

    * Biên bản: every candidate the meeting considered, **including those who failed** (State: every item with
      a recorded vote; Party: every item the committee decided, approved or not);
    * Tờ trình, Danh sách: the items the council passed and the Ban Thường vụ approved (State: the Tờ trình goes
      to the deciding body after both), or every item proposed to the committee (Party), not turned down since;
    * Quyết định: the items approved (or already sent or decided), never a draft, never a blank vote.

    A draft grouping shows every proposal not rejected. A stored batch that has not reached the step a paper
    needs is refused with the missing step named.
    """
    live = [p for p in batch.proposals if p.status != ProposalStatus.REJECTED]
    if batch.is_draft:
        return live
    needed = (PARTY_STEP_NEEDED if batch.is_party else STEP_NEEDED).get(kind)
    if needed is not None and batch.reached < list(BatchStatus).index(needed[0]):
        raise UserError(
            f"Chưa lập được {KIND_WORDS.get(kind, kind)} của đợt trình «{batch.name}»: {needed[1]}."
        )
    if kind == "bien-ban":
        if batch.is_party:
            return [p for p in batch.proposals if p.status != ProposalStatus.DRAFT]
        return [p for p in batch.proposals if p.votes_for is not None]
    if kind in ("to-trinh", "danh-sach"):
        if batch.is_party:
            return live
        return [p for p in live if p.status in APPROVED and _passed(batch, p)]
    if kind == "quyet-dinh":
        return [p for p in live if p.status in APPROVED and (batch.is_party or _passed(batch, p))]
    return live


def _passed(batch: BatchInfo, proposal: ProposalRecord) -> bool:
    item = batch.items.get(proposal.id or 0)
    return item is not None and proposal.votes_for is not None and item.vote_passed is not False


def synthetic_batch(db: Database, campaign_id: int, phase_number: int | None, authority: str) -> BatchInfo:
    """The proposals (not rejected) of one campaign phase that go to one authority."""
    if authority not in Authority._value2member_map_:
        codes = ", ".join(a.value for a in Authority)
        raise UserError(f"Cấp khen «{authority}» không hợp lệ. Các mã: {codes}.")
    campaign = get_campaign(db, campaign_id)
    phase_id = None
    if phase_number is not None:
        phase = next((p for p in campaign.phases if p.number == phase_number), None)
        if phase is None:
            raise UserError(f"Phong trào {campaign_id} không có giai đoạn {phase_number}.")
        phase_id = phase.id
    proposals = [
        p
        for p in list_proposals(db, campaign_id)
        if p.authority == authority
        and p.status != ProposalStatus.REJECTED
        and (phase_number is None or p.phase_number == phase_number)
    ]
    if not proposals:
        where = f", giai đoạn {phase_number}" if phase_number is not None else ""
        raise UserError(
            f"Phong trào {campaign_id}{where} không có đề nghị nào trình «{Authority(authority).label}»."
        )
    return BatchInfo(
        campaign_id=campaign_id,
        authority=authority,
        proposals=proposals,
        phase_id=phase_id,
        phase_number=phase_number,
    )


def resolve_batch(db: Database, spec: str) -> BatchInfo:
    """A batch from its id or from ``CAMPAIGN:PHASE:AUTHORITY``."""
    text = str(spec).strip()
    if text.isdigit():
        return _stored_batch(db, int(text))
    match = _SYNTHETIC.match(text)
    if not match:
        raise UserError(
            f"Đợt trình «{spec}» không hợp lệ: ghi mã số đợt trình, hoặc PHONG_TRÀO:GIAI_ĐOẠN:CẤP_KHEN "
            "(ví dụ 1:1:ward_chairman)."
        )
    campaign, phase, authority = match.groups()
    return synthetic_batch(db, int(campaign), int(phase) if phase else None, authority)


def batches_of_campaign(db: Database, campaign_id: int, phase_number: int | None = None) -> list[BatchInfo]:
    """The campaign's stored batches (the Đợt trình tab), then, for proposals in no batch yet, one draft grouping
    per authority (in the order of ``Authority``): papers of those say "DỰ THẢO"."""
    found = [
        _stored_batch(db, row.id)
        for row in list_batches(db, campaign_id)
        if row.id is not None
        and row.item_count
        and (phase_number is None or row.phase_number == phase_number)
    ]
    loose = [
        p
        for p in list_proposals(db, campaign_id)
        if p.batch_id is None
        and p.status != ProposalStatus.REJECTED
        and (phase_number is None or p.phase_number == phase_number)
    ]
    for authority in Authority:
        chosen = [p for p in loose if p.authority == authority.value]
        if chosen:
            batch = batch_from_proposals(chosen)
            batch.phase_number = phase_number if phase_number is not None else batch.phase_number
            found.append(batch)
    return found

"""A proposal batch (đợt trình) as the documents see it: the proposals sent together to one authority.

``--batch`` accepts either the id of a stored batch (``proposal_batch`` table) or, while batches are not kept by
every office, a synthetic batch ``CAMPAIGN:PHASE:AUTHORITY`` — the proposals of one campaign phase that go to one
authority, e.g. ``1:1:ward_chairman`` (leave the phase empty for every phase: ``1::party_committee``). The
context builders take the proposals as a list of ``ProposalRecord`` so that any way of grouping them works.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from thidua_desktop.core.enums import Authority, ProposalStatus
from thidua_desktop.core.errors import UserError, ValidationError
from thidua_desktop.core.models import Phase, ProposalBatch
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
    with db.session() as session:
        row = session.get(ProposalBatch, batch_id)
        if row is None:
            raise UserError(f"Không tìm thấy đợt trình mã số {batch_id}.")
        phase = session.get(Phase, row.phase_id) if row.phase_id else None
        info = BatchInfo(
            campaign_id=row.campaign_id,
            authority=row.authority,
            id=row.id,
            phase_id=row.phase_id,
            phase_number=phase.number if phase else None,
            name=row.name,
            document_number=row.document_number,
            council_members=row.council_members,
            members_present=row.members_present,
            meeting_date=row.meeting_date,
            approved_date=row.approved_date,
        )
    info.proposals = [
        p
        for p in list_proposals(db, info.campaign_id)
        if p.batch_id == batch_id and p.status != ProposalStatus.REJECTED
    ]
    if not info.proposals:
        raise UserError(f"Đợt trình mã số {batch_id} chưa có đề nghị khen thưởng nào.")
    return info


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
    """The campaign's proposals grouped into synthetic batches, one per authority (in the order of
    ``Authority``)."""
    proposals = [
        p
        for p in list_proposals(db, campaign_id)
        if p.status != ProposalStatus.REJECTED and (phase_number is None or p.phase_number == phase_number)
    ]
    found = []
    for authority in Authority:
        chosen = [p for p in proposals if p.authority == authority.value]
        if chosen:
            batch = batch_from_proposals(chosen)
            batch.phase_number = phase_number if phase_number is not None else batch.phase_number
            found.append(batch)
    return found

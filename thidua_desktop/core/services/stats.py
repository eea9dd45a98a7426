"""Counts for the CLI and the overview tab."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import func, select

from thidua_desktop.core.enums import EvidenceStatus, ProposalStatus
from thidua_desktop.core.models import (
    AuditEntry,
    AwardForm,
    AwardProposal,
    Campaign,
    Discipline,
    Evidence,
    EvidenceFile,
    Household,
    ImportLog,
    Initiative,
    Person,
    Phase,
    Pledge,
    PriorAward,
    ProposalBatch,
    QualityRating,
    Target,
    Unit,
)
from thidua_desktop.core.services.pledges import list_pledges
from thidua_desktop.core.services.proposals import list_proposals
from thidua_desktop.core.storage.database import Database

COUNTED = {
    "units": Unit,
    "persons": Person,
    "households": Household,
    "campaigns": Campaign,
    "phases": Phase,
    "pledges": Pledge,
    "targets": Target,
    "evidence": Evidence,
    "evidence_files": EvidenceFile,
    "award_forms": AwardForm,
    "proposal_batches": ProposalBatch,
    "proposals": AwardProposal,
    "quality_ratings": QualityRating,
    "disciplines": Discipline,
    "prior_awards": PriorAward,
    "initiatives": Initiative,
    "imports": ImportLog,
    "audit_entries": AuditEntry,
}


def entity_counts(db: Database) -> dict[str, int]:
    with db.session() as session:
        return {
            name: session.scalar(select(func.count()).select_from(model)) or 0
            for name, model in COUNTED.items()
        }


@dataclass
class UnitProgress:
    unit_name: str
    pledges: int = 0
    targets: int = 0
    targets_met: int = 0

    @property
    def percent_met(self) -> float | None:
        return round(self.targets_met / self.targets * 100, 1) if self.targets else None


@dataclass
class CampaignOverview:
    pledges: int = 0
    targets: int = 0
    targets_met: int = 0
    evidence_unverified: int = 0
    evidence_verified: int = 0
    evidence_rejected: int = 0
    proposals_by_status: dict[str, int] = field(default_factory=dict)
    by_unit: list[UnitProgress] = field(default_factory=list)


def campaign_overview(db: Database, campaign_id: int) -> CampaignOverview:
    pledges = list_pledges(db, campaign_id)
    overview = CampaignOverview(pledges=len(pledges))
    units: dict[str, UnitProgress] = {}
    for pledge in pledges:
        key = pledge.unit_name or pledge.subject_name
        progress = units.setdefault(key, UnitProgress(key))
        progress.pledges += 1
        progress.targets += pledge.target_count
        progress.targets_met += pledge.targets_met
        overview.targets += pledge.target_count
        overview.targets_met += pledge.targets_met
    overview.by_unit = sorted(units.values(), key=lambda u: u.unit_name)
    with db.session() as session:
        pledge_ids = select(Pledge.id).where(Pledge.campaign_id == campaign_id)
        target_ids = select(Target.id).where(Target.pledge_id.in_(pledge_ids))
        rows = session.execute(
            select(Evidence.status, func.count())
            .where(Evidence.target_id.in_(target_ids) | Evidence.pledge_id.in_(pledge_ids))
            .group_by(Evidence.status)
        )
        statuses = dict(rows.all())
    overview.evidence_unverified = statuses.get(EvidenceStatus.UNVERIFIED.value, 0)
    overview.evidence_verified = statuses.get(EvidenceStatus.VERIFIED.value, 0)
    overview.evidence_rejected = statuses.get(EvidenceStatus.REJECTED.value, 0)
    counts = Counter(p.status for p in list_proposals(db, campaign_id))
    overview.proposals_by_status = {s.value: counts.get(s.value, 0) for s in ProposalStatus}
    return overview

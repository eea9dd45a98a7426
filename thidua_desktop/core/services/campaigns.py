"""Campaigns (phong trào, đợt thi đua) and their phases with review milestones."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from thidua_desktop.core.enums import CampaignKind, ReviewKind
from thidua_desktop.core.errors import ValidationError
from thidua_desktop.core.models import Campaign, Phase
from thidua_desktop.core.services.common import delete_checked, get_or_raise, require_text
from thidua_desktop.core.storage.database import Database
from thidua_desktop.core.text import clean


@dataclass
class PhaseRecord:
    id: int | None = None
    number: int = 1
    name: str = ""
    start_date: date | None = None
    end_date: date | None = None
    review_kind: str = ReviewKind.INTERIM.value
    review_date: date | None = None

    @property
    def label(self) -> str:
        review = ReviewKind(self.review_kind).label.lower()
        when = self.review_date.strftime("%m/%Y") if self.review_date else ""
        return f"Giai đoạn {self.number} ({review} {when})".replace(" )", ")")


@dataclass
class CampaignRecord:
    id: int | None = None
    name: str = ""
    theme: str = ""
    slogans: str = ""
    plan_reference: str = ""
    kind: str = CampaignKind.DRIVE.value
    start_date: date | None = None
    end_date: date | None = None
    notes: str = ""
    phases: list[PhaseRecord] = field(default_factory=list)


def _phase(row: Phase) -> PhaseRecord:
    return PhaseRecord(
        row.id, row.number, row.name, row.start_date, row.end_date, row.review_kind, row.review_date
    )


def _record(row: Campaign) -> CampaignRecord:
    return CampaignRecord(
        id=row.id,
        name=row.name,
        theme=row.theme,
        slogans=row.slogans,
        plan_reference=row.plan_reference,
        kind=row.kind,
        start_date=row.start_date,
        end_date=row.end_date,
        notes=row.notes,
        phases=[_phase(p) for p in row.phases],
    )


def list_campaigns(db: Database) -> list[CampaignRecord]:
    with db.session() as session:
        rows = session.scalars(
            select(Campaign).options(selectinload(Campaign.phases)).order_by(Campaign.id.desc())
        )
        return [_record(r) for r in rows]


def get_campaign(db: Database, campaign_id: int) -> CampaignRecord:
    with db.session() as session:
        return _record(get_or_raise(session, Campaign, campaign_id, "phong trào thi đua"))


def _validate(record: CampaignRecord) -> None:
    if record.kind not in CampaignKind._value2member_map_:
        raise ValidationError("Loại phong trào không hợp lệ.", "kind")
    if record.start_date and record.end_date and record.end_date < record.start_date:
        raise ValidationError("Ngày kết thúc không được trước ngày bắt đầu.", "end_date")
    numbers = [p.number for p in record.phases]
    if len(numbers) != len(set(numbers)):
        raise ValidationError("Hai giai đoạn không được trùng số thứ tự.", "phases")
    for phase in record.phases:
        if phase.review_kind not in ReviewKind._value2member_map_:
            raise ValidationError(f"Giai đoạn {phase.number}: loại hội nghị không hợp lệ.", "phases")
        if phase.start_date and phase.end_date and phase.end_date < phase.start_date:
            raise ValidationError(
                f"Giai đoạn {phase.number}: ngày kết thúc không được trước ngày bắt đầu.", "phases"
            )


def save_campaign(db: Database, record: CampaignRecord) -> CampaignRecord:
    name = require_text(record.name, "name", "tên phong trào")
    _validate(record)
    with db.session() as session:
        row = get_or_raise(session, Campaign, record.id, "phong trào thi đua") if record.id else Campaign()
        row.name = name
        row.theme = record.theme.strip()
        row.slogans = record.slogans.strip()
        row.plan_reference = clean(record.plan_reference)
        row.kind = record.kind
        row.start_date = record.start_date
        row.end_date = record.end_date
        row.notes = record.notes.strip()
        if record.id is None:
            session.add(row)
        existing = {p.id: p for p in row.phases}
        kept: list[Phase] = []
        for phase in record.phases:
            target = existing.get(phase.id) if phase.id else None
            if target is None:
                target = Phase()
            target.number = phase.number
            target.name = clean(phase.name)
            target.start_date = phase.start_date
            target.end_date = phase.end_date
            target.review_kind = phase.review_kind
            target.review_date = phase.review_date
            kept.append(target)
        for removed in set(existing.values()) - set(kept):
            delete_checked(session, removed, f"giai đoạn {removed.number}")
            row.phases.remove(removed)
        for phase_row in kept:
            if phase_row not in row.phases:
                row.phases.append(phase_row)
        session.flush()
        session.refresh(row)
        return _record(row)


def delete_campaign(db: Database, campaign_id: int) -> None:
    with db.session() as session:
        row = get_or_raise(session, Campaign, campaign_id, "phong trào thi đua")
        for phase in row.phases:
            delete_checked(session, phase, f"giai đoạn {phase.number} của phong trào")
        delete_checked(session, row, "phong trào thi đua này")

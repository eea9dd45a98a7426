"""Pledges (đăng ký thi đua) and their targets (chỉ tiêu), with progress from the evidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from thidua_desktop.core.enums import EvidenceStatus, PledgeSource
from thidua_desktop.core.errors import ValidationError
from thidua_desktop.core.models import AwardForm, Campaign, Phase, Pledge, Target
from thidua_desktop.core.services.common import delete_checked, get_or_raise
from thidua_desktop.core.services.subjects import preload_subjects, set_subject, subject_names, subject_of
from thidua_desktop.core.storage.database import Database
from thidua_desktop.core.text import clean


@dataclass
class TargetRecord:
    id: int | None = None
    pledge_id: int | None = None
    subject_name: str = ""
    content: str = ""
    target_value: float | None = None
    unit_of_measure: str = ""
    deadline: date | None = None
    phase_id: int | None = None
    phase_number: int | None = None
    sort_order: int = 0
    achieved_value: float | None = None
    achieved_verified: bool = False
    evidence_count: int = 0
    progress: float | None = None
    met: bool | None = None


@dataclass
class PledgeRecord:
    id: int | None = None
    campaign_id: int | None = None
    subject_type: str = "unit"
    subject_id: int | None = None
    subject_name: str = ""
    unit_name: str = ""
    title_code: str = ""
    title_name: str = ""
    pledge_date: date | None = None
    content: str = ""
    source: str = PledgeSource.MANUAL.value
    source_file: str = ""
    source_row: int | None = None
    target_count: int = 0
    targets_met: int = 0
    targets: list[TargetRecord] = field(default_factory=list)


def progress_of(target_value: float | None, achieved: float | None) -> tuple[float | None, bool | None]:
    """(percent of the target done, whether it is met); unknown when either value is missing."""
    if achieved is None or target_value is None:
        return None, None
    if target_value == 0:
        return 100.0, achieved >= 0
    return round(achieved / target_value * 100, 1), achieved >= target_value


def _target_record(row: Target, subject_name: str) -> TargetRecord:
    evidence = [e for e in row.evidence if e.status != EvidenceStatus.REJECTED]
    evidence.sort(key=lambda e: (e.status == EvidenceStatus.VERIFIED, e.achieved_date or date.min, e.id))
    latest = evidence[-1] if evidence else None
    achieved = latest.achieved_value if latest else None
    verified = bool(latest and latest.status == EvidenceStatus.VERIFIED)
    progress, met = progress_of(row.target_value, achieved)
    return TargetRecord(
        id=row.id,
        pledge_id=row.pledge_id,
        subject_name=subject_name,
        content=row.content,
        target_value=row.target_value,
        unit_of_measure=row.unit_of_measure,
        deadline=row.deadline,
        phase_id=row.phase_id,
        phase_number=row.phase.number if row.phase else None,
        sort_order=row.sort_order,
        achieved_value=achieved,
        achieved_verified=verified,
        evidence_count=len(row.evidence),
        progress=progress,
        met=bool(met and verified) if met is not None else None,
    )


def _record(session: Session, row: Pledge, titles: dict[str, str]) -> PledgeRecord:
    subject = subject_of(row)
    name, unit_name = subject_names(session, row)
    targets = [_target_record(t, name) for t in row.targets]
    return PledgeRecord(
        id=row.id,
        campaign_id=row.campaign_id,
        subject_type=subject.subject_type,
        subject_id=subject.subject_id,
        subject_name=name,
        unit_name=unit_name if subject.subject_type != "unit" else name,
        title_code=row.title_code,
        title_name=titles.get(row.title_code, row.title_code),
        pledge_date=row.pledge_date,
        content=row.content,
        source=row.source,
        source_file=row.source_file,
        source_row=row.source_row,
        target_count=len(targets),
        targets_met=sum(1 for t in targets if t.met),
        targets=targets,
    )


def _titles(session: Session) -> dict[str, str]:
    return dict(session.execute(select(AwardForm.code, AwardForm.name)).all())


def list_pledges(db: Database, campaign_id: int | None = None) -> list[PledgeRecord]:
    with db.session() as session:
        query = (
            select(Pledge)
            .options(
                selectinload(Pledge.targets).selectinload(Target.phase),
                selectinload(Pledge.targets).selectinload(Target.evidence),
            )
            .order_by(Pledge.id)
        )
        if campaign_id is not None:
            query = query.where(Pledge.campaign_id == campaign_id)
        pledges = list(session.scalars(query))
        titles = _titles(session)
        _subjects = preload_subjects(session)  # noqa: F841 - kept alive: no query per row
        return [_record(session, p, titles) for p in pledges]


def list_targets(db: Database, campaign_id: int | None = None) -> list[TargetRecord]:
    return [t for p in list_pledges(db, campaign_id) for t in p.targets]


def get_pledge(db: Database, pledge_id: int) -> PledgeRecord:
    with db.session() as session:
        row = get_or_raise(session, Pledge, pledge_id, "đăng ký thi đua")
        return _record(session, row, _titles(session))


def _validate_targets(session: Session, campaign_id: int, targets: list[TargetRecord]) -> None:
    phases = set(session.scalars(select(Phase.id).where(Phase.campaign_id == campaign_id)))
    for index, target in enumerate(targets, start=1):
        if not clean(target.content):
            raise ValidationError(f"Chỉ tiêu thứ {index}: chưa nhập nội dung.", "targets")
        if target.target_value is not None and target.target_value < 0:
            raise ValidationError(f"Chỉ tiêu thứ {index}: giá trị chỉ tiêu không được âm.", "targets")
        if target.phase_id is not None and target.phase_id not in phases:
            raise ValidationError(f"Chỉ tiêu thứ {index}: giai đoạn không thuộc phong trào này.", "targets")


def save_pledge(db: Database, record: PledgeRecord) -> PledgeRecord:
    if record.campaign_id is None:
        raise ValidationError("Chưa chọn phong trào thi đua.", "campaign_id")
    with db.session() as session:
        get_or_raise(session, Campaign, record.campaign_id, "phong trào thi đua")
        titles = _titles(session)
        if record.title_code and record.title_code not in titles:
            raise ValidationError("Danh hiệu đăng ký không có trong danh mục.", "title_code")
        _validate_targets(session, record.campaign_id, record.targets)
        row = get_or_raise(session, Pledge, record.id, "đăng ký thi đua") if record.id else Pledge()
        row.campaign_id = record.campaign_id
        set_subject(session, row, record.subject_type, record.subject_id)
        row.title_code = record.title_code
        row.pledge_date = record.pledge_date
        row.content = record.content.strip()
        row.source = record.source
        row.source_file = record.source_file
        row.source_row = record.source_row
        if record.id is None:
            session.add(row)
        existing = {t.id: t for t in row.targets}
        kept: list[Target] = []
        for order, target in enumerate(record.targets):
            target_row = existing.get(target.id) if target.id else None
            target_row = target_row or Target()
            target_row.content = clean(target.content)
            target_row.target_value = target.target_value
            target_row.unit_of_measure = clean(target.unit_of_measure)
            target_row.deadline = target.deadline
            target_row.phase_id = target.phase_id
            target_row.sort_order = order
            kept.append(target_row)
        for removed in set(existing.values()) - set(kept):
            delete_checked(session, removed, f"chỉ tiêu «{removed.content}»")
            row.targets.remove(removed)
        for target_row in kept:
            if target_row not in row.targets:
                row.targets.append(target_row)
        session.flush()
        session.refresh(row)
        return _record(session, row, titles)


def delete_pledge(db: Database, pledge_id: int) -> None:
    with db.session() as session:
        row = get_or_raise(session, Pledge, pledge_id, "đăng ký thi đua")
        # Without autoflush each target is deleted once, with the pledge (checking the next target would
        # otherwise flush the previous delete and the pledge's cascade would delete it a second time).
        with session.no_autoflush:
            for target in row.targets:
                delete_checked(session, target, f"chỉ tiêu «{target.content}»")
            delete_checked(session, row, "đăng ký thi đua này")

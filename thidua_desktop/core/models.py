"""SQLAlchemy 2 typed models: the whole schema of the program.

Enumerated columns hold the ASCII codes of :mod:`thidua_desktop.core.enums`. A subject (unit, person or household)
is stored as three nullable foreign keys of which exactly one is set, enforced by a CHECK constraint, so that
foreign keys protect every reference.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ONE_SUBJECT = "(unit_id IS NOT NULL) + (person_id IS NOT NULL) + (household_id IS NOT NULL) = 1"
UNIT_OR_PERSON = "(unit_id IS NOT NULL) + (person_id IS NOT NULL) = 1"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Timestamped:
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, server_default=func.current_timestamp(), onupdate=func.current_timestamp()
    )


class Setting(Timestamped, Base):
    """Organization settings as key/value pairs; typed access is in ``services.settings``."""

    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class Unit(Timestamped, Base):
    __tablename__ = "unit"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str] = mapped_column(String(80), default="")
    kind: Mapped[str] = mapped_column(String(40))
    is_party_org: Mapped[bool] = mapped_column(Boolean, default=False)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id", ondelete="RESTRICT"), index=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    member_count: Mapped[int | None] = mapped_column(Integer)
    female_count: Mapped[int | None] = mapped_column(Integer)
    is_grassroots: Mapped[bool | None] = mapped_column(Boolean)
    """For a Party organization: a grassroots one (chi bộ cơ sở, đảng bộ cơ sở) or not (a chi bộ under a grassroots
    đảng ủy); None when not recorded. It decides who signs the yearly Party Giấy khen (Quy định 294-QĐ/TW)."""
    notes: Mapped[str] = mapped_column(Text, default="")

    parent: Mapped[Unit | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Unit]] = relationship(back_populates="parent")
    persons: Mapped[list[Person]] = relationship(back_populates="unit")


class Person(Timestamped, Base):
    __tablename__ = "person"
    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str] = mapped_column(String(120), index=True)
    gender: Mapped[str | None] = mapped_column(String(10))
    birth_date: Mapped[date | None] = mapped_column(Date)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id", ondelete="RESTRICT"), index=True)
    position: Mapped[str] = mapped_column(String(200), default="")
    category: Mapped[str | None] = mapped_column(String(30))
    hire_date: Mapped[date | None] = mapped_column(Date)
    """When the person was recruited (ngày tuyển dụng): newcomers are not rated for LĐTT, CSTĐCS (TT 01/2024/TT-BNV)."""
    is_party_member: Mapped[bool] = mapped_column(Boolean, default=False)
    party_join_date: Mapped[date | None] = mapped_column(Date)
    party_official_date: Mapped[date | None] = mapped_column(Date)
    party_card_number: Mapped[str] = mapped_column(String(30), default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    unit: Mapped[Unit | None] = relationship(back_populates="persons")
    membership_gaps: Mapped[list[PartyMembershipGap]] = relationship(
        back_populates="person", cascade="all, delete-orphan"
    )


class PartyMembershipGap(Timestamped, Base):
    """A period not counted in Party age (expelled, struck off, out of contact) before a re-admission."""

    __tablename__ = "party_membership_gap"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")

    person: Mapped[Person] = relationship(back_populates="membership_gaps")


class Household(Timestamped, Base):
    __tablename__ = "household"
    id: Mapped[int] = mapped_column(primary_key=True)
    head_name: Mapped[str] = mapped_column(String(120))
    address: Mapped[str] = mapped_column(String(300), default="")
    residential_group_id: Mapped[int | None] = mapped_column(
        ForeignKey("unit.id", ondelete="RESTRICT"), index=True
    )
    member_count: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="")

    residential_group: Mapped[Unit | None] = relationship()


class Campaign(Timestamped, Base):
    __tablename__ = "campaign"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    theme: Mapped[str] = mapped_column(Text, default="")
    slogans: Mapped[str] = mapped_column(Text, default="")
    plan_reference: Mapped[str] = mapped_column(String(200), default="")
    kind: Mapped[str] = mapped_column(String(20))
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")

    phases: Mapped[list[Phase]] = relationship(
        back_populates="campaign", order_by="Phase.number", cascade="all, delete-orphan"
    )


class Phase(Timestamped, Base):
    __tablename__ = "phase"
    __table_args__ = (UniqueConstraint("campaign_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text, default="")
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    review_kind: Mapped[str] = mapped_column(String(20))
    review_date: Mapped[date | None] = mapped_column(Date)

    campaign: Mapped[Campaign] = relationship(back_populates="phases")


SUBJECT_COLUMNS = ("unit_id", "person_id", "household_id")


class SubjectRefs:
    """Three nullable foreign keys naming the subject of a record, exactly one of them set.

    Their indexes are partial (rows where the column is set): two of the three are empty in every row, and
    indexing those NULLs cost a third of the time of a bulk import. Lookups by a value (and the foreign key
    checks) still use them.
    """

    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id", ondelete="RESTRICT"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"))
    household_id: Mapped[int | None] = mapped_column(ForeignKey("household.id", ondelete="RESTRICT"))

    @declared_attr.directive
    def __table_args__(cls) -> tuple[Any, ...]:
        table = cls.__tablename__  # type: ignore[attr-defined]
        return (
            CheckConstraint(ONE_SUBJECT, name="one_subject"),
            *(
                Index(f"ix_{table}_{column}", column, sqlite_where=text(f"{column} IS NOT NULL"))
                for column in SUBJECT_COLUMNS
            ),
        )


class Pledge(SubjectRefs, Timestamped, Base):
    __tablename__ = "pledge"
    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="RESTRICT"), index=True)
    title_code: Mapped[str] = mapped_column(String(40), default="")
    pledge_date: Mapped[date | None] = mapped_column(Date)
    content: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(20), default="manual")
    source_file: Mapped[str] = mapped_column(String(300), default="")
    source_row: Mapped[int | None] = mapped_column(Integer)

    targets: Mapped[list[Target]] = relationship(
        back_populates="pledge", order_by="Target.sort_order", cascade="all, delete-orphan"
    )


class Target(Timestamped, Base):
    __tablename__ = "target"
    id: Mapped[int] = mapped_column(primary_key=True)
    pledge_id: Mapped[int] = mapped_column(ForeignKey("pledge.id", ondelete="CASCADE"), index=True)
    content: Mapped[str] = mapped_column(Text)
    target_value: Mapped[float | None] = mapped_column(Float)
    unit_of_measure: Mapped[str] = mapped_column(String(40), default="")
    deadline: Mapped[date | None] = mapped_column(Date)
    phase_id: Mapped[int | None] = mapped_column(ForeignKey("phase.id", ondelete="RESTRICT"), index=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    pledge: Mapped[Pledge] = relationship(back_populates="targets")
    phase: Mapped[Phase | None] = relationship()
    evidence: Mapped[list[Evidence]] = relationship(back_populates="target", passive_deletes="all")


class Evidence(Timestamped, Base):
    __tablename__ = "evidence"
    __table_args__ = (
        CheckConstraint("(target_id IS NOT NULL) + (pledge_id IS NOT NULL) >= 1", name="proves_something"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    target_id: Mapped[int | None] = mapped_column(ForeignKey("target.id", ondelete="RESTRICT"), index=True)
    pledge_id: Mapped[int | None] = mapped_column(ForeignKey("pledge.id", ondelete="RESTRICT"), index=True)
    achieved_value: Mapped[float | None] = mapped_column(Float)
    achieved_date: Mapped[date | None] = mapped_column(Date)
    document_ref: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="unverified")
    verifier: Mapped[str] = mapped_column(String(120), default="")
    verified_date: Mapped[date | None] = mapped_column(Date)

    target: Mapped[Target | None] = relationship(back_populates="evidence")
    files: Mapped[list[EvidenceFile]] = relationship(
        back_populates="evidence", cascade="all, delete-orphan", order_by="EvidenceFile.id"
    )


class EvidenceFile(Timestamped, Base):
    """An attached file; the bytes live in the managed store under their SHA-256."""

    __tablename__ = "evidence_file"
    id: Mapped[int] = mapped_column(primary_key=True)
    evidence_id: Mapped[int] = mapped_column(ForeignKey("evidence.id", ondelete="CASCADE"), index=True)
    original_name: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)

    evidence: Mapped[Evidence] = relationship(back_populates="files")


class AwardForm(Timestamped, Base):
    """Catalogue entry: an emulation title, an award form or a Party rating level."""

    __tablename__ = "award_form"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20))
    side: Mapped[str] = mapped_column(String(10))
    for_unit: Mapped[bool] = mapped_column(Boolean, default=False)
    for_person: Mapped[bool] = mapped_column(Boolean, default=False)
    for_household: Mapped[bool] = mapped_column(Boolean, default=False)
    authority: Mapped[str] = mapped_column(String(40))
    coefficient_person: Mapped[float | None] = mapped_column(Float)
    coefficient_unit: Mapped[float | None] = mapped_column(Float)
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)


class ProposalBatch(Timestamped, Base):
    """Proposals sent together to one awarding authority for one campaign phase."""

    __tablename__ = "proposal_batch"
    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="RESTRICT"), index=True)
    phase_id: Mapped[int | None] = mapped_column(ForeignKey("phase.id", ondelete="RESTRICT"), index=True)
    authority: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="draft")
    document_number: Mapped[str] = mapped_column(String(60), default="")
    council_members: Mapped[int | None] = mapped_column(Integer)
    members_present: Mapped[int | None] = mapped_column(Integer)
    meeting_date: Mapped[date | None] = mapped_column(Date)
    approved_date: Mapped[date | None] = mapped_column(Date)
    sent_date: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    meeting_start: Mapped[str] = mapped_column(String(5), default="")
    """Minutes of the meeting that considered the batch (council ballot or Party committee): "08:00"."""
    meeting_end: Mapped[str] = mapped_column(String(5), default="")
    meeting_place: Mapped[str] = mapped_column(Text, default="")
    meeting_chair: Mapped[str] = mapped_column(Text, default="")
    meeting_secretary: Mapped[str] = mapped_column(Text, default="")
    absent_members: Mapped[str] = mapped_column(Text, default="")
    """Names of the members absent from the meeting, one a line (they are the settings' members)."""

    proposals: Mapped[list[AwardProposal]] = relationship(back_populates="batch")
    history: Mapped[list[BatchStatusChange]] = relationship(
        back_populates="batch", cascade="all, delete-orphan", order_by="BatchStatusChange.id"
    )


class BatchStatusChange(Timestamped, Base):
    """A dated change of state of a proposal batch (council vote, approval, sending, decision) and who made it."""

    __tablename__ = "batch_status_change"
    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("proposal_batch.id", ondelete="CASCADE"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    changed_on: Mapped[date] = mapped_column(Date)
    changed_by: Mapped[str] = mapped_column(String(120), default="")
    note: Mapped[str] = mapped_column(Text, default="")

    batch: Mapped[ProposalBatch] = relationship(back_populates="history")


class AwardProposal(SubjectRefs, Timestamped, Base):
    __tablename__ = "award_proposal"
    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="RESTRICT"), index=True)
    phase_id: Mapped[int | None] = mapped_column(ForeignKey("phase.id", ondelete="RESTRICT"), index=True)
    batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("proposal_batch.id", ondelete="SET NULL"), index=True
    )
    award_form_id: Mapped[int] = mapped_column(ForeignKey("award_form.id", ondelete="RESTRICT"), index=True)
    authority: Mapped[str] = mapped_column(String(40))
    commendation_kind: Mapped[str] = mapped_column(String(20), default="campaign")
    achievement_summary: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="draft")
    votes_for: Mapped[int | None] = mapped_column(Integer)
    override_reason: Mapped[str] = mapped_column(Text, default="")
    decision_number: Mapped[str] = mapped_column(String(60), default="")
    decision_date: Mapped[date | None] = mapped_column(Date)
    decision_signer: Mapped[str] = mapped_column(String(120), default="")
    achievement_year: Mapped[int | None] = mapped_column(Integer)
    """The year of the achievement (for annual titles), written to the prior award once decided."""
    award_level: Mapped[str] = mapped_column(String(120), default="", server_default="")
    """Detail of the form, e.g. «30 năm tuổi Đảng» for a Party badge."""
    eligibility_result: Mapped[str] = mapped_column(String(10), default="", server_default="")
    """pass / fail / unknown: what the rules said when the proposal was made."""
    eligibility_json: Mapped[str] = mapped_column(Text, default="", server_default="")
    """The criteria with their articles and verdicts at that time (JSON), for the dossier and the history."""

    award_form: Mapped[AwardForm] = relationship()
    batch: Mapped[ProposalBatch | None] = relationship(back_populates="proposals")
    history: Mapped[list[ProposalStatusChange]] = relationship(
        back_populates="proposal", cascade="all, delete-orphan", order_by="ProposalStatusChange.id"
    )


class ProposalStatusChange(Timestamped, Base):
    __tablename__ = "proposal_status_change"
    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("award_proposal.id", ondelete="CASCADE"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    changed_on: Mapped[date] = mapped_column(Date)
    changed_by: Mapped[str] = mapped_column(String(120), default="")
    note: Mapped[str] = mapped_column(Text, default="")

    proposal: Mapped[AwardProposal] = relationship(back_populates="history")


class QualityRating(Timestamped, Base):
    __tablename__ = "quality_rating"
    __table_args__ = (
        CheckConstraint(UNIT_OR_PERSON, name="unit_or_person"),
        UniqueConstraint("unit_id", "person_id", "year", name="uq_quality_rating_subject_year"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    level: Mapped[str] = mapped_column(String(20))
    score: Mapped[float | None] = mapped_column(Float)
    is_outstanding: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")


class Discipline(Timestamped, Base):
    __tablename__ = "discipline"
    __table_args__ = (CheckConstraint(UNIT_OR_PERSON, name="unit_or_person"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    form: Mapped[str] = mapped_column(String(30))
    system: Mapped[str | None] = mapped_column(String(10))
    """``DisciplineSystem``: a Party or a State discipline; None when not recorded."""
    decision_number: Mapped[str] = mapped_column(String(60), default="")
    decision_date: Mapped[date | None] = mapped_column(Date)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")


class PriorAward(SubjectRefs, Timestamped, Base):
    """A title or award already received, typed in or written back from a decided proposal."""

    __tablename__ = "prior_award"
    id: Mapped[int] = mapped_column(primary_key=True)
    award_code: Mapped[str] = mapped_column(String(40), default="")
    form_name: Mapped[str] = mapped_column(String(300))
    level: Mapped[str] = mapped_column(String(120), default="")
    year: Mapped[int | None] = mapped_column(Integer)
    decision_number: Mapped[str] = mapped_column(String(60), default="")
    decision_date: Mapped[date | None] = mapped_column(Date)
    authority_name: Mapped[str] = mapped_column(String(200), default="")
    proposal_id: Mapped[int | None] = mapped_column(
        ForeignKey("award_proposal.id", ondelete="SET NULL"), index=True
    )


class Initiative(Timestamped, Base):
    __tablename__ = "initiative"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    level: Mapped[str] = mapped_column(String(20))
    recognized_date: Mapped[date | None] = mapped_column(Date)
    decision_ref: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    authors: Mapped[list[InitiativeAuthor]] = relationship(cascade="all, delete-orphan")


class InitiativeAuthor(Base):
    __tablename__ = "initiative_author"
    initiative_id: Mapped[int] = mapped_column(
        ForeignKey("initiative.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"), primary_key=True)


class ImportLog(Timestamped, Base):
    __tablename__ = "import_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    file_name: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    rows_read: Mapped[int] = mapped_column(Integer, default=0)
    created: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    warnings: Mapped[int] = mapped_column(Integer, default=0)


class ColumnMapping(Timestamped, Base):
    """A user's mapping of sheet columns to fields, remembered by the normalised header row."""

    __tablename__ = "column_mapping"
    id: Mapped[int] = mapped_column(primary_key=True)
    header_signature: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(30))
    mapping_json: Mapped[str] = mapped_column(Text)


class AuditEntry(Base):
    """One change of one record, written by the session hook in ``storage.audit``."""

    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_entry_record", "table_name", "record_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    action: Mapped[str] = mapped_column(String(10))
    table_name: Mapped[str] = mapped_column(String(60))
    record_id: Mapped[str] = mapped_column(String(60))
    before_json: Mapped[str] = mapped_column(Text, default="")
    after_json: Mapped[str] = mapped_column(Text, default="")
    user_name: Mapped[str] = mapped_column(String(120), default="")

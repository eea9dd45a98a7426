"""The records the rules read: annual quality ratings, disciplines, awards already received, recognised initiatives
and gaps in Party membership. Each with ``list_*``, ``save_*`` (insert when ``id`` is None) and ``delete_*``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from thidua_desktop.core.enums import (
    DisciplineForm,
    DisciplineSystem,
    InitiativeLevel,
    RatingLevel,
    SubjectType,
)
from thidua_desktop.core.errors import ValidationError
from thidua_desktop.core.models import (
    AwardForm,
    Discipline,
    Initiative,
    InitiativeAuthor,
    PartyMembershipGap,
    Person,
    PriorAward,
    QualityRating,
    Unit,
)
from thidua_desktop.core.rules.badge_law import system_of_form
from thidua_desktop.core.services.common import get_or_raise, require_text
from thidua_desktop.core.services.subjects import preload_subjects, set_subject, subject_names, subject_of
from thidua_desktop.core.storage.database import Database
from thidua_desktop.core.text import clean, format_date, name_sort_key

T = TypeVar("T")

FIRST_YEAR = 1930
SYSTEMS = frozenset(s.value for s in DisciplineSystem)


def _check_year(year: int | None, field_name: str = "year", required: bool = True) -> None:
    if year is None:
        if required:
            raise ValidationError("Chưa nhập năm.", field_name)
        return
    if not FIRST_YEAR <= year <= date.today().year + 1:
        raise ValidationError(f"Năm {year} không hợp lệ.", field_name)


def _unit_or_person(
    session: Session, row: QualityRating | Discipline, subject_type: str, subject_id: int | None
) -> None:
    if subject_id is None:
        raise ValidationError("Chưa chọn tập thể hoặc cá nhân.", "subject_id")
    if subject_type == SubjectType.UNIT:
        get_or_raise(session, Unit, subject_id, "đơn vị")
        row.unit_id, row.person_id = subject_id, None
    elif subject_type == SubjectType.PERSON:
        get_or_raise(session, Person, subject_id, "cá nhân")
        row.unit_id, row.person_id = None, subject_id
    else:
        raise ValidationError("Chỉ tập thể hoặc cá nhân mới có mục này.", "subject_type")


def _name_of(session: Session, unit_id: int | None, person_id: int | None) -> tuple[str, int, str]:
    if unit_id is not None:
        unit = session.get(Unit, unit_id)
        return SubjectType.UNIT.value, unit_id, unit.name if unit else ""
    person = session.get(Person, person_id)
    return SubjectType.PERSON.value, person_id or 0, person.full_name if person else ""


def _listed(
    session: Session, query: Select[Any], make: Callable[[Session, Any], T], preload: bool
) -> list[T]:
    """``make`` over the rows of ``query``. With ``preload`` (long lists) every subject is loaded first, in a few
    queries, instead of one query per row for its name; the loaded objects are kept alive meanwhile (the
    session's identity map holds them weakly)."""
    loaded = preload_subjects(session) if preload else []
    records = [make(session, row) for row in session.scalars(query)]
    loaded.clear()
    return records


# --- quality ratings ------------------------------------------------------------------------------------------------


@dataclass
class RatingRecord:
    id: int | None = None
    subject_type: str = SubjectType.PERSON.value
    subject_id: int | None = None
    subject_name: str = ""
    year: int | None = None
    level: str = RatingLevel.GOOD.value
    score: float | None = None
    is_outstanding: bool = False
    notes: str = ""

    @property
    def level_label(self) -> str:
        return RatingLevel(self.level).label if self.level in RatingLevel._value2member_map_ else self.level


def _rating(session: Session, row: QualityRating) -> RatingRecord:
    kind, subject_id, name = _name_of(session, row.unit_id, row.person_id)
    return RatingRecord(
        row.id, kind, subject_id, name, row.year, row.level, row.score, row.is_outstanding, row.notes
    )


def list_ratings(
    db: Database, subject_type: str | None = None, subject_id: int | None = None, year: int | None = None
) -> list[RatingRecord]:
    with db.session() as session:
        query = select(QualityRating).order_by(QualityRating.year.desc(), QualityRating.id)
        if subject_type == SubjectType.UNIT and subject_id is not None:
            query = query.where(QualityRating.unit_id == subject_id)
        elif subject_type == SubjectType.PERSON and subject_id is not None:
            query = query.where(QualityRating.person_id == subject_id)
        if year is not None:
            query = query.where(QualityRating.year == year)
        return _listed(session, query, _rating, preload=subject_id is None)


def save_rating(db: Database, record: RatingRecord) -> RatingRecord:
    _check_year(record.year)
    if record.level not in RatingLevel._value2member_map_:
        raise ValidationError("Mức xếp loại không hợp lệ.", "level")
    if record.score is not None and not 0 <= record.score <= 100:
        raise ValidationError("Điểm đánh giá phải từ 0 đến 100.", "score")
    if record.is_outstanding and record.level != RatingLevel.EXCELLENT:
        raise ValidationError(
            "Chỉ tập thể «Hoàn thành xuất sắc nhiệm vụ» mới được đánh giá tiêu biểu.", "is_outstanding"
        )
    with db.session() as session:
        row = get_or_raise(session, QualityRating, record.id, "xếp loại") if record.id else QualityRating()
        _unit_or_person(session, row, record.subject_type, record.subject_id)
        # The unique constraint holds a NULL column (unit or person) that SQLite never matches: check here.
        same_subject = (
            QualityRating.unit_id == row.unit_id
            if row.unit_id is not None
            else QualityRating.person_id == row.person_id
        )
        clash = session.scalar(
            select(QualityRating.id).where(
                same_subject, QualityRating.year == record.year, QualityRating.id != (record.id or 0)
            )
        )
        if clash is not None:
            raise ValidationError(f"Đối tượng này đã có xếp loại năm {record.year}.", "year")
        row.year = record.year or 0
        row.level = record.level
        row.score = record.score
        row.is_outstanding = record.is_outstanding
        row.notes = record.notes.strip()
        if record.id is None:
            session.add(row)
        session.flush()
        return _rating(session, row)


def delete_rating(db: Database, rating_id: int) -> None:
    with db.session() as session:
        session.delete(get_or_raise(session, QualityRating, rating_id, "xếp loại"))


# --- disciplines ----------------------------------------------------------------------------------------------------


@dataclass
class DisciplineRecord:
    id: int | None = None
    subject_type: str = SubjectType.PERSON.value
    subject_id: int | None = None
    subject_name: str = ""
    form: str = DisciplineForm.REPRIMAND.value
    decision_number: str = ""
    decision_date: date | None = None
    start_date: date | None = None
    end_date: date | None = None
    reason: str = ""
    system: str | None = None
    """``DisciplineSystem``: Party or State (government, mass organization); None only on entries recorded before
    it was asked (only a Party discipline delays the Party badge, Quy định 24-QĐ/TW)."""

    @property
    def form_label(self) -> str:
        return (
            DisciplineForm(self.form).label if self.form in DisciplineForm._value2member_map_ else self.form
        )

    @property
    def system_label(self) -> str:
        return DisciplineSystem(self.system).label if self.system in SYSTEMS else "Chưa ghi"


def _discipline(session: Session, row: Discipline) -> DisciplineRecord:
    kind, subject_id, name = _name_of(session, row.unit_id, row.person_id)
    return DisciplineRecord(
        row.id,
        kind,
        subject_id,
        name,
        row.form,
        row.decision_number,
        row.decision_date,
        row.start_date,
        row.end_date,
        row.reason,
        row.system,
    )


def list_disciplines(
    db: Database, subject_type: str | None = None, subject_id: int | None = None
) -> list[DisciplineRecord]:
    with db.session() as session:
        query = select(Discipline).order_by(Discipline.start_date.desc())
        if subject_type == SubjectType.UNIT and subject_id is not None:
            query = query.where(Discipline.unit_id == subject_id)
        elif subject_type == SubjectType.PERSON and subject_id is not None:
            query = query.where(Discipline.person_id == subject_id)
        return _listed(session, query, _discipline, preload=subject_id is None)


def save_discipline(db: Database, record: DisciplineRecord) -> DisciplineRecord:
    if record.form not in DisciplineForm._value2member_map_:
        raise ValidationError("Hình thức kỷ luật không hợp lệ.", "form")
    if record.start_date is None:
        raise ValidationError("Chưa nhập ngày bắt đầu thi hành kỷ luật.", "start_date")
    if record.end_date is not None and record.end_date < record.start_date:
        raise ValidationError("Ngày hết thời hạn kỷ luật không được trước ngày bắt đầu.", "end_date")
    if record.decision_date is not None and record.decision_date > record.start_date:
        raise ValidationError("Ngày quyết định không được sau ngày bắt đầu thi hành.", "decision_date")
    system = _checked_system(record)
    with db.session() as session:
        row = get_or_raise(session, Discipline, record.id, "kỷ luật") if record.id else Discipline()
        row.system = system
        _unit_or_person(session, row, record.subject_type, record.subject_id)
        row.form = record.form
        row.decision_number = clean(record.decision_number)
        row.decision_date = record.decision_date
        row.start_date = record.start_date
        row.end_date = record.end_date
        row.reason = record.reason.strip()
        if record.id is None:
            session.add(row)
        session.flush()
        return _discipline(session, row)


def _checked_system(record: DisciplineRecord) -> str | None:
    """The system to store: the one chosen, else the only one the form exists in; required for a new entry, and
    never a form of the other system (a Party body does not lower a salary, the State does not expel from the
    Party)."""
    implied = system_of_form(record.form)
    system = record.system or implied
    if system is not None and system not in SYSTEMS:
        raise ValidationError("Loại kỷ luật không hợp lệ.", "system")
    if system is None and record.id is None:
        raise ValidationError(
            "Chưa chọn loại kỷ luật: kỷ luật Đảng hay kỷ luật chính quyền, đoàn thể.", "system"
        )
    if implied is not None and system != implied:
        raise ValidationError(
            f"«{record.form_label}» là {DisciplineSystem(implied).label.lower()}, không phải "
            f"{DisciplineSystem(system or implied).label.lower()}.",
            "system",
        )
    return system


def delete_discipline(db: Database, discipline_id: int) -> None:
    with db.session() as session:
        session.delete(get_or_raise(session, Discipline, discipline_id, "kỷ luật"))


# --- awards already received ------------------------------------------------------------------------------------------


@dataclass
class PriorAwardRecord:
    id: int | None = None
    subject_type: str = SubjectType.PERSON.value
    subject_id: int | None = None
    subject_name: str = ""
    award_code: str = ""
    form_name: str = ""
    level: str = ""
    year: int | None = None
    decision_number: str = ""
    decision_date: date | None = None
    authority_name: str = ""
    proposal_id: int | None = None


def _prior(session: Session, row: PriorAward) -> PriorAwardRecord:
    subject = subject_of(row)
    name, _unit = subject_names(session, row)
    return PriorAwardRecord(
        row.id,
        subject.subject_type,
        subject.subject_id,
        name,
        row.award_code,
        row.form_name,
        row.level,
        row.year,
        row.decision_number,
        row.decision_date,
        row.authority_name,
        row.proposal_id,
    )


def list_prior_awards(
    db: Database, subject_type: str | None = None, subject_id: int | None = None
) -> list[PriorAwardRecord]:
    with db.session() as session:
        query = select(PriorAward).order_by(PriorAward.year.desc(), PriorAward.id)
        column = {
            SubjectType.UNIT.value: PriorAward.unit_id,
            SubjectType.PERSON.value: PriorAward.person_id,
            SubjectType.HOUSEHOLD.value: PriorAward.household_id,
        }.get(subject_type or "")
        if column is not None and subject_id is not None:
            query = query.where(column == subject_id)
        return _listed(session, query, _prior, preload=subject_id is None)


def save_prior_award(db: Database, record: PriorAwardRecord) -> PriorAwardRecord:
    _check_year(record.year, required=False)
    with db.session() as session:
        code = clean(record.award_code).upper()
        form = session.scalar(select(AwardForm).where(AwardForm.code == code)) if code else None
        if code and form is None:
            raise ValidationError(f"Không có hình thức mã «{code}» trong danh mục.", "award_code")
        name = clean(record.form_name) or (form.name if form else "")
        if not name:
            raise ValidationError("Chưa nhập tên hình thức khen thưởng.", "form_name")
        if record.year is None and record.decision_date is None:
            raise ValidationError("Chưa nhập năm hoặc ngày quyết định khen thưởng.", "year")
        row = (
            get_or_raise(session, PriorAward, record.id, "khen thưởng đã nhận") if record.id else PriorAward()
        )
        set_subject(session, row, record.subject_type, record.subject_id)
        row.award_code = code
        row.form_name = name
        row.level = clean(record.level)
        row.year = (
            record.year
            if record.year is not None
            else (record.decision_date.year if record.decision_date else None)
        )
        row.decision_number = clean(record.decision_number)
        row.decision_date = record.decision_date
        row.authority_name = clean(record.authority_name)
        if record.id is None:
            session.add(row)
        session.flush()
        return _prior(session, row)


def delete_prior_award(db: Database, award_id: int) -> None:
    with db.session() as session:
        session.delete(get_or_raise(session, PriorAward, award_id, "khen thưởng đã nhận"))


# --- initiatives ----------------------------------------------------------------------------------------------------


@dataclass
class InitiativeRecord:
    id: int | None = None
    title: str = ""
    level: str = InitiativeLevel.GRASSROOTS.value
    recognized_date: date | None = None
    decision_ref: str = ""
    notes: str = ""
    author_ids: list[int] = field(default_factory=list)
    author_names: list[str] = field(default_factory=list)

    @property
    def level_label(self) -> str:
        return (
            InitiativeLevel(self.level).label
            if self.level in InitiativeLevel._value2member_map_
            else self.level
        )


def _initiative(session: Session, row: Initiative) -> InitiativeRecord:
    people = [session.get(Person, a.person_id) for a in row.authors]
    named = sorted((p for p in people if p is not None), key=lambda p: name_sort_key(p.full_name))
    return InitiativeRecord(
        row.id,
        row.title,
        row.level,
        row.recognized_date,
        row.decision_ref,
        row.notes,
        [p.id for p in named],
        [p.full_name for p in named],
    )


def list_initiatives(db: Database, person_id: int | None = None) -> list[InitiativeRecord]:
    with db.session() as session:
        query = select(Initiative).options(selectinload(Initiative.authors)).order_by(Initiative.id)
        if person_id is not None:
            query = query.join(InitiativeAuthor).where(InitiativeAuthor.person_id == person_id)
        return [_initiative(session, row) for row in session.scalars(query)]


def save_initiative(db: Database, record: InitiativeRecord) -> InitiativeRecord:
    title = require_text(record.title, "title", "tên sáng kiến")
    if record.level not in InitiativeLevel._value2member_map_:
        raise ValidationError("Cấp công nhận sáng kiến không hợp lệ.", "level")
    if record.recognized_date and record.recognized_date > date.today():
        raise ValidationError("Ngày công nhận không được sau ngày hôm nay.", "recognized_date")
    authors = list(dict.fromkeys(record.author_ids))
    if not authors:
        raise ValidationError("Sáng kiến phải có ít nhất một tác giả.", "author_ids")
    with db.session() as session:
        for person_id in authors:
            get_or_raise(session, Person, person_id, "cá nhân (tác giả)")
        row = get_or_raise(session, Initiative, record.id, "sáng kiến") if record.id else Initiative()
        row.title = title
        row.level = record.level
        row.recognized_date = record.recognized_date
        row.decision_ref = clean(record.decision_ref)
        row.notes = record.notes.strip()
        if record.id is None:
            session.add(row)
        current = {a.person_id: a for a in row.authors}
        for person_id, author in current.items():
            if person_id not in authors:
                row.authors.remove(author)
        for person_id in authors:
            if person_id not in current:
                row.authors.append(InitiativeAuthor(person_id=person_id))
        session.flush()
        return _initiative(session, row)


def delete_initiative(db: Database, initiative_id: int) -> None:
    with db.session() as session:
        session.delete(get_or_raise(session, Initiative, initiative_id, "sáng kiến"))


# --- gaps in Party membership ---------------------------------------------------------------------------------------


@dataclass
class GapRecord:
    id: int | None = None
    person_id: int | None = None
    person_name: str = ""
    start_date: date | None = None
    end_date: date | None = None
    reason: str = ""


def _gap(session: Session, row: PartyMembershipGap) -> GapRecord:
    person = session.get(Person, row.person_id)
    return GapRecord(
        row.id, row.person_id, person.full_name if person else "", row.start_date, row.end_date, row.reason
    )


def list_gaps(db: Database, person_id: int | None = None) -> list[GapRecord]:
    with db.session() as session:
        query = select(PartyMembershipGap).order_by(
            PartyMembershipGap.person_id, PartyMembershipGap.start_date
        )
        if person_id is not None:
            query = query.where(PartyMembershipGap.person_id == person_id)
        return _listed(session, query, _gap, preload=person_id is None)


def save_gap(db: Database, record: GapRecord) -> GapRecord:
    """A period not counted in Party age (expelled, struck off, out of contact) before a re-admission."""
    if record.person_id is None:
        raise ValidationError("Chưa chọn đảng viên.", "person_id")
    if record.start_date is None or record.end_date is None:
        raise ValidationError("Phải nhập ngày bắt đầu và ngày kết thúc thời gian gián đoạn.", "start_date")
    if record.end_date <= record.start_date:
        raise ValidationError("Ngày kết thúc (được kết nạp lại) phải sau ngày bắt đầu gián đoạn.", "end_date")
    with db.session() as session:
        person = get_or_raise(session, Person, record.person_id, "đảng viên")
        if not person.is_party_member or person.party_join_date is None:
            raise ValidationError(
                f"{person.full_name} không phải đảng viên hoặc chưa có ngày vào Đảng.", "person_id"
            )
        if record.start_date <= person.party_join_date:
            raise ValidationError(
                f"Thời gian gián đoạn phải sau ngày vào Đảng ({format_date(person.party_join_date)}).",
                "start_date",
            )
        others = session.scalars(
            select(PartyMembershipGap).where(
                PartyMembershipGap.person_id == person.id, PartyMembershipGap.id != (record.id or 0)
            )
        )
        for other in others:
            if record.start_date < other.end_date and other.start_date < record.end_date:
                raise ValidationError(
                    f"Trùng với thời gian gián đoạn {format_date(other.start_date)}–{format_date(other.end_date)}.",
                    "start_date",
                )
        row = (
            get_or_raise(session, PartyMembershipGap, record.id, "thời gian gián đoạn")
            if record.id
            else PartyMembershipGap()
        )
        row.person_id = person.id
        row.start_date = record.start_date
        row.end_date = record.end_date
        row.reason = record.reason.strip()
        if record.id is None:
            session.add(row)
        session.flush()
        return _gap(session, row)


def delete_gap(db: Database, gap_id: int) -> None:
    with db.session() as session:
        session.delete(get_or_raise(session, PartyMembershipGap, gap_id, "thời gian gián đoạn"))

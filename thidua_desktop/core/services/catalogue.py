"""The award catalogue in the database: seeded from ``core.catalogue``, editable by the user."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from thidua_desktop.core.catalogue import CATALOGUE
from thidua_desktop.core.enums import Authority, AwardKind, Side
from thidua_desktop.core.errors import ValidationError
from thidua_desktop.core.models import AwardForm
from thidua_desktop.core.rules import law
from thidua_desktop.core.services.common import get_or_raise, require_text
from thidua_desktop.core.storage.database import Database


@dataclass
class AwardFormRecord:
    id: int | None = None
    code: str = ""
    name: str = ""
    kind: str = AwardKind.AWARD.value
    side: str = Side.STATE.value
    for_unit: bool = False
    for_person: bool = False
    for_household: bool = False
    authority: str = Authority.WARD_CHAIRMAN.value
    coefficient_person: float | None = None
    coefficient_unit: float | None = None
    legal_basis: str = ""
    is_active: bool = True


def _record(row: AwardForm) -> AwardFormRecord:
    return AwardFormRecord(
        row.id,
        row.code,
        row.name,
        row.kind,
        row.side,
        row.for_unit,
        row.for_person,
        row.for_household,
        row.authority,
        row.coefficient_person,
        row.coefficient_unit,
        row.legal_basis,
        row.is_active,
    )


def seed_catalogue(session: Session) -> int:
    """Insert the shipped entries that are missing; never overwrite what the user edited."""
    present = set(session.scalars(select(AwardForm.code)))
    added = 0
    for order, item in enumerate(CATALOGUE):
        if item.code in present:
            continue
        session.add(
            AwardForm(
                code=item.code,
                name=item.name,
                kind=item.kind.value,
                side=item.side.value,
                for_unit=item.for_unit,
                for_person=item.for_person,
                for_household=item.for_household,
                authority=item.authority.value,
                coefficient_person=item.coefficient_person,
                coefficient_unit=item.coefficient_unit,
                legal_basis=item.legal_basis,
                sort_order=order,
            )
        )
        added += 1
    return added


def list_award_forms(db: Database, active_only: bool = False) -> list[AwardFormRecord]:
    with db.session() as session:
        query = select(AwardForm).order_by(AwardForm.sort_order, AwardForm.id)
        if active_only:
            query = query.where(AwardForm.is_active.is_(True))
        return [_record(r) for r in session.scalars(query)]


def award_form_by_code(db: Database, code: str) -> AwardFormRecord:
    with db.session() as session:
        row = session.scalar(select(AwardForm).where(AwardForm.code == code))
        if row is None:
            raise ValidationError(f"Không có hình thức khen thưởng mã «{code}» trong danh mục.", "code")
        return _record(row)


SIDE_TEXT = {Side.PARTY.value: "khen thưởng của Đảng", Side.STATE.value: "khen thưởng của Nhà nước"}


def check_side(code: str, side: str, authority: str) -> None:
    """Party and State never mix (Điều lệ Đảng Điều 34 for the Party; Luật TĐKT 2022 for the State): a Party body
    never awards a State title nor a State body the Huy hiệu Đảng; a shipped form keeps the side the law gives it."""
    shipped = next((c for c in CATALOGUE if c.code == code), None)
    if shipped is not None and side != shipped.side:
        raise ValidationError(
            f"«{shipped.name}» là {SIDE_TEXT[shipped.side]}: không đổi được sang {SIDE_TEXT.get(side, side)}.",
            "side",
        )
    authority_side = law.side_of_authority(authority)
    if authority_side is not None and authority_side != side:
        raise ValidationError(
            f"{Authority(authority).label} không có thẩm quyền tặng hình thức {SIDE_TEXT.get(side, side)}: "
            "khen thưởng của Đảng do cấp ủy, Ban Thường vụ quyết định; của Nhà nước do Chủ tịch UBND quyết định.",
            "authority",
        )


def save_award_form(db: Database, record: AwardFormRecord) -> AwardFormRecord:
    name = require_text(record.name, "name", "tên hình thức")
    code = require_text(record.code, "code", "mã hình thức").upper()
    if record.authority not in Authority._value2member_map_:
        raise ValidationError("Cấp khen không hợp lệ.", "authority")
    if not (record.for_unit or record.for_person or record.for_household):
        raise ValidationError("Phải chọn ít nhất một loại đối tượng được khen.", "for_person")
    check_side(code, record.side, record.authority)
    with db.session() as session:
        clash = session.scalar(select(AwardForm).where(AwardForm.code == code))
        if clash is not None and clash.id != record.id:
            raise ValidationError(f"Mã «{code}» đã được dùng cho «{clash.name}».", "code")
        row = (
            get_or_raise(session, AwardForm, record.id, "hình thức khen thưởng") if record.id else AwardForm()
        )
        if record.id and row.code != code and row.code in {c.code for c in CATALOGUE}:
            raise ValidationError("Không đổi mã của hình thức có sẵn trong danh mục.", "code")
        row.code, row.name, row.kind, row.side = code, name, record.kind, record.side
        row.for_unit, row.for_person, row.for_household = (
            record.for_unit,
            record.for_person,
            record.for_household,
        )
        row.authority = record.authority
        row.coefficient_person, row.coefficient_unit = record.coefficient_person, record.coefficient_unit
        row.legal_basis, row.is_active = record.legal_basis.strip(), record.is_active
        if record.id is None:
            session.add(row)
        session.flush()
        return _record(row)

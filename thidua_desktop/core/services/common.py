"""Helpers shared by the services: JSON-ready records, dependent-row checks, validation."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from thidua_desktop.core.errors import DependentRecordsError, NotFoundError, ValidationError
from thidua_desktop.core.models import Base
from thidua_desktop.core.text import clean

TABLE_LABELS: dict[str, str] = {
    "unit": "đơn vị",
    "person": "cá nhân",
    "household": "hộ gia đình",
    "campaign": "phong trào thi đua",
    "phase": "giai đoạn",
    "pledge": "đăng ký thi đua",
    "target": "chỉ tiêu",
    "evidence": "minh chứng",
    "evidence_file": "tệp đính kèm",
    "award_form": "hình thức khen thưởng",
    "proposal_batch": "đợt trình",
    "award_proposal": "đề nghị khen thưởng",
    "prior_award": "khen thưởng đã nhận",
    "initiative_author": "sáng kiến (tác giả)",
    "quality_rating": "xếp loại chất lượng",
    "discipline": "kỷ luật",
    "party_membership_gap": "thời gian gián đoạn đảng tịch",
}

M = TypeVar("M", bound=Base)


def to_json(record: Any) -> dict[str, Any]:
    """A record dataclass as a flat JSON object: dates ISO, nested lists kept."""

    def plain(value: Any) -> Any:
        if isinstance(value, datetime):
            return value.isoformat(timespec="seconds")
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, list):
            return [plain(v) for v in value]
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return to_json(value)
        return value

    return {f.name: plain(getattr(record, f.name)) for f in dataclasses.fields(record)}


def get_or_raise(session: Session, model: type[M], row_id: int, label: str) -> M:
    row = session.get(model, row_id)
    if row is None:
        raise NotFoundError(f"Không tìm thấy {label} mã số {row_id} (có thể đã bị xóa).")
    return row


def require_text(value: str | None, field: str, label: str) -> str:
    text = clean(value)
    if not text:
        raise ValidationError(f"Chưa nhập {label}.", field)
    return text


def dependents(session: Session, row: Base) -> dict[str, int]:
    """Rows of other tables that point at ``row`` through a foreign key that would block its deletion."""
    table = row.__table__
    ident = row.__mapper__.primary_key_from_instance(row)[0]
    counts: dict[str, int] = {}
    for other in Base.metadata.sorted_tables:
        for fk in other.foreign_keys:
            if fk.column.table is not table or (fk.ondelete or "").upper() in {"CASCADE", "SET NULL"}:
                continue
            n = session.scalar(select(func.count()).select_from(other).where(fk.parent == ident)) or 0
            if n:
                counts[other.name] = counts.get(other.name, 0) + n
    return counts


def delete_checked(session: Session, row: Base, description: str) -> None:
    """Delete ``row`` or explain, in Vietnamese, which records still depend on it."""
    found = dependents(session, row)
    if found:
        parts = ", ".join(f"{n} {TABLE_LABELS.get(name, name)}" for name, n in found.items())
        raise DependentRecordsError(
            f"Không thể xóa {description} vì còn {parts} gắn với bản ghi này. "
            "Hãy xóa hoặc chuyển các bản ghi đó trước."
        )
    session.delete(row)


def apply(row: Base, values: dict[str, Any]) -> None:
    for key, value in values.items():
        setattr(row, key, value)

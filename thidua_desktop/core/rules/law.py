"""The dated tables of the law, in one place: base salary, reward coefficients, and who decides each form.

Every row says from which day it applies and which text it comes from; rules, documents and the UI read these
tables, never copies of their numbers. A day before the first row of a table is not modelled: the functions answer
``None`` and the caller says so ("chưa được mô hình hóa"), never a silent default.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, Decimal
from typing import Generic, TypeVar

from thidua_desktop.core.enums import Authority, SubjectType

T = TypeVar("T")

LAW_2003 = date(2017, 10, 1)
"""Luật Thi đua, khen thưởng 2003 (sửa đổi 2013) with Nghị định 91/2017/NĐ-CP, in force from 01/10/2017."""
LAW_2022 = date(2024, 1, 1)
"""Luật Thi đua, khen thưởng số 06/2022/QH15 with Nghị định 98/2023/NĐ-CP."""
REFORM = date(2025, 7, 1)
"""Two-level local government (no district): Nghị định 129/2025/NĐ-CP, Nghị định 152/2025/NĐ-CP, Quy định
294-QĐ/TW."""


@dataclass(frozen=True)
class Dated(Generic[T]):
    valid_from: date
    value: T
    source: str


def in_force(rows: Sequence[Dated[T]], on: date) -> Dated[T] | None:
    """The row in force on ``on`` (rows sorted by ``valid_from``), or None before the first."""
    found: Dated[T] | None = None
    for row in rows:
        if row.valid_from <= on:
            found = row
    return found


def first_modelled(rows: Sequence[Dated[T]]) -> date:
    return rows[0].valid_from


# --- money -----------------------------------------------------------------------------------------------------------

BASE_SALARY: tuple[Dated[int], ...] = (
    Dated(date(2018, 7, 1), 1_390_000, "Nghị định 72/2018/NĐ-CP"),
    Dated(date(2019, 7, 1), 1_490_000, "Nghị định 38/2019/NĐ-CP"),
    Dated(date(2023, 7, 1), 1_800_000, "Nghị định 24/2023/NĐ-CP"),
    Dated(date(2024, 7, 1), 2_340_000, "Nghị định 73/2024/NĐ-CP"),
    Dated(date(2026, 7, 1), 2_530_000, "Nghị định 161/2026/NĐ-CP Điều 3"),
)
"""Mức lương cơ sở; the decision date picks the amount (Nghị định 152/2025/NĐ-CP Điều 49)."""

ROUNDING_UNIT = 10_000
ROUNDING_SOURCE = "Nghị định 152/2025/NĐ-CP Điều 49 khoản 2 (làm tròn lên hàng chục nghìn đồng)"
HIGHEST_ONLY_SOURCE = (
    "Nghị định 152/2025/NĐ-CP Điều 49 khoản 5 (cùng thời điểm đạt nhiều danh hiệu thi đua: nhận tiền thưởng "
    "của danh hiệu cao nhất)"
)


@dataclass(frozen=True)
class Coefficients:
    person: float | None
    unit: float | None


ND_91 = "Nghị định 91/2017/NĐ-CP"
ND_98 = "Nghị định 98/2023/NĐ-CP"
ND_152 = "Nghị định 152/2025/NĐ-CP"


def _same(person: float | None, unit: float | None, articles: str) -> tuple[Dated[Coefficients], ...]:
    """A coefficient unchanged by the three decrees."""
    value = Coefficients(person, unit)
    return (
        Dated(LAW_2003, value, f"{ND_91} (mức tiền thưởng)"),
        Dated(LAW_2022, value, f"{ND_98} (mức tiền thưởng)"),
        Dated(REFORM, value, f"{ND_152} {articles}"),
    )


COEFFICIENTS: dict[str, tuple[Dated[Coefficients], ...]] = {
    "LDTT": _same(0.3, None, "Điều 50"),
    "CSTDCS": _same(1.0, None, "Điều 50"),
    "CSTD_TINH": _same(3.0, None, "Điều 50"),
    "TTLDTT": _same(None, 0.8, "Điều 50"),
    "TTLDXS": _same(None, 1.5, "Điều 50"),
    "TDP_VAN_HOA": _same(None, 1.5, "Điều 50"),
    "GK_CT_UBND_PHUONG": _same(0.3, 0.6, "Điều 54"),
    "BK_CT_UBND_TINH": (
        Dated(LAW_2003, Coefficients(1.0, 2.0), f"{ND_91} (mức tiền thưởng)"),
        Dated(LAW_2022, Coefficients(1.0, 2.0), f"{ND_98} (mức tiền thưởng)"),
        Dated(REFORM, Coefficients(1.5, 3.0), f"{ND_152} Điều 54"),
    ),
}
"""Reward coefficients × base salary of the shipped State forms. Forms added by the user take the catalogue's
coefficients; Party forms carry no State reward money."""


def base_salary_on(on: date) -> Dated[int] | None:
    return in_force(BASE_SALARY, on)


def coefficients_on(code: str, on: date) -> Dated[Coefficients] | None:
    rows = COEFFICIENTS.get(code)
    return in_force(rows, on) if rows else None


def is_statutory(code: str) -> bool:
    """Whether the form's money comes from the law's table (not from the editable catalogue)."""
    return code in COEFFICIENTS


def round_up(amount: Decimal) -> int:
    """Up to the next ten thousand đồng."""
    units = (amount / ROUNDING_UNIT).to_integral_value(rounding=ROUND_CEILING)
    return int(units) * ROUNDING_UNIT


def coefficient_for(coefficients: Coefficients, subject_type: str, household_factor: float) -> Decimal | None:
    if subject_type == SubjectType.UNIT:
        value = coefficients.unit
        return Decimal(str(value)) if value is not None else None
    if coefficients.person is None:
        return None
    person = Decimal(str(coefficients.person))
    if subject_type == SubjectType.HOUSEHOLD:
        return person * Decimal(str(household_factor))
    return person


# --- who decides -----------------------------------------------------------------------------------------------------


A = Authority
HD_01 = date(2021, 9, 28)
HD_06 = date(2025, 6, 9)
QD_294 = "Quy định 294-QĐ/TW (tổ chức đảng cấp xã là cấp trên trực tiếp của tổ chức cơ sở đảng)"
OLD_STATE = "Luật TĐKT 2003 (sửa đổi 2013), thẩm quyền của Chủ tịch UBND"
WARD_ALWAYS = (
    Dated(LAW_2003, A.WARD_CHAIRMAN.value, f"{OLD_STATE} cấp xã"),
    Dated(LAW_2022, A.WARD_CHAIRMAN.value, "Luật TĐKT 2022 Điều 80 khoản 3"),
    Dated(REFORM, A.WARD_CHAIRMAN.value, "Nghị định 129/2025/NĐ-CP Điều 59"),
)
DISTRICT_THEN_WARD = (
    Dated(LAW_2003, A.DISTRICT_CHAIRMAN.value, f"{OLD_STATE} cấp huyện"),
    Dated(LAW_2022, A.DISTRICT_CHAIRMAN.value, "Luật TĐKT 2022 Điều 80 khoản 2"),
    Dated(REFORM, A.WARD_CHAIRMAN.value, "Nghị định 129/2025/NĐ-CP Điều 59"),
)
PROVINCE_ALWAYS = (
    Dated(LAW_2003, A.PROVINCE_CHAIRMAN.value, f"{OLD_STATE} cấp tỉnh"),
    Dated(LAW_2022, A.PROVINCE_CHAIRMAN.value, "Luật TĐKT 2022 Điều 80 khoản 1"),
)
FIVE_YEAR_PARTY = (
    Dated(
        HD_01,
        A.DISTRICT_PARTY_STANDING.value,
        "Hướng dẫn 01-HD/TW mục 19 (đảng bộ phường là tổ chức cơ sở đảng: Ban Thường vụ cấp ủy cấp huyện)",
    ),
    Dated(HD_06, A.DISTRICT_PARTY_STANDING.value, "Hướng dẫn 06-HD/TW mục 19 (trước 01/7/2025: cấp huyện)"),
    Dated(REFORM, A.PARTY_STANDING.value, f"Hướng dẫn 06-HD/TW mục 19; {QD_294}"),
)
PROVINCE_PARTY = (
    Dated(HD_01, A.SUPERIOR_PARTY_STANDING.value, "Hướng dẫn 01-HD/TW mục 19"),
    Dated(HD_06, A.SUPERIOR_PARTY_STANDING.value, "Hướng dẫn 06-HD/TW mục 19"),
)

DECIDERS: dict[str, tuple[Dated[str], ...]] = {
    "LDTT": WARD_ALWAYS,
    "GK_CT_UBND_PHUONG": WARD_ALWAYS,
    "GD_VAN_HOA": WARD_ALWAYS,
    "CSTDCS": DISTRICT_THEN_WARD,
    "TTLDTT": DISTRICT_THEN_WARD,
    "TDP_VAN_HOA": DISTRICT_THEN_WARD,
    "CSTD_TINH": PROVINCE_ALWAYS,
    "TTLDXS": PROVINCE_ALWAYS,
    "BK_CT_UBND_TINH": PROVINCE_ALWAYS,
    "GK_BTV_DANG_UY": FIVE_YEAR_PARTY,
    "BK_BTV_TINH_UY": PROVINCE_PARTY,
}
"""Who decides each shipped form, by the review date. The yearly Party Giấy khen depends on the subject's Party
organization as well: see ``yearly_party_decider``."""

STATE_AUTHORITIES = frozenset(
    {A.WARD_CHAIRMAN.value, A.DISTRICT_CHAIRMAN.value, A.PROVINCE_CHAIRMAN.value, A.CENTRAL.value}
)
PARTY_AUTHORITIES = frozenset(
    {
        A.PARTY_COMMITTEE.value,
        A.PARTY_STANDING.value,
        A.GRASSROOTS_PARTY_COMMITTEE.value,
        A.SUPERIOR_PARTY_STANDING.value,
        A.DISTRICT_PARTY_STANDING.value,
        A.CENTRAL.value,
    }
)
"""Authorities allowed for each side: a Party body never awards a State title, nor a State body a Party award."""


def decider_on(code: str, on: date) -> Dated[str] | None:
    """The ``Authority`` deciding a shipped form on ``on`` with its source; None for other forms or before the
    table starts."""
    rows = DECIDERS.get(code)
    return in_force(rows, on) if rows else None


def yearly_party_decider(on: date, grassroots: bool | None, grassroots_committee: str) -> Dated[str] | None:
    """Who signs the yearly Party Giấy khen (a member HTXSNV, a chi bộ HTXSNV tiêu biểu).

    Before 01/07/2025 the ward Đảng bộ was itself the grassroots organization: its Đảng ủy signed for every chi bộ
    and member under it (Hướng dẫn 01-HD/TW, then 06-HD/TW mục 19). From 01/07/2025 (Quy định 294-QĐ/TW) a chi bộ
    under a grassroots đảng ủy is commended by that đảng ủy, and a grassroots chi bộ (chi bộ cơ sở) and its
    members by the ward committee, its superior. ``None`` when the Party organization's standing is not recorded.
    """
    if on < REFORM:
        source = "Hướng dẫn 01-HD/TW, 06-HD/TW mục 19: Đảng ủy phường là cấp ủy cơ sở (trước 01/7/2025)"
        return Dated(HD_01, A.PARTY_COMMITTEE.value, source)
    if grassroots is None:
        return None
    if grassroots:
        return Dated(REFORM, A.PARTY_COMMITTEE.value, f"Hướng dẫn 06-HD/TW mục 19; {QD_294}: chi bộ cơ sở")
    if grassroots_committee:
        source = f"Hướng dẫn 06-HD/TW mục 19: chi bộ trực thuộc {grassroots_committee} (đảng ủy cơ sở)"
        return Dated(REFORM, A.GRASSROOTS_PARTY_COMMITTEE.value, source)
    return None


def side_of_authority(authority: str) -> str | None:
    """'party', 'state', or None for an authority of both (Trung ương)."""
    if authority in PARTY_AUTHORITIES and authority not in STATE_AUTHORITIES:
        return "party"
    if authority in STATE_AUTHORITIES and authority not in PARTY_AUTHORITIES:
        return "state"
    return None

"""Reward money: coefficient × the base salary in force on the decision date, rounded up to the ten thousand đồng
(Nghị định 152/2025/NĐ-CP Điều 49 khoản 2); of several titles for the same period only the highest is paid
(Điều 49 khoản 5). Coefficients of the shipped State forms come from ``law.COEFFICIENTS`` by date; forms the user
added take the catalogue's. Households get ``household_factor`` × the individual amount.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from thidua_desktop.core.rules import law
from thidua_desktop.core.text import format_date, format_number


@dataclass(frozen=True)
class Reward:
    """The money of one award, or why there is none (``amount`` None)."""

    amount: int | None
    explanation: str
    base_salary: int | None = None
    coefficient: Decimal | None = None


def reward(
    code: str,
    subject_type: str,
    on: date,
    catalogue: law.Coefficients | None = None,
    household_factor: float = 1.5,
) -> Reward:
    """The reward for form ``code`` decided on ``on`` (the decision date, or the expected one)."""
    salary = law.base_salary_on(on)
    if salary is None:
        first = format_date(law.first_modelled(law.BASE_SALARY))
        return Reward(None, f"Chưa rõ: mức lương cơ sở trước ngày {first} chưa được mô hình hóa")
    if law.is_statutory(code):
        row = law.coefficients_on(code, on)
        if row is None:
            first = format_date(law.first_modelled(law.COEFFICIENTS[code]))
            return Reward(None, f"Chưa rõ: mức tiền thưởng trước ngày {first} chưa được mô hình hóa")
        coefficients, source = row.value, row.source
    elif catalogue is not None:
        coefficients, source = catalogue, "hệ số trong danh mục hình thức khen thưởng"
    else:
        return Reward(None, "Hình thức này không kèm tiền thưởng")
    coefficient = law.coefficient_for(coefficients, subject_type, household_factor)
    if coefficient is None:
        return Reward(None, "Hình thức này không kèm tiền thưởng cho đối tượng này")
    amount = law.round_up(coefficient * salary.value)
    text = (
        f"{format_number(float(coefficient), 2)} × {format_number(salary.value)} đồng "
        f"(lương cơ sở theo {salary.source}; hệ số theo {source}), làm tròn lên hàng chục nghìn: "
        f"{format_number(amount)} đồng"
    )
    return Reward(amount, text, salary.value, coefficient)


def reward_amount(
    coefficient_person: float | None,
    coefficient_unit: float | None,
    subject_type: str,
    on: date,
    household_factor: float = 1.5,
    code: str = "",
) -> int | None:
    """The amount alone (see ``reward``)."""
    catalogue = law.Coefficients(coefficient_person, coefficient_unit)
    return reward(code, subject_type, on, catalogue, household_factor).amount


@dataclass(frozen=True)
class Payable:
    key: Hashable
    """Whatever identifies the item to the caller (a proposal id)."""
    subject: Hashable
    period: Hashable
    """The period the title rewards (the achievement year, or the campaign phase)."""
    is_title: bool
    """A danh hiệu thi đua (LĐTT, CSTĐCS, TTLĐTT...): only the highest of them is paid for one period."""
    amount: int | None


def highest_title_only(items: Iterable[Payable]) -> dict[Hashable, int | None]:
    """Amounts to pay: for each subject and period, only the highest-paid title keeps its money (ties: the first);
    the other titles pay 0. Awards that are not titles (Giấy khen, Bằng khen) are paid as they are."""
    paid: dict[Hashable, int | None] = {}
    best: dict[tuple[Hashable, Hashable], Payable] = {}
    for item in items:
        paid[item.key] = item.amount
        if not item.is_title or item.amount is None:
            continue
        group = (item.subject, item.period)
        current = best.get(group)
        if current is None or (current.amount or 0) < item.amount:
            if current is not None:
                paid[current.key] = 0
            best[group] = item
        else:
            paid[item.key] = 0
    return paid

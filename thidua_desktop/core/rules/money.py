"""Reward money (NĐ 152/2025/NĐ-CP Điều 50, 54): the catalogue's coefficient × the base salary, both settings;
a household gets ``household_money_factor`` × the individual amount."""

from __future__ import annotations

from thidua_desktop.core.enums import SubjectType


def reward_amount(
    coefficient_person: float | None,
    coefficient_unit: float | None,
    subject_type: str,
    base_salary: int,
    household_factor: float = 1.5,
) -> int | None:
    """The reward in đồng, or None when the catalogue gives no coefficient for this kind of subject."""
    if subject_type == SubjectType.UNIT:
        coefficient = coefficient_unit
    elif subject_type == SubjectType.HOUSEHOLD:
        coefficient = coefficient_person * household_factor if coefficient_person is not None else None
    else:
        coefficient = coefficient_person
    if coefficient is None:
        return None
    return round(coefficient * base_salary)

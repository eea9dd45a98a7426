"""Reward money by the law in force on the decision date (Nghị định 152/2025/NĐ-CP Điều 49–54; before it Nghị định
98/2023 and 91/2017): coefficient × the base salary of that day (Nghị định 24/2023, 73/2024, 161/2026), rounded up
to the ten thousand đồng, only the highest of several titles for one period."""

from __future__ import annotations

from datetime import date

import pytest

from thidua_desktop.core.rules import law
from thidua_desktop.core.rules.money import Payable, highest_title_only, reward, reward_amount


@pytest.mark.parametrize(
    ("on", "salary"),
    [
        (date(2023, 6, 30), 1_490_000),
        (date(2023, 7, 1), 1_800_000),
        (date(2024, 6, 30), 1_800_000),
        (date(2024, 7, 1), 2_340_000),
        (date(2026, 6, 30), 2_340_000),
        (date(2026, 7, 1), 2_530_000),
    ],
)
def test_base_salary_is_chosen_by_the_decision_date(on: date, salary: int) -> None:
    """NĐ 24/2023 (01/07/2023), NĐ 73/2024 (01/07/2024), NĐ 161/2026 Điều 3 (01/07/2026): each side of each day."""
    found = law.base_salary_on(on)
    assert found is not None and found.value == salary


def test_before_the_series_the_salary_is_not_modelled() -> None:
    result = reward("LDTT", "person", date(2018, 6, 30))
    assert result.amount is None and "chưa được mô hình hóa" in result.explanation


@pytest.mark.parametrize(
    ("code", "subject", "on", "amount"),
    [
        ("LDTT", "person", date(2025, 6, 20), 710_000),  # 0,3 × 2.340.000 = 702.000 → 710.000
        ("GK_CT_UBND_PHUONG", "unit", date(2025, 6, 20), 1_410_000),  # 1.404.000 → 1.410.000
        ("GK_CT_UBND_PHUONG", "household", date(2025, 6, 20), 1_060_000),  # 1,5 × 702.000 = 1.053.000
        ("TTLDTT", "unit", date(2025, 6, 20), 1_880_000),  # 1.872.000 → 1.880.000
        ("CSTDCS", "person", date(2025, 6, 20), 2_340_000),  # exact: not rounded further
        ("LDTT", "person", date(2026, 7, 1), 760_000),  # 0,3 × 2.530.000 = 759.000
        ("LDTT", "person", date(2023, 6, 30), 450_000),  # 0,3 × 1.490.000 = 447.000
    ],
)
def test_amounts_are_rounded_up_to_the_ten_thousand(code: str, subject: str, on: date, amount: int) -> None:
    """NĐ 152/2025 Điều 49 khoản 2 (the same rule in NĐ 98/2023): rounded up, never to the nearest."""
    assert reward(code, subject, on).amount == amount


@pytest.mark.parametrize(
    ("subject", "on", "amount"),
    [
        ("person", date(2025, 6, 30), 2_340_000),  # 1,0 × before 01/07/2025
        ("person", date(2025, 7, 1), 3_510_000),  # 1,5 × from 01/07/2025
        ("unit", date(2025, 6, 30), 4_680_000),  # 2,0 ×
        ("unit", date(2025, 7, 1), 7_020_000),  # 3,0 ×
    ],
)
def test_provincial_bang_khen_coefficients_changed_on_1_july_2025(
    subject: str, on: date, amount: int
) -> None:
    """NĐ 152/2025 Điều 54: Bằng khen of the provincial chairman 1,5 (individual) and 3,0 (collective) × base
    salary from 01/07/2025; 1,0 and 2,0 under NĐ 98/2023."""
    result = reward("BK_CT_UBND_TINH", subject, on)
    assert result.amount == amount
    assert ("Điều 54" in result.explanation) == (on >= date(2025, 7, 1))


def test_forms_added_by_the_user_take_the_catalogue_coefficients() -> None:
    assert reward_amount(0.5, None, "person", date(2025, 1, 10), code="GK_SO_NOI_VU") == 1_170_000
    assert reward_amount(None, None, "person", date(2025, 1, 10), code="GK_SO_NOI_VU") is None


def test_party_forms_carry_no_state_money() -> None:
    assert reward("GK_DANG_UY", "person", date(2025, 1, 10)).amount is None


def test_only_the_highest_title_of_a_period_is_paid() -> None:
    """NĐ 152/2025 Điều 49 khoản 5: LĐTT and CSTĐCS for the same year pay the CSTĐCS only; a Giấy khen is paid
    as well; another year or another subject is not affected."""
    paid = highest_title_only(
        [
            Payable("ldtt", "hoa", 2025, True, 710_000),
            Payable("cstdcs", "hoa", 2025, True, 2_340_000),
            Payable("gk", "hoa", 2025, False, 710_000),
            Payable("ldtt-2024", "hoa", 2024, True, 710_000),
            Payable("ldtt-lan", "lan", 2025, True, 710_000),
        ]
    )
    assert paid == {"ldtt": 0, "cstdcs": 2_340_000, "gk": 710_000, "ldtt-2024": 710_000, "ldtt-lan": 710_000}

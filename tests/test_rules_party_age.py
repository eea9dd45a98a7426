"""Party age (Điều lệ Đảng Điều 5 khoản 4): from the admission decision, gaps subtracted (re-admission); badge
milestones and the four award occasions (Hướng dẫn 06-HD/TW mục 18), with their boundaries."""

from __future__ import annotations

from datetime import date

import pytest

from thidua_desktop.core.errors import ValidationError
from thidua_desktop.core.rules import badge
from thidua_desktop.core.rules.engine import Context, Outcome, evaluate
from thidua_desktop.core.rules.facts import AwardFact, GapFact, SubjectFacts
from thidua_desktop.core.rules.forms import RULESETS_BY_CODE
from thidua_desktop.core.rules.params import RuleParams
from thidua_desktop.core.rules.party_age import (
    MILESTONES,
    Occasion,
    add_months,
    format_occasions,
    is_occasion,
    next_occasion,
    occasions_of,
    parse_occasions,
    party_age,
    previous_occasion,
    reach_date,
    require_occasion,
)

BADGE = RULESETS_BY_CODE["HUY_HIEU_DANG"]


def member(
    joined: date, gaps: list[GapFact] | None = None, awards: list[AwardFact] | None = None
) -> SubjectFacts:
    return SubjectFacts(
        "person",
        7,
        "Huỳnh Văn Tám",
        is_party=True,
        party_join_date=joined,
        party_gaps=gaps or [],
        awards=awards or [],
    )


def at(occasion: date) -> Context:
    return Context(review_date=occasion, year=occasion.year, params=RuleParams(), occasion=occasion)


@pytest.mark.parametrize(
    ("joined", "on", "years", "months"),
    [
        (date(1995, 5, 19), date(2025, 5, 19), 30, 0),
        (date(1995, 5, 19), date(2025, 5, 18), 29, 11),
        (date(1996, 2, 29), date(2026, 2, 27), 29, 11),
        (date(1996, 2, 29), date(2026, 2, 28), 30, 0),
    ],
)
def test_party_age_counts_from_the_admission_decision(
    joined: date, on: date, years: int, months: int
) -> None:
    age = party_age(joined, [], on)
    assert (age.years, age.months) == (years, months)


def test_readmitted_member_counts_from_first_admission_minus_the_gap() -> None:
    gap = GapFact(date(1997, 3, 1), date(2002, 3, 1))
    assert party_age(date(1990, 5, 19), [gap], date(2025, 5, 18)).years == 29
    assert party_age(date(1990, 5, 19), [gap], date(2025, 5, 19)).years == 30
    assert party_age(date(1990, 5, 19), [], date(2025, 5, 19)).years == 35
    assert reach_date(date(1990, 5, 19), [gap], 30) == date(2025, 5, 19)


def test_gap_after_the_date_does_not_count_yet() -> None:
    gap = GapFact(date(2030, 1, 1), date(2031, 1, 1))
    assert party_age(date(1995, 5, 19), [gap], date(2025, 5, 19)).years == 30


def test_two_gaps_add_up() -> None:
    gaps = [GapFact(date(2000, 1, 1), date(2001, 1, 1)), GapFact(date(2010, 1, 1), date(2011, 1, 1))]
    reached = reach_date(date(1990, 1, 1), gaps, 30)
    assert reached == date(2022, 1, 1)
    assert party_age(date(1990, 1, 1), gaps, reached).years == 30


def test_occasions_are_the_four_dates() -> None:
    assert occasions_of(2025) == [date(2025, 2, 3), date(2025, 5, 19), date(2025, 9, 2), date(2025, 11, 7)]
    assert previous_occasion(date(2025, 2, 3)) == date(2024, 11, 7)
    assert previous_occasion(date(2025, 5, 19)) == date(2025, 2, 3)
    assert is_occasion(date(2025, 9, 2)) and not is_occasion(date(2025, 9, 3))
    with pytest.raises(ValidationError, match="không phải đợt trao"):
        require_occasion(date(2025, 5, 18))


def test_milestones_are_those_of_the_regulation() -> None:
    assert MILESTONES == (30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90)


@pytest.mark.parametrize(
    ("joined", "occasion", "expected", "fragment"),
    [
        (date(1995, 5, 19), date(2025, 5, 19), Outcome.PASS, "Đủ 30 năm tuổi Đảng ngày 19/05/2025"),
        (date(1995, 2, 4), date(2025, 2, 3), Outcome.UNKNOWN, "chỉ xét trao sớm"),
        (date(1995, 2, 4), date(2025, 5, 19), Outcome.PASS, "Đủ 30 năm tuổi Đảng ngày 04/02/2025"),
        (date(1995, 2, 3), date(2025, 5, 19), Outcome.PASS, "chưa được trao"),
        (date(1996, 5, 19), date(2025, 5, 19), Outcome.UNKNOWN, "tối đa 12 tháng"),
        (date(1996, 5, 20), date(2025, 5, 19), Outcome.FAIL, "Chưa đến mốc"),
        (date(1955, 5, 20), date(2024, 5, 19), Outcome.UNKNOWN, "tối đa 24 tháng"),
        (date(1955, 5, 20), date(2023, 5, 19), Outcome.FAIL, "Chưa đến mốc"),
    ],
)
def test_badge_occasion_boundaries(joined: date, occasion: date, expected: Outcome, fragment: str) -> None:
    """Reached on the occasion: due; the day after: only early (serious illness, 12 months for 30–65 years,
    24 months for 70–90); reached before the previous occasion and not given: still due."""
    before = [AwardFact("HUY_HIEU_DANG", 2020, level="65 năm tuổi Đảng")] if joined.year < 1960 else []
    subject = member(joined, awards=before)
    result = next(r for r in evaluate(BADGE, subject, at(occasion)).results if r.code == "milestone")
    assert result.outcome == expected, result.message
    assert fragment in result.message


def test_badge_for_readmitted_member_uses_party_age_not_calendar() -> None:
    """Joined 1990, struck off 1997–2002: 30 years on 19/5/2025, not 2020; nothing due on 3/2/2025."""
    tam = member(date(1990, 5, 19), [GapFact(date(1997, 3, 1), date(2002, 3, 1))])
    due = badge.badge_milestone(tam, at(date(2025, 5, 19)))
    assert due == (30, date(2025, 5, 19), False)
    early = badge.badge_milestone(tam, at(date(2025, 2, 3)))
    assert early == (30, date(2025, 5, 19), True)


def test_badge_goes_on_from_the_highest_milestone_received() -> None:
    received = AwardFact("HUY_HIEU_DANG", 2020, level="55 năm tuổi Đảng")
    an = member(date(1965, 9, 2), awards=[received])
    assert badge.badge_milestone(an, at(date(2025, 9, 2))) == (60, date(2025, 9, 2), False)
    assert badge.badge_milestone(an, at(date(2025, 5, 19))) == (60, date(2025, 9, 2), True)


def test_old_unrecorded_milestone_is_a_question_not_a_proposal() -> None:
    xuan = member(date(1985, 9, 2))
    result = next(r for r in evaluate(BADGE, xuan, at(date(2025, 5, 19))).results if r.code == "milestone")
    assert result.outcome == Outcome.UNKNOWN
    assert "chưa có ghi nhận đã trao" in result.message


def test_badge_record_without_milestone_is_unknown() -> None:
    someone = member(date(1995, 5, 19), awards=[AwardFact("HUY_HIEU_DANG", 2020, name="Huy hiệu Đảng")])
    result = next(r for r in evaluate(BADGE, someone, at(date(2025, 5, 19))).results if r.code == "milestone")
    assert result.outcome == Outcome.UNKNOWN


@pytest.mark.parametrize(
    ("form", "months"),
    [("reprimand", 6), ("warning", 9), ("dismissal", 12)],
)
def test_discipline_waiting_periods(form: str, months: int) -> None:
    """Quy định 24-QĐ/TW điểm 27: a Party discipline delays the badge 6 / 9 / 12 months from its decision."""
    from thidua_desktop.core.rules.facts import DisciplineFact

    occasion = date(2025, 9, 2)
    decided = add_months(occasion, -months)
    waited = member(date(1995, 5, 19))
    waited.disciplines = [DisciplineFact(form, decided, None, decided, system="party")]
    waiting = member(date(1995, 5, 19))
    day_later = date.fromordinal(decided.toordinal() + 1)
    waiting.disciplines = [DisciplineFact(form, day_later, None, day_later, system="party")]
    check = lambda s: next(r for r in evaluate(BADGE, s, at(occasion)).results if r.code == "discipline")  # noqa: E731
    assert check(waited).outcome == Outcome.PASS
    failing = check(waiting)
    assert failing.outcome == Outcome.FAIL and f"{months} tháng" in failing.message


# --- other major anniversaries (a setting) ------------------------------------------------------------------------


def test_other_anniversaries_are_read_from_their_text() -> None:
    """Hướng dẫn 06-HD/TW mục 18: «3/2, 19/5, 2/9, 7/11 và các dịp kỷ niệm quan trọng khác»: dd/mm every year,
    dd/mm/yyyy once, with a name; the four fixed days are not repeated."""
    found = parse_occasions("01/10 Ngày thành lập Đảng bộ tỉnh\n 15/8/2026 ; 3/2")
    assert found == (
        Occasion(1, 10, None, "Ngày thành lập Đảng bộ tỉnh"),
        Occasion(15, 8, 2026, ""),
    )
    assert format_occasions(found) == "01/10 Ngày thành lập Đảng bộ tỉnh\n15/08/2026"
    assert parse_occasions("") == ()
    for wrong in ("31/02", "1-10", "01/13/2025", "đầu tháng 10"):
        with pytest.raises(ValidationError, match="không hợp lệ"):
            parse_occasions(wrong)


def test_other_anniversaries_are_occasions() -> None:
    """Hướng dẫn 06-HD/TW mục 18: a set anniversary is an occasion (every year, or only its year), and counts as
    the previous occasion of the next one."""
    extra = (Occasion(1, 10, None, "Thành lập Đảng bộ tỉnh"), Occasion(15, 8, 2026))
    assert is_occasion(date(2025, 10, 1), extra) and not is_occasion(date(2025, 10, 1))
    assert is_occasion(date(2026, 8, 15), extra) and not is_occasion(date(2025, 8, 15), extra)
    require_occasion(date(2025, 10, 1), extra)
    with pytest.raises(ValidationError, match="01/10 Thành lập Đảng bộ tỉnh"):
        require_occasion(date(2025, 10, 2), extra)
    assert occasions_of(2026, extra) == [
        date(2026, 2, 3),
        date(2026, 5, 19),
        date(2026, 8, 15),
        date(2026, 9, 2),
        date(2026, 10, 1),
        date(2026, 11, 7),
    ]
    assert previous_occasion(date(2025, 11, 7), extra) == date(2025, 10, 1)
    assert previous_occasion(date(2025, 11, 7)) == date(2025, 9, 2)
    assert next_occasion(date(2025, 9, 3), extra) == date(2025, 10, 1)
    assert next_occasion(date(2025, 9, 3)) == date(2025, 11, 7)

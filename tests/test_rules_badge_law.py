"""The Party badge by the law in force at the award occasion (issue 10, points 6, 8, 9, 13): the wait after a Party
discipline (Quy định 29-QĐ/TW, then Quy định 24-QĐ/TW), Party discipline only, re-admission after an expulsion,
due vs overdue, and occasions before the first modelled regulation. Each case just passes, just fails, or is
unknown."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from thidua_desktop.core.rules import badge, badge_law
from thidua_desktop.core.rules.engine import Context, CriterionResult, Outcome, evaluate
from thidua_desktop.core.rules.facts import DisciplineFact, GapFact, SubjectFacts
from thidua_desktop.core.rules.forms import RULESETS_BY_CODE
from thidua_desktop.core.rules.params import PARAM_INFO, RuleParams
from thidua_desktop.core.rules.party_age import Occasion, add_months

BADGE = RULESETS_BY_CODE["HUY_HIEU_DANG"]
P, F, U = Outcome.PASS, Outcome.FAIL, Outcome.UNKNOWN
QD_24_OCCASION = date(2025, 9, 2)
QD_29_OCCASION = date(2021, 5, 19)


def member(*disciplines: DisciplineFact, gaps: list[GapFact] | None = None) -> SubjectFacts:
    return SubjectFacts(
        "person",
        9,
        "Đỗ Thị Chín",
        is_party=True,
        party_join_date=date(1990, 1, 10),
        disciplines=list(disciplines),
        party_gaps=gaps or [],
    )


def decided(
    occasion: date, months: int, days: int = 0, form: str = "reprimand", system: str | None = "party"
) -> DisciplineFact:
    """A discipline decided ``months`` (and ``days``) before the occasion; negative days move it closer."""
    when = add_months(occasion, -months) - timedelta(days=days)
    return DisciplineFact(form, when, None, when, system=system)


def at(occasion: date) -> Context:
    return Context(review_date=occasion, year=occasion.year, params=RuleParams(), occasion=occasion)


def wait(subject: SubjectFacts, occasion: date) -> CriterionResult:
    return next(r for r in evaluate(BADGE, subject, at(occasion)).results if r.code == "discipline")


# --- point 8: the wait of the regulation in force at the occasion ---------------------------------------------------


@pytest.mark.parametrize(("form", "months"), [("reprimand", 6), ("warning", 9), ("dismissal", 12)])
def test_qd24_wait_after_a_party_discipline(form: str, months: int) -> None:
    """Quy định 24-QĐ/TW điểm 27: after khiển trách 6 months, cảnh cáo 9, cách chức 12, from the decision."""
    done = wait(member(decided(QD_24_OCCASION, months, form=form)), QD_24_OCCASION)
    assert (done.outcome, done.article) == (P, "Quy định 24-QĐ/TW điểm 27"), done.message
    assert "nếu được chi bộ công nhận đã sửa chữa tốt khuyết điểm" in done.message
    waiting = wait(member(decided(QD_24_OCCASION, months, days=-1, form=form)), QD_24_OCCASION)
    assert waiting.outcome == F and f"chưa hết thời gian chờ {months} tháng" in waiting.message


@pytest.mark.parametrize(("form", "months"), [("warning", 6), ("dismissal", 12)])
def test_qd29_wait_after_a_party_discipline(form: str, months: int) -> None:
    """Quy định 29-QĐ/TW điểm 27.3 (occasions 25/07/2016 – 29/07/2021): cảnh cáo 6 months, cách chức 12."""
    done = wait(member(decided(QD_29_OCCASION, months, form=form)), QD_29_OCCASION)
    assert (done.outcome, done.article) == (P, "Quy định 29-QĐ/TW điểm 27.3"), done.message
    assert "nếu đã sửa chữa tốt khuyết điểm" in done.message
    waiting = wait(member(decided(QD_29_OCCASION, months, days=-1, form=form)), QD_29_OCCASION)
    assert waiting.outcome == F and f"{months} tháng" in waiting.message


def test_qd29_reprimand_does_not_delay_the_badge() -> None:
    """Quy định 29-QĐ/TW điểm 27.3: only «cảnh cáo» and above delay the badge; a khiển trách the day before
    does not. Under Quy định 24-QĐ/TW the same khiển trách makes the member wait 6 months."""
    day_before = DisciplineFact("reprimand", date(2021, 5, 18), None, date(2021, 5, 18), system="party")
    assert wait(member(day_before), QD_29_OCCASION).outcome == P
    later = DisciplineFact("reprimand", date(2021, 9, 1), None, date(2021, 9, 1), system="party")
    assert wait(member(later), date(2021, 9, 2)).outcome == F


def test_the_regulation_changes_on_30_july_2021() -> None:
    """Quy định 24-QĐ/TW applies from 30/07/2021; the day before, Quy định 29-QĐ/TW."""
    by_day = {c.valid_from: c.article for c in BADGE.criteria if c.code == "discipline"}
    assert by_day == {
        date(2016, 7, 25): "Quy định 29-QĐ/TW điểm 27.3",
        date(2021, 7, 30): "Quy định 24-QĐ/TW điểm 27",
    }
    articles = {
        day: next(c.article for c in BADGE.criteria_on(day) if c.code == "discipline")
        for day in (date(2021, 7, 29), date(2021, 7, 30))
    }
    assert articles == {
        date(2021, 7, 29): "Quy định 29-QĐ/TW điểm 27.3",
        date(2021, 7, 30): "Quy định 24-QĐ/TW điểm 27",
    }


def test_not_considered_while_the_discipline_runs() -> None:
    """Quy định 24-QĐ/TW điểm 27: while a Party discipline runs the member is not considered, even past the
    wait; the day after its recorded end, and past the wait, the member is."""
    start = add_months(QD_24_OCCASION, -24)
    running = DisciplineFact("warning", start, QD_24_OCCASION, start, system="party")
    result = wait(member(running), QD_24_OCCASION)
    assert result.outcome == F and "đang trong thời hạn kỷ luật cảnh cáo" in result.message
    ended = DisciplineFact("warning", start, QD_24_OCCASION - timedelta(days=1), start, system="party")
    assert wait(member(ended), QD_24_OCCASION).outcome == P


def test_a_discipline_decided_after_the_occasion_does_not_count_for_it() -> None:
    """Quy định 24-QĐ/TW điểm 27: «tại thời điểm xét tặng»: a decision after the occasion is for later ones."""
    after = DisciplineFact("dismissal", QD_24_OCCASION + timedelta(days=1), None, None, system="party")
    assert wait(member(after), QD_24_OCCASION).outcome == P


def test_occasions_before_qd29_are_not_modelled() -> None:
    """Before Quy định 29-QĐ/TW (25/07/2016) the badge rules are not modelled: unknown, never a pass."""
    occasion = date(2016, 5, 19)
    plain = member()
    evaluation = evaluate(BADGE, plain, at(occasion))
    by_code = {r.code: r for r in evaluation.results}
    for code in ("milestone", "discipline"):
        assert by_code[code].outcome == U and "chưa được mô hình hóa" in by_code[code].message
    assert evaluation.outcome != P
    direct = badge.badge_discipline_wait(plain, at(occasion))
    assert direct.outcome == U and "quy định trước 25/07/2016" in direct.message
    assert badge.badge_discipline_wait(plain, at(date(2016, 9, 2))).outcome == P


def test_milestone_versions_cite_the_regulation_and_the_guidance() -> None:
    """Quy định 29-QĐ/TW, Quy định 24-QĐ/TW, Hướng dẫn 01-HD/TW (28/9/2021), 06-HD/TW (09/6/2025) mục 18."""
    milestone = [(c.valid_from, c.valid_to, c.article) for c in BADGE.criteria if c.code == "milestone"]
    assert milestone == [
        (date(2016, 7, 25), date(2021, 7, 29), "Quy định 29-QĐ/TW điểm 27.3"),
        (date(2021, 7, 30), date(2021, 9, 27), "Quy định 24-QĐ/TW điểm 27"),
        (
            date(2021, 9, 28),
            date(2025, 6, 8),
            "Quy định 24-QĐ/TW điểm 27; Hướng dẫn 01-HD/TW (28/9/2021) mục 18",
        ),
        (date(2025, 6, 9), None, "Quy định 24-QĐ/TW điểm 27; Hướng dẫn 06-HD/TW (09/6/2025) mục 18"),
    ]


def test_waits_are_law_not_parameters() -> None:
    """Quy định 24-QĐ/TW điểm 27 / 29-QĐ/TW điểm 27.3: the waits are one dated table, not settings; the early
    award limits stay settings."""
    assert not [name for name in PARAM_INFO if name.startswith("badge_wait")]
    assert not hasattr(RuleParams(), "badge_wait_months_warning")
    assert {"badge_early_months_to_65", "badge_early_months_from_70"} <= set(PARAM_INFO)
    assert [row.valid_from for row in badge_law.BADGE_WAITS] == [date(2016, 7, 25), date(2021, 7, 30)]


# --- point 9: Party discipline only ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("form", "system"),
    [
        ("demotion", None),
        ("downgrade", None),
        ("forced_resignation", None),
        ("reprimand", "state"),
        ("dismissal", "state"),
    ],
)
def test_an_administrative_discipline_never_delays_the_badge(form: str, system: str | None) -> None:
    """Quy định 24-QĐ/TW điểm 27 speaks of «kỷ luật về Đảng»: hạ bậc lương, giáng chức, buộc thôi việc, or any
    discipline recorded as State, decided the day before the occasion, do not delay the badge."""
    result = wait(member(decided(QD_24_OCCASION, 0, days=1, form=form, system=system)), QD_24_OCCASION)
    assert result.outcome == P, result.message


@pytest.mark.parametrize("form", ["reprimand", "warning", "dismissal"])
def test_a_form_of_both_systems_not_recorded_as_one_is_unknown(form: str) -> None:
    """Quy định 24-QĐ/TW điểm 27: khiển trách, cảnh cáo, cách chức exist in both systems; inside the wait and not
    recorded as Party or State, the answer is unknown; recorded as Party, it fails."""
    doubtful = wait(member(decided(QD_24_OCCASION, 1, form=form, system=None)), QD_24_OCCASION)
    assert doubtful.outcome == U
    assert "chưa ghi là kỷ luật Đảng hay kỷ luật chính quyền" in doubtful.message
    assert wait(member(decided(QD_24_OCCASION, 1, form=form)), QD_24_OCCASION).outcome == F
    long_ago = wait(member(decided(QD_24_OCCASION, 13, form=form, system=None)), QD_24_OCCASION)
    assert long_ago.outcome == P, "past every wait, the system does not matter"


def test_a_party_discipline_outweighs_a_doubtful_one() -> None:
    """Quy định 24-QĐ/TW điểm 27: a known Party discipline inside its wait fails, whatever else is unknown."""
    subject = member(
        decided(QD_24_OCCASION, 1, form="warning", system=None), decided(QD_24_OCCASION, 2, form="dismissal")
    )
    assert wait(subject, QD_24_OCCASION).outcome == F


def test_expulsion_is_a_party_discipline() -> None:
    """Điều lệ Đảng: khai trừ is Party only; without re-admission it bars the badge even when not recorded."""
    expelled = DisciplineFact("expulsion", date(2020, 1, 6), None, date(2020, 1, 6), system=None)
    result = wait(member(expelled), QD_24_OCCASION)
    assert result.outcome == F and "Bị khai trừ" in result.message


# --- point 6: re-admission after an expulsion ---------------------------------------------------------------------


def test_readmitted_after_expulsion_counts_the_gap_not_a_bar() -> None:
    """Điều lệ Đảng Điều 5 khoản 4 with Quy định 24-QĐ/TW điểm 27: an expulsion followed by re-admission is a gap
    in Party age; re-admitted on the occasion passes, the day after does not."""
    expelled = DisciplineFact("expulsion", date(2000, 3, 1), None, date(2000, 3, 1), system="party")
    readmitted = member(expelled, gaps=[GapFact(date(2000, 3, 1), QD_24_OCCASION)])
    result = wait(readmitted, QD_24_OCCASION)
    assert result.outcome == P and "kết nạp lại ngày 02/09/2025" in result.message
    still_out = member(expelled, gaps=[GapFact(date(2000, 3, 1), QD_24_OCCASION + timedelta(days=1))])
    assert wait(still_out, QD_24_OCCASION).outcome == F


def test_readmitted_member_reaches_the_milestone_later_by_the_gap() -> None:
    """Điều lệ Đảng Điều 5 khoản 4: joined 10/01/1990, expelled 10/01/2000, re-admitted 10/01/2005: 30 years on
    10/01/2025, due at 03/02/2025 (not a bar), not before."""
    expelled = DisciplineFact("expulsion", date(2000, 1, 10), None, date(2000, 1, 10), system="party")
    subject = member(expelled, gaps=[GapFact(date(2000, 1, 10), date(2005, 1, 10))])
    subject.party_join_date = date(1990, 1, 10)
    assert badge.badge_milestone(subject, at(date(2025, 2, 3))) == (30, date(2025, 1, 10), False)
    assert evaluate(BADGE, subject, at(date(2025, 2, 3))).outcome == P


def test_a_gap_that_does_not_cover_the_expulsion_is_no_readmission() -> None:
    """Điều lệ Đảng Điều 5 khoản 4: a gap for another reason (out of contact) does not undo a later expulsion."""
    expelled = DisciplineFact("expulsion", date(2010, 1, 10), None, date(2010, 1, 10), system="party")
    subject = member(expelled, gaps=[GapFact(date(2000, 1, 10), date(2010, 1, 9))])
    assert wait(subject, QD_24_OCCASION).outcome == F


# --- point 13: due or overdue ---------------------------------------------------------------------------------------


def test_due_when_reached_after_the_previous_occasion() -> None:
    """Hướng dẫn 06-HD/TW mục 18 (occasions 3/2, 19/5, 2/9, 7/11): reached the day after the previous occasion
    (19/05/2025) is due on 02/09/2025; reached on it, it could have been awarded then: overdue."""
    assert badge.badge_status(date(2025, 5, 20), QD_24_OCCASION, False) == badge.BadgeStatus.DUE
    assert badge.badge_status(date(2025, 5, 19), QD_24_OCCASION, False) == badge.BadgeStatus.OVERDUE
    assert badge.badge_status(date(2025, 9, 3), QD_24_OCCASION, True) == badge.BadgeStatus.DUE


def test_another_anniversary_is_a_previous_occasion_too() -> None:
    """Hướng dẫn 06-HD/TW mục 18 «và các dịp kỷ niệm quan trọng khác» (a setting): with 01/08 set, a milestone
    reached on 01/08/2025 was awardable then, so it is overdue on 02/09/2025."""
    extra = (Occasion(1, 8, None, "Ngày thành lập Đảng bộ tỉnh"),)
    assert badge.badge_status(date(2025, 8, 1), QD_24_OCCASION, False, extra) == badge.BadgeStatus.OVERDUE
    assert badge.badge_status(date(2025, 8, 2), QD_24_OCCASION, False, extra) == badge.BadgeStatus.DUE
    assert badge.BadgeStatus.DUE.label == "Đến hạn" and badge.BadgeStatus.OVERDUE.label == "Quá hạn"

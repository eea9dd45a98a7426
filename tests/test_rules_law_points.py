"""Issue 10's legal points, each at both sides of its boundary and with missing data, naming the text in force
on the review date."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from test_rules_criteria import context, members, party_cell, person, rating, unit

from thidua_desktop.core.rules.engine import NOT_MODELLED, Outcome, evaluate
from thidua_desktop.core.rules.facts import DisciplineFact, GapFact, RatingFact
from thidua_desktop.core.rules.forms import RULESETS, RULESETS_BY_CODE

P, F, U = Outcome.PASS, Outcome.FAIL, Outcome.UNKNOWN


def result(code: str, criterion: str, subject: object, review: date):  # type: ignore[no-untyped-def]
    rules = RULESETS_BY_CODE[code]
    ctx = context(review, rules)
    return next(r for r in evaluate(rules, subject, ctx).results if r.code == criterion)  # type: ignore[arg-type]


# --- point 4: chi bộ 5 years -------------------------------------------------------------------------------------


def five(outstanding: bool, last_year: int = 2025) -> dict[int, RatingFact]:
    return {y: RatingFact(y, "excellent", None, outstanding) for y in range(last_year - 4, last_year + 1)}


def test_chi_bo_five_years_need_htxsnv_tieu_bieu_each_year() -> None:
    """Hướng dẫn 06-HD/TW mục 19: a chi bộ needs «Hoàn thành xuất sắc nhiệm vụ tiêu biểu» 5 years running; a
    Party member needs HTXSNV."""
    review = date(2026, 5, 28)
    passed = result("GK_BTV_DANG_UY", "consecutive", party_cell(ratings=five(True)), review)
    plain = result("GK_BTV_DANG_UY", "consecutive", party_cell(ratings=five(False)), review)
    member = result("GK_BTV_DANG_UY", "consecutive", person(ratings=five(False)), review)
    assert (passed.outcome, plain.outcome, member.outcome) == (P, F, P)
    assert "Hoàn thành xuất sắc nhiệm vụ tiêu biểu" in plain.message
    assert passed.article == "Hướng dẫn 06-HD/TW mục 19"
    one_short = five(True)
    one_short[2021] = RatingFact(2021, "excellent", None, False)
    assert result("GK_BTV_DANG_UY", "consecutive", party_cell(ratings=one_short), review).outcome == F
    missing = {y: r for y, r in five(True).items() if y != 2021}
    assert result("GK_BTV_DANG_UY", "consecutive", party_cell(ratings=missing), review).outcome == U


# --- point 5: the recorded rating is the rating ------------------------------------------------------------------


def test_a_score_never_promotes_or_demotes_the_recorded_level() -> None:
    """Quy định 366-QĐ/TW: the committee's level is the rating. 95 points rated HTTNV is not HTXSNV; for the
    titles that take the rating (LĐTT: Luật 2022 Điều 24; Party Giấy khen: 06-HD/TW mục 19) a low score does not
    demote an HTXSNV."""
    review = date(2026, 5, 28)
    promoted = result("XL_HTXSNV", "level", person(ratings=rating(2025, "good", 95.0)), review)
    assert promoted.outcome == F
    giay_khen = result("GK_DANG_UY", "excellent", person(ratings=rating(2025, "excellent", 85.0)), review)
    assert giay_khen.outcome == P
    ldtt = result("LDTT", "rating", person(ratings=rating(2025, "good", 40.0)), review)
    assert ldtt.outcome == P


def test_the_90_point_floor_is_for_ratings_made_under_qd_366() -> None:
    """Quy định 366-QĐ/TW (30/08/2025): a 2024 rating (made under 124-QĐ/TW) with 85 points stays HTXSNV; a 2025
    rating needs 90 (89,9 fails, 90 passes)."""
    rules = RULESETS_BY_CODE["XL_HTXSNV"]
    ctx_2024 = replace(context(date(2025, 9, 15), rules), year=2024)
    before = next(
        r for r in evaluate(rules, person(ratings=rating(2024, "excellent", 85.0)), ctx_2024).results
    )
    assert (before.outcome, before.article) == (P, "Quy định 366-QĐ/TW; Hướng dẫn 43-HD/BTCTW")
    review = date(2026, 5, 28)
    assert result("XL_HTXSNV", "level", person(ratings=rating(2025, "excellent", 89.9)), review).outcome == F
    assert result("XL_HTXSNV", "level", person(ratings=rating(2025, "excellent", 90.0)), review).outcome == P


# --- point 6: re-admitted members ----------------------------------------------------------------------------------


def test_an_expulsion_before_readmission_is_not_a_permanent_bar() -> None:
    """Điều lệ Đảng Điều 5 khoản 4: a re-admitted member's expulsion is a gap in Party age; for State titles it
    ends with the re-admission (NĐ 152/2025 Điều 4 bars only the period of a discipline)."""
    expelled = DisciplineFact("expulsion", date(2010, 3, 1), None, date(2010, 3, 1), "", "party")
    readmitted = replace(expelled, readmitted=date(2015, 3, 1))
    review = date(2026, 5, 28)
    assert result("LDTT", "discipline", person(disciplines=[readmitted]), review).outcome == P
    assert result("LDTT", "discipline", person(disciplines=[expelled]), review).outcome == F


def test_readmission_is_read_from_the_membership_gap() -> None:
    from thidua_desktop.core.rules.facts import _with_readmission

    expelled = DisciplineFact("expulsion", date(2010, 3, 1), None, date(2010, 3, 1))
    found = _with_readmission(expelled, [GapFact(date(2010, 3, 1), date(2015, 3, 1))])
    assert found.readmitted == date(2015, 3, 1)
    assert _with_readmission(expelled, [GapFact(date(2000, 1, 1), date(2001, 1, 1))]).readmitted is None


# --- point 7: a collective's members, default period ---------------------------------------------------------------


def test_a_member_discipline_without_end_date_lasts_the_default_period() -> None:
    """The same default period for the collective as for the individual (cảnh cáo: 12 months, a setting): a warning
    from 01/01/2024 ends 01/01/2025 and still bars 2025; one from 31/12/2023 ends 31/12/2024 and does not."""
    review = date(2026, 5, 28)

    def collective(start: date) -> object:
        item = DisciplineFact("warning", start, None, start)
        return unit(members=members(member_disciplines=(("Lê Văn B", item),)))

    assert result("TTLDTT", "members_discipline", collective(date(2024, 1, 1)), review).outcome == F
    assert result("TTLDTT", "members_discipline", collective(date(2023, 12, 31)), review).outcome == P
    unknown_end = unit(
        members=members(member_disciplines=(("Lê Văn B", DisciplineFact("tam_dinh_chi", date(2025, 2, 1))),))
    )
    assert result("TTLDTT", "members_discipline", unknown_end, review).outcome == U
    individual = person(disciplines=[DisciplineFact("warning", date(2024, 1, 1), None, date(2024, 1, 1))])
    assert result("LDTT", "discipline", individual, review).outcome == F


# --- point 8: earlier dates -----------------------------------------------------------------------------------------


def test_ttldtt_before_2024_needed_more_than_half_ldtt() -> None:
    """Luật TĐKT 2003 (sửa đổi 2013) Điều 28 khoản 2: a 2023 review needs more than 50% LĐTT (51 passes, 50 fails);
    from 2024 the 70% of Luật 2022 applies (69 fails)."""
    old = date(2023, 12, 20)
    assert result("TTLDTT", "ldtt_share", unit(members=members(ldtt=51)), old).outcome == P
    found = result("TTLDTT", "ldtt_share", unit(members=members(ldtt=50)), old)
    assert found.outcome == F and found.article.startswith("Luật TĐKT 2003 (sửa đổi 2013) Điều 28 khoản 2")
    assert result("TTLDTT", "ldtt_share", unit(members=members(ldtt=69)), date(2024, 12, 20)).outcome == F


def test_no_rule_set_passes_before_the_rules_it_models() -> None:
    """Reviews before 01/10/2017 (NĐ 91/2017) are not modelled: every criterion is UNKNOWN and says so; a rule set
    is never judged on fewer criteria than it has."""
    review = date(2017, 6, 1)
    for rules in RULESETS:
        ctx = context(review, rules)
        subject = unit() if "unit" in rules.subject_types else person()
        evaluation = evaluate(rules, subject, ctx)
        codes = list(dict.fromkeys(c.code for c in rules.criteria))
        assert [r.code for r in evaluation.results] == codes, rules.code
        assert evaluation.outcome != P, rules.code
        assert all(
            r.outcome == U and r.article == NOT_MODELLED for r in evaluation.results if r.valid_from == review
        )


def test_provincial_bang_khen_before_2024_is_not_modelled() -> None:
    found = result("BK_CT_UBND_TINH", "record", person(), date(2023, 12, 20))
    assert found.outcome == U and "chưa được mô hình hóa" in found.message


# --- point 10: other paths ------------------------------------------------------------------------------------------


def test_ldtt_for_farmers_and_workers_on_production_results() -> None:
    """Luật TĐKT 2022 Điều 24 khoản 2: workers and farmers outside the civil service, on production and work."""
    review = date(2026, 5, 28)
    farmer = person(category="farmer", hire_date=None, ratings={2024: RatingFact(2024, "good")})
    assert result("LDTT", "subject", farmer, review).outcome == P
    assert result("LDTT", "tenure", replace(farmer, ratings={}), review).outcome == P, (
        "farmers are not recruited"
    )
    judged = result("LDTT", "rating", farmer, review)
    assert judged.outcome == U and "Hội đồng xét" in judged.message
    assert judged.article == "Luật TĐKT 2022 Điều 24 khoản 1, khoản 2"
    assert result("LDTT", "rating", replace(farmer, ratings=rating(2025, "good")), review).outcome == P
    assert result("LDTT", "rating", replace(farmer, ratings=rating(2025, "complete")), review).outcome == F


def test_a_person_with_earlier_records_worked_the_whole_year() -> None:
    """Thông tư 01/2024/TT-BNV: without a hire date, a rating of an earlier year shows a full year of service."""
    review = date(2026, 5, 28)
    known = person(hire_date=None, ratings={2023: RatingFact(2023, "good")})
    assert result("LDTT", "tenure", known, review).outcome == P
    assert result("LDTT", "tenure", person(hire_date=None), review).outcome == U


# --- point 14: citations -------------------------------------------------------------------------------------------


def test_cstdcs_cites_article_23_clauses_1_and_2() -> None:
    review = date(2026, 5, 28)
    rules = RULESETS_BY_CODE["CSTDCS"]
    articles = {r.code: r.article for r in evaluate(rules, person(), context(review, rules)).results}
    assert articles["ldtt"] == "Luật TĐKT 2022 Điều 23 khoản 1"
    assert articles["merit"] == "Luật TĐKT 2022 Điều 23 khoản 2"
    old = {r.code: r.article for r in evaluate(rules, person(), context(date(2023, 12, 20), rules)).results}
    assert old["ldtt"].startswith("Luật TĐKT 2003 (sửa đổi 2013) Điều 23")

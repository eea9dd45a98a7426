"""Every criterion of every rule set, in every version (by review date), judged on three subjects built from the
article it cites: one that just passes, one that just fails (a year short, a percent short, a discipline one day
into the period, one level below...), and one with missing data, which must come out UNKNOWN, not FAIL.

The table is keyed by (rule set, criterion); ``test_every_criterion_version_is_in_the_table`` fails when a rule is
added without its cases.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

import pytest

from thidua_desktop.core.rules.engine import Context, Criterion, Outcome, RuleSet, evaluate
from thidua_desktop.core.rules.facts import (
    AwardFact,
    DisciplineFact,
    InitiativeFact,
    MemberSummary,
    PledgeFacts,
    RatingFact,
    SubjectFacts,
    TargetFact,
)
from thidua_desktop.core.rules.forms import RULESETS, RULESETS_BY_CODE
from thidua_desktop.core.rules.params import RuleParams
from thidua_desktop.core.rules.party_age import add_months, add_years, occasions_of
from thidua_desktop.core.services.eligibility import assessment_year

P, F, U = Outcome.PASS, Outcome.FAIL, Outcome.UNKNOWN
Builder = Callable[[Context], SubjectFacts]
Scenario = dict[Outcome, tuple[Builder, str]]


def person(**values: object) -> SubjectFacts:
    base = SubjectFacts(
        subject_type="person",
        subject_id=1,
        name="Nguyễn Thị Hoa",
        unit_name="Ủy ban nhân dân phường",
        category="civil_servant",
        gender="female",
        is_party=True,
        party_join_date=date(1995, 1, 10),
        hire_date=date(2010, 3, 1),
    )
    return replace(base, **values)  # type: ignore[arg-type]


def unit(**values: object) -> SubjectFacts:
    base = SubjectFacts(
        subject_type="unit", subject_id=1, name="Ủy ban nhân dân phường", unit_kind="peoples_committee"
    )
    return replace(base, **values)  # type: ignore[arg-type]


def party_cell(**values: object) -> SubjectFacts:
    return unit(name="Chi bộ Tổ dân phố 1", unit_kind="party_cell", is_party=True, **values)


def ratings(**by_year: str) -> dict[int, RatingFact]:
    return {int(y[1:]): RatingFact(int(y[1:]), level) for y, level in by_year.items()}


def rating(
    year: int, level: str, score: float | None = None, outstanding: bool = False
) -> dict[int, RatingFact]:
    return {year: RatingFact(year, level, score, outstanding)}


def award(code: str, year: int | None) -> AwardFact:
    return AwardFact(code=code, year=year, name=code, decision_number="01/QĐ")


# --- scenario families, each from its article ------------------------------------------------------------------------


def working_person() -> Scenario:
    """Luật 2022 Điều 23, 24: individual titles for officials, civil servants, public employees and workers."""
    return {
        P: (lambda ctx: person(category="worker"), "Là người lao động"),
        F: (lambda ctx: person(category="citizen"), "Không thuộc đối tượng"),
        U: (lambda ctx: person(category=None), "chưa ghi đối tượng"),
    }


def rated_at_least_good(make: Callable[..., SubjectFacts] = person) -> Scenario:
    """Luật 2022 Điều 24 (LĐTT), 28 (TTLĐTT), 75 (Giấy khen): «Hoàn thành tốt nhiệm vụ» or better."""
    return {
        P: (lambda ctx: make(ratings=rating(ctx.year, "good")), "«Hoàn thành tốt nhiệm vụ»"),
        F: (lambda ctx: make(ratings=rating(ctx.year, "complete")), "Chưa đạt"),
        U: (lambda ctx: make(ratings=rating(ctx.year - 1, "good")), "chưa có xếp loại chất lượng năm"),
    }


def rated_excellent_unit() -> Scenario:
    """Luật 2022 Điều 27: the collective completes its tasks excellently."""
    return {
        P: (lambda ctx: unit(ratings=rating(ctx.year, "excellent")), "Hoàn thành xuất sắc"),
        F: (lambda ctx: unit(ratings=rating(ctx.year, "good")), "Chưa đạt"),
        U: (lambda ctx: unit(), "Chưa rõ"),
    }


def window_start(ctx: Context, years: int, campaign: bool) -> date:
    if campaign:
        assert ctx.period_start is not None
        return ctx.period_start
    return date(ctx.year - years + 1, 1, 1)


def no_discipline(make: Callable[..., SubjectFacts], years: int = 1, campaign: bool = False) -> Scenario:
    """NĐ 152/2025 Điều 4 (and the decrees before it), Hướng dẫn 06-HD/TW: no award for the period of a
    discipline; achievements count from its end."""

    def ended_before(ctx: Context) -> SubjectFacts:
        start = window_start(ctx, years, campaign)
        return make(
            disciplines=[DisciplineFact("reprimand", start - timedelta(days=400), start - timedelta(days=1))]
        )

    def one_day_in(ctx: Context) -> SubjectFacts:
        start = window_start(ctx, years, campaign)
        return make(disciplines=[DisciplineFact("reprimand", start - timedelta(days=400), start)])

    def end_unknown(ctx: Context) -> SubjectFacts:
        start = window_start(ctx, years, campaign)
        return make(disciplines=[DisciplineFact("tam_dinh_chi", start + timedelta(days=10), None)])

    return {
        P: (ended_before, "Không bị kỷ luật"),
        F: (one_day_in, "Bị kỷ luật khiển trách"),
        U: (end_unknown, "chưa ghi ngày hết thời hạn"),
    }


def once(code: str, make: Callable[..., SubjectFacts] = person) -> Scenario:
    """Luật 2022 Điều 5: one achievement, one award."""
    return {
        P: (lambda ctx: make(awards=[award(code, ctx.year - 1)]), "Chưa được tặng"),
        F: (lambda ctx: make(awards=[award(code, ctx.year)]), "Đã được tặng"),
        U: (lambda ctx: make(awards=[award(code, None)]), "chưa ghi năm"),
    }


def merit_2022() -> Scenario:
    """Luật 2022 Điều 23 khoản 1 điểm b: HTXSNV, or an initiative recognised at grassroots level (in the year)."""
    good = lambda ctx: rating(ctx.year, "good")  # noqa: E731
    return {
        P: (
            lambda ctx: person(
                ratings=good(ctx),
                initiatives=[InitiativeFact("Sổ tay", "grassroots", date(ctx.year, 12, 31))],
            ),
            "Có sáng kiến «Sổ tay»",
        ),
        F: (
            lambda ctx: person(
                ratings=good(ctx),
                initiatives=[InitiativeFact("Sổ tay", "grassroots", date(ctx.year - 1, 12, 31))],
            ),
            "không có sáng kiến được công nhận trong năm",
        ),
        U: (
            lambda ctx: person(ratings=good(ctx), initiatives=[InitiativeFact("Sổ tay", "grassroots", None)]),
            "chưa ghi ngày công nhận",
        ),
    }


def merit_before_2024() -> Scenario:
    """Luật 2003 (sửa đổi 2013) Điều 23: an initiative was required; HTXSNV alone was not enough."""
    return {
        P: (
            lambda ctx: person(initiatives=[InitiativeFact("Sổ tay", "grassroots", date(ctx.year, 1, 1))]),
            "Có sáng kiến",
        ),
        F: (lambda ctx: person(ratings=rating(ctx.year, "excellent")), "không có sáng kiến"),
        U: (lambda ctx: person(initiatives=[InitiativeFact("Sổ tay", "grassroots", None)]), "chưa ghi ngày"),
    }


def three_cstdcs() -> Scenario:
    """Luật 2022 Điều 22: three consecutive CSTĐCS."""
    y = lambda ctx: ctx.year  # noqa: E731
    return {
        P: (
            lambda ctx: person(
                awards=[award("CSTDCS", y(ctx) - 2), award("CSTDCS", y(ctx) - 1), award("CSTDCS", y(ctx))]
            ),
            "Đủ: 3/3 năm liền",
        ),
        F: (
            lambda ctx: person(
                awards=[award("CSTDCS", y(ctx) - 2), award("CSTDCS", y(ctx))],
                ratings=rating(y(ctx) - 1, "excellent"),
            ),
            "Chưa đủ: 2/3 năm liền đạt Chiến sĩ thi đua cơ sở (thiếu năm {year_1})",
        ),
        U: (
            lambda ctx: person(awards=[award("CSTDCS", y(ctx) - 1), award("CSTDCS", y(ctx))]),
            "chưa có dữ liệu năm {year_2}",
        ),
    }


def province_initiative() -> Scenario:
    """Luật 2022 Điều 22: an initiative with province-wide effect, within the three years."""
    return {
        P: (
            lambda ctx: person(
                initiatives=[InitiativeFact("Một cửa số", "province", date(ctx.year - 2, 1, 1))]
            ),
            "Có sáng kiến «Một cửa số» (cấp tỉnh",
        ),
        F: (
            lambda ctx: person(
                initiatives=[
                    InitiativeFact("Một cửa số", "province", date(ctx.year - 3, 12, 31)),
                    InitiativeFact("Sổ tay", "grassroots", date(ctx.year, 3, 1)),
                ]
            ),
            "không có sáng kiến cấp tỉnh",
        ),
        U: (
            lambda ctx: person(initiatives=[InitiativeFact("Một cửa số", "province", None)]),
            "chưa ghi ngày",
        ),
    }


def members(**values: int | tuple[str, ...]) -> MemberSummary:
    base = {"declared": 100, "known": 100, "ldtt": 0, "cstdcs": 0, "rated": 100, "completing": 100}
    base.update(values)  # type: ignore[arg-type]
    return MemberSummary(**base)  # type: ignore[arg-type]


def ldtt_share() -> Scenario:
    """Luật 2022 Điều 27, 28 (as in QĐ 86/2025/QĐ-UBND Bắc Ninh): at least 70% of members LĐTT."""
    return {
        P: (lambda ctx: unit(members=members(ldtt=70)), "Đủ: 70/100 thành viên (70%)"),
        F: (lambda ctx: unit(members=members(ldtt=69)), "Chưa đủ: 69/100 thành viên (69%)"),
        U: (lambda ctx: unit(members=members(known=50, ldtt=40)), "mới có dữ liệu 50/100 thành viên"),
    }


def members_not_disciplined() -> Scenario:
    """Luật 2022 Điều 27, 28: no member disciplined at «cảnh cáo» or above."""
    return {
        P: (lambda ctx: unit(members=members()), "Không có thành viên bị kỷ luật"),
        F: (lambda ctx: unit(members=members(disciplined=("Lê Văn B (cảnh cáo)",))), "Lê Văn B (cảnh cáo)"),
        U: (lambda ctx: unit(members=members(known=99)), "99/100 thành viên có dữ liệu"),
    }


def members_complete() -> Scenario:
    """Luật 2022 Điều 27: 100% of members complete their tasks."""
    return {
        P: (lambda ctx: unit(members=members()), "Đủ: 100/100"),
        F: (
            lambda ctx: unit(members=members(completing=99, not_completing=("Lê Văn B",))),
            "không hoàn thành: Lê Văn B",
        ),
        U: (lambda ctx: unit(members=members(rated=99, completing=99)), "mới có xếp loại 99/100"),
    }


def members_cstdcs() -> Scenario:
    """Luật 2022 Điều 27: at least one member CSTĐCS."""
    return {
        P: (lambda ctx: unit(members=members(cstdcs=1)), "Có 1 thành viên"),
        F: (lambda ctx: unit(members=members(cstdcs=0)), "Chưa đủ: 0/1"),
        U: (lambda ctx: unit(members=members(known=60, cstdcs=0)), "Chưa rõ"),
    }


def target(met: bool | None, achieved: float = 100) -> TargetFact:
    return TargetFact("Chỉ tiêu", 100, "%", achieved, met is not None, met)


def campaign_targets(make: Callable[..., SubjectFacts]) -> Scenario:
    """Luật 2022 Điều 8 (commendation by campaign): the phase's pledged targets met, with verified evidence."""
    return {
        P: (lambda ctx: make(pledge=PledgeFacts("TTLDTT", (target(True),) * 3)), "Đủ: 3/3 chỉ tiêu"),
        F: (
            lambda ctx: make(pledge=PledgeFacts("TTLDTT", (target(True), target(True), target(False, 99)))),
            "không đạt «Chỉ tiêu» 99/100 %",
        ),
        U: (
            lambda ctx: make(pledge=PledgeFacts("TTLDTT", (target(True), target(True), target(None)))),
            "chưa có minh chứng đã xác minh",
        ),
    }


def bk_tinh() -> Scenario:
    """Provincial rules (e.g. Bắc Ninh): 2 consecutive CSTĐCS (or 2 years HTXSNV with 2 initiatives)."""
    return {
        P: (lambda ctx: person(awards=[award("CSTDCS", ctx.year - 1), award("CSTDCS", ctx.year)]), "Đủ: 2/2"),
        F: (
            lambda ctx: person(awards=[award("CSTDCS", ctx.year)], ratings=rating(ctx.year - 1, "good")),
            "Chưa đủ: 1/2 năm liền đạt Chiến sĩ thi đua cơ sở",
        ),
        U: (lambda ctx: person(awards=[award("CSTDCS", ctx.year)]), "chưa có dữ liệu năm"),
    }


def htxsnv_level() -> Scenario:
    """Quy định 124-QĐ/TW: the level the committee decided."""
    return {
        P: (lambda ctx: person(ratings=rating(ctx.year, "excellent")), "«Hoàn thành xuất sắc nhiệm vụ»"),
        F: (lambda ctx: person(ratings=rating(ctx.year, "good")), "Chưa đạt"),
        U: (lambda ctx: person(), "Chưa rõ"),
    }


def htxsnv_score() -> Scenario:
    """Quy định 366-QĐ/TW: the committee's level is the rating; for a rating made under it, HTXSNV needs 90
    points when a score is recorded (89,5 with HTXSNV recorded fails the floor)."""
    return {
        P: (lambda ctx: person(ratings=rating(ctx.year, "excellent", 90.0)), "đạt 90 điểm"),
        F: (lambda ctx: person(ratings=rating(ctx.year, "excellent", 89.5)), "đạt 89,5 điểm, dưới 90 điểm"),
        U: (lambda ctx: person(ratings=rating(ctx.year - 1, "excellent", 95.0)), "chưa có kết quả đánh giá"),
    }


def tenure(months: int) -> Scenario:
    """Nghị định 91/2017 (10 months), Thông tư 01/2024/TT-BNV (6 months): newcomers are not rated."""

    def hired(extra_days: int) -> Builder:
        return lambda ctx: person(
            hire_date=add_months(date(ctx.year + 1, 1, 1), -months) + timedelta(days=extra_days)
        )

    return {
        P: (hired(0), f"đủ {months} tháng công tác"),
        F: (hired(1), f"chưa đủ {months} tháng công tác"),
        U: (lambda ctx: person(hire_date=None), "chưa ghi ngày tuyển dụng"),
    }


def ldtt_over_half() -> Scenario:
    """Luật TĐKT 2003 (sửa đổi 2013) Điều 28 khoản 2: more than 50% of the members LĐTT."""
    return {
        P: (lambda ctx: unit(members=members(ldtt=51)), "Đủ: 51/100"),
        F: (lambda ctx: unit(members=members(ldtt=50)), "Chưa đủ: 50/100"),
        U: (lambda ctx: unit(members=members(known=60, ldtt=45)), "Chưa rõ: 45/100"),
    }


def party_excellent() -> Scenario:
    """Hướng dẫn 06-HD/TW mục 19 (01-HD/TW before it): Party member HTXSNV in the year."""
    return {
        P: (lambda ctx: person(ratings=rating(ctx.year, "excellent")), "đạt «Hoàn thành xuất sắc nhiệm vụ»"),
        F: (lambda ctx: person(ratings=rating(ctx.year, "good")), "Chưa đạt"),
        U: (lambda ctx: person(), "Chưa rõ"),
    }


def five_years() -> Scenario:
    """Hướng dẫn 06-HD/TW mục 19: five consecutive years HTXSNV."""

    def years(ctx: Context, first: str | None) -> dict[int, RatingFact]:
        found = {y: RatingFact(y, "excellent") for y in range(ctx.year - 3, ctx.year + 1)}
        if first:
            found[ctx.year - 4] = RatingFact(ctx.year - 4, first)
        return found

    return {
        P: (lambda ctx: person(ratings=years(ctx, "excellent")), "Đủ: 5/5 năm liền"),
        F: (
            lambda ctx: person(ratings=years(ctx, "good")),
            "Chưa đủ: 4/5 năm liền đạt Hoàn thành xuất sắc nhiệm vụ (thiếu năm {year_4})",
        ),
        U: (lambda ctx: person(ratings=years(ctx, None)), "chưa có dữ liệu năm {year_4}"),
    }


def party_member() -> Scenario:
    """Điều lệ Đảng Điều 5 khoản 4: Party age runs from the admission decision."""
    return {
        P: (lambda ctx: person(), "Vào Đảng ngày 10/01/1995"),
        F: (lambda ctx: person(is_party=False, party_join_date=None), "Không phải đảng viên"),
        U: (lambda ctx: person(party_join_date=None), "chưa ghi ngày vào Đảng"),
    }


def badge_milestone() -> Scenario:
    """Quy định 29-QĐ/TW điểm 27.3, Quy định 24-QĐ/TW điểm 27 (Hướng dẫn 01-HD/TW, 06-HD/TW mục 18): 30 years
    reached by the occasion; up to 12 months early only for serious illness."""

    def joined_for(reach: Callable[[date], date]) -> Builder:
        return lambda ctx: person(party_join_date=add_years(reach(ctx.occasion or ctx.review_date), -30))

    return {
        P: (joined_for(lambda o: o), "Đủ 30 năm tuổi Đảng ngày"),
        F: (joined_for(lambda o: add_months(o, 12) + timedelta(days=1)), "Chưa đến mốc"),
        U: (joined_for(lambda o: o + timedelta(days=1)), "chỉ xét trao sớm nếu đảng viên ốm nặng"),
    }


def badge_wait(form: str, months: int) -> Scenario:
    """Quy định 24-QĐ/TW điểm 27 (6 months after a Party khiển trách) and Quy định 29-QĐ/TW điểm 27.3 (6 months
    after a Party cảnh cáo), from the decision; a form of both systems not recorded as Party or State is unknown."""

    def decided(extra_days: int, system: str | None = "party") -> Builder:
        def build(ctx: Context) -> SubjectFacts:
            when = add_months(ctx.occasion or ctx.review_date, -months) + timedelta(days=extra_days)
            return person(disciplines=[DisciplineFact(form, when, None, when, system=system)])

        return build

    return {
        P: (decided(0), "Không trong thời gian chờ"),
        F: (decided(1), f"chưa hết thời gian chờ {months} tháng"),
        U: (decided(1, None), "chưa ghi là kỷ luật Đảng hay kỷ luật chính quyền"),
    }


SCENARIOS: dict[tuple[str, str], Scenario] = {
    ("LDTT", "subject"): working_person(),
    ("LDTT", "rating"): rated_at_least_good(),
    ("LDTT", "discipline"): no_discipline(person),
    ("LDTT", "once"): once("LDTT"),
    ("LDTT", "tenure"): tenure(6),
    ("CSTDCS", "tenure"): tenure(6),
    ("CSTDCS", "subject"): working_person(),
    ("CSTDCS", "ldtt"): rated_at_least_good(),
    ("CSTDCS", "merit"): merit_2022(),
    ("CSTDCS", "discipline"): no_discipline(person),
    ("CSTDCS", "once"): once("CSTDCS"),
    ("CSTD_TINH", "consecutive"): three_cstdcs(),
    ("CSTD_TINH", "initiative"): province_initiative(),
    ("CSTD_TINH", "discipline"): no_discipline(person, years=3),
    ("TTLDTT", "rating"): rated_at_least_good(unit),
    ("TTLDTT", "ldtt_share"): ldtt_share(),
    ("TTLDTT", "members_discipline"): members_not_disciplined(),
    ("TTLDTT", "discipline"): no_discipline(unit),
    ("TTLDTT", "once"): once("TTLDTT", unit),
    ("TTLDXS", "rating"): rated_excellent_unit(),
    ("TTLDXS", "complete"): members_complete(),
    ("TTLDXS", "ldtt_share"): ldtt_share(),
    ("TTLDXS", "cstdcs"): members_cstdcs(),
    ("TTLDXS", "members_discipline"): members_not_disciplined(),
    ("TTLDXS", "discipline"): no_discipline(unit),
    ("TTLDXS", "once"): once("TTLDXS", unit),
    ("GK_CT_UBND_PHUONG", "rating"): rated_at_least_good(),
    ("GK_CT_UBND_PHUONG", "discipline"): no_discipline(person),
    ("GK_CT_UBND_PHUONG", "once"): once("GK_CT_UBND_PHUONG"),
    ("GK_CT_UBND_PHUONG.DOT", "targets"): campaign_targets(unit),
    ("GK_CT_UBND_PHUONG.DOT", "discipline"): no_discipline(unit, campaign=True),
    ("BK_CT_UBND_TINH", "record"): bk_tinh(),
    ("BK_CT_UBND_TINH", "discipline"): no_discipline(person, years=2),
    ("XL_HTXSNV", "level"): htxsnv_level(),
    ("XL_HTXSNV", "discipline"): no_discipline(person),
    ("GK_DANG_UY", "excellent"): party_excellent(),
    ("GK_DANG_UY", "discipline"): no_discipline(person),
    ("GK_DANG_UY", "once"): once("GK_DANG_UY"),
    ("GK_DANG_UY.DOT", "targets"): campaign_targets(party_cell),
    ("GK_DANG_UY.DOT", "discipline"): no_discipline(party_cell, campaign=True),
    ("GK_BTV_DANG_UY", "consecutive"): five_years(),
    ("GK_BTV_DANG_UY", "discipline"): no_discipline(person, years=5),
    ("BK_BTV_TINH_UY", "consecutive"): five_years(),
    ("BK_BTV_TINH_UY", "discipline"): no_discipline(person, years=5),
    ("HUY_HIEU_DANG", "member"): party_member(),
    ("HUY_HIEU_DANG", "milestone"): badge_milestone(),
    ("HUY_HIEU_DANG", "discipline"): badge_wait("reprimand", 6),
}
OLD_TENURE = "Nghị định 91/2017/NĐ-CP (mới tuyển dụng dưới 10 tháng không bình xét)"
VERSION_SCENARIOS: dict[tuple[str, str, str], Scenario] = {
    ("LDTT", "tenure", OLD_TENURE): tenure(10),
    ("CSTDCS", "tenure", OLD_TENURE): tenure(10),
    (
        "TTLDTT",
        "ldtt_share",
        "Luật TĐKT 2003 (sửa đổi 2013) Điều 28 khoản 2; Nghị định 91/2017/NĐ-CP",
    ): ldtt_over_half(),
    ("CSTDCS", "merit", "Luật TĐKT 2003 (sửa đổi 2013) Điều 23; NĐ 91/2017/NĐ-CP"): merit_before_2024(),
    ("XL_HTXSNV", "level", "Quy định 366-QĐ/TW; Hướng dẫn 43-HD/BTCTW"): htxsnv_score(),
    ("HUY_HIEU_DANG", "discipline", "Quy định 29-QĐ/TW điểm 27.3"): badge_wait("warning", 6),
}


def review_date_for(rules: RuleSet, criterion: Criterion) -> date:
    """A review date inside the criterion version's validity (an award occasion for the Party badge)."""
    if rules.code == "HUY_HIEU_DANG":
        last = criterion.valid_to or date(2025, 9, 2)
        days = occasions_of(last.year - 1) + occasions_of(last.year)
        return max(d for d in days if criterion.valid_from <= d <= last)
    return criterion.valid_to or max(criterion.valid_from, date(2026, 5, 28))


def context(review: date, rules: RuleSet) -> Context:
    occasion = review if rules.code == "HUY_HIEU_DANG" else None
    return Context(
        review_date=review,
        year=assessment_year(review),
        params=RuleParams(),
        period_start=review - timedelta(days=270),
        period_end=review - timedelta(days=3),
        occasion=occasion,
        rulesets=RULESETS_BY_CODE,
    )


CASES = [
    pytest.param(
        rules.code, criterion, outcome, id=f"{rules.code}-{criterion.code}-{criterion.valid_from}-{outcome}"
    )
    for rules in RULESETS
    for criterion in rules.criteria
    for outcome in (P, F, U)
]


def scenario_for(rules: RuleSet, criterion: Criterion) -> Scenario:
    return (
        VERSION_SCENARIOS.get((rules.code, criterion.code, criterion.article))
        or SCENARIOS[(rules.code, criterion.code)]
    )


@pytest.mark.parametrize(("code", "criterion", "outcome"), CASES)
def test_criterion(code: str, criterion: Criterion, outcome: Outcome) -> None:
    rules = RULESETS_BY_CODE[code]
    review = review_date_for(rules, criterion)
    ctx = context(review, rules)
    build, fragment = scenario_for(rules, criterion)[outcome]
    subject = build(ctx)
    result = next(r for r in evaluate(rules, subject, ctx).results if r.code == criterion.code)
    assert result.article == criterion.article, "the version in force on the review date is the one applied"
    expected = fragment.format(year_1=ctx.year - 1, year_2=ctx.year - 2, year_4=ctx.year - 4)
    assert (result.outcome, expected in result.message) == (outcome, True), result.message


def test_every_criterion_version_is_in_the_table() -> None:
    missing = [
        (r.code, c.code)
        for r in RULESETS
        for c in r.criteria
        if (r.code, c.code) not in SCENARIOS and (r.code, c.code, c.article) not in VERSION_SCENARIOS
    ]
    assert missing == []
    assert len(CASES) >= 3 * 60


def test_brief_example_sentence() -> None:
    rules = RULESETS_BY_CODE["CSTD_TINH"]
    ctx = context(date(2024, 12, 20), rules)
    subject = person(awards=[award("CSTDCS", 2022), award("CSTDCS", 2024)], ratings=rating(2023, "good"))
    result = evaluate(rules, subject, ctx).results[0]
    assert result.message == "Chưa đủ: 2/3 năm liền đạt Chiến sĩ thi đua cơ sở (thiếu năm 2023)"


def test_versions_follow_the_review_date() -> None:
    """Before 2024 a CSTĐCS needed an initiative; from 2024 HTXSNV alone is enough (Luật 2022 Điều 23)."""
    rules = RULESETS_BY_CODE["CSTDCS"]
    for review, expected in ((date(2023, 12, 20), F), (date(2024, 12, 20), P)):
        ctx = context(review, rules)
        subject = person(ratings=rating(ctx.year, "excellent"))
        merit = next(r for r in evaluate(rules, subject, ctx).results if r.code == "merit")
        assert merit.outcome == expected


def test_current_year_title_counts_provisionally_when_met_now() -> None:
    """CSTĐ tỉnh: this year's CSTĐCS, not yet decided, counts when the subject meets its criteria now."""
    rules = RULESETS_BY_CODE["CSTD_TINH"]
    ctx = context(date(2025, 5, 28), rules)
    subject = person(awards=[award("CSTDCS", 2022), award("CSTDCS", 2023)], ratings=rating(2024, "excellent"))
    result = evaluate(rules, subject, ctx).results[0]
    assert result.outcome == P
    assert "năm 2024 đang đủ tiêu chuẩn, chưa có quyết định" in result.message


def test_consecutive_years_count_again_after_the_same_award() -> None:
    """One achievement, one award: years used for a Giấy khen BTV are not used again."""
    rules = RULESETS_BY_CODE["GK_BTV_DANG_UY"]
    ctx = context(date(2026, 5, 28), rules)
    years = {y: RatingFact(y, "excellent") for y in range(2021, 2026)}
    subject = person(ratings=years, awards=[award("GK_BTV_DANG_UY", 2023)])
    result = evaluate(rules, subject, ctx).results[0]
    assert result.outcome == F
    assert "thành tích tính lại từ năm 2024 (2/5 năm)" in result.message


def test_campaign_awards_are_not_a_stepping_stone() -> None:
    """NĐ 152 Điều 4: CSTĐCS given by campaign does not count towards CSTĐ tỉnh."""
    rules = RULESETS_BY_CODE["CSTD_TINH"]
    ctx = context(date(2024, 12, 20), rules)
    campaign = AwardFact("CSTDCS", 2023, campaign_based=True)
    subject = person(
        awards=[award("CSTDCS", 2022), campaign, award("CSTDCS", 2024)], ratings=rating(2023, "good")
    )
    assert evaluate(rules, subject, ctx).results[0].outcome == F


def test_bk_tinh_person_by_excellence_and_two_initiatives() -> None:
    rules = RULESETS_BY_CODE["BK_CT_UBND_TINH"]
    ctx = context(date(2026, 5, 28), rules)
    two = [
        InitiativeFact("A", "grassroots", date(2024, 3, 1)),
        InitiativeFact("B", "grassroots", date(2025, 3, 1)),
    ]
    excellent = {2024: RatingFact(2024, "excellent"), 2025: RatingFact(2025, "excellent")}
    assert evaluate(rules, person(ratings=excellent, initiatives=two), ctx).results[0].outcome == P
    assert evaluate(rules, person(ratings=excellent, initiatives=two[:1]), ctx).results[0].outcome == F


def test_bk_tinh_collective_two_years_excellent_or_ttldxs() -> None:
    rules = RULESETS_BY_CODE["BK_CT_UBND_TINH"]
    ctx = context(date(2026, 5, 28), rules)
    passing = unit(ratings=rating(2025, "excellent"), awards=[award("TTLDXS", 2024)])
    failing = unit(ratings={**rating(2025, "excellent"), **rating(2024, "good")})
    missing = unit(ratings=rating(2025, "excellent"))
    assert [evaluate(rules, s, ctx).results[0].outcome for s in (passing, failing, missing)] == [P, F, U]


def test_party_cell_needs_outstanding_excellence_for_the_annual_giay_khen() -> None:
    rules = RULESETS_BY_CODE["GK_DANG_UY"]
    ctx = context(date(2026, 5, 28), rules)
    outstanding = party_cell(ratings=rating(2025, "excellent", outstanding=True))
    plain = party_cell(ratings=rating(2025, "excellent"))
    results = [evaluate(rules, s, ctx).results[0] for s in (outstanding, plain)]
    assert [r.outcome for r in results] == [P, F]
    assert "Hoàn thành xuất sắc nhiệm vụ tiêu biểu" in results[1].message


def test_unconfirmed_numbers_are_parameters() -> None:
    """Changing a setting changes the verdict: the 70% share is a parameter, not a constant."""
    rules = RULESETS_BY_CODE["TTLDTT"]
    ctx = context(date(2026, 5, 28), rules)
    subject = unit(members=members(ldtt=65))
    share = lambda c: next(r for r in evaluate(rules, subject, c).results if r.code == "ldtt_share")  # noqa: E731
    assert share(ctx).outcome == F
    assert share(replace(ctx, params=RuleParams(ldtt_member_percent=65))).outcome == P
    assert share(ctx).unconfirmed


def test_members_meeting_ldtt_now_count_for_the_collective() -> None:
    """At a year-end review the members' titles are decided together with the collective's: a member who meets
    LĐTT now counts (provisionally), one rated lower does not, one without a rating leaves it open."""
    from thidua_desktop.core.rules.facts import FactsBook

    rules = RULESETS_BY_CODE["TTLDTT"]
    base = context(date(2025, 12, 20), rules)
    year = base.year

    def book_with(last_rating: str | None) -> tuple[Context, SubjectFacts]:
        book = FactsBook(year)
        people = []
        for index in range(5):
            awards = [award("LDTT", year)] if index < 3 else []
            found = rating(year, "good") if index == 3 else {}
            if index == 4 and last_rating:
                found = rating(year, last_rating)
            person_facts = person(
                subject_id=10 + index, name=f"Thành viên {index}", awards=awards, ratings=found
            )
            book.subjects[person_facts.key] = person_facts
            people.append(person_facts.subject_id)
        summary = members(declared=5, known=5, ldtt=3, without_ldtt=tuple(people[3:]))
        collective = unit(members=summary)
        book.subjects[collective.key] = collective
        return replace(base, book=book), collective

    def share(last_rating: str | None) -> tuple[Outcome, str]:
        ctx, collective = book_with(last_rating)
        result = next(r for r in evaluate(rules, collective, ctx).results if r.code == "ldtt_share")
        return result.outcome, result.message

    assert share("complete") == (
        P,
        "Đủ: 4/5 thành viên (80%) đạt Lao động tiên tiến năm 2025; 1 người đang đủ tiêu chuẩn, chưa có quyết định (cần từ 70%)",
    )
    assert share(None)[0] == P, "4/5 already reach 70% whatever the fifth"
    outcome, message = share(None)
    assert "1 người đang đủ tiêu chuẩn" in message

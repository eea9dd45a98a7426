"""Criterion checks: small functions ``(subject, context) -> Verdict`` that the rule sets in ``forms`` combine.

Conventions: absence of a discipline or an initiative on record means there is none (they are recorded when they
happen); absence of a rating, of members or of evidence means the data is missing (UNKNOWN, never FAIL). For
consecutive-year titles, a year with nothing on record at all is UNKNOWN, a year with data but without the title
is a FAIL.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta
from enum import Enum

from thidua_desktop.core.enums import (
    DisciplineForm,
    InitiativeLevel,
    PersonCategory,
    RatingLevel,
    SubjectType,
)
from thidua_desktop.core.rules.engine import (
    Check,
    Context,
    Outcome,
    Verdict,
    failed,
    passed,
    unknown,
)
from thidua_desktop.core.rules.facts import (
    LEVEL_RANK,
    DisciplineFact,
    InitiativeFact,
    MemberSummary,
    SubjectFacts,
    TargetFact,
)
from thidua_desktop.core.rules.party_age import (
    add_months,
)
from thidua_desktop.core.rules.quota import PERCENT_TOLERANCE
from thidua_desktop.core.text import format_date, format_number, format_percent

WORKING_CATEGORIES = frozenset(
    {
        PersonCategory.OFFICIAL.value,
        PersonCategory.CIVIL_SERVANT.value,
        PersonCategory.PUBLIC_EMPLOYEE.value,
        PersonCategory.WORKER.value,
    }
)
PRODUCTION_CATEGORIES = frozenset({PersonCategory.LABOURER.value, PersonCategory.FARMER.value})
"""Workers and farmers outside the civil service: LĐTT on production and work results (Luật 2022 Điều 24 khoản 2)."""
INITIATIVE_RANK = {level.value: rank for rank, level in enumerate(InitiativeLevel)}
PERMANENT_DISCIPLINES = frozenset({DisciplineForm.EXPULSION.value, DisciplineForm.FORCED_RESIGNATION.value})

SHORT_TITLES = {
    "LDTT": "Lao động tiên tiến",
    "CSTDCS": "Chiến sĩ thi đua cơ sở",
    "CSTD_TINH": "Chiến sĩ thi đua cấp tỉnh",
    "TTLDXS": "Tập thể lao động xuất sắc",
    "XL_HTXSNV": "Hoàn thành xuất sắc nhiệm vụ",
}


def years_text(years: Iterable[int]) -> str:
    return ", ".join(str(y) for y in years)


def number(value: float | None) -> str:
    if value is None:
        return "—"
    return format_number(value, 0 if float(value).is_integer() else 1)


def rating_label(level: str) -> str:
    return RatingLevel(level).label if level in LEVEL_RANK else level


# --- who the subject is ------------------------------------------------------------------------------------------


def working_person(subject: SubjectFacts, ctx: Context) -> Verdict:
    """Emulation titles for individuals: officials, civil servants, public employees and employees (Luật 2022 Điều
    24 khoản 1), and workers, farmers and other working people outside it (khoản 2)."""
    if subject.category in WORKING_CATEGORIES or subject.category in PRODUCTION_CATEGORIES:
        return passed(
            f"Là {PersonCategory(subject.category).label.lower()} tại {subject.unit_name or 'đơn vị'}"
        )
    if subject.category is None:
        return unknown(
            "Chưa rõ: chưa ghi đối tượng (cán bộ, công chức, viên chức, người lao động, công nhân, nông dân hay "
            "nhân dân)"
        )
    return failed(
        f"Không thuộc đối tượng: {PersonCategory(subject.category).label.lower()} "
        "(danh hiệu dành cho cán bộ, công chức, viên chức, người lao động, công nhân, nông dân)"
    )


def ldtt_standard(subject: SubjectFacts, ctx: Context) -> Verdict:
    """The LĐTT standard by the person's path: the recorded rating «Hoàn thành tốt nhiệm vụ» or better for those of
    khoản 1; for workers and farmers (khoản 2) the results of their production and work, which the council judges
    (a recorded rating of at least «Hoàn thành tốt nhiệm vụ» is taken as such a result)."""
    if subject.category not in PRODUCTION_CATEGORIES:
        return rating_at_least(RatingLevel.GOOD)(subject, ctx)
    rating = subject.rating(ctx.year)
    if rating is not None and rating.rank >= LEVEL_RANK[RatingLevel.GOOD.value]:
        return passed(f"Năm {ctx.year} được đánh giá «{rating.label}» về kết quả lao động, sản xuất")
    if rating is not None:
        return failed(f"Chưa đạt: năm {ctx.year} được đánh giá «{rating.label}»")
    return unknown(
        f"Chưa rõ: chưa ghi kết quả lao động, sản xuất năm {ctx.year} — Hội đồng xét (lao động sản xuất có hiệu "
        "quả, tích cực tham gia phong trào thi đua và hoạt động xã hội)"
    )


def served_long_enough(months: int) -> Check:
    """Not rated for LĐTT, CSTĐCS when recruited less than ``months`` before the end of the year under review (6
    months: Thông tư 01/2024/TT-BNV; 10 months: Nghị định 91/2017/NĐ-CP). Without a hire date, earlier records of
    the person (a rating or an award of an earlier year) show that they worked the whole year."""

    def check(subject: SubjectFacts, ctx: Context) -> Verdict:
        if subject.category == PersonCategory.FARMER:
            return passed("Không áp dụng: nông dân không thuộc diện tuyển dụng")
        year_end = ctx.year_end
        hired = subject.hire_date
        if hired is None:
            earlier = [y for y in subject.ratings if y < ctx.year] + [
                a.year for a in subject.awards if a.year is not None and a.year < ctx.year
            ]
            if earlier:
                return passed(
                    f"Đã công tác từ năm {min(earlier)} (có xếp loại, khen thưởng năm {min(earlier)})"
                )
            return unknown(
                "Chưa rõ: chưa ghi ngày tuyển dụng (người mới tuyển dụng chưa đủ thời gian không được bình xét)"
            )
        enough = add_months(hired, months) <= year_end + timedelta(days=1)
        if enough:
            return passed(
                f"Tuyển dụng ngày {format_date(hired)}: đủ {months} tháng công tác đến {format_date(year_end)}"
            )
        return failed(
            f"Không bình xét: tuyển dụng ngày {format_date(hired)}, chưa đủ {months} tháng công tác đến "
            f"{format_date(year_end)}"
        )

    return check


# --- ratings --------------------------------------------------------------------------------------------------------


def rating_at_least(level: RatingLevel) -> Check:
    """Rated ``level`` or better in the year under review."""
    needed = LEVEL_RANK[level.value]

    def check(subject: SubjectFacts, ctx: Context) -> Verdict:
        rating = subject.rating(ctx.year)
        if rating is None:
            return unknown(f"Chưa rõ: chưa có xếp loại chất lượng năm {ctx.year}")
        if rating.rank >= needed:
            return passed(f"Năm {ctx.year} xếp loại «{rating.label}»")
        return failed(f"Chưa đạt: năm {ctx.year} xếp loại «{rating.label}» (cần từ «{level.label}» trở lên)")

    return check


def party_excellent(old_label: bool = False) -> Check:
    """Party member rated HTXSNV; Party organization rated HTXSNV «tiêu biểu» (before 06-HD/TW: «trong sạch,
    vững mạnh tiêu biểu»)."""

    def check(subject: SubjectFacts, ctx: Context) -> Verdict:
        rating = subject.rating(ctx.year)
        is_unit = subject.subject_type == SubjectType.UNIT
        wanted = "Hoàn thành xuất sắc nhiệm vụ"
        if is_unit:
            wanted = (
                "trong sạch, vững mạnh tiêu biểu" if old_label else "Hoàn thành xuất sắc nhiệm vụ tiêu biểu"
            )
        if rating is None:
            return unknown(f"Chưa rõ: chưa có xếp loại chất lượng năm {ctx.year}")
        if rating.level != RatingLevel.EXCELLENT:
            return failed(f"Chưa đạt: năm {ctx.year} xếp loại «{rating.label}» (cần «{wanted}»)")
        if is_unit and not rating.is_outstanding:
            return failed(f"Chưa đạt: năm {ctx.year} đạt HTXSNV nhưng không được đánh giá «{wanted}»")
        return passed(f"Năm {ctx.year} đạt «{wanted}»")

    return check


def htxsnv_level(subject: SubjectFacts, ctx: Context) -> Verdict:
    """Quy định 124-QĐ/TW: the rating level decided by the committee."""
    rating = subject.rating(ctx.year)
    if rating is None:
        return unknown(f"Chưa rõ: chưa có kết quả đánh giá năm {ctx.year}")
    if rating.level == RatingLevel.EXCELLENT:
        return passed(f"Kết quả đánh giá năm {ctx.year}: «{rating.label}»")
    return failed(f"Chưa đạt: kết quả đánh giá năm {ctx.year} là «{rating.label}»")


QD_366_FIRST_YEAR = 2025
"""Ratings of 2025 onwards are made under Quy định 366-QĐ/TW (in force 30/08/2025)."""


def htxsnv_score(subject: SubjectFacts, ctx: Context) -> Verdict:
    """Quy định 366-QĐ/TW: the level decided by the committee is the rating (a score never promotes anyone); for
    a rating made under it, HTXSNV also needs at least 90 points when a score is recorded."""
    rating = subject.rating(ctx.year)
    minimum = ctx.params.htxsnv_min_score
    if rating is None:
        return unknown(f"Chưa rõ: chưa có kết quả đánh giá năm {ctx.year}")
    score = f" ({number(rating.score)} điểm)" if rating.score is not None else ""
    if rating.level != RatingLevel.EXCELLENT:
        return failed(f"Chưa đạt: kết quả đánh giá năm {ctx.year} là «{rating.label}»{score}")
    if rating.score is None:
        return passed(f"Kết quả đánh giá năm {ctx.year}: «{rating.label}» (chưa ghi điểm)")
    if ctx.year < QD_366_FIRST_YEAR:
        return passed(
            f"Kết quả đánh giá năm {ctx.year}: «{rating.label}»{score}; mức {number(minimum)} điểm của Quy định "
            "366-QĐ/TW không áp dụng cho xếp loại trước đó"
        )
    if rating.score >= minimum:
        return passed(
            f"Năm {ctx.year} xếp loại «{rating.label}», đạt {number(rating.score)} điểm (cần từ {number(minimum)} điểm)"
        )
    return failed(
        f"Chưa đủ: năm {ctx.year} đạt {number(rating.score)} điểm, dưới {number(minimum)} điểm để xếp loại "
        "«Hoàn thành xuất sắc nhiệm vụ»"
    )


# --- initiatives ----------------------------------------------------------------------------------------------------


def _initiatives(
    subject: SubjectFacts, first_year: int, last_year: int, min_level: str
) -> tuple[list[InitiativeFact], list[InitiativeFact]]:
    """(initiatives of at least ``min_level`` recognised in the years, those of that level without a date)."""
    rank = INITIATIVE_RANK[min_level]
    found, undated = [], []
    for item in subject.initiatives:
        if INITIATIVE_RANK.get(item.level, -1) < rank:
            continue
        if item.recognized_date is None:
            undated.append(item)
        elif first_year <= item.recognized_date.year <= last_year:
            found.append(item)
    return found, undated


def _initiative_text(item: InitiativeFact) -> str:
    level = InitiativeLevel(item.level).label.lower() if item.level in INITIATIVE_RANK else item.level
    return f"sáng kiến «{item.title}» ({level}, công nhận ngày {format_date(item.recognized_date)})"


def excellent_or_initiative(subject: SubjectFacts, ctx: Context) -> Verdict:
    """Luật 2022 Điều 23: besides LĐTT, rated HTXSNV or an initiative recognised at grassroots level."""
    rating = subject.rating(ctx.year)
    if rating is not None and rating.level == RatingLevel.EXCELLENT:
        return passed(f"Năm {ctx.year} xếp loại «{rating.label}»")
    found, undated = _initiatives(subject, ctx.year, ctx.year, InitiativeLevel.GRASSROOTS.value)
    if found:
        return passed(f"Có {_initiative_text(found[0])}")
    if undated:
        return unknown(f"Chưa rõ: sáng kiến «{undated[0].title}» chưa ghi ngày công nhận")
    if rating is None:
        return unknown(
            f"Chưa rõ: chưa có xếp loại năm {ctx.year} và không có sáng kiến được công nhận trong năm"
        )
    return failed(
        f"Chưa đạt: năm {ctx.year} xếp loại «{rating.label}» và không có sáng kiến được công nhận trong năm"
    )


def initiative_in_year(subject: SubjectFacts, ctx: Context) -> Verdict:
    """Before 2024 (Luật 2003, NĐ 91/2017): an initiative recognised at grassroots level was required."""
    found, undated = _initiatives(subject, ctx.year, ctx.year, InitiativeLevel.GRASSROOTS.value)
    if found:
        return passed(f"Có {_initiative_text(found[0])}")
    if undated:
        return unknown(f"Chưa rõ: sáng kiến «{undated[0].title}» chưa ghi ngày công nhận")
    return failed(f"Chưa đạt: không có sáng kiến được công nhận trong năm {ctx.year}")


def initiative_province(years: Callable[[Context], int]) -> Check:
    """Luật 2022 Điều 22: an initiative with province-wide effect within the years counted."""

    def check(subject: SubjectFacts, ctx: Context) -> Verdict:
        first = ctx.year - years(ctx) + 1
        found, undated = _initiatives(subject, first, ctx.year, InitiativeLevel.PROVINCE.value)
        if found:
            return passed(f"Có {_initiative_text(found[0])}")
        if undated:
            return unknown(f"Chưa rõ: sáng kiến «{undated[0].title}» chưa ghi ngày công nhận")
        return failed(
            f"Chưa đạt: không có sáng kiến cấp tỉnh trở lên được công nhận trong {first}–{ctx.year}"
        )

    return check


# --- discipline -----------------------------------------------------------------------------------------------------


def discipline_end(item: DisciplineFact, ctx: Context) -> tuple[date | None, bool]:
    """(last day of the discipline's period, whether that is known). ``None`` with True: it never ends. An expulsion
    followed by a re-admission (a membership gap that ends after it) ends on the re-admission: it is a gap in Party
    age, not a bar for ever."""
    if item.end is not None:
        return item.end, True
    if item.form == DisciplineForm.EXPULSION:
        return item.readmitted, True
    if item.form in PERMANENT_DISCIPLINES:
        return None, True
    months = ctx.params.discipline_months(item.form)
    if months is None:
        return None, False
    return add_months(item.start, months), True


def _discipline_text(item: DisciplineFact, end: date | None) -> str:
    until = f" đến {format_date(end)}" if end else " (không thời hạn)"
    return f"kỷ luật {item.label.lower()} từ {format_date(item.start)}{until}"


def not_disciplined(period: Callable[[Context], tuple[date, date]]) -> Check:
    """No award while a discipline runs; achievements count only after its period (NĐ 152/2025 Điều 4)."""

    def check(subject: SubjectFacts, ctx: Context) -> Verdict:
        start, end = period(ctx)
        doubtful: list[DisciplineFact] = []
        for item in sorted(subject.disciplines, key=lambda d: d.start):
            until, known = discipline_end(item, ctx)
            if item.start > end:
                continue
            if not known:
                doubtful.append(item)
            elif until is None or until >= start:
                return failed(
                    f"Bị {_discipline_text(item, until)}: không xét khen thưởng cho thời gian "
                    f"{format_date(start)}–{format_date(end)}"
                )
        if doubtful:
            return unknown(
                f"Chưa rõ: kỷ luật {doubtful[0].label.lower()} từ {format_date(doubtful[0].start)} "
                "chưa ghi ngày hết thời hạn"
            )
        return passed(f"Không bị kỷ luật trong thời gian {format_date(start)}–{format_date(end)}")

    return check


def year_period(ctx: Context) -> tuple[date, date]:
    return ctx.year_start, max(ctx.year_end, ctx.review_date)


def years_period(count: Callable[[Context], int]) -> Callable[[Context], tuple[date, date]]:
    def period(ctx: Context) -> tuple[date, date]:
        return date(ctx.year - count(ctx) + 1, 1, 1), max(ctx.year_end, ctx.review_date)

    return period


def phase_period(ctx: Context) -> tuple[date, date]:
    start = ctx.period_start or ctx.year_start
    end = max(ctx.period_end or ctx.review_date, ctx.review_date)
    return start, end


# --- awards already received ----------------------------------------------------------------------------------------


def not_awarded_for_year(code: str) -> Check:
    """Điều 5: one achievement earns one award — not twice the same form for the same year."""

    def check(subject: SubjectFacts, ctx: Context) -> Verdict:
        same = subject.awards_of(code)
        for award in same:
            if award.year == ctx.year:
                return failed(f"Đã được tặng {award.describe()}")
        undated = [a for a in same if a.year is None]
        if undated:
            return unknown(f"Chưa rõ: đã có {undated[0].describe()} nhưng chưa ghi năm")
        return passed(f"Chưa được tặng hình thức này cho năm {ctx.year}")

    return check


class Held(Enum):
    YES = "yes"
    PROVISIONAL = "provisional"
    NO = "no"
    UNKNOWN = "unknown"


def title_held(code: str) -> Callable[[SubjectFacts, Context, int], Held]:
    """Whether the subject holds title ``code`` for a year. For the year under review, a title not yet decided
    counts when the subject meets its criteria now (the proposals usually go together)."""

    def held(subject: SubjectFacts, ctx: Context, year: int) -> Held:
        if any(a.year == year for a in subject.awards_of(code)):
            return Held.YES
        if year == ctx.year:
            evaluation = ctx.evaluate_code(code, subject)
            if evaluation is not None:
                return {
                    Outcome.PASS: Held.PROVISIONAL,
                    Outcome.FAIL: Held.NO,
                    Outcome.UNKNOWN: Held.UNKNOWN,
                }[evaluation.outcome]
        return Held.NO if subject.has_data_for(year) else Held.UNKNOWN

    return held


def excellent_held(subject: SubjectFacts, ctx: Context, year: int) -> Held:
    """Rated HTXSNV in the year (or a decided HTXSNV written back as an award)."""
    rating = subject.rating(year)
    if rating is not None and rating.level == RatingLevel.EXCELLENT:
        return Held.YES
    if any(a.year == year for a in subject.awards_of("XL_HTXSNV")):
        return Held.YES
    return Held.NO if rating is not None else Held.UNKNOWN


def party_excellent_held(subject: SubjectFacts, ctx: Context, year: int) -> Held:
    """Hướng dẫn 06-HD/TW mục 19: a Party member rated HTXSNV; a Party organization rated HTXSNV «tiêu biểu»."""
    if subject.subject_type != SubjectType.UNIT:
        return excellent_held(subject, ctx, year)
    rating = subject.rating(year)
    if rating is not None and rating.level == RatingLevel.EXCELLENT and rating.is_outstanding:
        return Held.YES
    if any(a.year == year for a in subject.awards_of("XL_HTXSNV_TB")):
        return Held.YES
    return Held.NO if rating is not None else Held.UNKNOWN


def excellent_or_ttldxs_held(subject: SubjectFacts, ctx: Context, year: int) -> Held:
    if any(a.year == year for a in subject.awards_of("TTLDXS")):
        return Held.YES
    state = excellent_held(subject, ctx, year)
    if state == Held.UNKNOWN and subject.has_data_for(year):
        return Held.NO
    return state


def consecutive(
    subject: SubjectFacts,
    ctx: Context,
    count: int,
    held: Callable[[SubjectFacts, Context, int], Held],
    title: str,
    reset_codes: frozenset[str],
) -> Verdict:
    """``count`` consecutive years ending with the year under review, counted after the last award of the same
    rank (one achievement earns one award)."""
    window = list(range(ctx.year - count + 1, ctx.year + 1))
    previous = [a for a in subject.awards_of(reset_codes) if a.year is not None]
    last = max(previous, key=lambda a: a.year or 0, default=None)
    if last is not None and last.year is not None and last.year >= window[0]:
        after = [y for y in window if y > last.year]
        return failed(
            f"Chưa đủ: đã được tặng {last.describe()}; thành tích tính lại từ năm "
            f"{last.year + 1} ({len(after)}/{count} năm)"
        )
    states = {year: held(subject, ctx, year) for year in window}
    have = sum(1 for s in states.values() if s in (Held.YES, Held.PROVISIONAL))
    missing = [y for y, s in states.items() if s == Held.NO]
    doubtful = [y for y, s in states.items() if s == Held.UNKNOWN]
    provisional = [y for y, s in states.items() if s == Held.PROVISIONAL]
    if missing:
        return failed(f"Chưa đủ: {have}/{count} năm liền đạt {title} (thiếu năm {years_text(missing)})")
    if doubtful:
        return unknown(
            f"Chưa rõ: {have}/{count} năm liền đạt {title}; chưa có dữ liệu năm {years_text(doubtful)}"
        )
    text = f"Đủ: {count}/{count} năm liền đạt {title} ({years_text(window)})"
    if provisional:
        text += f"; năm {years_text(provisional)} đang đủ tiêu chuẩn, chưa có quyết định"
    return passed(text)


def consecutive_titles(
    count: Callable[[Context], int],
    held: Callable[[SubjectFacts, Context, int], Held],
    title: str,
    reset_codes: frozenset[str],
) -> Check:
    def check(subject: SubjectFacts, ctx: Context) -> Verdict:
        return consecutive(subject, ctx, count(ctx), held, title, reset_codes)

    return check


def party_five_years(subject: SubjectFacts, ctx: Context) -> Verdict:
    """Hướng dẫn 06-HD/TW mục 19: 5 consecutive years — a Party member HTXSNV, a chi bộ HTXSNV «tiêu biểu»."""
    title = (
        "Hoàn thành xuất sắc nhiệm vụ tiêu biểu"
        if subject.subject_type == SubjectType.UNIT
        else "Hoàn thành xuất sắc nhiệm vụ"
    )
    return consecutive(
        subject,
        ctx,
        ctx.params.party_consecutive_years,
        party_excellent_held,
        title,
        frozenset({"GK_BTV_DANG_UY", "BK_BTV_TINH_UY"}),
    )


def bk_tinh_person(subject: SubjectFacts, ctx: Context) -> Verdict:
    """Provincial Bằng khen (individual): 2 consecutive CSTĐCS, or 2 years HTXSNV with 2 initiatives."""
    p = ctx.params
    reset = frozenset({"BK_CT_UBND_TINH"})
    first = consecutive(
        subject, ctx, p.bk_tinh_cstdcs_years, title_held("CSTDCS"), SHORT_TITLES["CSTDCS"], reset
    )
    if first.outcome == Outcome.PASS:
        return first
    years = p.bk_tinh_htxsnv_years
    excellent = consecutive(subject, ctx, years, excellent_held, "HTXSNV", reset)
    found, undated = _initiatives(subject, ctx.year - years + 1, ctx.year, InitiativeLevel.GRASSROOTS.value)
    needed = p.bk_tinh_initiatives
    if excellent.outcome == Outcome.PASS and len(found) >= needed:
        return passed(f"{excellent.message} và có {len(found)} sáng kiến được công nhận")
    if len(found) >= needed:
        second = excellent
    elif undated and len(found) + len(undated) >= needed:
        second = unknown(f"Chưa rõ: {len(found)}/{needed} sáng kiến có ngày công nhận trong các năm xét")
    else:
        second = failed(f"Chưa đủ: {len(found)}/{needed} sáng kiến trong {ctx.year - years + 1}–{ctx.year}")
        if excellent.outcome == Outcome.FAIL:
            second = failed(f"{excellent.message}; {len(found)}/{needed} sáng kiến")
    if first.outcome == Outcome.FAIL and second.outcome == Outcome.FAIL:
        return failed(f"{first.message}; hoặc: {second.message}")
    return unknown(f"{first.message}; hoặc: {second.message}")


# --- collectives ----------------------------------------------------------------------------------------------------


def _members(subject: SubjectFacts) -> MemberSummary | None:
    members = subject.members
    return members if members is not None and members.declared > 0 else None


def bounded_share(have: int, unknown_count: int, total: int, percent: float) -> Outcome:
    """PASS when ``have`` already reaches ``percent`` of ``total``; FAIL when it cannot even if every unknown
    member were counted; otherwise UNKNOWN."""
    needed = (percent - PERCENT_TOLERANCE) * total
    if have * 100 >= needed:
        return Outcome.PASS
    if (have + unknown_count) * 100 < needed:
        return Outcome.FAIL
    return Outcome.UNKNOWN


def provisional_members(ctx: Context, person_ids: tuple[int, ...], code: str) -> tuple[int, int]:
    """(members meeting title ``code`` now, members whose data is missing) among those without a decided title
    for the year under review: titles of a year are usually decided together with the collective's."""
    if ctx.book is None or code not in ctx.rulesets:
        return 0, 0
    meeting = doubtful = 0
    for person_id in person_ids:
        member = ctx.book.get(SubjectType.PERSON.value, person_id)
        evaluation = ctx.evaluate_code(code, member) if member is not None else None
        if evaluation is None:
            continue
        meeting += evaluation.outcome == Outcome.PASS
        doubtful += evaluation.outcome == Outcome.UNKNOWN
    return meeting, doubtful


def _pending_text(count: int) -> str:
    return f"; {count} người đang đủ tiêu chuẩn, chưa có quyết định" if count else ""


def member_share_ldtt(subject: SubjectFacts, ctx: Context) -> Verdict:
    members = _members(subject)
    percent = ctx.params.ldtt_member_percent
    need = f"cần từ {format_percent(percent)}"
    if members is None:
        return unknown("Chưa rõ: chưa có danh sách thành viên của tập thể")
    pending, doubtful = provisional_members(ctx, members.without_ldtt, "LDTT")
    have = members.ldtt + pending
    share = have / members.declared * 100
    outcome = bounded_share(have, members.declared - members.known + doubtful, members.declared, percent)
    head = (
        f"{have}/{members.declared} thành viên ({format_percent(share)}) đạt Lao động tiên tiến năm {ctx.year}"
        f"{_pending_text(pending)}"
    )
    if outcome == Outcome.PASS:
        return passed(f"Đủ: {head} ({need})")
    if outcome == Outcome.FAIL:
        return failed(f"Chưa đủ: {head} ({need})")
    if members.known < members.declared:
        return unknown(
            f"Chưa rõ: mới có dữ liệu {members.known}/{members.declared} thành viên, {have} người đạt Lao động "
            f"tiên tiến năm {ctx.year}{_pending_text(pending)} ({need})"
        )
    return unknown(f"Chưa rõ: {head}; {doubtful} người chưa đủ dữ liệu để xét ({need})")


def member_share_ldtt_over_half(subject: SubjectFacts, ctx: Context) -> Verdict:
    """Luật TĐKT 2003 (sửa đổi 2013) Điều 28 khoản 2: more than 50% of the members LĐTT (strictly more)."""
    members = _members(subject)
    if members is None:
        return unknown("Chưa rõ: chưa có danh sách thành viên của tập thể")
    pending, doubtful = provisional_members(ctx, members.without_ldtt, "LDTT")
    have = members.ldtt + pending
    open_count = members.declared - members.known + doubtful
    head = (
        f"{have}/{members.declared} thành viên đạt Lao động tiên tiến năm {ctx.year}{_pending_text(pending)}"
    )
    if have * 2 > members.declared:
        return passed(f"Đủ: {head} (cần trên 50%)")
    if (have + open_count) * 2 <= members.declared:
        return failed(f"Chưa đủ: {head} (cần trên 50%)")
    return unknown(f"Chưa rõ: {head}; {open_count} người chưa đủ dữ liệu để xét (cần trên 50%)")


def members_complete(subject: SubjectFacts, ctx: Context) -> Verdict:
    members = _members(subject)
    percent = ctx.params.ttldxs_complete_percent
    if members is None:
        return unknown("Chưa rõ: chưa có danh sách thành viên của tập thể")
    outcome = bounded_share(members.completing, members.declared - members.rated, members.declared, percent)
    head = f"{members.completing}/{members.declared} thành viên hoàn thành nhiệm vụ năm {ctx.year}"
    if outcome == Outcome.PASS:
        return passed(f"Đủ: {head} (cần {format_percent(percent)})")
    if outcome == Outcome.FAIL:
        names = ", ".join(members.not_completing)
        return failed(f"Chưa đủ: {head} (cần {format_percent(percent)}); không hoàn thành: {names or '—'}")
    return unknown(f"Chưa rõ: mới có xếp loại {members.rated}/{members.declared} thành viên năm {ctx.year}")


def members_cstdcs(subject: SubjectFacts, ctx: Context) -> Verdict:
    members = _members(subject)
    needed = ctx.params.ttldxs_min_cstdcs
    if members is None:
        return unknown("Chưa rõ: chưa có danh sách thành viên của tập thể")
    pending, doubtful = provisional_members(ctx, members.without_cstdcs, "CSTDCS")
    have = members.cstdcs + pending
    if have >= needed:
        return passed(
            f"Có {have} thành viên đạt Chiến sĩ thi đua cơ sở năm {ctx.year}{_pending_text(pending)}"
        )
    if members.known >= members.declared and not doubtful:
        return failed(f"Chưa đủ: {have}/{needed} thành viên đạt Chiến sĩ thi đua cơ sở năm {ctx.year}")
    return unknown(
        f"Chưa rõ: trong {members.known}/{members.declared} thành viên có dữ liệu, {have} người đạt "
        f"Chiến sĩ thi đua cơ sở năm {ctx.year}"
    )


def members_not_disciplined(subject: SubjectFacts, ctx: Context) -> Verdict:
    """No member disciplined at «cảnh cáo» or above during the year; a discipline without an end date lasts the
    same default period as for an individual (``discipline_end``)."""
    members = _members(subject)
    if members is None:
        return unknown("Chưa rõ: chưa có danh sách thành viên của tập thể")
    start, end = ctx.year_start, ctx.year_end
    found = list(members.disciplined)
    doubtful: list[str] = []
    for name, item in members.member_disciplines:
        until, known = discipline_end(item, ctx)
        if item.start > end:
            continue
        if not known:
            doubtful.append(f"{name} ({item.label.lower()} từ {format_date(item.start)})")
        elif until is None or until >= start:
            found.append(f"{name} ({_discipline_text(item, until)})")
    if found:
        return failed(f"Có thành viên bị kỷ luật từ cảnh cáo trở lên năm {ctx.year}: {', '.join(found)}")
    if doubtful:
        return unknown(f"Chưa rõ: chưa ghi ngày hết thời hạn kỷ luật của {', '.join(doubtful)}")
    if members.known >= members.declared:
        return passed(f"Không có thành viên bị kỷ luật từ cảnh cáo trở lên năm {ctx.year}")
    return unknown(
        f"Chưa rõ: {members.known}/{members.declared} thành viên có dữ liệu, không ai bị kỷ luật từ cảnh cáo "
        "trở lên"
    )


# --- campaign results -----------------------------------------------------------------------------------------------


def _target_text(target: TargetFact) -> str:
    measure = f" {target.unit_of_measure}" if target.unit_of_measure else ""
    return f"«{target.content}» {number(target.achieved_value)}/{number(target.target_value)}{measure}"


def campaign_targets(subject: SubjectFacts, ctx: Context) -> Verdict:
    """Commendation by campaign (Luật 2022 Điều 8): the pledged targets of the phase met, with verified evidence."""
    pledge = subject.pledge
    if pledge is None:
        return unknown("Chưa rõ: chưa đăng ký thi đua trong phong trào này")
    targets = pledge.targets
    if not targets:
        return unknown("Chưa rõ: chưa có chỉ tiêu đăng ký cho giai đoạn này")
    total = len(targets)
    met = [t for t in targets if t.met is True]
    missed = [t for t in targets if t.met is False]
    pending = [t for t in targets if t.met is None]
    percent = ctx.params.campaign_targets_percent
    outcome = bounded_share(len(met), len(pending), total, percent)
    head = f"{len(met)}/{total} chỉ tiêu của giai đoạn đạt, có minh chứng đã xác minh"
    if outcome == Outcome.PASS:
        return passed(f"Đủ: {head} (cần {format_percent(percent)})")
    if outcome == Outcome.FAIL:
        detail = "; ".join(_target_text(t) for t in missed)
        return failed(f"Chưa đạt: {head}; không đạt {detail}")
    detail = "; ".join(f"«{t.content}»" for t in pending)
    return unknown(f"Chưa rõ: {head}; chưa có minh chứng đã xác minh: {detail}")

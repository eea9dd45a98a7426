"""The rule sets: one per title or award form (and per kind of commendation), each criterion with its article and
the date from which that version applies. Checked against ``shared/domain.md``; numbers the brief marks
unconfirmed are parameters (``RuleParams``) and their criteria carry ``unconfirmed=True``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from thidua_desktop.core.catalogue import entry
from thidua_desktop.core.enums import CommendationKind, RatingLevel, Side, SubjectType, UnitKind
from thidua_desktop.core.rules import badge
from thidua_desktop.core.rules import criteria as c
from thidua_desktop.core.rules.engine import Context, Criterion, RuleSet
from thidua_desktop.core.rules.facts import SubjectFacts

D = date
Period = Callable[[Context], tuple[date, date]]
PERSON = frozenset({SubjectType.PERSON.value})
UNIT = frozenset({SubjectType.UNIT.value})
PERSON_OR_UNIT = frozenset({SubjectType.PERSON.value, SubjectType.UNIT.value})
ANY_SUBJECT = frozenset(t.value for t in SubjectType)

LAW_2022 = D(2024, 1, 1)
"""Luật Thi đua, khen thưởng số 06/2022/QH15 in force."""
OLD_LAW = D(2017, 10, 1)
"""Luật 2003 (sửa đổi 2013) with NĐ 91/2017/NĐ-CP."""
ND_152 = D(2025, 7, 1)
QD_124 = D(2023, 10, 4)
QD_366 = D(2025, 8, 30)
HD_01 = D(2021, 9, 28)
HD_06 = D(2025, 6, 9)

ANNUAL = CommendationKind.ANNUAL.value
CAMPAIGN = CommendationKind.CAMPAIGN.value
TENURE = CommendationKind.TENURE.value


# --- who a form is meant for --------------------------------------------------------------------------------------


def state_subject(subject: SubjectFacts) -> bool:
    """State forms: state bodies, mass organizations, residential groups, every person, households — never a Party
    organization (a Party member who is also a civil servant may receive both, for different achievements)."""
    return subject.subject_type != SubjectType.UNIT or not subject.is_party


def party_subject(subject: SubjectFacts) -> bool:
    """Party forms: Party organizations and Party members only."""
    return subject.subject_type in PERSON_OR_UNIT and subject.is_party


def worker(subject: SubjectFacts, _ctx: Context) -> bool:
    return subject.category != "citizen" and state_subject(subject)


def labour_collective(subject: SubjectFacts, _ctx: Context) -> bool:
    return state_subject(subject) and subject.unit_kind != UnitKind.RESIDENTIAL_GROUP


def annual_state(subject: SubjectFacts, ctx: Context) -> bool:
    if subject.subject_type == SubjectType.PERSON:
        return worker(subject, ctx)
    return labour_collective(subject, ctx)


def party_below_committee(subject: SubjectFacts, _ctx: Context) -> bool:
    """Party members and Party organizations the committee itself commends (not the committee)."""
    return party_subject(subject) and not subject.is_top_committee


def party_any(subject: SubjectFacts, _ctx: Context) -> bool:
    return party_subject(subject)


def pledged_side(subject: SubjectFacts) -> str:
    """The side of the title a subject registered for: a Party member pledging HTXSNV competes on the Party
    side, a civil servant pledging LĐTT on the state side."""
    if subject.subject_type == SubjectType.UNIT:
        return Side.PARTY.value if subject.is_party else Side.STATE.value
    code = subject.pledge.title_code if subject.pledge else ""
    try:
        side = entry(code).side.value
    except KeyError:
        side = Side.STATE.value
    if side == Side.PARTY and not subject.is_party:
        return Side.STATE.value
    return side


def campaign_state(subject: SubjectFacts, _ctx: Context) -> bool:
    return subject.pledge is not None and state_subject(subject) and pledged_side(subject) == Side.STATE


def campaign_party(subject: SubjectFacts, ctx: Context) -> bool:
    return (
        subject.pledge is not None
        and party_below_committee(subject, ctx)
        and pledged_side(subject) == Side.PARTY
    )


# --- shared criteria ------------------------------------------------------------------------------------------------


def _years(name: str) -> Callable[[Context], int]:
    def count(ctx: Context) -> int:
        return int(getattr(ctx.params, name))

    return count


def discipline_criteria(period: Period, label: str) -> tuple[Criterion, ...]:
    """The bar of discipline, in its three versions by decree."""
    check = c.not_disciplined(period)
    return (
        Criterion(
            "discipline", label, "NĐ 91/2017/NĐ-CP (nguyên tắc khen thưởng)", OLD_LAW, check, D(2023, 12, 31)
        ),
        Criterion(
            "discipline", label, "NĐ 98/2023/NĐ-CP (nguyên tắc khen thưởng)", LAW_2022, check, D(2025, 6, 30)
        ),
        Criterion("discipline", label, "NĐ 152/2025/NĐ-CP Điều 4", ND_152, check),
    )


def party_discipline(period: Period, label: str) -> tuple[Criterion, ...]:
    check = c.not_disciplined(period)
    return (
        Criterion(
            "discipline", label, "Hướng dẫn 01-HD/TW (2021), Quy định 124-QĐ/TW", HD_01, check, D(2025, 6, 8)
        ),
        Criterion("discipline", label, "Hướng dẫn 06-HD/TW mục 19; Quy định 366-QĐ/TW", HD_06, check),
    )


Span = tuple[str, date, date | None]
"""(article, valid from, valid to) of one version of a criterion."""
OLD = "Luật TĐKT 2003 (sửa đổi 2013)"
OLD_END = D(2023, 12, 31)


def old(article: str) -> Span:
    """A version under Luật TĐKT 2003 (sửa đổi 2013) with Nghị định 91/2017/NĐ-CP, until 31/12/2023."""
    return (f"{OLD} {article}; Nghị định 91/2017/NĐ-CP", OLD_LAW, OLD_END)


def new(article: str) -> Span:
    """A version under Luật TĐKT 2022, from 01/01/2024."""
    return (f"Luật TĐKT 2022 {article}", LAW_2022, None)


def versions(
    code: str, label: str, check: c.Check, *spans: Span, unconfirmed: bool = False
) -> tuple[Criterion, ...]:
    """One criterion in several dated versions with the same check (the texts kept the rule, renumbered)."""
    return tuple(
        Criterion(code, label, article, start, check, end, unconfirmed) for article, start, end in spans
    )


def once_per_year(code: str, *spans: Span) -> tuple[Criterion, ...]:
    """One achievement earns one award (Luật 2022 Điều 5; the same principle in the 2003 Law)."""
    return versions(
        "once",
        "Chưa được tặng hình thức này cho cùng thành tích",
        c.not_awarded_for_year(code),
        *(spans or (old("nguyên tắc khen thưởng"), new("Điều 5"))),
    )


def newcomer() -> tuple[Criterion, ...]:
    """Not rated for LĐTT, CSTĐCS when recruited less than 10 months (Nghị định 91/2017/NĐ-CP), then 6 months
    (Thông tư 01/2024/TT-BNV) before the end of the year."""
    label = "Đủ thời gian công tác trong năm (người mới tuyển dụng)"
    return (
        Criterion(
            "tenure",
            label,
            "Nghị định 91/2017/NĐ-CP (mới tuyển dụng dưới 10 tháng không bình xét)",
            OLD_LAW,
            c.served_long_enough(10),
            OLD_END,
        ),
        Criterion(
            "tenure",
            label,
            "Thông tư 01/2024/TT-BNV (mới tuyển dụng dưới 06 tháng không bình xét)",
            LAW_2022,
            c.served_long_enough(6),
        ),
    )


SUBJECT_LABEL = "Là cán bộ, công chức, viên chức, người lao động, công nhân, nông dân"
LDTT_LABEL = "Đạt tiêu chuẩn «Lao động tiên tiến»"


DISCIPLINE_YEAR = "Không bị kỷ luật trong năm xét"
DISCIPLINE_YEARS = "Không bị kỷ luật trong các năm xét"
DISCIPLINE_PHASE = "Không bị kỷ luật trong giai đoạn thi đua"
COUNCIL_NOTE = "Hội đồng Thi đua - Khen thưởng xem xét: tinh thần tự lực, tự cường, đoàn kết, tích cực tham gia phong trào."


def _name(code: str, suffix: str = "") -> str:
    return entry(code).name + suffix


RULESETS: tuple[RuleSet, ...] = (
    RuleSet(
        code="LDTT",
        form_code="LDTT",
        name=_name("LDTT"),
        side=Side.STATE.value,
        kind=ANNUAL,
        subject_types=PERSON,
        applies=worker,
        criteria=(
            *versions("subject", SUBJECT_LABEL, c.working_person, old("Điều 24"), new("Điều 24")),
            *versions(
                "rating",
                "Hoàn thành tốt nhiệm vụ (công nhân, nông dân: lao động sản xuất có hiệu quả)",
                c.ldtt_standard,
                old("Điều 24"),
                new("Điều 24 khoản 1, khoản 2"),
            ),
            *newcomer(),
            *discipline_criteria(c.year_period, DISCIPLINE_YEAR),
            *once_per_year("LDTT"),
        ),
        notes=(COUNCIL_NOTE,),
    ),
    RuleSet(
        code="CSTDCS",
        form_code="CSTDCS",
        name=_name("CSTDCS"),
        side=Side.STATE.value,
        kind=ANNUAL,
        subject_types=PERSON,
        applies=worker,
        criteria=(
            *versions("subject", SUBJECT_LABEL, c.working_person, old("Điều 23"), new("Điều 23")),
            *versions("ldtt", LDTT_LABEL, c.ldtt_standard, old("Điều 23"), new("Điều 23 khoản 1")),
            Criterion(
                "merit",
                "Có sáng kiến được công nhận",
                "Luật TĐKT 2003 (sửa đổi 2013) Điều 23; NĐ 91/2017/NĐ-CP",
                OLD_LAW,
                c.initiative_in_year,
                OLD_END,
            ),
            Criterion(
                "merit",
                "Xếp loại «Hoàn thành xuất sắc nhiệm vụ» hoặc có sáng kiến được cơ sở công nhận",
                "Luật TĐKT 2022 Điều 23 khoản 2",
                LAW_2022,
                c.excellent_or_initiative,
            ),
            *newcomer(),
            *discipline_criteria(c.year_period, DISCIPLINE_YEAR),
            *once_per_year("CSTDCS"),
        ),
        notes=(
            COUNCIL_NOTE,
            "Từ 01/01/2024 không còn giới hạn tỷ lệ 15% số người đạt «Lao động tiên tiến».",
            "Hội đồng bỏ phiếu kín; cần từ 80% tổng số thành viên Hội đồng đồng ý (kiểm tra ở đợt trình).",
        ),
    ),
    RuleSet(
        code="CSTD_TINH",
        form_code="CSTD_TINH",
        name=_name("CSTD_TINH"),
        side=Side.STATE.value,
        kind=ANNUAL,
        subject_types=PERSON,
        applies=worker,
        criteria=(
            *versions(
                "consecutive",
                "Ba lần liên tục đạt «Chiến sĩ thi đua cơ sở»",
                c.consecutive_titles(
                    _years("cstd_tinh_years"),
                    c.title_held("CSTDCS"),
                    c.SHORT_TITLES["CSTDCS"],
                    frozenset({"CSTD_TINH"}),
                ),
                old("Điều 22"),
                new("Điều 22 khoản 1"),
            ),
            *versions(
                "initiative",
                "Có sáng kiến ảnh hưởng trong phạm vi tỉnh",
                c.initiative_province(_years("cstd_tinh_years")),
                old("Điều 22"),
                new("Điều 22 khoản 1"),
            ),
            *discipline_criteria(c.years_period(_years("cstd_tinh_years")), DISCIPLINE_YEARS),
        ),
        notes=(
            "Hội đồng bỏ phiếu kín; cần từ 90% tổng số thành viên Hội đồng đồng ý (kiểm tra ở đợt trình).",
        ),
    ),
    RuleSet(
        code="TTLDTT",
        form_code="TTLDTT",
        name=_name("TTLDTT"),
        side=Side.STATE.value,
        kind=ANNUAL,
        subject_types=UNIT,
        applies=labour_collective,
        criteria=(
            *versions(
                "rating",
                "Tập thể hoàn thành tốt nhiệm vụ",
                c.rating_at_least(RatingLevel.GOOD),
                old("Điều 28 khoản 2"),
                new("Điều 28 (suy ra)"),
            ),
            Criterion(
                "ldtt_share",
                "Trên 50% cá nhân đạt «Lao động tiên tiến»",
                f"{OLD} Điều 28 khoản 2; Nghị định 91/2017/NĐ-CP",
                OLD_LAW,
                c.member_share_ldtt_over_half,
                OLD_END,
            ),
            Criterion(
                "ldtt_share",
                "Từ 70% thành viên đạt «Lao động tiên tiến»",
                "Luật TĐKT 2022 Điều 28 (suy ra; QĐ 86/2025/QĐ-UBND tỉnh Bắc Ninh)",
                LAW_2022,
                c.member_share_ldtt,
                unconfirmed=True,
            ),
            *versions(
                "members_discipline",
                "Không có thành viên bị kỷ luật từ cảnh cáo trở lên",
                c.members_not_disciplined,
                old("Điều 28 khoản 2"),
                new("Điều 28 (suy ra)"),
            ),
            *discipline_criteria(c.year_period, DISCIPLINE_YEAR),
            *once_per_year("TTLDTT"),
        ),
        notes=("Hội đồng xem xét: nội bộ đoàn kết, tích cực tham gia phong trào thi đua.",),
    ),
    RuleSet(
        code="TTLDXS",
        form_code="TTLDXS",
        name=_name("TTLDXS"),
        side=Side.STATE.value,
        kind=ANNUAL,
        subject_types=UNIT,
        applies=labour_collective,
        criteria=(
            *versions(
                "rating",
                "Tập thể hoàn thành xuất sắc nhiệm vụ",
                c.rating_at_least(RatingLevel.EXCELLENT),
                old("Điều 28 khoản 1"),
                new("Điều 27 (suy ra)"),
            ),
            *versions(
                "complete",
                "100% thành viên hoàn thành nhiệm vụ",
                c.members_complete,
                old("Điều 28 khoản 1"),
                new("Điều 27 (suy ra)"),
                unconfirmed=True,
            ),
            *versions(
                "ldtt_share",
                "Từ 70% thành viên đạt «Lao động tiên tiến»",
                c.member_share_ldtt,
                old("Điều 28 khoản 1"),
                new("Điều 27 (suy ra; QĐ 86/2025/QĐ-UBND tỉnh Bắc Ninh)"),
                unconfirmed=True,
            ),
            *versions(
                "cstdcs",
                "Có thành viên đạt «Chiến sĩ thi đua cơ sở»",
                c.members_cstdcs,
                old("Điều 28 khoản 1"),
                new("Điều 27 (suy ra)"),
            ),
            *versions(
                "members_discipline",
                "Không có thành viên bị kỷ luật từ cảnh cáo trở lên",
                c.members_not_disciplined,
                old("Điều 28 khoản 1"),
                new("Điều 27 (suy ra)"),
            ),
            *discipline_criteria(c.year_period, DISCIPLINE_YEAR),
            *once_per_year("TTLDXS"),
        ),
        notes=("Hội đồng xem xét: nội bộ đoàn kết, gương mẫu chấp hành chủ trương, chính sách.",),
    ),
    RuleSet(
        code="GK_CT_UBND_PHUONG",
        form_code="GK_CT_UBND_PHUONG",
        name=_name("GK_CT_UBND_PHUONG", " (hằng năm)"),
        side=Side.STATE.value,
        kind=ANNUAL,
        subject_types=PERSON_OR_UNIT,
        applies=annual_state,
        criteria=(
            *versions(
                "rating",
                "Hoàn thành tốt nhiệm vụ",
                c.rating_at_least(RatingLevel.GOOD),
                old("Điều 75"),
                new("Điều 75 khoản 1"),
            ),
            *discipline_criteria(c.year_period, DISCIPLINE_YEAR),
            *once_per_year("GK_CT_UBND_PHUONG"),
        ),
        notes=(
            "Hội đồng xem xét: gương mẫu chấp hành chủ trương, chính sách; có thành tích được công nhận.",
        ),
    ),
    RuleSet(
        code="GK_CT_UBND_PHUONG.DOT",
        form_code="GK_CT_UBND_PHUONG",
        name=_name("GK_CT_UBND_PHUONG", " (theo đợt thi đua)"),
        side=Side.STATE.value,
        kind=CAMPAIGN,
        subject_types=ANY_SUBJECT,
        applies=campaign_state,
        criteria=(
            *versions(
                "targets",
                "Đạt các chỉ tiêu đã đăng ký của giai đoạn, có minh chứng đã xác minh",
                c.campaign_targets,
                old("Điều 75 (khen thưởng theo đợt, chuyên đề)"),
                new("Điều 8 (khen thưởng theo phong trào thi đua), Điều 75"),
                unconfirmed=True,
            ),
            *discipline_criteria(c.phase_period, DISCIPLINE_PHASE),
        ),
        notes=("Khen thưởng theo đợt, chuyên đề không dùng làm căn cứ đề nghị khen thưởng cấp cao hơn.",),
    ),
    RuleSet(
        code="BK_CT_UBND_TINH",
        form_code="BK_CT_UBND_TINH",
        name=_name("BK_CT_UBND_TINH"),
        side=Side.STATE.value,
        kind=ANNUAL,
        subject_types=PERSON_OR_UNIT,
        applies=annual_state,
        criteria=(
            Criterion(
                "record",
                "Cá nhân: 2 năm liền CSTĐCS, hoặc 2 năm HTXSNV và 2 sáng kiến; tập thể: 2 năm liền HTXSNV "
                "hoặc Tập thể lao động xuất sắc",
                "Quy định khen thưởng của UBND tỉnh (ví dụ Bắc Ninh QĐ 86/2025/QĐ-UBND)",
                LAW_2022,
                lambda s, ctx: (
                    c.bk_tinh_person(s, ctx)
                    if s.subject_type == SubjectType.PERSON
                    else c.consecutive(
                        s,
                        ctx,
                        ctx.params.bk_tinh_unit_years,
                        c.excellent_or_ttldxs_held,
                        "HTXSNV hoặc Tập thể lao động xuất sắc",
                        frozenset({"BK_CT_UBND_TINH"}),
                    )
                ),
                unconfirmed=True,
            ),
            *discipline_criteria(c.years_period(_years("bk_tinh_unit_years")), DISCIPLINE_YEARS),
        ),
        notes=("Tiêu chuẩn Bằng khen do UBND tỉnh quy định; kiểm tra lại theo quy định của tỉnh.",),
    ),
    RuleSet(
        code="XL_HTXSNV",
        form_code="XL_HTXSNV",
        name=_name("XL_HTXSNV", " (xếp loại chất lượng)"),
        side=Side.PARTY.value,
        kind=ANNUAL,
        subject_types=PERSON_OR_UNIT,
        applies=party_below_committee,
        criteria=(
            Criterion(
                "level",
                "Được đánh giá «Hoàn thành xuất sắc nhiệm vụ»",
                "Quy định 124-QĐ/TW",
                QD_124,
                c.htxsnv_level,
                D(2025, 8, 29),
            ),
            Criterion(
                "level",
                "Được đánh giá «Hoàn thành xuất sắc nhiệm vụ» (từ 90 điểm)",
                "Quy định 366-QĐ/TW; Hướng dẫn 43-HD/BTCTW",
                QD_366,
                c.htxsnv_score,
            ),
            *party_discipline(c.year_period, DISCIPLINE_YEAR),
        ),
        notes=(
            "Số HTXSNV không quá 20% số được xếp loại «Hoàn thành tốt nhiệm vụ» trong cùng nhóm (25% với đơn vị "
            "tiêu biểu; Quy định 366-QĐ/TW Điều 11 khoản 1.5): kiểm tra trên đợt trình.",
        ),
    ),
    RuleSet(
        code="GK_DANG_UY",
        form_code="GK_DANG_UY",
        name=_name("GK_DANG_UY", " (hằng năm)"),
        side=Side.PARTY.value,
        kind=ANNUAL,
        subject_types=PERSON_OR_UNIT,
        applies=party_below_committee,
        criteria=(
            Criterion(
                "excellent",
                "Đảng viên HTXSNV; chi bộ «trong sạch, vững mạnh tiêu biểu»",
                "Hướng dẫn 01-HD/TW (28/9/2021)",
                HD_01,
                c.party_excellent(old_label=True),
                D(2025, 6, 8),
            ),
            Criterion(
                "excellent",
                "Đảng viên HTXSNV; chi bộ «HTXSNV tiêu biểu» trong năm",
                "Hướng dẫn 06-HD/TW mục 19",
                HD_06,
                c.party_excellent(),
            ),
            *party_discipline(c.year_period, DISCIPLINE_YEAR),
            *once_per_year(
                "GK_DANG_UY",
                ("Điều lệ Đảng Điều 34; Hướng dẫn 01-HD/TW (28/9/2021)", HD_01, OLD_END),
                ("Điều lệ Đảng Điều 34; Luật TĐKT 2022 Điều 5", LAW_2022, None),
            ),
        ),
    ),
    RuleSet(
        code="GK_DANG_UY.DOT",
        form_code="GK_DANG_UY",
        name=_name("GK_DANG_UY", " (theo đợt thi đua)"),
        side=Side.PARTY.value,
        kind=CAMPAIGN,
        subject_types=PERSON_OR_UNIT,
        applies=campaign_party,
        criteria=(
            Criterion(
                "targets",
                "Đạt các chỉ tiêu đã đăng ký của giai đoạn, có minh chứng đã xác minh",
                "Điều lệ Đảng Điều 34; Hướng dẫn 06-HD/TW mục 19 (khen thưởng theo chuyên đề, đợt)",
                HD_01,
                c.campaign_targets,
                unconfirmed=True,
            ),
            *party_discipline(c.phase_period, DISCIPLINE_PHASE),
        ),
        notes=("Khen thưởng theo đợt, chuyên đề không dùng làm căn cứ đề nghị khen thưởng cấp cao hơn.",),
    ),
    *(
        RuleSet(
            code=code,
            form_code=code,
            name=_name(code),
            side=Side.PARTY.value,
            kind=ANNUAL,
            subject_types=PERSON_OR_UNIT,
            applies=applies,
            criteria=(
                *versions(
                    "consecutive",
                    "5 năm liền: đảng viên «Hoàn thành xuất sắc nhiệm vụ»; chi bộ «Hoàn thành xuất sắc nhiệm vụ "
                    "tiêu biểu»",
                    c.party_five_years,
                    ("Hướng dẫn 01-HD/TW (28/9/2021) mục 19", HD_01, D(2025, 6, 8)),
                    ("Hướng dẫn 06-HD/TW mục 19", HD_06, None),
                ),
                *party_discipline(c.years_period(_years("party_consecutive_years")), DISCIPLINE_YEARS),
            ),
            notes=(
                "Giấy khen của Ban Thường vụ Đảng ủy hay Bằng khen của Ban Thường vụ Tỉnh ủy tùy phân cấp quản lý "
                "(Quy định 294-QĐ/TW): chọn một trong hai cho cùng thành tích.",
            ),
        )
        for code, applies in (("GK_BTV_DANG_UY", party_below_committee), ("BK_BTV_TINH_UY", party_any))
    ),
    badge.BADGE_RULESET,
)

RULESETS_BY_CODE: dict[str, RuleSet] = {r.code: r for r in RULESETS}
BADGE_CODE = "HUY_HIEU_DANG"
CANDIDATE_RULESETS: tuple[RuleSet, ...] = tuple(r for r in RULESETS if r.code != BADGE_CODE)
"""The rule sets of the candidates view (the Party badge has its own view, by award occasion)."""


def ruleset(code: str) -> RuleSet:
    try:
        return RULESETS_BY_CODE[code]
    except KeyError:
        raise KeyError(f"Không có bộ tiêu chuẩn «{code}»") from None


def side_allows(ruleset_side: str, subject: SubjectFacts) -> bool:
    """Whether a form of this side may go to this subject at all."""
    return party_subject(subject) if ruleset_side == Side.PARTY else state_subject(subject)

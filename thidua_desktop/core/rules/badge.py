"""The Party badge (Huy hiệu Đảng): who is due at an award occasion, and the criteria of its rule set.

Điều lệ Đảng Điều 5 khoản 4 (Party age), Quy định 24-QĐ/TW (from 30/07/2021; before it Quy định 29-QĐ/TW) and
the guidance (Hướng dẫn 06-HD/TW mục 18): milestones, occasions, early awards and the wait after a discipline.
"""

from __future__ import annotations

import re
from datetime import date

from thidua_desktop.core.catalogue import entry
from thidua_desktop.core.enums import CommendationKind, DisciplineForm, Side, SubjectType
from thidua_desktop.core.rules.engine import Context, Criterion, RuleSet, Verdict, failed, passed, unknown
from thidua_desktop.core.rules.facts import SubjectFacts
from thidua_desktop.core.rules.party_age import (
    MILESTONES,
    add_months,
    early_months,
    party_age,
    previous_occasion,
    reach_date,
)
from thidua_desktop.core.text import format_date

# --- Party badge ----------------------------------------------------------------------------------------------------


def party_member(subject: SubjectFacts, ctx: Context) -> Verdict:
    if not subject.is_party:
        return failed("Không phải đảng viên")
    if subject.party_join_date is None:
        return unknown("Chưa rõ: chưa ghi ngày vào Đảng (ngày quyết định kết nạp)")
    gaps = (
        f"; gián đoạn {len(subject.party_gaps)} lần (không tính vào tuổi đảng)" if subject.party_gaps else ""
    )
    return passed(f"Vào Đảng ngày {format_date(subject.party_join_date)}{gaps}")


def awarded_milestones(subject: SubjectFacts) -> tuple[set[int], list[str]]:
    """Milestones of badges already received, and badge records whose milestone cannot be read."""
    found: set[int] = set()
    unreadable: list[str] = []
    for award in subject.awards_of("HUY_HIEU_DANG"):
        match = re.search(r"(\d{2})", award.level or award.name)
        if match and int(match.group(1)) in MILESTONES:
            found.add(int(match.group(1)))
        else:
            unreadable.append(award.describe())
    return found, unreadable


def badge_milestone(subject: SubjectFacts, ctx: Context) -> tuple[int, date, bool] | None:
    """(milestone, the day it is reached, whether that is after the occasion: an early award) or None."""
    if subject.party_join_date is None or ctx.occasion is None:
        return None
    occasion = ctx.occasion
    received, _unreadable = awarded_milestones(subject)
    highest = max(received, default=0)
    reached = [
        (m, reach_date(subject.party_join_date, subject.party_gaps, m)) for m in MILESTONES if m > highest
    ]
    due = [(m, d) for m, d in reached if d <= occasion]
    if due:
        milestone, day = due[-1]
        return milestone, day, False
    p = ctx.params
    for milestone, day in reached:
        if day <= add_months(
            occasion, early_months(milestone, p.badge_early_months_to_65, p.badge_early_months_from_70)
        ):
            return milestone, day, True
    return None


def badge_due(subject: SubjectFacts, ctx: Context) -> Verdict:
    occasion = ctx.occasion
    if occasion is None:
        return unknown("Chưa chọn đợt trao huy hiệu")
    if subject.party_join_date is None:
        return unknown("Chưa rõ: chưa ghi ngày vào Đảng")
    _received, unreadable = awarded_milestones(subject)
    if unreadable:
        return unknown(f"Chưa rõ: đã có {unreadable[0]} nhưng không ghi mốc năm tuổi Đảng")
    age = party_age(subject.party_join_date, subject.party_gaps, occasion)
    found = badge_milestone(subject, ctx)
    if found is None:
        upcoming = [
            (m, reach_date(subject.party_join_date, subject.party_gaps, m))
            for m in MILESTONES
            if m > age.years
        ]
        when = f"; mốc {upcoming[0][0]} năm vào ngày {format_date(upcoming[0][1])}" if upcoming else ""
        return failed(f"Chưa đến mốc: tuổi đảng đến {format_date(occasion)} là {age}{when}")
    milestone, day, early = found
    if early:
        months = early_months(
            milestone, ctx.params.badge_early_months_to_65, ctx.params.badge_early_months_from_70
        )
        return unknown(
            f"Đủ {milestone} năm tuổi Đảng vào ngày {format_date(day)}, sau đợt {format_date(occasion)}: chỉ xét "
            f"trao sớm nếu đảng viên ốm nặng (tối đa {months} tháng) hoặc truy tặng (tối đa 12 tháng)"
        )
    since = previous_occasion(occasion)
    if day < add_months(occasion, -12):
        return unknown(
            f"Đủ {milestone} năm tuổi Đảng từ ngày {format_date(day)} nhưng chưa có ghi nhận đã trao huy hiệu mốc "
            "này: kiểm tra lại hồ sơ khen thưởng"
        )
    if day > since:
        return passed(f"Đủ {milestone} năm tuổi Đảng ngày {format_date(day)} (tuổi đảng đến đợt trao: {age})")
    return passed(
        f"Đủ {milestone} năm tuổi Đảng từ ngày {format_date(day)}, chưa được trao (tuổi đảng đến đợt trao: {age})"
    )


def badge_discipline_wait(subject: SubjectFacts, ctx: Context) -> Verdict:
    """A member under a running Party discipline waits: 6 months after khiển trách, 9 after cảnh cáo, 12 after
    cách chức, counted from the decision."""
    occasion = ctx.occasion or ctx.review_date
    for item in sorted(subject.disciplines, key=lambda d: d.start, reverse=True):
        if item.form == DisciplineForm.EXPULSION:
            return failed(f"Bị khai trừ khỏi Đảng từ {format_date(item.start)}")
        start = item.decision_date or item.start
        if start > occasion:
            continue
        months = ctx.params.badge_wait_months(item.form)
        if months is None:
            if item.end is not None:
                if item.end >= occasion:
                    return failed(
                        f"Đang trong thời hạn kỷ luật {item.label.lower()} đến {format_date(item.end)}"
                    )
                continue
            return unknown(f"Chưa rõ: thời gian chờ sau kỷ luật {item.label.lower()} từ {format_date(start)}")
        until = add_months(start, months)
        if until > occasion:
            return failed(
                f"Chưa xét: đang trong thời gian chờ {months} tháng sau kỷ luật {item.label.lower()} "
                f"(quyết định ngày {format_date(start)}, đến {format_date(until)})"
            )
    return passed("Không trong thời gian chờ do kỷ luật")


def badge_subject(subject: SubjectFacts, _ctx: Context) -> bool:
    return subject.subject_type == SubjectType.PERSON and subject.is_party


DIEU_LE = date(2011, 1, 19)
"""Điều lệ Đảng adopted by the 11th Congress (Party age rules in Điều 5 khoản 4)."""
HD_01 = date(2021, 9, 28)
HD_06 = date(2025, 6, 9)
BADGE_GUIDANCE = (
    ("Hướng dẫn 01-HD/TW (28/9/2021)", HD_01, date(2025, 6, 8)),
    ("Hướng dẫn 06-HD/TW mục 18", HD_06, None),
)

BADGE_RULESET = RuleSet(
    code="HUY_HIEU_DANG",
    form_code="HUY_HIEU_DANG",
    name=entry("HUY_HIEU_DANG").name,
    side=Side.PARTY.value,
    kind=CommendationKind.TENURE.value,
    subject_types=frozenset({SubjectType.PERSON.value}),
    applies=badge_subject,
    criteria=(
        Criterion(
            "member",
            "Là đảng viên, có ngày vào Đảng",
            "Điều lệ Đảng Điều 5 khoản 4",
            DIEU_LE,
            party_member,
        ),
        *(
            Criterion(
                "milestone",
                "Đủ mốc tuổi đảng (30, 40, 45 ... 90 năm) đến đợt trao, chưa nhận huy hiệu mốc này",
                article,
                start,
                badge_due,
                end,
            )
            for article, start, end in BADGE_GUIDANCE
        ),
        *(
            Criterion(
                "discipline",
                "Không trong thời gian chờ do kỷ luật (6/9/12 tháng)",
                article,
                start,
                badge_discipline_wait,
                end,
            )
            for article, start, end in BADGE_GUIDANCE
        ),
    ),
    notes=("Hồ sơ: tờ khai Mẫu 6-HHĐ và tờ trình của cấp ủy (ghi rõ lý do khi trao sớm).",),
)

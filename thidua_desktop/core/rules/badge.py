"""The Party badge (Huy hiệu Đảng): who is due at an award occasion, and the criteria of its rule set.

Điều lệ Đảng Điều 5 khoản 4 (Party age), Quy định 24-QĐ/TW (from 30/07/2021; before it Quy định 29-QĐ/TW) and
the guidance (Hướng dẫn 01-HD/TW 2021, then 06-HD/TW mục 18): milestones, occasions, early awards and the wait
after a Party discipline. The dated texts and waits are in ``badge_law``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from thidua_desktop.core.catalogue import entry
from thidua_desktop.core.enums import (
    CommendationKind,
    DisciplineForm,
    DisciplineSystem,
    LabelledEnum,
    Side,
    SubjectType,
)
from thidua_desktop.core.rules.badge_law import (
    BADGE_WAITS,
    MILESTONE_ARTICLES,
    BadgeWaits,
    not_modelled_message,
    periods,
    system_of_form,
    waits_on,
)
from thidua_desktop.core.rules.engine import (
    Context,
    Criterion,
    Outcome,
    RuleSet,
    Verdict,
    failed,
    passed,
    unknown,
)
from thidua_desktop.core.rules.facts import DisciplineFact, GapFact, SubjectFacts
from thidua_desktop.core.rules.law import Dated
from thidua_desktop.core.rules.party_age import (
    MILESTONES,
    Occasion,
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


class BadgeStatus(LabelledEnum):
    """Whether a milestone is for this occasion or one missed before it (never recorded as awarded)."""

    DUE = ("due", "Đến hạn")
    OVERDUE = ("overdue", "Quá hạn")


def badge_status(reached: date, occasion: date, early: bool, extra: Iterable[Occasion] = ()) -> BadgeStatus:
    """Due: the milestone is reached after the previous occasion (or is awarded early); overdue: it was reached
    on or before the previous occasion, when it could already have been awarded, and is not on record."""
    if early or reached > previous_occasion(occasion, extra):
        return BadgeStatus.DUE
    return BadgeStatus.OVERDUE


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
            "này: kiểm tra lại hồ sơ khen thưởng (nếu đã trao, dùng «Ghi nhận đã trao»)"
        )
    if day > since:
        return passed(f"Đủ {milestone} năm tuổi Đảng ngày {format_date(day)} (tuổi đảng đến đợt trao: {age})")
    return passed(
        f"Đủ {milestone} năm tuổi Đảng từ ngày {format_date(day)}, chưa được trao (tuổi đảng đến đợt trao: {age})"
    )


def discipline_system(item: DisciplineFact) -> str | None:
    """Party or State, as recorded, else from the form when it exists in one system only; None when unknown."""
    if item.system in (DisciplineSystem.PARTY.value, DisciplineSystem.STATE.value):
        return item.system
    return system_of_form(item.form)


def readmission_gap(item: DisciplineFact, gaps: list[GapFact], occasion: date) -> GapFact | None:
    """The gap in membership that covers an expulsion and ends by the occasion: the member was re-admitted."""
    days = {item.start, item.decision_date or item.start}
    for gap in gaps:
        if gap.end <= occasion and any(gap.start <= day <= gap.end for day in days):
            return gap
    return None


def _judge_party_discipline(
    item: DisciplineFact, subject: SubjectFacts, law: Dated[BadgeWaits], occasion: date
) -> Verdict | None:
    """What one Party discipline means for the badge at the occasion; None when it does not delay it."""
    decided = item.decision_date or item.start
    label = item.label.lower()
    if item.form == DisciplineForm.EXPULSION:
        gap = readmission_gap(item, subject.party_gaps, occasion)
        if gap is None:
            return failed(f"Bị khai trừ khỏi Đảng từ {format_date(item.start)}, chưa ghi việc kết nạp lại")
        return passed(
            f"Khai trừ ngày {format_date(item.start)}, kết nạp lại ngày {format_date(gap.end)}: thời gian gián "
            "đoạn không tính vào tuổi đảng"
        )
    months = law.value.months.get(item.form)
    if months is None:
        return unknown(
            f"Chưa rõ: «{item.label}» ghi là kỷ luật Đảng nhưng không phải hình thức kỷ luật đảng viên "
            "(khiển trách, cảnh cáo, cách chức, khai trừ)"
        )
    if months == 0:
        return None
    if item.end is not None and item.end >= occasion:
        return failed(
            f"Chưa xét: đang trong thời hạn kỷ luật {label} đến {format_date(item.end)} ({law.source})"
        )
    until = add_months(decided, months)
    if until > occasion:
        return failed(
            f"Chưa xét: chưa hết thời gian chờ {months} tháng sau kỷ luật {label} (quyết định ngày "
            f"{format_date(decided)}, đến {format_date(until)}; {law.source})"
        )
    return passed(
        f"Đã qua {months} tháng chờ sau kỷ luật {label} ngày {format_date(decided)}, {law.value.condition}"
    )


def badge_discipline_wait(subject: SubjectFacts, ctx: Context) -> Verdict:
    """Only a Party discipline delays the badge: not considered while it runs, then after the wait of the
    regulation in force at the occasion (``badge_law.BADGE_WAITS``), counted from the decision. An administrative
    discipline never delays it; a form of both systems not recorded as one or the other leaves it unknown."""
    occasion = ctx.occasion or ctx.review_date
    law = waits_on(occasion)
    if law is None:
        return unknown(not_modelled_message(occasion))
    verdicts: list[Verdict] = []
    for item in sorted(subject.disciplines, key=lambda d: d.start, reverse=True):
        system = discipline_system(item)
        if (item.decision_date or item.start) > occasion or system == DisciplineSystem.STATE:
            continue
        verdict = _judge_party_discipline(item, subject, law, occasion)
        if verdict is not None and system is None and verdict.outcome != Outcome.PASS:
            verdict = unknown(
                f"Chưa rõ: kỷ luật {item.label.lower()} ngày {format_date(item.start)} chưa ghi là kỷ luật Đảng "
                "hay kỷ luật chính quyền, đoàn thể (chỉ kỷ luật Đảng làm chờ xét Huy hiệu Đảng)"
            )
        if verdict is not None:
            verdicts.append(verdict)
    for outcome in (Outcome.FAIL, Outcome.UNKNOWN):
        found = next((v for v in verdicts if v.outcome == outcome), None)
        if found is not None:
            return found
    notes = "; ".join(v.message for v in verdicts)
    return passed(f"Không trong thời gian chờ do kỷ luật Đảng{': ' + notes if notes else ''}")


def wait_label(waits: BadgeWaits) -> str:
    parts = [f"{m} tháng sau {DisciplineForm(f).label.lower()}" for f, m in waits.months.items() if m]
    return f"Không trong thời gian chờ sau kỷ luật Đảng ({', '.join(parts)})"


def badge_subject(subject: SubjectFacts, _ctx: Context) -> bool:
    return subject.subject_type == SubjectType.PERSON and subject.is_party


DIEU_LE = date(2011, 1, 19)
"""Điều lệ Đảng adopted by the 11th Congress (Party age rules in Điều 5 khoản 4)."""

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
                row.value,
                row.valid_from,
                badge_due,
                end,
            )
            for row, end in periods(MILESTONE_ARTICLES)
        ),
        *(
            Criterion(
                "discipline", wait_label(row.value), row.source, row.valid_from, badge_discipline_wait, end
            )
            for row, end in periods(BADGE_WAITS)
        ),
    ),
    notes=("Hồ sơ: tờ khai Mẫu 6-HHĐ và tờ trình của cấp ủy (ghi rõ lý do khi trao sớm).",),
)

"""Party age (tuổi đảng) and the Party badge (Huy hiệu Đảng) milestones and award occasions.

Điều lệ Đảng Điều 5 khoản 4 and its guidance: Party age runs from the date of the admission decision (not the
official date); periods out of the Party (expelled, struck off, out of contact) are subtracted, so a re-admitted
member counts from the first admission minus the gaps. Hướng dẫn 06-HD/TW mục 18: milestones 30, 40, 45, ..., 90
years, awarded on 3/2, 19/5, 2/9 and 7/11 and other major anniversaries (a setting: ``Occasion``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from thidua_desktop.core.errors import ValidationError
from thidua_desktop.core.rules.facts import GapFact

MILESTONES: tuple[int, ...] = (30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90)
OCCASIONS: tuple[tuple[int, int], ...] = ((2, 3), (5, 19), (9, 2), (11, 7))
"""(month, day): 3/2 founding of the Party, 19/5 President Hồ Chí Minh's birthday, 2/9 National Day,
7/11 October Revolution."""
OCCASION_NAMES = {
    (2, 3): "Ngày thành lập Đảng Cộng sản Việt Nam (03/02)",
    (5, 19): "Ngày sinh Chủ tịch Hồ Chí Minh (19/5)",
    (9, 2): "Ngày Quốc khánh (02/9)",
    (11, 7): "Ngày Cách mạng Tháng Mười Nga (07/11)",
}


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the last day of the month when it does not exist)."""
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def add_years(day: date, years: int) -> date:
    return add_months(day, 12 * years)


@dataclass(frozen=True)
class Occasion:
    """Another major anniversary on which badges are awarded (a setting: Hướng dẫn 06-HD/TW mục 18 allows «các dịp
    kỷ niệm quan trọng khác»), every year on ``day``/``month``, or only in ``year`` when given."""

    day: int
    month: int
    year: int | None = None
    name: str = ""

    def on(self, year: int) -> date | None:
        if self.year is not None and self.year != year:
            return None
        try:
            return date(year, self.month, self.day)
        except ValueError:
            return None

    def __str__(self) -> str:
        when = f"{self.day:02d}/{self.month:02d}" + (f"/{self.year}" if self.year is not None else "")
        return f"{when} {self.name}".strip()


OCCASION_PATTERN = re.compile(r"^(\d{1,2})/(\d{1,2})(?:/(\d{4}))?(?:\s+(.*))?$")


def parse_occasions(text: str) -> tuple[Occasion, ...]:
    """Occasions written one per line (or separated by «;»): «dd/mm» every year or «dd/mm/yyyy» once, then an
    optional name. A wrong entry is refused with its text."""
    found: list[Occasion] = []
    for raw in re.split(r"[;\n]", text):
        item = " ".join(raw.split())
        if not item:
            continue
        match = OCCASION_PATTERN.match(item)
        occasion = None
        if match:
            day, month, year = int(match[1]), int(match[2]), int(match[3]) if match[3] else None
            occasion = Occasion(day, month, year, (match[4] or "").strip())
            if not 1900 <= (year or 2000) <= 2100 or occasion.on(year or 2000) is None:
                occasion = None
        if occasion is None:
            raise ValidationError(
                f"Ngày «{item}» không hợp lệ: ghi dd/mm (hằng năm) hoặc dd/mm/yyyy (một lần), có thể kèm tên dịp.",
                "extra_occasions",
            )
        if (occasion.month, occasion.day) in OCCASIONS and occasion.year is None:
            continue
        found.append(occasion)
    return tuple(found)


def format_occasions(occasions: Iterable[Occasion]) -> str:
    return "\n".join(str(o) for o in occasions)


def occasions_of(year: int, extra: Iterable[Occasion] = ()) -> list[date]:
    """The award occasions of ``year``, in order: 3/2, 19/5, 2/9, 7/11 and the other anniversaries set."""
    days = {date(year, month, day) for month, day in OCCASIONS}
    days.update(d for d in (o.on(year) for o in extra) if d is not None)
    return sorted(days)


def is_occasion(day: date, extra: Iterable[Occasion] = ()) -> bool:
    return day in occasions_of(day.year, extra)


def require_occasion(day: date, extra: Iterable[Occasion] = ()) -> None:
    extra = tuple(extra)
    if not is_occasion(day, extra):
        others = "".join(f", {o}" for o in extra)
        raise ValidationError(
            f"Ngày {day:%d/%m/%Y} không phải đợt trao Huy hiệu Đảng. Các đợt trong năm: 03/02, 19/5, 02/9, "
            f"07/11{others}.",
            "occasion",
        )


def previous_occasion(day: date, extra: Iterable[Occasion] = ()) -> date:
    """The last award occasion strictly before ``day``."""
    extra = tuple(extra)
    earlier = [d for d in occasions_of(day.year - 1, extra) + occasions_of(day.year, extra) if d < day]
    return earlier[-1]


def next_occasion(day: date, extra: Iterable[Occasion] = ()) -> date:
    """The first award occasion on or after ``day``."""
    extra = tuple(extra)
    return next(d for d in occasions_of(day.year, extra) + occasions_of(day.year + 1, extra) if d >= day)


def gap_days_before(gaps: Iterable[GapFact], until: date) -> int:
    """Days of the gaps that fall before ``until``."""
    total = 0
    for gap in gaps:
        end = min(gap.end, until)
        if end > gap.start:
            total += (end - gap.start).days
    return total


@dataclass(frozen=True)
class PartyAge:
    years: int
    months: int
    days: int

    def __str__(self) -> str:
        text = f"{self.years} năm"
        if self.months:
            text += f" {self.months} tháng"
        return text


def party_age(join: date, gaps: Iterable[GapFact], on: date) -> PartyAge:
    """Full years, months and days of Party age on ``on``."""
    gap_list = list(gaps)
    counted = on - timedelta(days=gap_days_before(gap_list, on))
    if counted < join:
        return PartyAge(0, 0, 0)
    months = (counted.year - join.year) * 12 + counted.month - join.month
    if add_months(join, months) > counted:
        months -= 1
    days = (counted - add_months(join, months)).days
    return PartyAge(months // 12, months % 12, days)


def reach_date(join: date, gaps: Iterable[GapFact], years: int) -> date:
    """The day Party age reaches ``years`` full years, gaps subtracted."""
    gap_list = list(gaps)
    reach = add_years(join, years)
    while True:
        shifted = add_years(join, years) + timedelta(days=gap_days_before(gap_list, reach))
        if shifted == reach:
            return reach
        reach = shifted


def early_months(milestone: int, short: int, long: int) -> int:
    """How early a seriously ill member may receive the badge: ``short`` months for 30–65 years, ``long`` for 70–90."""
    return long if milestone >= 70 else short

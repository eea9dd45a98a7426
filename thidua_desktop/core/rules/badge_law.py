"""The Party badge (Huy hiệu Đảng) as the regulations implementing the Party Charter state it, by date.

Law, not settings: the wait after a Party discipline changed with the regulation, so the rules read it from this
table by the award occasion. Quy định 29-QĐ/TW (25/07/2016) and Quy định 24-QĐ/TW (30/07/2021) each replaced the
previous regulation implementing the Charter; a day before the first row is not modelled and the rules answer
"chưa được mô hình hóa", never a pass.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeVar

from thidua_desktop.core.enums import (
    PARTY_ONLY_DISCIPLINES,
    STATE_ONLY_DISCIPLINES,
    DisciplineForm,
    DisciplineSystem,
)
from thidua_desktop.core.rules.law import Dated, first_modelled, in_force

T = TypeVar("T")

QD_29 = date(2016, 7, 25)
"""Quy định 29-QĐ/TW thi hành Điều lệ Đảng (Ban Chấp hành Trung ương khóa XII)."""
QD_24 = date(2021, 7, 30)
"""Quy định 24-QĐ/TW thi hành Điều lệ Đảng (khóa XIII), replacing Quy định 29-QĐ/TW."""
HD_01 = date(2021, 9, 28)
"""Hướng dẫn 01-HD/TW (28/9/2021) một số vấn đề cụ thể thi hành Điều lệ Đảng."""
HD_06 = date(2025, 6, 9)
"""Hướng dẫn 06-HD/TW (09/6/2025), replacing Hướng dẫn 01-HD/TW."""

QD_29_ARTICLE = "Quy định 29-QĐ/TW điểm 27.3"
QD_24_ARTICLE = "Quy định 24-QĐ/TW điểm 27"


@dataclass(frozen=True)
class BadgeWaits:
    """Months a member waits for the badge after a Party discipline, counted from its decision.

    ``months`` holds the forms that merely delay the badge; a form absent from it (khai trừ) ends membership.
    A wait of 0 means the discipline does not delay the badge at all (khiển trách under Quy định 29-QĐ/TW)."""

    months: Mapping[str, int]
    condition: str
    """What must hold after the wait besides time (judged by the chi bộ, not by the program)."""


R, W, D = DisciplineForm.REPRIMAND.value, DisciplineForm.WARNING.value, DisciplineForm.DISMISSAL.value

BADGE_WAITS: tuple[Dated[BadgeWaits], ...] = (
    Dated(QD_29, BadgeWaits({R: 0, W: 6, D: 12}, "nếu đã sửa chữa tốt khuyết điểm"), QD_29_ARTICLE),
    Dated(
        QD_24,
        BadgeWaits({R: 6, W: 9, D: 12}, "nếu được chi bộ công nhận đã sửa chữa tốt khuyết điểm"),
        QD_24_ARTICLE,
    ),
)
"""«Tại thời điểm xét tặng Huy hiệu Đảng, đảng viên bị kỷ luật về Đảng …»: Quy định 29-QĐ/TW from «cảnh cáo»
upward (6 months after cảnh cáo, 1 year after cách chức, if the shortcoming is corrected); Quy định 24-QĐ/TW from
«khiển trách» upward (6 months, 9 months, 1 year, if corrected and recognised by the chi bộ)."""

PARTY_FORMS = frozenset({R, W, D, DisciplineForm.EXPULSION.value})
"""The forms of Party discipline for a member (Điều lệ Đảng Điều 35): khiển trách, cảnh cáo, cách chức, khai trừ."""

MILESTONE_ARTICLES: tuple[Dated[str], ...] = tuple(
    Dated(start, article, article)
    for start, article in (
        (QD_29, QD_29_ARTICLE),
        (QD_24, QD_24_ARTICLE),
        (HD_01, f"{QD_24_ARTICLE}; Hướng dẫn 01-HD/TW (28/9/2021) mục 18"),
        (HD_06, f"{QD_24_ARTICLE}; Hướng dẫn 06-HD/TW (09/6/2025) mục 18"),
    )
)
"""The texts in force for the milestones (30, 40, 45 … 90 years) and the early award: the regulation, with the
Secretariat's guidance once issued."""


def periods(rows: tuple[Dated[T], ...]) -> list[tuple[Dated[T], date | None]]:
    """Each row with the last day it applies (None for the row in force today)."""
    ends = [row.valid_from - timedelta(days=1) for row in rows[1:]]
    return list(zip(rows, [*ends, None], strict=True))


FIRST_MODELLED = first_modelled(BADGE_WAITS)


def system_of_form(form: str) -> str | None:
    """The system a form of discipline belongs to when it exists in one only: hạ bậc lương, giáng chức, buộc thôi
    việc are State (Luật Cán bộ, công chức), khai trừ is Party; khiển trách, cảnh cáo, cách chức exist in both."""
    if form in STATE_ONLY_DISCIPLINES:
        return DisciplineSystem.STATE.value
    if form in PARTY_ONLY_DISCIPLINES:
        return DisciplineSystem.PARTY.value
    return None


def waits_on(occasion: date) -> Dated[BadgeWaits] | None:
    """The waits in force at the award occasion, or None before Quy định 29-QĐ/TW (not modelled)."""
    return in_force(BADGE_WAITS, occasion)


def not_modelled_message(occasion: date) -> str:
    return (
        f"Chưa rõ: quy định trước {FIRST_MODELLED:%d/%m/%Y} (trước Quy định 29-QĐ/TW) chưa được mô hình hóa; "
        f"đợt trao ngày {occasion:%d/%m/%Y} cần xét theo văn bản khi đó"
    )

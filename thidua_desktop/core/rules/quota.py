"""Checks on a whole proposal batch: the cap on «Hoàn thành xuất sắc nhiệm vụ» and the council vote thresholds."""

from __future__ import annotations

import math
from dataclasses import dataclass

from thidua_desktop.core.rules.params import RuleParams
from thidua_desktop.core.text import format_percent

EPS = 1e-9
PERCENT_TOLERANCE = 0.005
"""Percentages are settings with two decimals (2/3 is stored as 66,67%): a count that reaches the exact fraction
must not fail because of that rounding."""
VOTE_80_CODES = frozenset({"CSTDCS", "CO_THI_DUA", "CO_THI_DUA_TINH"})
VOTE_90_CODES = frozenset({"CSTD_TINH", "CSTD_TOAN_QUOC"})
CAP_ARTICLE = "Quy định 366-QĐ/TW Điều 11 khoản 1.5"
VOTE_ARTICLE = "NĐ 98/2023/NĐ-CP Điều 30 khoản 7 (giữ nguyên trong NĐ 152/2025: chưa xác nhận)"


@dataclass(frozen=True)
class QuotaLine:
    """Quy định 366-QĐ/TW Điều 11 khoản 1.5: those rated HTXSNV ≤ 20% (25% in a unit rated tiêu biểu) of those
    rated «Hoàn thành tốt nhiệm vụ» in a group; ``base`` is that HTTNV count."""

    group: str
    year: int
    excellent: int
    base: int
    cap_percent: float

    @property
    def allowed(self) -> int:
        return math.floor(self.cap_percent * self.base / 100 + EPS)

    @property
    def breached(self) -> bool:
        return self.excellent > self.allowed

    @property
    def share(self) -> float | None:
        return self.excellent / self.base * 100 if self.base else None

    @property
    def message(self) -> str:
        share = format_percent(self.share) if self.share is not None else "—"
        head = (
            f"{self.group} năm {self.year}: {self.excellent} HTXSNV / {self.base} được xếp loại «Hoàn thành tốt "
            f"nhiệm vụ» = {share} (tối đa {format_percent(self.cap_percent)}, tức {self.allowed}; {CAP_ARTICLE})"
        )
        if self.breached:
            return f"Vượt tỷ lệ: {head}; thừa {self.excellent - self.allowed}"
        return f"Trong tỷ lệ: {head}"


@dataclass(frozen=True)
class VoteRule:
    percent: float
    strict: bool
    """True: votes must exceed the percentage (a simple majority); False: reach it."""
    article: str

    @property
    def label(self) -> str:
        sign = "trên" if self.strict else "từ"
        return f"{sign} {format_percent(self.percent)} tổng số thành viên Hội đồng"

    def passes(self, votes: int, members: int) -> bool:
        if members <= 0:
            return False
        if self.strict:
            return votes * 100 > (self.percent + PERCENT_TOLERANCE) * members
        return votes * 100 >= (self.percent - PERCENT_TOLERANCE) * members


def vote_rule(form_code: str, params: RuleParams) -> VoteRule:
    """Secret ballot: ≥80% of all council members for CSTĐCS and Cờ thi đua, ≥90% for CSTĐ tỉnh/toàn quốc;
    other forms need more than half (practice, unconfirmed)."""
    if form_code in VOTE_90_CODES:
        return VoteRule(params.vote_percent_cstd_tinh, False, VOTE_ARTICLE)
    if form_code in VOTE_80_CODES:
        return VoteRule(params.vote_percent_cstdcs, False, VOTE_ARTICLE)
    return VoteRule(params.vote_percent_other, True, "Biểu quyết quá bán (thực tiễn, chưa xác nhận)")


def quorum_met(present: int, members: int, params: RuleParams) -> bool:
    return members > 0 and present * 100 >= (params.quorum_percent - PERCENT_TOLERANCE) * members

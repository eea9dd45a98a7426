"""The criteria of a verdict as rich text: ✓ / ✗ / ? with the article, the date it applies from and why."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from thidua_desktop.core.rules.engine import Outcome
from thidua_desktop.core.rules.params import UNCONFIRMED_NOTE
from thidua_desktop.core.services.eligibility import ReasonRecord
from thidua_desktop.core.text import format_date

COLORS = {Outcome.PASS.value: "#1b7f3b", Outcome.FAIL.value: "#b00020", Outcome.UNKNOWN.value: "#9a6700"}


def outcome_html(result: str) -> str:
    outcome = Outcome(result)
    return f'<span style="color:{COLORS[result]}; font-weight:bold">{outcome.symbol} {outcome.label}</span>'


def reasons_html(
    title: str, reasons: Iterable[ReasonRecord], notes: Iterable[str] = (), head: str = ""
) -> str:
    rows = list(reasons)
    parts = [f"<h3 style='margin:0'>{escape(title)}</h3>"]
    if head:
        parts.append(f"<p style='margin:4px 0'>{head}</p>")
    parts.append("<table cellspacing='0' cellpadding='3'>")
    unconfirmed = False
    for reason in rows:
        color = COLORS.get(reason.result, "#000")
        since = f", áp dụng từ {format_date(reason.valid_from)}" if reason.valid_from else ""
        flag = ""
        if reason.unconfirmed:
            unconfirmed = True
            flag = " <span style='color:#9a6700'>⚠ số liệu chưa xác nhận</span>"
        parts.append(
            "<tr>"
            f"<td valign='top' style='color:{color}; font-weight:bold; font-size:14pt'>{escape(reason.symbol)}</td>"
            f"<td><b>{escape(reason.criterion)}</b>{flag}<br>{escape(reason.message)}"
            f"<br><span style='color:#555'>Căn cứ: {escape(reason.article)}{since}</span></td>"
            "</tr>"
        )
    parts.append("</table>")
    note_list = list(notes)
    if unconfirmed:
        note_list.append(UNCONFIRMED_NOTE)
    if note_list:
        parts.append("<p style='margin:6px 0 0 0'><b>Lưu ý:</b></p><ul style='margin-top:0'>")
        parts.extend(f"<li>{escape(n)}</li>" for n in note_list)
        parts.append("</ul>")
    return "".join(parts)

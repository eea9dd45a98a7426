"""Rows of a unit targets sheet: the unit's pledge of the campaign (made when missing) and its targets, matched by
content (phase or deadline telling duplicates apart), added or updated."""

from __future__ import annotations

from typing import Any

from thidua_desktop.core.enums import PledgeSource
from thidua_desktop.exchange import fields as F
from thidua_desktop.exchange.imports.model import PlanRow, Ref, RowStatus
from thidua_desktop.exchange.imports.planner import (
    TARGET_LABELS,
    Planner,
    RowReader,
    SheetPlanner,
    number_text,
)
from thidua_desktop.exchange.imports.snapshot import KnownTarget
from thidua_desktop.exchange.values import (
    fast_fold,
    parse_date,
    parse_measured,
    parse_phase,
)


def unit_pledge(p: Planner, row: PlanRow, unit: Ref) -> Ref:
    key: int | Ref = unit[1] if unit[0] == "id" else unit
    if key in p.unit_pledges:
        return p.unit_pledges[key]
    if unit[0] == "id" and unit[1] in p.snap.pledges_by_unit:
        ref: Ref = Ref("id", p.snap.pledges_by_unit[unit[1]])
    else:
        ref = p.add_insert(
            row,
            "pledge",
            {
                "campaign_id": p.plan.campaign_id,
                "unit_id": unit[1] if unit[0] == "id" else None,
                "person_id": None,
                "household_id": None,
                "title_code": "",
                "content": "",
                "source": PledgeSource.IMPORT.value,
                "source_file": p.workbook.file_name[:300],
                "source_row": row.row,
                "pledge_date": None,
            },
            {"unit_id": unit} if unit[0] == "new" else {},
        )
    p.unit_pledges[key] = ref
    return ref


def plan_target_row(p: Planner, sp: SheetPlanner, reader: RowReader, row: PlanRow, unit: Ref | None) -> None:
    content = row.subject
    measure = reader.text(F.MEASURE.code)
    value = reader.parsed(F.TARGET_VALUE.code, lambda v: parse_measured(v, measure))
    deadline = reader.parsed(F.DEADLINE.code, parse_date)
    phase_number = reader.parsed(F.PHASE.code, parse_phase)
    unit_text = reader.text(F.UNIT.code)
    if unit_text:
        unit = p.unit_ref(reader, row, unit_text, create=True)
    elif unit is None:
        reader.issue(
            F.UNIT.code, "Không biết chỉ tiêu này của đơn vị nào: hãy ghi cột đơn vị hoặc chọn đơn vị."
        )
    row.unit_name = p.unit_name(unit)
    if value is not None and value < 0:
        reader.issue(F.TARGET_VALUE.code, "Giá trị chỉ tiêu không được âm.")
    elif value is not None and value > 100 and is_percent(reader.raw(F.TARGET_VALUE.code), measure):
        reader.issue(
            F.TARGET_VALUE.code,
            f"Chỉ tiêu {number_text(value)}% vượt 100%, không hợp lý: đã ghi như trong tệp, hãy kiểm tra.",
            "warning",
        )
    phase_id = p.phase_of(reader, phase_number, deadline)
    row.detail_parts = (" ".join(x for x in (number_text(value), measure) if x),)
    if reader.has_errors() or unit is None or p.plan.campaign_id is None:
        return
    pledge = unit_pledge(p, row, unit)
    key = fast_fold(content)
    candidates = p.snap.targets.get((pledge, key), [])
    if len(candidates) > 1 and phase_id is not None:
        candidates = [t for t in candidates if t.values["phase_id"] == phase_id] or candidates
    if len(candidates) > 1 and deadline is not None:
        candidates = [t for t in candidates if t.values["deadline"] == deadline] or candidates
    if len(candidates) > 1 and phase_id is not None:
        candidates = [t for t in candidates if t.values["phase_id"] == phase_id]
    new_values = {
        "content": content,
        "target_value": value,
        "unit_of_measure": measure,
        "deadline": deadline,
        "phase_id": phase_id,
    }
    if len(candidates) > 1:
        reader.issue(
            F.TARGET_CONTENT.code,
            f"Đơn vị có {len(candidates)} chỉ tiêu cùng nội dung này: hãy ghi giai đoạn hoặc thời hạn để phân biệt.",
        )
        return
    if candidates:
        target = candidates[0]
        if target.row is not None:
            reader.issue(
                F.TARGET_CONTENT.code, f"Trùng chỉ tiêu ở dòng {target.row} của tệp: bỏ qua.", "warning"
            )
            row.reason = "Trùng dòng trước."
            return
        before = target.values
        after = dict(before)
        after.update({k: v for k, v in new_values.items() if v not in (None, "")})
        target.row = row.row
        assert target.ref[0] == "id"
        if p.record_changes(row, "target", target.ref[1], before, after, TARGET_LABELS):
            target.values = after
        return
    order = p.snap.target_count.get(pledge, 0)
    p.snap.target_count[pledge] = order + 1
    values = dict(new_values, sort_order=order, pledge_id=pledge[1] if pledge[0] == "id" else None)
    ref = p.add_insert(row, "target", values, {"pledge_id": pledge} if pledge[0] == "new" else {})
    p.snap.targets.setdefault((pledge, key), []).append(KnownTarget(ref, pledge, key, values, row.row))
    row.action, row.reason = RowStatus.NEW, "Thêm chỉ tiêu."


def is_percent(value: Any, measure: str) -> bool:
    return measure.strip() == "%" or (isinstance(value, str) and value.strip().endswith("%"))

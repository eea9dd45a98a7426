"""Rows of a results sheet: the achieved value of a target (or of a person's pledge) as unverified evidence,
added or updated."""

from __future__ import annotations

from datetime import date

from thidua_desktop.core.enums import EvidenceStatus
from thidua_desktop.exchange import fields as F
from thidua_desktop.exchange.imports.model import PlanRow, Ref, RowStatus
from thidua_desktop.exchange.imports.planner import (
    Planner,
    RowReader,
    SheetPlanner,
    number_text,
    parse_measured_any,
)
from thidua_desktop.exchange.imports.snapshot import KnownEvidence, KnownTarget
from thidua_desktop.exchange.values import (
    fast_fold,
    is_blank,
    parse_date,
    parse_measured,
)


def plan_result_row(p: Planner, sp: SheetPlanner, reader: RowReader, row: PlanRow, unit: Ref | None) -> None:
    content = reader.text(F.TARGET_CONTENT.code)
    name = reader.text(F.FULL_NAME.code)
    unit_text = reader.text(F.UNIT.code)
    when = reader.parsed(F.ACHIEVED_DATE.code, parse_date)
    document = reader.text(F.EVIDENCE_REF.code)
    notes = reader.text(F.NOTES.code)
    if unit_text:
        unit = p.unit_ref(reader, row, unit_text, create=False)
    row.unit_name = p.unit_name(unit)
    row.subject = content or name
    if when is not None and when > date.today():
        reader.issue(F.ACHIEVED_DATE.code, "Ngày đạt được không được sau ngày hôm nay.")
    if reader.has_errors() or p.plan.campaign_id is None:
        return
    if is_blank(reader.raw(F.ACHIEVED.code)) and when is None and not document:
        row.action, row.reason = RowStatus.UNCHANGED, "Chưa có kết quả: bỏ qua."
        return
    target: KnownTarget | None = None
    measure = ""
    if content:
        pledge: Ref | None = None
        if name:
            person, problem = p.match_person(name, None, unit)
            if problem or person is None:
                reader.issue(F.FULL_NAME.code, problem or f"Không tìm thấy «{name}» trong cơ sở dữ liệu.")
                return
            found = p.snap.pledges_by_person.get(person.id) if person.id is not None else None
            pledge = Ref("id", found[0]) if found else None
            owner_name = name
        elif unit is None:
            reader.issue(
                F.UNIT.code, "Không biết kết quả này của đơn vị nào: hãy ghi cột đơn vị hoặc chọn đơn vị."
            )
            return
        else:
            pledge_key: int | Ref = unit[1] if unit[0] == "id" else unit
            pledge = p.unit_pledges.get(pledge_key)
            if pledge is None and unit[0] == "id" and unit[1] in p.snap.pledges_by_unit:
                pledge = Ref("id", p.snap.pledges_by_unit[unit[1]])
            owner_name = row.unit_name
        candidates = p.snap.targets.get((pledge, fast_fold(content)), []) if pledge else []
        if len(candidates) > 1 and when is not None:
            phase_id = p.phase_of(reader, None, when)
            candidates = [t for t in candidates if t.values["phase_id"] == phase_id] or candidates
        if len(candidates) > 1:
            stated = reader.parsed(F.TARGET_VALUE.code, parse_measured_any)
            if stated is not None:
                candidates = [t for t in candidates if t.values["target_value"] == stated] or candidates
        if not candidates:
            reader.issue(F.TARGET_CONTENT.code, f"Không tìm thấy chỉ tiêu «{content}» của «{owner_name}».")
            return
        if len(candidates) > 1:
            reader.issue(
                F.TARGET_CONTENT.code,
                "Có nhiều chỉ tiêu cùng nội dung: hãy ghi ngày đạt để biết thuộc giai đoạn nào.",
            )
            return
        target = candidates[0]
        measure = str(target.values.get("unit_of_measure") or "")
        owner: tuple[str, int] | None = ("target", target.ref[1]) if target.ref[0] == "id" else None
        link = {"target_id": target.ref, "pledge_id": target.pledge_ref}
    elif name:
        person, problem = p.match_person(name, None, unit)
        if problem or person is None:
            reader.issue(F.FULL_NAME.code, problem or f"Không tìm thấy «{name}» trong cơ sở dữ liệu.")
            return
        pledge_row = p.snap.pledges_by_person.get(person.id) if person.id is not None else None
        if pledge_row is None:
            reader.issue(F.FULL_NAME.code, f"«{name}» chưa đăng ký thi đua trong phong trào này.")
            return
        owner = ("pledge", pledge_row[0])
        link = {"pledge_id": Ref("id", pledge_row[0])}
    else:
        reader.issue(F.TARGET_CONTENT.code, "Chưa ghi chỉ tiêu hoặc họ tên người đạt kết quả.")
        return
    achieved = reader.parsed(F.ACHIEVED.code, lambda v: parse_measured(v, measure))
    if achieved is None and not reader.has_errors():
        reader.issue(F.ACHIEVED.code, "Chưa ghi kết quả đạt được.")
    if achieved is not None and achieved < 0:
        reader.issue(F.ACHIEVED.code, "Kết quả đạt được không được âm.")
    if reader.has_errors():
        return
    row.detail_parts = (number_text(achieved) + (f" {measure}" if measure else ""),)
    values = {
        "achieved_value": achieved,
        "achieved_date": when,
        "document_ref": document,
        "description": notes,
    }
    existing = p.snap.evidence.get(owner, []) if owner else []
    match: KnownEvidence | None = None
    if document:
        match = next(
            (e for e in existing if fast_fold(e.values["document_ref"]) == fast_fold(document)), None
        )
    elif when is not None:
        match = next(
            (e for e in existing if e.values["achieved_date"] == when and not e.values["document_ref"]),
            None,
        )
    elif len(existing) == 1:
        match = existing[0]
    if match is None:
        insert_values = dict(
            values, status=EvidenceStatus.UNVERIFIED.value, verifier="", target_id=None, pledge_id=None
        )
        refs: dict[str, Ref] = {}
        for column, ref in link.items():
            if ref[0] == "id":
                insert_values[column] = ref[1]
            else:
                refs[column] = ref
        new_ref = p.add_insert(row, "evidence", insert_values, refs)
        if owner:
            p.snap.evidence.setdefault(owner, []).append(KnownEvidence(new_ref, insert_values))
        row.action, row.reason = RowStatus.NEW, "Thêm kết quả (minh chứng chưa xác minh)."
        return
    if match.ref[0] == "new":
        reader.issue(F.ACHIEVED.code, "Trùng kết quả ở dòng trước của tệp: bỏ qua.", "warning")
        return
    before = match.values
    after = dict(before)
    after.update({k: v for k, v in values.items() if v not in (None, "")})
    if p.record_changes(row, "evidence", match.ref[1], before, after, EVIDENCE_LABELS):
        match.values = after


EVIDENCE_LABELS = {
    "achieved_value": "kết quả",
    "achieved_date": "ngày đạt",
    "document_ref": "văn bản minh chứng",
    "description": "ghi chú",
}

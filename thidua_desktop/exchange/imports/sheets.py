"""Planning a file: read it, find each sheet's table, its kind and unit (metadata, the user's choice or the title
block, proposing a new unit or asking when several fit), then hand every data row to the handler of its kind."""

from __future__ import annotations

import gc
import json
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from thidua_desktop.core.models import (
    Campaign,
    ColumnMapping,
)
from thidua_desktop.core.storage.database import Database
from thidua_desktop.core.unit_matching import (
    display_name,
    names_a_unit,
)
from thidua_desktop.exchange import fields as F
from thidua_desktop.exchange.fields import SHEET_KIND_LABELS, SheetKind
from thidua_desktop.exchange.header_detect import (
    SCAN_ROWS,
    HeaderMatch,
    detect_header,
    guess_header_row,
    header_signature,
    is_section_label,
    is_totals_row,
    iter_data_rows,
    match_from_mapping,
    title_block,
)
from thidua_desktop.exchange.imports import people, pledges, ratings, results, targets
from thidua_desktop.exchange.imports.model import (
    ImportPlan,
    Issue,
    PlanRow,
    ProgressLike,
    Ref,
    SheetMapping,
    SheetPlan,
    UnrecognisedSheet,
)
from thidua_desktop.exchange.imports.planner import Planner, RowReader, SheetPlanner
from thidua_desktop.exchange.imports.snapshot import FIELD_LABELS, Snapshot
from thidua_desktop.exchange.sheet_reader import (
    ImportRejected,
    SheetData,
    WorkbookData,
    column_letter,
    read_workbook,
)
from thidua_desktop.exchange.values import (
    MAX_NAME,
    MAX_UNIT_NAME,
    cell_text,
    is_blank,
    sheet_encoding,
    title_year,
    too_long,
)

# --- the plan --------------------------------------------------------------------------------------------------

REQUIRED_SUBJECT = {
    SheetKind.PEOPLE: F.FULL_NAME.code,
    SheetKind.PERSON_PLEDGES: F.FULL_NAME.code,
    SheetKind.UNIT_TARGETS: F.TARGET_CONTENT.code,
    SheetKind.RESULTS: F.ACHIEVED.code,
    SheetKind.RATINGS: F.FULL_NAME.code,
}


def coerce_kind(kind: SheetKind | str | None) -> SheetKind | None:
    if kind is None or kind == "":
        return None
    try:
        return SheetKind(kind)
    except ValueError:
        names = ", ".join(k.value for k in SheetKind)
        raise ImportRejected(f"Loại trang «{kind}» không có (chọn một trong: {names}).") from None


def _meta_kind(text: str | None) -> SheetKind | None:
    try:
        return SheetKind(text) if text else None
    except ValueError:
        return None


def _int_or_none(text: str | None) -> int | None:
    try:
        return int(str(text).strip()) if text not in (None, "") else None
    except ValueError:
        return None


def _preview(sheet: SheetData, encoding: str | None) -> tuple[list[list[str]], int]:
    rows = sheet.rows[:SCAN_ROWS]
    width = max((len(r) for r in rows), default=0)
    last = max((i for i, r in enumerate(rows) if any(not is_blank(v) for v in r)), default=-1)
    texts = [
        [cell_text(v, sheet.fonts.get((i, c)), encoding) for c, v in enumerate(r)]
        for i, r in enumerate(rows[: last + 1])
    ]
    used = max((c + 1 for r in texts for c, t in enumerate(r) if t), default=0)
    return [r[:used] + [""] * (used - len(r[:used])) for r in texts], min(width, used)


def _decoded_head(sheet: SheetData, encoding: str | None) -> list[list[Any]]:
    head: list[list[Any]] = []
    for index, row in enumerate(sheet.rows[: SCAN_ROWS + 2]):
        head.append(
            [
                cell_text(v, sheet.fonts.get((index, c)), encoding) if isinstance(v, str) else v
                for c, v in enumerate(row)
            ]
        )
    return head


def _sheet_texts(sheet: SheetData, limit: int = 3000) -> list[str]:
    texts: list[str] = []
    for row in sheet.rows:
        for value in row:
            if isinstance(value, str) and value and not value.isascii():
                texts.append(value)
        if len(texts) >= limit:
            break
    return texts


def _mapping_for(
    mapping: SheetMapping | dict[str, SheetMapping] | None, sheet: SheetData, used: list[bool]
) -> SheetMapping | None:
    if mapping is None:
        return None
    if isinstance(mapping, dict):
        return mapping.get(sheet.name) or mapping.get(sheet.raw_name)
    if mapping.sheet:
        return mapping if mapping.sheet in (sheet.name, sheet.raw_name) else None
    if used[0]:
        return None
    return mapping


def load_mappings(db: Database) -> dict[str, tuple[str, dict[str, Any]]]:
    with db.session() as session:
        return {
            sig: (kind, json.loads(text))
            for sig, kind, text in session.execute(
                select(ColumnMapping.header_signature, ColumnMapping.kind, ColumnMapping.mapping_json)
            )
        }


def find_mapping(db: Database, signature: str) -> SheetMapping | None:
    """The mapping a user made for sheets whose header has this signature (``header_detect.header_signature``)."""
    found = load_mappings(db).get(signature)
    if found is None:
        return None
    kind, data = found
    return SheetMapping(
        kind=kind,
        header_row=-1,
        columns={int(k): v for k, v in data.get("columns", {}).items()},
        header_height=int(data.get("header_height", 1)),
    )


def save_mapping(db: Database, signature: str, mapping: SheetMapping) -> None:
    """Remember a column mapping for sheets with the same header row(s)."""
    kind = coerce_kind(mapping.kind)
    assert kind is not None
    with db.session() as session:
        row = session.scalar(select(ColumnMapping).where(ColumnMapping.header_signature == signature))
        if row is None:
            row = ColumnMapping(header_signature=signature, kind=kind.value, mapping_json=mapping.to_json())
            session.add(row)
        else:
            row.kind = kind.value
            row.mapping_json = mapping.to_json()


def _stored_match(
    head: list[list[Any]],
    stored: dict[str, tuple[str, dict[str, Any]]],
    sheet: SheetData,
    kind: SheetKind | None,
) -> HeaderMatch | None:
    if not stored:
        return None
    for index in range(min(len(head), SCAN_ROWS)):
        for height in (1, 2):
            found = stored.get(header_signature(head, index, height))
            if found is None:
                continue
            stored_kind, data = found
            if kind is not None and stored_kind != kind.value:
                continue
            columns = {int(k): v for k, v in data.get("columns", {}).items()}
            match = match_from_mapping(
                sheet.rows, SheetKind(stored_kind), index, height, columns, sheet.merged
            )
            match.texts = match_from_mapping(head, SheetKind(stored_kind), index, height, columns).texts
            return match
    return None


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while tens of thousands of small objects are made (it would walk
    them again and again for nothing: nothing here makes reference cycles that must be freed early).

    On the way out the objects made are moved to the oldest generation (``freeze`` then ``unfreeze`` only splice
    lists): they live as long as the plan does, and the first young-generation collection after the import
    would otherwise walk all of them once more.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        if was_enabled:
            gc.enable()


def plan_import(
    db: Database,
    path: Path | str,
    *,
    kind: SheetKind | str | None = None,
    campaign_id: int | None = None,
    unit_name: str | None = None,
    mapping: SheetMapping | dict[str, SheetMapping] | None = None,
    progress: ProgressLike | None = None,
    unit_choices: dict[str, str] | None = None,
) -> ImportPlan:
    """Read ``path`` and say what importing it would do, row by row, without writing anything.

    Raises ``ImportRejected`` when the file cannot be read at all (not a spreadsheet, empty, zip/XML bomb…);
    problems of sheets and rows are in the plan (``plan.errors``), and a plan with errors cannot be applied.
    ``unit_choices`` maps a unit name as written (``plan.unit_questions``) to the unit the user chose.
    """
    with collector_paused():
        return _plan(
            db,
            path,
            kind=kind,
            campaign_id=campaign_id,
            unit_name=unit_name,
            mapping=mapping,
            progress=progress,
            unit_choices=unit_choices,
        )


def _plan(
    db: Database,
    path: Path | str,
    *,
    kind: SheetKind | str | None,
    campaign_id: int | None,
    unit_name: str | None,
    mapping: SheetMapping | dict[str, SheetMapping] | None,
    progress: ProgressLike | None,
    unit_choices: dict[str, str] | None,
) -> ImportPlan:
    forced = coerce_kind(kind)
    path = Path(path)
    if progress is not None:
        progress.update(0, 0, f"Đang đọc tệp «{path.name}»…")
    with db.session() as session, ThreadPoolExecutor(1, thread_name_prefix="read-workbook") as pool:
        # the file is parsed (mostly outside the GIL) while the people it is matched against are loaded
        reading = pool.submit(read_workbook, path)
        snapshot = Snapshot(session)
        workbook = reading.result()
        campaign_id, issues = _campaign_of(workbook, campaign_id, session)
        if campaign_id is not None and campaign_id in snapshot.campaign_ids:
            snapshot.load_campaign(session, campaign_id)
    plan = ImportPlan(
        file=str(path),
        file_name=workbook.file_name,
        sha256=workbook.sha256,
        campaign_id=campaign_id,
        issues=issues,
    )
    plan.fingerprint = snapshot.fingerprint
    if campaign_id is not None and campaign_id not in snapshot.campaign_ids:
        plan.issues.append(Issue("", None, "", f"Không có phong trào thi đua số {campaign_id}."))
        plan.campaign_id = campaign_id = None
    planner = Planner(db, workbook, plan, snapshot, unit_choices)
    stored = load_mappings(db)
    chosen_unit: int | None = None
    if unit_name:
        found = planner.match_unit(unit_name)
        chosen_unit = found[0] if len(found) == 1 else None
        if len(found) > 1:
            plan.issues.append(Issue("", None, "", planner.ask(unit_name, found, "", None, "")))
        elif chosen_unit is None:
            plan.issues.append(
                Issue("", None, "", f"Không tìm thấy đơn vị «{unit_name}» trong danh sách đơn vị.")
            )

    used_mapping = [False]
    matches: list[tuple[SheetData, HeaderMatch, str | None, list[list[Any]]]] = []
    for sheet in workbook.sheets:
        if sheet.hidden or not any(any(not is_blank(v) for v in r) for r in sheet.rows[: SCAN_ROWS * 10]):
            continue
        about = {**workbook.sheet_meta.get(sheet.raw_name, {}), **workbook.sheet_meta.get(sheet.name, {})}
        if about.get("role") == "instructions":
            continue
        sheet_kind = forced or _meta_kind(about.get("kind"))
        encoding = sheet_encoding(_sheet_texts(sheet)) if not sheet.fonts else None
        head = _decoded_head(sheet, encoding)
        user = _mapping_for(mapping, sheet, used_mapping)
        match: HeaderMatch | None
        if user is not None:
            used_mapping[0] = True
            user_kind = coerce_kind(user.kind)
            assert user_kind is not None
            match = match_from_mapping(
                sheet.rows, user_kind, user.header_row, user.header_height, user.columns, sheet.merged
            )
            match.texts = match_from_mapping(
                head, user_kind, user.header_row, user.header_height, user.columns
            ).texts
            if match.missing:
                plan.issues.append(
                    Issue(sheet.name, None, "", "Chưa ghép cột cho: " + ", ".join(match.missing) + ".")
                )
                continue
        else:
            match = detect_header(head, sheet_kind, sheet.merged) or _stored_match(
                head, stored, sheet, sheet_kind
            )
        if match is None:
            header_row = guess_header_row(head)
            preview, width = _preview(sheet, encoding)
            plan.unrecognised.append(
                UnrecognisedSheet(sheet.name, header_row, header_signature(head, header_row), preview, width)
            )
            continue
        matches.append((sheet, match, encoding, head))

    if not matches:
        names = ", ".join(f"«{u.name}»" for u in plan.unrecognised) or "(không có)"
        wanted = (
            SHEET_KIND_LABELS[forced].lower()
            if forced
            else "danh sách, đăng ký thi đua, chỉ tiêu hay kết quả"
        )
        plan.issues.append(
            Issue(
                plan.unrecognised[0].name if plan.unrecognised else "",
                plan.unrecognised[0].header_row + 1 if plan.unrecognised else None,
                "",
                f"Không nhận ra dòng tiêu đề của bảng ({wanted}) ở trang {names}: hãy ghép cột bằng tay "
                "hoặc sửa tên cột (ví dụ «Họ và tên», «Ngày sinh», «Danh hiệu đăng ký»).",
            )
        )
        return plan
    for unrecognised in plan.unrecognised:
        plan.issues.append(
            Issue(unrecognised.name, None, "", "Trang không có bảng nhận ra được: bỏ qua.", "warning")
        )

    total = sum(len(sheet.rows) - m.data_start for sheet, m, _, _ in matches)
    done = 0
    for sheet, match, encoding, head in matches:
        sheet_unit, source, proposed = _sheet_unit(workbook, sheet, planner, chosen_unit, match, head)
        if proposed and match.kind not in CREATES_UNITS:
            plan.issues.append(
                Issue(
                    sheet.name,
                    None,
                    "",
                    f"Không tìm thấy đơn vị «{proposed}» (ghi ở tiêu đề) trong danh sách.",
                )
            )
            proposed = ""
        sheet_plan = SheetPlan(
            name=sheet.name,
            kind=match.kind.value,
            kind_label=SHEET_KIND_LABELS[match.kind],
            header_row=match.header_row,
            header_height=match.header_height,
            columns=dict(match.columns),
            header_texts=dict(match.texts),
            signature=match.signature,
            unit_id=sheet_unit,
            unit_name=snapshot.units[sheet_unit][0] if sheet_unit is not None else proposed,
            unit_source=source,
            from_mapping=match.from_mapping,
        )
        plan.sheets.append(sheet_plan)
        if match.kind not in (SheetKind.PEOPLE, SheetKind.RATINGS) and campaign_id is None:
            plan.issues.append(
                Issue(
                    sheet.name, None, "", "Chưa chọn phong trào thi đua để nhập đăng ký, chỉ tiêu, kết quả."
                )
            )
            continue
        sp = SheetPlanner(planner, sheet, match, encoding, sheet_unit)
        unit: Ref | None = Ref("id", sheet_unit) if sheet_unit is not None else None
        handler = {
            SheetKind.PEOPLE: people.plan_people_row,
            SheetKind.PERSON_PLEDGES: pledges.plan_pledge_row,
            SheetKind.UNIT_TARGETS: targets.plan_target_row,
            SheetKind.RESULTS: results.plan_result_row,
            SheetKind.RATINGS: ratings.plan_rating_row,
        }[match.kind]
        if match.kind == SheetKind.RATINGS:
            sp.year = title_year(title_block(sheet.rows, match.header_row))
        subject_code = REQUIRED_SUBJECT[match.kind]
        has_subject = subject_code != F.ACHIEVED.code
        ordinal_column = match.column_of(F.ORDINAL.code)
        by_person = match.kind in (SheetKind.PEOPLE, SheetKind.PERSON_PLEDGES, SheetKind.RATINGS)
        kind_value = match.kind.value
        sheet_name = sheet.name
        for index, values in iter_data_rows(sheet.rows, match, _row_decoder(sheet, encoding)):
            if progress is not None and (done & 511) == 0:
                progress.update(done, total, f"Đang đối chiếu trang «{sheet.name}»…")
            done += 1
            reader = RowReader(sp, index, values)
            subject = reader.text(subject_code) if has_subject else ""
            if by_person and subject:
                if is_totals_text(subject):
                    continue  # «Tổng cộng: 7 đồng chí» in the name column of a numbered row
                subject = without_title(subject)
            numbered = (
                ordinal_column is not None
                and ordinal_column < len(values)
                and type(values[ordinal_column]) in (int, float)
            )
            if not numbered and by_person and subject:
                section = _section_unit(reader, match, ordinal_column, subject, snapshot)
                if section is not None:
                    unit = Ref("id", section)
                    continue
            row = PlanRow(sheet_name, index + 1, kind_value, subject, issues=reader.issues)
            if not subject and has_subject:
                if by_person and not any(reader.raw(code) not in (None, "") for code in SUBSTANTIVE):
                    reader.issue(
                        subject_code, "Dòng không ghi họ tên (chỉ có số thứ tự, chức vụ…): bỏ qua.", "warning"
                    )
                    row.reason = "Bỏ qua."
                else:
                    reader.issue(subject_code, f"Thiếu {FIELD_LABELS[subject_code].lower()}.")
                plan.rows.append(row)
                continue
            if has_subject and subject_code == F.FULL_NAME.code:
                problem = too_long(subject, MAX_NAME, "Họ tên")
                if problem is not None:
                    reader.issue(subject_code, problem.message)
                    plan.rows.append(row)
                    continue
            if proposed:
                unit = planner.new_unit(row, proposed)
                reader.issue(None, planner.new_unit_note(unit) + " (tên lấy ở tiêu đề trang)", "warning")
                proposed = ""
            handler(planner, sp, reader, row, unit)
            plan.rows.append(row)
            sheet_plan.rows_read += 1
    _outside_links(workbook, plan)
    if progress is not None:
        progress.update(total, total, "Đã đối chiếu xong.")
    return plan


CREATES_UNITS = frozenset({SheetKind.PEOPLE, SheetKind.PERSON_PLEDGES, SheetKind.UNIT_TARGETS})
"""Sheet kinds whose unknown units are proposed as new (a results or ratings sheet needs units that exist)."""


def _row_decoder(sheet: SheetData, encoding: str | None) -> Callable[[int, Sequence[Any]], Sequence[Any]]:
    """A row's values with legacy-encoded text made Unicode (only rows that are checked for totals or
    signatures are decoded: numbered data rows never are)."""
    fonts = sheet.fonts

    def decode(index: int, values: Sequence[Any]) -> Sequence[Any]:
        return [
            cell_text(v, fonts.get((index, c)), encoding) if isinstance(v, str) and v else v
            for c, v in enumerate(values)
        ]

    return decode


def _outside_links(workbook: WorkbookData, plan: ImportPlan) -> None:
    """A warning on the row (or the sheet) of each formula that takes its value from outside the file."""
    if not workbook.links:
        return
    rows = {(r.sheet, r.row): r for r in plan.rows}
    names = {s.raw_name: s.name for s in workbook.sheets}
    for raw_name, links in workbook.links.items():
        sheet = names.get(raw_name, raw_name)
        for link in links:
            letter = column_letter(link.column)
            issue = Issue(
                sheet,
                link.row + 1,
                letter,
                f"Ô {letter}{link.row + 1} có công thức lấy dữ liệu ngoài tệp («{link.formula[:80]}»: tệp khác, "
                "liên kết DDE hoặc file://): chỉ lấy giá trị đã lưu trong tệp, không mở liên kết; hãy kiểm tra.",
                "warning",
            )
            found = rows.get((sheet, link.row + 1))
            (found.issues if found is not None else plan.issues).append(issue)


def _campaign_of(
    workbook: WorkbookData, campaign_id: int | None, session: Session
) -> tuple[int | None, list[Issue]]:
    """The campaign to import into: the one asked for, else the file's, else the only one there is."""
    issues: list[Issue] = []
    meta_campaign = _int_or_none(workbook.meta.get("campaign_id"))
    if campaign_id is None:
        campaign_id = meta_campaign
    elif meta_campaign is not None and meta_campaign != campaign_id:
        issues.append(
            Issue(
                "",
                None,
                "",
                f"Tệp được lập cho phong trào số {meta_campaign} nhưng đang nhập vào phong trào số {campaign_id}.",
                "warning",
            )
        )
    if campaign_id is None:
        ids = list(session.scalars(select(Campaign.id).limit(2)))
        if len(ids) == 1:
            campaign_id = ids[0]
    return campaign_id, issues


def _section_unit(
    reader: RowReader, match: HeaderMatch, ordinal_column: int | None, subject: str, snapshot: Snapshot
) -> int | None:
    """A row that only names a unit ("II. Chi bộ Tổ dân phố 2") opens the group of people below it."""
    values = reader.values
    name_column = match.column_of(F.FULL_NAME.code)
    for column in match.columns:
        if column in (name_column, ordinal_column) or column >= len(values):
            continue
        if not is_blank(values[column]):
            return None
    if ordinal_column is not None and ordinal_column < len(values):
        ordinal = values[ordinal_column]
        if not is_blank(ordinal) and not is_section_label(ordinal):
            return None
    return snapshot.find_unit(subject)


def _title_cells(head: list[list[Any]], header_row: int) -> Iterator[tuple[int, int, str]]:
    """(row, column, decoded text) of the title block above the header, bottom to top."""
    for index in range(min(header_row, len(head)) - 1, -1, -1):
        for column, value in enumerate(head[index]):
            if isinstance(value, str) and value.strip():
                yield index, column, cell_text(value)


def _sheet_unit(
    workbook: WorkbookData,
    sheet: SheetData,
    planner: Planner,
    chosen: int | None,
    match: HeaderMatch,
    head: list[list[Any]],
) -> tuple[int | None, str, str]:
    """(unit id, where it came from, name of a unit to propose as new): from our metadata, the user's choice or
    the title block; a title line naming a unit that is not in the list is proposed as new, one that fits several
    becomes a question."""
    plan = planner.plan
    snapshot = planner.snap
    meta = dict(workbook.meta)
    meta.update(workbook.sheet_meta.get(sheet.raw_name, {}))
    meta.update(workbook.sheet_meta.get(sheet.name, {}))
    meta_id = _int_or_none(meta.get("unit_id"))
    if meta_id is not None and meta_id in snapshot.units:
        return meta_id, "meta", ""
    if meta.get("unit_name"):
        found = planner.match_unit(meta["unit_name"])
        if len(found) == 1:
            return found[0], "meta", ""
        plan.issues.append(
            Issue(
                sheet.name, None, "", f"Tệp ghi đơn vị «{meta['unit_name']}» nhưng danh sách đơn vị không có."
            )
        )
    elif meta_id is not None:
        plan.issues.append(
            Issue(sheet.name, None, "", f"Tệp ghi đơn vị số {meta_id} nhưng danh sách đơn vị không có.")
        )
    if chosen is not None:
        return chosen, "user", ""
    for row, column, text in _title_cells(head, match.header_row):
        chosen_text = planner.unit_choices.get(text)
        found = snapshot.matcher.find(chosen_text) if chosen_text else snapshot.matcher.in_text(text)
        if len(found) == 1:
            return found[0], "title", ""
        if found:
            message = planner.ask(text, found, sheet.name, row + 1, column_letter(column))
            plan.issues.append(Issue(sheet.name, row + 1, column_letter(column), message))
            return None, "", ""
        if names_a_unit(text):
            if len(text) > MAX_UNIT_NAME:
                plan.issues.append(
                    Issue(
                        sheet.name,
                        row + 1,
                        column_letter(column),
                        f"Tên đơn vị dài quá {MAX_UNIT_NAME} ký tự.",
                    )
                )
                return None, "", ""
            return None, "title", display_name(text, snapshot.place)
    return None, "", ""


SUBSTANTIVE = (
    F.BIRTH_DATE.code,
    F.PARTY_JOIN.code,
    F.PARTY_OFFICIAL.code,
    F.CARD.code,
    F.TITLE.code,
    F.PLEDGE_CONTENT.code,
    F.RATING.code,
    F.SCORE.code,
)
"""Fields a row without a name cannot go without reporting (a template row with only its number, a position or
a note is skipped with a warning; one with a birth date, a title or a rating is an error: someone's data)."""

_TOTALS_START = frozenset("TtCcDd")
_COMRADE = ("đ/c ", "đ/c.", "đc ", "đc.", "đ.c ", "đồng chí ")


def is_totals_text(text: str) -> bool:
    """Whether a name cell holds a totals line («Tổng cộng: 7 đồng chí», «Cộng 12», «Danh sách có 02 đồng chí»)."""
    return text[0] in _TOTALS_START and is_totals_row([text])


def without_title(name: str) -> str:
    """A name without the «Đ/c» / «Đồng chí» some sheets write before it."""
    if name[:1] not in "đĐ":
        return name
    lowered = name.lower()
    for title in _COMRADE:
        if lowered.startswith(title) and len(name) > len(title) + 1:
            return name[len(title) :].strip()
    return name

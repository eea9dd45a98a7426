"""Tallies (bảng tổng hợp) in the official layout, sent up or read at the review conferences.

* **registrations**: how many registered each title, per unit (totals by real ``=SUM`` formulas);
* **results**: each target per unit and phase: target, achieved, % done, met or not, evidence count;
* **proposals**: the award proposal list grouped by award form: subject, unit, form, authority, status, decision.

Building (``build_tally``: services → plain :class:`Tally`) is separate from writing (``write_tally``: openpyxl
write-only mode with shared named styles), so the writer can be measured on its own against openpyxl writing the
same cells bare (``benchmarks/bench_export.py``).
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from thidua_desktop.core.enums import AwardKind, SubjectType
from thidua_desktop.core.errors import UserError
from thidua_desktop.core.services.campaigns import get_campaign
from thidua_desktop.core.services.catalogue import AwardFormRecord, list_award_forms
from thidua_desktop.core.services.households import list_households
from thidua_desktop.core.services.persons import list_persons
from thidua_desktop.core.services.pledges import PledgeRecord, TargetRecord, list_pledges, progress_of
from thidua_desktop.core.services.proposals import list_proposals
from thidua_desktop.core.services.settings import load_settings
from thidua_desktop.core.services.units import list_units
from thidua_desktop.core.settings_schema import OrganizationSettings
from thidua_desktop.core.storage import atomic
from thidua_desktop.core.storage.database import Database
from thidua_desktop.core.text import format_date, name_sort_key
from thidua_desktop.exchange.xlsx_style import (
    CHARS_PER_WIDTH,
    LINE_HEIGHT,
    Formula,
    Heading,
    Item,
    ProgressCallback,
    StreamWriter,
    StyleBook,
    atomic_path,
    committee_date_line,
    discard_stream,
    lines_needed,
    set_column_widths,
    setup_page,
    write_centered,
    write_header_block,
    write_signature,
    write_table_header,
)


class TallyKind(StrEnum):
    REGISTRATIONS = "registrations"
    RESULTS = "results"
    PROPOSALS = "proposals"


TALLY_LABELS: dict[TallyKind, str] = {
    TallyKind.REGISTRATIONS: "Tổng hợp đăng ký danh hiệu thi đua theo đơn vị",
    TallyKind.RESULTS: "Tổng hợp kết quả thực hiện chỉ tiêu theo đơn vị, giai đoạn",
    TallyKind.PROPOSALS: "Danh sách đề nghị khen thưởng",
}

MET = "Đạt"
MET_UNVERIFIED = "Đạt, chờ xác minh"
NOT_MET = "Chưa đạt"
NO_RESULT = "Chưa có kết quả"
NO_UNIT = "Chưa xác định đơn vị"


@dataclass(frozen=True)
class Column:
    heading: str
    width: float
    style: str
    """Body style key (``xlsx_style.STYLES``): "text", "center", "int", "number", "percent", "date"."""
    group: str = ""
    total: str = ""
    """Totals row: "sum" (=SUM), "count_met" (=COUNTIF(...,"Đạt")) or "" (part of the label)."""
    row_sum: tuple[int, int] | None = None
    """This column is =SUM of columns first..last (1-based) of the same row."""


@dataclass(frozen=True)
class GroupRow:
    """A heading row inside the table ("I. Chi bộ Tổ dân phố 1")."""

    number: str
    label: str


@dataclass
class Tally:
    kind: TallyKind
    sheet_title: str
    title: str
    subtitle: list[str]
    columns: list[Column]
    rows: list[Sequence[object] | GroupRow] = field(default_factory=list)
    total_label: str = "Tổng cộng"
    notes: list[str] = field(default_factory=list)
    freeze_columns: int = 2

    @property
    def data_rows(self) -> int:
        return sum(1 for row in self.rows if not isinstance(row, GroupRow))


@dataclass
class ExportResult:
    files: list[Path]
    rows: int


ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def roman(number: int) -> str:
    out = []
    for value, letters in ROMAN:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


# --- building -----------------------------------------------------------------------------------------------


class _UnitOf:
    """The unit each pledge or proposal subject belongs to: a unit itself, a person's unit, a household's group."""

    def __init__(self, db: Database) -> None:
        self.person = {p.id: p.unit_id for p in list_persons(db)}
        self.household = {h.id: h.residential_group_id for h in list_households(db)}

    def __call__(self, subject_type: str, subject_id: int | None) -> int | None:
        if subject_type == SubjectType.UNIT:
            return subject_id
        if subject_type == SubjectType.PERSON:
            return self.person.get(subject_id) if subject_id is not None else None
        return self.household.get(subject_id) if subject_id is not None else None


def _title_group(form: AwardFormRecord | None) -> str:
    if form is None:
        return "Khác"
    if form.kind == AwardKind.RATING:
        return "Mức xếp loại chất lượng"
    if form.kind != AwardKind.TITLE:
        return "Hình thức khen thưởng"
    if form.for_person:
        return "Danh hiệu cá nhân"
    if form.for_unit:
        return "Danh hiệu tập thể"
    return "Danh hiệu hộ gia đình"


def _campaign_subtitle(db: Database, campaign_id: int) -> list[str]:
    campaign = get_campaign(db, campaign_id)
    return [f"Phong trào: {campaign.name}"]


@functools.lru_cache(maxsize=4096)
def _name_key(name: str) -> tuple[object, object]:
    """Vietnamese list order of a name, computed once per name (a tally repeats the same few names)."""
    return name_sort_key(name)


def build_registrations(db: Database, campaign_id: int) -> Tally:
    from thidua_desktop.core.catalogue import PLEDGE_TITLE_CODES

    subtitle = _campaign_subtitle(db, campaign_id)
    forms = {f.code: f for f in list_award_forms(db)}
    order = {code: index for index, code in enumerate(forms)}
    unit_of = _UnitOf(db)
    counts: dict[int | None, Counter[str]] = defaultdict(Counter)
    for pledge in list_pledges(db, campaign_id):
        counts[unit_of(pledge.subject_type, pledge.subject_id)][pledge.title_code] += 1
    used = {code for counter in counts.values() for code in counter}
    codes = [c for c in PLEDGE_TITLE_CODES if c in forms]
    codes += sorted(used - set(codes) - {""}, key=lambda c: (order.get(c, len(order)), c))
    if "" in used:
        codes.append("")
    # keep the catalogue's groups together
    group_order = [
        "Danh hiệu cá nhân",
        "Danh hiệu tập thể",
        "Danh hiệu hộ gia đình",
        "Mức xếp loại chất lượng",
        "Hình thức khen thưởng",
        "Khác",
    ]
    codes.sort(key=lambda c: group_order.index(_title_group(forms.get(c))))
    columns = [Column("STT", 5, "int"), Column("Đơn vị", 34, "text")]
    for code in codes:
        form = forms.get(code)
        heading = form.name if form else ("Chưa chọn danh hiệu" if code == "" else code)
        columns.append(Column(heading, 12.5, "int", group=_title_group(form), total="sum"))
    columns.append(Column("Tổng số", 9, "int", total="sum", row_sum=(3, 2 + len(codes))))
    tally = Tally(
        TallyKind.REGISTRATIONS,
        "Đăng ký danh hiệu",
        "Bảng tổng hợp đăng ký danh hiệu thi đua",
        subtitle,
        columns,
        notes=["Ghi chú: cá nhân tính vào đơn vị sinh hoạt; hộ gia đình tính vào tổ dân phố."],
    )
    number = 0
    units = list_units(db)
    keyed: list[tuple[int | None, str]] = [(u.id, u.name) for u in units]
    if counts.get(None):
        keyed.append((None, NO_UNIT))
    for unit_id, name in keyed:
        counter = counts.get(unit_id)
        if not counter:
            continue
        number += 1
        tally.rows.append([number, name, *[counter.get(code) or None for code in codes], None])
    return tally


def verdict(target: TargetRecord) -> str:
    """ "Đạt" only when the latest result meets the target and has been verified."""
    if target.achieved_value is None:
        return NO_RESULT
    _, met = progress_of(target.target_value, target.achieved_value)
    if met is None:
        return NO_RESULT
    if met:
        return MET if target.achieved_verified else MET_UNVERIFIED
    return NOT_MET


def build_results(db: Database, campaign_id: int) -> Tally:
    subtitle = _campaign_subtitle(db, campaign_id)
    unit_of = _UnitOf(db)
    by_unit: dict[int | None, list[tuple[PledgeRecord, TargetRecord]]] = defaultdict(list)
    for pledge in list_pledges(db, campaign_id):
        for target in pledge.targets:
            by_unit[unit_of(pledge.subject_type, pledge.subject_id)].append((pledge, target))
    columns = [
        Column("STT", 5, "int"),
        Column("Nội dung chỉ tiêu", 46, "text"),
        Column("Tập thể, cá nhân thực hiện", 22, "text"),
        Column("Giai đoạn", 8, "int"),
        Column("Đơn vị tính", 10, "center", group="Chỉ tiêu đăng ký"),
        Column("Chỉ tiêu", 10, "number", group="Chỉ tiêu đăng ký"),
        Column("Kết quả đạt được", 10, "number", group="Kết quả thực hiện"),
        Column("Tỷ lệ hoàn thành", 10, "percent", group="Kết quả thực hiện"),
        Column("Đánh giá", 14, "center", group="Kết quả thực hiện", total="count_met"),
        Column("Số minh chứng", 10, "int", group="Kết quả thực hiện", total="sum"),
    ]
    tally = Tally(
        TallyKind.RESULTS,
        "Kết quả chỉ tiêu",
        "Bảng tổng hợp kết quả thực hiện chỉ tiêu thi đua",
        subtitle,
        columns,
        notes=[
            f"Ghi chú: «{MET}»: kết quả bằng hoặc vượt chỉ tiêu và đã được xác minh; «{MET_UNVERIFIED}»: đạt "
            "nhưng minh chứng chưa được xác minh; tỷ lệ hoàn thành = kết quả đạt được / chỉ tiêu."
        ],
    )
    keyed: list[tuple[int | None, str]] = [(u.id, u.name) for u in list_units(db)]
    if by_unit.get(None):
        keyed.append((None, NO_UNIT))
    group = 0
    total = 0
    for unit_id, name in keyed:
        items = by_unit.get(unit_id)
        if not items:
            continue
        group += 1
        tally.rows.append(GroupRow(roman(group), name))
        items.sort(
            key=lambda pt: (
                pt[1].phase_number or 99,
                pt[0].subject_type != SubjectType.UNIT,
                _name_key(pt[0].subject_name),
                pt[1].sort_order,
            )
        )
        for number, (pledge, target) in enumerate(items, start=1):
            who = "Tập thể" if pledge.subject_type == SubjectType.UNIT else pledge.subject_name
            tally.rows.append(
                [
                    number,
                    target.content,
                    who,
                    target.phase_number,
                    target.unit_of_measure,
                    target.target_value,
                    target.achieved_value,
                    None if target.progress is None else target.progress / 100,
                    verdict(target),
                    target.evidence_count,
                ]
            )
            total += 1
    tally.total_label = f"Tổng cộng ({total} chỉ tiêu)"
    return tally


def build_proposals(db: Database, campaign_id: int, settings: OrganizationSettings | None = None) -> Tally:
    settings = settings or load_settings(db)
    subtitle = _campaign_subtitle(db, campaign_id)
    forms = list_award_forms(db)
    order = {f.code: index for index, f in enumerate(forms)}
    proposals = list_proposals(db, campaign_id)
    proposals.sort(
        key=lambda p: (
            order.get(p.award_code, len(order)),
            p.subject_type != SubjectType.UNIT,
            _name_key(p.subject_name),
        )
    )
    columns = [
        Column("STT", 5, "int"),
        Column("Tập thể, cá nhân được đề nghị", 30, "text"),
        Column("Đơn vị", 26, "text"),
        Column("Hình thức khen thưởng", 26, "text"),
        Column("Cấp khen", 26, "text"),
        Column("Trạng thái", 16, "center"),
        Column("Quyết định (số, ngày)", 22, "text"),
    ]
    tally = Tally(
        TallyKind.PROPOSALS,
        "Đề nghị khen thưởng",
        "Danh sách đề nghị khen thưởng",
        subtitle,
        columns,
        total_label=f"Tổng cộng: {len(proposals)} đề nghị",
    )
    group = 0
    number = 0
    current = None
    sizes = Counter(p.award_code for p in proposals)
    for proposal in proposals:
        if proposal.award_code != current:
            current = proposal.award_code
            group += 1
            number = 0
            tally.rows.append(GroupRow(roman(group), f"{proposal.award_name} ({sizes[current]})"))
        number += 1
        decision = ""
        if proposal.decision_number:
            decision = f"Số {proposal.decision_number}"
            if proposal.decision_date:
                decision += f", ngày {format_date(proposal.decision_date)}"
        unit = proposal.unit_name if proposal.unit_name != proposal.subject_name else ""
        tally.rows.append(
            [
                number,
                proposal.subject_name,
                unit,
                proposal.award_name,
                settings.authority_name(proposal.authority),
                proposal.status_label,
                decision,
            ]
        )
    return tally


def build_tally(db: Database, campaign_id: int, kind: TallyKind | str) -> Tally:
    kind = TallyKind(kind)
    if kind == TallyKind.REGISTRATIONS:
        return build_registrations(db, campaign_id)
    if kind == TallyKind.RESULTS:
        return build_results(db, campaign_id)
    return build_proposals(db, campaign_id)


# --- writing ------------------------------------------------------------------------------------------------

PROGRESS_EVERY = 500


def layout_rows(tally: Tally) -> tuple[int, int]:
    """(first heading row, last header row) of the table: the rows repeated on every printed page."""
    first = 3 + 1 + 1 + len(tally.subtitle) + 1 + 1
    grouped = any(c.group for c in tally.columns)
    return first, first + (2 if grouped else 1)


def write_tally(
    tally: Tally,
    path: Path,
    settings: OrganizationSettings,
    *,
    when: date | None = None,
    progress: ProgressCallback | None = None,
    fast: bool = True,
    state: bool = False,
) -> int:
    """Write ``tally`` to ``path`` (atomically); returns the number of data rows. ``state``: the State header
    (Quốc hiệu, Tiêu ngữ) instead of the Party's, for the papers of a State body."""
    when = when or date.today()
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet(tally.sheet_title)
    styles = StyleBook(workbook)
    columns = tally.columns
    widths = [c.width for c in columns]
    n = len(columns)
    total_width = sum(widths)
    first_header, last_header = layout_rows(tally)

    set_column_widths(ws, widths)
    freeze = f"{get_column_letter(tally.freeze_columns + 1)}{last_header + 1}"
    setup_page(ws, title_rows=(first_header, last_header), freeze=freeze)

    try:
        writer = StreamWriter(ws, styles, fast=fast)
        write_header_block(
            writer,
            widths,
            superior=settings.superior_party_organization,
            issuer=settings.committee_name,
            date_line=committee_date_line(settings, when),
            state=state,
        )
        writer.skip(1, 10)
        write_centered(writer, n, tally.title.upper(), "title", 22)
        for line in tally.subtitle:
            write_centered(writer, n, line, "subtitle", 18 * lines_needed(line, total_width))
        writer.skip(1, 8)
        top, bottom = write_table_header(writer, [Heading(c.heading, c.group) for c in columns])
        assert (top, bottom) == (first_header, last_header), "layout_rows() out of step with the writer"

        arrays = [styles.array(c.style) for c in columns]
        wrapping = [(i, c.width) for i, c in enumerate(columns) if c.style in ("text", "center")]
        sums = [(i, c.row_sum) for i, c in enumerate(columns) if c.row_sum]
        total_rows = len(tally.rows)
        first_data = writer.row + 1
        for done, row in enumerate(tally.rows, start=1):
            if isinstance(row, GroupRow):
                items: list[Item] = [(row.number, "group_number"), (row.label, "group")]
                items += [("", "group")] * (n - 2)
                index = writer.append(items, LINE_HEIGHT * lines_needed(row.label, total_width - widths[0]))
                writer.merge(index, 2, index, n)
            else:
                lines = 1
                for i, width in wrapping:
                    text = row[i]
                    if type(text) is str and len(text) > width * CHARS_PER_WIDTH:
                        lines = max(lines, lines_needed(text, width))
                values = row
                if sums:
                    values = list(row)
                    number = writer.row + 1
                    for i, (first, last) in sums:  # type: ignore[misc]
                        values[i] = Formula(
                            f"=SUM({get_column_letter(first)}{number}:{get_column_letter(last)}{number})"
                        )
                if lines > 1:
                    writer.set_height(writer.row + 1, LINE_HEIGHT * lines + 2)
                writer.append_data(values, arrays)
            if progress is not None and (done % PROGRESS_EVERY == 0 or done == total_rows):
                progress(done, total_rows)
        last_data = writer.row
        _write_totals(writer, tally, first_data, last_data)
        for note in tally.notes:
            writer.skip(1, 6)
            write_centered(writer, n, note, "note", LINE_HEIGHT * lines_needed(note, total_width) + 2)
        write_signature(
            writer,
            widths,
            settings,
            recipients=[
                f"- {settings.superior_party_committee} (báo cáo);",
                f"- Lưu {settings.organization_board_name}.",
            ],
        )
        with atomic_path(path) as temporary:
            workbook.save(temporary)
    except OSError as exc:  # openpyxl's sheet stream in the temporary folder (full disk)
        discard_stream(workbook)
        raise UserError(atomic.disk_message(path, exc)) from exc
    except BaseException:
        discard_stream(workbook)
        raise
    return tally.data_rows


def _write_totals(writer: StreamWriter, tally: Tally, first: int, last: int) -> None:
    columns = tally.columns
    n = len(columns)
    label_span = next((i for i, c in enumerate(columns) if c.total), n)
    label_span = max(label_span, 1)
    items: list[Item] = [(tally.total_label, "total_label")]
    items += [("", "total_label")] * (label_span - 1)
    for column in columns[label_span:]:
        letter = get_column_letter(len(items) + 1)
        cells = f"{letter}{first}:{letter}{last}"
        if last < first:
            items.append((0 if column.total else "", "total_int" if column.total else "total_blank"))
        elif column.total == "sum":
            items.append((Formula(f"=SUM({cells})"), "total_int"))
        elif column.total == "count_met":
            items.append((Formula(f'=COUNTIF({cells},"{MET}")'), "total_int"))
        else:
            items.append(("", "total_blank"))
    row = writer.append(items, 20)
    writer.merge(row, 1, row, label_span)


def export_tally(
    db: Database,
    campaign_id: int,
    kind: TallyKind | str,
    path: Path,
    *,
    when: date | None = None,
    progress: ProgressCallback | None = None,
) -> ExportResult:
    tally = build_tally(db, campaign_id, kind)
    rows = write_tally(tally, Path(path), load_settings(db), when=when, progress=progress)
    return ExportResult([Path(path)], rows)

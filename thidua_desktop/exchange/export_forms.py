"""Registration workbooks for the branches (phiếu đăng ký thi đua gửi chi bộ).

One .xlsx per branch (or one workbook for several), pre-filled with the branch's members and the campaign's targets
for it, with:

* "Đăng ký cá nhân" (``person_pledges``): members, the title as a drop-down of the catalogue's names, the pledge;
* "Chỉ tiêu tập thể" (``unit_targets``): the unit's targets, values, measures, deadlines, phases;
* "Kết quả" (``results``): each target with the latest result, to fill in at the reviews;
* "Hướng dẫn": how to fill the sheets in and send them back;
* the very hidden ``_thidua_meta`` sheet: template version, campaign, unit, time and program version, so that the
  returned file is matched to its campaign and branch without guessing. Its rows are (key, value[, sheet name]);
  columns D and beyond hold the drop-down lists.

Headers are the canonical ones of ``fields.KIND_FIELDS`` so the importer recognises our own sheets; everything but
the input cells (shaded) is locked by sheet protection without a password.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from thidua_desktop import __version__
from thidua_desktop.core.catalogue import PLEDGE_TITLE_CODES
from thidua_desktop.core.enums import EvidenceStatus, SubjectType
from thidua_desktop.core.errors import ValidationError
from thidua_desktop.core.services.campaigns import CampaignRecord, get_campaign
from thidua_desktop.core.services.catalogue import list_award_forms
from thidua_desktop.core.services.evidence import EvidenceRecord, list_evidence
from thidua_desktop.core.services.persons import PersonRecord, list_persons
from thidua_desktop.core.services.pledges import PledgeRecord, TargetRecord, list_pledges
from thidua_desktop.core.services.settings import load_settings
from thidua_desktop.core.services.units import UnitRecord, list_units
from thidua_desktop.core.settings_schema import OrganizationSettings
from thidua_desktop.core.storage.database import Database
from thidua_desktop.core.text import format_date
from thidua_desktop.exchange.export_tally import ExportResult
from thidua_desktop.exchange.fields import KIND_FIELDS, META_SHEET, TEMPLATE_VERSION, Field, SheetKind
from thidua_desktop.exchange.xlsx_style import (
    LINE_HEIGHT,
    PlainWriter,
    ProgressCallback,
    StyleBook,
    atomic_path,
    lines_needed,
    put,
    set_column_widths,
    setup_page,
    write_centered,
    write_header_block,
)

PERSON_SHEET = "Đăng ký cá nhân"
TARGET_SHEET = "Chỉ tiêu tập thể"
RESULT_SHEET = "Kết quả"
GUIDE_SHEET = "Hướng dẫn"
EXTRA_ROWS = 10
"""Blank input rows under the pre-filled ones (new members, new targets)."""
INPUT_NOTE = "Chỉ nhập vào các ô nền vàng; xem cách điền ở trang «Hướng dẫn»."

# column width, style when locked, style when it is an input cell
LAYOUT: dict[str, tuple[float, str, str]] = {
    "ordinal": (6, "int", "input_int"),
    "full_name": (26, "text", "input_text"),
    "birth_date": (13, "date", "input_date"),
    "position": (24, "text", "input_text"),
    "title": (30, "text", "input_text"),
    "content": (50, "text", "input_text"),
    "notes": (18, "text", "input_text"),
    "unit": (26, "text", "input_text"),
    "target": (46, "text", "input_text"),
    "target_value": (12, "number", "input_number"),
    "unit_of_measure": (11, "center", "input_center"),
    "deadline": (13, "date", "input_date"),
    "phase": (10, "int", "input_int"),
    "achieved_value": (12, "number", "input_number"),
    "achieved_date": (13, "date", "input_date"),
    "document_ref": (24, "text", "input_text"),
}

# the fields a branch fills in on pre-filled rows and on the blank rows below them
PREFILLED_INPUTS: dict[SheetKind, frozenset[str]] = {
    SheetKind.PERSON_PLEDGES: frozenset({"title", "content", "notes"}),
    SheetKind.UNIT_TARGETS: frozenset({"target_value", "unit_of_measure", "deadline", "phase", "notes"}),
    SheetKind.RESULTS: frozenset({"achieved_value", "achieved_date", "document_ref", "notes"}),
}
BLANK_INPUTS: dict[SheetKind, frozenset[str]] = {
    SheetKind.PERSON_PLEDGES: frozenset({"full_name", "birth_date", "position", "title", "content", "notes"}),
    SheetKind.UNIT_TARGETS: frozenset(
        {"unit", "target", "target_value", "unit_of_measure", "deadline", "phase", "notes"}
    ),
    SheetKind.RESULTS: frozenset(),
}

# drop-down lists in the metadata sheet (column letters)
TITLE_LIST_COLUMN = "D"
PHASE_LIST_COLUMN = "E"
UNIT_LIST_COLUMN = "F"


@dataclass
class Branch:
    """What a branch's workbook is filled with."""

    unit: UnitRecord
    members: list[PersonRecord]
    person_pledges: dict[int, PledgeRecord]
    targets: list[tuple[PledgeRecord, TargetRecord]]
    """The unit's own targets first, then its members' targets."""


@dataclass
class FormContext:
    campaign: CampaignRecord
    settings: OrganizationSettings
    titles: list[str]
    """Names of the titles a person may register (the drop-down)."""
    phases: list[int]
    evidence: dict[int, EvidenceRecord]
    """The latest result of each target (what the target's progress is computed from)."""
    when: date
    return_by: date | None = None
    generated_at: str = field(default_factory=lambda: datetime.now().isoformat(timespec="seconds"))


def branch_units(db: Database, campaign_id: int) -> list[UnitRecord]:
    """The units that get a workbook: those with members or with their own pledge in the campaign."""
    with_pledge = {p.subject_id for p in list_pledges(db, campaign_id) if p.subject_type == SubjectType.UNIT}
    return [u for u in list_units(db) if u.person_count or u.id in with_pledge]


def _latest_evidence(records: list[EvidenceRecord]) -> dict[int, EvidenceRecord]:
    """Per target, the result its progress comes from (``pledges._target_record``'s order)."""
    latest: dict[int, EvidenceRecord] = {}
    ordered = sorted(
        (e for e in records if e.target_id is not None and e.status != EvidenceStatus.REJECTED),
        key=lambda e: (e.status == EvidenceStatus.VERIFIED, e.achieved_date or date.min, e.id or 0),
    )
    for record in ordered:
        assert record.target_id is not None
        latest[record.target_id] = record
    return latest


def load_context(
    db: Database, campaign_id: int, when: date | None = None, return_by: date | None = None
) -> FormContext:
    campaign = get_campaign(db, campaign_id)
    titles = [
        f.name
        for f in list_award_forms(db, active_only=True)
        if f.code in PLEDGE_TITLE_CODES and f.for_person
    ]
    return FormContext(
        campaign=campaign,
        settings=load_settings(db),
        titles=titles,
        phases=sorted(p.number for p in campaign.phases),
        evidence=_latest_evidence(list_evidence(db, campaign_id)),
        when=when or date.today(),
        return_by=return_by,
    )


def load_branches(db: Database, campaign_id: int, unit_ids: Sequence[int] | None = None) -> list[Branch]:
    units = list_units(db)
    by_id = {u.id: u for u in units}
    if unit_ids:
        missing = [i for i in unit_ids if i not in by_id]
        if missing:
            raise ValidationError(f"Không có đơn vị mã số {missing[0]}.", "unit_id")
        chosen = [by_id[i] for i in dict.fromkeys(unit_ids)]
    else:
        chosen = branch_units(db, campaign_id)
    if not chosen:
        raise ValidationError(
            "Phong trào chưa có đơn vị nào có thành viên hoặc đăng ký để gửi phiếu.", "unit_id"
        )
    pledges = list_pledges(db, campaign_id)
    by_person = {p.subject_id: p for p in pledges if p.subject_type == SubjectType.PERSON}
    by_unit = {p.subject_id: p for p in pledges if p.subject_type == SubjectType.UNIT}
    people = list_persons(db)
    branches = []
    for unit in chosen:
        members = [p for p in people if p.unit_id == unit.id]
        own = by_unit.get(unit.id)
        targets = [(own, t) for t in own.targets] if own else []
        for person in members:
            pledge = by_person.get(person.id)
            if pledge is not None:
                targets += [(pledge, t) for t in pledge.targets]
        branches.append(
            Branch(
                unit=unit,
                members=members,
                person_pledges={
                    p.id: by_person[p.id] for p in members if p.id is not None and p.id in by_person
                },
                targets=targets,
            )
        )
    return branches


# --- writing ------------------------------------------------------------------------------------------------


def file_slug(text: str) -> str:
    """An ASCII file name part that survives e-mail, Zalo and old Windows: "Chi bộ Tổ dân phố 1" → "Chi bo To
    dan pho 1"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    text = re.sub(r"[^A-Za-z0-9 ._-]+", " ", text)
    return re.sub(r"\s+", " ", text).strip(" .") or "don vi"


INVALID_SHEET_CHARS = re.compile(r"[\[\]:*?/\\']")


def sheet_name(text: str, taken: set[str]) -> str:
    base = INVALID_SHEET_CHARS.sub(" ", text).strip()[:31] or "Trang"
    name, number = base, 2
    while name.lower() in {t.lower() for t in taken}:
        suffix = f" ({number})"
        name, number = base[: 31 - len(suffix)] + suffix, number + 1
    taken.add(name)
    return name


class _Table:
    """One table sheet (pledges, targets or results) being written."""

    def __init__(self, workbook: Workbook, styles: StyleBook, title: str, kind: SheetKind) -> None:
        self.ws = workbook.create_sheet(title)
        self.kind = kind
        self.fields: tuple[Field, ...] = KIND_FIELDS[kind]
        self.codes = [f.code for f in self.fields]
        self.widths = [LAYOUT[c][0] for c in self.codes]
        self.writer = PlainWriter(self.ws, styles)
        self.styles = styles
        self.first_data = 0
        self.data_rows = 0

    def column(self, code: str) -> int:
        return self.codes.index(code) + 1

    def begin(
        self,
        context: FormContext,
        header: Letterhead,
        title: str,
    ) -> None:
        set_column_widths(self.ws, self.widths)
        n = len(self.widths)
        date_line = f"{context.settings.place_name}, ngày ..... tháng ..... năm {context.when.year}"
        write_header_block(
            self.writer,
            self.widths,
            superior=header.superior,
            issuer=header.issuer,
            date_line=date_line,
            state=header.state,
        )
        self.writer.skip(1, 8)
        write_centered(self.writer, n, title.upper(), "title", 22)
        for line in _subtitles(context):
            write_centered(self.writer, n, line, "subtitle", 18 * lines_needed(line, sum(self.widths)))
        write_centered(self.writer, n, INPUT_NOTE, "note", 18)
        heading = self.writer.append([(f.header, "header") for f in self.fields], 36)
        setup_page(self.ws, title_rows=(heading, heading), freeze=f"C{heading + 1}")
        self.first_data = heading + 1

    def row(self, values: dict[str, object], inputs: frozenset[str]) -> None:
        arrays: list[StyleArray] = []
        lines = 1
        for code in self.codes:
            width, locked, unlocked = LAYOUT[code]
            arrays.append(self.styles.array(unlocked if code in inputs else locked))
            value = values.get(code)
            if isinstance(value, str):
                lines = max(lines, lines_needed(value, width))
        if lines > 1:
            self.writer.set_height(self.writer.row + 1, LINE_HEIGHT * lines + 2)
        self.writer.append_data([values.get(c) for c in self.codes], arrays)

    def blank_rows(self, count: int) -> None:
        for _ in range(count):
            self.row({}, BLANK_INPUTS[self.kind])

    def validate(self, code: str, validation: DataValidation) -> None:
        letter = get_column_letter(self.column(code))
        validation.add(f"{letter}{self.first_data}:{letter}{max(self.writer.row, self.first_data)}")
        self.ws.add_data_validation(validation)

    def finish(self, context: FormContext, lists: dict[str, str], unit_list: bool = False) -> None:
        """Drop-downs and checks on the input columns, then protection (only input cells stay editable)."""
        if "title" in self.codes:
            self.validate(
                "title",
                _list_validation(
                    lists["title"],
                    "Danh hiệu đăng ký",
                    "Bấm vào ô rồi chọn danh hiệu trong danh sách.",
                    "Danh hiệu phải chọn trong danh sách của phong trào.",
                ),
            )
        if "phase" in self.codes and context.phases:
            self.validate(
                "phase",
                _list_validation(
                    lists["phase"],
                    "Giai đoạn",
                    "Chọn giai đoạn của phong trào (" + ", ".join(map(str, context.phases)) + ").",
                    "Giai đoạn phải chọn trong danh sách.",
                ),
            )
        if unit_list and "unit" in self.codes:
            self.validate(
                "unit",
                _list_validation(
                    lists["unit"],
                    "Chi bộ, đơn vị",
                    "Chọn đơn vị của chỉ tiêu.",
                    "Đơn vị phải chọn trong danh sách.",
                ),
            )
        for code in ("target_value", "achieved_value"):
            if code in self.codes:
                check = DataValidation(
                    type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True
                )
                check.error = "Hãy nhập một số không âm (ví dụ 95,5)."
                check.errorTitle = "Không phải số"
                check.showErrorMessage = True
                self.validate(code, check)
        for code in ("birth_date", "deadline", "achieved_date"):
            if code in self.codes:
                check = DataValidation(
                    type="date",
                    operator="between",
                    formula1="DATE(1900,1,1)",
                    formula2="DATE(2100,12,31)",
                    allow_blank=True,
                )
                check.errorStyle = "warning"
                check.error = "Hãy nhập ngày theo dạng ngày/tháng/năm, ví dụ 05/5/2025."
                check.errorTitle = "Ngày chưa đúng"
                check.showErrorMessage = True
                self.validate(code, check)
        protection = self.ws.protection
        protection.sheet = True
        protection.formatColumns = False
        protection.formatRows = False
        protection.insertRows = False


def _list_validation(source: str, title: str, prompt: str, error: str) -> DataValidation:
    validation = DataValidation(type="list", formula1=source, allow_blank=True)
    validation.promptTitle = title
    validation.prompt = prompt
    validation.showInputMessage = True
    validation.errorTitle = "Giá trị không có trong danh sách"
    validation.error = error
    validation.showErrorMessage = True
    return validation


def _subtitles(context: FormContext) -> list[str]:
    return [f"Phong trào: {context.campaign.name}"]


def _person_values(number: int, person: PersonRecord, pledge: PledgeRecord | None) -> dict[str, object]:
    return {
        "ordinal": number,
        "full_name": person.full_name,
        "birth_date": person.birth_date,
        "position": person.position,
        "title": pledge.title_name if pledge and pledge.title_code else None,
        "content": pledge.content if pledge else None,
    }


def _target_values(number: int, unit: UnitRecord, target: TargetRecord) -> dict[str, object]:
    return {
        "ordinal": number,
        "unit": unit.name,
        "target": target.content,
        "target_value": target.target_value,
        "unit_of_measure": target.unit_of_measure,
        "deadline": target.deadline,
        "phase": target.phase_number,
    }


def _result_values(
    number: int, unit: UnitRecord, pledge: PledgeRecord, target: TargetRecord, latest: EvidenceRecord | None
) -> dict[str, object]:
    return {
        "ordinal": number,
        "unit": unit.name,
        "full_name": pledge.subject_name if pledge.subject_type == SubjectType.PERSON else None,
        "target": target.content,
        "target_value": target.target_value,
        "achieved_value": latest.achieved_value if latest else None,
        "achieved_date": latest.achieved_date if latest else None,
        "document_ref": latest.document_ref if latest else None,
        "notes": latest.description if latest else None,
    }


@dataclass(frozen=True)
class Letterhead:
    superior: str
    issuer: str
    state: bool


def letterhead(context: FormContext, unit: UnitRecord | None) -> Letterhead:
    """A Party branch writes under the Party organisation; a mass organization or the ward administration under
    its parent with the state motto; a workbook for several units under the committee."""
    settings = context.settings
    if unit is None:
        return Letterhead(settings.superior_party_organization, settings.committee_name, False)
    if unit.is_party_org:
        return Letterhead(settings.party_organization_name, unit.name, False)
    return Letterhead(unit.parent_name or settings.state_body_name, unit.name, True)


def write_workbook(context: FormContext, branches: Sequence[Branch], path: Path) -> int:
    """One workbook for ``branches`` (per-branch files get one each); returns the pre-filled rows written."""
    combined = len(branches) > 1
    workbook = Workbook()
    workbook.remove(workbook.active)
    styles = StyleBook(workbook)
    taken = {META_SHEET, GUIDE_SHEET}
    meta: list[tuple[str, str, str]] = []
    lists = {
        "title": _list_range(TITLE_LIST_COLUMN, len(context.titles)),
        "phase": _list_range(PHASE_LIST_COLUMN, len(context.phases)),
        "unit": _list_range(UNIT_LIST_COLUMN, len(branches)),
    }
    rows = 0
    single = branches[0].unit if not combined else None

    # individual pledges: one sheet per branch (the sheet's unit is in the metadata)
    for branch in branches:
        label = f"{PERSON_SHEET} - {branch.unit.short_name or branch.unit.name}" if combined else PERSON_SHEET
        name = sheet_name(label, taken)
        table = _Table(workbook, styles, name, SheetKind.PERSON_PLEDGES)
        table.begin(context, letterhead(context, branch.unit), "Bản đăng ký thi đua của cá nhân")
        for number, person in enumerate(branch.members, start=1):
            assert person.id is not None
            table.row(
                _person_values(number, person, branch.person_pledges.get(person.id)),
                PREFILLED_INPUTS[SheetKind.PERSON_PLEDGES],
            )
            rows += 1
        table.blank_rows(EXTRA_ROWS)
        table.finish(context, lists)
        meta += [
            ("kind", SheetKind.PERSON_PLEDGES.value, name),
            ("unit_id", str(branch.unit.id), name),
            ("unit_name", branch.unit.name, name),
        ]

    # collective targets and results: the unit column says whose they are
    header = letterhead(context, single)
    targets = _Table(workbook, styles, sheet_name(TARGET_SHEET, taken), SheetKind.UNIT_TARGETS)
    targets.begin(context, header, "Bản đăng ký chỉ tiêu thi đua của tập thể")
    number = 0
    for branch in branches:
        for pledge, target in branch.targets:
            if pledge.subject_type == SubjectType.UNIT:
                number += 1
                targets.row(
                    _target_values(number, branch.unit, target), PREFILLED_INPUTS[SheetKind.UNIT_TARGETS]
                )
                rows += 1
    targets.blank_rows(EXTRA_ROWS)
    targets.finish(context, lists, unit_list=combined)
    meta.append(("kind", SheetKind.UNIT_TARGETS.value, targets.ws.title))

    results = _Table(workbook, styles, sheet_name(RESULT_SHEET, taken), SheetKind.RESULTS)
    results.begin(context, header, "Kết quả thực hiện chỉ tiêu thi đua")
    number = 0
    for branch in branches:
        for pledge, target in branch.targets:
            number += 1
            assert target.id is not None
            latest = context.evidence.get(target.id)
            results.row(
                _result_values(number, branch.unit, pledge, target, latest),
                PREFILLED_INPUTS[SheetKind.RESULTS],
            )
            rows += 1
    results.finish(context, lists)
    meta.append(("kind", SheetKind.RESULTS.value, results.ws.title))

    _write_guide(workbook, styles, context, branches)
    meta.append(("role", "instructions", GUIDE_SHEET))
    _write_meta(workbook, context, single, meta, branches)
    workbook.active = 0
    with atomic_path(path) as temporary:
        workbook.save(temporary)
    return rows


def _list_range(column: str, count: int) -> str:
    return f"{quote_sheetname(META_SHEET)}!${column}$1:${column}${max(count, 1)}"


def _write_meta(
    workbook: Workbook,
    context: FormContext,
    unit: UnitRecord | None,
    per_sheet: list[tuple[str, str, str]],
    branches: Sequence[Branch],
) -> None:
    ws = workbook.create_sheet(META_SHEET)
    values = {
        "template_version": TEMPLATE_VERSION,
        "campaign_id": str(context.campaign.id),
        "unit_id": str(unit.id) if unit else "",
        "unit_name": unit.name if unit else "",
        "generated_at": context.generated_at,
        "program_version": __version__,
        "campaign_name": context.campaign.name,
    }
    rows: list[tuple[str, str, str]] = [(k, v, "") for k, v in values.items()]
    rows += per_sheet
    for index, (key, value, sheet) in enumerate(rows, start=1):
        put(ws.cell(index, 1), key)
        put(ws.cell(index, 2), value)
        if sheet:
            put(ws.cell(index, 3), sheet)
    columns: dict[str, Sequence[object]] = {
        TITLE_LIST_COLUMN: context.titles,
        PHASE_LIST_COLUMN: context.phases,
        UNIT_LIST_COLUMN: [b.unit.name for b in branches],
    }
    for letter, items in columns.items():
        for index, item in enumerate(items, start=1):
            put(ws[f"{letter}{index}"], item)
    ws.sheet_state = "veryHidden"
    ws.protection.sheet = True


def _write_guide(
    workbook: Workbook, styles: StyleBook, context: FormContext, branches: Sequence[Branch]
) -> None:
    ws = workbook.create_sheet(GUIDE_SHEET)
    writer = PlainWriter(ws, styles)
    set_column_widths(ws, [4, 110])
    settings = context.settings
    board = settings.organization_board_name
    who = branches[0].unit.name if len(branches) == 1 else "các đơn vị"
    due = (
        f" trước ngày {format_date(context.return_by)}"
        if context.return_by
        else " đúng thời hạn được thông báo"
    )
    titles = "; ".join(context.titles)
    lines = [
        f"Tệp này do {board} gửi {who} để đăng ký thi đua trong phong trào «{context.campaign.name}».",
        f"Trang «{PERSON_SHEET}»: danh sách thành viên đã điền sẵn. Ở mỗi người, bấm vào ô «Danh hiệu đăng ký» và "
        f"chọn trong danh sách ({titles}); ghi «Nội dung đăng ký» (cam kết, phần việc cụ thể) và «Ghi chú» nếu cần. "
        "Người không đăng ký thì để trống cả hai ô.",
        "Người chưa có trong danh sách: ghi vào các dòng trống cuối bảng họ và tên, ngày sinh, chức vụ, danh hiệu và "
        "nội dung đăng ký. Không sửa họ tên, ngày sinh của người đã có sẵn; nếu sai, hãy ghi vào cột «Ghi chú».",
        f"Trang «{TARGET_SHEET}»: các chỉ tiêu của đơn vị. Ghi hoặc sửa «Chỉ tiêu đăng ký» (chỉ ghi số, ví dụ 100 "
        "hoặc 95,5), «Đơn vị tính» (%, người, hộ, triệu đồng...), «Thời hạn» và «Giai đoạn». Chỉ tiêu mới ghi vào "
        "các dòng trống cuối bảng"
        + (
            " (cột «Chi bộ, đơn vị» chọn trong danh sách)."
            if len(branches) > 1
            else " (cột «Chi bộ, đơn vị» có thể để trống)."
        ),
        f"Trang «{RESULT_SHEET}»: khi sơ kết, tổng kết, ghi «Kết quả đạt được» (số), «Ngày đạt» và số, ký hiệu văn "
        "bản minh chứng (biên bản, báo cáo, quyết định...). Kết quả đã ghi trước đây được điền sẵn; sửa nếu có số "
        "liệu mới.",
        "Ngày tháng ghi theo dạng ngày/tháng/năm, ví dụ 05/5/2025. Số thập phân dùng dấu phẩy, ví dụ 95,5.",
        "Chỉ nhập vào các ô nền vàng; các ô khác đã được khóa để giữ đúng mẫu. Không đổi tên, xóa hoặc thêm trang "
        "tính, không sao chép sang tệp khác: tệp có thông tin nhận diện ẩn giúp chương trình nhận đúng đơn vị và "
        "phong trào khi nhập lại.",
        f"Lưu tệp (Excel .xlsx; có thể lưu .xls hoặc .ods nếu dùng phần mềm khác) và gửi lại {board}{due} qua thư "
        "điện tử, Zalo hoặc USB.",
    ]
    row = writer.append([("HƯỚNG DẪN ĐIỀN PHIẾU ĐĂNG KÝ THI ĐUA", "title"), None], 24)
    writer.merge(row, 1, row, 2)
    writer.skip(1, 8)
    for number, line in enumerate(lines, start=1):
        writer.append(
            [(f"{number}.", "instruction_bold"), (line, "instruction")],
            LINE_HEIGHT * lines_needed(line, 110) + 4,
        )
    writer.skip(1, 8)
    writer.append(
        [None, (f"Tệp lập ngày {format_date(context.when)} bằng Thi đua Desktop {__version__}.", "note")]
    )
    setup_page(ws, landscape=False)


def output_name(unit: UnitRecord, taken: set[str]) -> str:
    base = f"Dang ky thi dua - {file_slug(unit.name)}"
    name = f"{base}.xlsx"
    if name.lower() in taken:
        name = f"{base} ({unit.id}).xlsx"
    taken.add(name.lower())
    return name


def export_forms(
    db: Database,
    campaign_id: int,
    output: Path,
    *,
    unit_ids: Sequence[int] | None = None,
    one_workbook: bool | None = None,
    when: date | None = None,
    return_by: date | None = None,
    progress: ProgressCallback | None = None,
) -> ExportResult:
    """Write the branches' workbooks.

    ``output`` is a folder (one file per branch) unless it ends in ".xlsx": then one workbook, with an individual
    pledge sheet per branch when there are several. ``one_workbook=True`` with a folder writes
    "Dang ky thi dua - tat ca don vi.xlsx" into it. Each file is written under a temporary name and renamed when
    complete, so a cancel (``progress`` raising) or a failure never leaves a half-written file.
    """
    output = Path(output)
    context = load_context(db, campaign_id, when, return_by)
    branches = load_branches(db, campaign_id, unit_ids)
    to_file = output.suffix.lower() == ".xlsx"
    if one_workbook is None:
        one_workbook = to_file
    if to_file and not one_workbook and len(branches) > 1:
        one_workbook = True
    jobs: list[tuple[Path, list[Branch]]]
    if one_workbook:
        path = output if to_file else output / "Dang ky thi dua - tat ca don vi.xlsx"
        jobs = [(path, list(branches))]
    else:
        folder = output.parent if to_file else output
        taken: set[str] = set()
        jobs = [(output if to_file else folder / output_name(b.unit, taken), [b]) for b in branches]
    written: list[Path] = []
    rows = 0
    for done, (path, group) in enumerate(jobs):
        if progress is not None:
            progress(done, len(jobs))
        rows += write_workbook(context, group, path)
        written.append(path)
    if progress is not None:
        progress(len(jobs), len(jobs))
    return ExportResult(written, rows)

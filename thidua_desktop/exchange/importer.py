"""Importing branches' sheets: a preview of every row first, then one all-or-nothing transaction.

``plan_import`` reads a file (``sheet_reader``), finds each sheet's table (``header_detect``), reads the values
(``values``) and matches every row against the database, loaded once into dictionaries keyed by folded names (no
query per row): people by normalised name + birth date (+ unit), units by normalised name, targets by unit +
content, pledges by campaign + subject. The result, an ``ImportPlan``, lists every row as new / update / unchanged
/ warning / error with its reason and holds the writes to make. ``apply_import`` makes them in one
``db.session()`` (bulk statements, with audit entries written alongside), logs an ``ImportLog`` row and refuses a
plan with errors or one planned against data that has changed since. Importing the same file twice changes nothing
the second time.

The unit a pledge, target or result sheet belongs to comes from our hidden metadata sheet (``fields.META_SHEET``:
rows of key, value and optionally the sheet name the row is about), a unit column, the ``unit_name`` the user chose,
or the title block ("CHI BỘ TỔ DÂN PHỐ 5"), in that order.
"""

from __future__ import annotations

import gc
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from operator import itemgetter
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from thidua_desktop.core.enums import EvidenceStatus, PledgeSource, RatingLevel, UnitKind
from thidua_desktop.core.errors import UserError, ValidationError
from thidua_desktop.core.models import (
    AuditEntry,
    AwardForm,
    Base,
    Campaign,
    ColumnMapping,
    Evidence,
    ImportLog,
    Person,
    Phase,
    Pledge,
    QualityRating,
    Setting,
    Target,
    Unit,
)
from thidua_desktop.core.services.persons import PersonRecord, validate_person
from thidua_desktop.core.settings_schema import OrganizationSettings
from thidua_desktop.core.storage.atomic import atomic_path
from thidua_desktop.core.storage.bulk import audit_inserts, audited_columns, insert_rows
from thidua_desktop.core.storage.database import Database
from thidua_desktop.core.text import format_number
from thidua_desktop.core.unit_matching import (
    UnitMatcher,
    UnitName,
    display_name,
    guess_kind,
    names_a_unit,
    unit_key,
)
from thidua_desktop.exchange import fields as F
from thidua_desktop.exchange.fields import KIND_FIELDS, SHEET_KIND_LABELS, SheetKind
from thidua_desktop.exchange.header_detect import (
    SCAN_ROWS,
    HeaderMatch,
    detect_header,
    guess_header_row,
    header_signature,
    is_section_label,
    iter_data_rows,
    match_from_mapping,
    title_block,
)
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
    ValueProblem,
    age_at,
    cell_text,
    fast_fold,
    formula_problem,
    is_blank,
    key_text,
    parse_birth_date,
    parse_date,
    parse_gender,
    parse_measured,
    parse_phase,
    parse_rating_level,
    parse_score,
    parse_title,
    parse_year,
    sheet_encoding,
    title_index,
    title_year,
    too_long,
)

PREVIEW_ROWS = 12
_IMPORTED = PledgeSource.IMPORT.value
_BIRTH_DATE, _POSITION, _TITLE, _PLEDGE_CONTENT, _FULL_NAME = (
    F.BIRTH_DATE.code,
    F.POSITION.code,
    F.TITLE.code,
    F.PLEDGE_CONTENT.code,
    F.FULL_NAME.code,
)
_YEAR_ONLY = re.compile(r"^(?:nam )?\d{4}$")


class RowStatus(StrEnum):
    NEW = "new"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    WARNING = "warning"
    ERROR = "error"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    RowStatus.NEW: "Thêm mới",
    RowStatus.UPDATE: "Cập nhật",
    RowStatus.UNCHANGED: "Không đổi",
    RowStatus.WARNING: "Cảnh báo",
    RowStatus.ERROR: "Lỗi",
}


class ProgressLike(Protocol):
    def update(self, done: int, total: int = 0, text: str = "") -> None: ...


@dataclass(slots=True)
class Issue:
    sheet: str
    row: int | None
    column: str
    message: str
    level: str = "error"

    def to_json(self) -> dict[str, Any]:
        return {"sheet": self.sheet, "row": self.row, "column": self.column, "message": self.message}

    @property
    def where(self) -> str:
        parts = [f"trang «{self.sheet}»"] if self.sheet else []
        if self.row is not None:
            parts.append(f"dòng {self.row}")
        if self.column:
            parts.append(f"cột {self.column}")
        return ", ".join(parts)


# --- writes --------------------------------------------------------------------------------------------------

Ref = tuple[str, int]
"""("id", database id) or ("new", index of a planned insert of the same table)."""


_NO_REFS: dict[str, Ref] = {}
"""Shared by the inserts that refer to no planned row (never changed)."""


@dataclass(slots=True)
class Insert:
    table: str
    values: dict[str, Any]
    refs: dict[str, Ref] = field(default_factory=dict)
    """Columns whose value is another row, possibly planned in this import."""


@dataclass(slots=True)
class Change:
    table: str
    row_id: int
    before: dict[str, Any]
    after: dict[str, Any]


@dataclass(slots=True)
class PlanRow:
    sheet: str
    row: int
    """Row number as Excel shows it."""
    kind: str
    subject: str
    unit_name: str = ""
    detail_parts: tuple[str, ...] = ()
    """What the row gives (title and content, a value…), shown joined as ``details``."""
    action: RowStatus = RowStatus.UNCHANGED
    reason: str = ""
    issues: list[Issue] = field(default_factory=list)
    inserts: list[int] = field(default_factory=list, repr=False)
    changes: list[int] = field(default_factory=list, repr=False)

    @property
    def details(self) -> str:
        return "; ".join(part for part in self.detail_parts if part)

    @property
    def status(self) -> RowStatus:
        if any(i.level == "error" for i in self.issues):
            return RowStatus.ERROR
        if self.issues:
            return RowStatus.WARNING
        return self.action

    @property
    def status_label(self) -> str:
        return self.status.label

    @property
    def message(self) -> str:
        notes = [i.message for i in self.issues if i.level == "error"]
        notes += [i.message for i in self.issues if i.level != "error"]
        if not any(i.level == "error" for i in self.issues) and self.reason:
            notes.append(self.reason)
        return " ".join(notes)


@dataclass
class SheetMapping:
    """A user's column mapping for a sheet whose headers were not recognised."""

    kind: str
    header_row: int
    """0-based index of the (first) header row."""
    columns: dict[int, str]
    """Column index → field code."""
    header_height: int = 1
    sheet: str = ""
    """Sheet name it is for; empty: the first sheet whose header is not recognised."""

    def to_json(self) -> str:
        return json.dumps(
            {
                "kind": self.kind,
                "header_height": self.header_height,
                "columns": {str(k): v for k, v in sorted(self.columns.items())},
            },
            ensure_ascii=False,
        )


@dataclass
class SheetPlan:
    name: str
    kind: str
    kind_label: str
    header_row: int
    header_height: int
    columns: dict[int, str]
    header_texts: dict[int, str]
    signature: str
    unit_id: int | None = None
    unit_name: str = ""
    unit_source: str = ""
    rows_read: int = 0
    from_mapping: bool = False


@dataclass
class UnrecognisedSheet:
    """A sheet with data but no recognisable header: what the column-mapping dialog shows."""

    name: str
    header_row: int
    signature: str
    preview: list[list[str]]
    """The first rows (as text), from the top of the sheet."""
    width: int


@dataclass(slots=True)
class UnitQuestion:
    """A unit name that fits several units: the GUI asks which one is meant (``plan_import(unit_choices=…)``)."""

    text: str
    """As written in the sheet."""
    candidates: list[str]
    """Names of the units it may mean."""
    sheet: str = ""
    row: int | None = None
    column: str = ""


@dataclass
class ImportPlan:
    file: str
    file_name: str
    sha256: str
    campaign_id: int | None
    sheets: list[SheetPlan] = field(default_factory=list)
    rows: list[PlanRow] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    """Problems of the file or a sheet as a whole (rows' own problems are in ``rows``)."""
    unrecognised: list[UnrecognisedSheet] = field(default_factory=list)
    unit_questions: list[UnitQuestion] = field(default_factory=list)
    inserts: list[Insert] = field(default_factory=list, repr=False)
    changes: list[Change] = field(default_factory=list, repr=False)
    fingerprint: tuple[Any, ...] = ()

    @property
    def kinds(self) -> list[str]:
        return list(dict.fromkeys(s.kind for s in self.sheets))

    @property
    def kind(self) -> str:
        return ",".join(self.kinds)

    @property
    def needs_mapping(self) -> bool:
        return not self.sheets and bool(self.unrecognised)

    @property
    def rows_read(self) -> int:
        return len(self.rows)

    def _all_issues(self) -> Iterable[Issue]:
        yield from self.issues
        for row in self.rows:
            if row.issues:
                yield from row.issues

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self._all_issues() if i.level == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self._all_issues() if i.level != "error"]

    @property
    def has_errors(self) -> bool:
        if any(i.level == "error" for i in self.issues):
            return True
        return any(i.level == "error" for row in self.rows if row.issues for i in row.issues)

    def count(self, action: RowStatus) -> int:
        return self.action_counts()[action]

    def action_counts(self) -> dict[RowStatus, int]:
        """Rows per action (new, update, unchanged), rows with errors left out."""
        counts = dict.fromkeys(RowStatus, 0)
        counts.update(
            Counter(row.action for row in self.rows if not row.issues or row.status is not RowStatus.ERROR)
        )
        return counts

    def status_counts(self) -> dict[str, int]:
        counts = {s.value: 0 for s in RowStatus}
        for row in self.rows:
            counts[row.status.value] += 1
        return counts


@dataclass
class ImportResult:
    file: str
    kind: str
    rows_read: int
    created: int
    updated: int
    unchanged: int
    warnings: list[Issue]
    errors: list[Issue]
    written: bool = False

    def to_json(self) -> dict[str, Any]:
        """The CLI contract: flat, names by value."""
        return {
            "file": self.file,
            "kind": self.kind,
            "rows_read": self.rows_read,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "warnings": [w.to_json() for w in self.warnings],
            "errors": [e.to_json() for e in self.errors],
        }


def result_of(plan: ImportPlan, written: bool = False) -> ImportResult:
    """What a plan would do (or did, with ``written``): the counts of rows new / updated / unchanged."""
    counts = plan.action_counts()
    return ImportResult(
        file=plan.file,
        kind=plan.kind,
        rows_read=plan.rows_read,
        created=counts[RowStatus.NEW],
        updated=counts[RowStatus.UPDATE],
        unchanged=counts[RowStatus.UNCHANGED],
        warnings=plan.warnings,
        errors=plan.errors,
        written=written,
    )


def refused_result(plan: ImportPlan) -> ImportResult:
    """The result for a plan with errors: rows read and every problem, but nothing created, updated or kept."""
    result = result_of(plan)
    result.created = result.updated = result.unchanged = 0
    return result


def rejected_result(file: str, error: UserError, kind: str = "") -> ImportResult:
    """The result for a file that could not even be planned (not a spreadsheet, XML bomb…)."""
    if isinstance(error, ImportRejected):
        issues = [
            Issue(e.get("sheet") or "", e.get("row"), e.get("column") or "", e.get("message") or "")
            for e in error.errors
        ]
    else:
        issues = [Issue("", None, "", error.message)]
    return ImportResult(file, kind, 0, 0, 0, 0, [], issues)


def rejected_plan(path: Path | str, error: UserError) -> ImportPlan:
    """A plan that only carries why a file could not be read, so callers show and export it like any other."""
    path = Path(path)
    issues = rejected_result(str(path), error).errors
    return ImportPlan(file=str(path), file_name=path.name, sha256="", campaign_id=None, issues=issues)


# --- the database, loaded once ---------------------------------------------------------------------------------


def guess_unit_kind(name: str) -> str:
    """The ``UnitKind`` a new unit's name tells (``core.unit_matching.guess_kind``)."""
    kind = guess_kind(name)
    return kind if kind in UnitKind._value2member_map_ else UnitKind.OTHER.value


@dataclass(slots=True)
class _Person:
    id: int | None
    ref: Ref
    full_name: str
    birth_date: date | None
    unit_id: int | None
    unit_ref: Ref | None
    known: dict[str, Any] | None = None
    row: tuple[Any, ...] = ()
    """The database row (``PERSON_COLUMNS``) as read, made into ``values`` only when a people sheet needs it."""

    @property
    def values(self) -> dict[str, Any]:
        if self.known is None:
            values = dict(zip(PERSON_COLUMNS, self.row, strict=True))
            for column in ("party_join_date", "party_official_date"):
                if values[column] is not None:
                    values[column] = date.fromisoformat(values[column][:10])
            values["birth_date"] = self.birth_date
            values["is_party_member"] = bool(values["is_party_member"])
            self.known = values
        return self.known

    @values.setter
    def values(self, values: dict[str, Any]) -> None:
        self.known = values


@dataclass
class _Target:
    ref: Ref
    pledge_ref: Ref
    content_key: str
    values: dict[str, Any]
    row: int | None = None


@dataclass
class _Evidence:
    ref: Ref
    values: dict[str, Any]


PERSON_COLUMNS = (
    "full_name",
    "birth_date",
    "gender",
    "unit_id",
    "position",
    "is_party_member",
    "party_join_date",
    "party_official_date",
    "party_card_number",
    "notes",
)
TARGET_COLUMNS = ("content", "target_value", "unit_of_measure", "deadline", "phase_id", "sort_order")
EVIDENCE_COLUMNS = (
    "target_id",
    "pledge_id",
    "achieved_value",
    "achieved_date",
    "document_ref",
    "description",
)

FIELD_LABELS = {f.code: f.header for fields in KIND_FIELDS.values() for f in fields}


FINGERPRINTED = (Unit, Person, Pledge, Target, Evidence, Phase, Campaign, QualityRating)


def fingerprint(session: Session) -> tuple[Any, ...]:
    """What changes when any row the importer matches against is inserted, updated or deleted (one query)."""
    columns: list[Any] = [select(func.max(AuditEntry.id)).scalar_subquery()]
    for model in FINGERPRINTED:
        columns += [
            select(func.count()).select_from(model).scalar_subquery(),
            select(func.max(model.id)).scalar_subquery(),
            select(func.max(model.updated_at)).scalar_subquery(),
        ]
    return tuple(str(part) for part in session.execute(select(*columns)).one())


class _Snapshot:
    """Everything the rows are matched against, loaded in one short session."""

    def __init__(self, session: Session) -> None:
        """Units, people and titles; ``load_campaign`` adds what belongs to the campaign."""
        self.campaign_ids = set(session.scalars(select(Campaign.id)))
        self.units: dict[int, tuple[str, str]] = {}
        entries = []
        for uid, name, short, kind, parent in session.execute(
            select(Unit.id, Unit.name, Unit.short_name, Unit.kind, Unit.parent_id).order_by(Unit.id)
        ):
            self.units[uid] = (name, short)
            entries.append(UnitName(uid, name, short, kind, parent))
        place = session.scalar(select(Setting.value).where(Setting.key == "place_name"))
        self.place = OrganizationSettings.place_name if place is None else place
        self.matcher = UnitMatcher(entries, self.place)
        self.persons: dict[str, list[_Person]] = {}
        # plain SQL: tens of thousands of people load without SQLAlchemy's per-value processing
        persons = self.persons
        self.fold_of: dict[str, str] = {}
        """Names as stored → their folded key (saves folding again the names a sheet repeats exactly)."""
        fold_of = self.fold_of
        fromisoformat = date.fromisoformat
        cursor = session.connection().connection.driver_connection.execute(  # type: ignore[union-attr]
            f"SELECT id, {', '.join(PERSON_COLUMNS)} FROM person"
        )
        for row in cursor.fetchall():
            born = row[2]
            person = _Person(
                row[0],
                ("id", row[0]),
                row[1],
                fromisoformat(born[:10]) if born else None,
                row[4],
                None,
                None,
                row[1:],
            )
            key = fold_of.get(row[1])
            if key is None:
                key = fold_of[row[1]] = fast_fold(row[1])
            persons.setdefault(key, []).append(person)
        names = dict(session.execute(select(AwardForm.code, AwardForm.name)).all())
        self.title_names: dict[str, str] = names
        self.titles = title_index({name: code for code, name in names.items()})
        self.phases: dict[int, tuple[int, date | None, date | None]] = {}
        self.pledges_by_person: dict[int, tuple[int, str, str]] = {}
        self.pledges_by_unit: dict[int, int] = {}
        self.targets: dict[tuple[Ref, str], list[_Target]] = {}
        self.target_count: dict[Ref, int] = {}
        self.evidence: dict[tuple[str, int], list[_Evidence]] = {}
        self.ratings: dict[tuple[int, int], tuple[int, dict[str, Any]]] = {}
        """(person id, year) → (rating id, its level, score and notes)."""
        for rid, person_id, year, level, score, notes in session.execute(
            select(
                QualityRating.id,
                QualityRating.person_id,
                QualityRating.year,
                QualityRating.level,
                QualityRating.score,
                QualityRating.notes,
            ).where(QualityRating.person_id.is_not(None))
        ):
            self.ratings[(person_id, year)] = (rid, {"level": level, "score": score, "notes": notes})
        self.fingerprint = fingerprint(session)

    def load_campaign(self, session: Session, campaign_id: int) -> None:
        for pid, number, start, end in session.execute(
            select(Phase.id, Phase.number, Phase.start_date, Phase.end_date).where(
                Phase.campaign_id == campaign_id
            )
        ):
            self.phases[number] = (pid, start, end)
        pledge_ids: list[int] = []
        for pid, unit_id, person_id, title, content in session.execute(
            select(Pledge.id, Pledge.unit_id, Pledge.person_id, Pledge.title_code, Pledge.content)
            .where(Pledge.campaign_id == campaign_id)
            .order_by(Pledge.id)
        ):
            pledge_ids.append(pid)
            if person_id is not None:
                self.pledges_by_person.setdefault(person_id, (pid, title, content))
            elif unit_id is not None:
                self.pledges_by_unit.setdefault(unit_id, pid)
        target_columns = [getattr(Target, c) for c in TARGET_COLUMNS]
        for row in session.execute(
            select(Target.id, Target.pledge_id, *target_columns)
            .join(Pledge, Pledge.id == Target.pledge_id)
            .where(Pledge.campaign_id == campaign_id)
        ):
            values = dict(zip(TARGET_COLUMNS, row[2:], strict=True))
            pledge_ref: Ref = ("id", row[1])
            target = _Target(("id", row[0]), pledge_ref, fast_fold(values["content"]), values)
            self.targets.setdefault((pledge_ref, target.content_key), []).append(target)
            self.target_count[pledge_ref] = max(
                self.target_count.get(pledge_ref, 0), values["sort_order"] + 1
            )
        evidence_columns = [getattr(Evidence, c) for c in EVIDENCE_COLUMNS]
        for row in session.execute(
            select(Evidence.id, *evidence_columns).where(
                Evidence.pledge_id.in_(pledge_ids)
                | Evidence.target_id.in_(select(Target.id).where(Target.pledge_id.in_(pledge_ids)))
            )
        ):
            values = dict(zip(EVIDENCE_COLUMNS, row[1:], strict=True))
            key = ("target", values["target_id"]) if values["target_id"] else ("pledge", values["pledge_id"])
            self.evidence.setdefault(key, []).append(_Evidence(("id", row[0]), values))

    def find_unit(self, name: str) -> int | None:
        """The one unit a name means (None when none or several fit)."""
        found = self.matcher.find(name) if name else []
        return found[0] if len(found) == 1 else None


# --- planning --------------------------------------------------------------------------------------------------


class _RowReader:
    """Reads a data row's cells by field code, collecting the problems as issues."""

    __slots__ = ("planner", "index", "values", "issues", "columns", "width", "plain")

    def __init__(self, planner: _SheetPlanner, index: int, values: list[Any] | tuple[Any, ...]) -> None:
        self.planner = planner
        self.index = index
        self.values = values
        self.issues: list[Issue] = []
        self.columns = planner.columns
        self.width = len(values)
        self.plain = planner.plain_texts
        """Texts already read without a problem, by cell value (empty when cells have legacy fonts)."""

    def raw(self, code: str) -> Any:
        column = self.columns.get(code)
        if column is None or column >= self.width:
            return ""
        return self.values[column]

    def issue(self, code: str | None, message: str, level: str = "error") -> None:
        column = self.columns.get(code) if code else None
        self.issues.append(
            Issue(
                self.planner.sheet.name,
                self.index + 1,
                column_letter(column) if column is not None else "",
                message,
                level,
            )
        )

    def text(self, code: str) -> str:
        column = self.columns.get(code)
        if column is None or column >= self.width:
            return ""
        found = self.plain.get(self.values[column])
        return found if found is not None else self._text(code)[0]

    def _text(self, code: str) -> tuple[str, bool]:
        """The cell's text and whether it was refused (a formula)."""
        column = self.columns.get(code)
        if column is None or column >= self.width:
            return "", False
        value = self.values[column]
        if type(value) is not str:
            return ("", False) if value is None else (cell_text(value), False)
        if not value:
            return "", False
        planner = self.planner
        if planner.fonts:
            font = planner.fonts.get((self.index, column))
            key: Any = (value, font)
        else:
            font, key = None, value
        found = planner.text_cache.get(key)
        if found is None:
            text = cell_text(value, font, planner.encoding)
            problem = formula_problem(text)
            if problem is None and not planner.fonts:
                planner.plain_texts[value] = text  # the usual cell: one entry, found by ``text`` next time
                return text, False
            found = (text, problem)
            planner.text_cache[key] = found
        problem = found[1]
        if problem is None:
            return found[0], False
        self.issue(code, problem.message, "warning" if problem.is_warning else "error")
        return found[0], not problem.is_warning

    def parsed(self, code: str, parser: Callable[[Any], Any]) -> Any:
        """The cell read by ``parser``; text cells' results are cached per sheet (titles, dates repeat a lot)."""
        column = self.columns.get(code)
        if column is None or column >= self.width:
            return None
        value = self.values[column]
        if value is None or value == "":
            return None
        if type(value) is str:
            text = self.plain.get(value)
            if text is None:
                text, refused = self._text(code)
                if refused:
                    return None
            if not text:
                return None
            cache = self.planner.parse_cache.get(code)
            if cache is None:
                cache = self.planner.parse_cache[code] = {}
            found = cache.get(text)
            if found is None:
                try:
                    found = (parser(text), None)
                except ValueProblem as problem:
                    found = (None, problem)
                cache[text] = found
            result, problem = found
            if problem is not None:
                self.issue(code, problem.message, "warning" if problem.is_warning else "error")
            return result
        try:
            return parser(value)
        except ValueProblem as problem:
            self.issue(code, problem.message, "warning" if problem.is_warning else "error")
            return None

    def has_errors(self) -> bool:
        return any(i.level == "error" for i in self.issues)

    def year_only(self, code: str) -> bool:
        """Whether the cell holds a year alone (1958, "1958", "năm 1958")."""
        value = self.raw(code)
        kind = type(value)
        if kind is int or kind is float:
            return float(value).is_integer() and 1900 <= value <= 2100
        return kind is str and bool(_YEAR_ONLY.match(key_text(value)))


class _SheetPlanner:
    def __init__(
        self,
        planner: _Planner,
        sheet: SheetData,
        match: HeaderMatch,
        encoding: str | None,
        unit_id: int | None,
    ) -> None:
        self.planner = planner
        self.sheet = sheet
        self.match = match
        self.columns = {code: column for column, code in match.columns.items()}
        self.encoding = encoding
        self.unit_id = unit_id
        self.text_cache: dict[Any, tuple[str, ValueProblem | None]] = {}
        self.plain_texts: dict[str, str] = {}
        self.fonts = sheet.fonts
        self.year: int | None = None
        """The year a ratings sheet's title names, for sheets without a year column."""
        self.parse_cache: dict[str, dict[str, tuple[Any, ValueProblem | None]]] = {}
        """Field code → text → what its parser made of it (or the problem)."""


class _Planner:
    def __init__(
        self,
        db: Database,
        workbook: WorkbookData,
        plan: ImportPlan,
        snapshot: _Snapshot,
        unit_choices: dict[str, str] | None = None,
    ) -> None:
        self.db = db
        self.unit_choices = unit_choices or {}
        self.workbook = workbook
        self.plan = plan
        self.snap = snapshot
        self.new_units: dict[str, int] = {}
        self.new_unit_rows: dict[str, int] = {}
        self.unit_pledges: dict[int | Ref, Ref] = {}
        self.person_rows: dict[Ref, int] = {}
        self.person_pledges: dict[Ref, int] = {}
        self.rating_rows: dict[tuple[int, int], int] = {}
        self.last_key = ""
        self.source_file = workbook.file_name[:300]
        self.title_parser = self.parse_title

    # refs and inserts

    def add_insert(
        self, row: PlanRow, table: str, values: dict[str, Any], refs: dict[str, Ref] | None = None
    ) -> Ref:
        self.plan.inserts.append(Insert(table, values, _NO_REFS if refs is None else refs))
        index = len(self.plan.inserts) - 1
        row.inserts.append(index)
        return ("new", index)

    def add_change(
        self, row: PlanRow, table: str, row_id: int, before: dict[str, Any], after: dict[str, Any]
    ) -> None:
        self.plan.changes.append(Change(table, row_id, before, after))
        row.changes.append(len(self.plan.changes) - 1)

    def parse_title(self, value: Any) -> str | None:
        return parse_title(value, self.snap.titles)

    def unit_name(self, ref: Ref | None) -> str:
        if ref is None:
            return ""
        if ref[0] == "id":
            return self.snap.units[ref[1]][0]
        return str(self.plan.inserts[ref[1]].values["name"])

    def match_unit(self, text: str) -> list[int]:
        """Ids of the units a written name may mean; the user's answer for that text when there is one."""
        chosen = self.unit_choices.get(text)
        if chosen:
            found = self.snap.matcher.find(chosen)
            if len(found) == 1:
                return found
        return self.snap.matcher.find(text)

    def ask(self, text: str, candidates: list[int], sheet: str, row: int | None, column: str) -> str:
        """Record which units ``text`` may mean (the GUI asks, the CLI names them) and say so."""
        names = self.snap.matcher.names(candidates)
        if not any(q.text == text for q in self.plan.unit_questions):
            self.plan.unit_questions.append(UnitQuestion(text, names, sheet, row, column))
        listed = ", ".join(f"«{n}»" for n in names)
        return (
            f"«{text}» có thể là {len(names)} đơn vị: {listed}. Hãy ghi rõ tên đơn vị "
            "(hoặc chọn đơn vị của trang) rồi nhập lại."
        )

    def new_unit(self, row: PlanRow, name: str) -> Ref:
        """Plan a unit that is not in the list (once per name), under the parent units of its kind have."""
        key = unit_key(name)
        if key in self.new_units:
            return ("new", self.new_units[key])
        kind = guess_unit_kind(name)
        values = {
            "name": name,
            "short_name": "",
            "kind": kind,
            "is_party_org": kind in (UnitKind.PARTY_CELL.value, UnitKind.PARTY_COMMITTEE.value),
            "parent_id": self.snap.matcher.usual_parent(kind),
        }
        ref = self.add_insert(row, "unit", values)
        self.new_units[key] = ref[1]
        return ref

    def new_unit_note(self, ref: Ref) -> str:
        values = self.plan.inserts[ref[1]].values
        parent = values.get("parent_id")
        under = f" (thuộc «{self.snap.units[parent][0]}»)" if parent in self.snap.units else ""
        return f"Đơn vị «{values['name']}» chưa có trong danh sách: sẽ được thêm mới{under}."

    def unit_ref(self, reader: _RowReader, row: PlanRow, name: str, create: bool) -> Ref | None:
        problem = too_long(name, MAX_UNIT_NAME, "Tên đơn vị")
        if problem is not None:
            reader.issue(F.UNIT.code, problem.message)
            return None
        found = self.match_unit(name)
        if len(found) == 1:
            return ("id", found[0])
        if found:
            column = reader.columns.get(F.UNIT.code)
            letter = column_letter(column) if column is not None else ""
            reader.issue(F.UNIT.code, self.ask(name, found, reader.planner.sheet.name, row.row, letter))
            return None
        key = unit_key(name)
        if key in self.new_units:
            return ("new", self.new_units[key])
        if not create:
            reader.issue(F.UNIT.code, f"Không tìm thấy đơn vị «{name}» trong danh sách đơn vị.")
            return None
        ref = self.new_unit(row, name)
        reader.issue(F.UNIT.code, self.new_unit_note(ref), "warning")
        return ref

    # people

    def match_person(
        self, name: str, birth: date | None, unit: Ref | None, year_only: bool = False
    ) -> tuple[_Person | None, str | None]:
        """The person a row names: same normalised name and birth date (only the year when the sheet gives a
        year alone), the unit telling namesakes apart; or (None, why it is ambiguous)."""
        key = self.snap.fold_of.get(name)
        self.last_key = key = fast_fold(name) if key is None else key
        candidates = self.snap.persons.get(key)
        if not candidates:
            return None, None
        if len(candidates) == 1 and birth is not None and not year_only:
            only = candidates[0]
            if only.birth_date == birth:
                return only, None

        def in_unit(p: _Person) -> bool:
            if unit is None:
                return False
            return p.unit_ref == unit or (p.unit_id is not None and ("id", p.unit_id) == unit)

        if birth is not None:
            if year_only:
                exact = [
                    p for p in candidates if p.birth_date is not None and p.birth_date.year == birth.year
                ]
            else:
                exact = [p for p in candidates if p.birth_date == birth]
            if len(exact) > 1:
                exact = [p for p in exact if in_unit(p)] or exact
            if len(exact) == 1:
                return exact[0], None
            if len(exact) > 1:
                return None, f"Có {len(exact)} người trùng họ tên «{name}» và ngày sinh: không biết là ai."
            undated = [p for p in candidates if p.birth_date is None and (unit is None or in_unit(p))]
            if len(undated) == 1:
                return undated[0], None
            return None, None
        same_unit = [p for p in candidates if in_unit(p)]
        if len(same_unit) == 1:
            return same_unit[0], None
        if len(same_unit) > 1:
            return (
                None,
                f"Đơn vị có {len(same_unit)} người tên «{name}»: hãy ghi thêm ngày sinh để phân biệt.",
            )
        if len(candidates) == 1 and (unit is None or candidates[0].unit_id is None):
            return candidates[0], None
        if len(candidates) == 1:
            return None, None
        return None, f"Có {len(candidates)} người tên «{name}»: hãy ghi thêm ngày sinh để phân biệt."

    def remember_person(self, person: _Person, key: str | None = None) -> None:
        self.snap.persons.setdefault(key or fast_fold(person.full_name), []).append(person)

    def plan_people_row(self, sp: _SheetPlanner, reader: _RowReader, row: PlanRow, unit: Ref | None) -> None:
        name = row.subject
        values: dict[str, Any] = {
            "birth_date": reader.parsed(F.BIRTH_DATE.code, parse_birth_date),
            "gender": reader.parsed(F.GENDER.code, parse_gender),
            "party_join_date": reader.parsed(F.PARTY_JOIN.code, parse_date),
            "party_official_date": reader.parsed(F.PARTY_OFFICIAL.code, parse_date),
            "party_card_number": reader.text(F.CARD.code),
            "position": reader.text(F.POSITION.code),
            "notes": reader.text(F.NOTES.code),
        }
        unit_text = reader.text(F.UNIT.code)
        if unit_text:
            unit = self.unit_ref(reader, row, unit_text, create=True)
        row.unit_name = self.unit_name(unit)
        _check_join_age(reader, values)
        if reader.has_errors():
            return
        year_only = values["birth_date"] is not None and reader.year_only(F.BIRTH_DATE.code)
        person, problem = self.match_person(name, values["birth_date"], unit, year_only)
        if problem:
            reader.issue(F.FULL_NAME.code, problem)
            return
        given = {k: v for k, v in values.items() if v not in (None, "")}
        if year_only and person is not None and person.birth_date is not None:
            given.pop("birth_date", None)  # a year alone does not overwrite a full date of the same year
        is_member = bool(
            values["party_join_date"] or values["party_card_number"] or values["party_official_date"]
        )
        if person is None:
            record = PersonRecord(
                full_name=name,
                is_party_member=is_member,
                **{
                    k: given.get(k)
                    for k in ("birth_date", "gender", "party_join_date", "party_official_date")
                },
                party_card_number=values["party_card_number"],
            )
            if not self._validate(reader, record):
                return
            insert_values = {
                "full_name": name,
                "birth_date": values["birth_date"],
                "gender": values["gender"],
                "unit_id": unit[1] if unit and unit[0] == "id" else None,
                "position": values["position"],
                "is_party_member": is_member,
                "party_join_date": values["party_join_date"],
                "party_official_date": values["party_official_date"],
                "party_card_number": values["party_card_number"],
                "notes": values["notes"],
            }
            refs = {"unit_id": unit} if unit and unit[0] == "new" else {}
            ref = self.add_insert(row, "person", insert_values, refs)
            self.remember_person(
                _Person(None, ref, name, values["birth_date"], insert_values["unit_id"], unit, insert_values)
            )
            self.person_rows[ref] = row.row
            row.action, row.reason = RowStatus.NEW, "Thêm người mới."
            return
        if person.id is None:
            reader.issue(
                F.FULL_NAME.code,
                f"Trùng với dòng {self.person_rows.get(person.ref, '?')} của tệp.",
                "warning",
            )
            row.reason = "Đã có ở dòng trước: bỏ qua."
            return
        before = person.values
        after = dict(before)
        after.update(given)
        if is_member:
            after["is_party_member"] = True
        refs: dict[str, Ref] = {}
        if unit is not None:
            if unit[0] == "id":
                after["unit_id"] = unit[1]
            elif person.unit_id is None or person.unit_ref != unit:
                refs["unit_id"] = unit
        record = PersonRecord(
            full_name=after["full_name"],
            is_party_member=after["is_party_member"],
            birth_date=after["birth_date"],
            gender=after["gender"],
            party_join_date=after["party_join_date"],
            party_official_date=after["party_official_date"],
            party_card_number=after["party_card_number"],
        )
        if not self._validate(reader, record):
            return
        changed = [k for k in PERSON_COLUMNS if after[k] != before[k]]
        if refs:
            changed.append("unit_id")
        if not changed:
            row.action, row.reason = RowStatus.UNCHANGED, "Không thay đổi."
            return
        assert person.id is not None
        self.add_change(
            row, "person", person.id, {k: before[k] for k in changed}, {k: after.get(k) for k in changed}
        )
        if refs:
            self.plan.changes[-1].after["unit_id"] = refs["unit_id"]
        person.values = after
        row.action = RowStatus.UPDATE
        row.reason = "Cập nhật " + ", ".join(PERSON_LABELS.get(k, k) for k in changed) + "."

    def _validate(self, reader: _RowReader, record: PersonRecord) -> bool:
        try:
            validate_person(record)
        except ValidationError as error:
            reader.issue(error.field if error.field in reader.planner.columns else None, error.message)
            return False
        return True

    # pledges

    def person_for_pledge(
        self,
        reader: _RowReader,
        row: PlanRow,
        unit: Ref | None,
        birth: date | None,
        position: str,
        birth_is_date: bool = False,
    ) -> Ref | None:
        """The person a pledge row names, matched or planned as new; ``birth_is_date`` when the birth cell held a
        real date (so not a year alone)."""
        name = row.subject
        year_only = birth is not None and not birth_is_date and reader.year_only(_BIRTH_DATE)
        person, problem = self.match_person(name, birth, unit, year_only)
        if problem:
            reader.issue(_FULL_NAME, problem)
            return None
        if person is not None:
            if person.unit_id is not None:
                row.unit_name = self.snap.units.get(person.unit_id, ("", ""))[0]
            return person.ref
        if unit is None:
            reader.issue(
                _FULL_NAME,
                f"«{name}» chưa có trong cơ sở dữ liệu và không biết thuộc đơn vị nào: hãy chọn đơn vị của trang.",
            )
            return None
        key = self.last_key
        if birth is not None and birth > date.today():
            reader.issue(_BIRTH_DATE, "Ngày sinh không được sau ngày hôm nay.")
            return None
        values = {
            "full_name": name,
            "birth_date": birth,
            "gender": None,
            "unit_id": unit[1] if unit[0] == "id" else None,
            "position": position,
            "is_party_member": False,
            "party_join_date": None,
            "party_official_date": None,
            "party_card_number": "",
            "notes": "",
        }
        ref = self.add_insert(row, "person", values, {"unit_id": unit} if unit[0] == "new" else {})
        self.remember_person(_Person(None, ref, name, birth, values["unit_id"], unit, values), key)
        self.person_rows[ref] = row.row
        reader.issue(
            _FULL_NAME,
            f"«{name}» chưa có trong cơ sở dữ liệu: sẽ được thêm vào «{self.unit_name(unit)}».",
            "warning",
        )
        return ref

    def plan_pledge_row(self, sp: _SheetPlanner, reader: _RowReader, row: PlanRow, unit: Ref | None) -> None:
        campaign_id = self.plan.campaign_id
        birth_cell = reader.raw(_BIRTH_DATE)
        birth_is_date = type(birth_cell) is date
        birth = reader.parsed(_BIRTH_DATE, parse_birth_date)
        position = reader.text(_POSITION)
        title = reader.parsed(_TITLE, self.title_parser)
        content = reader.text(_PLEDGE_CONTENT)
        row.unit_name = self.unit_name(unit) if unit is not None else ""
        title_name = self.snap.title_names.get(title, title) if title else ""
        row.detail_parts = (title_name, content)
        if reader.issues and reader.has_errors():
            return
        person = self.person_for_pledge(reader, row, unit, birth, position, birth_is_date)
        if person is None or campaign_id is None:
            return
        existing = self.snap.pledges_by_person.get(person[1]) if person[0] == "id" else None
        planned = self.person_pledges.get(person)
        if planned is not None:
            reader.issue(_FULL_NAME, f"Đã đăng ký ở dòng {planned} của tệp: dòng này bị bỏ qua.", "warning")
            row.reason = "Trùng dòng trước."
            return
        self.person_pledges[person] = row.row
        if existing is None:
            if not title and not content:
                row.action = RowStatus.NEW if row.inserts else RowStatus.UNCHANGED
                row.reason = "Chưa đăng ký (danh hiệu và nội dung để trống)."
                return
            values = {
                "campaign_id": campaign_id,
                "person_id": person[1] if person[0] == "id" else None,
                "unit_id": None,
                "household_id": None,
                "title_code": title or "",
                "content": content,
                "source": _IMPORTED,
                "source_file": self.source_file,
                "source_row": row.row,
                "pledge_date": None,
            }
            self.add_insert(row, "pledge", values, {"person_id": person} if person[0] == "new" else {})
            row.action, row.reason = RowStatus.NEW, "Thêm đăng ký thi đua."
            return
        pledge_id, old_title, old_content = existing
        after = {"title_code": title or old_title, "content": content or old_content}
        before = {"title_code": old_title, "content": old_content}
        changed = [k for k in after if after[k] != before[k]]
        if not changed:
            row.action, row.reason = RowStatus.UNCHANGED, "Không thay đổi."
            return
        self.add_change(
            row, "pledge", pledge_id, {k: before[k] for k in changed}, {k: after[k] for k in changed}
        )
        self.snap.pledges_by_person[person[1]] = (pledge_id, after["title_code"], after["content"])
        row.action = RowStatus.UPDATE
        row.reason = (
            "Cập nhật "
            + ", ".join({"title_code": "danh hiệu", "content": "nội dung"}[k] for k in changed)
            + "."
        )

    # ratings

    def plan_rating_row(self, sp: _SheetPlanner, reader: _RowReader, row: PlanRow, unit: Ref | None) -> None:
        """A person's quality rating of a year: added, or updated when that year is already rated."""
        birth = reader.parsed(_BIRTH_DATE, parse_birth_date)
        year = reader.parsed(F.YEAR.code, parse_year) if F.YEAR.code in sp.columns else None
        year = year if year is not None else sp.year
        level = reader.parsed(F.RATING.code, parse_rating_level)
        score = reader.parsed(F.SCORE.code, parse_score)
        notes = reader.text(F.NOTES.code)
        unit_text = reader.text(F.UNIT.code)
        if unit_text:
            unit = self.unit_ref(reader, row, unit_text, create=False)
        row.unit_name = self.unit_name(unit)
        row.detail_parts = (str(year or ""), RatingLevel(level).label if level else "")
        if year is None:
            reader.issue(
                F.YEAR.code if F.YEAR.code in sp.columns else None,
                "Không biết năm xếp loại: hãy thêm cột «Năm» hoặc ghi «năm 2024» trong tiêu đề.",
            )
        if level is None and not reader.has_errors():
            reader.issue(F.RATING.code, "Thiếu mức xếp loại.")
        if reader.has_errors() or year is None or level is None:
            return
        year_only = birth is not None and reader.year_only(_BIRTH_DATE)
        person, problem = self.match_person(row.subject, birth, unit, year_only)
        if problem:
            reader.issue(_FULL_NAME, problem)
            return
        if person is None or person.id is None:
            reader.issue(
                _FULL_NAME,
                f"Không tìm thấy «{row.subject}» trong danh sách cán bộ, đảng viên: hãy nhập danh sách trước.",
            )
            return
        if person.unit_id is not None:
            row.unit_name = self.snap.units.get(person.unit_id, ("", ""))[0]
        key = (person.id, year)
        if key in self.rating_rows:
            reader.issue(
                _FULL_NAME,
                f"Đã có xếp loại năm {year} ở dòng {self.rating_rows[key]} của tệp: bỏ qua.",
                "warning",
            )
            row.reason = "Trùng dòng trước."
            return
        self.rating_rows[key] = row.row
        given = {"level": level, "score": score, "notes": notes}
        existing = self.snap.ratings.get(key)
        if existing is None:
            values = {"unit_id": None, "person_id": person.id, "year": year, "is_outstanding": False, **given}
            self.add_insert(row, "quality_rating", values)
            row.action, row.reason = RowStatus.NEW, f"Thêm xếp loại năm {year}."
            return
        rating_id, before = existing
        after = {k: v for k, v in given.items() if v not in (None, "")}  # an empty cell keeps what is there
        changed = [k for k in after if after[k] != before[k]]
        if not changed:
            row.action, row.reason = RowStatus.UNCHANGED, "Không thay đổi."
            return
        self.add_change(
            row, "quality_rating", rating_id, {k: before[k] for k in changed}, {k: after[k] for k in changed}
        )
        row.action = RowStatus.UPDATE
        labels = {"level": "mức xếp loại", "score": "điểm", "notes": "ghi chú"}
        row.reason = f"Cập nhật {', '.join(labels[k] for k in changed)} năm {year}."

    # targets

    def unit_pledge(self, row: PlanRow, unit: Ref) -> Ref:
        key: int | Ref = unit[1] if unit[0] == "id" else unit
        if key in self.unit_pledges:
            return self.unit_pledges[key]
        if unit[0] == "id" and unit[1] in self.snap.pledges_by_unit:
            ref: Ref = ("id", self.snap.pledges_by_unit[unit[1]])
        else:
            ref = self.add_insert(
                row,
                "pledge",
                {
                    "campaign_id": self.plan.campaign_id,
                    "unit_id": unit[1] if unit[0] == "id" else None,
                    "person_id": None,
                    "household_id": None,
                    "title_code": "",
                    "content": "",
                    "source": PledgeSource.IMPORT.value,
                    "source_file": self.workbook.file_name[:300],
                    "source_row": row.row,
                    "pledge_date": None,
                },
                {"unit_id": unit} if unit[0] == "new" else {},
            )
        self.unit_pledges[key] = ref
        return ref

    def phase_of(self, reader: _RowReader, number: int | None, when: date | None) -> int | None:
        if number is not None:
            found = self.snap.phases.get(number)
            if found is None:
                reader.issue(F.PHASE.code, f"Phong trào không có giai đoạn {number}.")
                return None
            return found[0]
        if when is not None:
            for pid, start, end in self.snap.phases.values():
                if start and end and start <= when <= end:
                    return pid
        return None

    def plan_target_row(self, sp: _SheetPlanner, reader: _RowReader, row: PlanRow, unit: Ref | None) -> None:
        content = row.subject
        measure = reader.text(F.MEASURE.code)
        value = reader.parsed(F.TARGET_VALUE.code, lambda v: parse_measured(v, measure))
        deadline = reader.parsed(F.DEADLINE.code, parse_date)
        phase_number = reader.parsed(F.PHASE.code, parse_phase)
        unit_text = reader.text(F.UNIT.code)
        if unit_text:
            unit = self.unit_ref(reader, row, unit_text, create=True)
        elif unit is None:
            reader.issue(
                F.UNIT.code, "Không biết chỉ tiêu này của đơn vị nào: hãy ghi cột đơn vị hoặc chọn đơn vị."
            )
        row.unit_name = self.unit_name(unit)
        if value is not None and value < 0:
            reader.issue(F.TARGET_VALUE.code, "Giá trị chỉ tiêu không được âm.")
        elif value is not None and value > 100 and _is_percent(reader.raw(F.TARGET_VALUE.code), measure):
            reader.issue(
                F.TARGET_VALUE.code,
                f"Chỉ tiêu {_number_text(value)}% vượt 100%, không hợp lý: đã ghi như trong tệp, hãy kiểm tra.",
                "warning",
            )
        phase_id = self.phase_of(reader, phase_number, deadline)
        row.detail_parts = (" ".join(x for x in (_number_text(value), measure) if x),)
        if reader.has_errors() or unit is None or self.plan.campaign_id is None:
            return
        pledge = self.unit_pledge(row, unit)
        key = fast_fold(content)
        candidates = self.snap.targets.get((pledge, key), [])
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
            changed = [
                k
                for k in ("content", "target_value", "unit_of_measure", "deadline", "phase_id")
                if after[k] != before[k]
            ]
            target.row = row.row
            if not changed:
                row.action, row.reason = RowStatus.UNCHANGED, "Không thay đổi."
                return
            assert target.ref[0] == "id"
            self.add_change(
                row, "target", target.ref[1], {k: before[k] for k in changed}, {k: after[k] for k in changed}
            )
            target.values = after
            row.action = RowStatus.UPDATE
            row.reason = "Cập nhật " + ", ".join(TARGET_LABELS[k] for k in changed) + "."
            return
        order = self.snap.target_count.get(pledge, 0)
        self.snap.target_count[pledge] = order + 1
        values = dict(new_values, sort_order=order, pledge_id=pledge[1] if pledge[0] == "id" else None)
        ref = self.add_insert(row, "target", values, {"pledge_id": pledge} if pledge[0] == "new" else {})
        self.snap.targets.setdefault((pledge, key), []).append(_Target(ref, pledge, key, values, row.row))
        row.action, row.reason = RowStatus.NEW, "Thêm chỉ tiêu."

    # results

    def plan_result_row(self, sp: _SheetPlanner, reader: _RowReader, row: PlanRow, unit: Ref | None) -> None:
        content = reader.text(F.TARGET_CONTENT.code)
        name = reader.text(F.FULL_NAME.code)
        unit_text = reader.text(F.UNIT.code)
        when = reader.parsed(F.ACHIEVED_DATE.code, parse_date)
        document = reader.text(F.EVIDENCE_REF.code)
        notes = reader.text(F.NOTES.code)
        if unit_text:
            unit = self.unit_ref(reader, row, unit_text, create=False)
        row.unit_name = self.unit_name(unit)
        row.subject = content or name
        if when is not None and when > date.today():
            reader.issue(F.ACHIEVED_DATE.code, "Ngày đạt được không được sau ngày hôm nay.")
        if reader.has_errors() or self.plan.campaign_id is None:
            return
        if is_blank(reader.raw(F.ACHIEVED.code)) and when is None and not document:
            row.action, row.reason = RowStatus.UNCHANGED, "Chưa có kết quả: bỏ qua."
            return
        target: _Target | None = None
        measure = ""
        if content:
            pledge: Ref | None = None
            if name:
                person, problem = self.match_person(name, None, unit)
                if problem or person is None:
                    reader.issue(F.FULL_NAME.code, problem or f"Không tìm thấy «{name}» trong cơ sở dữ liệu.")
                    return
                found = self.snap.pledges_by_person.get(person.id) if person.id is not None else None
                pledge = ("id", found[0]) if found else None
                owner_name = name
            elif unit is None:
                reader.issue(
                    F.UNIT.code, "Không biết kết quả này của đơn vị nào: hãy ghi cột đơn vị hoặc chọn đơn vị."
                )
                return
            else:
                pledge_key: int | Ref = unit[1] if unit[0] == "id" else unit
                pledge = self.unit_pledges.get(pledge_key)
                if pledge is None and unit[0] == "id" and unit[1] in self.snap.pledges_by_unit:
                    pledge = ("id", self.snap.pledges_by_unit[unit[1]])
                owner_name = row.unit_name
            candidates = self.snap.targets.get((pledge, fast_fold(content)), []) if pledge else []
            if len(candidates) > 1 and when is not None:
                phase_id = self.phase_of(reader, None, when)
                candidates = [t for t in candidates if t.values["phase_id"] == phase_id] or candidates
            if len(candidates) > 1:
                stated = reader.parsed(F.TARGET_VALUE.code, parse_measured_any)
                if stated is not None:
                    candidates = [t for t in candidates if t.values["target_value"] == stated] or candidates
            if not candidates:
                reader.issue(
                    F.TARGET_CONTENT.code, f"Không tìm thấy chỉ tiêu «{content}» của «{owner_name}»."
                )
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
            person, problem = self.match_person(name, None, unit)
            if problem or person is None:
                reader.issue(F.FULL_NAME.code, problem or f"Không tìm thấy «{name}» trong cơ sở dữ liệu.")
                return
            pledge_row = self.snap.pledges_by_person.get(person.id) if person.id is not None else None
            if pledge_row is None:
                reader.issue(F.FULL_NAME.code, f"«{name}» chưa đăng ký thi đua trong phong trào này.")
                return
            owner = ("pledge", pledge_row[0])
            link = {"pledge_id": ("id", pledge_row[0])}
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
        row.detail_parts = (_number_text(achieved) + (f" {measure}" if measure else ""),)
        values = {
            "achieved_value": achieved,
            "achieved_date": when,
            "document_ref": document,
            "description": notes,
        }
        existing = self.snap.evidence.get(owner, []) if owner else []
        match: _Evidence | None = None
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
            new_ref = self.add_insert(row, "evidence", insert_values, refs)
            if owner:
                self.snap.evidence.setdefault(owner, []).append(_Evidence(new_ref, insert_values))
            row.action, row.reason = RowStatus.NEW, "Thêm kết quả (minh chứng chưa xác minh)."
            return
        if match.ref[0] == "new":
            reader.issue(F.ACHIEVED.code, "Trùng kết quả ở dòng trước của tệp: bỏ qua.", "warning")
            return
        before = match.values
        after = dict(before)
        after.update({k: v for k, v in values.items() if v not in (None, "")})
        changed = [
            k
            for k in ("achieved_value", "achieved_date", "document_ref", "description")
            if after[k] != before[k]
        ]
        if not changed:
            row.action, row.reason = RowStatus.UNCHANGED, "Không thay đổi."
            return
        self.add_change(
            row, "evidence", match.ref[1], {k: before[k] for k in changed}, {k: after[k] for k in changed}
        )
        match.values = after
        row.action, row.reason = RowStatus.UPDATE, "Cập nhật kết quả."


PERSON_LABELS = {
    "full_name": "họ tên",
    "birth_date": "ngày sinh",
    "gender": "giới tính",
    "unit_id": "đơn vị",
    "position": "chức vụ",
    "is_party_member": "đảng viên",
    "party_join_date": "ngày vào Đảng",
    "party_official_date": "ngày chính thức",
    "party_card_number": "số thẻ đảng viên",
    "notes": "ghi chú",
}
TARGET_LABELS = {
    "content": "nội dung",
    "target_value": "giá trị chỉ tiêu",
    "unit_of_measure": "đơn vị tính",
    "deadline": "thời hạn",
    "phase_id": "giai đoạn",
}


def _is_percent(value: Any, measure: str) -> bool:
    return measure.strip() == "%" or (isinstance(value, str) and value.strip().endswith("%"))


JOIN_AGE = 16


def _check_join_age(reader: _RowReader, values: dict[str, Any]) -> None:
    """A Party join date before the person was 16 is a slip (of either date): a warning, and the join date is
    left out rather than refused by the 18-year rule the person services apply."""
    born, joined = values["birth_date"], values["party_join_date"]
    if born is None or joined is None or age_at(born, joined) >= JOIN_AGE:
        return
    reader.issue(
        F.PARTY_JOIN.code,
        f"Ngày vào Đảng {joined.strftime('%d/%m/%Y')} khi mới {max(age_at(born, joined), 0)} tuổi (chưa đủ "
        f"{JOIN_AGE} tuổi), không hợp lý: chưa ghi ngày vào Đảng, hãy kiểm tra.",
        "warning",
    )
    values["party_join_date"] = None


def parse_measured_any(value: Any) -> float | None:
    return parse_measured(value, "")


def _number_text(value: float | None) -> str:
    if value is None:
        return ""
    if float(value).is_integer():
        return format_number(value)
    return format_number(value, 3).rstrip("0").rstrip(",")


# --- the plan --------------------------------------------------------------------------------------------------

REQUIRED_SUBJECT = {
    SheetKind.PEOPLE: F.FULL_NAME.code,
    SheetKind.PERSON_PLEDGES: F.FULL_NAME.code,
    SheetKind.UNIT_TARGETS: F.TARGET_CONTENT.code,
    SheetKind.RESULTS: F.ACHIEVED.code,
    SheetKind.RATINGS: F.FULL_NAME.code,
}


def _coerce_kind(kind: SheetKind | str | None) -> SheetKind | None:
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
    kind = _coerce_kind(mapping.kind)
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
def _collector_paused() -> Iterator[None]:
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
    with _collector_paused():
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
    forced = _coerce_kind(kind)
    path = Path(path)
    if progress is not None:
        progress.update(0, 0, f"Đang đọc tệp «{path.name}»…")
    with db.session() as session, ThreadPoolExecutor(1, thread_name_prefix="read-workbook") as pool:
        # the file is parsed (mostly outside the GIL) while the people it is matched against are loaded
        reading = pool.submit(read_workbook, path)
        snapshot = _Snapshot(session)
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
    planner = _Planner(db, workbook, plan, snapshot, unit_choices)
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
            user_kind = _coerce_kind(user.kind)
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
        sp = _SheetPlanner(planner, sheet, match, encoding, sheet_unit)
        unit: Ref | None = ("id", sheet_unit) if sheet_unit is not None else None
        handler = {
            SheetKind.PEOPLE: planner.plan_people_row,
            SheetKind.PERSON_PLEDGES: planner.plan_pledge_row,
            SheetKind.UNIT_TARGETS: planner.plan_target_row,
            SheetKind.RESULTS: planner.plan_result_row,
            SheetKind.RATINGS: planner.plan_rating_row,
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
            reader = _RowReader(sp, index, values)
            subject = reader.text(subject_code) if has_subject else ""
            numbered = (
                ordinal_column is not None
                and ordinal_column < len(values)
                and type(values[ordinal_column]) in (int, float)
            )
            if not numbered and by_person and subject:
                section = _section_unit(reader, match, ordinal_column, subject, snapshot)
                if section is not None:
                    unit = ("id", section)
                    continue
            row = PlanRow(sheet_name, index + 1, kind_value, subject, issues=reader.issues)
            if not subject and has_subject:
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
            handler(sp, reader, row, unit)
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
    reader: _RowReader, match: HeaderMatch, ordinal_column: int | None, subject: str, snapshot: _Snapshot
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
    planner: _Planner,
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


# --- applying --------------------------------------------------------------------------------------------------

MODELS: dict[str, type[Base]] = {
    "unit": Unit,
    "person": Person,
    "pledge": Pledge,
    "target": Target,
    "evidence": Evidence,
    "quality_rating": QualityRating,
}
TABLE_ORDER = ("unit", "person", "pledge", "target", "evidence", "quality_rating")


_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True)
"""Encodes audit values exactly as the audit hook does (``json.dumps(..., ensure_ascii=False, sort_keys=True)``)."""


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def _row_maker(model: type[Base], columns: list[str]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """Makes a planned insert's values into a row in ``columns`` order, columns it leaves out taking their
    Python-side defaults (the way the ORM would)."""
    defaults: dict[str, Any] = {}
    for name in columns:
        default = model.__table__.columns[name].default
        defaults[name] = default.arg if default is not None and getattr(default, "is_scalar", False) else None  # type: ignore[attr-defined]
    get_all = itemgetter(*columns) if len(columns) > 1 else (lambda values: (values[columns[0]],))
    pairs = list(defaults.items())

    def make(values: dict[str, Any]) -> tuple[Any, ...]:
        try:
            return get_all(values)  # type: ignore[no-any-return]
        except KeyError:
            return tuple(values.get(name, default) for name, default in pairs)

    return make


AUDIT_COLUMNS = ["action", "table_name", "record_id", "before_json", "after_json", "user_name"]


def _referred_inserts(plan: ImportPlan) -> set[int]:
    """The planned inserts that other planned rows refer to (their ids are needed while writing)."""
    referred = {ref[1] for item in plan.inserts if item.refs for ref in item.refs.values() if ref[0] == "new"}
    for change in plan.changes:
        referred.update(v[1] for v in change.after.values() if isinstance(v, tuple) and v[0] == "new")
    return referred


def _with_refs(
    row: tuple[Any, ...], refs: dict[str, Ref], positions: dict[str, int], ids: dict[int, int]
) -> tuple[Any, ...]:
    """The row with its references to rows planned in this import replaced by their new ids."""
    patched = list(row)
    for column, ref in refs.items():
        patched[positions[column]] = ref[1] if ref[0] == "id" else ids[ref[1]]
    return tuple(patched)


def apply_import(db: Database, plan: ImportPlan, progress: ProgressLike | None = None) -> ImportResult:
    """Write what the plan says in one transaction (all or nothing) and log the import.

    Refuses a plan with errors, and one made before the data changed (plan again).
    """
    if plan.has_errors:
        errors = plan.errors
        first = errors[0] if errors else Issue("", None, "", "")
        raise ImportRejected(
            f"có {len(errors)} lỗi, chưa nhập gì. Lỗi đầu tiên ({first.where or 'tệp'}): {first.message}",
            file=plan.file_name,
            errors=[e.to_json() for e in errors],
        )
    total = len(plan.inserts) + len(plan.changes)
    user_name = db.user_name
    with _collector_paused(), db.session() as session:
        if fingerprint(session) != plan.fingerprint:
            raise ImportRejected(
                "dữ liệu đã thay đổi sau khi xem trước; hãy xem trước lại rồi mới nhập.", file=plan.file_name
            )
        ids: dict[int, int] = {}
        """Planned insert → its new id, for the planned rows other rows refer to."""
        referred = _referred_inserts(plan)
        audit: list[tuple[str, ...]] = []
        done = 0
        by_table: dict[str, list[tuple[int, Insert]]] = {}
        for pair in enumerate(plan.inserts):
            by_table.setdefault(pair[1].table, []).append(pair)
        for table in TABLE_ORDER:
            model = MODELS[table]
            batch = by_table.get(table)
            if not batch:
                continue
            columns = [name for name in audited_columns(model) if name != "id"]
            make_row = _row_maker(model, columns)
            positions = {name: i for i, name in enumerate(columns)}
            first = None
            for start in range(0, len(batch), 5000):
                chunk = batch[start : start + 5000]
                rows = [
                    _with_refs(make_row(item.values), item.refs, positions, ids)
                    if item.refs
                    else make_row(item.values)
                    for _index, item in chunk
                ]
                new_ids = insert_rows(session, model, columns, rows)
                first = new_ids.start if first is None else first
                if referred:
                    ids.update(
                        (index, new_id)
                        for (index, _item), new_id in zip(chunk, new_ids, strict=True)
                        if index in referred
                    )
                done += len(chunk)
                if progress is not None:
                    progress.update(done, total, "Đang ghi dữ liệu…")
            assert first is not None
            audit_inserts(session, model, range(first, first + len(batch)), user_name)
        for table in TABLE_ORDER:
            model = MODELS[table]
            changes = [c for c in plan.changes if c.table == table]
            by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = {}
            for change in changes:
                after = {
                    k: (ids[v[1]] if v[0] == "new" else v[1]) if isinstance(v, tuple) else v
                    for k, v in change.after.items()
                }
                by_columns.setdefault(tuple(sorted(after)), []).append({"id": change.row_id, **after})
                audit.append(
                    _audit(
                        "update",
                        table,
                        change.row_id,
                        {k: _plain(v) for k, v in change.before.items()},
                        {k: _plain(v) for k, v in after.items()},
                        user_name,
                    )
                )
            for rows in by_columns.values():
                session.execute(update(model), rows)
            done += len(changes)
            if progress is not None and changes:
                progress.update(done, total, "Đang ghi dữ liệu…")
        if audit:
            session.connection().exec_driver_sql(
                f"INSERT INTO audit_entry ({', '.join(AUDIT_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?)", audit
            )
        result = result_of(plan, written=True)
        session.add(
            ImportLog(
                file_name=plan.file_name[:300],
                sha256=plan.sha256,
                kind=plan.kind[:30],
                rows_read=result.rows_read,
                created=result.created,
                updated=result.updated,
                unchanged=result.unchanged,
                warnings=len(result.warnings),
            )
        )
        if progress is not None:
            progress.update(total, total, "Đang lưu…")
    return result


def _audit(
    action: str,
    table: str,
    row_id: int,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    user: str,
) -> tuple[str, ...]:
    """An audit_entry row (``AUDIT_COLUMNS``) in the audit hook's format."""
    return (
        action,
        table,
        str(row_id),
        _JSON.encode(before) if before is not None else "",
        _JSON.encode(after) if after is not None else "",
        user,
    )


def import_file(
    db: Database,
    path: Path | str,
    *,
    kind: SheetKind | str | None = None,
    campaign_id: int | None = None,
    unit_name: str | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """Plan and (unless ``dry_run``) apply; raises ``ImportRejected`` when anything is wrong (nothing written)."""
    plan = plan_import(db, path, kind=kind, campaign_id=campaign_id, unit_name=unit_name)
    if plan.has_errors:
        errors = plan.errors
        raise ImportRejected(
            f"có {len(errors)} lỗi, chưa nhập gì. Lỗi đầu tiên ({errors[0].where or 'tệp'}): {errors[0].message}",
            file=plan.file_name,
            errors=[e.to_json() for e in errors],
        )
    if dry_run:
        return result_of(plan)
    return apply_import(db, plan)


# --- the list of errors ----------------------------------------------------------------------------------------


def export_errors(plan: ImportPlan, path: Path | str) -> Path:
    """Errors and warnings of a plan as an .xlsx list (every cell written as text, never as a formula)."""
    import openpyxl
    from openpyxl.styles import Alignment, Font

    path = Path(path)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Lỗi khi nhập"
    sheet.append([f"Danh sách lỗi khi nhập tệp «{plan.file_name}»"])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([])
    header = ["STT", "Trang", "Dòng", "Cột", "Mức độ", "Nội dung"]
    sheet.append(header)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    issues = sorted(
        plan.errors + plan.warnings,
        key=lambda i: (i.level != "error", i.sheet, i.row or 0, i.column),
    )
    for number, issue in enumerate(issues, start=1):
        values = [
            number,
            issue.sheet,
            issue.row,
            issue.column,
            "Lỗi" if issue.level == "error" else "Cảnh báo",
            issue.message,
        ]
        sheet.append(values)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDEF", (6, 24, 8, 6, 10, 90), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A4"
    with atomic_path(path) as temporary:
        workbook.save(temporary)
    return path

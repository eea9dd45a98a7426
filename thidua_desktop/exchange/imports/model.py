"""What an import plan is made of: rows with their status and problems, the writes they need, the sheets
read, and the result the CLI prints (``ImportResult.to_json`` is the CLI contract)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from thidua_desktop.core.errors import UserError
from thidua_desktop.exchange.sheet_reader import (
    ImportRejected,
)


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


class Ref(NamedTuple):
    """A row an import refers to: ``Ref("id", 12)`` is row 12 of its table in the database, ``Ref("new", 3)`` the
    planned insert 3 of ``ImportPlan.inserts`` (its id known only once written)."""

    kind: str
    """ "id" or "new"."""
    value: int


NO_REFS: dict[str, Ref] = {}
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

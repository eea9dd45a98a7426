"""The planner every sheet kind shares: reading a row's cells by field (``RowReader``), planning inserts and
changes with their references (``Ref``), finding or proposing units, matching people, and one helper that compares,
records the change and gives the reason (``Planner.record_changes``). The row handlers of each kind are in their own
modules (``people``, ``pledges``, ``targets``, ``results``, ``ratings``)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from thidua_desktop.core.enums import PledgeSource, UnitKind
from thidua_desktop.core.storage.database import Database
from thidua_desktop.core.text import format_number
from thidua_desktop.core.unit_matching import (
    unit_key,
)
from thidua_desktop.exchange import fields as F
from thidua_desktop.exchange.header_detect import (
    HeaderMatch,
)
from thidua_desktop.exchange.imports.model import (
    NO_REFS,
    Change,
    ImportPlan,
    Insert,
    Issue,
    PlanRow,
    Ref,
    RowStatus,
    UnitQuestion,
)
from thidua_desktop.exchange.imports.snapshot import KnownPerson, Snapshot, guess_unit_kind
from thidua_desktop.exchange.sheet_reader import (
    SheetData,
    WorkbookData,
    column_letter,
)
from thidua_desktop.exchange.values import (
    MAX_UNIT_NAME,
    ValueProblem,
    cell_text,
    fast_fold,
    formula_problem,
    key_text,
    parse_measured,
    parse_title,
    too_long,
)

PREVIEW_ROWS = 12
IMPORTED = PledgeSource.IMPORT.value
BIRTH_DATE, POSITION, TITLE, PLEDGE_CONTENT, FULL_NAME = (
    F.BIRTH_DATE.code,
    F.POSITION.code,
    F.TITLE.code,
    F.PLEDGE_CONTENT.code,
    F.FULL_NAME.code,
)
YEAR_ONLY = re.compile(r"^(?:nam )?\d{4}$")


# --- planning --------------------------------------------------------------------------------------------------


class RowReader:
    """Reads a data row's cells by field code, collecting the problems as issues."""

    __slots__ = ("planner", "index", "values", "issues", "columns", "width", "plain")

    def __init__(self, planner: SheetPlanner, index: int, values: list[Any] | tuple[Any, ...]) -> None:
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
        return kind is str and bool(YEAR_ONLY.match(key_text(value)))


class SheetPlanner:
    def __init__(
        self,
        planner: Planner,
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


class Planner:
    def __init__(
        self,
        db: Database,
        workbook: WorkbookData,
        plan: ImportPlan,
        snapshot: Snapshot,
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
        self.source_file = workbook.file_name[:300]
        self.title_parser = self.parse_title

    # refs and inserts

    def add_insert(
        self, row: PlanRow, table: str, values: dict[str, Any], refs: dict[str, Ref] | None = None
    ) -> Ref:
        self.plan.inserts.append(Insert(table, values, NO_REFS if refs is None else refs))
        index = len(self.plan.inserts) - 1
        row.inserts.append(index)
        return Ref("new", index)

    def add_change(
        self, row: PlanRow, table: str, row_id: int, before: dict[str, Any], after: dict[str, Any]
    ) -> None:
        self.plan.changes.append(Change(table, row_id, before, after))
        row.changes.append(len(self.plan.changes) - 1)

    def record_changes(
        self,
        row: PlanRow,
        table: str,
        row_id: int,
        before: dict[str, Any],
        after: dict[str, Any],
        labels: dict[str, str],
        reason: str = "",
    ) -> bool:
        """Compare ``after`` with ``before`` over the columns of ``labels``, record the change and give the row its
        reason: «Không thay đổi.», or «Cập nhật <labels of what changed><reason>.»; whether anything changed."""
        changed = [k for k in labels if k in after and after[k] != before.get(k)]
        if not changed:
            row.action, row.reason = RowStatus.UNCHANGED, "Không thay đổi."
            return False
        self.add_change(
            row, table, row_id, {k: before.get(k) for k in changed}, {k: after[k] for k in changed}
        )
        row.action = RowStatus.UPDATE
        row.reason = f"Cập nhật {', '.join(labels[k] for k in changed)}{reason}."
        return True

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
            return Ref("new", self.new_units[key])
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

    def unit_ref(self, reader: RowReader, row: PlanRow, name: str, create: bool) -> Ref | None:
        problem = too_long(name, MAX_UNIT_NAME, "Tên đơn vị")
        if problem is not None:
            reader.issue(F.UNIT.code, problem.message)
            return None
        found = self.match_unit(name)
        if len(found) == 1:
            return Ref("id", found[0])
        if found:
            column = reader.columns.get(F.UNIT.code)
            letter = column_letter(column) if column is not None else ""
            reader.issue(F.UNIT.code, self.ask(name, found, reader.planner.sheet.name, row.row, letter))
            return None
        key = unit_key(name)
        if key in self.new_units:
            return Ref("new", self.new_units[key])
        if not create:
            reader.issue(F.UNIT.code, f"Không tìm thấy đơn vị «{name}» trong danh sách đơn vị.")
            return None
        ref = self.new_unit(row, name)
        reader.issue(F.UNIT.code, self.new_unit_note(ref), "warning")
        return ref

    def person_key(self, name: str) -> str:
        """A name's folded key, folded once per distinct name of the sheet or the database."""
        key = self.snap.fold_of.get(name)
        if key is None:
            key = self.snap.fold_of[name] = fast_fold(name)
        return key

    def match_person(
        self, name: str, birth: date | None, unit: Ref | None, year_only: bool = False, key: str = ""
    ) -> tuple[KnownPerson | None, str | None]:
        """The person a row names: same normalised name and birth date (only the year when the sheet gives a
        year alone), the unit telling namesakes apart; or (None, why it is ambiguous). ``key``: the name's
        ``person_key`` when the caller has it already."""
        candidates = self.snap.persons.get(key or self.person_key(name))
        if not candidates:
            return None, None
        if len(candidates) == 1 and birth is not None and not year_only:
            only = candidates[0]
            if only.birth_date == birth:
                return only, None

        def in_unit(p: KnownPerson) -> bool:
            if unit is None:
                return False
            return p.unit_ref == unit or (p.unit_id is not None and Ref("id", p.unit_id) == unit)

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

    def remember_person(self, person: KnownPerson, key: str | None = None) -> None:
        self.snap.persons.setdefault(key or fast_fold(person.full_name), []).append(person)

    def phase_of(self, reader: RowReader, number: int | None, when: date | None) -> int | None:
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


def parse_measured_any(value: Any) -> float | None:
    return parse_measured(value, "")


def number_text(value: float | None) -> str:
    if value is None:
        return ""
    if float(value).is_integer():
        return format_number(value)
    return format_number(value, 3).rstrip("0").rstrip(",")

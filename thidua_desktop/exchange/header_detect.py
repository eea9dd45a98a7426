"""Finding the table in a real-world sheet: its header row(s), its kind and where its data stops.

Sheets typed in ward offices carry a title block above the table (the committee's name, "ĐẢNG CỘNG SẢN VIỆT NAM",
the title), headers spread over two merged rows, a row of column numbers "(1) (2) (3)", blank rows and a totals row
inside the table and a signature block below it. Header words are compared after ``values.key_text`` (no case, no
diacritics, no punctuation) against the field names and synonyms of ``exchange.fields``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from thidua_desktop.exchange.fields import (
    ACHIEVED,
    FULL_NAME,
    KIND_FIELDS,
    NOTES,
    ORDINAL,
    TARGET_CONTENT,
    Field,
    SheetKind,
)
from thidua_desktop.exchange.values import cell_text, is_blank, key_text

SCAN_ROWS = 40
"""Rows looked at for a header (title blocks are rarely longer)."""
MIN_FIELDS = 2
"""Fields besides the ordinal and notes a header must name to count as one."""

_TRAILING_NUMBER = re.compile(r"(?:\s+\d{1,2})+$")
_NUMBERING_CELL = re.compile(r"^\(?\s*(\d{1,2}|[a-zA-Z])\s*\)?$")
_TOTAL_WORDS = frozenset(
    {"cong", "tong", "tong cong", "tong so", "total", "cong toan", "tong toan", "tong hop"}
)
_SIGNATURE_STRONG = (
    "nguoi lap bieu",
    "nguoi lap",
    "xac nhan cua",
    "xac nhan",
    "noi nhan",
    "t m ",
    "tm ",
    "ky ghi ro ho ten",
    "ky ten",
    "ky va ghi ro",
    "ky ghi ro",
    "ky dong dau",
)
_SIGNATURE_ROLES = ("bi thu", "pho bi thu", "chu tich", "truong ban", "thu truong", "to truong", "truong khu")
_DATE_LINE = re.compile(r"\bngay\b.*\bthang\b.*\bnam\b")
_TOTAL_COUNT = re.compile(r"^(?:cong|tong)(?: chung| lai)? \d")
"""  "Cộng: 4 người", "Tổng 12" (a number right after the word; "Công Tằng Tôn Nữ…" is a name)."""
_HEAD_COUNT = re.compile(
    r"(?:^|\b(?:co|gom|la|cong|tong|tong so|tong cong|danh sach)\s)\d+\s*"
    r"(?:dong chi|d c|dc|nguoi|dang vien|ca nhan|tap the|ho|don vi|chi tieu|thanh vien|hoi vien)\b"
)
""" "Danh sách có 02 đồng chí", "7 đảng viên", "gồm 12 người": a count of the people listed above."""
_ROMAN_OR_LETTER = re.compile(r"^(?:[IVXLC]+|[A-Z])\.?$")


@lru_cache(maxsize=4096)
def header_key(text: str) -> str:
    """Header text as compared with synonyms: folded, no punctuation, no trailing column number."""
    return _TRAILING_NUMBER.sub("", key_text(text)).strip()


def _synonyms(item: Field) -> tuple[str, ...]:
    return tuple(
        dict.fromkeys(k for k in (header_key(item.header), *(header_key(s) for s in item.synonyms)) if k)
    )


_FIELD_KEYS: dict[str, tuple[str, ...]] = {
    f.code: _synonyms(f) for fields in KIND_FIELDS.values() for f in fields
}


def missing_required(kind: SheetKind, codes: set[str]) -> list[str]:
    """Headers of the fields a sheet of this kind cannot do without. A results sheet needs the achieved value
    and either the target or the person's name (a result of a person's pledge without targets)."""
    if kind == SheetKind.RESULTS:
        missing = [] if ACHIEVED.code in codes else [ACHIEVED.header]
        if TARGET_CONTENT.code not in codes and FULL_NAME.code not in codes:
            missing.append(f"{TARGET_CONTENT.header} hoặc {FULL_NAME.header}")
        return missing
    return [f.header for f in KIND_FIELDS[kind] if f.required and f.code not in codes]


def field_score(item: Field, key: str) -> float:
    """How well a header (already ``header_key``-ed) names a field: exact beats contained, longer beats shorter."""
    return _code_score(item.code, key)


@lru_cache(maxsize=16384)
def _code_score(code: str, key: str) -> float:
    if not key:
        return 0.0
    best = 0.0
    padded = f" {key} "
    for synonym in _FIELD_KEYS[code]:
        if key == synonym:
            return 100.0 + len(synonym)
        if f" {synonym} " in padded:
            best = max(best, 10.0 + len(synonym))
    return best


@dataclass
class HeaderMatch:
    kind: SheetKind
    header_row: int
    """First header row, 0-based (Excel row ``header_row + 1``)."""
    header_height: int
    columns: dict[int, str]
    """Column index → field code."""
    texts: dict[int, str]
    """Column index → header text as written (both rows joined for two-row headers)."""
    data_start: int
    score: float = 0.0
    signature: str = ""
    from_mapping: bool = False
    missing: list[str] = field(default_factory=list)
    """Labels of required fields that no column names (only for user mappings)."""

    def column_of(self, code: str) -> int | None:
        for column, field_code in self.columns.items():
            if field_code == code:
                return column
        return None


def _row_texts(rows: Sequence[Sequence[Any]], index: int) -> list[str]:
    if not 0 <= index < len(rows):
        return []
    return [
        cell_text(v) if isinstance(v, str) else ("" if is_blank(v) else cell_text(v)) for v in rows[index]
    ]


def _merged_top(
    rows: Sequence[Sequence[Any]], top: int, merged: Sequence[tuple[tuple[int, int], tuple[int, int]]]
) -> list[str]:
    """Texts of a header's top row with horizontally merged cells spread over the columns they cover.

    Without merge information (.ods) a blank top cell over a non-blank bottom cell takes the text on its left when
    that text also stands over a sub-header (a group heading like "Ngày tháng" over "Vào Đảng" | "Chính thức").
    """
    texts = _row_texts(rows, top)
    bottom = _row_texts(rows, top + 1)
    width = max(len(texts), len(bottom))
    texts += [""] * (width - len(texts))
    bottom += [""] * (width - len(bottom))
    spread = list(texts)
    covered = False
    for (r1, c1), (r2, c2) in merged:
        if r1 <= top <= r2 and c2 > c1:
            covered = True
            for column in range(c1, min(c2, width - 1) + 1):
                spread[column] = texts[c1]
    if not covered and not merged:
        for column in range(1, width):
            if not spread[column] and bottom[column] and spread[column - 1] and bottom[column - 1]:
                spread[column] = spread[column - 1]
    return spread


def _assign(kind_fields: Sequence[Field], candidates: dict[int, list[str]]) -> tuple[dict[int, str], float]:
    """Each field to the column that names it best (one column per field)."""
    scored: list[tuple[float, int, str]] = []
    for column, texts in candidates.items():
        keys = [header_key(t) for t in texts if t]
        for item in kind_fields:
            best = 0.0
            for key in keys:
                score = _code_score(item.code, key)
                if score > best:
                    best = score
            if best:
                scored.append((best, column, item.code))
    scored.sort(key=lambda s: (-s[0], s[1]))
    columns: dict[int, str] = {}
    used: set[str] = set()
    total = 0.0
    for score, column, code in scored:
        if column in columns or code in used:
            continue
        columns[column] = code
        used.add(code)
        total += score
    return columns, total


_NAMING_CODES = tuple(code for code in _FIELD_KEYS if code not in (ORDINAL.code, NOTES.code))


@lru_cache(maxsize=16384)
def _names_a_field(key: str) -> bool:
    """Whether a header text (``header_key``-ed) names any field other than the ordinal and the notes."""
    return any(_code_score(code, key) for code in _NAMING_CODES)


def _naming_columns(candidates: dict[int, list[str]]) -> int:
    """How many columns name some field: a header of any kind needs ``MIN_FIELDS`` of them (``_evaluate``)."""
    return sum(1 for texts in candidates.values() if any(_names_a_field(header_key(t)) for t in texts if t))


def _evaluate(kind: SheetKind, candidates: dict[int, list[str]]) -> tuple[dict[int, str], float] | None:
    fields = KIND_FIELDS[kind]
    columns, total = _assign(fields, candidates)
    codes = set(columns.values())
    if missing_required(kind, codes):
        return None
    meaningful = codes - {ORDINAL.code, NOTES.code}
    if len(meaningful) < MIN_FIELDS:
        return None
    weight = sum(1.0 if c not in (ORDINAL.code, NOTES.code) else 0.25 for c in codes)
    return columns, weight * 1000 + total


def is_numbering_row(values: Sequence[Any]) -> bool:
    """A row of column numbers under the header: "(1) (2) (3)", "1 2 3" or "A B C"."""
    cells = [v for v in values if not is_blank(v)]
    if len(cells) < 2:
        return False
    for value in cells:
        if isinstance(value, bool):
            return False
        if isinstance(value, int | float):
            if not float(value).is_integer() or not 0 <= value < 100:
                return False
            continue
        if not isinstance(value, str) or not _NUMBERING_CELL.match(value.strip()):
            return False
    return True


def _candidates_one(texts: list[str]) -> dict[int, list[str]]:
    return {c: [t] for c, t in enumerate(texts) if t}


def _candidates_two(top: list[str], bottom: list[str]) -> dict[int, list[str]]:
    width = max(len(top), len(bottom))
    result: dict[int, list[str]] = {}
    for column in range(width):
        upper = top[column] if column < len(top) else ""
        lower = bottom[column] if column < len(bottom) else ""
        options = [t for t in (lower, f"{upper} {lower}".strip() if upper and lower else "", upper) if t]
        if options:
            result[column] = options
    return result


def header_signature(rows: Sequence[Sequence[Any]], header_row: int, height: int = 1) -> str:
    """A fingerprint of the header row(s), to remember a user's column mapping for sheets with the same header."""
    parts = []
    for index in range(header_row, header_row + height):
        parts.append("|".join(key_text(t) for t in _row_texts(rows, index)).rstrip("|"))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _header_texts(
    rows: Sequence[Sequence[Any]], header_row: int, height: int, merged: Sequence[Any]
) -> dict[int, str]:
    if height == 1:
        return {c: t for c, t in enumerate(_row_texts(rows, header_row)) if t}
    top = _merged_top(rows, header_row, merged)
    bottom = _row_texts(rows, header_row + 1)
    texts: dict[int, str] = {}
    for column in range(max(len(top), len(bottom))):
        upper = top[column] if column < len(top) else ""
        lower = bottom[column] if column < len(bottom) else ""
        if upper and lower and upper != lower:
            texts[column] = f"{upper} / {lower}"
        elif upper or lower:
            texts[column] = upper or lower
    return texts


def _data_start(rows: Sequence[Sequence[Any]], after: int) -> int:
    index = after
    if index < len(rows) and is_numbering_row(rows[index]):
        index += 1
    return index


def detect_header(
    rows: Sequence[Sequence[Any]],
    kind: SheetKind | None = None,
    merged: Sequence[tuple[tuple[int, int], tuple[int, int]]] = (),
    scan_rows: int = SCAN_ROWS,
) -> HeaderMatch | None:
    """The best header among the first rows, or None when no row names enough fields of any kind.

    ``kind`` forces the kind of sheet (the user's override); otherwise the kind whose fields the header names best
    wins, and on a tie the first in ``SheetKind`` order.
    """
    kinds = [kind] if kind is not None else list(SheetKind)
    best: HeaderMatch | None = None
    limit = min(len(rows), scan_rows)
    for index in range(limit):
        texts = _row_texts(rows, index)
        if sum(1 for t in texts if t) < MIN_FIELDS:
            continue
        shapes: list[tuple[int, dict[int, list[str]]]] = [(1, _candidates_one(texts))]
        if index + 1 < len(rows) and not is_numbering_row(rows[index + 1]):
            bottom = _row_texts(rows, index + 1)
            if any(bottom):
                shapes.append((2, _candidates_two(_merged_top(rows, index, merged), bottom)))
        for height, candidates in shapes:
            if (
                _naming_columns(candidates) < MIN_FIELDS
            ):  # what every kind needs at least: most rows stop here
                continue
            for each in kinds:
                found = _evaluate(each, candidates)
                if found is None:
                    continue
                columns, score = found
                if best is None or score > best.score + (0.5 if height == 2 else 0):
                    best = HeaderMatch(
                        kind=each,
                        header_row=index,
                        header_height=height,
                        columns=columns,
                        texts=_header_texts(rows, index, height, merged),
                        data_start=_data_start(rows, index + height),
                        score=score,
                        signature=header_signature(rows, index, height),
                    )
    return best


def guess_header_row(rows: Sequence[Sequence[Any]], scan_rows: int = SCAN_ROWS) -> int:
    """For sheets whose header is not recognised: the first of the rows with the most text cells."""
    best, best_count = 0, 0
    for index in range(min(len(rows), scan_rows)):
        count = sum(1 for v in rows[index] if isinstance(v, str) and v.strip())
        if count > best_count:
            best, best_count = index, count
    return best


def match_from_mapping(
    rows: Sequence[Sequence[Any]],
    kind: SheetKind,
    header_row: int,
    header_height: int,
    columns: dict[int, str],
    merged: Sequence[Any] = (),
) -> HeaderMatch:
    """A header match built from a user's column mapping (column index → field code)."""
    known = {f.code for f in KIND_FIELDS[kind]}
    kept = {int(c): code for c, code in columns.items() if code in known}
    missing = missing_required(kind, set(kept.values()))
    return HeaderMatch(
        kind=kind,
        header_row=header_row,
        header_height=header_height,
        columns=kept,
        texts=_header_texts(rows, header_row, header_height, merged),
        data_start=_data_start(rows, header_row + header_height),
        signature=header_signature(rows, header_row, header_height),
        from_mapping=True,
        missing=missing,
    )


def _first_texts(values: Sequence[Any], count: int = 3) -> list[str]:
    found = []
    for value in values:
        if isinstance(value, str) and value.strip():
            found.append(value)
            if len(found) == count:
                break
    return found


def is_totals_row(values: Sequence[Any]) -> bool:
    """ "Tổng cộng", "Cộng", "Tổng số"… in one of the first text cells of the row, or a count of the people
    listed ("Danh sách có 02 đồng chí", "7 đảng viên") as the row's only text, in any column."""
    for text in _first_texts(values, 2):
        key = key_text(text)
        if key in _TOTAL_WORDS or key.startswith(("tong cong ", "tong so ")) or _TOTAL_COUNT.match(key):
            return True
    texts = [v for v in values if isinstance(v, str) and v.strip()]
    return len(texts) == 1 and bool(_HEAD_COUNT.search(key_text(texts[0])))


def is_signature_row(values: Sequence[Any]) -> bool:
    """The start of the block under a table: "Người lập biểu", "T/M CHI BỘ", "BÍ THƯ", "…, ngày … tháng … năm …"."""
    for value in values:
        if not isinstance(value, str) or not value.strip():
            continue
        key = key_text(value)
        padded = key + " "
        if any(padded.startswith(word) for word in _SIGNATURE_STRONG):
            return True
        if _DATE_LINE.search(key) and len(key) < 80:
            return True
        letters = [ch for ch in value if ch.isalpha()]
        if (
            letters
            and all(ch.isupper() for ch in letters)
            and any(padded.startswith(w + " ") for w in _SIGNATURE_ROLES)
        ):
            return True
    return False


DataRow = tuple[int, Sequence[Any]]
"""A data row: its 0-based index (Excel row ``index + 1``) and its values."""


def iter_data_rows(
    rows: Sequence[Sequence[Any]],
    match: HeaderMatch,
    decode: Callable[[int, Sequence[Any]], Sequence[Any]] | None = None,
) -> Iterator[DataRow]:
    """The table's data rows, as (index, values): blank rows, numbering rows and totals rows skipped, stopping at
    the signature block. ``decode`` gives a row's values with legacy-encoded text (TCVN3, VNI) made Unicode, so
    that "Tæng céng" is read as the «Tổng cộng» it is.

    A row numbered in the ordinal column is data as soon as another column holds something (the fast path that
    keeps 20,000-row sheets quick); other rows are checked for totals, numbering and signature text.
    """
    mapped = sorted(match.columns)
    ordinal = match.column_of(ORDINAL.code)
    others = [c for c in mapped if c != ordinal]
    for index in range(match.data_start, len(rows)):
        values = rows[index]
        width = len(values)
        if ordinal is not None and ordinal < width and type(values[ordinal]) in (int, float):
            for c in others:
                if c < width:
                    value = values[c]
                    if value is not None and value != "" and (type(value) is not str or not value.isspace()):
                        yield index, values
                        break
            continue
        texts = decode(index, values) if decode is not None else values
        if all(is_blank(values[c]) for c in mapped if c < width):
            if any(not is_blank(v) for v in values) and is_signature_row(texts):
                return
            continue
        if is_signature_row(texts):
            return
        if is_totals_row(texts) or is_numbering_row([values[c] for c in mapped if c < width]):
            continue
        yield index, values


def is_section_label(value: Any) -> bool:
    """An ordinal like "I", "II", "A", "B." that opens a group of rows."""
    return isinstance(value, str) and bool(_ROMAN_OR_LETTER.match(value.strip()))


def title_block(rows: Sequence[Sequence[Any]], header_row: int) -> list[str]:
    """Texts above the header, top to bottom (where the committee and branch names are)."""
    texts = []
    for index in range(min(header_row, len(rows))):
        for value in rows[index]:
            if isinstance(value, str) and value.strip():
                texts.append(cell_text(value))
    return texts

"""Reading cell values the way Vietnamese offices type them.

Each ``parse_*`` function takes a raw cell value as python-calamine gives it (``str``, ``int``, ``float``, ``bool``,
``date``, ``datetime``, ``time``, ``timedelta`` or ``""`` for an empty cell) and returns the typed value, ``None`` for
an empty cell, or raises ``ValueProblem`` with a Vietnamese message. Text is cleaned (NFC, single spaces) and
legacy TCVN3 / VNI-Windows text is converted to Unicode per cell (``exchange.legacy_text``); invisible characters
(zero-width spaces and joiners, the BOM, the soft hyphen, bidi controls, C0 control characters) are dropped, since
they make the same name a different one. A text cell that starts like a formula ("=", "+", "-", "@") is the
branch's text: it is kept verbatim with a warning from ``formula_problem``, never evaluated.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Any

from thidua_desktop.core.catalogue import CATALOGUE
from thidua_desktop.core.enums import Gender
from thidua_desktop.core.text import clean, fold

EXCEL_EPOCH = date(1899, 12, 30)
MIN_YEAR, MAX_YEAR = 1900, 2100


class ValueProblem(ValueError):
    """A cell value that cannot be read; ``message`` is Vietnamese, ``is_warning`` when the row can still go in."""

    def __init__(self, message: str, is_warning: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.is_warning = is_warning


# --- folding ---------------------------------------------------------------------------------------------------


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x2000):
        char = chr(code)
        if char.isspace():
            table[code] = " "
        elif not unicodedata.category(char).startswith("C"):
            table[code] = fold(char)
    return table


_FOLD_TABLE = _build_fold_table()
_NON_WORD = re.compile(r"[^0-9a-z%]+")


def fast_fold(text: str) -> str:
    """The same result as ``core.text.fold``, many times faster: a translate table for the letters Vietnamese
    text uses; anything that does not fold to ASCII goes the slow, exact way."""
    folded = text.translate(_FOLD_TABLE)
    if not folded.isascii():
        return fold(text)
    if "  " in folded or folded[:1] == " " or folded[-1:] == " " or not folded.isprintable():
        folded = " ".join(folded.split())
    return folded


def key_text(text: str) -> str:
    """Folded, with punctuation turned into single spaces: "Họ, tên (1)" → "ho ten 1"."""
    return _NON_WORD.sub(" ", fast_fold(text)).strip()


# --- legacy encodings ------------------------------------------------------------------------------------------

try:
    from thidua_desktop.exchange import legacy_text as _legacy
except ImportError:  # pragma: no cover - the module ships with the program
    _legacy = None  # type: ignore[assignment]


def sheet_encoding(texts: list[str]) -> str | None:
    """The legacy encoding ("tcvn3"/"vni") most text cells of a sheet point to, or None when they read as Unicode."""
    if _legacy is None:
        return None
    found = _legacy.detect_sheet_encoding(t for t in texts if t and not t.isascii())
    return None if found == _legacy.Encoding.UNICODE else str(found)


_CP1252_SPECIALS = "".join(
    bytes([b]).decode("cp1252") for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
)
_SURELY_UNICODE = re.compile("[^\x00-\xff" + re.escape(_CP1252_SPECIALS) + "]")
"""A character no legacy cell can hold (ơ, ư, đ, ạ…): the text is Unicode already."""


def decode_legacy(text: str, font_name: str | None = None, assume: str | None = None) -> str:
    """Legacy TCVN3 / VNI text to Unicode, per cell; ``font_name`` is the cell's font when known, ``assume`` the
    sheet's leaning (``sheet_encoding``). Pure ASCII text is the same in every encoding and is left alone."""
    if not text or _legacy is None:
        return text
    if not font_name and (text.isascii() or _SURELY_UNICODE.search(text)):
        return text
    return _cached_decode(text, font_name or None, assume)


@lru_cache(maxsize=65536)
def _cached_decode(text: str, font_name: str | None, assume: str | None) -> str:
    assert _legacy is not None
    hint = _legacy.Encoding(assume) if assume else None
    return _legacy.to_unicode(text, font_name, assume=hint)


# --- text ------------------------------------------------------------------------------------------------------

_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]"
)
"""Characters that show nothing (or only turn the text's direction) and would make one name two."""
_CONTROL_SPACES = re.compile("[\t\n\r]")
MAX_NAME = 150
MAX_UNIT_NAME = 250


def strip_invisible(text: str) -> str:
    """The text without zero-width characters, BOM, soft hyphens, bidi controls and C0 control characters."""
    if text.isprintable():
        return text
    return _INVISIBLE.sub("", _CONTROL_SPACES.sub(" ", text))


def too_long(text: str, limit: int, what: str) -> ValueProblem | None:
    if len(text) <= limit:
        return None
    return ValueProblem(
        f"{what} dài {format_count(len(text))} ký tự, quá giới hạn {limit} ký tự («{_short(text)}»): hãy sửa lại."
    )


def format_count(number: int) -> str:
    return f"{number:,}".replace(",", ".")


_FORMULA_CALL = re.compile(r"^[+\-]\s*[A-Za-z_][A-Za-z0-9_.]*\s*[(!|]")


def formula_problem(text: str) -> ValueProblem | None:
    """A warning when text starts like a spreadsheet formula ("=…", "@…", "+84…", "-Hoàn thành…"): the cell held
    it as text, so it is kept as written (never evaluated; our own exports write such cells as text too). A sign
    before a digit ("-5", "+84 912…") or a space ("- Hoàn thành…") is a number, a telephone number or a list item."""
    if len(text) < 2:
        return None
    first = text[0]
    if (
        first in "=@"
        and not text[1].isspace()
        or (first in "+-" and (_FORMULA_CALL.match(text) or not (text[1].isspace() or text[1].isdigit())))
    ):
        return ValueProblem(
            f"Ô bắt đầu bằng dấu {first} («{_short(text)}»), giống công thức: đã ghi nguyên văn như chữ, "
            "hãy kiểm tra.",
            is_warning=True,
        )
    return None


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def cell_text(value: Any, font_name: str | None = None, assume: str | None = None) -> str:
    """Any cell as clean Unicode text: numbers without a useless ".0", dates dd/mm/yyyy."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return clean(strip_invisible(decode_legacy(value, font_name, assume)))
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y") if value.time() == time() else value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return clean(strip_invisible(str(value)))


def parse_text(
    value: Any, font_name: str | None = None, assume: str | None = None
) -> tuple[str, ValueProblem | None]:
    """Text of a cell and, when it looks like a formula, the problem (an error or a warning) to report."""
    text = cell_text(value, font_name, assume)
    return text, formula_problem(text) if isinstance(value, str) else None


def is_blank(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, str) and not value.strip())


# --- numbers ---------------------------------------------------------------------------------------------------

_NUMBER = re.compile(r"^[+-]?\d[\d.,]*$")
_THOUSANDS_DOT = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$")
_THOUSANDS_COMMA = re.compile(r"^[+-]?\d{1,3}(,\d{3})+$")


def number_from_text(text: str) -> float:
    """ "1.234,5" → 1234.5; "92,5" → 92.5; "92.5" → 92.5; "1.000" → 1000; "1,234.5" → 1234.5."""
    text = text.strip().replace(" ", "").replace("\u00a0", "")
    if not _NUMBER.match(text):
        raise ValueError(text)
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        group = "." if decimal == "," else ","
        whole, _, decimals = text.rpartition(decimal)
        if not re.fullmatch(r"[+-]?\d{1,3}(" + re.escape(group) + r"\d{3})*", whole):
            raise ValueError(text)
        return float(whole.replace(group, "") + "." + decimals)
    if "," in text:
        if text.count(",") == 1:
            return float(text.replace(",", "."))
        if _THOUSANDS_COMMA.match(text):
            return float(text.replace(",", ""))
        raise ValueError(text)
    if "." in text:
        if _THOUSANDS_DOT.match(text):
            return float(text.replace(".", ""))
        if text.count(".") == 1:
            return float(text)
        raise ValueError(text)
    return float(text)


def parse_number(value: Any) -> float | None:
    """A number from a numeric cell or text with Vietnamese separators ("1.234,5")."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise ValueProblem("Cần một số, ô lại chứa giá trị đúng/sai.")
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        text = cell_text(value)
        try:
            return number_from_text(text)
        except ValueError:
            raise ValueProblem(f"«{_short(text)}» không phải là số.") from None
    raise ValueProblem(f"«{cell_text(value)}» không phải là số.")


def parse_percent(value: Any) -> float | None:
    """A percentage as a percent number: 0.9 → 90 (a cell formatted as %), 90 → 90, "90%" → 90, "90,5%" → 90.5."""
    if is_blank(value):
        return None
    if isinstance(value, str):
        text = cell_text(value)
        if text.endswith("%"):
            number = parse_number(text[:-1].strip())
            if number is None:
                raise ValueProblem(f"«{text}» không phải là tỷ lệ phần trăm.")
            return number
        number = parse_number(text)
    else:
        number = parse_number(value)
    if number is None:
        return None
    if 0 < abs(number) <= 1 and not (isinstance(value, str) and "," not in value and "." not in value):
        return round(number * 100, 6)
    return number


def parse_measured(value: Any, unit_of_measure: str) -> float | None:
    """A target or achieved value: a percentage when the unit of measure is "%" or the text ends with "%"."""
    if isinstance(value, str) and value.strip().endswith("%"):
        return parse_percent(value)
    if unit_of_measure.strip() == "%":
        return parse_percent(value)
    return parse_number(value)


# --- dates -----------------------------------------------------------------------------------------------------

_DMY = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_MONTH_YEAR = re.compile(r"^(?:thang\s*)?(\d{1,2})\s*[/.\-]\s*(\d{4})$")
_MONTH_WORDS = re.compile(r"^thang\s*(\d{1,2})\s*(?:nam|/|-|\.)\s*(\d{4})$")
_LONG_DATE = re.compile(r"^(?:ngay\s*)?(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})$")
_YEAR = re.compile(r"^(?:nam\s*)?(\d{4})$")


def _make_date(year: int, month: int, day: int, text: str) -> date:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueProblem(f"Năm {year} trong «{text}» không hợp lý.")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueProblem(f"«{text}» không phải là ngày có thật (ngày/tháng/năm).") from None


def date_from_serial(serial: float) -> date:
    """An Excel serial day number (1900 date system) as a date."""
    return EXCEL_EPOCH + timedelta(days=int(serial))


def parse_date(value: Any) -> date | None:
    """A date from a date cell, an Excel serial number, "02/04/1958", "2/4/1958", "02-04-1958", "02.04.1958",
    "1958-04-02", "ngày 02 tháng 4 năm 1958", "tháng 02/2025" (1st of the month) or a year alone (1st January).

    Day comes before month, as Vietnamese write dates.
    """
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise ValueProblem("Cần một ngày, ô lại chứa giá trị đúng/sai.")
    if isinstance(value, int | float):
        if float(value).is_integer() and MIN_YEAR <= value <= MAX_YEAR:
            return date(int(value), 1, 1)
        if 1 <= value < 73051:  # up to 31/12/2099
            return date_from_serial(value)
        raise ValueProblem(f"«{cell_text(value)}» không phải là ngày.")
    if isinstance(value, timedelta | time):
        raise ValueProblem(f"«{value}» là giờ, không phải ngày.")
    text = cell_text(value)
    key = fast_fold(text).replace(",", " ")
    key = re.sub(r"\s+", " ", key).strip()
    if match := _DMY.match(key):
        day, month, year = (int(g) for g in match.groups())
        if len(match.group(3)) == 2:
            year += 1900 if year > date.today().year % 100 else 2000
        return _make_date(year, month, day, text)
    if match := _YMD.match(key):
        year, month, day = (int(g) for g in match.groups())
        return _make_date(year, month, day, text)
    if match := _LONG_DATE.match(key):
        day, month, year = (int(g) for g in match.groups())
        return _make_date(year, month, day, text)
    if (match := _MONTH_YEAR.match(key)) or (match := _MONTH_WORDS.match(key)):
        month, year = (int(g) for g in match.groups())
        return _make_date(year, month, 1, text)
    if match := _YEAR.match(key):
        return _make_date(int(match.group(1)), 1, 1, text)
    if re.fullmatch(r"\d+(\.0+)?", key):
        return parse_date(float(key))
    raise ValueProblem(f"«{_short(text)}» không phải là ngày (cần dạng ngày/tháng/năm, ví dụ 02/04/1958).")


_EXCEL_LEAP_DAY = date(1900, 3, 1)
"""Before this day a 1900 date comes from Excel's fictitious 29/02/1900 (serial 60) or its neighbours."""
_LEAP_DAY_TEXT = re.compile(r"^0?29\s*[/.\-]\s*0?2\s*[/.\-]\s*1900$")


def parse_birth_date(value: Any) -> date | None:
    """A birth date; one before 1900, or Excel's 29/02/1900 (a day that never was), is a warning and is left out
    (no person of a Party list was born then: the cell is a typing or a conversion slip)."""
    if isinstance(value, str) and _LEAP_DAY_TEXT.match(cell_text(value)):
        raise ValueProblem(_LEAP_DAY_MESSAGE, is_warning=True)
    try:
        born = parse_date(value)
    except ValueProblem as problem:
        year = _year_written(value)
        if year is not None and year < MIN_YEAR:
            raise ValueProblem(
                f"Ngày sinh «{_short(cell_text(value))}» trước năm 1900, không hợp lý: chưa ghi ngày sinh, "
                "hãy kiểm tra.",
                is_warning=True,
            ) from None
        raise problem from None
    if born is not None and born < _EXCEL_LEAP_DAY:
        if born.year < MIN_YEAR:
            raise ValueProblem(
                f"Ngày sinh {born.strftime('%d/%m/%Y')} trước năm 1900, không hợp lý: chưa ghi ngày sinh, "
                "hãy kiểm tra.",
                is_warning=True,
            )
        raise ValueProblem(_LEAP_DAY_MESSAGE, is_warning=True)
    return born


_LEAP_DAY_MESSAGE = (
    "Ngày sinh là ngày 29/02/1900 của Excel (ngày không có thật, thường do ô ngày bị nhập sai): chưa ghi ngày "
    "sinh, hãy kiểm tra."
)


def _year_written(value: Any) -> int | None:
    """The four-digit year a date cell's text ends with, if any."""
    if not isinstance(value, str):
        return None
    found = re.search(r"(\d{4})\s*$", cell_text(value))
    return int(found.group(1)) if found else None


def age_at(born: date, when: date) -> int:
    return when.year - born.year - ((when.month, when.day) < (born.month, born.day))


# --- closed vocabularies ---------------------------------------------------------------------------------------

_GENDERS = {
    "nam": Gender.MALE.value,
    "m": Gender.MALE.value,
    "male": Gender.MALE.value,
    "trai": Gender.MALE.value,
    "nu": Gender.FEMALE.value,
    "f": Gender.FEMALE.value,
    "female": Gender.FEMALE.value,
    "gai": Gender.FEMALE.value,
}


def parse_gender(value: Any) -> str | None:
    """ "Nam"/"Nữ" (any case, with or without diacritics, "M"/"F") → gender code."""
    if is_blank(value):
        return None
    text = cell_text(value)
    code = _GENDERS.get(key_text(text))
    if code is None:
        raise ValueProblem(f"Giới tính «{_short(text)}» không rõ (ghi «Nam» hoặc «Nữ»).")
    return code


TITLE_ABBREVIATIONS: dict[str, str] = {
    "ldtt": "LDTT",
    "lao dong tien tien": "LDTT",
    "cstd": "CSTDCS",
    "cstdcs": "CSTDCS",
    "cstd cs": "CSTDCS",
    "cstd co so": "CSTDCS",
    "chien si thi dua": "CSTDCS",
    "chien si thi dua co so": "CSTDCS",
    "chien si thi dua cap co so": "CSTDCS",
    "cstd cap tinh": "CSTD_TINH",
    "cstd tinh": "CSTD_TINH",
    "ttldtt": "TTLDTT",
    "tt ldtt": "TTLDTT",
    "tap the ldtt": "TTLDTT",
    "ttldxs": "TTLDXS",
    "tt ldxs": "TTLDXS",
    "tap the ldxs": "TTLDXS",
    "htxsnv": "XL_HTXSNV",
    "ht xs nv": "XL_HTXSNV",
    "hoan thanh xuat sac": "XL_HTXSNV",
    "hoan thanh xuat sac nhiem vu": "XL_HTXSNV",
    "htxsnv tieu bieu": "XL_HTXSNV_TB",
    "htxsnv tb": "XL_HTXSNV_TB",
    "httnv": "XL_HTTNV",
    "ht tot nv": "XL_HTTNV",
    "hoan thanh tot": "XL_HTTNV",
    "htnv": "XL_HTNV",
    "tdp van hoa": "TDP_VAN_HOA",
    "to dan pho van hoa": "TDP_VAN_HOA",
    "gdvh": "GD_VAN_HOA",
    "gia dinh van hoa": "GD_VAN_HOA",
}


def title_index(extra: dict[str, str] | None = None) -> dict[str, str]:
    """Folded title names, abbreviations and codes → catalogue code; ``extra`` maps names (e.g. edited in the
    settings) to codes and wins over the shipped names."""
    index: dict[str, str] = {}
    for entry in CATALOGUE:
        index[key_text(entry.code)] = entry.code
        index[key_text(entry.code.replace("_", ""))] = entry.code
        index[key_text(entry.name)] = entry.code
    index.update(TITLE_ABBREVIATIONS)
    for name, code in (extra or {}).items():
        index[key_text(name)] = code
        index[key_text(code)] = code
    return index


def parse_title(value: Any, index: dict[str, str]) -> str | None:
    """ "Lao động tiên tiến", "LĐTT", "Chiến sĩ thi đua cơ sở", "HTXSNV"… → catalogue code."""
    if is_blank(value):
        return None
    text = cell_text(value)
    key = key_text(text)
    code = index.get(key)
    if code is None:
        stripped = re.sub(r"^(danh hieu|dang ky|dat|muc)\s+", "", key)
        code = index.get(stripped)
    if code is None:
        raise ValueProblem(f"Danh hiệu «{_short(text)}» không có trong danh mục.")
    return code


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5}


def parse_phase(value: Any) -> int | None:
    """ "1", "Giai đoạn 2", "GĐ II", "Đợt 1" → phase number."""
    if is_blank(value):
        return None
    if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
        return int(value)
    text = cell_text(value)
    key = re.sub(r"^(giai doan|gd|dot|phase)\s*", "", key_text(text))
    if key.isdigit():
        return int(key)
    if key in _ROMAN:
        return _ROMAN[key]
    raise ValueProblem(f"Giai đoạn «{_short(text)}» không rõ (ghi số giai đoạn, ví dụ 1 hoặc 2).")


_RATING_WORDS = (
    ("khong hoan thanh nhiem vu", "incomplete"),
    ("khong hoan thanh", "incomplete"),
    ("khtnv", "incomplete"),
    ("hoan thanh xuat sac nhiem vu", "excellent"),
    ("hoan thanh xuat sac", "excellent"),
    ("htxsnv", "excellent"),
    ("htxs", "excellent"),
    ("hoan thanh tot nhiem vu", "good"),
    ("hoan thanh tot", "good"),
    ("httnv", "good"),
    ("htt", "good"),
    ("hoan thanh nhiem vu", "complete"),
    ("hoan thanh", "complete"),
    ("htnv", "complete"),
)
"""Folded wording of the four levels of Quy định 366-QĐ/TW → ``RatingLevel`` code (longest first)."""


def parse_rating_level(value: Any) -> str | None:
    """ "Hoàn thành xuất sắc nhiệm vụ", "HTXSNV", "hoàn thành tốt", "Không hoàn thành nhiệm vụ"… → level code."""
    if is_blank(value):
        return None
    text = cell_text(value)
    key = re.sub(r"^(xep loai|muc|dat|loai)\s+", "", key_text(text))
    for words, code in _RATING_WORDS:
        if key == words or key.startswith(words + " "):
            return code
    raise ValueProblem(
        f"Mức xếp loại «{_short(text)}» không rõ (Hoàn thành xuất sắc / tốt / Hoàn thành / Không hoàn thành "
        "nhiệm vụ)."
    )


def parse_year(value: Any) -> int | None:
    """ "2024", 2024, "Năm 2024" → 2024 (between 1945 and 2100)."""
    if is_blank(value):
        return None
    if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
        year = int(value)
    else:
        text = cell_text(value)
        found = re.fullmatch(r"(?:nam\s+)?(\d{4})", key_text(text))
        if found is None:
            raise ValueProblem(f"Năm «{_short(text)}» không rõ (ghi 4 chữ số, ví dụ 2024).")
        year = int(found.group(1))
    if not 1945 <= year <= 2100:
        raise ValueProblem(f"Năm {year} không hợp lệ.")
    return year


def parse_score(value: Any) -> float | None:
    """A rating score between 0 and 100 ("92", "92,5", 92.5)."""
    score = parse_number(value)
    if score is not None and not 0 <= score <= 100:
        raise ValueProblem(f"Điểm {_short(cell_text(value))} phải từ 0 đến 100.")
    return score


def title_year(texts: list[str]) -> int | None:
    """The year a title block names ("… XẾP LOẠI CHẤT LƯỢNG ĐẢNG VIÊN NĂM 2024"), the last one written."""
    found = None
    for text in texts:
        key = key_text(text)
        if re.search(r"\bngay\b.*\bthang\b", key):  # "…, ngày 05 tháng 12 năm 2025": when it was written
            continue
        for match in re.finditer(r"\bnam (\d{4})\b", key):
            year = int(match.group(1))
            if 1945 <= year <= 2100:
                found = year
    return found

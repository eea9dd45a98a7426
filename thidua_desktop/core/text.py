"""Vietnamese text helpers: normalisation, diacritic-free folding, name order, date and number formats."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

_SPACES = re.compile(r"\s+")


def clean(text: str | None) -> str:
    """NFC, no control characters, single spaces, trimmed."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", str(text))
    if text.isprintable() and "  " not in text:  # no whitespace but single ASCII spaces: the usual cell
        return text.strip()
    return _SPACES.sub(" ", text).strip()


def fold(text: str | None) -> str:
    """Lower case without diacritics ("Nguyễn Đức" → "nguyen duc"), for matching and search."""
    text = clean(text).replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn").lower()
    if "  " in bare or bare[:1] == " " or bare[-1:] == " ":  # a mark on a space leaves the space behind
        bare = _SPACES.sub(" ", bare).strip()
    return bare


def split_name(full_name: str) -> tuple[str, str]:
    """(family and middle names, given name) of a Vietnamese full name."""
    parts = clean(full_name).split(" ")
    if len(parts) == 1:
        return "", parts[0]
    return " ".join(parts[:-1]), parts[-1]


def name_order(full_name: str) -> tuple[str, str]:
    """(given name, family and middle names): the order in which Vietnamese lists sort people.

    Compare the parts with a Vietnamese collator (``QCollator`` in the GUI) or with ``name_sort_key``.
    """
    family, given = split_name(full_name)
    return given, family


VIETNAMESE_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
TONE_ORDER = {"": 0, "\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_LETTER_RANK = {ch: i for i, ch in enumerate(VIETNAMESE_ALPHABET)}


def _word_key(word: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Letters by the Vietnamese alphabet (a < ă < â, d < đ), tones as a secondary key."""
    letters: list[int] = []
    tones: list[int] = []
    for char in unicodedata.normalize("NFD", word.lower()):
        if char in TONE_ORDER:
            tones[-1:] = [TONE_ORDER[char]]
            continue
        if char in "\u0306\u0302\u031b" and letters:
            base = VIETNAMESE_ALPHABET[letters[-1]] if letters[-1] < len(VIETNAMESE_ALPHABET) else ""
            combined = unicodedata.normalize("NFC", base + char)
            letters[-1] = _LETTER_RANK.get(combined, letters[-1])
            continue
        letters.append(_LETTER_RANK.get(char, 100 + ord(char)))
        tones.append(0)
    return tuple(letters), tuple(tones)


def vietnamese_key(text: str) -> tuple[tuple[tuple[int, ...], ...], tuple[tuple[int, ...], ...]]:
    """A sort key for Vietnamese text without Qt: alphabet order first, tones only to break ties."""
    words = [_word_key(w) for w in clean(text).split(" ")]
    return tuple(w[0] for w in words), tuple(w[1] for w in words)


def name_sort_key(full_name: str) -> tuple[object, object]:
    given, family = name_order(full_name)
    return vietnamese_key(given), vietnamese_key(family)


def format_date(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


_TYPED_DATE = re.compile(r"^(\d{1,2})\s*[/.\-\s]\s*(\d{1,2})\s*[/.\-\s]\s*(\d{4})$")
_TYPED_DIGITS = re.compile(r"^(\d{2})(\d{2})(\d{4})$")


def parse_typed_date(text: str) -> date | None:
    """A date as people type it in a form: day first, "15/03/2024", "5/3/2024", "15-03-2024", "15.03.2024" or
    "15032024"; the year in full. None when the text is no such date (31/02, 32/01, a two-digit year…)."""
    stripped = text.strip()
    found = _TYPED_DATE.match(stripped) or _TYPED_DIGITS.match(stripped)
    if found is None:
        return None
    day, month, year = (int(part) for part in found.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def format_long_date(value: date, place: str = "") -> str:
    """ "Nguyễn Nghiêm, ngày 05 tháng 5 năm 2025": day with two digits, month 1–2 with a leading zero."""
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    text = f"ngày {value.day:02d} tháng {month} năm {value.year}"
    return f"{place}, {text}" if place else text


def format_number(value: float | int | None, decimals: int = 0) -> str:
    """Vietnamese separators: 1.234.567,5."""
    if value is None:
        return ""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_percent(value: float | None, decimals: int = 1) -> str:
    if value is None:
        return ""
    text = format_number(value, decimals)
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return f"{text}%"

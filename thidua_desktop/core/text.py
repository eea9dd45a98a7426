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
    return _SPACES.sub(" ", text).strip()


def fold(text: str | None) -> str:
    """Lower case without diacritics ("Nguyễn Đức" → "nguyen duc"), for matching and search."""
    text = clean(text).replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn").lower()


def split_name(full_name: str) -> tuple[str, str]:
    """(family and middle names, given name) of a Vietnamese full name."""
    parts = clean(full_name).split(" ")
    if len(parts) == 1:
        return "", parts[0]
    return " ".join(parts[:-1]), parts[-1]


def name_sort_key(full_name: str) -> tuple[str, str]:
    """Vietnamese lists sort by given name, then by the rest; folded keys, diacritics as tie-breaker."""
    family, given = split_name(full_name)
    return (fold(given) + "\x00" + clean(given).lower(), fold(family) + "\x00" + clean(family).lower())


def format_date(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


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

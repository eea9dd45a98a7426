"""Approximate widths of text in Times New Roman, to size the rules under header lines and to break long names
of bodies at a sensible place instead of letting Word wrap them in the middle of a place name.

Advance widths (1/1000 em) are those of the Adobe Times metrics, which Times New Roman and Liberation Serif follow;
Vietnamese letters are measured by their base letter, with a little extra for the horn of ơ and ư.
"""

from __future__ import annotations

import itertools
import unicodedata

_POINT_MM = 25.4 / 72

_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_REGULAR_WIDTHS = (
    "722 667 667 722 611 556 722 722 333 389 722 611 889 722 722 556 722 667 556 611 722 722 944 722 722 611 "
    "444 500 444 500 444 333 500 500 278 278 500 278 778 500 500 500 500 333 389 278 500 500 722 500 500 444"
)
_BOLD_WIDTHS = (
    "722 667 722 722 667 611 778 778 389 500 778 667 944 722 778 611 778 722 556 667 722 722 1000 722 722 667 "
    "500 556 444 556 444 333 500 556 278 333 556 278 833 556 500 556 556 444 389 333 556 500 722 500 500 444"
)


def _table(widths: str) -> dict[str, int]:
    return dict(zip(_LETTERS, (int(w) for w in widths.split()), strict=True))


_REGULAR = _table(_REGULAR_WIDTHS)
_BOLD = _table(_BOLD_WIDTHS)
_COMMON = {" ": 250, "-": 333, ".": 250, ",": 250, "/": 278, ":": 278, "*": 500, "(": 333, ")": 333}
_HORN = "\u031b"
FIT = 0.96
"""Share of a column a line may fill before it is broken (the estimate is not exact)."""


def _base(char: str) -> tuple[str, bool]:
    if char in "đĐ":
        return ("d" if char == "đ" else "D"), False
    decomposed = unicodedata.normalize("NFD", char)
    return decomposed[0], _HORN in decomposed


def text_width_mm(text: str, size_pt: float, bold: bool = False) -> float:
    """Width of ``text`` set in Times New Roman at ``size_pt``."""
    table = _BOLD if bold else _REGULAR
    total = 0
    for char in text:
        base, horn = _base(char)
        if base.isdigit():
            width = 500
        else:
            width = table.get(base, _COMMON.get(base, 500))
        total += width + (60 if horn else 0)
    return total / 1000 * size_pt * _POINT_MM


COMPOUNDS = frozenset(
    tuple(pair.split(" "))
    for pair in (
        "THI ĐUA", "KHEN THƯỞNG", "NHÂN DÂN", "HỘI ĐỒNG", "ỦY BAN", "ĐẢNG ỦY", "ĐẢNG BỘ", "CHI BỘ", "MẶT TRẬN",
        "TỔ QUỐC", "VIỆT NAM", "PHỤ NỮ", "CỰU CHIẾN", "CHIẾN BINH", "THANH NIÊN", "CỘNG SẢN", "QUÂN SỰ", "CÔNG AN",
        "KIỂM TRA", "TỔ CHỨC", "TUYÊN GIÁO", "CHỈ HUY", "LIÊN HIỆP", "DÂN PHỐ", "THÀNH PHỐ", "THỊ TRẤN", "VĂN PHÒNG",
        "THƯỜNG VỤ", "BAN CHỈ", "HỒ CHÍ", "CHÍ MINH",
    )
)  # fmt: skip
"""Two-syllable words of the names of bodies, never split over two lines."""


def break_name(name: str, width_mm: float, size_pt: float, bold: bool, max_lines: int = 3) -> str:
    """``name`` with line breaks where it would otherwise wrap: the fewest lines that fit, of the most even
    lengths, never next to a dash nor inside a two-syllable word of ``COMPOUNDS``. Names that fit stay whole."""
    if "\n" in name or text_width_mm(name, size_pt, bold) <= width_mm * FIT:
        return name
    words = name.split(" ")
    allowed = [
        cut
        for cut in range(1, len(words))
        if words[cut - 1] not in ("-", "–")
        and words[cut] not in ("-", "–")
        and (words[cut - 1].upper(), words[cut].upper()) not in COMPOUNDS
    ]
    best, best_key = name, (float("inf"), 0, float("inf"))
    for count in range(1, max_lines):
        for cuts in itertools.combinations(allowed, count):
            bounds = (0, *cuts, len(words))
            lines = [" ".join(words[a:b]) for a, b in itertools.pairwise(bounds)]
            widths = [text_width_mm(line, size_pt, bold) for line in lines]
            key = (max(max(widths) - width_mm * FIT, 0), count, max(widths) - min(widths))
            if key < best_key:
                best, best_key = "\n".join(lines), key
        if best_key[0] == 0:
            break
    return best

"""Amounts of money in Vietnamese words, as decisions write them: "Bằng chữ: Hai triệu ba trăm bốn mươi nghìn
đồng"."""

from __future__ import annotations

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
SCALES = ("", "nghìn", "triệu", "tỷ")


def _triple(number: int, full: bool) -> list[str]:
    """Words of 0–999; ``full`` when a higher group precedes (then "không trăm", "linh" are spelled out)."""
    hundreds, rest = divmod(number, 100)
    tens, ones = divmod(rest, 10)
    words: list[str] = []
    if hundreds or full:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if ones and (hundreds or full):
            words.append("linh")
    elif tens == 1:
        words.append("mười")
    else:
        words += [DIGITS[tens], "mươi"]
    if ones:
        if ones == 1 and tens >= 2:
            words.append("mốt")
        elif ones == 5 and tens >= 1:
            words.append("lăm")
        else:
            words.append(DIGITS[ones])
    return words


def number_in_words(number: int) -> str:
    """0 → "không"; 2_340_000 → "hai triệu ba trăm bốn mươi nghìn"; 1_000_000_000_000 → "một nghìn tỷ"."""
    if number < 0:
        return "âm " + number_in_words(-number)
    if number == 0:
        return DIGITS[0]
    billions, below = divmod(number, 1_000_000_000)
    words: list[str] = []
    if billions:
        words += [number_in_words(billions), "tỷ"]
    groups: list[int] = []
    for _ in range(3):
        below, group = divmod(below, 1000)
        groups.append(group)
    for scale in (2, 1, 0):
        group = groups[scale]
        if not group:
            continue
        words += _triple(group, full=bool(words))
        if SCALES[scale]:
            words.append(SCALES[scale])
    return " ".join(words)


def amount_in_words(amount: int) -> str:
    """ "Hai triệu ba trăm bốn mươi nghìn đồng"."""
    text = number_in_words(amount) + " đồng"
    return text[0].upper() + text[1:]

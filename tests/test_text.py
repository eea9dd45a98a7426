"""Vietnamese text helpers."""

from __future__ import annotations

from datetime import date

import pytest

from thidua_desktop.core.text import (
    clean,
    fold,
    format_date,
    format_long_date,
    format_number,
    format_percent,
    name_order,
    name_sort_key,
    parse_typed_date,
    vietnamese_key,
)


def test_clean_normalises_to_nfc_and_collapses_spaces() -> None:
    decomposed = "Nguye\u0302\u0303n"
    assert clean(f"  {decomposed}\t Văn\n An ") == "Nguyễn Văn An"


@pytest.mark.parametrize(
    ("text", "folded"), [("Nguyễn Đức Thắng", "nguyen duc thang"), ("ĐẢNG ỦY", "dang uy")]
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_vietnamese_alphabet_order() -> None:
    words = [
        "Út",
        "Ơn",
        "On",
        "Ông",
        "Ôn",
        "Đức",
        "Dung",
        "Em",
        "Ân",
        "Ăn",
        "An",
        "Bảy",
        "Ánh",
        "Ạnh",
        "Ảnh",
        "anh",
    ]
    assert sorted(words, key=vietnamese_key) == [
        "An",
        "anh",
        "Ảnh",
        "Ánh",
        "Ạnh",
        "Ăn",
        "Ân",
        "Bảy",
        "Dung",
        "Đức",
        "Em",
        "On",
        "Ôn",
        "Ông",
        "Ơn",
        "Út",
    ]


def test_names_sort_by_given_name() -> None:
    assert name_order("Nguyễn Thị Ngọc Dung") == ("Dung", "Nguyễn Thị Ngọc")
    names = ["Trần Văn Bình", "Lê An", "Nguyễn Ân"]
    assert sorted(names, key=name_sort_key) == ["Lê An", "Nguyễn Ân", "Trần Văn Bình"]


def test_dates_and_numbers_the_vietnamese_way() -> None:
    assert format_date(date(2025, 5, 5)) == "05/05/2025"
    assert format_long_date(date(2025, 5, 5), "Nguyễn Nghiêm") == "Nguyễn Nghiêm, ngày 05 tháng 5 năm 2025"
    assert format_long_date(date(2025, 2, 3)) == "ngày 03 tháng 02 năm 2025"
    assert format_number(2340000) == "2.340.000"
    assert format_number(1234.5, 1) == "1.234,5"
    assert format_percent(90.5) == "90,5%"
    assert format_percent(100.0) == "100%"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("15/03/2024", date(2024, 3, 15)),
        (" 5/3/2024 ", date(2024, 3, 5)),
        ("15-03-2024", date(2024, 3, 15)),
        ("15.03.2024", date(2024, 3, 15)),
        ("15 / 03 / 2024", date(2024, 3, 15)),
        ("15032024", date(2024, 3, 15)),
        ("29/02/2024", date(2024, 2, 29)),
        ("29/02/2025", None),
        ("31/04/2025", None),
        ("32/01/2025", None),
        ("15/13/2025", None),
        ("15/03/25", None),
        ("2024-03-15", None),
        ("", None),
        ("ngày mai", None),
    ],
)
def test_parse_typed_date(typed: str, expected: date | None) -> None:
    assert parse_typed_date(typed) == expected

"""Cell values typed the Vietnamese way: dates, percentages, numbers, gender, titles, formulas, legacy text."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from thidua_desktop.core.text import fold
from thidua_desktop.exchange.values import (
    ValueProblem,
    cell_text,
    date_from_serial,
    fast_fold,
    formula_problem,
    key_text,
    number_from_text,
    parse_date,
    parse_gender,
    parse_measured,
    parse_number,
    parse_percent,
    parse_phase,
    parse_rating_level,
    parse_score,
    parse_text,
    parse_title,
    parse_year,
    title_index,
    title_year,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(1958, 4, 2), date(1958, 4, 2)),
        (datetime(1958, 4, 2, 0, 0), date(1958, 4, 2)),
        (21277, date(1958, 4, 2)),
        (21277.0, date(1958, 4, 2)),
        ("21277", date(1958, 4, 2)),
        ("02/04/1958", date(1958, 4, 2)),
        ("2/4/1958", date(1958, 4, 2)),
        ("02-04-1958", date(1958, 4, 2)),
        ("02.04.1958", date(1958, 4, 2)),
        (" 02 / 04 / 1958 ", date(1958, 4, 2)),
        ("1958-04-02", date(1958, 4, 2)),
        ("ngày 02 tháng 4 năm 1958", date(1958, 4, 2)),
        ("Ngày 2 tháng 04 năm 1958", date(1958, 4, 2)),
        ("02/04/58", date(1958, 4, 2)),
        (1958, date(1958, 1, 1)),
        ("1958", date(1958, 1, 1)),
        ("năm 1958", date(1958, 1, 1)),
        ("tháng 02/2025", date(2025, 2, 1)),
        ("Tháng 2/2025", date(2025, 2, 1)),
        ("02/2025", date(2025, 2, 1)),
        ("tháng 2 năm 2025", date(2025, 2, 1)),
        ("", None),
        ("   ", None),
    ],
)
def test_dates_in_every_shape(value: object, expected: date | None) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["31/02/2020", "hôm qua", "12/13/2020", "02/04/1800", True, "1.5.6.7"])
def test_impossible_dates_are_explained(value: object) -> None:
    with pytest.raises(ValueProblem) as caught:
        parse_date(value)
    assert caught.value.message and not caught.value.is_warning


def test_excel_serial_numbers_follow_the_1900_system() -> None:
    assert date_from_serial(1) == date(1899, 12, 31)
    assert date_from_serial(45658) == date(2025, 1, 1)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0.9, 90.0),
        (1, 100.0),
        (90, 90.0),
        ("90%", 90.0),
        ("90,5%", 90.5),
        ("90.5 %", 90.5),
        ("100%", 100.0),
        (0.905, 90.5),
        ("", None),
    ],
)
def test_percentages_become_percent_numbers(value: object, expected: float | None) -> None:
    assert (
        parse_percent(value) == pytest.approx(expected)
        if expected is not None
        else parse_percent(value) is None
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234,5", 1234.5),
        ("1.234", 1234.0),
        ("1.234.567", 1234567.0),
        ("92,5", 92.5),
        ("92.5", 92.5),
        ("1,234.5", 1234.5),
        ("12", 12.0),
        ("-3", -3.0),
        ("1 234", 1234.0),
    ],
)
def test_numbers_with_vietnamese_separators(text: str, expected: float) -> None:
    assert number_from_text(text) == expected
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["mười", "1,2,3", "1.23.4", "12a"])
def test_words_are_not_numbers(text: str) -> None:
    with pytest.raises(ValueProblem):
        parse_number(text)


def test_measured_values_follow_the_unit_of_measure() -> None:
    assert parse_measured(1, "%") == 100.0
    assert parse_measured(1, "hộ") == 1.0
    assert parse_measured("98,5%", "") == 98.5
    assert parse_measured("1.234", "hộ") == 1234.0


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Nam", "male"),
        ("nam", "male"),
        ("NAM", "male"),
        ("Nữ", "female"),
        ("nu", "female"),
        ("NỮ", "female"),
        ("F", "female"),
        ("M", "male"),
    ],
)
def test_gender(text: str, code: str) -> None:
    assert parse_gender(text) == code


def test_unknown_gender_is_an_error() -> None:
    with pytest.raises(ValueProblem):
        parse_gender("khác")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Lao động tiên tiến", "LDTT"),
        ("lao dong tien tien", "LDTT"),
        ("LĐTT", "LDTT"),
        ("Chiến sĩ thi đua cơ sở", "CSTDCS"),
        ("CSTĐCS", "CSTDCS"),
        ("CSTĐ cơ sở", "CSTDCS"),
        ("HTXSNV", "XL_HTXSNV"),
        ("Hoàn thành xuất sắc nhiệm vụ", "XL_HTXSNV"),
        ("Hoàn thành tốt nhiệm vụ", "XL_HTTNV"),
        ("Tập thể lao động tiên tiến", "TTLDTT"),
        ("TTLĐXS", "TTLDXS"),
        ("Danh hiệu Lao động tiên tiến", "LDTT"),
        ("Gia đình văn hoá", "GD_VAN_HOA"),
        ("LDTT", "LDTT"),
    ],
)
def test_titles_map_to_catalogue_codes(text: str, code: str) -> None:
    assert parse_title(text, title_index()) == code


def test_titles_renamed_in_the_settings_are_recognised() -> None:
    index = title_index({"Lao động tiên tiến (cấp phường)": "LDTT"})
    assert parse_title("Lao động tiên tiến (cấp phường)", index) == "LDTT"
    with pytest.raises(ValueProblem) as caught:
        parse_title("Anh hùng lao động", index)
    assert "không có trong danh mục" in caught.value.message


@pytest.mark.parametrize(
    ("text", "number"), [("1", 1), (2.0, 2), ("Giai đoạn 2", 2), ("GĐ II", 2), ("Đợt 1", 1)]
)
def test_phases(text: object, number: int) -> None:
    assert parse_phase(text) == number


@pytest.mark.parametrize(
    "text", ["=SUM(A1:A3)", "=1+2", "@SUM(A1)", '+HYPERLINK("x")', "-cmd|' /C calc'!A0", "+ SUM(A1)"]
)
def test_formula_looking_text_is_kept_with_a_warning(text: str) -> None:
    problem = formula_problem(text)
    assert problem is not None and problem.is_warning and "nguyên văn" in problem.message


@pytest.mark.parametrize("text", ["-Hoàn thành tốt", "+Tham gia"])
def test_a_sign_then_a_word_is_a_warning(text: str) -> None:
    problem = formula_problem(text)
    assert problem is not None and problem.is_warning


@pytest.mark.parametrize(
    "text", ["- Hoàn thành tốt", "Hoàn thành", "100%", "-5", "+84 912 345 678", "@", "="]
)
def test_ordinary_text_is_not_a_formula(text: str) -> None:
    assert formula_problem(text) is None


def test_text_is_cleaned_to_nfc_single_spaces_and_never_evaluated() -> None:
    decomposed = "Nguye\u0302\u0303n  \t Va\u0306n\u00a0An "
    assert cell_text(decomposed) == "Nguyễn Văn An"
    text, problem = parse_text("=2+2")
    assert text == "=2+2" and problem is not None
    assert (
        cell_text(12.0) == "12" and cell_text(12.5) == "12.5" and cell_text(date(2025, 2, 3)) == "03/02/2025"
    )


def test_legacy_text_is_converted_per_cell() -> None:
    assert cell_text("NguyÔn V¨n Tïng", ".VnTime") == "Nguyễn Văn Tùng"
    assert cell_text("chi bé tæ d©n phè 5", ".VnTimeH") == "CHI BỘ TỔ DÂN PHỐ 5"
    assert cell_text("Nguyeãn Vaên Tuøng", "VNI-Times") == "Nguyễn Văn Tùng"
    assert cell_text("Nguyễn Văn Tùng") == "Nguyễn Văn Tùng"
    assert cell_text("NguyÔn V¨n Tïng", None, "tcvn3") == "Nguyễn Văn Tùng"


def test_header_keys_ignore_case_diacritics_and_punctuation() -> None:
    assert key_text("Họ, tên (1)") == "ho ten 1"
    assert key_text("NGÀY VÀO ĐẢNG") == "ngay vao dang"


@given(st.text(alphabet=st.characters(max_codepoint=0x2100, blacklist_categories=("Cs",)), max_size=40))
@example("0 \u0300")  # a mark on a space: both must drop the space the mark leaves at the end
@example("a \u0301 b")
def test_fast_fold_is_fold(text: str) -> None:
    assert fast_fold(text) == fold(text)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Hoàn thành xuất sắc nhiệm vụ", "excellent"),
        ("HTXSNV", "excellent"),
        ("hoan thanh xuat sac", "excellent"),
        ("Xếp loại: Hoàn thành tốt nhiệm vụ", "good"),
        ("httnv", "good"),
        ("Hoàn thành nhiệm vụ", "complete"),
        ("HTNV", "complete"),
        ("Không hoàn thành nhiệm vụ", "incomplete"),
        ("KHTNV", "incomplete"),
        ("", None),
    ],
)
def test_rating_levels_in_every_usual_wording(value: str, expected: str | None) -> None:
    assert parse_rating_level(value) == expected


@pytest.mark.parametrize("value", ["Tốt", "Xuất sắc nhiệm vụ", "A"])
def test_unknown_rating_wording_is_named(value: str) -> None:
    with pytest.raises(ValueProblem, match=f"Mức xếp loại «{value}» không rõ"):
        parse_rating_level(value)


def test_years_and_scores() -> None:
    assert [parse_year(v) for v in (2024, 2024.0, "2024", "Năm 2024", None)] == [2024, 2024, 2024, 2024, None]
    for wrong in ("24", "1900", "năm ngoái"):
        with pytest.raises(ValueProblem):
            parse_year(wrong)
    assert [parse_score(v) for v in ("92,5", 85, None)] == [92.5, 85, None]
    with pytest.raises(ValueProblem, match="từ 0 đến 100"):
        parse_score("120")


def test_the_year_of_a_title_block_is_not_the_date_it_was_written() -> None:
    title = ["CHI BỘ TỔ DÂN PHỐ 5", "Nguyễn Nghiêm, ngày 05 tháng 12 năm 2025", "XẾP LOẠI ĐẢNG VIÊN NĂM 2024"]
    assert title_year(title) == 2024
    assert title_year(["Nguyễn Nghiêm, ngày 05 tháng 12 năm 2025"]) is None

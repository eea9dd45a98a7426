"""Legacy Vietnamese encodings (TCVN3/ABC, VNI-Windows) → Unicode: tables letter by letter, words, detection."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thidua_desktop.exchange.legacy_text import (
    TCVN3_TO_UNICODE,
    VNI_TO_UNICODE,
    Encoding,
    convert,
    detect_encoding,
    detect_sheet_encoding,
    font_encoding,
    is_upper_case_font,
    is_vietnamese_syllable,
    tcvn3_to_unicode,
    to_unicode,
    vni_to_unicode,
)

SOFT_HYPHEN = "\u00ad"

# ----------------------------------------------------------------------------------------------------------------
# Reverse tables, written out by hand from the code charts (independent of how the module builds its tables).
# ----------------------------------------------------------------------------------------------------------------

# TCVN3 (TCVN 5712:1993 VN3), as the cp1252 characters Excel shows. Rows: toneless letter (when it has a code of its
# own), then huyền, hỏi, ngã, sắc, nặng.
TCVN3_LOWER: dict[str, str] = {
    "à": "µ", "ả": "¶", "ã": "·", "á": "¸", "ạ": "¹",
    "ă": "¨", "ằ": "»", "ẳ": "¼", "ẵ": "½", "ắ": "¾", "ặ": "Æ",
    "â": "©", "ầ": "Ç", "ẩ": "È", "ẫ": "É", "ấ": "Ê", "ậ": "Ë",
    "è": "Ì", "ẻ": "Î", "ẽ": "Ï", "é": "Ð", "ẹ": "Ñ",
    "ê": "ª", "ề": "Ò", "ể": "Ó", "ễ": "Ô", "ế": "Õ", "ệ": "Ö",
    "ì": "×", "ỉ": "Ø", "ĩ": "Ü", "í": "Ý", "ị": "Þ",
    "ò": "ß", "ỏ": "á", "õ": "â", "ó": "ã", "ọ": "ä",
    "ô": "«", "ồ": "å", "ổ": "æ", "ỗ": "ç", "ố": "è", "ộ": "é",
    "ơ": "¬", "ờ": "ê", "ở": "ë", "ỡ": "ì", "ớ": "í", "ợ": "î",
    "ù": "ï", "ủ": "ñ", "ũ": "ò", "ú": "ó", "ụ": "ô",
    "ư": SOFT_HYPHEN, "ừ": "õ", "ử": "ö", "ữ": "÷", "ứ": "ø", "ự": "ù",
    "ỳ": "ú", "ỷ": "û", "ỹ": "ü", "ý": "ý", "ỵ": "þ",
    "đ": "®",
}  # fmt: skip
TCVN3_CAPITALS: dict[str, str] = {"Ă": "¡", "Â": "¢", "Ê": "£", "Ô": "¤", "Ơ": "¥", "Ư": "¦", "Đ": "§"}

# VNI-Windows: a base letter and a mark; ơ, ư, đ, the toned i and ỵ are single characters.
VNI_LOWER: dict[str, str] = {
    "à": "aø", "ả": "aû", "ã": "aõ", "á": "aù", "ạ": "aï",
    "ă": "aê", "ằ": "aè", "ẳ": "aú", "ẵ": "aü", "ắ": "aé", "ặ": "aë",
    "â": "aâ", "ầ": "aà", "ẩ": "aå", "ẫ": "aã", "ấ": "aá", "ậ": "aä",
    "è": "eø", "ẻ": "eû", "ẽ": "eõ", "é": "eù", "ẹ": "eï",
    "ê": "eâ", "ề": "eà", "ể": "eå", "ễ": "eã", "ế": "eá", "ệ": "eä",
    "ì": "ì", "ỉ": "æ", "ĩ": "ó", "í": "í", "ị": "ò",
    "ò": "oø", "ỏ": "oû", "õ": "oõ", "ó": "où", "ọ": "oï",
    "ô": "oâ", "ồ": "oà", "ổ": "oå", "ỗ": "oã", "ố": "oá", "ộ": "oä",
    "ơ": "ô", "ờ": "ôø", "ở": "ôû", "ỡ": "ôõ", "ớ": "ôù", "ợ": "ôï",
    "ù": "uø", "ủ": "uû", "ũ": "uõ", "ú": "uù", "ụ": "uï",
    "ư": "ö", "ừ": "öø", "ử": "öû", "ữ": "öõ", "ứ": "öù", "ự": "öï",
    "ỳ": "yø", "ỷ": "yû", "ỹ": "yõ", "ý": "yù", "ỵ": "î",
    "đ": "ñ",
}  # fmt: skip
# Capitals take the capital form of every character (checked against the chart on a few letters below).
VNI_UPPER: dict[str, str] = {letter.upper(): code.upper() for letter, code in VNI_LOWER.items()}
VNI_CAPITAL_SPOT_CHECKS = {"Ễ": "EÃ", "Ấ": "AÁ", "Ặ": "AË", "Ơ": "Ô", "Ư": "Ö", "Ự": "ÖÏ", "Đ": "Ñ", "Ị": "Ò",
                           "Ỉ": "Æ", "Ĩ": "Ó", "Ỵ": "Î", "Ủ": "UÛ"}  # fmt: skip

PLAIN_VOWELS = "aeiouy"
TONES = ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
LOWER_LETTERS = sorted(
    {unicodedata.normalize("NFC", v + t) for v in "aăâeêioôơuưy" for t in ("", *TONES)} | {"đ"}
)  # the 72 vowels with and without tones, and đ


def encode_tcvn3(text: str) -> str:
    table = {**TCVN3_LOWER, **TCVN3_CAPITALS}
    return "".join(table.get(char, char) for char in text)


def encode_vni(text: str) -> str:
    table = {**VNI_LOWER, **VNI_UPPER}
    return "".join(table.get(char, char) for char in text)


def test_the_hand_written_lists_cover_every_vietnamese_letter() -> None:
    assert len(LOWER_LETTERS) == 73
    non_ascii = [letter for letter in LOWER_LETTERS if not letter.isascii()]
    assert len(non_ascii) == 67  # 60 toned vowels, ă â ê ô ơ ư, đ
    assert sorted(TCVN3_LOWER) == sorted(non_ascii)
    assert sorted(VNI_LOWER) == sorted(non_ascii)
    assert len(set(TCVN3_LOWER.values()) | set(TCVN3_CAPITALS.values())) == 74  # no code used twice
    assert len(set(VNI_LOWER.values()) | set(VNI_UPPER.values())) == 134


def test_module_tables_match_the_charts_exactly() -> None:
    expected_tcvn3 = {code: letter for letter, code in {**TCVN3_LOWER, **TCVN3_CAPITALS}.items()}
    assert dict(TCVN3_TO_UNICODE) == expected_tcvn3
    assert len(TCVN3_TO_UNICODE) == 74
    expected_vni = {code: letter for letter, code in {**VNI_LOWER, **VNI_UPPER}.items()}
    assert dict(VNI_TO_UNICODE) == expected_vni
    assert len(VNI_TO_UNICODE) == 134


@pytest.mark.parametrize("letter", [letter for letter in LOWER_LETTERS if not letter.isascii()])
def test_tcvn3_lower_case_letter(letter: str) -> None:
    code = TCVN3_LOWER[letter]
    assert len(code) == 1 and 0xA0 <= ord(code) <= 0xFF
    assert tcvn3_to_unicode(code) == letter
    assert tcvn3_to_unicode("b" + code + "n") == "b" + letter + "n"
    # upper-case fonts (.VnTimeH) draw the same code as the capital
    assert tcvn3_to_unicode(code, upper=True) == letter.upper()
    assert convert(code, Encoding.TCVN3, upper=True) == letter.upper()


@pytest.mark.parametrize("capital", sorted(TCVN3_CAPITALS))
def test_tcvn3_capitals_with_their_own_codes(capital: str) -> None:
    assert tcvn3_to_unicode(TCVN3_CAPITALS[capital]) == capital
    assert tcvn3_to_unicode(TCVN3_CAPITALS[capital], upper=True) == capital


@pytest.mark.parametrize("letter", PLAIN_VOWELS)
def test_tcvn3_plain_vowels_are_ascii(letter: str) -> None:
    assert tcvn3_to_unicode(letter) == letter
    assert tcvn3_to_unicode(letter, upper=True) == letter.upper()


@pytest.mark.parametrize("letter", LOWER_LETTERS)
def test_vni_lower_case_letter(letter: str) -> None:
    code = VNI_LOWER.get(letter, letter)
    assert vni_to_unicode(code) == letter
    assert vni_to_unicode("b" + code + "n") == "b" + letter + "n"
    assert vni_to_unicode("Ch" + code) == "Ch" + letter


@pytest.mark.parametrize("letter", [letter.upper() for letter in LOWER_LETTERS])
def test_vni_capital_letter(letter: str) -> None:
    code = VNI_UPPER.get(letter, letter)
    assert vni_to_unicode(code) == letter
    assert vni_to_unicode("B" + code + "N") == "B" + letter + "N"


@pytest.mark.parametrize(("letter", "code"), sorted(VNI_CAPITAL_SPOT_CHECKS.items()))
def test_vni_capitals_spot_checked_by_hand(letter: str, code: str) -> None:
    assert VNI_UPPER[letter] == code
    assert vni_to_unicode(code) == letter


def test_vni_marks_whose_case_differs_from_the_letter_still_convert() -> None:
    assert vni_to_unicode("Nguyeãn") == "Nguyễn"
    assert vni_to_unicode("NGUYEãN") == "NGUYỄN"  # a capital E with a lower-case mark stays a capital
    assert vni_to_unicode("nguyeÃn") == "nguyễn"
    assert vni_to_unicode("lyï") == "lỵ"  # y + the ordinary nặng mark


# ----------------------------------------------------------------------------------------------------------------
# Words and sentences
# ----------------------------------------------------------------------------------------------------------------

SENTENCES = [
    "Đảng Cộng sản Việt Nam",
    "Chi bộ Tổ dân phố 5",
    "Nguyễn Thị Ngọc Dung",
    "Hoàn thành xuất sắc nhiệm vụ",
    "Ủy ban nhân dân phường Nguyễn Nghiêm",
]

# Written out by hand, as they look in Excel.
TCVN3_SENTENCES = {
    "§¶ng Céng s¶n ViÖt Nam": "Đảng Cộng sản Việt Nam",
    "Chi bé Tæ d©n phè 5": "Chi bộ Tổ dân phố 5",
    "NguyÔn ThÞ Ngäc Dung": "Nguyễn Thị Ngọc Dung",
    "Hoµn thµnh xuÊt s¾c nhiÖm vô": "Hoàn thành xuất sắc nhiệm vụ",
    # .VnTime has no capital Ủ: offices typed U + ỷ
    f"Uû ban nh©n d©n ph{SOFT_HYPHEN}êng NguyÔn Nghiªm": "Uỷ ban nhân dân phường Nguyễn Nghiêm",
}
VNI_SENTENCES = {
    "Ñaûng Coäng saûn Vieät Nam": "Đảng Cộng sản Việt Nam",
    "Chi boä Toå daân phoá 5": "Chi bộ Tổ dân phố 5",
    "Nguyeãn Thò Ngoïc Dung": "Nguyễn Thị Ngọc Dung",
    "Hoaøn thaønh xuaát saéc nhieäm vuï": "Hoàn thành xuất sắc nhiệm vụ",
    "UÛy ban nhaân daân phöôøng Nguyeãn Nghieâm": "Ủy ban nhân dân phường Nguyễn Nghiêm",
    "Xin chaøo caùc baïn": "Xin chào các bạn",
}
VNI_UPPER_SENTENCES = {
    "ÑAÛNG COÄNG SAÛN VIEÄT NAM": "ĐẢNG CỘNG SẢN VIỆT NAM",
    "CHI BOÄ TOÅ DAÂN PHOÁ 5": "CHI BỘ TỔ DÂN PHỐ 5",
    "NGUYEÃN THÒ NGOÏC DUNG": "NGUYỄN THỊ NGỌC DUNG",
    "HOAØN THAØNH XUAÁT SAÉC NHIEÄM VUÏ": "HOÀN THÀNH XUẤT SẮC NHIỆM VỤ",
    "UÛY BAN NHAÂN DAÂN PHÖÔØNG NGUYEÃN NGHIEÂM": "ỦY BAN NHÂN DÂN PHƯỜNG NGUYỄN NGHIÊM",
}
KNOWN_WORDS = [
    ("NguyÔn", "Nguyeãn", "Nguyễn"),
    ("§¶ng", "Ñaûng", "Đảng"),
    ("ViÖt", "Vieät", "Việt"),
    (f"ph{SOFT_HYPHEN}êng", "phöôøng", "phường"),
    (f"tr{SOFT_HYPHEN}êng", "tröôøng", "trường"),
    ("®¶ng viªn", "ñaûng vieân", "đảng viên"),
    ("N÷", "Nöõ", "Nữ"),
    ("khuya", "khuya", "khuya"),
    ("quèc", "quoác", "quốc"),
    ("gi÷a", "giöõa", "giữa"),
    ("thuë", "thuôû", "thuở"),
    ("huúnh", "huyønh", "huỳnh"),
]


@pytest.mark.parametrize(("legacy", "expected"), sorted(TCVN3_SENTENCES.items()))
def test_tcvn3_sentences(legacy: str, expected: str) -> None:
    assert tcvn3_to_unicode(legacy) == expected
    assert detect_encoding(legacy) is Encoding.TCVN3
    assert to_unicode(legacy) == expected
    assert to_unicode(legacy, ".VnTime") == expected


@pytest.mark.parametrize("sentence", SENTENCES)
def test_tcvn3_sentences_encoded_from_the_chart(sentence: str) -> None:
    if sentence.startswith("Ủ"):
        sentence = "Uỷ" + sentence[2:]  # no code for Ủ in the lower-case fonts
    legacy = encode_tcvn3(sentence)
    assert tcvn3_to_unicode(legacy) == sentence
    assert to_unicode(legacy) == sentence


@pytest.mark.parametrize("sentence", SENTENCES)
def test_tcvn3_upper_case_font(sentence: str) -> None:
    legacy = encode_tcvn3(sentence.lower())  # what was typed in .VnTimeH: the lower-case codes
    assert tcvn3_to_unicode(legacy, upper=True) == sentence.upper()
    assert to_unicode(legacy, ".VnTimeH") == sentence.upper()
    assert to_unicode(legacy, ".VnArialH") == sentence.upper()
    assert detect_encoding(legacy, ".VnTimeH") is Encoding.TCVN3


def test_tcvn3_typed_in_capitals_without_font_name_is_taken_as_upper_case() -> None:
    assert to_unicode("NGUYÔN THÞ NGäC DUNG") == "NGUYỄN THỊ NGỌC DUNG"
    assert to_unicode("§¶NG CéNG S¶N ViÖT NAM") == "ĐảNG CộNG SảN ViệT NAM"  # a lower-case i: left as typed


@pytest.mark.parametrize(("legacy", "expected"), sorted({**VNI_SENTENCES, **VNI_UPPER_SENTENCES}.items()))
def test_vni_sentences(legacy: str, expected: str) -> None:
    assert vni_to_unicode(legacy) == expected
    assert detect_encoding(legacy) is Encoding.VNI
    assert to_unicode(legacy) == expected
    assert to_unicode(legacy, "VNI-Times") == expected


@pytest.mark.parametrize("sentence", SENTENCES + [s.upper() for s in SENTENCES])
def test_vni_sentences_encoded_from_the_chart(sentence: str) -> None:
    legacy = encode_vni(sentence)
    assert vni_to_unicode(legacy) == sentence
    assert to_unicode(legacy) == sentence


@pytest.mark.parametrize(("tcvn3", "vni", "expected"), KNOWN_WORDS)
def test_known_words(tcvn3: str, vni: str, expected: str) -> None:
    assert tcvn3_to_unicode(tcvn3) == expected
    assert vni_to_unicode(vni) == expected
    assert to_unicode(tcvn3, ".VnTime") == expected
    assert to_unicode(vni, "VNI-Times") == expected


def test_conversion_output_is_nfc() -> None:
    for text in (*TCVN3_SENTENCES, *VNI_SENTENCES):
        result = to_unicode(text)
        assert result == unicodedata.normalize("NFC", result)


# ----------------------------------------------------------------------------------------------------------------
# Soft hyphen (TCVN3 0xAD = ư)
# ----------------------------------------------------------------------------------------------------------------


def test_soft_hyphen_is_u_horn_in_tcvn3() -> None:
    assert tcvn3_to_unicode(SOFT_HYPHEN) == "ư"
    assert tcvn3_to_unicode(f"t{SOFT_HYPHEN}") == "tư"
    assert tcvn3_to_unicode(f"m{SOFT_HYPHEN}a") == "mưa"
    assert tcvn3_to_unicode(f"T{SOFT_HYPHEN}", upper=True) == "TƯ"
    assert to_unicode(f"§¶ng ñy ph{SOFT_HYPHEN}êng") == "Đảng ủy phường"


def test_a_dropped_soft_hyphen_is_restored_before_o_horn() -> None:
    assert tcvn3_to_unicode("phêng") == "phờng"  # the plain table cannot know
    assert tcvn3_to_unicode("phêng", restore_dropped_u=True) == "phường"
    assert to_unicode("Uû ban nh©n d©n phêng") == "Uỷ ban nhân dân phường"
    assert to_unicode("®îc", ".VnTime") == "được"
    assert to_unicode("rîu", ".VnTime") == "rượu"
    assert to_unicode("n¬i", ".VnTime") == "nơi"  # a syllable as it stands: untouched
    assert to_unicode("s¸ng ngêi", ".VnTime") == "sáng ngời"  # "ngời" is a word too: untouched


def test_soft_hyphen_in_unicode_text_is_left_alone() -> None:
    for text in (
        f"co{SOFT_HYPHEN}operation",
        f"Nguyễn{SOFT_HYPHEN}Văn",
        f"Thành{SOFT_HYPHEN}phố Hồ Chí Minh",
    ):
        assert detect_encoding(text) is Encoding.UNICODE
        assert to_unicode(text) == text


# ----------------------------------------------------------------------------------------------------------------
# Detection
# ----------------------------------------------------------------------------------------------------------------

UNICODE_TEXTS = [
    *SENTENCES,
    *(s.upper() for s in SENTENCES),
    "Nam", "Nữ", "nữ", "NỮ", "Ông", "Bà", "Hà Tây", "Hòa", "Tân Bình", "Sài Gòn", "Thò", "Cà Mau", "Bến Tre",
    "Lê Văn Tám", "Trần Hưng Đạo", "Đinh Bộ Lĩnh", "Ngô Thì Nhậm", "Hồ Chí Minh", "Phạm Văn Đồng",
    "Lao động tiên tiến", "Chiến sĩ thi đua cơ sở", "Giấy khen của Đảng ủy phường", "Huy hiệu 30 năm tuổi Đảng",
    "12/05/2023", "2023-05-12", "1.234.567", "0912 345 678", "15%", "30", "", " ", "x", "-", "A1", "Tổ 5",
    "Hello world", "The quick brown fox jumps over the lazy dog", "UBND", "Q.1", "TP. HCM",
    "Müller", "José Peña", "François Dupont", "Zoë", "Loïc", "Gödel", "Björk", "Straße", "São Paulo", "Ñuñoa",
    "Renée", "Chloé", "Noël", "Raúl", "Anaïs", "Søren Kierkegaard", "Bø", "Lü", "Café crème", "naïve",
    "Crème brûlée", "Señor Muñoz", "Ångström", "Øystein", "Jürgen Habermas", "Thérèse", "Élodie",
    "João", "Camões", "Guimarães", "Açaí", "Dvořák", "Łódź", "Москва", "東京", "5 µm", "© 2024", "Excel®",
    "“Trích”", "Quyết định số 12/QĐ-UBND", "Nguyễn Văn A – Bí thư", "1½", "3×4", "¶ 5", "§ 12",
]  # fmt: skip


@pytest.mark.parametrize("text", UNICODE_TEXTS)
def test_unicode_and_plain_text_is_never_altered(text: str) -> None:
    assert detect_encoding(text) is Encoding.UNICODE
    assert to_unicode(text) == text
    assert to_unicode(to_unicode(text)) == text


@pytest.mark.parametrize(
    "text", [s for s in UNICODE_TEXTS if any(0x1EA0 <= ord(c) <= 0x1EF9 or c in "ăâđơư" for c in s)]
)
def test_vietnamese_code_points_win_over_any_font_name(text: str) -> None:
    for font in (".VnTime", ".VnTimeH", "VNI-Times"):
        assert detect_encoding(text, font) is Encoding.UNICODE
        assert to_unicode(text, font) == text


@pytest.mark.parametrize("text", ["Hà Tây", "Xin chào", "Bà Müller"])
def test_unicode_typed_into_a_legacy_formatted_cell_is_left_alone(text: str) -> None:
    assert to_unicode(text, ".VnTime") == text
    assert to_unicode(text, "VNI-Times") == text


def test_numbers_and_dates_are_left_alone_under_legacy_fonts() -> None:
    for text in ("12/05/2023", "1.234.567", "0912 345 678", "15%"):
        assert to_unicode(text, ".VnTime") == text
        assert to_unicode(text, ".VnTimeH") == text
        assert to_unicode(text, "VNI-Times") == text


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("NguyÔn", Encoding.TCVN3),
        ("§¶ng", Encoding.TCVN3),
        ("ViÖt", Encoding.TCVN3),
        ("N÷", Encoding.TCVN3),
        ("Bµ", Encoding.TCVN3),
        ("NguyÔn V¨n An", Encoding.TCVN3),
        ("§/c NguyÔn V¨n An", Encoding.TCVN3),
        ("Nguyeãn", Encoding.VNI),
        ("Ñaûng", Encoding.VNI),
        ("Vieät", Encoding.VNI),
        ("Nöõ", Encoding.VNI),
        ("NGUYEÃN", Encoding.VNI),
        ("Ñ/c Nguyeãn Vaên An", Encoding.VNI),
    ],
)
def test_legacy_text_is_detected(text: str, encoding: Encoding) -> None:
    assert detect_encoding(text) is encoding


def test_short_ambiguous_vni_cells_need_a_hint() -> None:
    # One short word whose only mark could be a foreign accent: too little evidence on its own.
    assert detect_encoding("Baø") is Encoding.UNICODE
    assert to_unicode("Baø", "VNI-Times") == "Bà"
    assert to_unicode("Baø", assume=Encoding.VNI) == "Bà"
    assert to_unicode("Toå 5", assume=Encoding.VNI) == "Tổ 5"


def test_font_name_of_the_wrong_legacy_encoding_is_overruled_by_the_words() -> None:
    assert detect_encoding("Ñaûng Coäng saûn Vieät Nam", ".VnTime") is Encoding.VNI
    assert detect_encoding("§¶ng Céng s¶n ViÖt Nam", "VNI-Times") is Encoding.TCVN3


@pytest.mark.parametrize(
    ("font", "encoding", "upper"),
    [
        (".VnTime", Encoding.TCVN3, False),
        (".VnTimeH", Encoding.TCVN3, True),
        (".VnArial", Encoding.TCVN3, False),
        (".VnArialH", Encoding.TCVN3, True),
        (".VnArial Narrow", Encoding.TCVN3, False),
        (".VnArial NarrowH", Encoding.TCVN3, True),
        (" .VnCentury Schoolbook ", Encoding.TCVN3, False),
        ("VNI-Times", Encoding.VNI, False),
        ("VNI-Helve-Condense", Encoding.VNI, False),
        ("Times New Roman", None, False),
        ("Arial", None, False),
        ("", None, False),
        (None, None, False),
    ],
)
def test_font_names(font: str | None, encoding: Encoding | None, upper: bool) -> None:
    assert font_encoding(font) is encoding
    assert is_upper_case_font(font) is upper


def test_sheet_level_detection() -> None:
    tcvn3_column = ["STT", "1", "2", "NguyÔn V¨n An", "TrÇn ThÞ B×nh", "N÷", "Nam", "Bµ"]
    vni_column = ["Hoï vaø teân", "Nguyeãn Vaên An", "Traàn Thò Bình", "Nöõ", "Nam", "Baø"]
    unicode_column = ["Họ và tên", "Nguyễn Văn An", "Hà Tây", "Hòa", "Nam", "Nữ", "Müller"]
    assert detect_sheet_encoding(tcvn3_column) is Encoding.TCVN3
    assert detect_sheet_encoding(vni_column) is Encoding.VNI
    assert detect_sheet_encoding(unicode_column) is Encoding.UNICODE
    assert detect_sheet_encoding([]) is Encoding.UNICODE
    encoding = detect_sheet_encoding(vni_column)
    assert [to_unicode(cell, assume=encoding) for cell in vni_column] == [
        "Họ và tên", "Nguyễn Văn An", "Trần Thị Bình", "Nữ", "Nam", "Bà",
    ]  # fmt: skip


def test_convert_with_a_known_encoding() -> None:
    assert convert("NguyÔn", Encoding.TCVN3) == "Nguyễn"
    assert convert("nguyÔn", Encoding.TCVN3, upper=True) == "NGUYỄN"
    assert convert("Nguyeãn", Encoding.VNI) == "Nguyễn"
    assert convert("Nguye\u0302\u0303n", Encoding.UNICODE) == "Nguyễn"  # NFC


def test_decomposed_unicode_is_composed_not_converted() -> None:
    decomposed = unicodedata.normalize("NFD", "Đảng Cộng sản Việt Nam")
    assert detect_encoding(decomposed) is Encoding.UNICODE
    assert to_unicode(decomposed) == "Đảng Cộng sản Việt Nam"


@pytest.mark.parametrize(
    ("word", "valid"),
    [
        ("nguyễn", True), ("phường", True), ("khuya", True), ("quốc", True), ("giữa", True), ("gì", True),
        ("quýt", True), ("huỳnh", True), ("khuếch", True), ("thuở", True), ("NGHIÊNG", True), ("xoong", True),
        ("mỹller", False), ("peủa", False), ("nguyeãn", False), ("cac", False), ("càc", False), ("ab", False),
        ("fan", False), ("nguyễnn", False), ("hoàá", False),
    ],
)  # fmt: skip
def test_syllable_check(word: str, valid: bool) -> None:
    assert is_vietnamese_syllable(word) is valid


# ----------------------------------------------------------------------------------------------------------------
# Properties
# ----------------------------------------------------------------------------------------------------------------

TCVN3_ALPHABET = sorted(
    set(TCVN3_LOWER) | set(TCVN3_CAPITALS) | set("abcdeghiklmnopqrstuvxyABCDEGHKLMNOPQRSTUVXY 0123456789,.")
)
VNI_ALPHABET = sorted(
    set(LOWER_LETTERS)
    | {c.upper() for c in LOWER_LETTERS}
    | set("bcdghklmnpqrstvxBCDGHKLMNPQRSTVX 0123456789,.")
)
WORDS_TEXT = """Đảng ủy phường chi bộ tổ dân phố khu vực thi đua khen thưởng lao động tiên tiến chiến sĩ cơ sở giấy bằng hoàn
thành xuất sắc nhiệm vụ tốt viên huy hiệu năm tuổi Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô
Dương Lý Văn Thị Hữu Đức Minh Hùng Lan Hương Thủy Hòa Bình Tân Tây Hà Nội Sài Gòn Quảng Ngãi Nghiêm Nam Nữ Ông Bà
Anh Chị số ngày tháng kết nạp chính thức quyết định Ủy ban nhân mặt trận Tổ quốc Cựu binh Hội phụ nữ đoàn thanh
niên khuyến học gia đình văn hóa Lộc Thạnh Châu Sơn Tâm Thanh Trà Cao Lãnh Yên Bái Ninh Thuận khá trung bình
5 12 2023 12/05/2023 UBND MTTQ"""
WORDS = WORDS_TEXT.split()


@given(st.text(alphabet=TCVN3_ALPHABET, max_size=40))
def test_tcvn3_round_trip(text: str) -> None:
    assert tcvn3_to_unicode(encode_tcvn3(text)) == text


@given(st.text(alphabet=[c for c in TCVN3_ALPHABET if not c.isupper()], max_size=40))
def test_tcvn3_upper_font_round_trip(text: str) -> None:
    assert tcvn3_to_unicode(encode_tcvn3(text), upper=True) == text.upper()


@given(st.text(alphabet=VNI_ALPHABET, max_size=40))
def test_vni_round_trip(text: str) -> None:
    assert vni_to_unicode(encode_vni(text)) == text


@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8), st.sampled_from(["", "upper", "lower"]))
def test_unicode_vietnamese_is_never_altered(words: list[str], case: str) -> None:
    text = " ".join(words)
    text = text.upper() if case == "upper" else text.lower() if case == "lower" else text
    assert detect_encoding(text) is Encoding.UNICODE
    assert to_unicode(text) == text


@given(st.text(), st.sampled_from(["ạ", "ơ", "ư", "đ", "Ữ", "ệ"]))
def test_text_with_a_vietnamese_code_point_is_only_normalised(text: str, letter: str) -> None:
    text = text + letter
    assert detect_encoding(text) is Encoding.UNICODE
    assert to_unicode(text) == unicodedata.normalize("NFC", text)


@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E)))
def test_ascii_is_never_altered(text: str) -> None:
    assert to_unicode(text) == text


@settings(max_examples=300)
@given(
    st.text(alphabet=st.characters(max_codepoint=0x2FF)),
    st.sampled_from([None, ".VnTime", ".VnTimeH", "VNI-Times"]),
)
def test_any_text_converts_without_error(text: str, font: str | None) -> None:
    result = to_unicode(text, font)
    assert isinstance(result, str)
    assert unicodedata.is_normalized("NFC", result)


@given(st.text(alphabet=st.characters(max_codepoint=0x2200, blacklist_categories=("Cs",)), max_size=30))
def test_could_be_legacy_is_the_cp1252_range_check(text: str) -> None:
    from thidua_desktop.exchange.legacy_text import _CP1252_SPECIALS, _could_be_legacy

    assert _could_be_legacy(text) == all(ord(char) <= 0xFF or char in _CP1252_SPECIALS for char in text)

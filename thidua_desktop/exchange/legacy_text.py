"""Legacy Vietnamese encodings (TCVN3/ABC and VNI-Windows) to Unicode.

Ward offices still keep Excel files typed with the old 8-bit fonts. Excel, openpyxl and calamine hand those cells
back as the cp1252 characters of the bytes ("NguyÔn", "Nguyeãn"), so the tables below are written in those
characters. Both encodings only use bytes 0xA0–0xFF outside ASCII, where cp1252 and Latin-1 agree.

* **TCVN3** (ABC, TCVN 5712:1993 VN3; fonts ``.VnTime``, ``.VnArial``…): one byte per letter. Only the lower-case
  letters and the seven capitals Ă Â Ê Ô Ơ Ư Đ have codes; the upper-case fonts (``.VnTimeH``…) draw the lower-case
  codes as capitals, so the font name tells the case. 0xAD (ư) is the soft hyphen U+00AD.
* **VNI-Windows** (``VNI-Times``…): an ASCII vowel followed by a mark byte ("e" + "ã" = ễ); ơ, ư, đ and the tones of
  i (and ỵ) are single bytes. Capital letters take the capital form of the mark ("E" + "Ã" = Ễ).

Detection is conservative: text that contains any code point a legacy cell cannot contain (ơ, ư, đ, U+1EA0–U+1EF9,
combining marks…) is Unicode, text whose words all read as Vietnamese syllables in Unicode is Unicode, and a legacy
encoding is chosen only when it turns the words into Vietnamese syllables and the evidence is strong enough.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType


class Encoding(StrEnum):
    UNICODE = "unicode"
    TCVN3 = "tcvn3"
    VNI = "vni"


# --------------------------------------------------------------------------------------------------------------
# Vietnamese letters
# --------------------------------------------------------------------------------------------------------------

HUYEN, HOI, NGA, SAC, NANG = "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"
TONE_MARKS: tuple[str, ...] = (HUYEN, HOI, NGA, SAC, NANG)
"""The five tone marks (combining characters), in the order huyền, hỏi, ngã, sắc, nặng."""

VOWELS = "aăâeêioôơuưy"


def _toned(vowel: str, mark: str) -> str:
    """The precomposed letter for a vowel and a combining tone mark ("ê" + HUYEN → "ề")."""
    letter = unicodedata.normalize("NFC", vowel + mark)
    if len(letter) != 1:  # pragma: no cover - every Vietnamese letter is precomposed in Unicode
        raise ValueError(f"no precomposed letter for {vowel!r} + {mark!r}")
    return letter


# Toneless base letter and tone (index into TONE_MARKS, or -1) of every lower-case Vietnamese letter.
_LETTER_PARTS: dict[str, tuple[str, int]] = {ch: (ch, -1) for ch in "abcdđeghiklmnopqrstuvxyăâêôơư"}
for _vowel in VOWELS:
    for _index, _mark in enumerate(TONE_MARKS):
        _LETTER_PARTS[_toned(_vowel, _mark)] = (_vowel, _index)

# Spelling of a syllable: optional onset and a rhyme (f, j, w, z and other letters make no Vietnamese syllable).
_ONSETS_TEXT = "ngh ng nh ch gh gi kh ph qu th tr b c d đ g h k l m n p r s t v x"
# The y- rhymes of the last line (yt, ynh…) are the uy rhymes after "q" (quýt, quỳnh).
_RHYMES_TEXT = """
    a ac ach ai am an ang anh ao ap at au ay
    ăc ăm ăn ăng ăp ăt
    âc âm ân âng âp ât âu ây
    e ec em en eng eo ep et
    ê êch êm ên ênh êp êt êu
    i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu
    o oc oi om on ong op ot ooc oong
    oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt
    oe oen oeo oet
    ô ôc ôi ôm ôn ông ôp ôt
    ơ ơi ơm ơn ơp ơt
    u uc ui um un ung up ut ua uân uâng uât uây uê uêch uênh uơ
    uy uych uyn uynh uyp uyt uyu uya uyên uyêt
    uôc uôi uôm uôn uông uôt
    ư ưa ưc ưi ưm ưn ưng ưt ưu ươc ươi ươm ươn ương ươp ươt ươu
    y yêm yên yêt yêu yt ynh ych yn yp yu
"""
_ONSETS = tuple(_ONSETS_TEXT.split())
_RHYMES = tuple(_RHYMES_TEXT.split())


def _alternation(parts: Iterable[str]) -> str:
    return "|".join(re.escape(part) for part in sorted(parts, key=len, reverse=True))


_SYLLABLE = re.compile(f"(?:{_alternation(_ONSETS)})?(?:{_alternation(_RHYMES)})")
_STOP_ENDINGS = ("c", "ch", "p", "t")  # syllables closed by a stop take only sắc or nặng
_CONSONANTS = frozenset("bcdđghklmnpqrstvx")


def _syllable_parts(word: str) -> tuple[str, int] | None:
    """(toneless lower-case spelling, tone index or -1) of a word, or None if it has non-Vietnamese letters."""
    base: list[str] = []
    tone = -1
    for char in unicodedata.normalize("NFC", word).lower():
        parts = _LETTER_PARTS.get(char)
        if parts is None:
            return None
        base.append(parts[0])
        if parts[1] >= 0:
            if tone >= 0:
                return None
            tone = parts[1]
    return "".join(base), tone


def is_vietnamese_syllable(word: str) -> bool:
    """Whether a word is spelled like one Vietnamese syllable (onset, rhyme, at most one tone; any case).

    Structural only (no dictionary): "nguyễn", "phường", "khuya" pass; "mỹller", "peủa", "nguyeãn" do not.
    """
    parts = _syllable_parts(word)
    if parts is None:
        return False
    base, tone = parts
    if not _SYLLABLE.fullmatch(base):
        return False
    if base.endswith(_STOP_ENDINGS):
        return tone >= 0 and TONE_MARKS[tone] in (SAC, NANG)
    return True


def _is_abbreviation(word: str) -> bool:
    """Consonants only ("Đ" of "Đ/c", "TP", "ĐH"): neither Vietnamese nor foreign evidence."""
    return 0 < len(word) <= 4 and all(char in _CONSONANTS for char in word.lower())


# --------------------------------------------------------------------------------------------------------------
# TCVN3 (ABC)
# --------------------------------------------------------------------------------------------------------------

# TCVN 5712:1993 VN3 code chart. Per vowel: the code of the toneless letter when it has one (a, e, i, o, u, y are
# ASCII), then the codes for huyền, hỏi, ngã, sắc, nặng.
_TCVN3_VOWEL_CODES: tuple[tuple[str, int | None, tuple[int, int, int, int, int]], ...] = (
    ("a", None, (0xB5, 0xB6, 0xB7, 0xB8, 0xB9)),
    ("ă", 0xA8, (0xBB, 0xBC, 0xBD, 0xBE, 0xC6)),
    ("â", 0xA9, (0xC7, 0xC8, 0xC9, 0xCA, 0xCB)),
    ("e", None, (0xCC, 0xCE, 0xCF, 0xD0, 0xD1)),
    ("ê", 0xAA, (0xD2, 0xD3, 0xD4, 0xD5, 0xD6)),
    ("i", None, (0xD7, 0xD8, 0xDC, 0xDD, 0xDE)),
    ("o", None, (0xDF, 0xE1, 0xE2, 0xE3, 0xE4)),
    ("ô", 0xAB, (0xE5, 0xE6, 0xE7, 0xE8, 0xE9)),
    ("ơ", 0xAC, (0xEA, 0xEB, 0xEC, 0xED, 0xEE)),
    ("u", None, (0xEF, 0xF1, 0xF2, 0xF3, 0xF4)),
    ("ư", 0xAD, (0xF5, 0xF6, 0xF7, 0xF8, 0xF9)),
    ("y", None, (0xFA, 0xFB, 0xFC, 0xFD, 0xFE)),
)
_TCVN3_D_LOWER = 0xAE
# The only capitals with codes of their own (the .VnTimeH fonts draw the lower-case codes as capitals).
_TCVN3_CAPITAL_CODES: dict[int, str] = {
    0xA1: "Ă",
    0xA2: "Â",
    0xA3: "Ê",
    0xA4: "Ô",
    0xA5: "Ơ",
    0xA6: "Ư",
    0xA7: "Đ",
}


def _build_tcvn3() -> dict[str, str]:
    table: dict[str, str] = {}
    for vowel, own_code, tone_codes in _TCVN3_VOWEL_CODES:
        if own_code is not None:
            table[chr(own_code)] = vowel
        for code, mark in zip(tone_codes, TONE_MARKS, strict=True):
            table[chr(code)] = _toned(vowel, mark)
    table[chr(_TCVN3_D_LOWER)] = "đ"
    for code, capital in _TCVN3_CAPITAL_CODES.items():
        table[chr(code)] = capital
    return table


TCVN3_TO_UNICODE: Mapping[str, str] = MappingProxyType(_build_tcvn3())
"""TCVN3 code (as its cp1252 character) → Unicode letter: 67 lower-case letters and 7 capitals."""

_TCVN3_TRANSLATION: dict[int, str] = {ord(code): letter for code, letter in TCVN3_TO_UNICODE.items()}
# Codes that are punctuation or symbols in cp1252: no European word contains them, so they are strong evidence.
_TCVN3_SYMBOL_CODES = frozenset(code for code in TCVN3_TO_UNICODE if ord(code) < 0xC0 or code in "×÷")

_HORN_O = frozenset(_toned("ơ", mark) for mark in TONE_MARKS) | {"ơ"}
_WORD = re.compile(r"[^\W\d_]+")


def _restore_dropped_u(word: str) -> str:
    """Put back an ư (TCVN3 0xAD, a soft hyphen) that a tool dropped before ơ: "phờng" → "phường".

    Only where the word is no syllable as it stands and becomes one of ương, ước, ươu with the ư.
    """
    if is_vietnamese_syllable(word):
        return word
    for position, char in enumerate(word):
        if char.lower() in _HORN_O:
            horn_u = "Ư" if char.isupper() else "ư"
            candidate = word[:position] + horn_u + word[position:]
            parts = _syllable_parts(candidate)
            if parts and parts[0].endswith(("ương", "ươc", "ươu")) and is_vietnamese_syllable(candidate):
                return candidate
            return word
    return word


def tcvn3_to_unicode(text: str, upper: bool = False, *, restore_dropped_u: bool = False) -> str:
    """Convert TCVN3 text (cp1252 characters) to Unicode NFC.

    ``upper``: the cell used an upper-case font (``.VnTimeH``…), which shows every letter as a capital.
    ``restore_dropped_u``: put back the ư of "ươ" where a tool dropped the soft hyphen (0xAD) it is coded as
    ("phêng" → "phường"); only words that are no Vietnamese syllable without it are touched.
    """
    result = text.translate(_TCVN3_TRANSLATION)
    if restore_dropped_u:
        result = _WORD.sub(lambda match: _restore_dropped_u(match.group()), result)
    if upper:
        result = result.upper()
    return unicodedata.normalize("NFC", result)


# --------------------------------------------------------------------------------------------------------------
# VNI-Windows
# --------------------------------------------------------------------------------------------------------------

# Lower-case mark characters; a capital letter takes the capital form of the same mark.
_VNI_TONE = "øûõùï"  # huyền, hỏi, ngã, sắc, nặng after a, e, o, u, y, ơ (ô) and ư (ö)
_VNI_CIRCUMFLEX = "â"  # a/e/o + â = â/ê/ô
_VNI_CIRCUMFLEX_TONE = "àåãáä"  # â, ê, ô with huyền, hỏi, ngã, sắc, nặng
_VNI_BREVE = "ê"  # a + ê = ă
_VNI_BREVE_TONE = "èúüéë"  # ă with huyền, hỏi, ngã, sắc, nặng
_VNI_I_TONES = "ìæóíò"  # ì ỉ ĩ í ị are single characters
_VNI_Y_NANG = "î"  # ỵ is a single character
_VNI_HORN_O = "ô"  # ơ
_VNI_HORN_U = "ö"  # ư
_VNI_D = "ñ"  # đ


def _build_vni() -> dict[str, str]:
    lower: dict[str, str] = {}

    def add_tones(vni_base: str, base: str, marks: str) -> None:
        for mark_char, mark in zip(marks, TONE_MARKS, strict=True):
            lower[vni_base + mark_char] = _toned(base, mark)

    for vowel in "aeouy":
        add_tones(vowel, vowel, _VNI_TONE)
    for vowel in "aeo":
        circumflexed = _toned(vowel, "\u0302")
        lower[vowel + _VNI_CIRCUMFLEX] = circumflexed
        add_tones(vowel, circumflexed, _VNI_CIRCUMFLEX_TONE)
    lower["a" + _VNI_BREVE] = "ă"
    add_tones("a", "ă", _VNI_BREVE_TONE)
    del lower["y" + _VNI_TONE[4]]
    lower[_VNI_Y_NANG] = _toned("y", NANG)
    lower[_VNI_HORN_O] = "ơ"
    add_tones(_VNI_HORN_O, "ơ", _VNI_TONE)
    lower[_VNI_HORN_U] = "ư"
    add_tones(_VNI_HORN_U, "ư", _VNI_TONE)
    for mark_char, mark in zip(_VNI_I_TONES, TONE_MARKS, strict=True):
        lower[mark_char] = _toned("i", mark)
    lower[_VNI_D] = "đ"
    table = dict(lower)
    for sequence, letter in lower.items():
        table[sequence.upper()] = letter.upper()
    return table


VNI_TO_UNICODE: Mapping[str, str] = MappingProxyType(_build_vni())
"""VNI-Windows sequence (cp1252 characters) → Unicode letter: 67 lower-case and 67 capital letters."""


def _build_vni_tolerated() -> dict[str, str]:
    """Sequences outside the code chart that still have one meaning: a mark whose case differs from its letter's
    (text re-cased by hand or by a tool) and y + the ordinary nặng mark. The letter's case decides."""
    extra: dict[str, str] = {}
    for sequence, letter in VNI_TO_UNICODE.items():
        if len(sequence) == 2 and sequence[0] in "aeouyôöAEOUYÔÖ":
            swapped = sequence[0] + sequence[1].swapcase()
            extra.setdefault(swapped, letter)
    extra["y" + _VNI_TONE[4]] = _toned("y", NANG)
    extra["Y" + _VNI_TONE[4].upper()] = _toned("Y", NANG)
    extra["y" + _VNI_TONE[4].upper()] = _toned("y", NANG)
    extra["Y" + _VNI_TONE[4]] = _toned("Y", NANG)
    return {sequence: letter for sequence, letter in extra.items() if sequence not in VNI_TO_UNICODE}


_VNI_ALL: dict[str, str] = {**VNI_TO_UNICODE, **_build_vni_tolerated()}
_VNI_PATTERN = re.compile(_alternation(_VNI_ALL))  # longest sequences first


def vni_to_unicode(text: str) -> str:
    """Convert VNI-Windows text (cp1252 characters) to Unicode NFC, longest sequences first, in one pass."""
    converted = _VNI_PATTERN.sub(lambda match: _VNI_ALL[match.group()], text)
    return unicodedata.normalize("NFC", converted)


# --------------------------------------------------------------------------------------------------------------
# Detection
# --------------------------------------------------------------------------------------------------------------

# Characters bytes 0x80–0x9F show as in cp1252 (curly quotes, dashes, €…): neutral punctuation.
_CP1252_SPECIALS = frozenset(
    bytes([byte]).decode("cp1252") for byte in range(0x80, 0xA0) if byte not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
)
# Letters of European words: Latin-1 letters (× and ÷ are no letters).
_LATIN_LETTERS = frozenset(string.ascii_letters) | frozenset(
    chr(c) for c in range(0xC0, 0x100) if c not in (0xD7, 0xF7)
)
_TOKEN_CHARS = _LATIN_LETTERS | frozenset(TCVN3_TO_UNICODE) | frozenset("".join(_VNI_ALL))
_TOKEN = re.compile("[" + "".join(re.escape(char) for char in sorted(_TOKEN_CHARS)) + "]+")
_MICRO_SIGN = re.compile(r"\d\s?\u00b5")  # "5 µm" is a unit, not TCVN3 "à"


def font_encoding(font_name: str | None) -> Encoding | None:
    """The legacy encoding a font name implies (".VnTime" → TCVN3, "VNI-Times" → VNI), or None."""
    if not font_name:
        return None
    name = font_name.strip()
    if name.upper().startswith("VNI"):
        return Encoding.VNI
    if name.lower().startswith(".vn"):
        return Encoding.TCVN3
    return None


def is_upper_case_font(font_name: str | None) -> bool:
    """Whether a TCVN3 font is one of the upper-case fonts (".VnTimeH", ".VnArialH"…)."""
    return font_encoding(font_name) is Encoding.TCVN3 and str(font_name).strip().endswith("H")


_NOT_LEGACY = re.compile("[^\x00-\xff" + re.escape("".join(sorted(_CP1252_SPECIALS))) + "]")


def _could_be_legacy(text: str) -> bool:
    """False when the text holds a code point no cp1252-decoded legacy cell can hold (ơ, ư, đ, ạ…, combining
    marks, other scripts)."""
    return _NOT_LEGACY.search(text) is None


def _tcvn3_word(token: str) -> str | None:
    if any(not char.isascii() and char not in TCVN3_TO_UNICODE for char in token):
        return None
    return tcvn3_to_unicode(token, restore_dropped_u=True)


def _vni_word(token: str) -> str | None:
    covered = [False] * len(token)
    for match in _VNI_PATTERN.finditer(token):
        covered[match.start() : match.end()] = [True] * (match.end() - match.start())
    if any(not char.isascii() and not done for char, done in zip(token, covered, strict=True)):
        return None  # a mark with no letter it can go with
    return vni_to_unicode(token)


@dataclass
class _Evidence:
    valid: int = 0
    invalid: int = 0  # including the impossible ones
    impossible: int = 0  # words this encoding cannot produce (a TCVN3 gap code, a VNI mark with no letter)
    strong: bool = False


@dataclass
class _Tally:
    unicode_valid: int = 0
    unicode_invalid: int = 0
    legacy: dict[Encoding, _Evidence] = field(
        default_factory=lambda: {Encoding.TCVN3: _Evidence(), Encoding.VNI: _Evidence()}
    )

    def add(self, text: str) -> None:
        for token in _TOKEN.findall(text):
            if token.isascii() or not any(char in _LATIN_LETTERS for char in token):
                continue  # plain ASCII words read the same in every encoding; lone symbols prove nothing
            if is_vietnamese_syllable(token):
                self.unicode_valid += 1
            else:
                self.unicode_invalid += 1
            non_ascii = sum(not char.isascii() for char in token)
            readings = {Encoding.TCVN3: _tcvn3_word(token), Encoding.VNI: _vni_word(token)}
            syllables = {
                encoding: word is not None and is_vietnamese_syllable(word)
                for encoding, word in readings.items()
            }
            ambiguous = all(syllables.values())  # a syllable in both encodings: says nothing about which
            for encoding, word in readings.items():
                evidence = self.legacy[encoding]
                if word is None:
                    evidence.invalid += 1
                    evidence.impossible += 1
                elif syllables[encoding]:
                    evidence.valid += 1
                    symbol = encoding is Encoding.TCVN3 and any(char in _TCVN3_SYMBOL_CODES for char in token)
                    # letters as written (a restored ư does not make a word longer)
                    length = len(token) if encoding is Encoding.TCVN3 else len(word)
                    if not ambiguous and (symbol or non_ascii >= 2 or length >= 4):
                        evidence.strong = True
                elif not _is_abbreviation(word):
                    evidence.invalid += 1

    def qualifies(self, encoding: Encoding) -> bool:
        evidence = self.legacy[encoding]
        if evidence.valid == 0 or evidence.valid <= self.unicode_valid:
            return False
        if not (evidence.strong or evidence.valid >= 3):
            return False
        tolerance = evidence.valid // 5 if self.unicode_invalid > self.unicode_valid else 0
        return evidence.invalid <= tolerance

    def decide(self) -> Encoding:
        if self.unicode_invalid == 0:
            return Encoding.UNICODE  # every word already reads as Vietnamese (or plain ASCII)
        ranked = sorted(
            (self.legacy[encoding].invalid, -self.legacy[encoding].valid, encoding)
            for encoding in (Encoding.TCVN3, Encoding.VNI)
            if self.qualifies(encoding)
        )
        if not ranked or (len(ranked) == 2 and ranked[0][:2] == ranked[1][:2]):
            return Encoding.UNICODE
        return ranked[0][2]


def _detect(text: str, hint: Encoding | None) -> Encoding:
    if not text or not _could_be_legacy(text):
        return Encoding.UNICODE
    if hint is Encoding.UNICODE:
        return Encoding.UNICODE
    if text.isascii():
        return hint or Encoding.UNICODE
    if hint is None and _MICRO_SIGN.search(text):
        return Encoding.UNICODE
    tally = _Tally()
    tally.add(text)
    decided = tally.decide()
    if hint is None:
        return decided
    evidence = tally.legacy[hint]
    if evidence.impossible:
        return decided  # the text cannot be in the hinted encoding
    if evidence.invalid == 0:
        return hint
    if decided is not Encoding.UNICODE:
        return decided  # the words read well in the other legacy encoding: the font was set wrongly
    if tally.unicode_invalid == 0:
        return Encoding.UNICODE  # Unicode typed into a cell formatted with a legacy font
    return hint


def detect_encoding(text: str, font_name: str | None = None, *, assume: Encoding | None = None) -> Encoding:
    """Which encoding a cell's text is in.

    ``font_name`` (the cell's font, when the reader knows it) decides unless the text cannot be in that encoding;
    ``assume`` is the same kind of hint from elsewhere (say the whole sheet's detected encoding) and is used when
    the font says nothing. Without hints the words decide, conservatively: Unicode unless a legacy reading is
    clearly better.
    """
    return _detect(text, font_encoding(font_name) or assume)


def detect_sheet_encoding(texts: Iterable[str], *, limit: int = 5000) -> Encoding:
    """The encoding that the cells of a sheet or column point to together (for ``to_unicode(..., assume=...)``).

    Cells that can only be Unicode or are plain ASCII are skipped; at most ``limit`` cells are looked at.
    """
    tally = _Tally()
    for count, text in enumerate(texts):
        if count >= limit:
            break
        if text and not text.isascii() and _could_be_legacy(text) and not _MICRO_SIGN.search(text):
            tally.add(text)
    return tally.decide()


def _auto_upper(text: str) -> bool:
    """TCVN3 typed in capitals with the lower-case codes ("NGUYÔN"): meant for an upper-case font."""
    letters = [char for char in text if char in string.ascii_letters]
    return len(letters) >= 2 and all(char.isupper() for char in letters)


def convert(text: str, encoding: Encoding, *, upper: bool = False) -> str:
    """Text in a known encoding to Unicode NFC (``upper``: TCVN3 from an upper-case font)."""
    if encoding is Encoding.TCVN3:
        return tcvn3_to_unicode(text, upper, restore_dropped_u=True)
    if encoding is Encoding.VNI:
        return vni_to_unicode(text)
    return unicodedata.normalize("NFC", text)


def to_unicode(text: str, font_name: str | None = None, *, assume: Encoding | None = None) -> str:
    """Detect the encoding of a cell's text and return it as Unicode NFC (already-Unicode text stays as it is)."""
    encoding = detect_encoding(text, font_name, assume=assume)
    upper = False
    if encoding is Encoding.TCVN3:
        upper = is_upper_case_font(font_name) or _auto_upper(text)
    return convert(text, encoding, upper=upper)

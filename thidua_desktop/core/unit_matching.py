"""Finding a unit from the way people write its name: abbreviated, without the ward's own name, with «số».

«Ủy ban nhân dân phường», «UBND phường», «MTTQ», «Hội LHPN», «Chi bộ TDP 5» and «Chi bộ Tổ dân phố số 5» all name
units whose full names are longer. A name is compared as words: folded (no case, no diacritics), abbreviations
spelled out, «số» before a number dropped, and the generic words every unit of the ward carries (the ward's own
name, «phường», «Việt Nam»…) left out. A unit fits when its words contain the written words in order; when more
than one fits, the caller asks which (the GUI) or names them all (the CLI). Plain Python (no Qt, no database), so
the import and the GUI's search share it.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

ABBREVIATIONS: dict[str, str] = {
    "tdp": "to dan pho",
    "kp": "khu pho",
    "cb": "chi bo",
    "ub": "uy ban",
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "mttq": "mat tran to quoc",
    "ubmttq": "uy ban mat tran to quoc",
    "mt": "mat tran",
    "cbcc": "can bo cong chuc",
    "ccb": "cuu chien binh",
    "lhpn": "lien hiep phu nu",
    "pn": "phu nu",
    "hpn": "hoi phu nu",
    "hlhpn": "hoi lien hiep phu nu",
    "dtn": "doan thanh nien",
    "tn": "thanh nien",
    "tncs": "thanh nien cong san",
    "hcm": "ho chi minh",
    "nct": "nguoi cao tuoi",
    "chqs": "chi huy quan su",
    "bch": "ban chi huy",
    "qs": "quan su",
    "ubkt": "uy ban kiem tra",
    "btc": "ban to chuc",
    "btg": "ban tuyen giao",
    "du": "dang uy",
    "dcs": "dang cong san",
    "p": "phuong",
    "vn": "viet nam",
}
"""Folded abbreviations and the words they stand for."""

GENERIC_WORDS = frozenset({"phuong", "viet", "nam"})
"""Words that tell no unit of the ward from another (with the ward's own name, ``UnitMatcher.place``).

«Việt Nam» as in «Mặt trận Tổ quốc Việt Nam phường». Only dropped from a name that has other words left."""

_NON_WORD = re.compile(r"[^0-9a-z]+")
_NUMBER_AFTER_SO = re.compile(r"\bso (\d+)\b")
_LEADING_ZEROS = re.compile(r"\b0+(\d)")


@lru_cache(maxsize=8192)
def _folded(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in text if unicodedata.category(ch) != "Mn").lower()
    return _NON_WORD.sub(" ", bare).strip()


@lru_cache(maxsize=8192)
def unit_key(name: str) -> str:
    """A unit name for exact comparison: folded, abbreviations spelled out, «số» before a number and leading
    zeros dropped ("CB TDP số 05" → "chi bo to dan pho 5")."""
    words = " ".join(ABBREVIATIONS.get(w, w) for w in _folded(name).split())
    return _LEADING_ZEROS.sub(r"\1", _NUMBER_AFTER_SO.sub(r"\1", words))


def _contains_in_order(words: tuple[str, ...], wanted: tuple[str, ...]) -> bool:
    """Whether ``wanted`` appears in ``words`` in the same order (other words may come between); a number must be
    followed by nothing the wanted words do not have, so that «5» never fits «15»."""
    position = 0
    for word in wanted:
        try:
            position = words.index(word, position) + 1
        except ValueError:
            return False
    return True


def _numbers(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(w for w in words if w.isdigit())


@dataclass(frozen=True, slots=True)
class UnitName:
    """A unit as the matcher knows it."""

    id: int
    name: str
    short_name: str = ""
    kind: str = ""
    parent_id: int | None = None


class UnitMatcher:
    """The units that a written name may mean, among ``units``; ``place`` is the ward's own name («Nguyễn
    Nghiêm»), which people leave out."""

    def __init__(self, units: Iterable[UnitName], place: str = "") -> None:
        self.units: dict[int, UnitName] = {}
        self.place = tuple(unit_key(place).split()) if place else ()
        self._exact: dict[str, list[int]] = {}
        self._words: dict[int, list[tuple[str, ...]]] = {}
        for unit in units:
            self.add(unit)

    def add(self, unit: UnitName) -> None:
        self.units[unit.id] = unit
        for name in (unit.name, unit.short_name):
            if not name:
                continue
            ids = self._exact.setdefault(unit_key(name), [])
            if unit.id not in ids:
                ids.append(unit.id)
            self._words.setdefault(unit.id, []).append(self.words(name))

    def words(self, name: str) -> tuple[str, ...]:
        """The words of a name that tell units apart (generic words and the ward's name left out)."""
        words = unit_key(name).split()
        place = self.place
        if place:
            for start in range(len(words) - len(place), -1, -1):
                if tuple(words[start : start + len(place)]) == place:
                    del words[start : start + len(place)]
        kept = [w for w in words if w not in GENERIC_WORDS]
        return tuple(kept) if kept else tuple(words)

    def find(self, text: str) -> list[int]:
        """Ids of the units ``text`` may name: the exact one when there is one, else every unit whose name holds
        the written words in order (none, one, or several to choose from)."""
        key = unit_key(text)
        if not key:
            return []
        exact = self._exact.get(key)
        if exact:
            return list(exact)
        wanted = self.words(text)
        if not wanted:
            return []
        same = [uid for uid, names in self._words.items() if wanted in names]
        if same:
            return same
        numbers = _numbers(wanted)
        found = []
        for uid, names in self._words.items():
            for words in names:
                if _contains_in_order(words, wanted) and (not numbers or _numbers(words) == numbers):
                    found.append(uid)
                    break
        return found

    def in_text(self, text: str) -> list[int]:
        """Ids of the units a title line names («BẢN ĐĂNG KÝ THI ĐUA CỦA CHI BỘ TDP 5»): the line itself as a
        name, else the longest unit name found as consecutive words of the line."""
        found = self.find(text)
        if found:
            return found
        line = self.words(text)
        if not line:
            return []
        padded = " " + " ".join(line) + " "
        best_length, best = 0, []
        for uid, names in self._words.items():
            for words in names:
                if len(words) < 2 and not any(w.isdigit() for w in words):
                    continue
                joined = " ".join(words)
                if len(joined) >= 6 and f" {joined} " in padded:
                    if len(joined) > best_length:
                        best_length, best = len(joined), [uid]
                    elif len(joined) == best_length and uid not in best:
                        best.append(uid)
        return best

    def names(self, ids: Iterable[int]) -> list[str]:
        return [self.units[uid].name for uid in ids]

    def usual_parent(self, kind: str) -> int | None:
        """The parent most units of this kind have (a new branch goes where the others are), else the top unit."""
        parents = Counter(
            u.parent_id for u in self.units.values() if u.kind == kind and u.parent_id is not None
        )
        if parents:
            return parents.most_common(1)[0][0]
        tops = sorted(uid for uid, u in self.units.items() if u.parent_id is None)
        return tops[0] if tops else None


KIND_PREFIXES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("chi bo",), "party_cell"),
    (("dang uy", "dang bo"), "party_committee"),
    (("to dan pho", "khu pho", "thon "), "residential_group"),
    (("hoi ", "doan "), "mass_organization"),
    (("uy ban mat tran", "mat tran"), "fatherland_front"),
    (("ban ",), "advisory_board"),
)
"""Folded beginnings of unit names and the kind they tell (``core.enums.UnitKind`` values)."""


def guess_kind(name: str) -> str:
    """The kind of unit a name tells («Chi bộ …» a party cell, «Tổ dân phố …» a residential group…), or "other"."""
    key = unit_key(name) + " "
    for prefixes, kind in KIND_PREFIXES:
        if key.startswith(prefixes):
            return kind
    return "other"


_TITLE_KINDS = frozenset({"party_cell", "residential_group", "mass_organization", "fatherland_front"})


def names_a_unit(text: str) -> bool:
    """Whether a short line reads as a unit's name (a title block's «CHI BỘ TỔ DÂN PHỐ 9»), not a title or a date."""
    key = unit_key(text)
    return bool(key) and len(key) <= 80 and guess_kind(text) in _TITLE_KINDS


_KIND_WORDS = ("chi bộ", "hội", "đoàn", "ban", "ủy ban", "đảng bộ", "đảng ủy")


def display_name(text: str, place: str = "") -> str:
    """A name written in capitals («CHI BỘ TỔ DÂN PHỐ 9») as unit names are written («Chi bộ Tổ dân phố 9»): the
    first word and the word after the kind capitalised, and the ward's own name; other text is kept."""
    text = " ".join(text.split())
    letters = [ch for ch in text if ch.isalpha()]
    if not letters or not all(ch.isupper() for ch in letters):
        return text
    words = text.lower().split(" ")
    lowered = " ".join(words)
    capital = {0}
    for kind in _KIND_WORDS:
        if lowered.startswith(kind + " "):
            capital.add(len(kind.split(" ")))
            break
    result = [w[:1].upper() + w[1:] if i in capital else w for i, w in enumerate(words)]
    named = " ".join(result)
    if place and place.lower() in named:
        named = named.replace(place.lower(), place)
    return named

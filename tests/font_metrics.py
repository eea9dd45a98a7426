"""Text widths measured with a real Times-metric font (Liberation Serif 2.x, metric-compatible with Times New
Roman: CI installs ``fonts-liberation2``), read straight from the TrueType tables (cmap format 4, hmtx), so that
tests can check that a header line fits its cell the way Word and LibreOffice will set it."""

from __future__ import annotations

import struct
from functools import cache
from pathlib import Path

FONT_DIRS = (
    Path("/usr/share/fonts/truetype/liberation2"),
    Path("/usr/share/fonts/truetype/liberation"),
)
STYLES = {
    (False, False): "LiberationSerif-Regular.ttf",
    (True, False): "LiberationSerif-Bold.ttf",
    (False, True): "LiberationSerif-Italic.ttf",
    (True, True): "LiberationSerif-BoldItalic.ttf",
}
POINT_MM = 25.4 / 72


class Font:
    def __init__(self, path: Path) -> None:
        data = path.read_bytes()
        count = struct.unpack(">H", data[4:6])[0]
        tables = {}
        for index in range(count):
            tag, _sum, offset, length = struct.unpack(">4sIII", data[12 + 16 * index : 28 + 16 * index])
            tables[tag.decode()] = (offset, length)
        head = tables["head"][0]
        self.units = struct.unpack(">H", data[head + 18 : head + 20])[0]
        hhea = tables["hhea"][0]
        metrics = struct.unpack(">H", data[hhea + 34 : hhea + 36])[0]
        hmtx = tables["hmtx"][0]
        self.advances = [
            struct.unpack(">H", data[hmtx + 4 * i : hmtx + 4 * i + 2])[0] for i in range(metrics)
        ]
        self.cmap = self._cmap(data, tables["cmap"][0])

    @staticmethod
    def _cmap(data: bytes, base: int) -> dict[int, int]:
        count = struct.unpack(">H", data[base + 2 : base + 4])[0]
        for index in range(count):
            platform, encoding, offset = struct.unpack(
                ">HHI", data[base + 4 + 8 * index : base + 12 + 8 * index]
            )
            table = base + offset
            if (platform, encoding) in ((3, 1), (0, 3)) and struct.unpack(">H", data[table : table + 2])[
                0
            ] == 4:
                segments = struct.unpack(">H", data[table + 6 : table + 8])[0] // 2
                ends = table + 14
                starts = ends + 2 * segments + 2
                deltas = starts + 2 * segments
                ranges = deltas + 2 * segments
                found: dict[int, int] = {}
                for s in range(segments):
                    end = struct.unpack(">H", data[ends + 2 * s : ends + 2 * s + 2])[0]
                    start = struct.unpack(">H", data[starts + 2 * s : starts + 2 * s + 2])[0]
                    delta = struct.unpack(">h", data[deltas + 2 * s : deltas + 2 * s + 2])[0]
                    offset_at = ranges + 2 * s
                    range_offset = struct.unpack(">H", data[offset_at : offset_at + 2])[0]
                    for code in range(start, end + 1):
                        if code == 0xFFFF:
                            continue
                        if range_offset == 0:
                            glyph = (code + delta) & 0xFFFF
                        else:
                            where = offset_at + range_offset + 2 * (code - start)
                            glyph = struct.unpack(">H", data[where : where + 2])[0]
                            glyph = (glyph + delta) & 0xFFFF if glyph else 0
                        found[code] = glyph
                return found
        raise ValueError("no Unicode cmap")

    def width_mm(self, text: str, size_pt: float) -> float:
        total = 0
        for char in text:
            glyph = self.cmap.get(ord(char), 0)
            assert glyph, f"{char!r} is missing from the font: install fonts-liberation2"
            total += self.advances[min(glyph, len(self.advances) - 1)]
        return total / self.units * size_pt * POINT_MM


@cache
def font(bold: bool = False, italic: bool = False) -> Font:
    name = STYLES[(bold, italic)]
    for folder in FONT_DIRS:
        if (folder / name).exists():
            candidate = Font(folder / name)
            if ord("ạ") in candidate.cmap:
                return candidate
    raise AssertionError(f"{name} with Vietnamese letters not found: install fonts-liberation2")


def width_mm(text: str, size_pt: float, bold: bool = False, italic: bool = False) -> float:
    return font(bold, italic).width_mm(text, size_pt)

"""How wide a line of text is in the figures' font, so labels can be placed without overlaps.

Advance widths of DejaVu Sans (the first font the figures ask for, and the one the PNG and PDF
typesetter finds), in font units of 1/2048 em, for Latin-1, Latin Extended-A and common
punctuation; other characters count as a wide glyph. Kerning is ignored, which only errs towards
wider boxes. Verdana and Arial, the fallbacks, are no wider than DejaVu Sans by more than
:data:`SLACK`.
"""

from __future__ import annotations

__all__ = ["SLACK", "text_width"]

SLACK = 1.03
"""Headroom for fallback fonts and rounding in the renderers."""

_UNITS = 2048
_WIDE = 1401  # an unknown glyph counts as wide as "A"
_RANGES: dict[int, str] = {
    0x0020: (
        "651 821 942 1716 1303 1946 1597 563 799 799 1024 1716 651 739 651 690 "
        "1303 1303 1303 1303 1303 1303 1303 1303 1303 1303 690 690 1716 1716 1716 1087 "
        "2048 1401 1405 1430 1577 1294 1178 1587 1540 604 604 1343 1141 1767 1532 1612 "
        "1235 1612 1423 1300 1251 1499 1401 2025 1403 1251 1403 799 690 799 1716 1024 "
        "1024 1255 1300 1126 1300 1260 721 1300 1298 569 569 1186 569 1995 1298 1253 "
        "1300 1300 842 1067 803 1298 1212 1675 1212 1212 1075 1303 690 1303 1716 "
    ),
    0x00A0: (
        "651 821 1303 1303 1303 1303 690 1024 1024 2048 965 1253 1716 739 2048 1024 "
        "1024 1716 821 821 1024 1303 1303 651 1024 821 965 1253 1985 1985 1985 1087 "
        "1401 1401 1401 1401 1401 1401 1995 1430 1294 1294 1294 1294 604 604 604 604 "
        "1587 1532 1612 1612 1612 1612 1612 1716 1612 1499 1499 1499 1499 1251 1239 1290 "
        "1255 1255 1255 1255 1255 1255 2011 1126 1260 1260 1260 1260 569 569 569 569 "
        "1253 1298 1253 1253 1253 1253 1253 1716 1253 1298 1298 1298 1298 1212 1300 1212 "
        "1401 1255 1401 1255 1401 1255 1430 1126 1430 1126 1430 1126 1430 1126 1577 1300 "
        "1587 1300 1294 1260 1294 1260 1294 1260 1294 1260 1294 1260 1587 1300 1587 1300 "
        "1587 1300 1587 1300 1540 1298 1876 1423 604 569 604 569 604 569 604 569 "
        "604 569 1208 1138 604 569 1343 1186 1186 1141 569 1141 569 1141 768 1141 "
        "700 1151 582 1532 1298 1532 1298 1532 1298 1666 1532 1298 1612 1253 1612 1253 "
        "1612 1253 2191 2095 1423 842 1423 842 1423 842 1300 1067 1300 1067 1300 1067 "
        "1300 1067 1251 803 1251 803 1251 803 1499 1298 1499 1298 1499 1298 1499 1298 "
        "1499 1298 1499 1298 2025 1675 1251 1212 1251 1403 1075 1403 1075 1403 1075 721 "
    ),
    0x2010: (
        "739 739 1303 1024 2048 2048 1024 1024 651 651 651 651 1061 1061 1061 1061 "
        "1024 1024 1208 1208 685 1367 2048 "
    ),
}
_WIDTHS: dict[str, int] = {
    chr(start + i): int(width)
    for start, widths in _RANGES.items()
    for i, width in enumerate(widths.split())
}


def text_width(text: str, size: float) -> float:
    """The advance width of ``text`` at font size ``size``, in the same unit as ``size``."""
    units = sum(_WIDTHS.get(char, _WIDE) for char in text)
    return units * size * SLACK / _UNITS

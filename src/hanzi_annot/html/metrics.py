"""Advance widths of ruby-text characters, for spacing ruby without a browser.

The widths (in em of the ruby-text font) were measured in Chromium with the fonts the
default stylesheet asks for: DejaVu Sans for pinyin, Noto Sans CJK for zhuyin. Other
fonts differ by a few percent; a character missing from the table counts as 1 em, so an
unknown one gets more room, never less.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

__all__ = ["text_width"]


def _expand(groups: tuple[tuple[float, str], ...]) -> Mapping[str, float]:
    return {char: width for width, chars in groups for char in chars}


#: Pinyin letters, tone-marked vowels, apostrophes, digits (tone numbers) and space.
_PINYIN: Final = _expand(
    (
        (0.27, "'"),
        (0.28, "ijl\u012b\xed\u01d0\xec"),
        (0.29, "IJ\u012a\xcd\u01cf\xcc"),
        (0.32, "\u2019 "),
        (0.35, "f"),
        (0.39, "t"),
        (0.41, "r"),
        (0.52, "sz"),
        (0.55, "c"),
        (0.56, "L"),
        (0.58, "kF"),
        (0.59, "vxy"),
        (0.6, "P"),
        (0.61, "aoTY\u0101\xe1\u01ce\xe0\u014d\xf3\u01d2\xf2"),
        (0.62, "e\u0113\xe9\u011b\xe8"),
        (
            0.63,
            "bdghnpquES\u016b\xfa\u01d4\xf9\u01d6\u01d8\u01da\u01dc\xfc\u0112\xc9\u011a\xc8\u0144\u0148\u01f9",
        ),
        (0.64, "012345"),
        (0.66, "K"),
        (0.68, "AV\u0100\xc1\u01cd\xc0"),
        (0.69, "BRXZ"),
        (0.7, "C"),
        (0.73, "U\xdc\u016a\xda\u01d3\xd9"),
        (0.75, "HN"),
        (0.77, "DG"),
        (0.79, "OQ\u014c\xd3\u01d1\xd2"),
        (0.82, "w"),
        (0.86, "M"),
        (0.97, "m\u1e3f"),
        (0.99, "W"),
    )
)

#: Bopomofo letters and tone marks in a CJK sans font.
_ZHUYIN: Final = _expand(
    (
        (0.22, " "),
        (0.5, "\u02d9"),
        (0.6, "\u02ca\u02c7\u02cb"),
        (
            1,
            "\u3105\u3106\u3107\u3108\u3109\u310a\u310b\u310c\u310d\u310e\u310f\u3110\u3111\u3112\u3113\u3114\u3115\u3116\u3117\u3118\u3119\u311a\u311b\u311c\u311d\u311e\u311f\u3120\u3121\u3122\u3123\u3124\u3125\u3126\u3127\u3128\u3129\u312a\u312b\u312c\u312d\u312e\u312f\u02c9",
        ),
    )
)


def text_width(text: str, *, zhuyin: bool = False) -> float:
    """Return the advance width of ``text`` in em of its font (1 em for unknown characters).

    >>> round(text_width("guó"), 2), text_width("ㄍㄨㄛˊ", zhuyin=True)
    (1.87, 3.6)
    """
    table = _ZHUYIN if zhuyin else _PINYIN
    return sum(table.get(char, 0.0 if 0x300 <= ord(char) < 0x370 else 1.0) for char in text)

"""Annotations as spoken syllables, one per character: what speech writers need.

Speech engines take one toned syllable per character, in ASCII. Three things differ
from the annotation as written, and are decided here once for every speech output:

* **erhua**: ``点儿(diǎnr)`` is one syllable over two characters; it is spoken as the
  base syllable for 点 and a neutral ``er`` for 儿, because neither engine's phone
  table has an r-coloured final and an unknown phone makes an engine reject the input;
* **ü** is written ``v`` (``lv4``), as in the engines' tables and pypinyin's tone3;
* **一 and 不**: the model keeps what the annotator wrote. Written in citation tone
  (``一个(yīgè)``, ``不是(bùshì)``), they are given their spoken tone when the next
  syllable of the same annotation shows it (yí/yì, bú); an ordinal or a number
  (``第一``, ``十一``) and a tone already changed stay as written. ``sandhi=False``
  keeps every tone as written.
"""

from __future__ import annotations

from typing import Final

import attrs

from hanzi_annot.chardata import ERHUA_CHAR
from hanzi_annot.model import Annotation
from hanzi_annot.pinyin.syllables import is_erhua, split_tone

__all__ = ["SpokenSyllable", "spoken_syllables"]

#: Characters after which 一 is a number or an ordinal and keeps its first tone.
_NUMBER_BEFORE: Final = frozenset("第十百千万亿零〇一二三四五六七八九两")


@attrs.frozen
class SpokenSyllable:
    """One character's syllable: ASCII base (``v`` for ü) and tone 1-5 (5 neutral)."""

    char: str
    base: str
    tone: int

    def numbered(self, neutral: int = 5) -> str:
        """``zhong4``; the neutral tone as ``neutral`` (Polly writes 0, SAPI 5)."""
        return f"{self.base}{neutral if self.tone == 5 else self.tone}"


def _sandhi(chars: list[str], tones: list[int], index: int) -> int:
    """Return the spoken tone of 一/不 at ``index``, judged by the next syllable."""
    char, tone = chars[index], tones[index]
    if index + 1 >= len(chars) or tones[index + 1] == 5:
        return tone
    following = tones[index + 1]
    if char == "不" and tone == 4 and following == 4:
        return 2
    if char == "一" and tone == 1 and not (index and chars[index - 1] in _NUMBER_BEFORE):
        if chars[index + 1] in _NUMBER_BEFORE:
            return tone
        return 2 if following == 4 else 4
    return tone


def spoken_syllables(annotation: Annotation, *, sandhi: bool = True) -> tuple[SpokenSyllable, ...]:
    """Return one :class:`SpokenSyllable` per character of ``annotation``.

    >>> [s.numbered() for s in spoken_syllables(Annotation("一点儿", ("yī", "diǎnr")))]
    ['yi4', 'dian3', 'er5']
    >>> [s.numbered(0) for s in spoken_syllables(Annotation("绿色", ("lǜ", "sè")))]
    ['lv4', 'se4']
    """
    chars: list[str] = []
    bases: list[str] = []
    tones: list[int] = []
    for unit, syllable in zip(annotation.units, annotation.syllables, strict=True):
        base, tone = split_tone(syllable)
        base = base.replace("ü", "v").replace("ê", "e")
        if len(unit) == 2 and unit[1] == ERHUA_CHAR and is_erhua(base.replace("v", "ü")):
            chars += [unit[0], unit[1]]
            bases += [base[:-1], "er"]
            tones += [tone, 5]
        else:
            chars.append(unit)
            bases.append(base)
            tones.append(tone)
    if sandhi:
        tones = [_sandhi(chars, tones, index) for index in range(len(chars))]
    return tuple(SpokenSyllable(c, b, t) for c, b, t in zip(chars, bases, tones, strict=True))

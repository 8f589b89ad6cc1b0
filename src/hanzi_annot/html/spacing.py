"""Space ruby so words hold together and neighbouring ruby texts never touch.

Browsers widen a ruby base to fit a ruby text wider than it, which pulls a word's
characters apart ("全 国著 名"). The default stylesheet gives every ``<rt>`` wide negative
margins, so the ruby text never widens its base; this module then works out, per
paragraph, the least space each ruby needs, from the advance widths in
:mod:`hanzi_annot.html.metrics`:

- a ruby text may reach over plain text beside its word (half of a run of plain text
  belongs to each annotated word beside it), and only what still sticks out is added
  as a margin outside the word;
- two ruby texts keep :data:`~hanzi_annot.html.css.RT_GAP` em apart;
- per character, the characters of one word are spaced evenly (``letter-spacing``)
  until every syllable clears its neighbour; the ruby text is then moved back over its
  character by the half letter-spacing the base gained after it, and a negative right
  margin takes back the spacing after the word's last character where it is unneeded.

Widths are in em of the base font throughout.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
import unicodedata
from collections.abc import Sequence

import attrs

from hanzi_annot.html.css import RT_GAP, RT_REACH, RT_SCALE
from hanzi_annot.html.metrics import text_width

__all__ = [
    "RubySpacing",
    "Word",
    "WordPlan",
    "arrange_spacing",
    "base_width",
    "margins_between",
    "plan_spacing",
    "plan_word",
]

#: The gap the spacing aims for: RT_GAP plus a safety margin for fonts a little wider
#: than the measured ones (in em of the base font).
_GAP = (RT_GAP + 0.05) * RT_SCALE


@attrs.frozen
class Word:
    """One annotation as the spacing sees it: its base units and their ruby texts."""

    units: tuple[str, ...]
    texts: tuple[str, ...]
    zhuyin: bool = False


@attrs.frozen
class RubySpacing:
    """Margins (outside the word) and letter-spacing (inside it) for one ``<ruby>``."""

    left: float = 0.0
    right: float = 0.0
    letter_spacing: float = 0.0

    def ruby_style(self) -> str | None:
        """Return the ``<ruby>``'s ``style`` attribute, or ``None`` when nothing is needed."""
        return _ruby_style(self.left, self.right, self.letter_spacing)

    def rt_style(self) -> str | None:
        """Return the ``style`` of each ``<rt>``: pull it back over its characters' glyphs."""
        return _rt_style(self.letter_spacing)


@functools.lru_cache(maxsize=1 << 12)  # margins recur: each new word would format them again
def _ruby_style(left: float, right: float, letter_spacing: float) -> str | None:
    parts = []
    if left > 0:
        parts.append(f"margin-left:{_em(left)}")
    if right != 0:
        parts.append(f"margin-right:{_em(right)}")
    if letter_spacing > 0:
        parts.append(f"letter-spacing:{_em(letter_spacing)}")
    return ";".join(parts) or None


@functools.lru_cache(maxsize=1 << 10)
def _rt_style(letter_spacing: float) -> str | None:
    if letter_spacing <= 0:
        return None
    return f"margin-left:-{_em(RT_REACH + letter_spacing / RT_SCALE)}"


def _em(value: float) -> str:
    return f"{math.ceil(value * 100) / 100:g}em"


#: Blocks whose every code point is East Asian Wide or Fullwidth (1 em): CJK symbols
#: and punctuation, CJK ideographs (Extension A and the main block), fullwidth forms.
#: A test holds each to :func:`unicodedata.east_asian_width`.
WIDE_BLOCKS = "\u3000-\u303e\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff60"
_NOT_WIDE_RE = re.compile(f"[^{WIDE_BLOCKS}]")


def base_width(text: str) -> float:
    """Width of base text: full-width characters 1 em, letters and digits 0.5, rest 0.25.

    Chinese text is almost all ideographs and fullwidth punctuation, so only the other
    characters are looked at one by one. (Every width is a multiple of 0.25, so the
    sum is exact in any order.)
    """
    others = _NOT_WIDE_RE.findall(text)
    if not others:
        return float(len(text))
    return (len(text) - len(others)) + sum(map(_char_width, others))


@functools.lru_cache(maxsize=1 << 14)  # a pure function of one character
def _char_width(char: str) -> float:
    if unicodedata.east_asian_width(char) in "WF":
        return 1.0
    if char.isalnum():
        return 0.5
    return 0.25


def _letter_spacing(bases: Sequence[float], widths: Sequence[float]) -> float:
    """Return the least even spacing that lets every syllable clear the next."""
    spacing = 0.0
    for (b1, w1), (b2, w2) in itertools.pairwise(zip(bases, widths, strict=True)):
        # Centres of neighbouring units are (b1 + b2) / 2 * (1 + spacing) apart.
        spacing = max(spacing, (w1 + w2 + 2 * _GAP) / (b1 + b2) - 1)
    return math.ceil(spacing * 100) / 100


def _overhangs(
    bases: Sequence[float], widths: Sequence[float], spacing: float
) -> tuple[float, float]:
    """How far the first and last ruby texts reach beyond the word's outer glyphs.

    Negative when a ruby text is narrower than its characters: that slack counts too.
    """
    first = bases[0] * (1 + spacing) - spacing
    last = bases[-1] * (1 + spacing) - spacing
    return (widths[0] - first) / 2, (widths[-1] - last) / 2 - spacing


@functools.lru_cache(maxsize=1 << 14)  # a pure function of one syllable's text
def _rt_width(text: str, zhuyin: bool) -> float:
    """Width of a ruby text in em of the base font; syllables recur across new words."""
    return text_width(text, zhuyin=zhuyin) * RT_SCALE


@functools.lru_cache(maxsize=1 << 14)  # a pure function of one unit (a character or X儿)
def _unit_width(unit: str) -> float:
    return base_width(unit)


@attrs.frozen
class WordPlan:
    """What the spacing needs of one word, whatever stands around it.

    ``spacing`` holds its letter-spacing (no margins yet); ``before`` and ``after`` are
    how far its first and last ruby texts reach beyond its outer glyphs (negative:
    slack). A renderer keeps one per distinct word.
    """

    spacing: RubySpacing
    before: float
    after: float


def plan_word(word: Word) -> WordPlan:
    """Return a word's own letter-spacing and overhangs.

    Built from per-syllable and per-character widths, each measured once; a renderer
    keeps the plan of each distinct word it meets.

    >>> plan_word(Word(("国", "家"), ("guó", "jiā"))).spacing.letter_spacing
    0.11
    """
    widths = [_rt_width(text, word.zhuyin) for text in word.texts]
    bases = [_unit_width(unit) for unit in word.units]
    spacing = _letter_spacing(bases, widths) if len(word.units) > 1 else 0.0
    before, after = _overhangs(bases, widths, spacing)
    return WordPlan(RubySpacing(letter_spacing=spacing), before, after)


def plan_spacing(tokens: Sequence[Word | str]) -> list[RubySpacing]:
    """Return one :class:`RubySpacing` per :class:`Word` in ``tokens`` (plain text as str).

    >>> [s.ruby_style() for s in plan_spacing([Word(("国", "家"), ("guó", "jiā")), "历史"])]
    ['margin-left:0.09em;margin-right:-0.11em;letter-spacing:0.11em']
    >>> pair = [Word(("壮乡",), ("Zhuàngxiāng",)), Word(("青年",), ("qīngnián",))]
    >>> [s.ruby_style() for s in plan_spacing(pair)]
    ['margin-left:1.05em', 'margin-left:1.56em;margin-right:0.36em']
    """
    return arrange_spacing([plan_word(t) if isinstance(t, Word) else t for t in tokens])


def arrange_spacing(tokens: Sequence[WordPlan | str]) -> list[RubySpacing]:
    """:func:`plan_spacing` from words already planned (:func:`plan_word`) and plain text.

    Only the margins depend on the neighbours, so a renderer that keeps each word's
    plan spaces a paragraph without measuring its words again.
    """
    plans: list[WordPlan] = []
    runs = [0.0]
    for token in tokens:
        if isinstance(token, WordPlan):
            plans.append(token)
            runs.append(0.0)
        else:
            runs[-1] += base_width(token)
    lefts, rights = margins_between(plans, runs)
    return [
        RubySpacing(lft, rgt, plan.spacing.letter_spacing)  # as attrs.evolve, without its cost
        for plan, lft, rgt in zip(plans, lefts, rights, strict=True)
    ]


def margins_between(
    plans: Sequence[WordPlan], runs: Sequence[float]
) -> tuple[list[float], list[float]]:
    """Return the left and the right margins of words ``plans``, ``runs[i]`` em apart.

    ``runs[i]`` is the width of the plain text before word ``i``; ``runs`` has one more
    entry than ``plans``, the plain text after the last word. A renderer that measures
    the plain text as it walks a paragraph calls this directly.
    """
    count = len(plans)
    left = [0.0] * count
    right = [0.0] * count
    if not count:
        return left, right
    # Before the first word: nothing to keep apart from, only the text to reach over.
    need = 0.0 + plans[0].before - runs[0]
    if need > 0:
        left[0] = need
    for index in range(1, count):  # between two words
        previous, plan = plans[index - 1], plans[index]
        need = previous.after + plan.before + _GAP - runs[index]
        if need > 0:
            left[index] = need
        elif previous.spacing.letter_spacing > 0:
            # Take back the letter-spacing after a word's last character where unneeded.
            right[index - 1] = max(need, -previous.spacing.letter_spacing)
    last = plans[-1]  # after the last word
    need = last.after + 0.0 - runs[count]
    if need > 0:
        right[-1] = need
    elif last.spacing.letter_spacing > 0:
        right[-1] = max(need, -last.spacing.letter_spacing)
    return left, right

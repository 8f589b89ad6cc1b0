"""Spelling checks on pinyin as written: tones missing, misplaced marks, v for ü, apostrophes.

The parser already understands these forms (``gǔi`` reads as guǐ), so they never hide a
wrong reading; they are reported so an editor can write the standard spelling. Each
check compares the written text, letter by letter, with the canonical syllables.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

import attrs

from .diagnostics import Code
from .inline import is_toned
from .markup import join_pinyin
from .syllables import SEPARATORS, TONE_MARKS

_DIAERESIS = "\u0308"
_CIRCUMFLEX = "\u0302"
_APOSTROPHE_VOWELS = frozenset("aoeê")


@attrs.frozen
class Letter:
    """One pinyin letter as written: lowercase, with its tone mark (0 if none).

    ``boundary`` says whether a separator, a tone digit or a syllable start comes right
    before it.
    """

    char: str
    tone: int
    boundary: bool


def letters_of(text: str) -> tuple[Letter, ...]:
    """Split pinyin into letters (``v``, ``u:`` and ``ü`` all give ü; ê is one letter).

    >>> [(l.char, l.tone) for l in letters_of("lv4")]
    [('l', 0), ('ü', 0)]
    """
    chars: list[str] = []
    tones: list[int] = []
    boundaries: list[bool] = []
    boundary = False
    for ch in unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text)):
        if ch in TONE_MARKS and chars:
            tones[-1] = TONE_MARKS[ch]
        elif ch in (_DIAERESIS, ":") and chars and chars[-1] == "u":
            chars[-1] = "ü"
        elif ch == _CIRCUMFLEX and chars and chars[-1] == "e":
            chars[-1] = "ê"
        elif ch.isascii() and ch.isalpha():
            low = ch.lower()
            chars.append("ü" if low == "v" else low)
            tones.append(0)
            boundaries.append(boundary)
            boundary = False
        else:  # separators, tone digits and anything else mark a boundary
            boundary = boundary or ch in SEPARATORS or ch.isspace() or ch.isdigit()
    return tuple(Letter(c, t, b) for c, t, b in zip(chars, tones, boundaries, strict=True))


def canonical_letters(syllables: Iterable[str]) -> tuple[Letter, ...]:
    """Return the letters of canonical syllables, each syllable start marked as a boundary."""
    letters: list[Letter] = []
    for syllable in syllables:
        for index, letter in enumerate(letters_of(syllable)):
            letters.append(attrs.evolve(letter, boundary=index == 0))
    return tuple(letters)


def spelling_problems(written: str, syllables: tuple[str, ...]) -> tuple[tuple[Code, str], ...]:
    """Return ``(code, message)`` for each non-standard spelling in ``written``.

    >>> [code.code for code, _ in spelling_problems("fāngàn", ("fāng", "àn"))]
    ['HA207']
    """
    if written == join_pinyin(syllables) and is_toned(written):
        return ()  # already the standard spelling: the usual case, checked cheaply
    problems: list[tuple[Code, str]] = []
    normal = unicodedata.normalize("NFKC", written)
    if not is_toned(written):
        problems.append((Code.TONES_MISSING, f"({written}) is written without tones"))
    if "v" in normal.lower() or ":" in normal:
        form = "v" if "v" in normal.lower() else "u:"
        problems.append((Code.U_UMLAUT_SPELLING, f"ü is written as {form} in ({written})"))
    seen = letters_of(written)
    wanted = canonical_letters(syllables)
    if [x.char for x in seen] != [x.char for x in wanted]:
        return tuple(problems)
    has_marks = any(letter.tone for letter in seen)
    has_digits = any(ch.isdigit() for ch in normal)
    if has_marks and not has_digits and [x.tone for x in seen] != [x.tone for x in wanted]:
        problems.append(
            (Code.MISPLACED_TONE_MARK, f"a tone mark in ({written}) sits on the wrong vowel")
        )
    if any(
        w.boundary and not s.boundary and w.char in _APOSTROPHE_VOWELS
        for index, (s, w) in enumerate(zip(seen, wanted, strict=True))
        if index
    ):
        problems.append(
            (
                Code.MISSING_APOSTROPHE,
                f"({written}) needs an apostrophe before a syllable starting with a, o or e",
            )
        )
    return tuple(problems)

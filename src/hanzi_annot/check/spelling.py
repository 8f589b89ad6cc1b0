"""Spelling checks on pinyin as written: tones missing, misplaced marks, v for ü, apostrophes.

The parser already understands these forms (``gǔi`` reads as guǐ), so they never hide a
wrong reading; they are reported so an editor can write the standard spelling. Each
check compares the written text, letter by letter, with the canonical syllables, and
:func:`respell` corrects only the problems it is asked to, leaving the rest as written.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Iterable

import attrs

from hanzi_annot.diagnostics import Code
from hanzi_annot.pinyin.syllables import (
    APOSTROPHE_STARTS,
    SEPARATORS,
    PinyinChar,
    is_toned,
    join_pinyin,
    scan_pinyin,
    to_numbered,
)

#: Letters a syllable after the first may start with only behind an apostrophe.
_APOSTROPHE_VOWELS = frozenset("aoeê")

#: The codes :func:`spelling_problems` reports: how the pinyin is written, not what it reads.
SPELLING_CODES = frozenset(
    {
        Code.TONES_MISSING,
        Code.MISPLACED_TONE_MARK,
        Code.U_UMLAUT_SPELLING,
        Code.MISSING_APOSTROPHE,
    }
)


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
    letters: list[Letter] = []
    boundary = False
    for char in scan_pinyin(text):
        if char.letter:
            letters.append(Letter(char.char, char.tone, boundary))
            boundary = False
        else:  # separators, tone digits and anything else mark a boundary
            other = char.text
            boundary = boundary or other in SEPARATORS or other.isspace() or other.isdigit()
    return tuple(letters)


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


def _with_u_umlaut(piece: PinyinChar) -> PinyinChar:
    """Write a ``v`` or ``u:`` letter as ü."""
    if piece.char != "ü" or piece.diaeresis:
        return piece
    text = "U" if piece.text.isupper() else "u"
    return attrs.evolve(piece, text=text, diaeresis=True, colon=False)


def respell(
    written: str,
    syllables: tuple[str, ...],
    fixed: tuple[str, ...],
    codes: Collection[Code],
) -> str | None:
    """Rewrite the syllables ``fixed`` changes and the problems in ``codes``; keep the rest.

    A fix must change only what its own finding is about: moving a misplaced tone mark
    leaves a wrong tone elsewhere in the word alone, and the reverse. A rewritten
    syllable is written in the standard spelling (with a tone digit if it had one).
    When nothing outside ``codes`` is wrong with the spelling, the result is simply the
    standard spelling of ``fixed``. ``None`` when the written letters do not line up
    with ``syllables``.

    >>> respell("gùibín", ("guì", "bín"), ("guì", "bín"), {Code.MISPLACED_TONE_MARK})
    'guìbín'
    >>> respell("gùibín", ("guì", "bín"), ("guì", "bīn"), ())
    'gùibīn'
    """
    found = {code for code, _ in spelling_problems(written, syllables)}
    if found <= set(codes):
        return join_pinyin(fixed)
    pieces = scan_pinyin(written)
    seen = letters_of(written)
    wanted = canonical_letters(syllables)
    if [letter.char for letter in seen] != [letter.char for letter in wanted]:
        return None
    owner = [i for i, syllable in enumerate(syllables) for _ in letters_of(syllable)]
    numbered = [False] * len(syllables)  # written with a tone digit after it
    letter = -1
    for piece in pieces:
        if piece.letter:
            letter += 1
        elif piece.text.isdigit() and letter >= 0:
            numbered[owner[letter]] = True
    chosen = found & set(codes)
    out: list[str] = []
    letter = -1
    for piece in pieces:
        if not piece.letter:
            replaced = letter >= 0 and fixed[owner[letter]] != syllables[owner[letter]]
            if not (replaced and piece.text.isdigit()):  # a rewritten syllable has its own
                out.append(piece.text)
            continue
        letter += 1
        index = owner[letter]
        first = letter == 0 or owner[letter - 1] != index
        if fixed[index] != syllables[index]:
            if first:
                syllable = fixed[index]
                if (
                    index
                    and not seen[letter].boundary
                    and syllable[:1].lower() in APOSTROPHE_STARTS
                ):
                    out.append("'")
                out.append(to_numbered(syllable) if numbered[index] else syllable)
            continue
        if (
            first
            and index
            and not seen[letter].boundary
            and Code.MISSING_APOSTROPHE in chosen
            and wanted[letter].char in _APOSTROPHE_VOWELS
        ):
            out.append("'")
        if Code.U_UMLAUT_SPELLING in chosen:
            piece = _with_u_umlaut(piece)
        if Code.MISPLACED_TONE_MARK in chosen:
            piece = attrs.evolve(piece, tone=wanted[letter].tone)
        out.append(piece.render())
    return unicodedata.normalize("NFC", "".join(out))

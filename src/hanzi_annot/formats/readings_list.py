"""A per-character reading list (tone3) for text-to-speech front ends.

Every hanzi of the document, in reading order, with one tone-numbered syllable
(``zhong4``; neutral ``5``; ü as ``v``) and where it came from: the annotation when the
character is annotated, else a guess. Guesses are plain dictionary look-ups through
:class:`~hanzi_annot.pinyin.readings.Readings`: the longest word of the phrase
dictionary starting at the character (up to four characters), else the character's most
common reading. They do not weigh the sentence around the word, so polyphones outside
annotations may be guessed wrong; the annotations are what make the list trustworthy.
Erhua and ü follow :mod:`hanzi_annot.formats.spoken`; tones are as written
(``sandhi=True`` gives 一/不 their spoken tone inside annotations).

>>> from hanzi_annot import parse
>>> print(to_reading_list(parse("行长(hángzhǎng)来了。")), end="")
行	hang2	annotation
长	zhang3	annotation
来	lai2	guess
了	le5	guess
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from typing import Final

import attrs

from hanzi_annot.chardata import is_hanzi
from hanzi_annot.formats.spoken import spoken_syllables
from hanzi_annot.model import Annotation, Document
from hanzi_annot.pinyin.readings import Readings, default_readings
from hanzi_annot.pinyin.syllables import split_tone

__all__ = ["CharReading", "ReadingSource", "reading_list", "to_reading_list"]

#: Longest word looked up for a guess.
_LONGEST_WORD: Final = 4


class ReadingSource(enum.Enum):
    """Where a character's reading came from."""

    ANNOTATION = "annotation"
    GUESS = "guess"
    UNKNOWN = "unknown"  #: the dictionary has no reading; ``reading`` is empty


@attrs.frozen
class CharReading:
    """One hanzi with its tone3 reading and the reading's source."""

    char: str
    reading: str
    source: ReadingSource


def _tone3(syllable: str) -> str:
    base, tone = split_tone(syllable)
    return f"{base.replace('ü', 'v').replace('ê', 'e')}{tone}"


def _guess(run: str, readings: Readings) -> Iterator[CharReading]:
    """Yield readings of a run of unannotated hanzi: longest dictionary word first."""
    index = 0
    while index < len(run):
        for width in range(min(_LONGEST_WORD, len(run) - index), 1, -1):
            word = run[index : index + width]
            found = readings.phrase_reading(word)
            if found is not None:
                for char, syllable in zip(word, found, strict=True):
                    yield CharReading(char, _tone3(syllable), ReadingSource.GUESS)
                index += width
                break
        else:
            char = run[index]
            options = readings.char_readings(char)
            if options:
                yield CharReading(char, _tone3(options[0]), ReadingSource.GUESS)
            else:
                yield CharReading(char, "", ReadingSource.UNKNOWN)
            index += 1


def _hanzi_runs(text: str) -> Iterator[str]:
    run: list[str] = []
    for char in text:
        if is_hanzi(char):
            run.append(char)
        elif run:
            yield "".join(run)
            run = []
    if run:
        yield "".join(run)


def reading_list(
    document: Document, readings: Readings | None = None, *, sandhi: bool = False
) -> tuple[CharReading, ...]:
    """Return every hanzi of ``document`` in reading order with its reading."""
    readings = readings or default_readings()
    found: list[CharReading] = []
    for paragraph in document.blocks:
        for token in paragraph.tokens:
            if isinstance(token, Annotation):
                found.extend(
                    CharReading(s.char, s.numbered(), ReadingSource.ANNOTATION)
                    for s in spoken_syllables(token, sandhi=sandhi)
                )
            else:
                for run in _hanzi_runs(token.text):
                    found.extend(_guess(run, readings))
    return tuple(found)


def to_reading_list(
    document: Document, readings: Readings | None = None, *, sandhi: bool = False
) -> str:
    """Write :func:`reading_list` as tab-separated lines: character, reading, source."""
    return "".join(
        f"{item.char}\t{item.reading}\t{item.source.value}\n"
        for item in reading_list(document, readings, sandhi=sandhi)
    )

"""A per-character reading list (tone3) for text-to-speech front ends.

Every hanzi of the document, in reading order, with one tone-numbered syllable
(``zhong4``; neutral ``5``; ü as ``v``) and where it came from: the annotation when the
character is annotated, else a guess. Guesses come from the reading-in-context engine
(:class:`~hanzi_annot.check.context.ContextPredictor`), which reads each character in
its paragraph: the dictionary words covering it, then the context model, then its
usual reading, so 了 in 为了解决 and in 来了 get different guesses. Annotations always
override guesses, and guesses never see a reading the annotation gave. Erhua and ü
follow :mod:`hanzi_annot.formats.spoken`; tones are as written (``sandhi=True`` gives
一/不 their spoken tone inside annotations).

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

import attrs

from hanzi_annot.chardata import is_hanzi
from hanzi_annot.check.context import ContextPredictor
from hanzi_annot.formats.spoken import spoken_syllables
from hanzi_annot.model import Annotation, Document, Paragraph, expect_node
from hanzi_annot.pinyin.readings import Readings
from hanzi_annot.pinyin.syllables import split_tone

__all__ = ["CharReading", "ReadingSource", "reading_list", "to_reading_list"]


class ReadingSource(enum.Enum):
    """Where a character's reading came from."""

    ANNOTATION = "annotation"
    GUESS = "guess"
    UNKNOWN = "unknown"  #: no reading is known for the character; ``reading`` is empty


@attrs.frozen
class CharReading:
    """One hanzi with its tone3 reading and the reading's source."""

    char: str
    reading: str
    source: ReadingSource


def _tone3(syllable: str) -> str:
    base, tone = split_tone(syllable)
    return f"{base.replace('ü', 'v').replace('ê', 'e')}{tone}"


def _paragraph(
    paragraph: Paragraph, predictor: ContextPredictor, sandhi: bool
) -> Iterator[CharReading]:
    """Yield the readings of one paragraph: annotations as written, the rest predicted."""
    text = paragraph.text
    offset = 0
    for token in paragraph.tokens:
        if isinstance(token, Annotation):
            for syllable in spoken_syllables(token, sandhi=sandhi):
                yield CharReading(syllable.char, syllable.numbered(), ReadingSource.ANNOTATION)
        else:
            for index, char in enumerate(token.text, offset):
                if not is_hanzi(char):
                    continue
                prediction = predictor.predict(text, index)
                if prediction is None:
                    yield CharReading(char, "", ReadingSource.UNKNOWN)
                else:
                    yield CharReading(char, _tone3(prediction.reading), ReadingSource.GUESS)
        offset += len(token.text)


def reading_list(
    document: Document,
    readings: Readings | None = None,
    *,
    sandhi: bool = False,
    predictor: ContextPredictor | None = None,
) -> tuple[CharReading, ...]:
    """Return every hanzi of ``document`` in reading order with its reading.

    ``predictor`` makes the guesses (by default one over ``readings``, whose own
    phrases then decide where they cover a character). Anything but a
    :class:`~hanzi_annot.Document` raises ``TypeError``.
    """
    expect_node(document, (Document,), "reading_list()")
    predictor = predictor or ContextPredictor(readings)
    return tuple(
        item for paragraph in document.blocks for item in _paragraph(paragraph, predictor, sandhi)
    )


def to_reading_list(
    document: Document,
    readings: Readings | None = None,
    *,
    sandhi: bool = False,
    predictor: ContextPredictor | None = None,
) -> str:
    """Write :func:`reading_list` as tab-separated lines: character, reading, source."""
    expect_node(document, (Document,), "to_reading_list()")
    return "".join(
        f"{item.char}\t{item.reading}\t{item.source.value}\n"
        for item in reading_list(document, readings, sandhi=sandhi, predictor=predictor)
    )

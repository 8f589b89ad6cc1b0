"""Add pinyin to plain text: the chosen words of each paragraph become annotations.

Words come from :func:`~hanzi_annot.check.words.segment` over pypinyin's phrase
dictionary, the HSK 3.0 word list and the caller's words; readings from the phrase
dictionary for a word it knows and from the
:class:`~hanzi_annot.check.context.ContextPredictor` for the rest, so the result passes
the validator. Existing annotations are kept as they are, and annotating twice changes
nothing.

>>> from hanzi_annot import to_markup
>>> print(to_markup(annotate("他们在银行工作。", select="polyphones")), end="")
他们在银行(yínháng)工作。
>>> print(to_markup(annotate("他们在银行工作。", select="all")), end="")
他们(tāmen)在(zài)银行(yínháng)工作(gōngzuò)。
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator

import attrs

from hanzi_annot.chardata import is_hanzi
from hanzi_annot.check.context import ContextPredictor
from hanzi_annot.check.hsk import BAND, hsk_levels
from hanzi_annot.check.inword import same_reading
from hanzi_annot.check.words import segment
from hanzi_annot.model import Annotation, Document, Paragraph, Section, Text, Token
from hanzi_annot.pinyin.readings import Readings
from hanzi_annot.positions import Span
from hanzi_annot.text.structure import parse


class Select(enum.Enum):
    """A selection that needs no parameter."""

    ALL = "all"  #: every hanzi word
    POLYPHONES = "polyphones"  #: words with a character commonly read two ways


@attrs.frozen
class AboveHsk:
    """Words above HSK 3.0 level ``level`` (1-6; 7 is the band 7-9): new to such a reader.

    A word off the list counts as known when it splits into listed words of the level
    or below (中国人民 into 中国 and 人民).
    """

    level: int = attrs.field()

    @level.validator
    def _check_level(self, _attribute: attrs.Attribute[int], value: int) -> None:
        if not 1 <= value <= BAND:
            raise ValueError(f"HSK level must be 1 to {BAND}, got {value}")


def _words_of(words: Iterable[str]) -> frozenset[str]:
    return frozenset(words)


@attrs.frozen
class WordList:
    """Exactly these words, wherever they stand (they also guide the word boundaries)."""

    words: frozenset[str] = attrs.field(converter=_words_of)


#: What :func:`annotate` accepts as ``select``.
Selection = Select | AboveHsk | WordList


def as_selection(value: Selection | str | int | Iterable[str]) -> Selection:
    """Read a selection: ``"all"``, ``"polyphones"``, ``"hsk4"`` or ``4``, or a word list.

    >>> as_selection("hsk4"), as_selection(["银行"])
    (AboveHsk(level=4), WordList(words=frozenset({'银行'})))
    """
    if isinstance(value, Select | AboveHsk | WordList):
        return value
    if isinstance(value, int):
        return AboveHsk(value)
    if isinstance(value, str):
        name = value.strip().lower()
        if name.startswith("hsk") and name[3:].isdigit():
            return AboveHsk(int(name[3:]))
        try:
            return Select(name)
        except ValueError:
            raise ValueError(
                f"unknown selection {value!r}: use 'all', 'polyphones', 'hskN' or a word list"
            ) from None
    return WordList(frozenset(value))


class Annotator:
    """Chooses and reads words with fixed settings; build one for a batch of documents.

    ``never`` lists words never annotated, whatever the selection.
    """

    def __init__(
        self,
        select: Selection | str | int | Iterable[str] = Select.ALL,
        *,
        first_only: bool = False,
        never: Iterable[str] = (),
        readings: Readings | None = None,
        predictor: ContextPredictor | None = None,
    ) -> None:
        self.select = as_selection(select)
        self.first_only = first_only
        self.never = frozenset(never)
        self.predictor = predictor or ContextPredictor(readings)
        self.readings = self.predictor.readings
        self._levels = hsk_levels()
        self._own = self.select.words if isinstance(self.select, WordList) else frozenset()

    def annotate(self, document: Document) -> Document:
        """Return ``document`` with the chosen words of its plain text annotated."""
        seen: set[str] = set()
        # the author's own annotations mark words, wherever else they stand
        known = frozenset(annotation.hanzi for annotation in document.annotations())

        def redo(paragraph: Paragraph) -> Paragraph:
            return self._paragraph(paragraph, seen, known)

        title = None if document.title is None else redo(document.title)
        sections = []
        for section in document.sections:
            heading = None if section.heading is None else redo(section.heading)
            sections.append(Section(heading, tuple(map(redo, section.paragraphs))))
        return attrs.evolve(document, title=title, sections=tuple(sections))

    def is_word(self, word: str) -> bool:
        """Return whether a dictionary, the HSK list or the word list knows ``word``."""
        return (
            word in self._own
            or word in self._levels
            or self.readings.phrase_reading(word) is not None
        )

    def wanted(self, word: str) -> bool:
        """Return whether the selection asks for ``word`` (``never`` aside)."""
        if word in self.never:
            return False
        if isinstance(self.select, WordList):
            return word in self.select.words
        if self.select is Select.ALL:
            return True
        if self.select is Select.POLYPHONES:
            return any(self.predictor.often_in_doubt(char) for char in word)
        return not self._known_at(word, self.select.level)

    def _known_at(self, word: str, level: int) -> bool:
        listed = self._levels.get(word)
        if listed is not None:
            return listed <= level
        if len(word) == 1:
            return False
        parts = segment(word, lambda part: self._levels.get(part, BAND + 1) <= level)
        return len(parts) > 1 and all(self._levels.get(p, BAND + 1) <= level for p in parts)

    def _paragraph(self, paragraph: Paragraph, seen: set[str], known: frozenset[str]) -> Paragraph:
        text = paragraph.text
        tokens: list[Token] = []
        at = 0
        for token in paragraph.tokens:
            if isinstance(token, Annotation):
                seen.add(token.hanzi)
                tokens.append(token)
            else:
                tokens.extend(self._text(token, text, at, seen, known))
            at += len(token.text)
        return attrs.evolve(paragraph, tokens=tuple(tokens))

    def _text(
        self, token: Text, context: str, at: int, seen: set[str], known: frozenset[str]
    ) -> Iterator[Token]:
        """Split one text token into text and new annotations."""
        origin = token.span.start if token.span is not None else None
        start = 0
        for word_start, word in self._words(token.text, known):
            if not self.wanted(word) or (self.first_only and word in seen):
                continue
            syllables = self._readings_of(word, context, at + word_start)
            if syllables is None:
                continue
            seen.add(word)
            if word_start > start:
                yield _text(token.text[start:word_start], origin, start)
            place = None if origin is None else origin + word_start
            span = None if place is None else Span(place, place + len(word))
            yield Annotation(word, syllables, span=span)
            start = word_start + len(word)
        if start < len(token.text):
            yield _text(token.text[start:], origin, start)

    def _words(self, text: str, known: frozenset[str]) -> Iterator[tuple[int, str]]:
        """Yield (offset, word) for each word of the runs of hanzi in ``text``.

        ``known`` adds words to the dictionaries (the document's own annotations).
        """

        def is_word(word: str) -> bool:
            return word in known or self.is_word(word)

        index = 0
        while index < len(text):
            if not is_hanzi(text[index]):
                index += 1
                continue
            end = index
            while end < len(text) and is_hanzi(text[end]):
                end += 1
            for word in segment(text[index:end], is_word):
                yield index, word
                index += len(word)

    def _readings_of(self, word: str, context: str, at: int) -> tuple[str, ...] | None:
        """Return the word's syllables: the phrase dictionary's, else each character's.

        ``None`` when a character has no known reading (it stays plain text).
        """
        known = self.readings.phrase_reading(word)
        if known is not None:
            return known
        syllables = []
        for offset, char in enumerate(word):
            candidates = self.readings.char_readings(char)
            if not candidates:
                return None
            found = self.predictor.predict(context, at + offset)
            reading = candidates[0] if found is None else found.reading
            if reading not in candidates:
                reading = next((c for c in candidates if same_reading(c, reading)), candidates[0])
            syllables.append(reading)
        return tuple(syllables)


def _text(text: str, origin: int | None, offset: int) -> Text:
    span = None if origin is None else Span(origin + offset, origin + offset + len(text))
    return Text(text, span=span)


def annotate(
    text_or_document: str | Document,
    select: Selection | str | int | Iterable[str] = Select.ALL,
    first_only: bool = False,
    *,
    never: Iterable[str] = (),
    readings: Readings | None = None,
) -> Document:
    """Return a document whose chosen words carry pinyin; existing annotations are kept.

    ``select`` is ``"all"`` (every hanzi word), ``"polyphones"``, an HSK 3.0 level
    (``"hsk4"`` or ``4``: the words above it) or a list of words. ``first_only``
    annotates a word only where it first appears in the article; ``never`` lists words
    left alone. A string is parsed as markup first (:func:`hanzi_annot.parse`).
    """
    document = parse(text_or_document) if isinstance(text_or_document, str) else text_or_document
    annotator = Annotator(select, first_only=first_only, never=never, readings=readings)
    return annotator.annotate(document)

"""Add pinyin to plain text: the chosen words of each paragraph become annotations.

Words come from :func:`~hanzi_annot.check.words.segment` over pypinyin's phrase
dictionary, the HSK 3.0 word list and the caller's words (for an HSK selection, a run
of two or three single characters counts as one word the dictionaries missed);
readings from the phrase dictionary for a word it knows and from the
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
from collections.abc import Callable, Iterable, Iterator, Sequence

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

    ``never`` lists words never annotated, whatever the selection. ``segmenter`` splits
    a run of hanzi into words (``jieba.lcut``, for one); by default
    :func:`~hanzi_annot.check.words.segment` over the dictionaries. Its words must put
    the run back together exactly, or ``ValueError`` is raised.
    """

    def __init__(
        self,
        select: Selection | str | int | Iterable[str] = Select.ALL,
        *,
        first_only: bool = False,
        never: Iterable[str] = (),
        readings: Readings | None = None,
        predictor: ContextPredictor | None = None,
        segmenter: Callable[[str], Sequence[str]] | None = None,
    ) -> None:
        self.select = as_selection(select)
        self.first_only = first_only
        self.never = frozenset(never)
        self.predictor = predictor or ContextPredictor(readings)
        self.readings = self.predictor.readings
        self._levels = hsk_levels()
        self._own = self.select.words if isinstance(self.select, WordList) else frozenset()
        self._segmenter = segmenter

    def annotate(self, document: Document) -> Document:
        """Return ``document`` with the chosen words of its plain text annotated."""
        seen: set[str] = set()

        def redo(paragraph: Paragraph) -> Paragraph:
            return self._annotated_paragraph(paragraph, seen)

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

    def _annotated_paragraph(self, paragraph: Paragraph, seen: set[str]) -> Paragraph:
        pieces = self._words_in(paragraph)
        text = paragraph.text
        starts = [0]
        for token in paragraph.tokens:
            starts.append(starts[-1] + len(token.text))
        cuts = frozenset(_cuts(pieces, starts))
        if isinstance(self.select, AboveHsk):
            pieces = _join_singles(pieces)
        chosen: dict[int, list[tuple[int, str, tuple[str, ...]]]] = {}
        for piece in pieces:
            if piece.annotated:
                seen.add(piece.word)
                continue
            if not self.wanted(piece.word) or (self.first_only and piece.word in seen):
                continue
            at = starts[piece.token] + piece.start
            syllables = self._readings_of(piece.word, text, at, cuts)
            if syllables is not None:
                seen.add(piece.word)
                chosen.setdefault(piece.token, []).append((piece.start, piece.word, syllables))
        tokens: list[Token] = []
        for number, token in enumerate(paragraph.tokens):
            if isinstance(token, Text) and number in chosen:
                tokens.extend(_split(token, chosen[number]))
            else:
                tokens.append(token)
        return attrs.evolve(paragraph, tokens=tuple(tokens))

    def _segment(self, run: str) -> Sequence[str]:
        if self._segmenter is None:
            return segment(run, self.is_word)
        words = self._segmenter(run)
        if "".join(words) != run or not all(words):
            raise ValueError(f"the segmenter split {run!r} into {list(words)!r}")
        return words

    def _words_in(self, paragraph: Paragraph) -> list[_Piece]:
        """Every word of the paragraph in order: its annotations and its text's words."""
        pieces: list[_Piece] = []
        for number, token in enumerate(paragraph.tokens):
            if isinstance(token, Annotation):
                pieces.append(_Piece(number, 0, token.hanzi, True, True, True))
                continue
            text = token.text
            index = 0
            while index < len(text):
                if not is_hanzi(text[index]):
                    index += 1
                    continue
                end = index
                while end < len(text) and is_hanzi(text[end]):
                    end += 1
                for word in self._segment(text[index:end]):
                    first, last = index == 0, index + len(word) == len(text)
                    pieces.append(_Piece(number, index, word, False, first, last))
                    index += len(word)
        return pieces

    def _readings_of(
        self, word: str, context: str, at: int, cuts: frozenset[int]
    ) -> tuple[str, ...] | None:
        """Return the word's syllables: the phrase dictionary's, else each character's.

        ``cuts`` are the paragraph's word boundaries, which the predictor respects
        (了 in 递交|了|结案 is le, whatever 了结 says). ``None`` when a character has no
        known reading (it stays plain text).
        """
        known = self.readings.phrase_reading(word)
        if known is not None:
            return known
        syllables = []
        for offset, char in enumerate(word):
            candidates = self.readings.char_readings(char)
            if not candidates:
                return None
            found = self.predictor.predict(context, at + offset, cuts)
            reading = candidates[0] if found is None else found.reading
            if reading not in candidates:
                reading = next((c for c in candidates if same_reading(c, reading)), candidates[0])
            syllables.append(reading)
        return tuple(syllables)


def _cuts(pieces: Iterable[_Piece], starts: Sequence[int]) -> Iterator[int]:
    """Yield where each piece starts and ends in the paragraph's text."""
    for piece in pieces:
        at = starts[piece.token] + piece.start
        yield at
        yield at + len(piece.word)


@attrs.frozen
class _Piece:
    """One word of a paragraph: in text token ``token`` at ``start``, or an annotation.

    ``opens``/``closes`` say whether it touches the start/end of its token, so that two
    pieces of neighbouring tokens can be told apart from pieces split by other text.
    """

    token: int
    start: int
    word: str
    annotated: bool
    opens: bool
    closes: bool

    def touches(self, other: _Piece) -> bool:
        """Return whether ``other`` follows this piece with nothing between them."""
        if other.token == self.token:
            return other.start == self.start + len(self.word)
        return other.token == self.token + 1 and self.closes and other.opens


#: The longest run of single characters taken as one unknown word.
MAX_JOINED = 3


def _join_singles(pieces: list[_Piece]) -> list[_Piece]:
    """Join a run of two or three single characters of one text into one word.

    The dictionaries miss many words (修缮, 民居), which then fall apart into single
    characters; for a learner, such a run is one unknown word, not two. A longer run is
    more likely several words and stays apart, and so is a run with an annotation in it
    (which keeps annotating twice from changing anything).
    """
    joined: list[_Piece] = []
    run: list[_Piece] = []

    def flush() -> None:
        fits = 2 <= len(run) <= MAX_JOINED and all(p.token == run[0].token for p in run)
        if fits and not any(p.annotated for p in run):
            word = "".join(p.word for p in run)
            joined.append(attrs.evolve(run[0], word=word, closes=run[-1].closes))
            return
        joined.extend(run)

    for piece in pieces:
        if len(piece.word) == 1 and (not run or run[-1].touches(piece)):
            run.append(piece)
            continue
        flush()
        run = [piece] if len(piece.word) == 1 else []
        if len(piece.word) != 1:
            joined.append(piece)
    flush()
    return joined


def _split(token: Text, chosen: list[tuple[int, str, tuple[str, ...]]]) -> Iterator[Token]:
    """Split a text token around the chosen words, which become annotations."""
    origin = token.span.start if token.span is not None else None
    done = 0
    for start, word, syllables in chosen:
        if start > done:
            yield _text(token.text[done:start], origin, done)
        span = None if origin is None else Span(origin + start, origin + start + len(word))
        yield Annotation(word, syllables, span=span)
        done = start + len(word)
    if done < len(token.text):
        yield _text(token.text[done:], origin, done)


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

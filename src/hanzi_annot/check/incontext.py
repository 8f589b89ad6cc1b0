"""The context rule (HA210): a reading the character has, but not in this sentence.

The in-word check sees only the annotated hanzi, so ``递交了(liǎo)结案报告`` or
``他了(le)解情况`` pass it. This rule asks the :class:`~hanzi_annot.check.context.ContextPredictor`
about the surrounding paragraph, and only where the reading is in question and no other
check judges it: an annotation of one character (or X儿) that has readings differing by
more than a neutral tone, other than 一 and 不 (whose tones follow sandhi). A word of two
characters or more is judged by the in-word check from its own characters. Only the
dictionary words that the sentence's word boundaries keep whole count (为人 is no word
of 为|人民); when one of them reads the character as written, or the model's corpus read
it so next to the same neighbours at least as often as otherwise, nothing is reported.
When nothing in the context decides, only a reading rarely seen for the character is.

>>> from hanzi_annot import Annotation
>>> from hanzi_annot.check.context import ContextPredictor
>>> found = misread_in_context(Annotation("了", ("le",)), "他了解情况", 1, ContextPredictor())
>>> [f.message for f in found]
['了 reads liǎo in 了解, not le']
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Iterator

import attrs

from hanzi_annot.check.context import Basis, ContextPredictor, Prediction
from hanzi_annot.check.inword import TONE_SANDHI_CHARS, can_judge, same_reading
from hanzi_annot.model import Annotation, Paragraph
from hanzi_annot.pinyin.syllables import is_erhua, mark_tone, split_tone

#: The least confidence a prediction from the context needs before it contradicts an
#: annotation. Chosen by cross-validation on the tuning part of CPP so that right
#: readings are rarely flagged (docs/context.md).
MIN_CONFIDENCE = 0.75

#: When nothing in the context decides, the usual reading speaks against a reading only
#: if the model's corpus has seen the character at least :data:`MIN_SIGHTINGS` times and
#: gave it that reading in under :data:`MAX_USUAL_SHARE` of them: the usual reading
#: alone can tell that a reading is rare, not that a common one is wrong here. Chosen by
#: cross-validation on the tuning part of CPP.
MIN_SIGHTINGS = 2
MAX_USUAL_SHARE = 0.08

#: Evidence the predictor ranks above the context model (the model has no say there).
_ABOVE_MODEL = frozenset({Basis.RULE, Basis.WORD_LIST})


@attrs.frozen
class MisreadInContext:
    """An annotated syllable the context reads otherwise.

    ``position`` is the syllable's place in the annotation, ``start``/``end`` its
    characters' offsets in the hanzi; ``said`` the written reading (lowercase, without
    an erhua r).
    """

    position: int
    start: int
    end: int
    said: str
    prediction: Prediction

    @property
    def expected(self) -> str:
        """The reading the context calls for."""
        return self.prediction.reading

    @property
    def message(self) -> str:
        """What is wrong and the evidence: ``了 reads liǎo in 了解, not le``."""
        return f"{self.prediction.explain()}, not {self.said}"


def _said(unit: str, syllable: str) -> str:
    """Return the syllable of the unit's first character: lowercase, erhua r removed."""
    low = syllable.lower()
    if len(unit) == 2:
        base, tone = split_tone(low)
        if is_erhua(base):
            return mark_tone(base[:-1], tone)
    return low


def misread_in_context(
    annotation: Annotation,
    text: str,
    at: int,
    predictor: ContextPredictor,
    skip: Collection[int] = (),
) -> Iterator[MisreadInContext]:
    """Yield each syllable of ``annotation`` that its context reads otherwise.

    ``text`` is the paragraph's plain text with the annotation's hanzi at offset ``at``;
    ``skip`` holds hanzi offsets another check has already reported.
    """
    readings = predictor.readings
    if can_judge(annotation.hanzi, readings):
        return  # a word of two characters or more: the in-word check (HA203) judges it
    if not all(predictor.knows_context(char) for char in annotation.hanzi):
        return  # traditional forms: the data cannot judge them (as for HA203)
    index = 0
    for position, (unit, syllable) in enumerate(
        zip(annotation.units, annotation.syllables, strict=True)
    ):
        start, index = index, index + len(unit)
        char = unit[0]
        if start in skip or char in TONE_SANDHI_CHARS or not predictor.in_doubt(char):
            continue
        said = _said(unit, syllable)
        known = predictor.candidates(char)
        if not any(same_reading(said, reading) for reading in known):
            continue  # not a reading of the character at all: HA201/HA202 say so
        cuts = predictor.cuts(text, at + start)
        prediction = predictor.predict(text, at + start, cuts)
        if prediction is None or same_reading(prediction.reading, said):
            continue
        if not _sure(prediction, said, predictor):
            continue
        left_open = _plausible(predictor, prediction, text, at + start, cuts)
        if any(same_reading(reading, said) for reading in left_open):
            continue  # a word or the same neighbours read it so: ambiguous, not wrong
        yield MisreadInContext(position, start, index, said, prediction)


def _sure(prediction: Prediction, said: str, predictor: ContextPredictor) -> bool:
    """Whether the prediction is strong enough evidence against the reading ``said``.

    Context evidence needs :data:`MIN_CONFIDENCE`; the usual reading alone speaks only
    against a reading rarely seen for the character (:data:`MAX_USUAL_SHARE`).
    """
    if prediction.basis is not Basis.USUAL:
        return prediction.confidence >= MIN_CONFIDENCE
    seen = predictor.sightings(prediction.char)
    total = sum(seen.values())
    said_so = sum(n for reading, n in seen.items() if same_reading(reading, said))
    return total >= MIN_SIGHTINGS and said_so < MAX_USUAL_SHARE * total


def _plausible(
    predictor: ContextPredictor,
    prediction: Prediction,
    text: str,
    index: int,
    cuts: Collection[int],
) -> tuple[str, ...]:
    """Return the readings the context leaves open, by the evidence the prediction weighed.

    Whole words always count; the model's neighbour counts only where the predictor let
    the model speak (a grammar rule or the caller's word list outranks it).
    """
    if prediction.basis in _ABOVE_MODEL:
        return predictor.word_readings(text, index, cuts)
    return predictor.plausible_readings(text, index, cuts)


def in_question(annotation: Annotation) -> bool:
    """Return whether the rule applies to ``annotation`` at all: one syllable, not 一 or 不.

    A cheap test on the annotation alone, so validation skips everything else at once.
    """
    return len(annotation.syllables) == 1 and annotation.hanzi[0] not in TONE_SANDHI_CHARS


class ParagraphText:
    """A paragraph's plain text and where each annotation starts in it, made when asked."""

    def __init__(self, paragraph: Paragraph) -> None:
        self.paragraph = paragraph

    @functools.cached_property
    def text(self) -> str:
        """The paragraph's text, annotations replaced by their hanzi."""
        return self.paragraph.text

    @functools.cached_property
    def offsets(self) -> tuple[int, ...]:
        """Where each annotation's hanzi start in :attr:`text`, in order."""
        return tuple(text_offsets(self.paragraph))


def text_offsets(paragraph: Paragraph) -> Iterator[int]:
    """Yield where each annotation's hanzi start in ``paragraph.text``, in order."""
    offset = 0
    for token in paragraph.tokens:
        if isinstance(token, Annotation):
            yield offset
        offset += len(token.text)

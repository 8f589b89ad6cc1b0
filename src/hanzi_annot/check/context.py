"""Readings in context: which reading a character most likely has at one place in a text.

A decision list (one piece of evidence decides: the one whose counts are most one-sided)
over three sources, strongest kind first when they tie:

1. the words of the phrase dictionary that cover the character in the text (了 in
   为了解决 is covered by 为了 and by 了解); the caller's own phrases overrule the rest;
2. the context model: how the character was read next to the same neighbours in a
   tagged corpus (:mod:`hanzi_annot.check.context_model`);
3. dictionary words sharing the character and one neighbour, then the character's usual
   reading.

``docs/context.md`` explains the choice and gives the measured accuracy.

>>> predictor = ContextPredictor()
>>> predictor.predict("他了解情况", 1).explain()
'了 reads liǎo in 了解'
>>> predictor.predict("他们来了", 3).reading
'le'
"""

from __future__ import annotations

import enum
import math
from collections.abc import Mapping

import attrs

from hanzi_annot.check.context_model import PRIOR, ContextModel, default_model, features
from hanzi_annot.check.inword import same_reading
from hanzi_annot.pinyin.readings import Readings, default_readings

#: The longest dictionary word looked for around a character.
MAX_WORD = 6

#: Additive smoothing of every piece of evidence: one-sided counts of 1 are weaker than
#: one-sided counts of 10.
SMOOTHING = 0.5

#: A dictionary word counts as this many sightings per character it has.
WORD_WEIGHT = 1.0

#: The least share of a character's known readings that makes a second reading common.
COMMON_SHARE = 0.03

#: Predictions remembered per predictor before the memory starts afresh.
CACHE_SIZE = 100_000


class Basis(enum.Enum):
    """What a prediction rests on."""

    PHRASE = "phrase dictionary"
    WORD_LIST = "word list"
    MODEL = "context model"
    PAIR = "words sharing two characters"
    USUAL = "usual reading"


@attrs.frozen
class Prediction:
    """The most likely reading of one character in its text, how sure, and why.

    ``confidence`` is the smoothed share of the deciding evidence that reads the
    character so (0 to 1); ``evidence`` is the word or context that decided.
    """

    char: str
    reading: str
    confidence: float
    basis: Basis
    evidence: str

    def explain(self) -> str:
        """Say in a few words why: ``了 reads liǎo in 了解``."""
        if self.basis in (Basis.PHRASE, Basis.WORD_LIST):
            return f"{self.char} reads {self.reading} in {self.evidence}"
        if self.basis is Basis.USUAL:
            return f"{self.char} usually reads {self.reading}"
        return f"{self.char} reads {self.reading} in {self.evidence} ({self.basis.value})"


@attrs.frozen
class _Vote:
    """One piece of evidence: its counts, its kind and what to show as its evidence."""

    counts: Mapping[str, float]
    basis: Basis
    evidence: str

    def strength(self) -> tuple[float, str]:
        """Return the log-odds of the favoured reading against the rest, and that reading."""
        reading = max(self.counts, key=lambda r: (self.counts[r], r))
        favoured = self.counts[reading]
        rest = sum(self.counts.values()) - favoured
        return math.log((favoured + SMOOTHING) / (rest + SMOOTHING)), reading

    def confidence(self, reading: str) -> float:
        total = sum(self.counts.values())
        return (self.counts[reading] + SMOOTHING) / (total + 2 * SMOOTHING)


#: Ties between equally strong votes go to the stronger kind of evidence.
_RANK = {Basis.WORD_LIST: 4, Basis.PHRASE: 3, Basis.MODEL: 2, Basis.PAIR: 1, Basis.USUAL: 0}


class ContextPredictor:
    """Predicts readings in context from per-instance readings and a context model.

    ``readings`` supplies the characters' readings and the phrase dictionary (with the
    caller's additions, which count as a word list); ``model`` defaults to the one
    shipped in the package. Results are remembered per context inside the instance.
    """

    def __init__(self, readings: Readings | None = None, model: ContextModel | None = None) -> None:
        self.readings = readings or default_readings()
        self.model = model if model is not None else default_model()
        self._cache: dict[tuple[str, int], Prediction | None] = {}
        self._common_cache: dict[str, bool] = {}

    def candidates(self, char: str) -> tuple[str, ...]:
        """Return the readings ``char`` can have, most common first."""
        return self.readings.char_readings(char)

    def in_doubt(self, char: str) -> bool:
        """Return whether ``char`` has two readings that are more than a neutral-tone variant.

        >>> ContextPredictor().in_doubt("行"), ContextPredictor().in_doubt("国")
        (True, False)
        """
        readings = self.candidates(char)
        return any(not same_reading(readings[0], other) for other in readings[1:])

    def often_in_doubt(self, char: str) -> bool:
        """Return whether ``char`` is read two ways in practice, not only in the dictionary.

        Known words and the model's corpus together must use at least two readings
        (neutral-tone variants counted as one), each in :data:`COMMON_SHARE` of the
        cases: 行 and 长 are, 也 (yě, rarely yí) is not. A character neither knows is
        judged by its dictionary readings alone.

        >>> ContextPredictor().often_in_doubt("长"), ContextPredictor().often_in_doubt("也")
        (True, False)
        """
        found = self._common_cache.get(char)
        if found is None:
            counts = self.readings.reading_counts(char)
            counts.update(self.model.lookup(char, PRIOR))
            total = sum(counts.values())
            groups: list[tuple[str, int]] = []
            for reading, n in counts.most_common():
                for index, (first, seen) in enumerate(groups):
                    if same_reading(first, reading):
                        groups[index] = (first, seen + n)
                        break
                else:
                    groups.append((reading, n))
            common = [n for _reading, n in groups if n >= 2 and n >= COMMON_SHARE * total]
            found = self.in_doubt(char) and (len(common) >= 2 or not total)
            self._common_cache[char] = found
        return found

    def knows_context(self, char: str) -> bool:
        """Return whether any word or the model tells how ``char`` reads in context.

        Traditional forms (銀, 樂) are in neither, so their text is not judged.
        """
        return self.readings.in_phrase_data(char) or bool(self.model.lookup(char, PRIOR))

    def predict(self, text: str, index: int) -> Prediction | None:
        """Return the most likely reading of ``text[index]`` there; ``None`` if unknown."""
        start = max(0, index - MAX_WORD + 1)
        window = text[start : index + MAX_WORD]
        key = (window, index - start)
        if key in self._cache:
            return self._cache[key]
        if len(self._cache) >= CACHE_SIZE:
            self._cache.clear()
        found = self._predict(window, index - start)
        self._cache[key] = found
        return found

    def word_readings(self, text: str, index: int) -> tuple[str, ...]:
        """Return how the known words covering ``text[index]`` there read it, in order.

        >>> ContextPredictor().word_readings("为了解决", 1)
        ('le', 'liǎo')
        """
        found: dict[str, None] = {}
        for vote in self._word_votes(text, index):
            found.update(dict.fromkeys(vote.counts))
        return tuple(found)

    def predict_text(self, text: str) -> tuple[Prediction | None, ...]:
        """Return a prediction for every character of ``text`` (``None`` where unknown)."""
        return tuple(self.predict(text, index) for index in range(len(text)))

    def _predict(self, text: str, index: int) -> Prediction | None:
        char = text[index]
        readings = self.candidates(char)
        if not readings:
            return None
        if not self.in_doubt(char):
            return Prediction(char, readings[0], 1.0, Basis.USUAL, char)
        votes = self._word_votes(text, index)
        own = [vote for vote in votes if vote.basis is Basis.WORD_LIST]
        votes = own or [*votes, *self._model_votes(text, index)]  # the caller's words decide
        best: tuple[float, int, str, _Vote] | None = None
        for vote in votes:
            strength, reading = vote.strength()
            ranked = (strength, _RANK[vote.basis], reading, vote)
            if best is None or ranked[:2] > best[:2]:
                best = ranked
        if best is None:
            vote = self._usual_vote(text, index, readings)
            reading = vote.strength()[1]
        else:
            _strength, _rank, reading, vote = best
        return Prediction(char, reading, vote.confidence(reading), vote.basis, vote.evidence)

    def _word_votes(self, text: str, index: int) -> list[_Vote]:
        """One vote per known word of two characters or more covering ``text[index]``."""
        votes = []
        for start in range(max(0, index - MAX_WORD + 1), index + 1):
            for end in range(max(index + 1, start + 2), min(len(text), start + MAX_WORD) + 1):
                word = text[start:end]
                syllables = self.readings.phrase_reading(word)
                if syllables is None:
                    continue
                basis = Basis.WORD_LIST if self.readings.is_own_phrase(word) else Basis.PHRASE
                weight = WORD_WEIGHT * len(word)
                votes.append(_Vote({syllables[index - start]: weight}, basis, word))
        return votes

    def _model_votes(self, text: str, index: int) -> list[_Vote]:
        """One vote per context feature the model has counts for."""
        char = text[index]
        votes = []
        for feature in features(text, index):
            counts = self.model.lookup(char, feature)
            if counts:
                votes.append(_Vote(counts, Basis.MODEL, _show(text, index, feature)))
        return votes

    def _usual_vote(self, text: str, index: int, readings: tuple[str, ...]) -> _Vote:
        """Evidence when nothing in the context decides: neighbours in words, else counts."""
        char = text[index]
        pairs: dict[str, float] = {}
        if index > 0:
            pairs.update(self.readings.pair_counts(text[index - 1 : index + 1], 1))
        if index + 1 < len(text):
            for reading, n in self.readings.pair_counts(text[index : index + 2], 0).items():
                pairs[reading] = pairs.get(reading, 0) + n
        if pairs:
            return _Vote(pairs, Basis.PAIR, text[max(0, index - 1) : index + 2])
        prior = self.model.lookup(char, PRIOR)
        if prior:
            return _Vote(prior, Basis.USUAL, char)
        return _Vote({readings[0]: 1}, Basis.USUAL, char)


def _show(text: str, index: int, feature: str) -> str:
    """Return the characters a model feature looked at, the predicted one among them."""
    kind = feature[:2]
    if kind == "LL":
        return text[index - 2 : index + 1]
    if kind == "RR":
        return text[index : index + 3]
    if kind == "LR":
        return text[index - 1 : index + 2]
    if feature.startswith("L"):
        return text[index - 1 : index + 1]
    return text[index : index + 2]

"""Readings in context: which reading a character most likely has at one place in a text.

A decision list (one piece of evidence decides: the one whose counts are most one-sided)
over these sources, strongest kind first when they tie:

1. the words of the phrase dictionary that cover the character in the text and that
   the sentence's word boundaries keep whole (了 in 为了解决 is le: 为了|解决, so 了解
   does not count); the caller's own phrases overrule the rest;
2. where no such word covers it, a syntactic rule for frequent polyphones
   (:mod:`hanzi_annot.check.context_rules`: 很长 is cháng, 还你 is huán);
3. the context model: how the character was read next to the same neighbours in a
   tagged corpus (:mod:`hanzi_annot.check.context_model`);
4. dictionary words sharing the character and one neighbour, then the character's usual
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
from collections.abc import Collection, Iterator, Mapping
from collections.abc import Set as AbstractSet

import attrs

from hanzi_annot.check.context_model import PRIOR, ContextModel, default_model, features
from hanzi_annot.check.context_rules import RuleSet, default_rules
from hanzi_annot.check.hsk import BAND, hsk_levels
from hanzi_annot.check.inword import same_reading
from hanzi_annot.check.words import segment
from hanzi_annot.pinyin.readings import Readings, default_readings

#: The longest dictionary word looked for around a character.
MAX_WORD = 6

#: Additive smoothing of every piece of evidence: one-sided counts of 1 are weaker than
#: one-sided counts of 10.
SMOOTHING = 0.5

#: A dictionary word counts as this many sightings per character it has.
WORD_WEIGHT = 1.0

#: How sure a syntactic rule is (tuned on the tuning part of CPP).
RULE_CONFIDENCE = 0.9

#: How far on each side of a character the text is segmented into words.
SEGMENT_REACH = 12

#: The least share of a character's known readings that makes a second reading common.
COMMON_SHARE = 0.03

#: Predictions remembered per predictor before the memory starts afresh.
CACHE_SIZE = 100_000


class Basis(enum.Enum):
    """What a prediction rests on."""

    PHRASE = "phrase dictionary"
    WORD_LIST = "word list"
    RULE = "grammar rule"
    MODEL = "context model"
    PAIR = "words sharing two characters"
    USUAL = "usual reading"


@attrs.frozen
class Prediction:
    """The most likely reading of one character in its text, how sure, and why.

    ``confidence`` is the smoothed share of the deciding evidence that reads the
    character so (0 to 1); ``evidence`` is the word or context that decided; ``note``
    names a rule's construction.
    """

    char: str
    reading: str
    confidence: float
    basis: Basis
    evidence: str
    note: str = ""

    def explain(self) -> str:
        """Say in a few words why: ``了 reads liǎo in 了解``."""
        if self.basis in (Basis.PHRASE, Basis.WORD_LIST):
            return f"{self.char} reads {self.reading} in {self.evidence}"
        if self.basis is Basis.RULE:
            return f"{self.char} reads {self.reading} in {self.evidence} ({self.note})"
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
_RANK = {
    Basis.WORD_LIST: 5,
    Basis.PHRASE: 4,
    Basis.RULE: 3,
    Basis.MODEL: 2,
    Basis.PAIR: 1,
    Basis.USUAL: 0,
}


class ContextPredictor:
    """Predicts readings in context from per-instance readings and a context model.

    ``readings`` supplies the characters' readings and the phrase dictionary (with the
    caller's additions, which count as a word list); ``model`` and ``rules`` default to
    the ones shipped in the package. Word boundaries come from the phrase dictionary and
    the HSK word list unless the caller passes its own. Results are remembered per
    context inside the instance.
    """

    def __init__(
        self,
        readings: Readings | None = None,
        model: ContextModel | None = None,
        rules: RuleSet | None = None,
    ) -> None:
        self.readings = readings or default_readings()
        self.model = model if model is not None else default_model()
        self.rules = rules if rules is not None else default_rules()
        self._levels = hsk_levels()
        self._cache: dict[tuple[str, int, tuple[int, ...]], Prediction | None] = {}
        self._common_cache: dict[str, bool] = {}
        self._cuts_cache: dict[str, tuple[int, ...]] = {}

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

    def is_word(self, word: str) -> bool:
        """Return whether the phrase dictionary or the HSK word list knows ``word``."""
        return word in self._levels or self.readings.phrase_reading(word) is not None

    def _everyday(self, word: str) -> bool:
        """Whether ``word`` is on the HSK 1-6 list (the band 7-9 is not everyday)."""
        return self._levels.get(word, BAND) < BAND

    def cuts(self, text: str, index: int) -> frozenset[int]:
        """Return the word boundaries around ``text[index]`` (offsets into ``text``).

        The best segmentation (:func:`~hanzi_annot.check.words.segment`) of the
        :data:`SEGMENT_REACH` characters on each side: 递交|了|结案|报告.

        >>> sorted(ContextPredictor().cuts("递交了结案报告", 2))
        [0, 2, 3, 5, 7]
        """
        start = max(0, index - SEGMENT_REACH)
        run = text[start : index + SEGMENT_REACH + 1]
        inner = self._cuts_cache.get(run)
        if inner is None:
            if len(self._cuts_cache) >= CACHE_SIZE:
                self._cuts_cache.clear()
            at, ends = 0, [0]
            for word in segment(run, self.is_word, self._everyday):
                at += len(word)
                ends.append(at)
            inner = self._cuts_cache[run] = tuple(ends)
        return frozenset(start + cut for cut in inner)

    def predict(
        self, text: str, index: int, cuts: Collection[int] | None = None
    ) -> Prediction | None:
        """Return the most likely reading of ``text[index]`` there; ``None`` if unknown.

        ``cuts`` are the word boundaries of ``text`` (offsets, as from a segmenter);
        by default :meth:`cuts` finds them.
        """
        if not self.in_doubt(text[index]):
            return self._predict(text[index], 0, frozenset())
        bounds = _as_set(self.cuts(text, index) if cuts is None else cuts)
        start = max(0, index - MAX_WORD + 1)
        window = text[start : index + MAX_WORD]
        # The boundaries inside the window, looked up one offset at a time: a paragraph's
        # boundaries can number thousands, and this runs once per character.
        inner = tuple(at for at in range(len(window) + 1) if start + at in bounds)
        key = (window, index - start, inner)
        if key in self._cache:
            return self._cache[key]
        if len(self._cache) >= CACHE_SIZE:
            self._cache.clear()
        found = self._predict(window, index - start, frozenset(inner))
        self._cache[key] = found
        return found

    def word_readings(
        self, text: str, index: int, cuts: Collection[int] | None = None
    ) -> tuple[str, ...]:
        """Return how the known words covering ``text[index]`` there read it, in order.

        Only the words the word boundaries keep whole count (``cuts`` as for
        :meth:`predict`): 了 in 为了解决 is in 为了 (为了|解决), not in 了解.

        >>> ContextPredictor().word_readings("为了解决", 1)
        ('le',)
        """
        found: dict[str, None] = {}
        bounds = _as_set(self.cuts(text, index) if cuts is None else cuts)
        for vote in self._word_votes(text, index, bounds):
            found.update(dict.fromkeys(vote.counts))
        return tuple(found)

    def plausible_readings(
        self, text: str, index: int, cuts: Collection[int] | None = None
    ) -> tuple[str, ...]:
        """Return the readings some evidence around ``text[index]`` gives it, in order.

        These are the readings of :meth:`word_readings`, then each reading that one of
        the model's context features has seen at least as often as all others together:
        where the same neighbours were read so, the context cannot rule that reading out.
        A feature whose neighbour forms a dictionary word with the character across a
        word boundary does not count (解 in 为了|解决 was counted from 了解).

        No word covers 长 in 这条路很长。, but before a full stop the corpus read it zhǎng
        (as in 县长。), so the neighbours leave zhǎng open:

        >>> ContextPredictor().plausible_readings("这条路很长。", 4)
        ('zhǎng',)
        """
        bounds = _as_set(self.cuts(text, index) if cuts is None else cuts)
        found = dict.fromkeys(self.word_readings(text, index, bounds))
        for _feature, counts in self._model_counts(text, index, bounds):
            total = sum(counts.values())
            found.update((r, None) for r, n in sorted(counts.items()) if n >= total - n)
        return tuple(found)

    def sightings(self, char: str) -> Mapping[str, int]:
        """Return how often the model's corpus read ``char`` each way (empty if never seen).

        >>> dict(ContextPredictor().sightings("了"))
        {'le': 12, 'liǎo': 1}
        """
        return self.model.lookup(char, PRIOR)

    def predict_text(self, text: str) -> tuple[Prediction | None, ...]:
        """Return a prediction for every character of ``text`` (``None`` where unknown)."""
        return tuple(self.predict(text, index) for index in range(len(text)))

    def _predict(self, text: str, index: int, cuts: frozenset[int]) -> Prediction | None:
        char = text[index]
        readings = self.candidates(char)
        if not readings:
            return None
        if not self.in_doubt(char):
            return Prediction(char, readings[0], 1.0, Basis.USUAL, char)
        votes = self._word_votes(text, index, cuts)
        own = [vote for vote in votes if vote.basis is Basis.WORD_LIST]
        if not votes:
            rule = self.rules.match(text, index)
            if rule is not None and rule[0].reading in readings:
                found, seen = rule
                return Prediction(char, found.reading, RULE_CONFIDENCE, Basis.RULE, seen, found.why)
        votes = own or [*votes, *self._model_votes(text, index)]  # the caller's words decide
        best: tuple[float, int, str, _Vote] | None = None
        for vote in votes:
            strength, reading = vote.strength()
            ranked = (strength, _RANK[vote.basis], reading, vote)
            if best is None or ranked[:2] > best[:2]:
                best = ranked
        if best is None:
            vote = self._usual_vote(text, index, readings, cuts)
            reading = vote.strength()[1]
        else:
            _strength, _rank, reading, vote = best
        return Prediction(char, reading, vote.confidence(reading), vote.basis, vote.evidence)

    def _word_votes(self, text: str, index: int, cuts: Collection[int]) -> list[_Vote]:
        """One vote per known word of two characters or more covering ``text[index]``.

        A word that crosses one of ``cuts`` (为人 in 为|人民) is a coincidence of
        characters, not a word of the sentence: it has no vote.
        """
        votes = []
        for start in range(max(0, index - MAX_WORD + 1), index + 1):
            for end in range(max(index + 1, start + 2), min(len(text), start + MAX_WORD) + 1):
                word = text[start:end]
                syllables = self.readings.phrase_reading(word)
                if syllables is None:
                    continue
                basis = Basis.WORD_LIST if self.readings.is_own_phrase(word) else Basis.PHRASE
                if not _whole(start, end, cuts):
                    continue
                weight = WORD_WEIGHT * len(word)
                votes.append(_Vote({syllables[index - start]: weight}, basis, word))
        return votes

    def _model_votes(self, text: str, index: int) -> list[_Vote]:
        """One vote per context feature the model has counts for.

        Features across a word boundary vote too: where the segmentation errs, their
        counts still tell (cross-validation on CPP loses predictions without them).
        """
        char = text[index]
        votes = []
        for feature in features(text, index):
            counts = self.model.lookup(char, feature)
            if counts:
                votes.append(_Vote(counts, Basis.MODEL, _show(text, index, feature)))
        return votes

    def _model_counts(
        self, text: str, index: int, cuts: Collection[int]
    ) -> Iterator[tuple[str, Mapping[str, int]]]:
        """Yield the context features of ``text[index]`` the model has counts for, with them.

        A feature whose neighbour forms a dictionary word with the character across one
        of ``cuts`` is left out: 解 in 为了|解决 was counted from 了解, and says nothing
        about this sentence's 了.
        """
        left = index > 0 and self._crossing(text, index - 1, cuts)
        right = self._crossing(text, index, cuts)
        for feature in features(text, index):
            kind = _kind(feature)
            if (left and kind[0] == "L") or (right and kind[-1] == "R"):
                continue
            counts = self.model.lookup(text[index], feature)
            if counts:
                yield feature, counts

    def _usual_vote(
        self, text: str, index: int, readings: tuple[str, ...], cuts: Collection[int]
    ) -> _Vote:
        """Evidence when nothing in the context decides: neighbours in words, else counts.

        A pair that is itself a word crossing one of ``cuts`` (了结 in 递交|了|结案) is
        left out, as its word is.
        """
        char = text[index]
        pairs: dict[str, float] = {}
        if index > 0 and not self._crossing(text, index - 1, cuts):
            pairs.update(self.readings.pair_counts(text[index - 1 : index + 1], 1))
        if index + 1 < len(text) and not self._crossing(text, index, cuts):
            for reading, n in self.readings.pair_counts(text[index : index + 2], 0).items():
                pairs[reading] = pairs.get(reading, 0) + n
        if pairs:
            return _Vote(pairs, Basis.PAIR, text[max(0, index - 1) : index + 2])
        prior = self.model.lookup(char, PRIOR)
        if prior:
            return _Vote(prior, Basis.USUAL, char)
        return _Vote({readings[0]: 1}, Basis.USUAL, char)

    def _crossing(self, text: str, start: int, cuts: Collection[int]) -> bool:
        """Whether ``text[start:start + 2]`` is a dictionary word split by a word boundary."""
        pair = text[start : start + 2]
        return start + 1 in cuts and self.readings.phrase_reading(pair) is not None


def _whole(start: int, end: int, cuts: Collection[int]) -> bool:
    """Whether the word boundaries ``cuts`` keep ``text[start:end]`` whole.

    Each offset of the word is looked up, rather than every boundary of the paragraph
    compared, so the cost is the word's length, not the paragraph's.
    """
    return start in cuts and end in cuts and not any(at in cuts for at in range(start + 1, end))


def _as_set(cuts: Collection[int]) -> AbstractSet[int]:
    """Return ``cuts`` as a set (itself if it is one): each lookup then costs the same."""
    return cuts if isinstance(cuts, AbstractSet) else frozenset(cuts)


def _kind(feature: str) -> str:
    """Return the kind of a model feature (``L``, ``R``, ``LL``, ``RR`` or ``LR``).

    A feature is its kind followed by as many characters as the kind has letters.
    """
    return feature[: len(feature) // 2]


def _show(text: str, index: int, feature: str) -> str:
    """Return the characters a model feature looked at, the predicted one among them."""
    kind = _kind(feature)
    if kind == "LL":
        return text[index - 2 : index + 1]
    if kind == "RR":
        return text[index : index + 3]
    if kind == "LR":
        return text[index - 1 : index + 2]
    if feature.startswith("L"):
        return text[index - 1 : index + 1]
    return text[index : index + 2]

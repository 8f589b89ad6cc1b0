"""In-word judgement: whether a reading the character has is also right in this word.

The phrase dictionary answers for the words it contains. Most words of a real text are
not in it, so for the rest the evidence falls back, in order, to words that share two
adjacent characters with this one (行 in 银行 is háng in 银行卡, 商业银行) and then to how
often the dictionary reads the character each way. Each fallback warns only when the
written reading is rare in its evidence; ``docs/validation.md`` gives the measured
detection and false-warning rates.
"""

from __future__ import annotations

import enum
from collections import Counter

import attrs

from hanzi_annot.pinyin.readings import Readings
from hanzi_annot.pinyin.syllables import split_tone

#: Characters whose tone changes before other syllables (一 yī/yí/yì, 不 bù/bú). Both the
#: citation tone and the changed tone are accepted, never a third tone (bǔ, yǐ); the
#: in-word check skips them.
TONE_SANDHI_CHARS = frozenset("一不")


def sandhi_variant(char: str, syllable: str) -> bool:
    """Return whether ``syllable`` is a tone ``char`` takes by sandhi (不 bú, 一 yí; not bǔ).

    >>> sandhi_variant("不", "bú"), sandhi_variant("不", "bǔ"), sandhi_variant("国", "guó")
    (True, False, False)
    """
    return char in TONE_SANDHI_CHARS and split_tone(syllable)[1] != 3


#: A reading found in fewer than this share of the words sharing an adjacent pair of
#: characters is taken as wrong for the word.
PAIR_SHARE = 0.2

#: A reading found in fewer than this share of all the dictionary words with the
#: character is taken as wrong, when at least :data:`CHAR_MIN_WORDS` words have it.
CHAR_SHARE = 0.1
CHAR_MIN_WORDS = 3

#: Pair evidence from fewer words than this is weak: a reading it rejects is still
#: accepted when at least :data:`COMMON_SHARE` of all the character's words use it.
PAIR_MIN_WORDS = 3
COMMON_SHARE = 0.3


class Basis(enum.Enum):
    """What an in-word judgement rests on, strongest first."""

    PHRASE = "phrase dictionary"
    PAIR = "words sharing two characters"
    CHAR = "how often the character is read each way"


@attrs.frozen
class Evidence:
    """How known words read the character at one position of an annotation.

    ``counts`` weighs each reading (for :attr:`Basis.PHRASE` every matching dictionary
    word counts once); ``words`` names the dictionary words for a phrase basis;
    ``char_counts`` backs weak pair evidence with the character's overall counts.
    """

    basis: Basis
    counts: Counter[str]
    words: tuple[str, ...] = ()
    char_counts: Counter[str] | None = None

    def share(self, syllable: str) -> float:
        """Return the share of the evidence that reads the character as ``syllable``."""
        return _share(self.counts, syllable)

    def fits(self, syllable: str) -> bool:
        """Return whether ``syllable`` is plausible in this word by this evidence."""
        if self.basis is Basis.PHRASE:
            return self.share(syllable) > 0
        if self.basis is Basis.CHAR:
            return self.share(syllable) >= CHAR_SHARE
        if self.char_counts is not None and _share(self.char_counts, syllable) >= COMMON_SHARE:
            return True
        return self.share(syllable) >= PAIR_SHARE

    def best(self) -> str:
        """Return the reading the evidence favours most."""
        return self.counts.most_common(1)[0][0]


def _share(counts: Counter[str], syllable: str) -> float:
    total = sum(counts.values())
    agreeing = sum(n for reading, n in counts.items() if same_reading(reading, syllable))
    return agreeing / total if total else 0.0


def same_reading(left: str, right: str) -> bool:
    """Equal lowercase syllables, or the same syllable where one has the neutral tone.

    Dictionaries disagree on neutral tones (石头 shítou or shítóu), and a neutral tone is
    never a different reading.

    >>> same_reading("tou", "tóu"), same_reading("xíng", "háng")
    (True, False)
    """
    if left == right:
        return True
    left_base, left_tone = split_tone(left)
    right_base, right_tone = split_tone(right)
    return left_base == right_base and 5 in (left_tone, right_tone)


def phrase_evidence(hanzi: str, index: int, readings: Readings) -> Evidence | None:
    """Collect how every dictionary word within ``hanzi`` covering ``index`` reads it."""
    counts: Counter[str] = Counter()
    words: list[str] = []
    for start in range(index + 1):
        for end in range(max(index + 1, start + 2), len(hanzi) + 1):
            word = hanzi[start:end]
            reading = readings.phrase_reading(word)
            if reading is not None:
                counts[reading[index - start]] += 1
                words.append(word)
    return Evidence(Basis.PHRASE, counts, tuple(words)) if words else None


def evidence_for(hanzi: str, index: int, readings: Readings) -> Evidence | None:
    """Return the strongest evidence for how ``hanzi[index]`` is read in ``hanzi``, if any."""
    found = phrase_evidence(hanzi, index, readings)
    if found is not None:
        return found
    pairs: Counter[str] = Counter()
    if index > 0:
        pairs += readings.pair_counts(hanzi[index - 1 : index + 1], 1)
    if index + 1 < len(hanzi):
        pairs += readings.pair_counts(hanzi[index : index + 2], 0)
    chars = readings.reading_counts(hanzi[index])
    if pairs:
        weak = sum(pairs.values()) < PAIR_MIN_WORDS
        return Evidence(Basis.PAIR, pairs, char_counts=chars if weak else None)
    if sum(chars.values()) >= CHAR_MIN_WORDS:
        return Evidence(Basis.CHAR, chars)
    return None


def can_judge(hanzi: str, readings: Readings) -> bool:
    """Return whether the phrase data can judge ``hanzi`` in context at all.

    It needs two characters or more, each used by some known word. Traditional forms
    (銀行, 音樂) are in no word of pypinyin's simplified phrase data, so such text gets
    the per-character checks only and never a context warning.
    """
    return len(hanzi) >= 2 and all(readings.in_phrase_data(char) for char in hanzi)


def rank_readings(candidates: tuple[str, ...], evidence: Evidence | None) -> tuple[str, ...]:
    """Order ``candidates`` most likely first: by the evidence, then as listed."""
    if evidence is None:
        return candidates
    order = {reading: position for position, reading in enumerate(candidates)}
    return tuple(sorted(candidates, key=lambda r: (-evidence.share(r), order[r])))

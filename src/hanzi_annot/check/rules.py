"""The per-character validation rules (HA201, HA202, HA203, HA208, HA209) as a table.

The evidence about one syllable of an annotation (its character's readings, the
dictionary words around it, tone sandhi, a neutral tone) is gathered once in a
:class:`UnitFacts`; each rule is one function over it, and the fix a finding carries
comes from the same facts (:meth:`UnitFacts.suggestion`). The validator runs the rules
in the order of :data:`UNIT_RULES`; the first that applies is the syllable's finding.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import attrs

from hanzi_annot.check.inword import (
    Evidence,
    evidence_for,
    phrase_evidence,
    rank_readings,
    sandhi_variant,
)
from hanzi_annot.diagnostics import Code
from hanzi_annot.model import Annotation
from hanzi_annot.pinyin.readings import Readings
from hanzi_annot.pinyin.syllables import apply_case, is_erhua, mark_tone, split_tone


@attrs.frozen
class Unit:
    """One syllable of an annotation with the character it reads."""

    index: int  # position of the unit's character in the hanzi
    char: str
    width: int  # 2 for an erhua unit (X儿)
    syllable: str  # lowercase, erhua r removed


def split_units(annotation: Annotation) -> Iterator[Unit]:
    """Yield each syllable of an annotation with its character (X儿 for erhua)."""
    index = 0
    for unit, syllable in zip(annotation.units, annotation.syllables, strict=True):
        low = syllable.lower()
        if len(unit) == 2:
            base, tone = split_tone(low)
            if is_erhua(base):
                low = mark_tone(base[:-1], tone)
        yield Unit(index, unit[0], len(unit), low)
        index += len(unit)


def _confirmed(phrase: Evidence | None, said: str, readings: tuple[str, ...]) -> bool:
    """Return whether a dictionary word within the annotation reads the unit as written.

    Phrase data and character data disagree on neutral tones both ways, so a phrase's
    neutral tone accepts a tone the character has (and the reverse), never another one.
    """
    if phrase is None:
        return False
    if said in phrase.counts:
        return True
    return phrase.fits(said) and (said in readings or split_tone(said)[1] == 5)


def with_erhua(syllable: str, template: str) -> str | None:
    """Give a corrected syllable the erhua r and the capitals of the written one.

    ``None`` when the written syllable is erhua but the correction takes no r (er, ê):
    such a unit gets no fix.
    """
    base, _tone = split_tone(template)
    if is_erhua(base):
        bare, tone = split_tone(syllable)
        if not is_erhua(bare + "r"):
            return None
        syllable = mark_tone(bare + "r", tone)
    return apply_case(template, syllable)


class UnitFacts:
    """The evidence about one unit, gathered once and shared by every rule and the fix.

    ``evidence`` (phrase words, else words sharing a pair of characters, else the
    character's counts) is looked up only when a rule needs it.
    """

    __slots__ = (
        "_evidence",
        "annotation",
        "base",
        "confirmed",
        "phrase",
        "readings",
        "said",
        "sandhi",
        "source",
        "tone",
        "toned",
        "unit",
    )

    def __init__(self, annotation: Annotation, unit: Unit, toned: bool, source: Readings) -> None:
        self.annotation = annotation
        self.unit = unit
        self.toned = toned
        self.source = source
        self.said = unit.syllable
        self.base, self.tone = split_tone(unit.syllable)
        self.readings = source.char_readings(unit.char)
        # 一 and 不 change tone before other syllables (yí, bú), never to a third tone.
        self.sandhi = sandhi_variant(unit.char, unit.syllable)
        self.phrase = phrase_evidence(annotation.hanzi, unit.index, source)
        self.confirmed = _confirmed(self.phrase, self.said, self.readings)
        self._evidence: Evidence | bool | None = False  # False: not looked up yet

    @property
    def evidence(self) -> Evidence | None:
        """The strongest evidence for how the unit is read in this word, if any."""
        if self._evidence is False:
            self._evidence = self.phrase or evidence_for(
                self.annotation.hanzi, self.unit.index, self.source
            )
        assert not isinstance(self._evidence, bool)
        return self._evidence

    @property
    def same_base(self) -> tuple[str, ...]:
        """The character's readings with the written syllable, in any tone."""
        return tuple(r for r in self.readings if split_tone(r)[0] == self.base)

    @property
    def neutral_allowed(self) -> bool:
        """A neutral tone after the first syllable is common speech, not an error."""
        return self.tone == 5 and self.unit.index > 0

    @property
    def place(self) -> tuple[int, int]:
        """The unit's character(s) as offsets into the hanzi."""
        return self.unit.index, self.unit.index + self.unit.width

    def suggestion(self) -> str | None:
        """Return the one syllable this unit should read, when it needs one and the data agree.

        A dictionary word decides; otherwise only a single candidate does (the one
        reading with the written syllable, or the character's only reading). Statistics
        never make a fix: they suggest, an editor decides.
        """
        if self.toned and self.sandhi and self.said in self.readings:
            return None
        phrase = self.phrase
        if phrase is not None and len(phrase.counts) == 1:
            return None if self.toned and self.confirmed else phrase.best()
        if self.toned and self.confirmed:
            return None
        same_base = self.same_base
        if not self.toned:
            return same_base[0] if len(same_base) == 1 else None
        if self.said in self.readings or self.sandhi:
            return None
        if same_base:
            return same_base[0] if len(same_base) == 1 and not self.neutral_allowed else None
        return self.readings[0] if len(self.readings) == 1 else None


#: What a unit rule returns: its code and message, or ``None`` when it does not apply.
_Verdict = tuple[Code, str] | None


def _unknown_character(facts: UnitFacts) -> _Verdict:
    """HA209: the dictionary has no reading for the character; nothing is checked."""
    if facts.readings:
        return None
    char = facts.unit.char
    return (
        Code.UNKNOWN_CHARACTER,
        f"{char} (U+{ord(char):04X}) is unknown to the dictionary; {facts.said} is not checked",
    )


def _not_a_reading(facts: UnitFacts) -> _Verdict:
    """HA201: the written syllable, in any tone, is no reading of the character."""
    if facts.base in facts.source.char_bases(facts.unit.char):
        return None
    likely = ", ".join(rank_readings(facts.readings, facts.evidence))
    return Code.NOT_A_READING, f"{facts.said} is no reading of {facts.unit.char}; it reads {likely}"


def _off_tone(facts: UnitFacts) -> bool:
    """Tell whether the syllable is right but in a tone the character never has (一, 不 change)."""
    return facts.toned and facts.said not in facts.readings and not facts.sandhi


def _neutral_tone(facts: UnitFacts) -> _Verdict:
    """HA208: a neutral tone after the first syllable that the dictionaries do not list."""
    if not (_off_tone(facts) and facts.neutral_allowed):
        return None
    listed = ", ".join(facts.same_base)
    return (
        Code.NEUTRAL_TONE,
        f"neutral-tone {facts.said} on {facts.unit.char}: the dictionaries list only {listed}",
    )


def _wrong_tone(facts: UnitFacts) -> _Verdict:
    """HA202: the right syllable with a tone the character never has."""
    if not _off_tone(facts) or facts.neutral_allowed:
        return None
    options = " or ".join(rank_readings(facts.same_base, facts.evidence))
    return Code.WRONG_TONE, f"{facts.unit.char} is never read {facts.said}; write {options}"


def _wrong_in_word(facts: UnitFacts) -> _Verdict:
    """HA203: a reading the character has, but one the evidence rejects in this word."""
    evidence = facts.evidence
    if evidence is None or evidence.fits(facts.said):
        return None
    if evidence.words:
        where = f"in {evidence.words[-1]}"
    else:
        where = f"in {facts.annotation.hanzi} by {evidence.basis.value}"
    return (
        Code.WRONG_IN_WORD,
        f"{facts.unit.char} is read {evidence.best()} {where}, not {facts.said}",
    )


@attrs.frozen
class _Rule:
    """One validation rule for a unit: its check, and whether its finding carries a fix."""

    check: Callable[[UnitFacts], _Verdict]
    fixable: bool
    in_context: bool = False  # runs only when the in-word check is on and can judge


#: The unit rules in order; the first that applies is the unit's finding. HA208 and
#: HA209 carry no fix: an editor judges them.
UNIT_RULES: tuple[_Rule, ...] = (
    _Rule(_unknown_character, fixable=False),
    _Rule(_not_a_reading, fixable=True),
    _Rule(_neutral_tone, fixable=False),
    _Rule(_wrong_tone, fixable=True),
    _Rule(_wrong_in_word, fixable=True, in_context=True),
)

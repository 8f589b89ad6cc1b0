"""Alignment: which hanzi a pinyin group annotates, and how its syllables pair with them.

A group annotates the last N hanzi before it, N its syllable count (an erhua syllable
covers X儿). Unspaced pinyin can be split several ways, so every split is scored
against the characters' readings and the best one chosen (:func:`choose_alignment`).
Pure functions over strings and :class:`~hanzi_annot.pinyin.readings.Readings`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

import attrs

from hanzi_annot.chardata import ERHUA_CHAR
from hanzi_annot.pinyin.readings import Readings
from hanzi_annot.pinyin.segmentation import syllable_lattice
from hanzi_annot.pinyin.syllables import is_erhua, split_tone


def split_units(hanzi: str, syllables: tuple[str, ...]) -> tuple[str, ...] | None:
    """Pair ``hanzi`` with ``syllables``: one character per syllable, X儿 per erhua syllable.

    Return the base of each syllable, or ``None`` when they cannot pair up exactly.

    >>> split_units("一点儿", ("yī", "diǎnr"))
    ('一', '点儿')
    >>> split_units("国家", ("guó",)) is None
    True
    """
    units: list[str] = []
    index = 0
    for syllable in syllables:
        if index >= len(hanzi):
            return None
        width = 1
        if is_erhua(split_tone(syllable)[0]):
            if index + 1 >= len(hanzi) or hanzi[index + 1] != ERHUA_CHAR:
                return None
            width = 2
        units.append(hanzi[index : index + width])
        index += width
    if index != len(hanzi):
        return None
    return tuple(units)


#: :func:`split_units` remembered for the model's ``units``, asked for again and again.
cached_units = functools.lru_cache(maxsize=1 << 15)(split_units)


@attrs.frozen
class Alignment:
    """One way to read a group: these syllables over the last ``len(hanzi)`` hanzi."""

    hanzi: str
    syllables: tuple[str, ...]
    unmatched: int
    inexact: int


def _score_unit(unit: str, syllable: str, readings: Readings) -> tuple[int, int]:
    """(1, 0) if ``syllable`` is no reading of ``unit``, (0, 1) if only the tone is off."""
    base, _tone = split_tone(syllable)
    char = unit[0]
    if len(unit) == 2:  # erhua: X儿 read as X's syllable plus r
        base = base[:-1]
    if base not in readings.char_bases(char):
        return 1, 0
    if syllable.lower() not in readings.char_readings(char):
        return 0, 1
    return 0, 0


def score_alignment(
    hanzi_units: tuple[str, ...], syllables: tuple[str, ...], readings: Readings
) -> tuple[int, int]:
    """Count syllables that are no reading of their unit, and those that miss the tone."""
    unmatched = inexact = 0
    for unit, syllable in zip(hanzi_units, syllables, strict=False):
        missed, off = _score_unit(unit, syllable, readings)
        unmatched += missed
        inexact += off
    return unmatched, inexact


def candidate_alignments(
    run: str, segmentations: Iterable[tuple[str, ...]], readings: Readings
) -> list[Alignment]:
    """Every segmentation that pairs with the end of the hanzi ``run``, scored."""
    found: list[Alignment] = []
    for syllables in segmentations:
        width = len(syllables) + sum(is_erhua(split_tone(s)[0]) for s in syllables)
        if width > len(run):
            continue
        hanzi = run[len(run) - width :]
        units = split_units(hanzi, syllables)
        if units is not None:
            unmatched, inexact = score_alignment(units, syllables, readings)
            found.append(Alignment(hanzi, syllables, unmatched, inexact))
            if unmatched == inexact == 0:
                # Segmentations come fewest syllables first, so nothing later can beat a
                # perfect match under choose_alignment's order: stop looking.
                break
    return found


def choose_alignment(candidates: list[Alignment]) -> Alignment | None:
    """Pick the best alignment, or ``None`` when there is no candidate.

    Preference, in order: fewest syllables that are no reading of their hanzi, then
    fewest with a tone the hanzi does not have, then the fewest syllables, then the
    first segmentation in :func:`~hanzi_annot.pinyin.segmentation.split_syllables` order.
    """
    if not candidates:
        return None
    return min(
        enumerate(candidates),
        key=lambda item: (item[1].unmatched, item[1].inexact, len(item[1].syllables), item[0]),
    )[1]


def best_alignment(
    run: str, content: str, first: tuple[str, ...], readings: Readings
) -> Alignment | None:
    """Choose how ``content`` annotates the end of ``run`` (see :func:`choose_alignment`).

    The first segmentation is tried alone: when it reads the hanzi perfectly nothing
    can beat it. Otherwise the syllable graph of ``content`` is searched right to left
    (:func:`_search`) rather than listing every segmentation, whose number grows
    exponentially with the length of the group.
    """
    quick = candidate_alignments(run, [first], readings)
    if quick and quick[0].unmatched == quick[0].inexact == 0:
        return quick[0]
    lattice = syllable_lattice(content)
    return None if lattice is None else _search(run, lattice, readings)


# (unmatched, inexact, syllables, rare syllables, negated written lengths, syllables):
# compared as a tuple, it is choose_alignment's order over split_syllables' order.
_Key = tuple[int, int, int, int, tuple[int, ...], tuple[str, ...]]


def _search(
    run: str, lattice: tuple[tuple[tuple[int, str, int], ...], ...], readings: Readings
) -> Alignment | None:
    """Find the alignment :func:`choose_alignment` would pick, by dynamic programming.

    A state is (position in the pinyin, hanzi used from the end of ``run``); each keeps
    the best way to read the rest of the pinyin over the last hanzi. The order is a
    sum of counts and then a left-to-right comparison, so the best suffix of a state is
    part of the best whole: the work is linear in the number of edges times hanzi.
    """
    size = len(lattice)
    best: list[dict[int, _Key]] = [{} for _ in range(size)] + [{0: (0, 0, 0, 0, (), ())}]
    for start in range(size - 1, -1, -1):
        states = best[start]
        for end, syllable, rare in lattice[start]:
            width = 2 if is_erhua(split_tone(syllable)[0]) else 1
            for used, rest in best[end].items():
                total = used + width
                if total > len(run):
                    continue
                unit = run[len(run) - total : len(run) - total + width]
                if width == 2 and unit[1] != ERHUA_CHAR:
                    continue
                missed, off = _score_unit(unit, syllable, readings)
                key = (
                    rest[0] + missed,
                    rest[1] + off,
                    rest[2] + 1,
                    rest[3] + rare,
                    (start - end, *rest[4]),
                    (syllable, *rest[5]),
                )
                current = states.get(total)
                if current is None or key < current:
                    states[total] = key
    if not best[0]:
        return None
    used, key = min(best[0].items(), key=lambda item: item[1])
    return Alignment(run[len(run) - used :], key[5], key[0], key[1])

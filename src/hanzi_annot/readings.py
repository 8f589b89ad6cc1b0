"""Every call into pypinyin lives here: per-character readings and phrase readings.

Two different questions, kept apart: *which readings can this character have at all*
(per-character data, used for alignment and for errors) and *how does the phrase
dictionary read this word* (context, used for in-word warnings). pypinyin's dictionaries
are loaded on first use, not at import, and are never modified: user additions live in
a :class:`Readings` instance.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping, Sequence
from os import PathLike
from pathlib import Path
from typing import Any

from .syllables import normalize_syllable, split_tone


def _canonical(readings: Iterable[str]) -> tuple[str, ...]:
    """Normalise readings to lowercase canonical syllables, dropping ones we reject."""
    seen: dict[str, None] = {}
    for reading in readings:
        syllable = normalize_syllable(reading.strip())
        if syllable is not None:
            seen.setdefault(syllable.lower(), None)
    return tuple(seen)


@functools.cache
def _char_table() -> Mapping[int, str]:
    from pypinyin.pinyin_dict import pinyin_dict

    table: Mapping[int, str] = pinyin_dict
    return table


@functools.cache
def _phrase_table() -> Mapping[str, list[list[str]]]:
    from pypinyin.phrases_dict import phrases_dict

    table: Mapping[str, list[list[str]]] = phrases_dict
    return table


class Readings:
    """Reading lookups backed by pypinyin, plus the caller's own additions.

    ``extra_chars`` maps a character to readings it may also have; ``extra_phrases``
    maps a word to its syllables (these replace the phrase dictionary's reading).
    Readings may be written in any form the parser accepts (``xing2`` or ``xíng``).

    >>> Readings().char_readings("行")[:2]
    ('xíng', 'háng')
    >>> Readings(extra_chars={"㐅": ["wu3"]}).char_readings("㐅")
    ('wǔ',)
    """

    def __init__(
        self,
        extra_chars: Mapping[str, Iterable[str]] | None = None,
        extra_phrases: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        self._extra_chars = {
            char: _canonical(values) for char, values in (extra_chars or {}).items()
        }
        self._extra_phrases: dict[str, tuple[str, ...]] = {}
        for word, syllables in (extra_phrases or {}).items():
            canonical = tuple(normalize_syllable(s) for s in syllables)
            if len(canonical) != len(word) or None in canonical:
                raise ValueError(
                    f"phrase {word!r}: need one valid syllable per character, got {syllables!r}"
                )
            self._extra_phrases[word] = tuple(s.lower() for s in canonical if s is not None)
        self._char_cache: dict[str, tuple[str, ...]] = {}
        self._base_cache: dict[str, frozenset[str]] = {}

    @classmethod
    def from_file(cls, path: str | PathLike[str]) -> Readings:
        """Load additions from a JSON file ``{"chars": {...}, "phrases": {...}}``.

        Phrase values may be a list of syllables or one space-separated string.
        """
        try:
            data: Any = json.loads(Path(path).read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            raise ValueError(f"{path}: not valid JSON: {error}") from error
        if not isinstance(data, dict):
            raise ValueError(f"{path}: expected an object with 'chars' and 'phrases'")
        phrases = {
            word: value.split() if isinstance(value, str) else value
            for word, value in data.get("phrases", {}).items()
        }
        return cls(extra_chars=data.get("chars", {}), extra_phrases=phrases)

    def char_readings(self, char: str) -> tuple[str, ...]:
        """Every reading of one character, most common first; ``()`` if unknown."""
        cached = self._char_cache.get(char)
        if cached is None:
            raw = _char_table().get(ord(char), "") if len(char) == 1 else ""
            cached = _canonical(raw.split(",")) if raw else ()
            extra = self._extra_chars.get(char, ())
            cached = cached + tuple(s for s in extra if s not in cached)
            self._char_cache[char] = cached
        return cached

    def char_bases(self, char: str) -> frozenset[str]:
        """The toneless bases of :meth:`char_readings` (``{"xing", "hang", "heng"}``)."""
        cached = self._base_cache.get(char)
        if cached is None:
            cached = frozenset(split_tone(s)[0] for s in self.char_readings(char))
            self._base_cache[char] = cached
        return cached

    def knows(self, char: str) -> bool:
        """Return whether any reading of ``char`` is known."""
        return bool(self.char_readings(char))

    def phrase_reading(self, word: str) -> tuple[str, ...] | None:
        """The phrase dictionary's reading of ``word``, one syllable per character.

        This is context (how the word is read), not possibility: ``银行`` gives
        ``('yín', 'háng')`` although 行 can also be xíng.
        """
        extra = self._extra_phrases.get(word)
        if extra is not None:
            return extra
        raw = _phrase_table().get(word)
        if raw is None or len(raw) != len(word):
            return None
        syllables = tuple(normalize_syllable(options[0]) for options in raw)
        if any(s is None for s in syllables):
            return None
        return tuple(s.lower() for s in syllables if s is not None)


@functools.cache
def default_readings() -> Readings:
    """The shared instance without user additions (created on first use)."""
    return Readings()

"""Every call into pypinyin lives here: per-character readings and phrase readings.

Two different questions, kept apart: *which readings can this character have at all*
(per-character data, used for alignment and for errors) and *how does the phrase
dictionary read this word* (context, used for in-word warnings). pypinyin's dictionaries
are loaded on first use, not at import, and are never modified: user additions live in
a :class:`Readings` instance.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import json
import sys
import threading
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from os import PathLike
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final, TypeVar, cast

from hanzi_annot.memo import Memo
from hanzi_annot.pinyin.syllables import normalize_syllable, split_tone


def _canonical(readings: Iterable[str]) -> tuple[str, ...]:
    """Normalise readings to lowercase canonical syllables, dropping ones we reject."""
    seen: dict[str, None] = {}
    for reading in readings:
        syllable = normalize_syllable(reading.strip())
        if syllable is not None:
            seen.setdefault(syllable.lower(), None)
    return tuple(seen)


def _pypinyin_data(name: str) -> Any:
    """Return one of pypinyin's data tables, read from its JSON file when it ships one.

    Importing ``pypinyin`` also trains its own word segmenter, which costs a one-page
    check more than the data it needs; pypinyin keeps each table as ``<name>.json``
    beside the module of the same name, so the file is read directly when it is there,
    and the module is imported otherwise (another layout, a zipped install). A table
    the process has already imported (and finished importing) is shared, not read a
    second time; like the module, it then shows any entries the caller added to it.
    """
    loaded = sys.modules.get(f"pypinyin.{name}")
    if loaded is None or getattr(loaded.__spec__, "_initializing", False):
        spec = importlib.util.find_spec("pypinyin")
        for folder in (spec.submodule_search_locations or []) if spec is not None else []:
            path = Path(folder, f"{name}.json")
            if path.is_file():
                return json.loads(path.read_text(encoding="utf-8"))
        loaded = importlib.import_module(f"pypinyin.{name}")
    return getattr(loaded, name)


@functools.cache
def _char_table() -> Mapping[int, str]:
    raw: Mapping[Any, str] = _pypinyin_data("pinyin_dict")
    if all(isinstance(code, int) for code in raw):  # pypinyin's module, already converted
        return raw
    return {int(code): readings for code, readings in raw.items()}


@functools.cache
def _phrase_table() -> Mapping[str, list[list[str]]]:
    table: Mapping[str, list[list[str]]] = _pypinyin_data("phrases_dict")
    return table


def _phrase_syllables(word: str, raw: Sequence[Sequence[str]]) -> tuple[str, ...] | None:
    """Canonical lowercase syllables of one phrase entry, or None if it does not pair up."""
    if len(raw) != len(word) or not all(raw):
        return None
    syllables = tuple(normalize_syllable(options[0]) for options in raw)
    if any(s is None for s in syllables):
        return None
    return tuple(s.lower() for s in syllables if s is not None)


def _phrase_lookup(word: str) -> tuple[str, ...] | None:
    """Return one word's canonical phrase reading, normalised on first use only."""
    raw = _phrase_table().get(word)
    return None if raw is None else _phrase_syllables(word, raw)


_Value = TypeVar("_Value")

#: The most memo tables one :class:`Readings` keeps (see :meth:`Readings.table`).
MAX_TABLES: Final = 32


@functools.cache
def _phrase_entries() -> dict[str, tuple[str, ...]]:
    """Return the phrase dictionary as canonical syllables, dropping entries that do not pair."""
    entries: dict[str, tuple[str, ...]] = {}
    for word, raw in _phrase_table().items():
        syllables = _phrase_syllables(word, raw)
        if syllables is not None:
            entries[word] = syllables
    return entries


@functools.cache
def _phrase_chars() -> frozenset[str]:
    """Every character used by some word of the phrase dictionary."""
    return frozenset("".join(_phrase_table()))


class _WordFinder:
    """Find the dictionary words that contain a character or two adjacent characters.

    A full index of the dictionary (every character and every pair to its words) takes
    longer to build than a one-page check spends on everything else, so the first
    questions are answered by scanning one string of all the words (a fraction of a
    millisecond each); after ``scan_limit`` questions, when scanning would cost more
    than the index, both indexes are built once and used from then on.
    """

    def __init__(self, words: Iterable[str], scan_limit: int = 256) -> None:
        self._words = tuple(words)
        self._joined = "\n" + "\n".join(self._words) + "\n"
        self._scans_left = scan_limit
        self._lock = threading.Lock()
        self._index: dict[str, list[str]] | None = None

    def containing(self, part: str) -> Sequence[str]:
        """Return the words containing ``part`` (one or two characters), each once."""
        if self._index is None:
            with self._lock:
                self._scans_left -= 1
                if self._scans_left < 0 and self._index is None:
                    self._index = self._build_index()
        if self._index is not None:
            return self._index.get(part, ())
        return self._scan(part)

    def _scan(self, part: str) -> list[str]:
        if not part or "\n" in part:
            return []
        joined, found = self._joined, []
        start = joined.find(part)
        while start >= 0:
            word_start = joined.rfind("\n", 0, start) + 1
            word_end = joined.find("\n", start)
            found.append(joined[word_start:word_end])
            start = joined.find(part, word_end)
        return found

    def _build_index(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = {}
        for word in self._words:
            pairs = [word[position : position + 2] for position in range(len(word) - 1)]
            for part in [*word, *pairs]:
                found = index.setdefault(part, [])
                if not found or found[-1] is not word:  # a word once, however often
                    found.append(word)
        return index


@functools.cache
def _word_finder() -> _WordFinder:
    return _WordFinder(_phrase_table())


def _syllable_list(value: object, what: str) -> list[str]:
    """Accept syllables as one string (space- or comma-separated) or a list of strings."""
    if isinstance(value, str):
        return value.replace(",", " ").split()
    if isinstance(value, Iterable) and not isinstance(value, Mapping):
        items = list(value)
        if all(isinstance(item, str) for item in items):
            return items
    raise ValueError(f"{what}: expected syllables as a string or a list of strings")


class Readings:
    """Reading lookups backed by pypinyin, plus the caller's own additions.

    ``extra_chars`` maps a character to readings it may also have; ``extra_phrases``
    maps a word to its syllables (these replace the phrase dictionary's reading).
    Readings may be written in any form the parser accepts (``xing2`` or ``xíng``).
    ``exclude_phrases`` hides words of pypinyin's phrase dictionary, for an entry that is
    wrong for your corpus or to measure how the validator does on unknown words.
    Lookups are cached in the instance, at most ``cache_size`` entries per kind of
    question; what has not been used lately goes first (see
    :class:`~hanzi_annot.memo.Memo`). An instance never changes what it answers, so one
    may be shared freely (also with worker processes: it pickles).

    >>> Readings().char_readings("行")[:2]
    ('xíng', 'háng')
    >>> Readings(extra_chars={"㐅": ["wu3"]}).char_readings("㐅")
    ('wǔ',)
    """

    def __init__(
        self,
        extra_chars: Mapping[str, Iterable[str]] | None = None,
        extra_phrases: Mapping[str, Sequence[str]] | None = None,
        exclude_phrases: Iterable[str] = (),
        *,
        cache_size: int = 16_384,
    ) -> None:
        if cache_size < 1:
            raise ValueError(f"cache_size must be at least 1, got {cache_size}")
        self._extra_chars: dict[str, tuple[str, ...]] = {}
        for char, values in (extra_chars or {}).items():
            written = _syllable_list(values, f"readings of {char!r}")
            readings = _canonical(written)
            if len(char) != 1 or any(normalize_syllable(w) is None for w in written):
                raise ValueError(
                    f"readings of {char!r}: need one character and valid syllables, got {values!r}"
                )
            self._extra_chars[char] = readings
        self._extra_phrases: dict[str, tuple[str, ...]] = {}
        for word, value in (extra_phrases or {}).items():
            syllables = _syllable_list(value, f"phrase {word!r}")
            canonical = tuple(normalize_syllable(s) for s in syllables)
            if len(canonical) != len(word) or None in canonical:
                raise ValueError(
                    f"phrase {word!r}: need one valid syllable per character, got {syllables!r}"
                )
            self._extra_phrases[word] = tuple(s.lower() for s in canonical if s is not None)
        self._excluded = frozenset(exclude_phrases)
        self._char_cache: Memo[str, tuple[str, ...]] = Memo(cache_size)
        self._base_cache: Memo[str, frozenset[str]] = Memo(cache_size)
        self._phrase_cache: Memo[str, tuple[str, ...] | None] = Memo(cache_size)
        self._count_cache: Memo[str, Counter[str]] = Memo(cache_size)
        self._pair_cache: Memo[tuple[str, int], Counter[str]] = Memo(cache_size)
        # Larger: a month of news holds tens of thousands of distinct pinyin groups.
        self._memo: Memo[Hashable, object] = Memo(max(8 * cache_size, 32_768))
        self._tables: dict[Hashable, Memo[Any, Any]] = {}  # see table()

    def remember(self, key: Hashable, compute: Callable[[], _Value]) -> _Value:
        """Return ``compute()``, kept under ``key`` while this instance lives (a bounded memo).

        For work that depends only on the text and on this instance's answers, such as
        the parser's analysis of one distinct pinyin group or alignment: text repeats
        the same words, so each is worked out once per instance, not per occurrence.
        ``key`` must name the question completely (start it with the asker's name).
        """
        return cast(_Value, self._memo.get(key, compute))

    def table(self, kind: Hashable) -> Memo[Any, Any]:
        """Return this instance's memo table for one ``kind`` of question, made on first use.

        What :meth:`remember` does, for a hot path: the caller looks in
        ``table.recent`` itself (one dict lookup) and keys need not name the asker, since
        each kind has a table of its own. ``kind`` names the asker and anything else the
        answers depend on (a validator's options, say). Bounded like :meth:`remember`'s;
        at most :data:`MAX_TABLES` kinds are kept, the oldest dropped first (whoever holds
        a dropped table keeps using it, unshared).
        """
        found = self._tables.get(kind)
        if found is None:
            if len(self._tables) >= MAX_TABLES:  # kinds made per call (options) stay bounded
                self._tables.pop(next(iter(self._tables)), None)
            found = self._tables.setdefault(kind, Memo(self._memo.size))
        return found

    def cache_sizes(self) -> dict[str, int]:
        """Return how many entries each of this instance's caches holds, by kind."""
        return {
            "char": len(self._char_cache),
            "base": len(self._base_cache),
            "phrase": len(self._phrase_cache),
            "count": len(self._count_cache),
            "pair": len(self._pair_cache),
            "memo": len(self._memo) + sum(len(table) for table in self._tables.values()),
        }

    @classmethod
    def from_file(cls, path: str | PathLike[str]) -> Readings:
        """Load additions from a JSON file ``{"chars": {...}, "phrases": {...}}``.

        Values may be a list of syllables or one string of them separated by spaces or
        commas. Anything else raises ``ValueError`` naming the file and the entry.
        """
        try:
            data: Any = json.loads(Path(path).read_text(encoding="utf-8-sig"))
        except json.JSONDecodeError as error:
            raise ValueError(f"{path}: not valid JSON: {error}") from error
        if not isinstance(data, dict):
            raise ValueError(f"{path}: expected an object with 'chars' and 'phrases'")
        chars, phrases = data.get("chars", {}), data.get("phrases", {})
        if not isinstance(chars, dict) or not isinstance(phrases, dict):
            raise ValueError(f"{path}: expected an object whose 'chars' and 'phrases' are objects")
        try:
            return cls(extra_chars=chars, extra_phrases=phrases)
        except ValueError as error:
            raise ValueError(f"{path}: {error}") from None

    def char_readings(self, char: str) -> tuple[str, ...]:
        """Every reading of one character, most common first; ``()`` if unknown."""
        return self._char_cache.get(char, lambda: self._char_readings(char))

    def _char_readings(self, char: str) -> tuple[str, ...]:
        raw = _char_table().get(ord(char), "") if len(char) == 1 else ""
        found = _canonical(raw.split(",")) if raw else ()
        extra = self._extra_chars.get(char, ())
        return found + tuple(s for s in extra if s not in found)

    def char_bases(self, char: str) -> frozenset[str]:
        """Return the toneless bases of :meth:`char_readings` (``{"xing", "hang", "heng"}``)."""
        return self._base_cache.get(
            char, lambda: frozenset(split_tone(s)[0] for s in self.char_readings(char))
        )

    def phrase_reading(self, word: str) -> tuple[str, ...] | None:
        """Return the phrase dictionary's reading of ``word``, one syllable per character.

        This is context (how the word is read), not possibility: ``银行`` gives
        ``('yín', 'háng')`` although 行 can also be xíng.
        """
        extra = self._extra_phrases.get(word)
        if extra is not None:
            return extra
        if word in self._excluded:
            return None
        return self._dictionary_reading(word)

    def _dictionary_reading(self, word: str) -> tuple[str, ...] | None:
        return self._phrase_cache.get(word, lambda: _phrase_lookup(word))

    def is_own_phrase(self, word: str) -> bool:
        """Return whether ``word`` is one of the caller's own phrases (``extra_phrases``)."""
        return word in self._extra_phrases

    def _known_words(
        self, candidates: Iterable[str], part: str
    ) -> Iterator[tuple[str, tuple[str, ...]]]:
        """Yield (word, syllables) of the known words containing ``part``.

        ``candidates`` are the dictionary words containing it; hidden words are skipped,
        the caller's own phrases replace or join the dictionary's.
        """
        for word in candidates:
            if word not in self._excluded and word not in self._extra_phrases:
                syllables = self._dictionary_reading(word)
                if syllables is not None:
                    yield word, syllables
        for word, syllables in self._extra_phrases.items():
            if part in word:
                yield word, syllables

    def reading_counts(self, char: str) -> Counter[str]:
        """Count how the known words read ``char``, each way, across all of them.

        >>> Readings().reading_counts("行").most_common(2)
        [('xíng', 650), ('háng', 110)]
        """
        return Counter(self._count_cache.get(char, lambda: self._reading_counts(char)))

    def _reading_counts(self, char: str) -> Counter[str]:
        counts: Counter[str] = Counter()
        for word, syllables in self._known_words(_word_finder().containing(char), char):
            for letter, syllable in zip(word, syllables, strict=True):
                if letter == char:
                    counts[syllable] += 1
        return counts

    def pair_counts(self, pair: str, position: int) -> Counter[str]:
        """Count how the character at ``position`` (0 or 1) of ``pair`` is read in known words.

        Evidence from words that contain the same two characters: ``银行`` occurs in
        银行卡 and 商业银行, where 行 is háng.
        """
        return Counter(
            self._pair_cache.get((pair, position), lambda: self._pair_counts(pair, position))
        )

    def _pair_counts(self, pair: str, position: int) -> Counter[str]:
        counts: Counter[str] = Counter()
        for word, syllables in self._known_words(_word_finder().containing(pair), pair):
            for index in range(len(word) - 1):
                if word[index : index + 2] == pair:
                    counts[syllables[index + position]] += 1
        return counts

    def in_phrase_data(self, char: str) -> bool:
        """Return whether any known word uses ``char``: if not, the data cannot judge it.

        pypinyin's phrase dictionary is effectively simplified-only, so a traditional
        form such as 銀 or 樂 is in none of its words.
        """
        if not self._excluded and not self._extra_phrases:
            return char in _phrase_chars()  # cheap: no reading statistics needed
        return bool(self.reading_counts(char))


def phrase_dictionary() -> Mapping[str, tuple[str, ...]]:
    """Return pypinyin's phrase dictionary, read-only, as canonical lowercase syllables.

    For evaluations and tools that sample real words; entries whose readings do not
    pair one syllable per character are left out.

    >>> phrase_dictionary()["银行"]
    ('yín', 'háng')
    """
    return MappingProxyType(_phrase_entries())


#: The readings without user additions, shared by every reader and validator that is
#: given none. It is safe to share: a :class:`Readings` never changes what it answers,
#: and its caches are bounded (``cache_size`` entries per kind of question), so nothing
#: grows with the number of documents read and nothing needs resetting.
DEFAULT_READINGS: Final[Readings] = Readings()


def default_readings() -> Readings:
    """Return :data:`DEFAULT_READINGS`, the shared instance without user additions."""
    return DEFAULT_READINGS

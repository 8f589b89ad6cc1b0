"""Segmentation: every way to split an unspaced pinyin run into syllables.

Unspaced pinyin is ambiguous (``fangan`` is fang·an or fan·gan) and only the hanzi
decide. :func:`syllable_lattice` gives every possible syllable as an edge of a graph,
which the alignment searches; :func:`split_syllables` lists every split in a fixed
order; :func:`first_segmentation` finds the first one directly, which is all the parser
needs when it reads the hanzi perfectly. A run longer than any annotation
(:func:`group_too_long`) is refused, so the work per group is bounded. Built on
:mod:`hanzi_annot.pinyin.syllables`.
"""

from __future__ import annotations

import array
import functools
import itertools
import threading
import unicodedata
from collections import OrderedDict

from hanzi_annot.pinyin.syllables import (
    SEPARATORS,
    TONE_DIGITS,
    TONELESS_SYLLABLES,
    fold_pinyin,
    is_erhua,
    normalize_syllable,
    split_tone,
    word_set,
)

__all__ = [
    "MAX_GROUP_LETTERS",
    "MAX_GROUP_SYLLABLES",
    "MAX_SEGMENTATIONS",
    "can_split_as",
    "count_and_first",
    "count_segmentations",
    "first_segmentation",
    "group_too_long",
    "split_syllables",
    "syllable_lattice",
]

_SEPARATORS_TO_SPACE = str.maketrans(dict.fromkeys(SEPARATORS, " "))

# split_syllables gives up (returns ()) on runs with more segmentations than this: only
# pathological input gets near it (a real 7-syllable unspaced name has 64), and it is
# called on any parenthesised text, so it must neither hang nor raise.
MAX_SEGMENTATIONS = 20_000

# A pinyin group longer than this cannot be an annotation: the longest words and names
# annotated in news text have about eight syllables ("zhōnghuárénmíngònghéguó" has 23
# letters and 7). The parser reports longer groups (HA108) instead of segmenting them,
# so the work per group stays bounded whatever the input.
MAX_GROUP_LETTERS = 80
MAX_GROUP_SYLLABLES = 12

# Counts are capped here instead of growing into big integers: only "more than
# MAX_SEGMENTATIONS" matters, and an exact count of a long run has hundreds of digits.
_COUNT_CAP = MAX_SEGMENTATIONS + 1

# Candidate lists are cached for pieces up to this many characters (any real word).
_MAX_CACHED_PIECE = 32

# Longest written syllable (e.g. "zhuangr" + combining marks + ":" + digit), in NFC chars.
_MAX_TOKEN = 12


def _pieces(run: str) -> list[str]:
    """Split ``run`` (NFKC, then NFC) at separators and whitespace into non-empty pieces."""
    text = unicodedata.normalize("NFC", fold_pinyin(run))
    return text.translate(_SEPARATORS_TO_SPACE).split()


def group_too_long(run: str) -> bool:
    """Tell whether ``run`` has more than :data:`MAX_GROUP_LETTERS` letters (linear, cheap).

    Such a run is no annotation: :func:`first_segmentation` and :func:`split_syllables`
    refuse it rather than segmenting it, and the parser reports it as HA108.

    >>> group_too_long("zhōnghuárénmíngònghéguó"), group_too_long("fangan" * 14)
    (False, True)
    """
    if len(run) <= MAX_GROUP_LETTERS:
        return False
    letters = 0
    for char in run:
        if char.isalpha():
            letters += 1
            if letters > MAX_GROUP_LETTERS:
                return True
    return False


# Per syllable: (canonical syllable, written length, 1 if erhua or a syllabic nasal/ê).
_Seg = tuple[tuple[str, int, int], ...]
# Interjection syllables that rarely belong in a word: ranked after ordinary splits.
_RARE: frozenset[str] = word_set("m n ng hm hng ê")


@functools.lru_cache(maxsize=8192)
def _rarity(syllable: str) -> int:
    """Return 1 for an erhua or interjection syllable (ranked later), else 0."""
    base = split_tone(syllable)[0]
    return int(base in _RARE or is_erhua(base))


def _skeleton_table() -> dict[int, str | None]:
    """Map marked and capital letters to their bare lowercase letter, drop marks and digits."""
    table: dict[int, str | None] = {}
    for code in range(0x41, 0x5B):
        table[code] = chr(code + 0x20)
    for code in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        bare = "".join(
            ch for ch in unicodedata.normalize("NFD", chr(code)) if not unicodedata.combining(ch)
        ).lower()
        if len(bare) == 1 and bare.isascii() and bare.isalpha():
            table[code] = bare
    for char in "üÜǖǘǚǜǕǗǙǛ":
        table[ord(char)] = "v"
    for char in "êÊ":
        table[ord(char)] = "e"
    table.update({ord(d): None for d in TONE_DIGITS + ":"})
    table.update(dict.fromkeys(range(768, 880)))
    table[ord("u")] = "u"
    return table


_SKELETON = _skeleton_table()
# Every syllable and erhua form reduced the same way (ü → v, ê → e, marks and digits
# dropped), with u and v variants since ü is written u after j/q/x/y and v for ü in
# keyboard input, as a trie: walking a written piece through it stops at the first
# letter no syllable continues with, so the exact normaliser only sees plausible slices.
_Trie = dict[str, "_Trie"]


def _skeleton_trie() -> _Trie:
    root: _Trie = {}
    for base in TONELESS_SYLLABLES:
        for form in (base, base + "r"):
            skeleton = form.translate(_SKELETON)
            for variant in (skeleton, skeleton.replace("v", "u"), skeleton.replace("u", "v")):
                node = root
                for char in variant:
                    node = node.setdefault(char, {})
                node[""] = {}  # marks the end of a syllable
    return root


_TRIE = _skeleton_trie()


#: :data:`_SKELETON` keeping every character's place: a dropped one (a mark, a digit,
#: a colon) becomes NUL, so a piece maps to a skeleton of the same length in one call.
_SKELETON_IN_PLACE = {code: "\0" if bare is None else bare for code, bare in _SKELETON.items()}


@functools.lru_cache(maxsize=2048)
def _piece_candidates(piece: str) -> tuple[tuple[tuple[int, str, int], ...], ...]:
    """For each start index of ``piece``: (end, canonical, rarity) of each valid syllable."""
    mapped = piece.translate(_SKELETON_IN_PLACE)
    return tuple(_edges_at(piece, mapped, start) for start in range(len(piece)))


def _edges_at(piece: str, mapped: str, start: int) -> tuple[tuple[int, str, int], ...]:
    """Return the syllables written from ``start`` of ``piece``: (end, canonical, rarity) each.

    ``mapped`` is the piece's skeleton (``piece.translate(_SKELETON_IN_PLACE)``). The
    skeleton trie says which slices may be syllables; only those are given to the exact
    normaliser (itself memoised per written slice, as syllables recur).
    """
    if mapped[start] == "\0":
        return ()
    normalize, rarity = normalize_syllable, _rarity
    found: list[tuple[int, str, int]] = []
    node: _Trie = _TRIE
    end = start
    for char in mapped[start : start + _MAX_TOKEN]:
        end += 1
        if char != "\0":
            child = node.get(char)
            if child is None:
                break
            node = child
        if "" in node and (syllable := normalize(piece[start:end])):
            found.append((end, syllable, rarity(syllable)))
    return tuple(found)


def _candidates_of(piece: str) -> tuple[tuple[tuple[int, str, int], ...], ...]:
    """:func:`_piece_candidates`, cached only for pieces short enough to be a word."""
    if len(piece) > _MAX_CACHED_PIECE:
        return _piece_candidates.__wrapped__(piece)
    return _piece_candidates(piece)


def _suffix_counts(piece: str) -> array.array[int]:
    """Per start index, the number of segmentations of the rest of ``piece``, capped."""
    return _counts_of(_candidates_of(piece))


def _counts_of(cands: tuple[tuple[tuple[int, str, int], ...], ...]) -> array.array[int]:
    """:func:`_suffix_counts` from a piece's candidates."""
    counts = array.array("q", [0]) * len(cands)
    counts.append(1)
    for i in range(len(cands) - 1, -1, -1):
        counts[i] = min(_COUNT_CAP, sum(counts[j] for j, _, _ in cands[i]))
    return counts


@functools.lru_cache(maxsize=4096)
def _piece_count(piece: str) -> int:
    """Count the segmentations of a short ``piece``, capped (cached: pieces repeat)."""
    return _suffix_counts(piece)[0]


def _piece_segmentations(piece: str) -> tuple[_Seg, ...]:
    """List every segmentation of one unspaced ``piece`` (unsorted); the piece has few."""
    cands = _candidates_of(piece)
    counts = _suffix_counts(piece)
    suffix: list[list[_Seg]] = [[] for _ in piece] + [[()]]
    for i in range(len(piece) - 1, -1, -1):
        if counts[i] < _COUNT_CAP:  # a capped position is unreachable from a listable start
            suffix[i] = [
                ((syl, j - i, rare), *rest) for j, syl, rare in cands[i] for rest in suffix[j]
            ]
    return tuple(suffix[0])


def count_segmentations(run: str) -> int:
    """Count the segmentations of ``run``, capped at :data:`MAX_SEGMENTATIONS` + 1.

    Lets a caller check a run against :data:`MAX_SEGMENTATIONS` before listing them.
    Linear in the length of ``run``; beyond the cap only "too many" matters.

    >>> count_segmentations("fangan"), count_segmentations("xian" * 100) > MAX_SEGMENTATIONS
    (8, True)
    """
    pieces = _pieces(run)
    if not pieces:
        return 0
    total = 1
    for piece in pieces:
        count = _piece_count(piece) if len(piece) <= _MAX_CACHED_PIECE else _suffix_counts(piece)[0]
        total = min(_COUNT_CAP, total * count)
    return total


def syllable_lattice(run: str) -> tuple[tuple[tuple[int, str, int], ...], ...] | None:
    """Every syllable of ``run`` as an edge: per start index, (end, canonical, rarity).

    Indexes count the NFC characters of the pieces joined without their separators, so
    no edge crosses a separator. The alignment searches this graph instead of listing
    every segmentation. ``None`` for a run over :data:`MAX_GROUP_LETTERS` letters.

    >>> [[syllable for _, syllable, _ in edges] for edges in syllable_lattice("xi'an")]
    [['xi'], [], ['a', 'an'], ['n']]
    """
    if group_too_long(run):
        return None
    lattice: list[tuple[tuple[int, str, int], ...]] = []
    for piece in _pieces(run):
        offset = len(lattice)
        for edges in _candidates_of(piece):
            lattice.append(tuple((end + offset, syl, rare) for end, syl, rare in edges))
    return tuple(lattice)


def can_split_as(run: str, syllables: tuple[str, ...]) -> bool:
    """Tell whether ``run`` has a segmentation into ``syllables`` (compared lowercase).

    >>> can_split_as("fangan", ("fan", "gan")), can_split_as("fang'an", ("fan", "gan"))
    (True, False)
    """
    lattice = syllable_lattice(run)
    if lattice is None:
        return False
    wanted = [syllable.lower() for syllable in syllables]
    reached = {0}
    for syllable in wanted:
        reached = {
            end
            for start in reached
            if start < len(lattice)
            for end, candidate, _ in lattice[start]
            if candidate.lower() == syllable
        }
    return len(lattice) in reached


def _order(seg: _Seg) -> tuple[int, int, tuple[int, ...]]:
    """Sort key: fewest syllables, then fewest rare ones, then longest written first."""
    return len(seg), sum(rare for _, _, rare in seg), tuple(-length for _, length, _ in seg)


@functools.lru_cache(maxsize=1024)
def _piece_first(piece: str) -> _Seg | None:
    """Find the segmentation of ``piece`` that :func:`split_syllables` would list first."""
    return _first_of(_candidates_of(piece))


def _first_of(cands: tuple[tuple[tuple[int, str, int], ...], ...]) -> _Seg | None:
    """:func:`_piece_first` from a piece's candidates."""
    return _count_and_first_of(cands)[1]


def _count_and_first_of(
    cands: tuple[tuple[tuple[int, str, int], ...], ...],
) -> tuple[int, _Seg | None]:
    """Count a piece's segmentations (capped) and find the first, in one right-to-left pass.

    The first is the least by (syllables, rare syllables, written lengths longest
    first, left to right). Each position keeps only its best suffix: two edges from
    one position end at different places, so comparing their (syllables, rare
    syllables) and then the first syllable's length decides between them, and an
    equal first syllable means an equal (best) rest.
    """
    size = len(cands)
    counts = [0] * size + [1]
    keys: list[tuple[int, int, int] | None] = [None] * size + [(0, 0, 0)]
    steps: list[tuple[str, int, int, int] | None] = [None] * (size + 1)
    for i in range(size - 1, -1, -1):
        total = 0
        best: tuple[int, int, int] | None = None
        step: tuple[str, int, int, int] | None = None
        for j, syllable, rare in cands[i]:
            total += counts[j]
            rest = keys[j]
            if rest is not None:
                key = (rest[0] + 1, rest[1] + rare, i - j)
                if best is None or key < best:
                    best, step = key, (syllable, j - i, rare, j)
        counts[i] = min(total, _COUNT_CAP)
        keys[i] = best
        steps[i] = step
    return counts[0], _walk(steps, keys[0] is not None)


def _walk(steps: list[tuple[str, int, int, int] | None], found: bool) -> _Seg | None:
    """Follow the best steps from the start of a piece: its first segmentation."""
    if not found:
        return None
    first: list[tuple[str, int, int]] = []
    position = 0
    while position < len(steps) - 1:
        step = steps[position]
        assert step is not None  # a position with a best suffix has a step
        syllable, length, rare, position = step
        first.append((syllable, length, rare))
    return tuple(first)


def _scan_piece(piece: str) -> tuple[int, _Seg | None]:
    """:func:`_count_and_first_of` of a piece no cache has seen, without listing its edges.

    Walks the skeleton trie from each start, right to left, and folds every syllable
    found straight into the count and the best suffix, as :func:`_edges_at` and
    :func:`_count_and_first_of` would one after the other: a new annotated word is
    segmented without building its candidate table.
    """
    mapped = piece.translate(_SKELETON_IN_PLACE)
    size = len(piece)
    normalize, rarity, trie, cap = normalize_syllable, _rarity, _TRIE, _COUNT_CAP
    counts = [0] * size + [1]
    keys: list[tuple[int, int, int] | None] = [None] * size + [(0, 0, 0)]
    steps: list[tuple[str, int, int, int] | None] = [None] * (size + 1)
    for start in range(size - 1, -1, -1):
        if mapped[start] == "\0":
            continue
        total = 0
        best: tuple[int, int, int] | None = None
        step: tuple[str, int, int, int] | None = None
        node: _Trie = trie
        end = start
        for char in mapped[start : start + _MAX_TOKEN]:
            end += 1
            if char != "\0":
                child = node.get(char)
                if child is None:
                    break
                node = child
            if "" in node and (syllable := normalize(piece[start:end])):
                total += counts[end]
                rest = keys[end]
                if rest is not None:
                    rare = rarity(syllable)
                    key = (rest[0] + 1, rest[1] + rare, start - end)
                    if best is None or key < best:
                        best, step = key, (syllable, end - start, rare, end)
        counts[start] = total if total < cap else cap
        keys[start] = best
        steps[start] = step
    return counts[0], _walk(steps, keys[0] is not None)


def first_segmentation(run: str) -> tuple[str, ...] | None:
    """Return the first segmentation :func:`split_syllables` would list, found directly.

    The parser tries it before listing every split: when it reads the hanzi perfectly
    no other split can win, and most annotations are like that.

    >>> first_segmentation("fangan"), first_segmentation("zhx")
    (('fang', 'an'), None)
    """
    if group_too_long(run) or not 0 < count_segmentations(run) <= MAX_SEGMENTATIONS:
        return None
    parts: list[str] = []
    for piece in _pieces(run):
        seg = _piece_first(piece)
        if seg is None:
            return None
        parts.extend(syllable for syllable, _, _ in seg)
    return tuple(parts)


def count_and_first(run: str) -> tuple[int, tuple[str, ...] | None]:
    """Return :func:`count_segmentations` and :func:`first_segmentation` in one pass.

    What the parser asks of every new group: the run is split into pieces and each
    piece's syllable candidates found once, not once per question.

    >>> count_and_first("fangan"), count_and_first("zhx")
    ((8, ('fang', 'an')), (0, None))
    """
    if group_too_long(run):
        return count_segmentations(run), None
    total = 1
    firsts: list[_Seg | None] = []
    pieces = _pieces(run)
    for piece in pieces:
        count, first = _scan_piece(piece)
        total = min(_COUNT_CAP, total * count)
        firsts.append(first if total else None)
    if not pieces:
        total = 0
    if not 0 < total <= MAX_SEGMENTATIONS or None in firsts:
        return total, None
    return total, tuple(syllable for seg in firsts if seg is not None for syllable, _, _ in seg)


def split_syllables(run: str) -> tuple[tuple[str, ...], ...]:
    """List every segmentation of a written pinyin run into canonical syllables.

    Unspaced pinyin is ambiguous (fangan: fang·an or fan·gan) and only the hanzi decide,
    so every split is returned: fewest syllables first, then fewest erhua and interjection
    syllables (m n ng hm hng ê), then greedy longest-first (by written length, left to
    right). Spaces, hyphens and apostrophes are forced boundaries. Returns () when no
    segmentation exists, and also beyond :data:`MAX_SEGMENTATIONS` or
    :data:`MAX_GROUP_LETTERS` (use :func:`count_segmentations` and
    :func:`group_too_long` to tell these apart). Results are cached up to a total
    number of syllables, so a few huge lists cannot hold on to memory.

    >>> split_syllables("Xī'ān"), split_syllables("WTO")
    ((('Xī', 'ān'), ('Xī', 'ā', 'n')), ())
    """
    cached = _SPLIT_CACHE.get(run)
    if cached is not None:
        return cached
    result = _split_syllables(run)
    _SPLIT_CACHE.put(run, result, sum(len(seg) for seg in result) + 1)
    return result


def _split_syllables(run: str) -> tuple[tuple[str, ...], ...]:
    if group_too_long(run) or not 0 < count_segmentations(run) <= MAX_SEGMENTATIONS:
        return ()
    per_piece = [_piece_segmentations(piece) for piece in _pieces(run)]
    combined: list[_Seg] = [
        tuple(itertools.chain.from_iterable(parts)) for parts in itertools.product(*per_piece)
    ]
    combined.sort(key=_order)
    return tuple(dict.fromkeys(tuple(syl for syl, _, _ in seg) for seg in combined))


class _SizedCache:
    """A least-recently-used cache bounded by the total size of its values, not their number.

    Thread-safe: corpus runs may parse on several threads.
    """

    def __init__(self, budget: int) -> None:
        self._budget = budget
        self._used = 0
        self._entries: OrderedDict[str, tuple[tuple[tuple[str, ...], ...], int]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> tuple[tuple[str, ...], ...] | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            self._entries.move_to_end(key)
            return entry[0]

    def put(self, key: str, value: tuple[tuple[str, ...], ...], size: int) -> None:
        if size > self._budget // 8:
            return  # one huge value would evict everything useful
        with self._lock:
            if key in self._entries:
                return
            self._entries[key] = (value, size)
            self._used += size
            while self._used > self._budget:
                _, (_, evicted) = self._entries.popitem(last=False)
                self._used -= evicted


# About 200,000 syllables in all (a few tens of MB): thousands of ordinary runs, but
# only a handful of the 16,384-way splits a pathological group can have.
_SPLIT_CACHE = _SizedCache(200_000)

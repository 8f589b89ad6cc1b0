"""Segmentation: every way to split an unspaced pinyin run into syllables.

Unspaced pinyin is ambiguous (``fangan`` is fang·an or fan·gan) and only the hanzi
decide, so :func:`split_syllables` lists every split in a fixed order and the parser
scores them; :func:`first_segmentation` finds the first one directly, which is all the
parser needs when it reads the hanzi perfectly. Built on :mod:`hanzi_annot.pinyin.syllables`.
"""

from __future__ import annotations

import functools
import itertools
import unicodedata

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

__all__ = ["MAX_SEGMENTATIONS", "count_segmentations", "first_segmentation", "split_syllables"]

_SEPARATORS_TO_SPACE = str.maketrans(dict.fromkeys(SEPARATORS, " "))

# split_syllables gives up (returns ()) on runs with more segmentations than this: only
# pathological input gets near it (a real 7-syllable unspaced name has 64), and the
# parser calls it on any parenthesised text, so it must neither hang nor raise.
MAX_SEGMENTATIONS = 20_000

# Longest written syllable (e.g. "zhuangr" + combining marks + ":" + digit), in NFC chars.
_MAX_TOKEN = 12


def _pieces(run: str) -> list[str]:
    """Split ``run`` (NFKC, then NFC) at separators and whitespace into non-empty pieces."""
    text = unicodedata.normalize("NFC", fold_pinyin(run))
    return text.translate(_SEPARATORS_TO_SPACE).split()


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


@functools.lru_cache(maxsize=4096)
def _piece_candidates(piece: str) -> tuple[tuple[tuple[int, str, int], ...], ...]:
    """For each start index of ``piece``: (end, canonical, rarity) of each valid syllable."""
    mapped = [char.translate(_SKELETON) for char in piece]
    candidates: list[tuple[tuple[int, str, int], ...]] = []
    for start in range(len(piece)):
        found: list[tuple[int, str, int]] = []
        node: _Trie | None = _TRIE if mapped[start] else None
        for end in range(start, min(len(piece), start + _MAX_TOKEN)):
            if mapped[end]:
                node = node.get(mapped[end]) if node is not None else None
            if node is None:
                break
            if "" in node and (syllable := normalize_syllable(piece[start : end + 1])):
                found.append((end + 1, syllable, _rarity(syllable)))
        candidates.append(tuple(found))
    return tuple(candidates)


@functools.lru_cache(maxsize=4096)
def _piece_count(piece: str) -> int:
    """Count the segmentations of one unspaced ``piece`` without listing them."""
    cands = _piece_candidates(piece)
    counts = [0] * len(piece) + [1]
    for i in range(len(piece) - 1, -1, -1):
        counts[i] = sum(counts[j] for j, _, _ in cands[i])
    return counts[0]


@functools.lru_cache(maxsize=4096)
def _piece_segmentations(piece: str) -> tuple[_Seg, ...]:
    """List every segmentation of one unspaced ``piece`` (unsorted)."""
    cands = _piece_candidates(piece)
    suffix: list[list[_Seg]] = [[] for _ in piece] + [[()]]
    for i in range(len(piece) - 1, -1, -1):
        suffix[i] = [((syl, j - i, rare), *rest) for j, syl, rare in cands[i] for rest in suffix[j]]
    return tuple(suffix[0])


def count_segmentations(run: str) -> int:
    """Count the segmentations :func:`split_syllables` would return, cheaply.

    Lets a caller check a run against :data:`MAX_SEGMENTATIONS` before listing them.
    """
    pieces = _pieces(run)
    if not pieces:
        return 0
    total = 1
    for piece in pieces:
        total *= _piece_count(piece)
    return total


def _order(seg: _Seg) -> tuple[int, int, tuple[int, ...]]:
    """Sort key: fewest syllables, then fewest rare ones, then longest written first."""
    return len(seg), sum(rare for _, _, rare in seg), tuple(-length for _, length, _ in seg)


@functools.lru_cache(maxsize=4096)
def _piece_first(piece: str) -> _Seg | None:
    """Find the segmentation of ``piece`` that :func:`split_syllables` would list first."""
    cands = _piece_candidates(piece)
    best: list[tuple[tuple[int, int, tuple[int, ...]], _Seg] | None] = [None] * len(piece)
    best.append(((0, 0, ()), ()))
    for i in range(len(piece) - 1, -1, -1):
        for j, syllable, rare in cands[i]:
            rest = best[j]
            if rest is None:
                continue
            (count, rares, lengths), seg = rest
            key = (count + 1, rares + rare, (i - j, *lengths))
            current = best[i]
            if current is None or key < current[0]:
                best[i] = (key, ((syllable, j - i, rare), *seg))
    first = best[0]
    return first[1] if first is not None else None


def first_segmentation(run: str) -> tuple[str, ...] | None:
    """Return the first segmentation :func:`split_syllables` would list, found directly.

    The parser tries it before listing every split: when it reads the hanzi perfectly
    no other split can win, and most annotations are like that.

    >>> first_segmentation("fangan"), first_segmentation("zhx")
    (('fang', 'an'), None)
    """
    if not 0 < count_segmentations(run) <= MAX_SEGMENTATIONS:
        return None
    parts: list[str] = []
    for piece in _pieces(run):
        seg = _piece_first(piece)
        if seg is None:
            return None
        parts.extend(syllable for syllable, _, _ in seg)
    return tuple(parts)


@functools.lru_cache(maxsize=4096)
def split_syllables(run: str) -> tuple[tuple[str, ...], ...]:
    """List every segmentation of a written pinyin run into canonical syllables.

    Unspaced pinyin is ambiguous (fangan: fang·an or fan·gan) and only the hanzi decide,
    so every split is returned: fewest syllables first, then fewest erhua and interjection
    syllables (m n ng hm hng ê), then greedy longest-first (by written length, left to
    right). Spaces, hyphens and apostrophes are forced boundaries. Returns () when no
    segmentation exists, and also beyond :data:`MAX_SEGMENTATIONS` (use
    :func:`count_segmentations` to tell the two apart).

    >>> split_syllables("Xī'ān"), split_syllables("WTO")
    ((('Xī', 'ān'), ('Xī', 'ā', 'n')), ())
    """
    if not 0 < count_segmentations(run) <= MAX_SEGMENTATIONS:
        return ()
    per_piece = [_piece_segmentations(piece) for piece in _pieces(run)]
    combined: list[_Seg] = [
        tuple(itertools.chain.from_iterable(parts)) for parts in itertools.product(*per_piece)
    ]
    combined.sort(key=_order)
    return tuple(dict.fromkeys(tuple(syl for syl, _, _ in seg) for seg in combined))

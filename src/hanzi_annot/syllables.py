"""Pinyin syllables: the inventory, tone marks, normalisation and segmentation.

A *canonical syllable* is an NFC string with the tone written as a mark on the right
vowel (no mark for the neutral tone), ``ü`` spelled as ``ü`` and each letter in the case
it was written in. Tones are the ints 1-4, and 5 for the neutral tone. Everything here is
pure data and logic (no pypinyin), so the parser and validator can share one notion of
what a syllable is.

>>> normalize_syllable("lv4")
'lǜ'
>>> split_syllables("fangan")[:2]
(('fang', 'an'), ('fan', 'gan'))
"""

from __future__ import annotations

import functools
import itertools
import unicodedata
from collections.abc import Mapping
from types import MappingProxyType

__all__ = [
    "EDGE_SYLLABLES",
    "MAX_SEGMENTATIONS",
    "REJECTED_SYLLABLES",
    "SEPARATORS",
    "TONELESS_SYLLABLES",
    "TONE_MARKS",
    "apply_case",
    "count_segmentations",
    "has_tone_mark",
    "is_erhua",
    "is_valid_base",
    "looks_like_pinyin",
    "mark_tone",
    "normalize_syllable",
    "split_syllables",
    "split_tone",
    "to_numbered",
]

# The syllable table of GB/T 16159-2012 / the Xiandai Hanyu Cidian (7th ed.) 音节表,
# written as initial -> the finals it takes, spelled as they are written after that
# initial (iou -> iu, uei -> ui, uen -> un, ü -> u after j/q/x). "" is the zero
# initial, whose syllables are written out whole with the y/w spelling rules.
_TABLE: Mapping[str, str] = {
    "": "a o e ai ao ou an en ang er yi ya ye yao you yan yin yang ying yong "
    "wu wa wo wai wei wan wen wang weng yu yue yuan yun",
    "b": "a o ai ei ao an en ang eng i ie iao ian in ing u",
    "p": "a o ai ei ao ou an en ang eng i ie iao ian in ing u",
    "m": "a o e ai ei ao ou an en ang eng i ie iao iu ian in ing u",
    "f": "a o ei ou an en ang eng u",
    "d": "a e ai ei ao ou an ang eng ong i ie iao iu ian ing u uo ui uan un",
    "t": "a e ai ao ou an ang eng ong i ie iao ian ing u uo ui uan un",
    "n": "a e ai ei ao an en ang eng ong i ie iao iu ian in iang ing u uo uan ü üe",
    "l": "a e ai ei ao ou an ang eng ong i ia ie iao iu ian in iang ing u uo uan un ü üe",
    "g": "a e ai ei ao ou an en ang eng ong u ua uo uai ui uan un uang",
    "k": "a e ai ao ou an en ang eng ong u ua uo uai ui uan un uang",
    "h": "a e ai ei ao ou an en ang eng ong u ua uo uai ui uan un uang",
    "j": "i ia ie iao iu ian in iang ing iong u ue uan un",
    "q": "i ia ie iao iu ian in iang ing iong u ue uan un",
    "x": "i ia ie iao iu ian in iang ing iong u ue uan un",
    "zh": "a e i ai ao ou an en ang eng ong u ua uo uai ui uan un uang",
    "ch": "a e i ai ao ou an en ang eng ong u uo uai ui uan un uang",
    "sh": "a e i ai ao ou an en ang eng u ua uo uai ui uan un uang",
    "r": "e i ao ou an en ang eng ong u uo ui uan un",
    "z": "a e i ai ei ao ou an en ang eng ong u uo ui uan un",
    "c": "a e i ai ao ou an en ang eng ong u uo ui uan un",
    "s": "a e i ai ao ou an en ang eng ong u uo ui uan un",
}


def _words(text: str) -> frozenset[str]:
    """Return the set of space-separated words in ``text`` (compact table literals)."""
    return frozenset(text.split())


# Public syllable lists disagree at the edges. These are attested in the modern standard
# dictionaries (interjections, single common characters such as 谁 shéi, 这 zhèi, 贼 zéi,
# 嗲 diǎ, 覅 fiào, 俩 liǎ, 略 lüè), so we accept them. Some are also in the table above.
EDGE_SYLLABLES: frozenset[str] = _words(
    "ê m n ng hm hng o yo lo ei eng shei zhei tei kei cei den nou rua dia fiao nun lia "
    "zei chua lüe nüe lü nü"
)

# Dialectal or single-character oddities that pypinyin's data contains (biáng, bǒng,
# dìn, lěn, niá, wòng): not standard Mandarin syllables, so a run spelled with them is
# far more likely a typo or a foreign word than pinyin.
REJECTED_SYLLABLES: frozenset[str] = _words("biang bong din len nia wong")

TONELESS_SYLLABLES: frozenset[str] = frozenset(
    {ini + fin for ini, fins in _TABLE.items() for fin in fins.split()} | EDGE_SYLLABLES
)

# Syllables that never take the erhua suffix -r (er itself and the nasal interjections).
_NO_ERHUA: frozenset[str] = _words("er ê m n ng hm hng")

TONE_MARKS: Mapping[str, int] = MappingProxyType(
    {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}
)
_MARK_OF_TONE: Mapping[int, str] = {tone: mark for mark, tone in TONE_MARKS.items()}
_DIAERESIS = "\u0308"  # ü = u + U+0308; not a tone
_CIRCUMFLEX = "\u0302"  # ê = e + U+0302; not a tone

# Forced syllable boundaries, never part of a syllable (any other whitespace counts too).
SEPARATORS: frozenset[str] = frozenset(
    " \u3000" + "-\u2010\u2011\u2013\u2014" + "'\u2019\u2018\u02bc\u2032"
)

_SEPARATORS_TO_SPACE = str.maketrans(dict.fromkeys(SEPARATORS, " "))

# split_syllables gives up (returns ()) on runs with more segmentations than this: only
# pathological input gets near it (a real 7-syllable unspaced name has 64), and the
# parser calls it on any parenthesised text, so it must neither hang nor raise.
MAX_SEGMENTATIONS = 20_000

# Longest written syllable (e.g. "zhuangr" + combining marks + ":" + digit), in NFC chars.
_MAX_TOKEN = 12
_DIGITS = "012345"


#: Letters that textbook pinyin fonts and IPA keyboards use for g and a.
_IPA_LETTERS = str.maketrans(
    {"\N{LATIN SMALL LETTER SCRIPT G}": "g", "\N{LATIN SMALL LETTER ALPHA}": "a"}
)


def fold_pinyin(text: str) -> str:
    """Apply NFKC (full-width letters, compatibility forms) and read ɡ as g and ɑ as a.

    Only ever applied to pinyin, never to hanzi: NFKC changes some CJK characters.

    >>> fold_pinyin("ｇｕó"), fold_pinyin("ɡuó")
    ('guó', 'guó')
    """
    return unicodedata.normalize("NFKC", text).translate(_IPA_LETTERS)


#: Every erhua form: a syllable (not er, ê or a syllabic nasal) plus r, unless that
#: spelling is itself a plain syllable.
_ERHUA_FORMS: frozenset[str] = frozenset(
    base + "r" for base in TONELESS_SYLLABLES - _NO_ERHUA if base + "r" not in TONELESS_SYLLABLES
)


def is_erhua(base: str) -> bool:
    """Tell whether ``base`` is an erhua form: a syllable plus a final ``r`` (``dianr``).

    Erhua forms are written as one syllable over X儿, so the parser must accept them even
    though they are not in :data:`TONELESS_SYLLABLES`.

    >>> is_erhua("dianr"), is_erhua("er"), is_erhua("nr")
    (True, False, False)
    """
    return base in _ERHUA_FORMS


def is_valid_base(base: str) -> bool:
    """Tell whether a lowercase toneless ``base`` is a syllable or an erhua form.

    This is the single validity test shared by the normaliser and the segmenter.
    """
    return base in TONELESS_SYLLABLES or is_erhua(base)


def _strip_tone(syllable: str) -> tuple[str, int]:
    """Remove the tone mark from ``syllable`` keeping case; return (NFC text, tone)."""
    decomposed = unicodedata.normalize("NFD", syllable)
    tones = [TONE_MARKS[ch] for ch in decomposed if ch in TONE_MARKS]
    if len(tones) > 1:
        raise ValueError(f"more than one tone mark in {syllable!r}")
    bare = "".join(ch for ch in decomposed if ch not in TONE_MARKS)
    return unicodedata.normalize("NFC", bare), tones[0] if tones else 5


@functools.lru_cache(maxsize=16384)
def split_tone(syllable: str) -> tuple[str, int]:
    """Split a marked syllable into its lowercase toneless base and its tone (5 = neutral).

    Comparing bases and tones separately lets the validator tell a wrong tone from a
    wrong syllable. The base is not validated; more than one mark raises ValueError.

    >>> split_tone("Guó"), split_tone("lǜ"), split_tone("de"), split_tone("ḿ")
    (('guo', 2), ('lü', 4), ('de', 5), ('m', 2))
    """
    bare, tone = _strip_tone(syllable)
    return bare.lower(), tone


def _mark_index(core: str) -> int:
    """Return the index of the letter that carries the tone mark in ``core``."""
    for vowel in ("a", "e", "ê"):
        if vowel in core:
            return core.index(vowel)
    if "ou" in core:
        return core.index("ou")
    for i in range(len(core) - 1, -1, -1):
        if core[i] in "iouü":
            return i
    # Syllabic nasals: m, n, ng, hm, hng carry the mark on the m or n.
    return min(i for i, ch in enumerate(core) if ch in "mn")


def mark_tone(base: str, tone: int) -> str:
    """Write ``tone`` (1-5) on a lowercase toneless ``base`` by the standard rule; NFC.

    The mark goes on a or e if present, else the o of ou, else the last of i o u ü, and on
    the m or n of the syllabic nasals; erhua bases are marked on the syllable before r.

    >>> [mark_tone(b, t) for b, t in [("gui", 3), ("liu", 4), ("lüe", 4), ("ng", 2)]]
    ['guǐ', 'liù', 'lüè', 'ńg']
    """
    if tone not in (1, 2, 3, 4, 5):
        raise ValueError(f"tone must be 1-5, got {tone!r}")
    if not is_valid_base(base):
        raise ValueError(f"not a lowercase toneless pinyin syllable: {base!r}")
    if tone == 5:
        return base
    core = base[:-1] if is_erhua(base) else base
    i = _mark_index(core) + 1
    return unicodedata.normalize("NFC", base[:i] + _MARK_OF_TONE[tone] + base[i:])


def _case_flags(template: str) -> list[bool]:
    """Return, per letter of ``template`` (``u:`` counting as one), whether it is upper."""
    text = unicodedata.normalize("NFD", fold_pinyin(template))
    return [ch.isupper() for ch in text if ch.isalpha()]


def _apply_flags(flags: list[bool], canonical_lower: str) -> str:
    """Upper-case the letters of ``canonical_lower`` whose flag is set; NFC."""
    out: list[str] = []
    letters = iter(flags)
    for ch in unicodedata.normalize("NFD", canonical_lower):
        if unicodedata.combining(ch):
            out.append(ch)
        else:
            out.append(ch.upper() if next(letters, False) else ch)
    return unicodedata.normalize("NFC", "".join(out))


def apply_case(template: str, canonical_lower: str) -> str:
    """Give ``canonical_lower`` the per-letter case of the written ``template``.

    Proper nouns keep their capitals (``Quan2`` -> ``Quán``). Letters are matched by
    position (``u:`` and ``v`` count as one letter); letters beyond the template stay.

    >>> apply_case("Quan2", "quán"), apply_case("XI1", "xī"), apply_case("LU:4", "lǜ")
    ('Quán', 'XĪ', 'LǛ')
    """
    return _apply_flags(_case_flags(template), canonical_lower)


def _parse(written: str) -> tuple[str, int, list[bool]] | None:
    """Parse one written syllable into (lowercase base, tone, per-letter upper flags)."""
    text = unicodedata.normalize("NFD", fold_pinyin(written))
    digit_tone: int | None = None
    if text and text[-1] in _DIGITS:
        digit_tone = int(text[-1]) or 5
        text = text[:-1]
    letters: list[str] = []
    upper: list[bool] = []
    mark_tone_: int | None = None
    for ch in text:
        if ch in TONE_MARKS:
            if mark_tone_ is not None or not letters:
                return None
            mark_tone_ = TONE_MARKS[ch]
        elif ch in (_DIAERESIS, ":"):
            if not letters or letters[-1] != "u":
                return None
            letters[-1] = "ü"
        elif ch == _CIRCUMFLEX:
            if not letters or letters[-1] != "e":
                return None
            letters[-1] = "ê"
        elif ch.isascii() and ch.isalpha():
            low = ch.lower()
            letters.append("ü" if low == "v" else low)
            upper.append(ch.isupper())
        else:
            return None
    if not letters:
        return None
    if mark_tone_ is not None and digit_tone is not None and mark_tone_ != digit_tone:
        return None
    base = "".join(letters)
    if base[:2] in ("jü", "qü", "xü", "yü"):  # ü is written u after j, q, x, y
        base = base[0] + "u" + base[2:]
    elif base[:3] in ("lue", "nue"):  # lüe/nüe without the dots: unambiguous
        base = base[0] + "ü" + base[2:]
    if not is_valid_base(base):
        return None
    return base, mark_tone_ or digit_tone or 5, upper


@functools.lru_cache(maxsize=8192)
def normalize_syllable(written: str) -> str | None:
    """Turn one written syllable (any form of FORMAT.md §1) into a canonical one, or None.

    Accepts marks (NFC or NFD, anywhere: ``gǔi`` -> ``guǐ``), a trailing digit 0-5, v and
    u: for ü, full-width letters and capitals; the validator reports misplaced marks.
    Two marks, a mark and a digit that disagree, or a non-syllable give None.

    >>> normalize_syllable("zhu4"), normalize_syllable("gúo"), normalize_syllable("XI1")
    ('zhù', 'guó', 'XĪ')
    """
    parsed = _parse(written)
    if parsed is None:
        return None
    base, tone, upper = parsed
    return _apply_flags(upper, mark_tone(base, tone))


def _pieces(run: str) -> list[str]:
    """Split ``run`` (NFKC, then NFC) at separators and whitespace into non-empty pieces."""
    text = unicodedata.normalize("NFC", fold_pinyin(run))
    return text.translate(_SEPARATORS_TO_SPACE).split()


# Per syllable: (canonical syllable, written length, 1 if erhua or a syllabic nasal/ê).
_Seg = tuple[tuple[str, int, int], ...]
# Interjection syllables that rarely belong in a word: ranked after ordinary splits.
_RARE: frozenset[str] = _words("m n ng hm hng ê")


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
    table.update({ord(d): None for d in _DIGITS + ":"})
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


def to_numbered(syllable: str) -> str:
    """Write a canonical syllable in tone-number form, keeping case (``Lǜ`` -> ``Lü4``).

    Numbered forms are what tools and logs compare most easily; ü stays ü, neutral is 5.

    >>> to_numbered("zhù"), to_numbered("lǜ"), to_numbered("de"), to_numbered("Diǎnr")
    ('zhu4', 'lü4', 'de5', 'Dianr3')
    """
    bare, tone = _strip_tone(syllable)
    return f"{bare}{tone}"


def has_tone_mark(text: str) -> bool:
    """Tell whether ``text`` contains a tone mark (precomposed or combining).

    The diaeresis of ü and the circumflex of ê are not tone marks.
    """
    return any(ch in TONE_MARKS for ch in unicodedata.normalize("NFD", text))


def looks_like_pinyin(content: str) -> bool:
    """Cheaply tell whether parenthesised ``content`` is meant as pinyin.

    The parser warns about invalid annotations only when they look like pinyin, so
    acronyms (WTO), numbers and Chinese stay quiet while ``gúo`` or ``zhx`` are reported:
    pinyin characters only, and a tone mark, a tone digit after a letter or no capitals.

    >>> [looks_like_pinyin(s) for s in ["zhx", "gúo", "zhu4ming2", "WTO", "PM2.5", "1"]]
    [True, True, True, False, False, False]
    """
    text = unicodedata.normalize("NFD", fold_pinyin(content))
    has_upper = has_mark = digit_after_letter = False
    letter = ""  # the letter just before, lowercase; "" after a non-letter
    for ch in text:
        if ch.isascii() and ch.isalpha():
            has_upper = has_upper or ch.isupper()
            letter = ch.lower()
        elif ch in TONE_MARKS and letter:
            has_mark = True
        elif (ch == _DIAERESIS and letter == "u") or (ch == _CIRCUMFLEX and letter == "e"):
            pass
        elif ch in _DIGITS:
            digit_after_letter = digit_after_letter or bool(letter)
            letter = ""
        elif ch in SEPARATORS or ch == ":" or ch.isspace():
            letter = ""
        else:
            return False
    has_letter = any(ch.isascii() and ch.isalpha() for ch in text)
    return has_letter and (has_mark or digit_after_letter or not has_upper)

"""Pinyin syllables: the inventory, tone marks and normalisation of written forms.

A *canonical syllable* is an NFC string with the tone written as a mark on the right
vowel (no mark for the neutral tone), ``ü`` spelled as ``ü`` and each letter in the case
it was written in. Tones are the ints 1-4, and 5 for the neutral tone. Everything here is
pure data and logic (no pypinyin), so the parser and validator can share one notion of
what a syllable is.

>>> normalize_syllable("lv4")
'lǜ'

Splitting unspaced runs into syllables lives in :mod:`hanzi_annot.pinyin.segmentation`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import Any, Final

import attrs

__all__ = [
    "APOSTROPHE_STARTS",
    "CIRCUMFLEX",
    "DIAERESIS",
    "EDGE_SYLLABLES",
    "REJECTED_SYLLABLES",
    "SEPARATORS",
    "TONELESS_SYLLABLES",
    "TONE_MARKS",
    "PinyinChar",
    "apply_case",
    "fold_pinyin",
    "has_tone_mark",
    "is_erhua",
    "is_valid_base",
    "looks_like_pinyin",
    "mark_tone",
    "normalize_syllable",
    "scan_pinyin",
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


def word_set(text: str) -> frozenset[str]:
    """Return the set of space-separated words in ``text`` (compact table literals)."""
    return frozenset(text.split())


# Public syllable lists disagree at the edges. These are attested in the modern standard
# dictionaries (interjections, single common characters such as 谁 shéi, 这 zhèi, 贼 zéi,
# 嗲 diǎ, 覅 fiào, 俩 liǎ, 略 lüè), so we accept them. Some are also in the table above.
EDGE_SYLLABLES: frozenset[str] = word_set(
    "ê m n ng hm hng o yo lo ei eng shei zhei tei kei cei den nou rua dia fiao nun lia "
    "zei chua lüe nüe lü nü"
)

# Dialectal or single-character oddities that pypinyin's data contains (biáng, bǒng,
# dìn, lěn, niá, wòng): not standard Mandarin syllables, so a run spelled with them is
# far more likely a typo or a foreign word than pinyin.
REJECTED_SYLLABLES: frozenset[str] = word_set("biang bong din len nia wong")

TONELESS_SYLLABLES: frozenset[str] = frozenset(
    {ini + fin for ini, fins in _TABLE.items() for fin in fins.split()} | EDGE_SYLLABLES
)

# Syllables that never take the erhua suffix -r (er itself and the nasal interjections).
_NO_ERHUA: frozenset[str] = word_set("er ê m n ng hm hng")

TONE_MARKS: Mapping[str, int] = MappingProxyType(
    {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}
)
_MARK_OF_TONE: Mapping[int, str] = {tone: mark for mark, tone in TONE_MARKS.items()}

#: The combining diaeresis of ü (u + U+0308); not a tone mark.
DIAERESIS = "\u0308"
#: The combining circumflex of ê (e + U+0302); not a tone mark.
CIRCUMFLEX = "\u0302"

#: Syllable starts that take an apostrophe after another syllable: a, o, e in any tone.
APOSTROPHE_STARTS: frozenset[str] = frozenset("aoeāáǎàōóǒòēéěè")

# Forced syllable boundaries, never part of a syllable (any other whitespace counts too).
SEPARATORS: frozenset[str] = frozenset(
    " \u3000" + "-\u2010\u2011\u2013\u2014" + "'\u2019\u2018\u02bc\u2032"
)


TONE_DIGITS = "012345"


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


@attrs.frozen
class PinyinChar:
    """One character of written pinyin: a letter with the marks written on it, or another.

    ``text`` is the letter as written (case kept) or the other character; ``tone`` is
    the tone of its mark (0 for none) and ``marks`` how many tone marks it carries.
    ``u`` with a diaeresis or a colon, and ``v``, read as ü; ``e`` with a circumflex
    as ê.
    """

    text: str
    letter: bool = False
    tone: int = 0
    marks: int = 0
    diaeresis: bool = False
    circumflex: bool = False
    colon: bool = False

    @property
    def char(self) -> str:
        """The letter as read, lowercase (``v`` and ``u:`` give ü); other characters as is."""
        if not self.letter:
            return self.text
        low = self.text.lower()
        if low == "v" or (low == "u" and (self.diaeresis or self.colon)):
            return "ü"
        return "ê" if low == "e" and self.circumflex else low

    def render(self) -> str:
        """Write the character back with its marks (decomposed; NFC the joined text)."""
        marks = DIAERESIS if self.diaeresis else ""
        marks += CIRCUMFLEX if self.circumflex else ""
        marks += _MARK_OF_TONE.get(self.tone, "")
        return self.text + marks + (":" if self.colon else "")


def scan_pinyin(text: str) -> tuple[PinyinChar, ...]:
    """Split written pinyin into letters with their marks and the characters between.

    This is the one reader of pinyin letters: the normaliser, the "looks like pinyin"
    test and the spelling checks all build on it. Text is folded (:func:`fold_pinyin`)
    and decomposed first; a mark attaches to the letter right before it, anything that
    cannot attach is a character of its own.

    >>> [(c.char, c.tone) for c in scan_pinyin("lv4 gǔi")]
    [('l', 0), ('ü', 0), ('4', 0), (' ', 0), ('g', 0), ('u', 3), ('i', 0)]
    """
    if len(text) <= _CACHED_SCAN_CHARS:
        return _scan_cached(text)
    return _scan_decomposed(unicodedata.normalize("NFD", fold_pinyin(text)))


def iter_pinyin(text: str) -> Iterable[PinyinChar]:
    """Like :func:`scan_pinyin`, but a long text is read lazily, in constant memory."""
    if len(text) <= _CACHED_SCAN_CHARS:
        return _scan_cached(text)
    return _iter_decomposed(unicodedata.normalize("NFD", fold_pinyin(text)))


#: Texts up to this long (every real annotation) are scanned once and remembered; a
#: corpus repeats its annotations, and the bound keeps hostile input out of the cache.
_CACHED_SCAN_CHARS = 48


@functools.lru_cache(maxsize=8192)
def _scan_cached(text: str) -> tuple[PinyinChar, ...]:
    return _scan_decomposed(unicodedata.normalize("NFD", fold_pinyin(text)))


def _scan_decomposed(text: str) -> tuple[PinyinChar, ...]:
    return tuple(_iter_decomposed(text))


def _iter_decomposed(text: str) -> Iterator[PinyinChar]:
    # The letter being read, as [text, tone, marks, diaeresis, circumflex, colon]: its
    # marks follow it, so it is finished at the next character that is not one of them.
    letter: list[Any] | None = None
    for ch in text:
        if letter is not None:
            low = letter[0].lower()
            if ch in TONE_MARKS:
                letter[1] = TONE_MARKS[ch]
                letter[2] += 1
                continue
            plain_u = low == "u" and not (letter[3] or letter[5])
            if ch == DIAERESIS and plain_u:
                letter[3] = True
                continue
            if ch == ":" and plain_u:
                letter[5] = True
                continue
            if ch == CIRCUMFLEX and low == "e" and not letter[4]:
                letter[4] = True
                continue
            yield PinyinChar(letter[0], True, *letter[1:])
            letter = None
        if ch.isascii() and ch.isalpha():
            letter = [ch, 0, 0, False, False, False]
        else:
            yield PinyinChar(ch)
    if letter is not None:
        yield PinyinChar(letter[0], True, *letter[1:])


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
    if text and text[-1] in TONE_DIGITS:
        digit_tone = int(text[-1]) or 5
        text = text[:-1]
    chars = _scan_decomposed(text)
    if not chars or not all(c.letter for c in chars):
        return None
    marked = [c.tone for c in chars if c.marks]
    if len(marked) > 1 or any(c.marks > 1 for c in chars):
        return None
    mark_tone_ = marked[0] if marked else None
    if mark_tone_ is not None and digit_tone is not None and mark_tone_ != digit_tone:
        return None
    base = "".join(c.char for c in chars)
    if base[:2] in ("jü", "qü", "xü", "yü"):  # ü is written u after j, q, x, y
        base = base[0] + "u" + base[2:]
    elif base[:3] in ("lue", "nue"):  # lüe/nüe without the dots: unambiguous
        base = base[0] + "ü" + base[2:]
    if not is_valid_base(base):
        return None
    return base, mark_tone_ or digit_tone or 5, [c.text.isupper() for c in chars]


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


def to_numbered(syllable: str) -> str:
    """Write a canonical syllable in tone-number form, keeping case (``Lǜ`` -> ``Lü4``).

    Numbered forms are what tools and logs compare most easily; ü stays ü, neutral is 5.

    >>> to_numbered("zhù"), to_numbered("lǜ"), to_numbered("de"), to_numbered("Diǎnr")
    ('zhu4', 'lü4', 'de5', 'Dianr3')
    """
    bare, tone = _strip_tone(syllable)
    return f"{bare}{tone}"


_TONE_MARK_RE = re.compile(f"[{''.join(TONE_MARKS)}]")


def has_tone_mark(text: str) -> bool:
    """Tell whether ``text`` contains a tone mark (precomposed or combining).

    The diaeresis of ü and the circumflex of ê are not tone marks.
    """
    return _TONE_MARK_RE.search(unicodedata.normalize("NFD", text)) is not None


# Lowercase letters, lowercase vowels with precomposed marks, apostrophes, hyphens and
# spaces, with at least one letter: what looks_like_pinyin's scan accepts most often.
_PLAIN_LETTER = "a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
_PLAIN_PINYIN_RE = re.compile(f"[ '-]*[{_PLAIN_LETTER}][{_PLAIN_LETTER}' -]*")


def looks_like_pinyin(content: str) -> bool:
    """Cheaply tell whether parenthesised ``content`` is meant as pinyin.

    The parser warns about invalid annotations only when they look like pinyin, so
    acronyms (WTO), numbers and Chinese stay quiet while ``gúo`` or ``zhx`` are reported:
    pinyin characters only, and a tone mark, a tone digit after a letter or no capitals.

    >>> [looks_like_pinyin(s) for s in ["zhx", "gúo", "zhu4ming2", "WTO", "PM2.5", "1"]]
    [True, True, True, False, False, False]
    """
    if _PLAIN_PINYIN_RE.fullmatch(content):  # the usual case, decided without a scan
        return True
    has_letter = has_upper = has_mark = digit_after_letter = False
    after_letter = False
    for char in iter_pinyin(content):
        if char.letter:
            has_letter = True
            has_upper = has_upper or char.text.isupper()
            has_mark = has_mark or char.marks > 0
        elif char.text in TONE_DIGITS:
            digit_after_letter = digit_after_letter or after_letter
        elif not (char.text in SEPARATORS or char.text == ":" or char.text.isspace()):
            return False
        after_letter = char.letter
    return has_letter and (has_mark or digit_after_letter or not has_upper)


_TONE_DIGIT_RE = re.compile(r"[^\W\d_][0-5]")


#: Precomposed vowels and nasals with a tone mark: one of them makes written pinyin toned
#: without folding or decomposing it (a test holds each to :func:`has_tone_mark`).
_TONED_LETTERS: Final = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜĀÁǍÀĒÉĚÈĪÍǏÌŌÓǑÒŪÚǓÙǕǗǙǛḿǹńňḾǸŃŇ"
_TONED_LETTER_RE = re.compile(f"[{_TONED_LETTERS}]")


def is_toned(content: str) -> bool:
    """Return whether written pinyin carries tone information (marks or digits)."""
    if _TONED_LETTER_RE.search(content) is not None:  # the usual case: a marked vowel
        return True
    folded = fold_pinyin(content)  # full-width digits count as tone digits
    return has_tone_mark(folded) or _TONE_DIGIT_RE.search(folded) is not None


def join_pinyin(syllables: Iterable[str], *, numbered: bool = False) -> str:
    """Write syllables as one word: apostrophe before a/o/e after the first syllable.

    >>> join_pinyin(["fāng", "àn"])
    "fāng'àn"
    >>> join_pinyin(["guó", "jiā"], numbered=True)
    'guo2jia1'
    """
    parts: list[str] = []
    for index, syllable in enumerate(syllables):
        text = to_numbered(syllable) if numbered else syllable
        if index and not numbered and syllable[:1].lower() in APOSTROPHE_STARTS:
            parts.append("'")
        parts.append(text)
    return "".join(parts)

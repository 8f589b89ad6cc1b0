"""Pinyin ↔ zhuyin (bopomofo): a fact table of initials and finals, and the tone marks.

Learners taught with zhuyin read ㄍㄨㄛˊ where others read guó, so the HTML renderer can
write either. The tables follow the standard correspondence (GB/T 16159 pinyin, the
Taiwan Ministry of Education's zhuyin): first tone unmarked, ˊ ˇ ˋ after the syllable,
the neutral-tone dot ˙ before it, and erhua as a trailing ㄦ (``diǎnr`` → ㄉㄧㄢˇㄦ).

>>> to_zhuyin("guó"), to_zhuyin("zhī"), to_zhuyin("de"), to_zhuyin("diǎnr")
('ㄍㄨㄛˊ', 'ㄓ', '˙ㄉㄜ', 'ㄉㄧㄢˇㄦ')
>>> from_zhuyin("ㄌㄩˋ")
'lǜ'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from hanzi_annot.pinyin.syllables import TONELESS_SYLLABLES, is_erhua, mark_tone, split_tone

__all__ = ["from_zhuyin", "is_zhuyin", "split_zhuyin", "to_zhuyin"]

_INITIALS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "b": "ㄅ", "p": "ㄆ", "m": "ㄇ", "f": "ㄈ", "d": "ㄉ", "t": "ㄊ", "n": "ㄋ", "l": "ㄌ",
        "g": "ㄍ", "k": "ㄎ", "h": "ㄏ", "j": "ㄐ", "q": "ㄑ", "x": "ㄒ",
        "zh": "ㄓ", "ch": "ㄔ", "sh": "ㄕ", "r": "ㄖ", "z": "ㄗ", "c": "ㄘ", "s": "ㄙ",
    }
)  # fmt: skip

# Finals as written after a consonant initial (ü spelled ü; iu, ui, un are the short
# spellings of iou, uei, uen).
_FINALS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "a": "ㄚ", "o": "ㄛ", "e": "ㄜ", "ê": "ㄝ", "ai": "ㄞ", "ei": "ㄟ", "ao": "ㄠ",
        "ou": "ㄡ", "an": "ㄢ", "en": "ㄣ", "ang": "ㄤ", "eng": "ㄥ", "er": "ㄦ",
        "ong": "ㄨㄥ", "i": "ㄧ", "ia": "ㄧㄚ", "ie": "ㄧㄝ", "iao": "ㄧㄠ", "iu": "ㄧㄡ",
        "ian": "ㄧㄢ", "in": "ㄧㄣ", "iang": "ㄧㄤ", "ing": "ㄧㄥ", "iong": "ㄩㄥ",
        "u": "ㄨ", "ua": "ㄨㄚ", "uo": "ㄨㄛ", "uai": "ㄨㄞ", "ui": "ㄨㄟ", "uan": "ㄨㄢ",
        "un": "ㄨㄣ", "uang": "ㄨㄤ", "ü": "ㄩ", "üe": "ㄩㄝ", "üan": "ㄩㄢ", "ün": "ㄩㄣ",
    }
)  # fmt: skip

# Syllables spelled whole: the y/w forms of the zero initial and the syllabic nasals.
_WHOLE: Final[Mapping[str, str]] = MappingProxyType(
    {
        "yi": "ㄧ", "ya": "ㄧㄚ", "yo": "ㄧㄛ", "ye": "ㄧㄝ", "yao": "ㄧㄠ", "you": "ㄧㄡ",
        "yan": "ㄧㄢ", "yin": "ㄧㄣ", "yang": "ㄧㄤ", "ying": "ㄧㄥ", "yong": "ㄩㄥ",
        "wu": "ㄨ", "wa": "ㄨㄚ", "wo": "ㄨㄛ", "wai": "ㄨㄞ", "wei": "ㄨㄟ", "wan": "ㄨㄢ",
        "wen": "ㄨㄣ", "wang": "ㄨㄤ", "weng": "ㄨㄥ", "yu": "ㄩ", "yue": "ㄩㄝ",
        "yuan": "ㄩㄢ", "yun": "ㄩㄣ", "m": "ㄇ", "n": "ㄋ", "ng": "\N{BOPOMOFO LETTER NG}",
        "hm": "ㄏㄇ", "hng": "ㄏ\N{BOPOMOFO LETTER NG}",
    }
)  # fmt: skip

# zhi chi shi ri zi ci si: the initial alone stands for the whole syllable.
_BARE_I: Final = frozenset({"zh", "ch", "sh", "r", "z", "c", "s"})

_TONE_AFTER: Final[Mapping[int, str]] = MappingProxyType(
    {
        1: "",
        2: "\N{MODIFIER LETTER ACUTE ACCENT}",
        3: "\N{CARON}",
        4: "\N{MODIFIER LETTER GRAVE ACCENT}",
    }
)
_NEUTRAL: Final = "\N{DOT ABOVE}"
_ERHUA: Final = "ㄦ"


def _toneless(base: str) -> str:
    """Zhuyin letters of one lowercase toneless syllable (no erhua)."""
    whole = _WHOLE.get(base)
    if whole is not None:
        return whole
    initial = base[:2] if base[:2] in _INITIALS else base[:1] if base[:1] in _INITIALS else ""
    final = base[len(initial) :]
    if final == "i" and initial in _BARE_I:
        return _INITIALS[initial]
    if initial in ("j", "q", "x") and final.startswith("u"):
        final = "ü" + final[1:]  # ju, que, xuan, jun are jü, qüe, xüan, jün
    return _INITIALS.get(initial, "") + _FINALS[final]


def to_zhuyin(syllable: str) -> str:
    """Write one canonical pinyin syllable in zhuyin; case is not kept (zhuyin has none).

    Raises ``ValueError`` for text that is not a pinyin syllable.
    """
    base, tone = split_tone(syllable)
    erhua = is_erhua(base)
    stem = base[:-1] if erhua else base
    try:
        letters = _toneless(stem)
    except KeyError:
        raise ValueError(f"not a pinyin syllable: {syllable!r}") from None
    if tone == 5:
        letters = _NEUTRAL + letters
    else:
        letters += _TONE_AFTER[tone]
    return letters + _ERHUA if erhua else letters


def _build_reverse() -> Mapping[str, str]:
    """Map every toneless zhuyin spelling back to its pinyin base (first spelling wins)."""
    reverse: dict[str, str] = {}
    for base in sorted(TONELESS_SYLLABLES):
        reverse.setdefault(_toneless(base), base)
    return MappingProxyType(reverse)


_REVERSE: Final = _build_reverse()
_TONE_OF_MARK: Final[Mapping[str, int]] = MappingProxyType(
    {mark: tone for tone, mark in _TONE_AFTER.items() if mark}
)


def from_zhuyin(text: str) -> str | None:
    """Read one zhuyin syllable back as a canonical pinyin syllable, or ``None``.

    The neutral dot may stand before or after the letters; a trailing ㄦ after other
    letters is read as erhua.
    """
    letters = text.strip()
    tone = 1
    if letters.startswith(_NEUTRAL) or letters.endswith(_NEUTRAL):
        tone = 5
        letters = letters.strip(_NEUTRAL)
    erhua = len(letters) > 1 and letters.endswith(_ERHUA)
    if erhua:
        letters = letters[:-1]
    if letters and letters[-1] in _TONE_OF_MARK and tone == 1:
        tone = _TONE_OF_MARK[letters[-1]]
        letters = letters[:-1]
    base = _REVERSE.get(letters)
    if base is None:
        return None
    if erhua:
        if not is_erhua(base + "r"):
            return None
        base += "r"
    return mark_tone(base, tone)


#: Longest zhuyin syllable, in code points: neutral dot, three letters, erhua, tone mark.
_LONGEST: Final = 6
#: Longest text :func:`split_zhuyin` reads (a phrase, not a paragraph) and most splits.
_MAX_TEXT: Final = 120
_MAX_SPLITS: Final = 64


def split_zhuyin(text: str) -> tuple[tuple[str, ...], ...]:
    """Every way to read ``text`` as zhuyin syllables, as canonical pinyin; ``()`` if none.

    Syllables may be separated by spaces or written together: a tone mark ends a
    syllable and the neutral dot starts one, but a first-tone syllable has no mark, so
    ``ㄐㄧㄚ`` is jiā or jī·ā, and the characters decide (as for unspaced pinyin).
    Splits come fewest syllables first; a text too long to be one word gives ``()``.

    >>> split_zhuyin("ㄍㄨㄛˊㄐㄧㄚ")[0]
    ('guó', 'jiā')
    >>> split_zhuyin("˙ㄉㄜ"), split_zhuyin("ㄍㄨㄛˊ x")
    ((('de',),), ())
    """
    if len(text) > _MAX_TEXT or not is_zhuyin(text):
        return ()
    found: list[tuple[str, ...]] = [()]
    for chunk in text.split():
        found = [done + rest for done in found for rest in _split_chunk(chunk)][:_MAX_SPLITS]
        if not found:
            return ()
    return tuple(sorted(found, key=len))


def _split_chunk(chunk: str) -> list[tuple[str, ...]]:
    """All readings of one run of zhuyin without spaces (dynamic programming from the end)."""
    tails: list[list[tuple[str, ...]]] = [[] for _ in range(len(chunk))] + [[()]]
    for start in range(len(chunk) - 1, -1, -1):
        for end in range(start + 1, min(len(chunk), start + _LONGEST) + 1):
            if not tails[end]:
                continue
            syllable = from_zhuyin(chunk[start:end])
            if syllable is not None and chunk[start:end].strip() == chunk[start:end]:
                tails[start].extend((syllable, *rest) for rest in tails[end])
        del tails[start][_MAX_SPLITS:]
    return tails[0]


_BOPOMOFO_RE = re.compile("[\u3105-\u312f\u31a0-\u31bf]")


def is_zhuyin(text: str) -> bool:
    """Tell whether ``text`` holds any bopomofo letter (so it is read as zhuyin)."""
    return _BOPOMOFO_RE.search(text) is not None

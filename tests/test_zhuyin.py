"""Pinyin → zhuyin: the fact table, its inverse, and agreement with pypinyin's table."""

from __future__ import annotations

import pytest
from pypinyin import Style
from pypinyin.style import convert

from hanzi_annot.pinyin.syllables import (
    EDGE_SYLLABLES,
    TONELESS_SYLLABLES,
    is_erhua,
    mark_tone,
    split_tone,
)
from hanzi_annot.pinyin.zhuyin import from_zhuyin, is_zhuyin, to_zhuyin

ALL_MARKED = sorted(mark_tone(base, tone) for base in TONELESS_SYLLABLES for tone in range(1, 6))


@pytest.mark.parametrize(
    ("pinyin", "zhuyin"),
    [
        ("guó", "ㄍㄨㄛˊ"),
        ("jiā", "ㄐㄧㄚ"),
        ("zhī", "ㄓ"),
        ("sì", "ㄙˋ"),
        ("lǜ", "ㄌㄩˋ"),
        ("xuǎn", "ㄒㄩㄢˇ"),
        ("qún", "ㄑㄩㄣˊ"),
        ("yuè", "ㄩㄝˋ"),
        ("wēng", "ㄨㄥ"),
        ("xióng", "ㄒㄩㄥˊ"),
        ("guǐ", "ㄍㄨㄟˇ"),
        ("liù", "ㄌㄧㄡˋ"),
        ("ér", "ㄦˊ"),
        ("de", "˙ㄉㄜ"),
        ("diǎnr", "ㄉㄧㄢˇㄦ"),
        ("huār", "ㄏㄨㄚㄦ"),
        ("ńg", "ㄫˊ"),
        ("Quán", "ㄑㄩㄢˊ"),
    ],
)
def test_known_spellings(pinyin: str, zhuyin: str) -> None:
    assert to_zhuyin(pinyin) == zhuyin


def test_every_syllable_and_tone_reads_back() -> None:
    wrong = [s for s in ALL_MARKED if from_zhuyin(to_zhuyin(s)) != s]
    assert wrong == []
    assert len({to_zhuyin(s) for s in ALL_MARKED}) == len(ALL_MARKED)


def test_agrees_with_pypinyin_on_standard_syllables() -> None:
    # pypinyin writes the neutral dot after the letters and erhua as ㄖ; compare the rest.
    checked = 0
    for syllable in ALL_MARKED:
        base = split_tone(syllable)[0]
        if base in EDGE_SYLLABLES or is_erhua(base):
            continue
        ours = to_zhuyin(syllable).replace("˙", "")
        theirs = convert(syllable, Style.BOPOMOFO, strict=True).replace("˙", "")
        assert ours == theirs, syllable
        checked += 1
    assert checked > 1500


def test_neutral_dot_may_follow_the_letters() -> None:
    assert from_zhuyin("ㄉㄜ˙") == "de"


@pytest.mark.parametrize("text", ["", "ㄅㄅ", "guó", "ㄍㄨㄛˊˊ", "ㄦㄦ"])
def test_unreadable_zhuyin_is_none(text: str) -> None:
    assert from_zhuyin(text) is None


def test_not_a_syllable_raises() -> None:
    with pytest.raises(ValueError, match="not a pinyin syllable"):
        to_zhuyin("zhx")


def test_is_zhuyin() -> None:
    assert is_zhuyin("ㄍㄨㄛˊ")
    assert not is_zhuyin("guó")
    assert not is_zhuyin("国")

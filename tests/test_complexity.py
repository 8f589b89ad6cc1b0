"""Hostile input stays bounded: structural checks, no timings.

Timings belong to ``benchmarks/complexity.py``; here the tests check the reasons the
work is bounded: counts are capped integers, a group longer than any annotation is
reported (HA108) without being segmented, the alignment search gives the same answer
as listing every segmentation, and caches are bounded by total size.
"""

from __future__ import annotations

import tracemalloc

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hanzi_annot import Code, Text, parse, parse_inline, validate
from hanzi_annot.pinyin import segmentation
from hanzi_annot.pinyin.alignment import best_alignment, candidate_alignments, choose_alignment
from hanzi_annot.pinyin.readings import default_readings
from hanzi_annot.pinyin.segmentation import (
    MAX_GROUP_LETTERS,
    MAX_GROUP_SYLLABLES,
    MAX_SEGMENTATIONS,
    can_split_as,
    count_segmentations,
    first_segmentation,
    group_too_long,
    split_syllables,
    syllable_lattice,
)
from hanzi_annot.text.clean import strip_trailing_groups


def _codes(text: str) -> list[str]:
    return [d.code.code for d in parse_inline(text).diagnostics]


def test_counts_are_capped_not_big_integers() -> None:
    assert count_segmentations("fangan" * 2000) == MAX_SEGMENTATIONS + 1
    assert count_segmentations("xian " * 40) == MAX_SEGMENTATIONS + 1
    assert count_segmentations("fangan") == len(split_syllables("fangan")) == 8


def test_group_bound() -> None:
    assert not group_too_long("zhōnghuárénmíngònghéguó")
    assert not group_too_long("a" * MAX_GROUP_LETTERS)
    assert group_too_long("a" * (MAX_GROUP_LETTERS + 1))
    assert not group_too_long("1" * 1000 + "'" * 1000)  # only letters count
    assert syllable_lattice("fangan" * 14) is None
    assert first_segmentation("fangan" * 14) is None
    assert split_syllables("fangan" * 14) == ()


@pytest.mark.parametrize(
    "text",
    [
        "方案(" + "fangan" * 1000 + ")",
        "西安(" + "xian" * 1000 + ")",
        "国(" + " ".join(["guo"] * (MAX_GROUP_SYLLABLES + 1)) + ")",
        "国(guó)(" + "guo" * 30 + ")",  # right after an annotation
        "西安(" + "xian" * 8 + ")",  # 32 letters, but 65,536 ways to split
        "西安(xī)(" + "xian" * 8 + ")",
    ],
)
def test_long_group_is_reported_and_kept(text: str) -> None:
    result = parse_inline(text)
    assert Code.GROUP_TOO_LONG in [d.code for d in result.diagnostics]
    last = result.tokens[-1]
    assert isinstance(last, Text)
    assert last.text.endswith(")")
    assert last.span is not None
    assert last.span.end == len(text)


def test_twelve_spaced_syllables_are_still_an_annotation() -> None:
    text = "中华人民共和国国家图书馆(zhōng huá rén mín gòng hé guó guó jiā tú shū guǎn)"
    assert _codes(text) == []
    assert len(parse_inline(text).tokens[-1].syllables) == MAX_GROUP_SYLLABLES


def test_long_group_is_not_segmented(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    original = segmentation.normalize_syllable

    def counting(written: str) -> str | None:
        calls.append(written)
        return original(written)

    monkeypatch.setattr(segmentation, "normalize_syllable", counting)
    segmentation._piece_candidates.cache_clear()
    result = parse_inline("方案(" + "fanganq" * 20_000 + ")")
    assert [d.code for d in result.diagnostics] == [Code.GROUP_TOO_LONG]
    assert calls == []


def test_hostile_group_memory_is_linear() -> None:
    parse("标题\n国家(guójiā)")  # dictionaries loaded outside the measurement
    for text in ("标题\n方案(" + "fangan" * 40_000 + ")", "标题\n方案(" + "fangan" * 40_000):
        tracemalloc.start()
        parse(text)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert peak < 20 * len(text.encode("utf-8"))


# Pinyin contents and hanzi runs where the first segmentation is not a perfect reading,
# so the search over the syllable graph runs.
_CONTENTS = st.lists(
    st.sampled_from(["xian", "fangan", "dianr", "er", "guo", "jia", "'", " ", "yi", "ǎr", "nǚ"]),
    min_size=1,
    max_size=5,
).map("".join)
_RUNS = st.text("西安方案一点儿国家乐女儿先见", min_size=1, max_size=8)


@settings(max_examples=300, deadline=None)
@given(_RUNS, _CONTENTS)
def test_search_agrees_with_listing_every_segmentation(run: str, content: str) -> None:
    first = first_segmentation(content)
    if first is None:
        return
    readings = default_readings()
    listed = choose_alignment(candidate_alignments(run, split_syllables(content), readings))
    assert best_alignment(run, content, first, readings) == listed


@given(_CONTENTS)
def test_can_split_as_agrees_with_the_listing(content: str) -> None:
    for seg in split_syllables(content)[:20]:
        assert can_split_as(content, tuple(s.upper() for s in seg))
    assert not can_split_as(content, ("zzz",))


def test_split_cache_is_bounded_by_total_size() -> None:
    groups = [f"xian jian {a} qian tian {b} bian" for a in ("xi an", "nian") for b in ("li", "mi")]
    for group in groups:
        assert len(split_syllables(group)) > 1000
    cache = segmentation._SPLIT_CACHE
    assert all(split_syllables(group) for group in groups)
    assert cache._used <= cache._budget
    assert sum(size for _, size in cache._entries.values()) == cache._used


def test_trailing_groups_and_unclosed_parentheses_at_scale() -> None:
    assert strip_trailing_groups("(a)" * 40_000) == ""
    assert strip_trailing_groups("书房开放。" + "(a) " * 40_000) == "书房开放。"
    assert strip_trailing_groups("书房)(开放") == "书房)(开放"
    text = "国(" + "guo(" * 1000
    codes = _codes(text)
    assert codes.count("HA106") == 1000  # the last parenthesis has nothing after it


def test_spaced_hostile_groups_parse_without_listing() -> None:
    lines = ["标题"] + [f"国(xiān jiàn {s} qián tiān nián biān)" for s in ("xiang", "lian")] * 50
    document = parse("\n".join(lines))
    codes = {d.code for d in document.diagnostics}
    assert Code.TOO_MANY_SYLLABLES in codes
    assert segmentation._SPLIT_CACHE._used <= segmentation._SPLIT_CACHE._budget


def test_erhua_fix_that_takes_no_r_is_no_crash() -> None:
    diagnostics = validate(parse("乐儿儿（yīǎr）"))
    assert {d.code for d in diagnostics} >= {Code.NOT_A_READING}
    assert all(d.edit is None or "rr" not in d.edit.replacement for d in diagnostics)

"""The opt-in full-width punctuation step: what it changes, what it never touches."""

from __future__ import annotations

import pytest

from hanzi_annot import Code, parse
from hanzi_annot.text.clean import CleanOptions
from hanzi_annot.text.decode import Line
from hanzi_annot.text.punctuation import full_width_line

WIDEN = CleanOptions(full_width_punctuation=True)


def widen(text: str) -> str:
    return full_width_line(Line(1, 0, len(text), text))[0].text


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("今年以来,江城区", "今年以来，江城区"),
        ("记者问:你好吗?他说:好!走吧", "记者问：你好吗？他说：好！走吧"),
        ("一是修缮;二是引进", "一是修缮；二是引进"),
        ("老街 , 新貌", "老街 ， 新貌"),
        ("沿河老街(含骑楼)改造", "沿河老街（含骑楼）改造"),
        ("改造(gǎizào),完成", "改造(gǎizào)，完成"),
    ],
)
def test_marks_between_chinese_text_become_full_width(before: str, after: str) -> None:
    assert widen(before) == after
    assert len(widen(before)) == len(before)  # one code point for one: offsets hold


@pytest.mark.parametrize(
    "text",
    [
        "国家(guójiā)历史",  # an annotation's parentheses
        "覆盖12个县(市、区(qū))",  # a parenthetical holding an annotation
        "(市,区)之间",  # marks inside a literal parenthetical
        "增长3,000人次",  # digits
        "Hello, world",  # Latin
        "结束了!",  # the line's last mark: nothing after it
        "他说,",
    ],
)
def test_annotations_and_other_text_are_left_alone(text: str) -> None:
    assert widen(text) == text


def test_off_by_default_and_reported_when_on() -> None:
    source = "江城老街焕新颜\n\n今年以来,江城区对老街(含骑楼)进行改造(gǎizào)。\n"
    plain = parse(source)
    assert "," in plain.sections[0].paragraphs[0].text
    assert not any(d.code is Code.FULL_WIDTH_PUNCTUATION for d in plain.diagnostics)
    doc = parse(source, clean=WIDEN)
    assert doc.sections[0].paragraphs[0].text == "今年以来，江城区对老街（含骑楼）进行改造。"
    notes = [d for d in doc.diagnostics if d.code is Code.FULL_WIDTH_PUNCTUATION]
    assert [(d.line, d.column) for d in notes] == [(3, 5), (3, 12), (3, 16)]
    assert all(source[d.span.start] in ",()" for d in notes)
    (annotation,) = doc.annotations
    assert annotation.syllables == ("gǎi", "zào")

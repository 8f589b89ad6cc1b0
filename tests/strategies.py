"""Hypothesis strategies for realistic documents: real words with their real readings.

Annotations are drawn from pypinyin's phrase dictionary so that alignment works on
the kind of input the parser exists for; plain text is drawn from common hanzi and
Chinese punctuation, never parentheses, so it cannot be mistaken for markup.
"""

from __future__ import annotations

import functools

from hypothesis import strategies as st

from hanzi_annot import Annotation, Document, Paragraph, Section, Text
from hanzi_annot.chardata import is_hanzi
from hanzi_annot.pinyin.syllables import normalize_syllable

FILLER = "的是在了和有我们这个城市发展建设工作推进全面人民群众服务活动文化阅读社会经济"
PUNCTUATION = "，、“”"
SENTENCE_END = "。"


@functools.cache
def real_words() -> tuple[Annotation, ...]:
    """A fixed list of dictionary words (2-4 hanzi) with their first readings."""
    from pypinyin.phrases_dict import phrases_dict

    words: list[Annotation] = []
    for word, readings in sorted(phrases_dict.items())[::40]:
        if not 2 <= len(word) <= 4 or not all(is_hanzi(c) for c in word):
            continue
        syllables = tuple(normalize_syllable(options[0]) for options in readings)
        if len(syllables) != len(word) or None in syllables:
            continue
        words.append(Annotation(word, tuple(s for s in syllables if s is not None)))
    return tuple(words)


def annotations() -> st.SearchStrategy[Annotation]:
    """A real word with its dictionary reading."""
    return st.sampled_from(real_words())


def plain_text(min_size: int = 1) -> st.SearchStrategy[Text]:
    """Hanzi and Chinese punctuation, no brackets and no Latin letters."""
    return st.builds(Text, st.text(alphabet=FILLER + PUNCTUATION, min_size=min_size, max_size=12))


def _merge_text(tokens: list[Annotation | Text]) -> tuple[Annotation | Text, ...]:
    merged: list[Annotation | Text] = []
    for token in tokens:
        if isinstance(token, Text) and merged and isinstance(merged[-1], Text):
            merged[-1] = Text(merged[-1].text + token.text)
        elif not (isinstance(token, Text) and not token.text):
            merged.append(token)
    return tuple(merged)


@st.composite
def paragraphs(draw: st.DrawFn, *, end: str = SENTENCE_END) -> Paragraph:
    """A body paragraph: text and annotations, ending with sentence punctuation."""
    tokens = draw(st.lists(st.one_of(annotations(), plain_text()), min_size=1, max_size=8))
    return Paragraph(_merge_text([*tokens, Text(end)]))


@st.composite
def headings(draw: st.DrawFn) -> Paragraph:
    """A short heading line without sentence punctuation."""
    tokens = draw(
        st.lists(
            st.one_of(annotations(), st.builds(Text, st.text(FILLER, min_size=1, max_size=4))),
            min_size=1,
            max_size=3,
        )
    )
    return Paragraph(_merge_text([Text("推进"), *tokens]))


@st.composite
def documents(draw: st.DrawFn) -> Document:
    """A title, an untitled opening section and zero or more headed sections."""
    title = draw(headings())
    opening = Section(None, tuple(draw(st.lists(paragraphs(), min_size=1, max_size=3))))
    headed = draw(
        st.lists(
            st.builds(
                Section,
                headings(),
                st.lists(paragraphs(), min_size=1, max_size=3).map(tuple),
            ),
            max_size=3,
        )
    )
    return Document(title, (opening, *headed))

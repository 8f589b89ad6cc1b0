"""parse ∘ to_markup is the identity on documents that follow the structure rules.

Documents are built from real dictionary words with their dictionary readings, so the
inline parser meets realistic alignments: an annotation right after other hanzi, words
of two to four syllables, neutral tones and apostrophes.
"""

import functools
from collections import Counter

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from pypinyin.phrases_dict import phrases_dict

from hanzi_annot import (
    Annotation,
    CleanOptions,
    Document,
    Paragraph,
    Section,
    Text,
    parse,
    to_markup,
)
from hanzi_annot.chardata import is_hanzi
from hanzi_annot.pinyin.syllables import normalize_syllable
from hanzi_annot.text.clean import boilerplate_phrase


@functools.cache
def word_pool():
    """Every 23rd dictionary word of two to four hanzi whose readings pair with it."""
    pool = []
    for word in sorted(phrases_dict)[::23]:
        if not 2 <= len(word) <= 4 or not all(is_hanzi(char) for char in word):
            continue
        syllables = tuple(normalize_syllable(options[0]) for options in phrases_dict[word])
        if len(syllables) == len(word) and None not in syllables:
            pool.append((word, syllables))
    return tuple(pool)


words = st.sampled_from(word_pool())
plain = words.map(lambda entry: Text(entry[0]))
annotated = words.map(lambda entry: Annotation(*entry))
comma = st.sampled_from(["，", "、", ","]).map(Text)


def merge(tokens):
    """Join neighbouring Text tokens, as the parser returns them."""
    merged = []
    for token in tokens:
        if merged and isinstance(token, Text) and isinstance(merged[-1], Text):
            merged[-1] = Text(merged[-1].text + token.text)
        else:
            merged.append(token)
    return Paragraph(merged)


word_token = st.one_of(plain, annotated)
headings = st.lists(word_token, min_size=1, max_size=4).map(merge)
sentences = st.tuples(
    word_token,
    st.lists(st.one_of(word_token, comma), max_size=10),
    st.sampled_from(["。", "！", "？", "。”"]),
).map(lambda parts: merge([parts[0], *parts[1], Text(parts[2])]))
sources = st.tuples(words, st.sampled_from(["文化和旅游局", "融媒体中心", "图书馆"])).map(
    lambda parts: parts[0][0] + parts[1]
)


@st.composite
def documents(draw):
    title = draw(st.one_of(headings, sentences))
    sections = []
    if draw(st.booleans()):
        sections.append(Section(None, draw(st.lists(sentences, min_size=1, max_size=3))))
    for _ in range(draw(st.integers(0, 3))):
        sections.append(Section(draw(headings), draw(st.lists(sentences, min_size=1, max_size=3))))
    source = draw(st.none() | sources)
    # a title needs a body after it: a lone first paragraph is a paragraph
    document = (
        Document(title, sections, source)
        if sections
        else Document(None, [Section(None, [title])], source)
    )
    lines = [line for line in to_markup(document).splitlines() if line]
    # the generated document must follow the rules parse relies on
    assume(all(len(line) < 200 for line in lines))
    assume(max(Counter("".join(line.split()) for line in lines).values()) == 1)
    assume(len(lines) < 2 or not lines[1].startswith(to_markup(title)))
    assume(all(boilerplate_phrase(line, CleanOptions()) is None for line in lines))
    return document


@settings(max_examples=150, deadline=None)
@given(documents())
def test_parse_inverts_to_markup(document):
    markup = to_markup(document)
    assert parse(markup) == document
    assert parse(markup, clean=False) == document


@settings(max_examples=100, deadline=None)
@given(documents())
def test_canonical_markup_is_a_fixed_point(document):
    markup = to_markup(document)
    again = parse(markup)
    assert to_markup(again) == markup
    assert parse(to_markup(again)) == again
    removals = [d for d in again.diagnostics if d.code.code.startswith("HA3")]
    assert [str(d.code) for d in removals] == (["HA306"] if document.source else [])

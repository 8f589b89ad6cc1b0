"""Paragraphs: a tuple-like sequence that keeps the plain paragraphs of a long input small."""

import copy
import pickle
import random
import tracemalloc

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hanzi_annot import (
    Annotation,
    Document,
    Paragraph,
    Paragraphs,
    Section,
    Span,
    Text,
    from_html,
    from_json,
    parse,
    same_positions,
    to_html,
    to_json,
    to_markup,
    validate,
)
from hanzi_annot.html import read
from hanzi_annot.model import ParagraphsBuilder, group_sections, join_paragraphs
from hanzi_annot.text import clean, structure
from hanzi_annot.text.lines import LineTable

SOURCE = "标题\n第一段。\n国家(guójiā)新闻。\n第三段。\n"


def _plain(source: str, start: int, end: int) -> Paragraph:
    span = Span(start, end)
    return Paragraph((Text(source[start:end], span),), span)


def _kept() -> tuple[Paragraphs, list[Paragraph]]:
    """Three paragraphs of SOURCE, the first and last plain (kept as offsets)."""
    annotated = Paragraph(
        (Annotation("国家", ("guó", "jiā"), "guójiā", Span(8, 18)), Text("新闻。", Span(18, 21))),
        span=Span(8, 21),
    )
    given = [_plain(SOURCE, 3, 7), annotated, _plain(SOURCE, 22, 26)]
    return Paragraphs.build(iter(given), SOURCE), given


def test_plain_paragraphs_read_back_as_the_paragraphs_given() -> None:
    kept, given = _kept()
    assert len(kept) == 3
    assert list(kept) == given
    assert [kept[i] for i in range(-3, 3)] == given * 2
    assert same_positions(tuple(kept), tuple(given))  # spans are rebuilt too
    assert kept[1] is given[1]  # a paragraph that is not plain is kept as it is
    assert kept[0] == kept[0]
    assert kept[0] is not kept[0]
    with pytest.raises(IndexError):
        kept[3]


def test_it_compares_hashes_and_joins_as_a_tuple() -> None:
    kept, given = _kept()
    assert kept == tuple(given)
    assert tuple(given) == kept
    assert kept != tuple(given[:2])
    assert kept != tuple(reversed(given))
    assert kept != list(given)  # a list is no tuple either
    assert hash(kept) == hash(tuple(given))
    assert given[1] in kept
    assert Paragraph((Text("别的"),)) not in kept
    assert kept.index(given[2]) == 2
    assert kept.count(given[0]) == 1
    assert kept[1:] == tuple(given[1:])
    assert isinstance(kept[1:], Paragraphs)
    assert kept[::-1] == tuple(reversed(given))
    assert same_positions(tuple(kept[:1] + kept[1:]), tuple(given))
    # The + operator itself is what is tested here.
    assert kept + (given[0],) == (*given, given[0])  # noqa: RUF005
    assert (given[0],) + kept == (given[0], *given)  # noqa: RUF005
    assert isinstance((given[0],) + kept, Paragraphs)  # noqa: RUF005
    with pytest.raises(TypeError):
        kept + [given[0]]  # type: ignore[operator]  # noqa: RUF005
    assert repr(Paragraphs([given[0]])) == f"Paragraphs([{given[0]!r}])"


def test_it_pickles_with_its_offsets_and_without() -> None:
    kept, given = _kept()
    for paragraphs in (kept, Paragraphs(given), kept[1:2]):
        again = pickle.loads(pickle.dumps(paragraphs))
        assert isinstance(again, Paragraphs)
        assert same_positions(tuple(again), tuple(paragraphs))


def test_a_paragraph_is_kept_as_offsets_only_when_the_input_says_exactly_that() -> None:
    moved = Paragraph((Text("第一段。", Span(3, 7)),), span=Span(3, 8))  # spans differ
    changed = _plain("标题\n第二段。", 3, 7)  # not the text of SOURCE at its span
    two = Paragraph((Text("第一", Span(3, 5)), Text("段。", Span(5, 7))), span=Span(3, 7))
    unplaced = Paragraph((Text("第一段。"),))
    given = [moved, changed, two, unplaced]
    kept = Paragraphs.build(given, SOURCE)
    assert all(kept[i] is paragraph for i, paragraph in enumerate(given))


def test_a_section_and_a_document_hold_what_they_are_given() -> None:
    body = Paragraph((Text("正文。"),))
    section = Section(None, [body])
    assert isinstance(section.paragraphs, Paragraphs)
    assert section.paragraphs == (body,)
    assert attrs.evolve(section, paragraphs=(body, body)).paragraphs == (body, body)
    document = Document(body, (section, Section(body, ())))
    assert document.blocks == (body, body, body)
    assert document.paragraphs == (body,)
    assert isinstance(document.blocks, Paragraphs)


def test_join_keeps_offsets_and_materialises_nothing_it_need_not() -> None:
    kept, given = _kept()
    joined = join_paragraphs([given[1], kept, kept[:1]])
    assert joined == (given[1], *given, given[0])
    assert same_positions(tuple(joined), (given[1], *given, given[0]))
    other = Paragraphs.build([_plain("x国家。", 1, 4)], "x国家。")
    mixed = join_paragraphs([kept, other])  # offsets into another input: kept as objects
    assert mixed == (*given, _plain("x国家。", 1, 4))
    assert join_paragraphs([]) == ()


def test_group_sections_given_the_source_keeps_plain_paragraphs_as_offsets() -> None:
    _kept_paragraphs, given = _kept()
    sections = group_sections([(False, p) for p in given], SOURCE)
    objects = group_sections([(False, p) for p in given])
    assert sections == objects
    assert same_positions(tuple(sections[0].paragraphs), tuple(given))
    assert sections[0].paragraphs[0] is not sections[0].paragraphs[0]  # kept as offsets
    assert objects[0].paragraphs[0] is objects[0].paragraphs[0]


def _long_page(count: int, seed: int) -> str:
    """A long page of short distinct news lines, some annotated, some repeated."""
    chooser = random.Random(seed)
    lines = ["城市书房开放时间调整"]
    for n in range(count):
        kind = chooser.randrange(5)
        if kind == 0:
            lines.append(f"第{n}座书房位于公园(gōngyuán)东侧。")
        elif kind == 1 and n > 2:
            lines.append(lines[chooser.randrange(1, len(lines))])  # a copy
        elif kind == 2:
            lines.append("")
        else:
            lines.append(f"  第{n}座书房今天开放。 ")
    return "\n".join(lines) + "\n"


@settings(max_examples=10, deadline=None)
@given(st.integers(0, 10_000))
def test_a_long_page_reads_the_same_with_paragraphs_kept_as_offsets(seed: int) -> None:
    text = _long_page(structure.TABLE_MIN_LINES + 50, seed)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(structure, "TABLE_MIN_LINES", 10**9)  # lines, paragraphs as objects
        objects = parse(text)
    compact = parse(text)
    body = compact.sections[0].paragraphs
    assert any(p is not q for p, q in zip(body, body, strict=True))  # some kept as offsets
    assert same_positions(compact, objects)
    assert compact.diagnostics == objects.diagnostics
    assert validate(compact) == validate(objects)
    assert to_html(compact) == to_html(objects)
    assert to_markup(compact) == to_markup(objects)
    assert to_json(compact) == to_json(objects)
    assert same_positions(from_json(to_json(compact)), compact)


def test_many_short_lines_cost_a_few_bytes_each_once_read() -> None:
    count = 20_000
    text = "标题\n" + "".join(f"{chr(0x4E00 + n % 20_000)}{n % 7}\n" for n in range(count))
    tracemalloc.start()
    try:
        document = parse(text)
        held, _peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(document.paragraphs) == count
    # About 30 bytes a line (offsets, the line index, the slot): one object each is 330.
    assert held / count < 60, held / count


def test_the_compact_first_seen_table_finds_the_copies_a_dict_finds() -> None:
    chooser = random.Random(7)
    words = [f"第{n}行" for n in range(3_000)]
    rows = [chooser.choice(words) + " " * chooser.randrange(2) for _ in range(20_000)]
    text = "\n".join(rows)
    table = clean._FirstSeen(LineTable.of(text))
    plain = clean._FirstSeen(tuple(LineTable.of(text)))
    for position, row in enumerate(rows):
        key = "".join(row.split())
        assert table.original(key, position) == plain.original(key, position)


def _long_html(count: int) -> str:
    rows = [f"<p>第{n}座书房今天开放。</p>" for n in range(count)]
    rows[3] = "<p>第3座书房位于<ruby>公园<rt>gōngyuán</rt></ruby>东侧。</p>"
    rows[5] = "<p>书房&amp;阅览室</p>"  # an entity: not the page's text at its span
    rows.insert(count // 2, "<h2>各区情况</h2>")
    head = "<h1>城市书房开放时间调整</h1><p>2024-05-12 09:30 来源：赣南日报</p>"
    return f"<html><body>{head}{''.join(rows)}</body></html>"


def test_from_html_keeps_plain_paragraphs_as_offsets_and_reads_the_same() -> None:
    page = _long_html(3000)
    objects = from_html(page)  # a short page: paragraphs as objects
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(read, "COMPACT_MIN_CHARS", len(page))
        compact = from_html(page)
    assert objects.sections[0].paragraphs[0] is objects.sections[0].paragraphs[0]
    assert same_positions(compact, objects)
    assert compact.metadata == objects.metadata
    assert compact.metadata.source == "赣南日报"  # the line under the title, taken out
    assert compact.diagnostics == objects.diagnostics
    first = compact.sections[0].paragraphs
    assert first[0].text == "第0座书房今天开放。"
    assert first[0] is not first[0]  # kept as offsets
    assert first[3] is first[3]  # annotated: an object
    assert first[5].text == "书房&阅览室"
    assert first[5] is first[5]
    assert len(compact.sections) == 2
    assert len(compact.paragraphs) == 3000


# --- Paragraphs where tuples are expected -----------------------------------------------

_PAGE = "城市书房开放时间调整\n\n第一座书房今天开放。\n\n国家(guójiā)图书馆新闻。\n"


def test_same_positions_sees_paragraphs_as_the_tuple_they_equal() -> None:
    document = parse(_PAGE)
    body = document.sections[0].paragraphs
    assert body == tuple(body)
    assert same_positions(body, tuple(body))
    assert same_positions(tuple(body), body)
    assert same_positions(document.blocks, tuple(document.blocks))


def test_a_section_built_from_document_paragraphs_survives_a_copy() -> None:
    # doc.paragraphs may still be called (deprecated); a section made from it holds
    # plain Paragraphs, which copy and pickle as they are.
    document = parse(_PAGE)
    section = Section(None, document.paragraphs)
    assert same_positions(section, copy.deepcopy(section))
    assert same_positions(section, pickle.loads(pickle.dumps(section)))
    assert not callable(section.paragraphs)  # calling it would yield the title too


# --- ParagraphsBuilder: a result is immutable -------------------------------------------

_TWO = "第一段。\n第二段。\n"


def _plain_of_two(start: int, end: int) -> Paragraph:
    span = Span(start, end)
    return Paragraph((Text(_TWO[start:end], span),), span)


def test_a_builders_result_does_not_grow_with_the_builder() -> None:
    for source in (None, _TWO):  # objects, then offsets
        builder = ParagraphsBuilder(source)
        builder.append(_plain_of_two(0, 4))
        result = builder.result()
        before = hash(result)
        builder.append(_plain_of_two(5, 9))
        assert len(result) == 1, f"source={source!r}"
        assert hash(result) == before


# --- Paragraphs kept as offsets: a part pickles to its own size -----------------------


def test_one_paragraph_of_a_long_input_pickles_to_the_size_of_one_paragraph() -> None:
    # One section (or a slice) of a long document sent to another process, as a Dask
    # bag of sections would send it, carries only the stretch of input it covers.
    lines = ["快讯汇总"] + [f"第{n}条快讯：城市书房今天开放。" for n in range(5000)]
    document = parse("\n".join(lines))
    first = document.sections[0].paragraphs[:1]
    as_objects = len(pickle.dumps(tuple(first)))
    assert len(pickle.dumps(first)) < 4 * as_objects, (len(pickle.dumps(first)), as_objects)
    again = pickle.loads(pickle.dumps(document.sections[0].paragraphs[2000:2003]))
    assert same_positions(tuple(again), tuple(document.sections[0].paragraphs[2000:2003]))
    assert again[0] is not again[0]  # still kept as offsets, into its own stretch
    assert again + document.sections[0].paragraphs[:1] == (*again, first[0])

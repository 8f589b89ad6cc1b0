r"""Vocabulary lists: every annotated word of a corpus, as CSV or an Anki import file.

One entry per word *and* reading (the same hanzi annotated two ways gives two entries,
which is how inconsistent annotations show up), with how often it is annotated so, in
how many articles, where it first occurs (``file:line``), the sentence around that first
occurrence, and the word's HSK 3.0 level (GF0025-2021) from the list that ships with
the package (:func:`~hanzi_annot.check.hsk.hsk_levels`; ``7-9`` in CSV for the top band);
pass ``hsk_levels`` to use another table, or ``{}`` for none.

Order is deterministic: most frequent first, then by hanzi and pinyin.

>>> from hanzi_annot import parse
>>> doc = parse("书香泉州\n泉州是国家(guójiā)历史文化名城。国家(guójiā)级的。", path="a.txt")
>>> (entry,) = build_vocabulary([doc])
>>> entry.hanzi, entry.pinyin, entry.count, entry.first, entry.hsk
('国家', 'guójiā', 2, 'a.txt:2', 1)
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping
from typing import Final

import attrs
from lxml import etree

from hanzi_annot.chardata import CLOSING_MARKS
from hanzi_annot.check.hsk import BAND
from hanzi_annot.check.hsk import hsk_levels as shipped_hsk_levels
from hanzi_annot.model import Annotation, Document, Paragraph, expect_node
from hanzi_annot.pinyin.syllables import join_pinyin

__all__ = [
    "CSV_COLUMNS",
    "VocabEntry",
    "build_vocabulary",
    "marked_sentence",
    "to_anki_tsv",
    "to_csv",
]

#: The CSV header.
CSV_COLUMNS: Final = ("hanzi", "pinyin", "count", "articles", "first", "hsk", "example")

_SENTENCE_FINAL: Final = frozenset("。！？!?")


@attrs.frozen
class VocabEntry:
    """One annotated word with one reading, counted over the corpus.

    ``first`` is ``path:line`` of the first occurrence (just the path, or ``<input>``,
    when positions are unknown); ``sentence`` is the sentence it stands in and
    ``start``/``end`` the word's place in it; ``hsk`` is ``None`` when unknown.
    """

    hanzi: str
    pinyin: str
    count: int
    articles: int
    first: str
    sentence: str
    start: int
    end: int
    hsk: int | None = None


def _sentence_around(text: str, start: int, end: int) -> tuple[str, int, int]:
    """Return the sentence of ``text`` holding ``text[start:end]``, and the word's place in it."""
    left = start
    while left > 0 and text[left - 1] not in _SENTENCE_FINAL:
        left -= 1
    while left > 0 and left < start and text[left] in CLOSING_MARKS:
        left += 1
    right = end
    while right < len(text) and text[right] not in _SENTENCE_FINAL:
        right += 1
    while right < len(text) and (text[right] in _SENTENCE_FINAL or text[right] in CLOSING_MARKS):
        right += 1
    stripped = text[left:right]
    lead = len(stripped) - len(stripped.lstrip())
    return stripped.strip(), start - left - lead, end - left - lead


def _occurrences(document: Document) -> Iterator[tuple[Annotation, Paragraph, int]]:
    """Yield each annotation with its paragraph and its offset in the paragraph's text."""
    for paragraph in document.blocks:
        offset = 0
        for token in paragraph.tokens:
            if isinstance(token, Annotation):
                yield token, paragraph, offset
            offset += len(token.text)


def _where(document: Document, annotation: Annotation) -> str:
    origin = document.origin
    path = origin.path if origin is not None and origin.path is not None else "<input>"
    if origin is None or annotation.span is None:
        return path
    line, _column = origin.locate(annotation.span.start)
    return f"{path}:{line}"


def build_vocabulary(
    documents: Iterable[Document], hsk_levels: Mapping[str, int] | None = None
) -> tuple[VocabEntry, ...]:
    """Count every annotated word of ``documents`` (one article each), in a fixed order.

    ``hsk_levels`` maps words to levels; ``None`` uses the shipped HSK 3.0 list. A
    single document, a string or anything but documents raises ``TypeError``.
    """
    if isinstance(documents, (Document, str, bytes)):
        raise TypeError(
            f"build_vocabulary() expects an iterable of Documents, not "
            f"{type(documents).__name__}; pass [document] for one"
        )
    counts: dict[tuple[str, str], int] = {}
    articles: dict[tuple[str, str], set[int]] = {}
    firsts: dict[tuple[str, str], tuple[str, str, int, int]] = {}
    for number, document in enumerate(documents):
        expect_node(document, (Document,), "build_vocabulary()")
        for annotation, paragraph, offset in _occurrences(document):
            pinyin = join_pinyin(s.lower() for s in annotation.syllables)
            key = (annotation.hanzi, pinyin)
            counts[key] = counts.get(key, 0) + 1
            articles.setdefault(key, set()).add(number)
            if key not in firsts:
                sentence = _sentence_around(paragraph.text, offset, offset + len(annotation.hanzi))
                firsts[key] = (_where(document, annotation), *sentence)
    ordered = sorted(counts, key=lambda key: (-counts[key], key))
    levels = shipped_hsk_levels() if hsk_levels is None else hsk_levels
    return tuple(
        VocabEntry(
            hanzi,
            pinyin,
            counts[hanzi, pinyin],
            len(articles[hanzi, pinyin]),
            *firsts[hanzi, pinyin],
            hsk=levels.get(hanzi),
        )
        for hanzi, pinyin in ordered
    )


def to_csv(entries: Iterable[VocabEntry]) -> str:
    """Write entries as CSV with a header (:data:`CSV_COLUMNS`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for entry in entries:
        writer.writerow(
            [
                entry.hanzi,
                entry.pinyin,
                entry.count,
                entry.articles,
                entry.first,
                _level(entry.hsk),
                entry.sentence,
            ]
        )
    return buffer.getvalue()


def _level(level: int | None) -> str:
    """Write a level for CSV: empty when unknown, ``7-9`` for the top band."""
    if level is None:
        return ""
    return "7-9" if level == BAND else str(level)


def marked_sentence(entry: VocabEntry) -> str:
    """Return the example sentence as HTML with the word in ``<b>``, escaped by lxml.

    >>> marked_sentence(VocabEntry("国家", "guójiā", 1, 1, "a", "A&B国家级。", 3, 5))
    'A&amp;B<b>国家</b>级。'
    """
    holder = etree.Element("span")
    holder.text = entry.sentence[: entry.start]
    bold = etree.SubElement(holder, "b")
    bold.text = entry.sentence[entry.start : entry.end]
    bold.tail = entry.sentence[entry.end :]
    html = etree.tostring(holder, encoding="unicode", method="html")
    return html[len("<span>") : -len("</span>")]


def _field(text: str) -> str:
    """Make a TSV field: tabs and line breaks would split records, so they become spaces."""
    return " ".join(text.replace("\t", " ").splitlines())


def to_anki_tsv(entries: Iterable[VocabEntry]) -> str:
    """Write an Anki import file: word, pinyin, example sentence with the word in bold.

    The header lines tell Anki (2.1.55 and later) the separator, that fields are HTML,
    and the column names, so the file imports without choosing options by hand.
    """
    lines = ["#separator:tab", "#html:true", "#columns:word\tpinyin\texample"]
    lines += [
        f"{_field(e.hanzi)}\t{_field(e.pinyin)}\t{_field(marked_sentence(e))}" for e in entries
    ]
    return "\n".join(lines) + "\n"

"""Page structure: input → decoded, cleaned lines → a Document of title, sections, source.

The rules (written out with their limits in ``docs/structure.md``):

* the first non-blank line is the title when a body follows it (a single paragraph of
  input is a paragraph, not a title);
* up to three lines right under it that are wholly date, byline or source fields are
  the article's *metadata* (see :mod:`hanzi_annot.text.metadata`);
* a *heading* is a short line that does not end in sentence punctuation and is
  followed by a line that is body text (not heading-shaped itself);
* a parenthesised organisation closing the last paragraph is the *source* (a line
  holding nothing else is one only after other lines);
* every other non-blank line is one paragraph.

Paragraphs are parsed in place with :func:`~hanzi_annot.parse_inline`, so every span and
diagnostic points at the original input.
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Iterable, Iterator, Sequence
from typing import Final

from hanzi_annot.chardata import CLAUSE_END, FINAL_GROUP_RE, SENTENCE_END, is_hanzi
from hanzi_annot.diagnostics import (
    Code,
    Diagnostic,
    ErrorPolicy,
    Reporter,
    apply_policy,
    sort_diagnostics,
)
from hanzi_annot.model import Document, Origin, Paragraph, Text, group_sections
from hanzi_annot.pinyin.readings import Readings
from hanzi_annot.positions import LineIndex, Span
from hanzi_annot.text.clean import (
    CleanOptions,
    clean_lines,
    ends_with,
    strip_trailing_groups,
)
from hanzi_annot.text.decode import Line, Source, decode_input, source_name, split_lines
from hanzi_annot.text.inline import check_text, parse_checked, parse_inline
from hanzi_annot.text.lines import LineTable
from hanzi_annot.text.metadata import MAX_METADATA_LINES, take_metadata_lines

#: Inputs of at least this many lines are held as a :class:`LineTable` while they are
#: cleaned and structured (a few bytes a line); shorter ones as ``Line`` objects, which
#: are faster to work on. The result is the same either way.
TABLE_MIN_LINES: Final = 1000

#: Longest heading, in characters of plain text (annotations removed).
HEADING_MAX_CHARS: Final = 30

#: Fewest hanzi a source organisation has; ``(完)`` and ``(图)`` are shorter.
SOURCE_MIN_CHARS: Final = 3

#: Endings of organisation names: a group ending in one is a source even when no
#: sentence-final punctuation stands before it.
ORGANISATION_SUFFIXES: Final[tuple[str, ...]] = (
    "局", "委", "办", "厅", "部", "院", "馆", "会", "社", "台", "报", "网", "站", "所",
    "处", "署", "中心", "集团", "公司", "学校", "大学", "政府", "街道", "社区", "频道",
)  # fmt: skip

#: All-hanzi groups that end articles but are no organisation.
NOT_SOURCES: Final = frozenset({"未完待续", "待续", "全文完", "本文完", "完结"})


def is_heading_shaped(text: str) -> bool:
    """Return whether a paragraph's plain text could be a heading.

    It must be short, have words outside any closing parentheses, and not end in
    sentence punctuation.

    >>> is_heading_shaped("办活动激发市民阅读热情"), is_heading_shaped("活动当天座无虚席。")
    (True, False)
    """
    text = text.strip()
    return (
        len(text) <= HEADING_MAX_CHARS
        and bool(strip_trailing_groups(text))
        and not ends_with(text, CLAUSE_END)
    )


def find_source(text: str) -> tuple[int, str] | None:
    """Find a source attribution closing ``text``: where its group starts, and the name.

    The group must be all hanzi, at least :data:`SOURCE_MIN_CHARS` long, not a closing
    word such as 未完待续, and either follow sentence-final punctuation (or stand alone)
    or end like an organisation (:data:`ORGANISATION_SUFFIXES`).

    >>> find_source("享受公共文化服务。(泉州市文化和旅游局)")
    (9, '泉州市文化和旅游局')
    >>> find_source("活动将持续至年底。(完)") is None, find_source("数据截至(2022年)") is None
    (True, True)
    """
    text = text.rstrip()
    match = FINAL_GROUP_RE.search(text)
    if match is None:
        return None
    name = match.group(1)
    if (
        len(name) < SOURCE_MIN_CHARS
        or not all(is_hanzi(char) for char in name)
        or name in NOT_SOURCES
    ):
        return None
    before = text[: match.start()].rstrip()
    if not before or ends_with(before, SENTENCE_END) or name.endswith(ORGANISATION_SUFFIXES):
        return match.start(), name
    return None


def _paragraph(
    line: Line, index: LineIndex, readings: Readings | None, path: str | None, checked: bool
) -> tuple[Paragraph, tuple[Diagnostic, ...]]:
    if checked:
        result = parse_checked(line.text, line.start, index, readings, path)
    else:
        result = parse_inline(
            line.text, offset=line.start, lines=index, readings=readings, path=path
        )
    tokens = result.tokens
    span = tokens[0].span if len(tokens) == 1 else None
    if span is None or (span.start, span.end) != (line.start, line.end):
        span = Span(line.start, line.end)
    # A paragraph of one token shares its span (spans are immutable): one object less a line.
    return Paragraph(tokens, span=span), result.diagnostics


def _content_lines(lines: Sequence[Line]) -> Sequence[Line]:
    """Return the non-blank lines, stripped; a table of lines stays one (a few bytes a line)."""
    if isinstance(lines, LineTable):
        return lines.stripped()
    return tuple(line.strip() for line in lines if not line.is_blank)


def _cut_out(lines: Sequence[Line], start: int, stop: int) -> Sequence[Line]:
    """Return ``lines`` without the lines from ``start`` up to ``stop``."""
    if stop <= start:
        return lines
    if isinstance(lines, LineTable):
        kept = lines[:start]
        kept.extend(lines[stop:])
        return kept
    return (*lines[:start], *lines[stop:])


def _heading_shaped(paragraph: Paragraph) -> bool:
    """:func:`is_heading_shaped` of the paragraph's text, most paragraphs told by the end.

    A paragraph whose last token is text ending in clause punctuation is no heading,
    whatever stands before; only the others have their text joined and looked at.
    """
    last = paragraph.tokens[-1] if paragraph.tokens else None
    if type(last) is Text and last.text.rstrip()[-1:] in CLAUSE_END:
        return False
    return is_heading_shaped(paragraph.text)


def _mark_headings(body: Iterable[Paragraph]) -> Iterator[tuple[bool, Paragraph]]:
    """Pair each body paragraph with whether it is a heading.

    A heading-shaped line is a heading only when body text (a line not heading-shaped)
    follows it. One look ahead, no list of the paragraphs.
    """
    previous: tuple[bool, Paragraph] | None = None
    for paragraph in body:
        shaped = _heading_shaped(paragraph)
        if previous is not None:
            yield previous[0] and not shaped, previous[1]
        previous = (shaped, paragraph)
    if previous is not None:
        yield False, previous[1]


def build_document(
    lines: Sequence[Line],
    index: LineIndex,
    *,
    readings: Readings | None = None,
    path: str | None = None,
) -> Document:
    """Build the document from (usually cleaned) lines of the input that ``index`` indexes.

    This is the structure step on its own: title, headings and source by the rules in
    the module docstring; blank lines carry no meaning but one: a single paragraph is
    a paragraph, since a title needs a body after it, unless a blank line ends the
    input (how :func:`~hanzi_annot.to_markup` writes a document that has only a title).
    Diagnostics (the inline parser's, and ``HA306`` for a source) are on
    ``document.diagnostics``.
    """
    return _build_document(lines, index, readings, path, checked=False)


def _build_document(
    lines: Sequence[Line],
    index: LineIndex,
    readings: Readings | None,
    path: str | None,
    *,
    checked: bool,
) -> Document:
    """:func:`build_document`; ``checked``: the input was checked whole by ``check_text``."""
    content = _content_lines(lines)
    under_title = content[1 : 1 + MAX_METADATA_LINES]
    metadata, used, found_metadata = take_metadata_lines(under_title, index, path)
    content = _cut_out(content, 1, 1 + used)  # date, byline, source under the title (HA307)
    diagnostics: list[Diagnostic] = list(found_metadata)
    source: str | None = None
    ending: tuple[Line, ...] = ()  # the last line, when a source was cut off it
    if content:
        last = content[-1]
        found = find_source(last.text)
        if found is not None and (len(content) > 1 or last.text[: found[0]].strip()):
            start, source = found
            group = Span(last.start + start, last.start + len(last.text.rstrip()))
            message = f"({source}) closes the article; taken as its source"
            reporter = Reporter(index, path)
            diagnostics.append(reporter.diagnostic(Code.SOURCE_ATTRIBUTION, group, message))
            content = content[:-1]
            rest = last.cut_end(len(last.text) - start).strip()
            ending = () if rest.is_blank else (rest,)

    def parsed() -> Iterator[Paragraph]:
        """Parse the lines one by one, collecting their diagnostics as they go."""
        for line in itertools.chain(content, ending):
            paragraph, found_diagnostics = _paragraph(line, index, readings, path, checked)
            diagnostics.extend(found_diagnostics)
            yield paragraph

    paragraphs = parsed()
    head = list(itertools.islice(paragraphs, 2))
    # A title needs a body after it, or a blank line closing the input when it is alone
    # (the input's last line, before at most a final CRLF: not one before dropped lines).
    alone = len(head) == 1 and lines[-1].is_blank and lines[-1].end >= index.length - 2
    title = head[0] if len(head) > 1 or alone else None
    body = itertools.chain(head[0 if title is None else 1 :], paragraphs)
    # A long input keeps its plain paragraphs as offsets into it (a few bytes each).
    source_text = lines.source if isinstance(lines, LineTable) else None
    sections = group_sections(_mark_headings(body), source_text)
    return Document(
        title,
        sections,
        source=source,
        metadata=metadata,
        origin=Origin(path, index),
        diagnostics=sort_diagnostics(diagnostics),
    )


def from_text(
    source: Source,
    *,
    encoding: str | None = None,
    path: str | None = None,
    clean: bool | CleanOptions = True,
    readings: Readings | None = None,
    errors: ErrorPolicy | str = ErrorPolicy.COLLECT,
    strict: bool | None = None,
) -> Document:
    r"""Read annotated text (a news page) into a :class:`~hanzi_annot.Document`.

    ``source`` is text, bytes (UTF-8 unless ``encoding`` says otherwise) or a path to a
    file (``path`` then defaults to its name); a ``str`` is always the text itself (one
    that names an existing file and holds no hanzi raises
    :class:`~hanzi_annot.PathAsTextError`). :func:`parse` is the same function.

    With ``clean=True`` (or a :class:`~hanzi_annot.CleanOptions`) scrape noise is
    removed first: title copies, repeated paragraphs and site furniture, each with an
    ``HA3xx`` info diagnostic; ``clean=False`` keeps every line as written. Either way
    the first line is the title when a body follows it, and headings and source are
    found by the structure rules. Diagnostics are collected on ``document.diagnostics``
    in document order; ``errors`` (an :class:`~hanzi_annot.ErrorPolicy` or its name) can
    warn about warnings and errors or raise one :class:`~hanzi_annot.MarkupError`
    carrying them. ``strict=True`` is the deprecated spelling of ``errors="raise"``.

    >>> doc = parse("书香泉州\n书香泉州\n泉州是国家(guójiā)历史文化名城。(泉州市文化和旅游局)\n")
    >>> doc.title.text, doc.source, len(doc.sections[0].paragraphs)
    ('书香泉州', '泉州市文化和旅游局', 1)
    >>> [str(d.code) for d in doc.diagnostics]
    ['HA301', 'HA306']
    """
    if path is None:
        path = source_name(source)
    text = decode_input(source, encoding=encoding)
    check_text(text)
    index = LineIndex.of(text)
    lines: Sequence[Line] = (
        LineTable.of(text) if index.line_count >= TABLE_MIN_LINES else split_lines(text)
    )
    cleaning: tuple[Diagnostic, ...] = ()
    if clean is not False:
        options = clean if isinstance(clean, CleanOptions) else None
        cleaned = clean_lines(lines, options, path=path, index=index)
        lines, cleaning = cleaned.lines, cleaned.diagnostics
    document = _build_document(lines, index, readings, path, checked=True)
    diagnostics = sort_diagnostics(cleaning + document.diagnostics)
    if strict is not None:
        warnings.warn(
            'parse(strict=...) is deprecated; use errors="raise"', DeprecationWarning, stacklevel=2
        )
        errors = ErrorPolicy.RAISE if strict else errors
    apply_policy(diagnostics, errors, stacklevel=2)
    return Document(
        document.title,
        document.sections,
        source=document.source,
        metadata=document.metadata,
        origin=document.origin,
        diagnostics=diagnostics,
    )


#: The name this reader had first; the same function as :func:`from_text`.
parse = from_text

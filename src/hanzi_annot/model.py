"""The document model: Document → Section → Paragraph → tokens (Text or Annotation).

All classes are frozen and slotted; children are tuples; change one with
:func:`attrs.evolve`. Positions (``span``) and provenance (``written``, ``origin``,
``diagnostics``) are excluded from equality, so ``a == b`` compares content only — the
comparison round trips need. Use :func:`same_positions` when positions matter too.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from hanzi_annot.diagnostics import Diagnostic
from hanzi_annot.pinyin.alignment import split_units
from hanzi_annot.positions import LineIndex, Span


def _to_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(value)


@attrs.frozen
class Text:
    """Plain text, kept exactly as written (literal parentheses included)."""

    text: str
    span: Span | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen
class Annotation:
    """A run of hanzi with one pinyin syllable per hanzi (per X儿 for erhua).

    ``syllables`` are canonical: NFC, tone-marked, capitalised as written. ``written``
    is the pinyin exactly as it stood between the parentheses; ``span`` covers the hanzi,
    the parenthesised pinyin and any identical repeat that was dropped.

    >>> Annotation("国家", ("guó", "jiā")).units
    ('国', '家')
    """

    hanzi: str
    syllables: tuple[str, ...] = attrs.field(converter=_to_tuple)
    written: str | None = attrs.field(default=None, eq=False, repr=False)
    span: Span | None = attrs.field(default=None, eq=False, repr=False)

    @syllables.validator
    def _check_alignment(self, _attribute: attrs.Attribute[object], value: object) -> None:
        if not self.hanzi or not self.syllables:
            raise ValueError("an annotation needs hanzi and at least one syllable")
        if split_units(self.hanzi, self.syllables) is None:
            raise ValueError(
                f"{len(self.syllables)} syllable(s) {self.syllables!r} "
                f"do not pair with the hanzi {self.hanzi!r}"
            )

    @property
    def units(self) -> tuple[str, ...]:
        """The hanzi under each syllable, in order (``点儿`` is one unit)."""
        units = split_units(self.hanzi, self.syllables)
        assert units is not None  # guaranteed by the field validator
        return units

    @property
    def text(self) -> str:
        """The hanzi, as plain output shows them."""
        return self.hanzi


#: A token of a paragraph.
Token = Text | Annotation


@attrs.frozen
class Paragraph:
    """A sequence of tokens: a body paragraph, the title or a section heading."""

    tokens: tuple[Token, ...] = attrs.field(converter=_to_tuple)
    span: Span | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def text(self) -> str:
        """The paragraph's plain text, annotations removed."""
        return "".join(token.text for token in self.tokens)

    @property
    def annotations(self) -> tuple[Annotation, ...]:
        """The annotations in this paragraph, in order."""
        return tuple(token for token in self.tokens if isinstance(token, Annotation))


@attrs.frozen
class Section:
    """A heading (``None`` for the untitled opening section) and its paragraphs."""

    heading: Paragraph | None
    paragraphs: tuple[Paragraph, ...] = attrs.field(converter=_to_tuple)


@attrs.frozen
class Origin:
    """Where a document came from: a name for messages and the input's line index."""

    path: str | None
    lines: LineIndex

    def locate(self, offset: int) -> tuple[int, int]:
        """Return the 1-based ``(line, column)`` of an offset in the original input."""
        return self.lines.locate(offset)


@attrs.frozen
class Metadata:
    """What a page says about the article: when, by whom, from where, at which address.

    ``published`` is ISO 8601 (``2024-05-12`` or ``2024-05-12T09:30``, no time zone
    unless the page gave one); ``authors`` are reporters and writers, ``editors`` the
    editors the page names (an editor is no author); ``source`` is the outlet a
    ``来源`` line names; ``url`` the article's address.
    """

    published: str | None = None
    authors: tuple[str, ...] = attrs.field(default=(), converter=_to_tuple)
    editors: tuple[str, ...] = attrs.field(default=(), converter=_to_tuple)
    source: str | None = None
    url: str | None = None

    def __bool__(self) -> bool:
        return any(attrs.astuple(self, recurse=False))


@attrs.frozen
class Document:
    """One article: an optional title, sections, and the attributed source organisation.

    ``source`` is the organisation a closing ``(…)`` names; ``metadata`` holds what the
    lines under the title said (date, byline, outlet) and the page's URL.
    ``diagnostics`` holds what parsing found (removals, markup problems); validation
    findings are returned by :func:`hanzi_annot.validate` instead.
    """

    title: Paragraph | None
    sections: tuple[Section, ...] = attrs.field(converter=_to_tuple)
    source: str | None = None
    metadata: Metadata = attrs.field(factory=Metadata, repr=False)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)
    diagnostics: tuple[Diagnostic, ...] = attrs.field(
        default=(), eq=False, repr=False, converter=_to_tuple
    )

    def paragraphs(self) -> Iterator[Paragraph]:
        """Yield every paragraph in reading order: title, then each heading and body."""
        if self.title is not None:
            yield self.title
        for section in self.sections:
            if section.heading is not None:
                yield section.heading
            yield from section.paragraphs

    def annotations(self) -> Iterator[Annotation]:
        """Yield every annotation in reading order."""
        for paragraph in self.paragraphs():
            yield from paragraph.annotations


def same_positions(left: object, right: object) -> bool:
    """Compare two model objects including spans, which ``==`` ignores."""
    if type(left) is not type(right):
        return False
    if isinstance(left, tuple) and isinstance(right, tuple):
        return len(left) == len(right) and all(map(same_positions, left, right))
    if not attrs.has(type(left)):
        return left == right
    for field in attrs.fields(type(left)):  # type: ignore[arg-type]  # checked by attrs.has
        if field.name in ("origin", "diagnostics", "written"):
            continue
        if not same_positions(getattr(left, field.name), getattr(right, field.name)):
            return False
    return True

"""The document model: Document → Section → Paragraph → tokens (Text or Annotation).

All classes are frozen and slotted; children are tuples; change one with
:func:`attrs.evolve`. Positions (``span``) and provenance (``written``, ``origin``,
``diagnostics``) are excluded from equality, so ``a == b`` compares content only — the
comparison round trips need. Use :func:`same_positions` when positions matter too.
Such fields say so in their attrs metadata (:func:`provenance_fields` lists them), so
code that treats them apart needs no list of names.

Derived collections are properties returning tuples: ``Paragraph.annotations``,
``Section.paragraphs``, ``Document.paragraphs`` (body paragraphs, as in a section),
``Document.blocks`` (every paragraph in reading order: title, headings, bodies) and
``Document.annotations``.
"""

from __future__ import annotations

import enum
import warnings
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

import attrs

from hanzi_annot.diagnostics import Diagnostic
from hanzi_annot.pinyin.alignment import cached_units, split_units
from hanzi_annot.pinyin.syllables import join_pinyin
from hanzi_annot.positions import LineIndex, Span


def _to_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(value)


class Provenance(enum.Enum):
    """What a field outside a node's content records; the value of its ``provenance`` tag.

    ``POSITION`` fields (``span``) are compared by :func:`same_positions`; ``RECORD``
    fields (``written``, ``origin``, ``diagnostics``) say how the node was read and are
    compared by neither ``==`` nor :func:`same_positions`. Writers that keep everything
    (JSON) write both.
    """

    POSITION = "position"
    RECORD = "record"


_POSITION: Any = {"provenance": Provenance.POSITION}
_RECORD: Any = {"provenance": Provenance.RECORD}


def provenance_fields(cls: type, kind: Provenance | None = None) -> tuple[str, ...]:
    """Return the names of a model class's provenance fields (of one ``kind``, or all).

    >>> provenance_fields(Annotation)
    ('written', 'span')
    >>> provenance_fields(Document, Provenance.POSITION)
    ()
    """
    return tuple(
        field.name
        for field in attrs.fields(cls)
        if field.metadata.get("provenance") is not None
        and (kind is None or field.metadata["provenance"] is kind)
    )


_T = TypeVar("_T")


class _Collection(tuple[_T, ...]):
    """A tuple that may still be called, as the method it replaced, with a warning."""

    _called: tuple[_T, ...]
    _advice: str

    def __call__(self) -> Iterator[_T]:
        warnings.warn(self._advice, DeprecationWarning, stacklevel=2)
        return iter(self._called)


def _collection(items: Iterable[_T], advice: str, called: tuple[_T, ...] | None = None) -> Any:
    """Build the tuple a deprecated method became; calling it iterates ``called``."""
    result: _Collection[_T] = _Collection(items)
    result._called = result if called is None else called
    result._advice = advice
    return result


def expect_node(value: object, kinds: tuple[type, ...], where: str) -> None:
    """Raise ``TypeError`` naming what ``where`` expects when ``value`` is none of ``kinds``.

    Writers call this first, so a wrong argument fails with a clear message rather
    than an ``AttributeError`` deep inside.

    >>> expect_node("全国(quánguó)", (Document, Paragraph), "to_plain()")
    Traceback (most recent call last):
    ...
    TypeError: to_plain() expects a Document or a Paragraph, not str; read text first ...
    """
    if isinstance(value, kinds):
        return
    names = " or ".join(f"a {kind.__name__}" for kind in kinds)
    advice = "; read text first with hanzi_annot.from_text()" if isinstance(value, str) else ""
    raise TypeError(f"{where} expects {names}, not {type(value).__name__}{advice}")


@attrs.frozen(weakref_slot=False)  # made by the million: no weakref slot, 8 bytes less
class Text:
    """Plain text, kept exactly as written (literal parentheses included)."""

    text: str
    span: Span | None = attrs.field(default=None, eq=False, repr=False, metadata=_POSITION)


@attrs.frozen(weakref_slot=False)  # made by the million: no weakref slot, 8 bytes less
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
    written: str | None = attrs.field(default=None, eq=False, repr=False, metadata=_RECORD)
    span: Span | None = attrs.field(default=None, eq=False, repr=False, metadata=_POSITION)

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
        units = cached_units(self.hanzi, self.syllables)
        assert units is not None  # guaranteed by the field validator
        return units

    @property
    def text(self) -> str:
        """The hanzi, as plain output shows them."""
        return self.hanzi

    @property
    def pinyin(self) -> str:
        """The syllables as one canonical word, as markup writes it.

        >>> Annotation("方案", ("fāng", "àn")).pinyin
        "fāng'àn"
        """
        return join_pinyin(self.syllables)


def aligned_annotation(
    hanzi: str, syllables: tuple[str, ...], written: str | None, span: Span | None
) -> Annotation:
    """Build an :class:`Annotation` whose hanzi and syllables are known to pair up.

    For the parser, which has just aligned them: it skips the field check (which pairs
    them again) and costs a fraction of the constructor. Anything else should call
    :class:`Annotation` itself.

    >>> fast = aligned_annotation("国家", ("guó", "jiā"), "guójiā", None)
    >>> fast == Annotation("国家", ("guó", "jiā")), fast.written
    (True, 'guójiā')
    """
    annotation: Annotation = object.__new__(Annotation)
    _set = object.__setattr__
    _set(annotation, "hanzi", hanzi)
    _set(annotation, "syllables", syllables)
    _set(annotation, "written", written)
    _set(annotation, "span", span)
    return annotation


#: A token of a paragraph.
Token = Text | Annotation


@attrs.frozen(weakref_slot=False)  # made by the million: no weakref slot, 8 bytes less
class Paragraph:
    """A sequence of tokens: a body paragraph, the title or a section heading."""

    tokens: tuple[Token, ...] = attrs.field(converter=_to_tuple)
    span: Span | None = attrs.field(default=None, eq=False, repr=False, metadata=_POSITION)

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


def group_sections(blocks: Iterable[tuple[bool, Paragraph]]) -> tuple[Section, ...]:
    """Group body blocks, each marked whether it is a heading, into sections.

    A heading opens a section; paragraphs before the first heading form the untitled
    opening section. Every reader of a structured format builds its sections this way.
    """
    sections: list[Section] = []
    heading: Paragraph | None = None
    paragraphs: list[Paragraph] = []
    for is_heading, paragraph in blocks:
        if is_heading:
            if heading is not None or paragraphs:
                sections.append(Section(heading, tuple(paragraphs)))
            heading, paragraphs = paragraph, []
        else:
            paragraphs.append(paragraph)
    if heading is not None or paragraphs:
        sections.append(Section(heading, tuple(paragraphs)))
    return tuple(sections)


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
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False, metadata=_RECORD)
    diagnostics: tuple[Diagnostic, ...] = attrs.field(
        default=(), eq=False, repr=False, converter=_to_tuple, metadata=_RECORD
    )

    @property
    def blocks(self) -> tuple[Paragraph, ...]:
        """Every paragraph in reading order: the title, then each heading and body."""
        blocks: list[Paragraph] = [] if self.title is None else [self.title]
        for section in self.sections:
            if section.heading is not None:
                blocks.append(section.heading)
            blocks.extend(section.paragraphs)
        return tuple(blocks)

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        """The body paragraphs of every section, in order (as ``Section.paragraphs``).

        Calling it, ``document.paragraphs()``, is deprecated: it still yields every
        block (title and headings too), as the method did; use :attr:`blocks`.
        """
        body = tuple(p for section in self.sections for p in section.paragraphs)
        advice = (
            "Document.paragraphs() is deprecated; use Document.blocks for every paragraph "
            "in reading order (title and headings too), or Document.paragraphs (no call) "
            "for the body paragraphs"
        )
        result: tuple[Paragraph, ...] = _collection(body, advice, self.blocks)
        return result

    @property
    def annotations(self) -> tuple[Annotation, ...]:
        """Every annotation in reading order (title and headings included).

        ``document.annotations()`` still works, with a ``DeprecationWarning``.
        """
        found = tuple(a for block in self.blocks for a in block.annotations)
        advice = "Document.annotations() is deprecated; use Document.annotations (no call)"
        result: tuple[Annotation, ...] = _collection(found, advice)
        return result


def same_positions(left: object, right: object) -> bool:
    """Compare two model objects including spans, which ``==`` ignores.

    Record fields (``written``, ``origin``, ``diagnostics``: see :class:`Provenance`)
    are still left out.
    """
    if type(left) is not type(right):
        return False
    if isinstance(left, tuple) and isinstance(right, tuple):
        return len(left) == len(right) and all(map(same_positions, left, right))
    if not attrs.has(type(left)):
        return left == right
    skipped = provenance_fields(type(left), Provenance.RECORD)
    for field in attrs.fields(type(left)):  # type: ignore[arg-type]  # checked by attrs.has
        if field.name in skipped:
            continue
        if not same_positions(getattr(left, field.name), getattr(right, field.name)):
            return False
    return True

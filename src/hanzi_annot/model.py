"""The document model: Document → Section → Paragraph → tokens (Text or Annotation).

All classes are frozen and slotted; children are tuples (a section's paragraphs are a
:class:`Paragraphs`, an immutable sequence that reads as a tuple and can keep plain
paragraphs of a long input as offsets); change one with :func:`attrs.evolve`.
Positions (``span``) and provenance (``written``, ``origin``, ``diagnostics``) are
excluded from equality, so ``a == b`` compares content only — the comparison round
trips need. Use :func:`same_positions` when positions matter too.
Such fields say so in their attrs metadata (:func:`provenance_fields` lists them), so
code that treats them apart needs no list of names.

Derived collections are properties: ``Paragraph.annotations`` and
``Document.annotations`` (tuples), ``Document.paragraphs`` (body paragraphs, as in a
section) and ``Document.blocks`` (every paragraph in reading order: title, headings,
bodies), both :class:`Paragraphs`.
"""

from __future__ import annotations

import enum
import operator
import warnings
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypeVar, overload

import attrs

from hanzi_annot.diagnostics import Diagnostic
from hanzi_annot.pinyin.alignment import cached_units, split_units
from hanzi_annot.pinyin.syllables import join_pinyin
from hanzi_annot.positions import LineIndex, Span, offset_array


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
        return "".join([token.text for token in self.tokens])  # a list joins faster

    @property
    def annotations(self) -> tuple[Annotation, ...]:
        """The annotations in this paragraph, in order."""
        return tuple([token for token in self.tokens if isinstance(token, Annotation)])


class Paragraphs(Sequence[Paragraph]):
    """An immutable sequence of paragraphs, as ``Section.paragraphs`` and ``Document.blocks``.

    It reads as a tuple of :class:`Paragraph`: index, slice, iterate, ``len``, ``in``,
    ``+``, hash, and equal to a tuple (or another ``Paragraphs``) of equal paragraphs.
    A reader of a long input keeps each *plain* paragraph — one :class:`Text` token that
    is exactly its span of the input — as two offsets into that input, and builds its
    objects when it is read: 8 bytes a paragraph instead of about 330, so a million
    short lines cost megabytes, not hundreds of them. Such a paragraph is a new (equal)
    object at each access; compare paragraphs with ``==``, not ``is``.

    >>> body = Paragraphs([Paragraph([Text("第一段。")]), Paragraph([Text("第二段。")])])
    >>> len(body), body[1].text, body == tuple(body), body[:1] + body[1:] == body
    (2, '第二段。', True, True)
    """

    __slots__ = ("_base", "_ends", "_items", "_source", "_starts")

    _items: Sequence[Paragraph | None]  # None: a plain paragraph kept as offsets
    _source: str  # the input (or the stretch of it from _base on) the offsets point into
    _base: int  # the input offset of _source[0]
    _starts: array[int] | None
    _ends: array[int] | None

    def __init__(self, paragraphs: Iterable[Paragraph] = ()) -> None:
        """Hold ``paragraphs`` as they are (a reader's compact form comes from :meth:`build`)."""
        self._items = tuple(paragraphs)
        self._source, self._base, self._starts, self._ends = "", 0, None, None

    @classmethod
    def of(cls, paragraphs: Iterable[Paragraph]) -> Paragraphs:
        """Return ``paragraphs`` as a plain ``Paragraphs`` (itself, if it is one)."""
        if type(paragraphs) is Paragraphs:
            return paragraphs
        if isinstance(paragraphs, Paragraphs):  # a subclass: share its storage
            return _with_storage(object.__new__(Paragraphs), paragraphs)
        return cls(paragraphs)

    @classmethod
    def build(cls, paragraphs: Iterable[Paragraph | Paragraphs], source: str) -> Paragraphs:
        """Hold ``paragraphs`` (and the contents of any ``Paragraphs`` among them) compactly.

        A plain paragraph whose text is ``source`` at its span is kept as its two
        offsets; any other is kept as it is. One paragraph at a time is looked at, so a
        generator of them never exists as objects all at once.
        """
        return _built(paragraphs, ParagraphsBuilder(source))

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> Paragraph: ...

    @overload
    def __getitem__(self, index: slice) -> Paragraphs: ...

    def __getitem__(self, index: int | slice) -> Paragraph | Paragraphs:
        if isinstance(index, slice):
            part = _with_storage(object.__new__(Paragraphs), self)
            part._items = self._items[index]
            part._starts = None if self._starts is None else self._starts[index]
            part._ends = None if self._ends is None else self._ends[index]
            return part
        item = self._items[index]
        if item is not None:
            return item
        return self._plain(index)

    def _plain(self, index: int) -> Paragraph:
        """Build the plain paragraph kept as offsets at ``index``."""
        assert self._starts is not None
        assert self._ends is not None
        start, end = self._starts[index], self._ends[index]
        span = Span(start, end)
        return Paragraph((Text(self._source[start - self._base : end - self._base], span),), span)

    def __iter__(self) -> Iterator[Paragraph]:
        if self._starts is None:
            return iter(self._items)  # type: ignore[arg-type]  # no None without offsets
        return self._iter_kept()

    def _iter_kept(self) -> Iterator[Paragraph]:
        for index, item in enumerate(self._items):
            yield self._plain(index) if item is None else item

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, (Paragraphs, tuple)):
            return NotImplemented
        return len(self) == len(other) and all(map(operator.eq, self, other))

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __add__(self, other: object) -> Paragraphs:
        if not isinstance(other, (Paragraphs, tuple)):
            return NotImplemented
        return join_paragraphs((self, Paragraphs.of(other)))

    def __radd__(self, other: object) -> Paragraphs:
        if not isinstance(other, tuple):
            return NotImplemented
        return join_paragraphs((Paragraphs(other), self))

    def __repr__(self) -> str:
        return f"Paragraphs({list(self)!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        starts, ends = self._starts, self._ends
        if starts is None or ends is None:
            return (Paragraphs, (tuple(self._items),))
        # Only the stretch of input the kept paragraphs cover goes along: a section or a
        # slice of a long document pickles to its own size, not the whole input's.
        kept = [index for index, item in enumerate(self._items) if item is None]
        low = min((starts[index] for index in kept), default=self._base)
        high = max((ends[index] for index in kept), default=low)
        stretch = self._source[low - self._base : high - self._base]
        # Arrays pickle with their machine format, so another platform reads them right.
        return (_restore_paragraphs, (tuple(self._items), stretch, low, starts, ends))


def _restore_paragraphs(
    items: tuple[Paragraph | None, ...],
    source: str,
    base: int,
    starts: array[int],
    ends: array[int],
) -> Paragraphs:
    """Rebuild a pickled :class:`Paragraphs` that kept paragraphs as offsets."""
    restored: Paragraphs = object.__new__(Paragraphs)
    restored._items, restored._source, restored._base = items, source, base
    restored._starts, restored._ends = starts, ends
    return restored


_P = TypeVar("_P", bound=Paragraphs)


def _with_storage(target: _P, model: Paragraphs) -> _P:
    """Give ``target`` the storage of ``model`` (shared: both are immutable)."""
    target._items, target._source, target._base = model._items, model._source, model._base
    target._starts, target._ends = model._starts, model._ends
    return target


class ParagraphsBuilder:
    """Collects paragraphs one at a time into a :class:`Paragraphs`.

    Given the ``source`` the paragraphs' spans point into (``base`` is the offset of its
    first character when it is a stretch of a longer input), a plain paragraph is kept
    as its two offsets as soon as it is added, so a reader of a long input never holds
    all its paragraphs as objects. :meth:`result` hands over what was collected.
    """

    __slots__ = ("base", "ends", "items", "kept", "source", "starts")

    def __init__(self, source: str | None, base: int = 0) -> None:
        self.source = source
        self.base = base
        self._start()

    def _start(self) -> None:
        limit = 0 if self.source is None else self.base + len(self.source)
        self.items: list[Paragraph | None] = []
        self.starts = offset_array(limit)
        self.ends = offset_array(limit)
        self.kept = 0  # how many are offsets

    def __len__(self) -> int:
        return len(self.items)

    def append(self, paragraph: Paragraph) -> None:
        """Add ``paragraph`` at the end (as offsets when it is plain and placed in the source)."""
        span, tokens = paragraph.span, paragraph.tokens
        if self.source is not None and span is not None and len(tokens) == 1:
            token = tokens[0]
            start, end = span.start, span.end
            if (
                type(token) is Text
                and token.span == span
                and start >= self.base
                and len(token.text) == end - start
                and self.source.startswith(token.text, start - self.base)
            ):
                self._add(None, start, end)
                self.kept += 1
                return
        self._add(paragraph, 0, 0)

    def extend(self, paragraphs: Paragraphs) -> None:
        """Add every paragraph of ``paragraphs``; offsets into the same source are copied."""
        starts, ends = paragraphs._starts, paragraphs._ends
        same = paragraphs._source is self.source and paragraphs._base == self.base
        if starts is not None and ends is not None and same:
            self.items.extend(paragraphs._items)
            self.starts.extend(starts)
            self.ends.extend(ends)
            self.kept += paragraphs._items.count(None)
        else:
            for paragraph in paragraphs:
                self.append(paragraph)

    def _add(self, item: Paragraph | None, start: int, end: int) -> None:
        self.items.append(item)
        if self.source is not None:
            self.starts.append(start)
            self.ends.append(end)

    def result(self) -> Paragraphs:
        """Return the paragraphs added so far; the builder starts again, empty."""
        if not self.kept:
            paragraphs = Paragraphs(self.items)  # type: ignore[arg-type]  # no None here
        else:
            assert self.source is not None  # nothing is kept as offsets without one
            paragraphs = object.__new__(Paragraphs)
            paragraphs._items, paragraphs._source = self.items, self.source
            paragraphs._base, paragraphs._starts, paragraphs._ends = (
                self.base,
                self.starts,
                self.ends,
            )
        self._start()  # the result keeps these buffers: never append to them again
        return paragraphs


def _built(parts: Iterable[Paragraph | Paragraphs], builder: ParagraphsBuilder) -> Paragraphs:
    for item in parts:  # one at a time: a generator is never all objects at once
        if isinstance(item, Paragraphs):
            builder.extend(item)
        else:
            builder.append(item)
    return builder.result()


def join_paragraphs(parts: Iterable[Paragraph | Paragraphs]) -> Paragraphs:
    """Return the paragraphs of ``parts`` in order, as one :class:`Paragraphs`.

    Paragraphs kept as offsets stay so (those of one input: a document's are), so
    joining a long document's blocks costs a few bytes a paragraph.
    """
    parts = tuple(parts)
    for part in parts:
        if isinstance(part, Paragraphs) and part._starts is not None:
            return _built(parts, ParagraphsBuilder(part._source, part._base))
    return Paragraphs(
        item for part in parts for item in (part if isinstance(part, Paragraphs) else (part,))
    )


def _to_paragraphs(value: Iterable[Paragraph]) -> Paragraphs:
    return Paragraphs.of(value)


class _CallableParagraphs(Paragraphs):
    """Paragraphs that may still be called, as the method they replaced, with a warning."""

    __slots__ = ("_advice", "_called")

    _called: Paragraphs
    _advice: str

    def __call__(self) -> Iterator[Paragraph]:
        warnings.warn(self._advice, DeprecationWarning, stacklevel=2)
        return iter(self._called)


def _callable_paragraphs(
    paragraphs: Paragraphs, advice: str, called: Paragraphs
) -> _CallableParagraphs:
    """Return ``paragraphs`` in a form whose call warns ``advice`` and iterates ``called``."""
    result = _with_storage(object.__new__(_CallableParagraphs), paragraphs)
    result._called, result._advice = called, advice
    return result


@attrs.frozen
class Section:
    """A heading (``None`` for the untitled opening section) and its paragraphs."""

    heading: Paragraph | None
    paragraphs: Paragraphs = attrs.field(converter=_to_paragraphs)


def group_sections(
    blocks: Iterable[tuple[bool, Paragraph]], source: str | None = None
) -> tuple[Section, ...]:
    """Group body blocks, each marked whether it is a heading, into sections.

    A heading opens a section; paragraphs before the first heading form the untitled
    opening section. Every reader of a structured format builds its sections this way.
    Given the ``source`` the blocks' spans point into, plain paragraphs are kept as
    offsets (see :class:`Paragraphs`), one at a time, as ``blocks`` yields them.
    """
    sections: list[Section] = []
    heading: Paragraph | None = None
    paragraphs = ParagraphsBuilder(source)
    for is_heading, paragraph in blocks:
        if is_heading:
            if heading is not None or paragraphs.items:
                sections.append(Section(heading, paragraphs.result()))
            heading, paragraphs = paragraph, ParagraphsBuilder(source)
        else:
            paragraphs.append(paragraph)
    if heading is not None or paragraphs.items:
        sections.append(Section(heading, paragraphs.result()))
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
        # The fields spelled out: attrs.astuple costs more than the rest of a small page.
        return bool(self.published or self.authors or self.editors or self.source or self.url)


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
    def blocks(self) -> Paragraphs:
        """Every paragraph in reading order: the title, then each heading and body."""
        blocks: list[Paragraph | Paragraphs] = [] if self.title is None else [self.title]
        for section in self.sections:
            if section.heading is not None:
                blocks.append(section.heading)
            blocks.append(section.paragraphs)
        return join_paragraphs(blocks)

    @property
    def paragraphs(self) -> Paragraphs:
        """The body paragraphs of every section, in order (as ``Section.paragraphs``).

        Calling it, ``document.paragraphs()``, is deprecated: it still yields every
        block (title and headings too), as the method did; use :attr:`blocks`.
        """
        body = join_paragraphs(section.paragraphs for section in self.sections)
        advice = (
            "Document.paragraphs() is deprecated; use Document.blocks for every paragraph "
            "in reading order (title and headings too), or Document.paragraphs (no call) "
            "for the body paragraphs"
        )
        return _callable_paragraphs(body, advice, self.blocks)

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
    if isinstance(left, (tuple, Paragraphs)) and isinstance(right, (tuple, Paragraphs)):
        return len(left) == len(right) and all(map(same_positions, left, right))
    if type(left) is not type(right):
        return False
    if not attrs.has(type(left)):
        return left == right
    skipped = provenance_fields(type(left), Provenance.RECORD)
    for field in attrs.fields(type(left)):  # type: ignore[arg-type]  # checked by attrs.has
        if field.name in skipped:
            continue
        if not same_positions(getattr(left, field.name), getattr(right, field.name)):
            return False
    return True

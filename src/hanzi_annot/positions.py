"""Places in the original input: spans of code-point offsets and their line:column.

Every token and diagnostic keeps a :class:`Span` into the decoded input; a
:class:`LineIndex` turns an offset back into the line and column a person sees in an
editor. This module knows nothing of pinyin or of the document model.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterable, Sequence

import attrs

from hanzi_annot.chardata import LINE_BREAK_RE


@attrs.frozen(weakref_slot=False)  # made by the million: no weakref slot, 8 bytes less
class Span:
    """A half-open range ``[start, end)`` of code-point offsets into the original input."""

    start: int
    end: int

    def __attrs_post_init__(self) -> None:
        # One check after both fields are set: every token is given a span, so a
        # validator per field would cost the parser a noticeable share of its time.
        if not 0 <= self.start <= self.end:
            if self.start < 0:
                raise ValueError(f"span start must be >= 0, got {self.start}")
            raise ValueError(f"span end {self.end} is before its start {self.start}")


_new = object.__new__
_set = object.__setattr__


def known_span(start: int, end: int) -> Span:
    """Build a :class:`Span` whose bounds the caller knows to be valid (0 <= start <= end).

    For a parser that makes one per token from offsets it has just found: the result
    equals ``Span(start, end)`` and costs half as much, the constructor's check being
    left out. Anything else should call :class:`Span` itself.

    >>> known_span(2, 5) == Span(2, 5)
    True
    """
    span: Span = _new(Span)
    _set(span, "start", start)
    _set(span, "end", end)
    return span


def offset_array(limit: int) -> array[int]:
    """Return an empty array of unsigned integers wide enough for offsets up to ``limit``.

    Four bytes an offset for any text under 4 GiB: what tables of lines and of
    paragraphs hold instead of an ``int`` object (28 bytes) each.
    """
    return array("I" if limit < 2**32 else "Q")


def _compact(starts: Iterable[int]) -> Sequence[int]:
    """Hold line starts as machine integers: 8 bytes a line instead of about 36.

    Offsets too big for them (no real text has them; a JSON model may claim them) stay
    a tuple.
    """
    if isinstance(starts, array) and starts.typecode == "q":
        return starts  # built by LineIndex.of: no second copy of a million lines
    values = starts if isinstance(starts, Sequence) else tuple(starts)
    try:
        return array("q", values)
    except OverflowError:
        return tuple(values)


@attrs.frozen
class LineIndex:
    r"""Start offsets of every line of one input text.

    Build it with :meth:`of`; columns count code points, so an astral hanzi such as
    𠮷 is one column, as in most editors.

    >>> index = LineIndex.of("第一行\r\n第二行")
    >>> index.locate(5)
    (2, 1)
    """

    _starts: Sequence[int] = attrs.field(
        alias="line_starts", converter=_compact, hash=False, repr=False
    )
    length: int

    @property
    def line_starts(self) -> tuple[int, ...]:
        """The start offset of every line, in order (a new tuple; kept compactly inside)."""
        return tuple(self._starts)

    def line_start(self, line: int) -> int:
        """Return the start offset of the 1-based ``line``."""
        return self._starts[line - 1]

    @classmethod
    def of(cls, text: str) -> LineIndex:
        """Index the line starts of ``text`` (LF, CRLF and CR all end a line)."""
        starts = array("q", [0])
        starts.extend(match.end() for match in LINE_BREAK_RE.finditer(text))
        return cls(starts, len(text))

    def locate(self, offset: int) -> tuple[int, int]:
        """Return the 1-based ``(line, column)`` of a code-point offset."""
        offset = max(0, min(offset, self.length))
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    @property
    def line_count(self) -> int:
        """Number of lines, counting a last line without a line break."""
        return len(self._starts)

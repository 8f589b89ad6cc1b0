"""Lines of one input held as offsets: a page of a million short lines stays small.

A :class:`LineTable` holds what :func:`~hanzi_annot.text.decode.split_lines` gives as
three integers a line and builds a :class:`~hanzi_annot.text.decode.Line` only when a
line is read. Cleaning given a table returns the lines it keeps as a table of the same
input, so nothing per line outlives the step that looks at it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import overload

from hanzi_annot.positions import offset_array
from hanzi_annot.text.decode import Line, line_bounds


class LineTable(Sequence[Line]):
    r"""Lines of one input held as three integers each; a :class:`Line` is built on access.

    The same lines as :func:`~hanzi_annot.text.decode.split_lines` gives, in a fraction
    of the memory: a page of a million one-character lines costs 12 bytes a line here,
    not a ``Line`` object and a string (about 240 bytes). Fill a table once (:meth:`of`,
    :meth:`collect`); it is then read, not changed.

    >>> table = LineTable.of("标题\r\n\r正文。\n")
    >>> [(line.number, line.start, line.text) for line in table]
    [(1, 0, '标题'), (2, 4, ''), (3, 5, '正文。')]
    >>> table[1:] == LineTable.of("标题\r\n\r正文。")[1:], len(table)
    (True, 3)
    """

    __slots__ = ("_ends", "_numbers", "_source", "_starts")

    def __init__(self, source: str) -> None:
        """Start an empty table of lines of ``source`` (fill it with :meth:`collect`)."""
        self._source = source
        self._numbers = offset_array(len(source) + 1)
        self._starts = offset_array(len(source))
        self._ends = offset_array(len(source))

    @classmethod
    def of(cls, text: str) -> LineTable:
        """Split ``text`` at LF, CRLF or CR, as :func:`~hanzi_annot.split_lines` does."""
        table = cls(text)
        add_start, add_end = table._starts.append, table._ends.append
        for start, end in line_bounds(text):
            add_start(start)
            add_end(end)
        table._numbers.extend(range(1, len(table._starts) + 1))
        return table

    @classmethod
    def collect(cls, source: str, lines: Iterable[Line]) -> LineTable:
        """Hold ``lines`` of ``source``; each must be ``source[line.start:line.end]``.

        Raises ``ValueError`` for a line whose text is not that slice (a rewritten line
        cannot be rebuilt from offsets).
        """
        table = cls(source)
        table.extend(lines)
        return table

    def stripped(self) -> LineTable:
        """Return the non-blank lines, each without outer whitespace (``Line.strip``)."""
        table = LineTable(self._source)
        source = self._source
        add_number, add_start, add_end = (
            table._numbers.append,
            table._starts.append,
            table._ends.append,
        )
        for number, start, end in zip(self._numbers, self._starts, self._ends, strict=True):
            text = source[start:end]
            core = text.strip()
            if core:
                lead = start + len(text) - len(text.lstrip())
                add_number(number)
                add_start(lead)
                add_end(lead + len(core))
        return table

    @property
    def source(self) -> str:
        """The input text the lines are offsets into."""
        return self._source

    def append(self, line: Line) -> None:
        """Add ``line`` at the end; it must be the slice of the source its offsets name."""
        if self._source[line.start : line.end] != line.text:
            raise ValueError(f"line {line.number} is not the text at its offsets")
        self._add(line.number, line.start, line.end)

    def extend(self, lines: Iterable[Line]) -> None:
        """Add ``lines`` at the end; a table of the same source is copied as integers."""
        if isinstance(lines, LineTable) and lines._source is self._source:
            self._numbers.extend(lines._numbers)
            self._starts.extend(lines._starts)
            self._ends.extend(lines._ends)
            return
        for line in lines:
            self.append(line)

    def _add(self, number: int, start: int, end: int) -> None:
        self._numbers.append(number)
        self._starts.append(start)
        self._ends.append(end)

    def __len__(self) -> int:
        return len(self._numbers)

    @overload
    def __getitem__(self, index: int) -> Line: ...

    @overload
    def __getitem__(self, index: slice) -> LineTable: ...

    def __getitem__(self, index: int | slice) -> Line | LineTable:
        if isinstance(index, slice):
            table: LineTable = object.__new__(LineTable)  # filled below, not emptied first
            table._source = self._source
            table._numbers = self._numbers[index]
            table._starts = self._starts[index]
            table._ends = self._ends[index]
            return table
        start, end = self._starts[index], self._ends[index]
        return Line(self._numbers[index], start, end, self._source[start:end])

    def __iter__(self) -> Iterator[Line]:
        source = self._source
        for number, start, end in zip(self._numbers, self._starts, self._ends, strict=True):
            yield Line(number, start, end, source[start:end])

    def text(self, index: int) -> str:
        """Return the text of the line at ``index`` without building a ``Line``."""
        return self._source[self._starts[index] : self._ends[index]]

    def texts(self, start: int = 0, stop: int | None = None) -> Iterator[str]:
        """Yield the text of the lines ``table[start:stop]`` without building ``Line`` objects."""
        source = self._source
        starts, ends = self._starts, self._ends
        if start or stop is not None:
            starts, ends = starts[start:stop], ends[start:stop]
        for begin, end in zip(starts, ends, strict=True):
            yield source[begin:end]

    def __eq__(self, other: object) -> bool:
        """Tables are equal when they hold the same lines; a tuple of the lines equals none."""
        if not isinstance(other, LineTable):
            return NotImplemented
        return (
            self._numbers == other._numbers
            and self._starts == other._starts
            and self._ends == other._ends
            and (self._source is other._source or all(map(Line.__eq__, self, other)))
        )

    __hash__ = None  # type: ignore[assignment]  # a table fills up: mutable, so unhashable

    def __repr__(self) -> str:
        return f"<LineTable of {len(self)} lines>"

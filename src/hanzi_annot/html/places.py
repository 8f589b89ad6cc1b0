"""Where things are in an HTML page: start tags and text runs, as code-point offsets.

lxml tells only the line where a start tag ends, and nothing about where a text node
starts, so :func:`~hanzi_annot.from_html` finds both in the decoded page here: start
tags in one linear scan, text runs by a bounded search after their element's tag.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Collection
from typing import Final

import attrs
from lxml import etree

from hanzi_annot.positions import LineIndex, Span

__all__ = ["Run", "RunPlaces", "start_tags", "tag_offsets"]

#: The start of a comment or of a start tag (its name runs to whitespace, ``/`` or ``>``).
_TAG_START_RE = re.compile(r"<(!--|[A-Za-z][^\s/>]*)")
_COMMENT_END = "-->"
_RAW_TEXT_END_RE: Final = {
    name: re.compile(rf"</{name}[\s/>]", re.IGNORECASE) for name in ("script", "style")
}
#: How far after its element's start tag a text run is looked for in the page.
_SEARCH_WINDOW = 20_000


@attrs.frozen
class Run:
    """Text of the page and the element whose start tag comes before it (where to look)."""

    text: str
    owner: etree._Element


def start_tags(page: str) -> dict[str, list[int]]:
    """Find every start tag's offset, by lowercase tag name, in one pass over the page.

    Comments and the raw text of ``script`` and ``style`` are skipped, since a ``<p``
    there is no tag; one left open runs to the end of the page. Each search starts where
    the last one ended, so the scan is linear in the page's length.
    """
    starts: dict[str, list[int]] = {}
    position = 0
    while (found := _TAG_START_RE.search(page, position)) is not None:
        name = found.group(1)
        if name == "!--":
            end = page.find(_COMMENT_END, found.end())
            if end < 0:
                break
            position = end + len(_COMMENT_END)
            continue
        name = name.lower()
        starts.setdefault(name, []).append(found.start())
        position = found.end()
        raw_end = _RAW_TEXT_END_RE.get(name)
        if raw_end is not None:
            closed = raw_end.search(page, position)
            if closed is None:
                break
            position = closed.start()
    return starts


def tag_offsets(
    page: str, lines: LineIndex, root: etree._Element, unplaced: Collection[str] = ()
) -> dict[etree._Element, int]:
    """Find the offset of each element's start tag in the page.

    lxml gives only the line where a start tag ends, so the n-th ``<p`` of the page is
    matched with the n-th ``p`` element, tag by tag; a tag whose counts differ (the
    parser added or dropped some) is left out, and its elements are placed by line.
    Elements whose tag is in ``unplaced`` are skipped (never asked for).
    """
    by_tag: dict[str, list[etree._Element]] = {}
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag not in unplaced:
            by_tag.setdefault(element.tag, []).append(element)
    starts_by_tag = start_tags(page)
    offsets: dict[etree._Element, int] = {}
    for tag, elements in by_tag.items():
        starts = starts_by_tag.get(tag, [])
        if len(starts) == len(elements) and all(
            lines.locate(start)[0] <= (element.sourceline or 0)
            for start, element in zip(starts, elements, strict=True)
        ):
            offsets.update(zip(elements, starts, strict=True))
    return offsets


@attrs.frozen
class RunPlaces:
    """Where each character of adjacent text runs is in the page.

    A run found literally after its anchor is placed exactly; one that is not (entities,
    or text the parser changed) is placed at its anchor, on the line of its element.
    """

    starts: tuple[int, ...]  # where each run starts in the joined text
    found: tuple[int | None, ...]  # where each run starts in the page, if found
    anchors: tuple[int, ...]

    @classmethod
    def of(cls, page: str, runs: list[Run], anchor: Callable[[etree._Element], int]) -> RunPlaces:
        """Find each run in the page, after the start tag ``anchor`` gives its owner."""
        starts, found, anchors = [0], [], []
        for run in runs:
            starts.append(starts[-1] + len(run.text))
            anchors.append(anchor(run.owner))
            at = page.find(run.text, anchors[-1], anchors[-1] + len(run.text) + _SEARCH_WINDOW)
            found.append(None if at < 0 else at)
        return cls(tuple(starts[:-1]), tuple(found), tuple(anchors))

    def place(self, index: int) -> int:
        """Return the page offset of character ``index`` of the joined runs."""
        which = max(0, bisect_right(self.starts, index) - 1)
        found = self.found[which]
        return self.anchors[which] if found is None else found + index - self.starts[which]

    def span(self, span: Span) -> Span:
        """Return a span of the joined runs as a span of the page."""
        start = self.place(span.start)
        end = self.place(span.end - 1) + 1 if span.end > span.start else start
        return Span(start, max(start, end))

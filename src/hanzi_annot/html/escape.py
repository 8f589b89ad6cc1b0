"""Text escaped exactly as lxml's HTML serialiser escapes it, for pages built from pieces.

A warm page is assembled from fragments lxml serialised earlier and the plain text
between them; that text must come out byte for byte as lxml would write it, so this
module holds the one function that escapes it, and a test compares it with lxml's
serialiser on every code point. Only text HTML can carry is given to it: text with
characters HTML cannot carry goes through lxml (see ``chardata.has_unwritable``).
"""

from __future__ import annotations

import functools
import re
from typing import Final

from lxml import etree

__all__ = ["escape_text", "is_plain_text", "start_tag", "tag_pair"]

#: What lxml's HTML serialiser replaces in element text and tails.
_ESCAPES: Final = {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord("\r"): "&#13;"}
_SPECIAL_RE: Final = re.compile("[&<>\r]")


# Anything escape_text changes, anything HTML cannot carry, any astral code point: one
# negated class of BMP ranges (what is plain), which scans far faster than a class or an
# alternation naming astral code points. A test holds it to the definition.
_NOT_PLAIN_RE: Final = re.compile(
    "[^\t\n\x20-\x25\x27-\x3b\x3d\x3f-\x7e\xa0-\ud7ff\ue000-\ufdcf\ufdf0-\ufffd]"
)


def is_plain_text(text: str) -> bool:
    r"""Tell whether ``text`` is surely written as it is: HTML can carry it, nothing escaped.

    One scan for what would otherwise take three (:func:`escape_text` and
    :func:`~hanzi_annot.chardata.has_unwritable`'s two); news text almost always is.
    False for any text with an astral code point, which the caller then checks in full.

    >>> is_plain_text("国家，2024年"), is_plain_text("A&B"), is_plain_text("a\x07")
    (True, False, False)
    """
    return _NOT_PLAIN_RE.search(text) is None


def escape_text(text: str) -> str:
    """Return ``text`` as lxml writes it in an HTML element's text or tail.

    >>> escape_text("A&B <国家>")
    'A&amp;B &lt;国家&gt;'
    """
    if _SPECIAL_RE.search(text) is None:
        return text
    return text.translate(_ESCAPES)


@functools.lru_cache(maxsize=16)  # a handful of tags: p, h1, h2
def tag_pair(tag: str) -> tuple[str, str]:
    """Return the start and end tags lxml writes for an element ``tag`` without attributes.

    >>> tag_pair("p")
    ('<p>', '</p>')
    """
    empty = etree.tostring(etree.Element(tag), method="html", encoding="unicode")
    start = empty[: empty.index(">") + 1]
    return start, empty[len(start) :]


#: Distinct start tags kept: a ruby's margins take a few hundred values in a corpus.
_MAX_START_TAGS = 4096


@functools.lru_cache(maxsize=_MAX_START_TAGS)
def start_tag(tag: str, attributes: tuple[tuple[str, str], ...] = ()) -> str:
    """Return the start tag lxml writes for an empty element ``tag`` with ``attributes``.

    The attributes are set in order, so they come out in that order; the value is
    escaped by lxml. With :func:`tag_pair`'s end tag, it frames content serialised
    elsewhere.

    >>> start_tag("ruby", (("style", "margin-left:0.5em"), ("data-hsk", "2")))
    '<ruby style="margin-left:0.5em" data-hsk="2">'
    """
    element = etree.Element(tag)
    for name, value in attributes:
        element.set(name, value)
    empty = etree.tostring(element, method="html", encoding="unicode")
    return empty[: len(empty) - len(tag_pair(tag)[1])]

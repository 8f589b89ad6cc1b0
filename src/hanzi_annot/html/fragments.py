"""Reuse of built ruby: each distinct fragment is built by lxml once and reused after.

News text repeats its annotated words, and building a ``<ruby>`` element by element
costs far more than reusing a finished one. The HTML renderer keeps, per
:class:`~hanzi_annot.html.write.HtmlOptions`, one bounded :class:`RenderCache` of the
words it has met (what was not used lately goes first): the built fragments without
their margins (deep-copied when a tree needs the element), their lxml serialisations
with the margins (which :meth:`~hanzi_annot.html.write.HtmlRenderer.render` puts in
place of a placeholder element after serialising the page) and the words as the
spacing sees them. A word met for the first time is assembled from per-character pieces (a
character with its ruby text, serialised by lxml once) between a start tag lxml
wrote. Only fragments whose building reported nothing are kept, so a reuse is always
exactly what building it again would give. The same holds for the page around an
article: its serialised shell, cut where the title and the article go, is kept per
set of HSK levels.
"""

from __future__ import annotations

import copy
import functools
import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

from lxml import etree

from hanzi_annot.memo import Memo

__all__ = ["RenderCache", "render_cache"]

_Value = TypeVar("_Value")

#: Distinct words kept per options: a month of news has about 25,000.
MAX_FRAGMENTS = 1 << 15
#: Page shells kept per options: one per set of HSK levels a page carries.
MAX_SHELLS = 256


class _Lru(Generic[_Value]):
    """A bounded least-recently-used mapping, safe to share between threads."""

    def __init__(self, maxsize: int) -> None:
        self._entries: OrderedDict[Hashable, _Value] = OrderedDict()
        self._maxsize = maxsize
        self._lock = threading.RLock()  # reentrant: RenderCache.keep holds it around put

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: Hashable) -> _Value | None:
        with self._lock:
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
            return value

    def put(self, key: Hashable, value: _Value) -> _Value | None:
        """Keep ``value``; return the value evicted to make room, if any."""
        with self._lock:
            self._entries[key] = value
            if len(self._entries) > self._maxsize:
                return self._entries.popitem(last=False)[1]
            return None


class RenderCache:
    """The built fragments (``ruby``) and spacing words (``words``) of one set of options."""

    def __init__(self, maxsize: int = MAX_FRAGMENTS) -> None:
        self._ruby: _Lru[etree._Element] = _Lru(maxsize)
        # Plain values, looked up per occurrence: memo tables, whose hit is one lookup.
        self.words: Memo[Hashable, object] = Memo(maxsize)
        #: Serialised fragments with their margins, by word and whole spacing.
        self.html: Memo[Hashable, str] = Memo(maxsize)
        #: Per syllable, its serialised ruby text cut around the ``<rt>`` start tag: a
        #: word met for the first time is assembled from these.
        self.pieces: Memo[str, tuple[str, str]] = Memo(maxsize)
        #: Per set of HSK levels, the serialised page around an article, cut where the
        #: title and the article go; ``()`` when it cannot be kept.
        self.shells: Memo[Hashable, tuple[str, str, str] | tuple[()]] = Memo(MAX_SHELLS)
        # Kept fragments are children of one element: a detached lxml element would
        # carry a document of its own, several kilobytes each.
        self._holder = etree.Element("fragments")

    def ruby(self, key: Hashable) -> etree._Element | None:
        """Return a fresh copy of the fragment kept under ``key``, or ``None``."""
        kept = self._ruby.get(key)
        if kept is None:
            return None
        copied: etree._Element = kept.__deepcopy__(None)  # type: ignore[attr-defined]  # unstubbed
        return copied

    def keep(self, key: Hashable, element: etree._Element) -> None:
        """Keep a copy of ``element`` (without its tail) under ``key``, unless one is kept.

        Two renderers sharing the cache may both build a new word; the first copy kept
        stays, so the holder never has more children than the mapping has entries.
        """
        kept = copy.deepcopy(element)
        kept.tail = None
        with self._ruby._lock:  # one step: a check, the holder and the mapping together
            if self._ruby.get(key) is not None:
                return
            self._holder.append(kept)
            evicted = self._ruby.put(key, kept)
            if evicted is not None:
                self._holder.remove(evicted)

    def sizes(self) -> dict[str, int]:
        """How many fragments and words are kept."""
        return {
            "ruby": len(self._ruby),
            "words": len(self.words),
            "html": len(self.html),
            "pieces": len(self.pieces),
            "shells": len(self.shells),
        }


@functools.lru_cache(maxsize=16)
def render_cache(options: Hashable) -> RenderCache:
    """Return the cache shared by every renderer with these (frozen, hashable) options."""
    return RenderCache()

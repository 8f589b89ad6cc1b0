"""A bounded memo table whose hit is one dict lookup: what the hot paths remember work in.

News text repeats its annotated words, so the parser, validator and writers keep what
they worked out per distinct key. A least-recently-used table moves an entry on every
hit (an ``OrderedDict`` reorder, under a lock when shared); at corpus scale that
bookkeeping cost more than some of the work it saved. :class:`Memo` keeps two
generations of plain dicts instead: a hit in the recent one costs a lookup and
nothing else, an entry of the older one met again moves to the recent one, and when
the table is full the older generation is dropped whole. What is used stays; what has
not been used for a generation goes; the table never holds more than ``size`` entries.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Final, Generic, TypeVar, cast

__all__ = ["Memo"]

_Key = TypeVar("_Key", bound=Hashable)
_Value = TypeVar("_Value")


#: Marks a key a table does not hold (a kept value may be None).
_MISSING: Final = object()


class Memo(Generic[_Key, _Value]):
    """A bounded table of computed values: at most ``size`` entries, recently used kept.

    Plain data (two dicts), so its owner pickles. Safe to share between threads: each
    step is one dict operation, and a value lost in a race is only computed again.
    ``Memo(0)`` keeps nothing, which a reference path uses to compute everything afresh.

    >>> memo: Memo[str, int] = Memo(2)
    >>> memo.get("a", lambda: 1), memo.get("a", lambda: 99), memo.find("b")
    (1, 1, None)
    """

    __slots__ = ("_older", "recent", "size")

    def __init__(self, size: int) -> None:
        if size < 0:
            raise ValueError(f"a memo's size must be at least 0, got {size}")
        self.size = size
        #: The recent generation: a caller on a hot path may look here first, directly.
        self.recent: dict[_Key, _Value] = {}
        self._older: dict[_Key, _Value] = {}

    def __len__(self) -> int:
        return len(self.recent) + len(self._older)

    def __getstate__(self) -> tuple[int, dict[_Key, _Value], dict[_Key, _Value]]:
        return self.size, self.recent, self._older

    def __setstate__(self, state: tuple[int, dict[_Key, _Value], dict[_Key, _Value]]) -> None:
        self.size, self.recent, self._older = state

    def find(self, key: _Key) -> _Value | None:
        """Return the value kept under ``key``, or ``None`` (see :meth:`get` for None values)."""
        value = self._find(key)
        return None if value is _MISSING else cast(_Value, value)

    def _find(self, key: _Key) -> object:
        value: object = self.recent.get(key, _MISSING)
        if value is _MISSING:
            value = self._older.pop(key, _MISSING)
            if value is not _MISSING:
                self.put(key, cast(_Value, value))
        return value

    def put(self, key: _Key, value: _Value) -> None:
        """Keep ``value`` under ``key``; a full recent generation becomes the older one.

        The recent generation is handed over when it reaches half the size (rounded
        up), so the two together never hold more than ``size``.
        """
        if self.size == 0:
            return
        recent = self.recent
        recent[key] = value
        if 2 * len(recent) >= self.size:
            self._older, self.recent = recent, {}

    def get(self, key: _Key, compute: Callable[[], _Value]) -> _Value:
        """Return the value kept under ``key``, computing and keeping it if missing."""
        value = self._find(key)
        if value is _MISSING:
            computed = compute()
            self.put(key, computed)
            return computed
        return cast(_Value, value)

    def clear(self) -> None:
        """Forget everything."""
        self.recent, self._older = {}, {}

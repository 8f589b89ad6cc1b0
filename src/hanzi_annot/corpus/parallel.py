"""Ordered parallel map over processes with a bounded window, for corpora and the CLI.

``ProcessPoolExecutor.map`` submits every item up front, so a lazy corpus would be
read whole into memory; :func:`map_ordered` keeps at most ``2 * workers`` batches in
flight and yields results in input order, so output equals the serial run's.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from functools import partial
from itertools import islice
from typing import TypeVar

In = TypeVar("In")
Out = TypeVar("Out")


def _apply_batch(function: Callable[[In], Out], batch: list[In]) -> list[Out]:
    return [function(item) for item in batch]


def _batches(items: Iterable[In], size: int) -> Iterator[list[In]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def map_ordered(
    function: Callable[[In], Out],
    items: Iterable[In],
    *,
    workers: int = 1,
    batch_size: int = 1,
) -> Iterator[Out]:
    """Yield ``function(item)`` for every item, in order, using ``workers`` processes.

    ``function`` and the items must pickle (a module-level function or a
    :func:`functools.partial` of one). With ``workers == 1`` nothing is spawned.

    >>> list(map_ordered(abs, [-3, 1, -2]))
    [3, 1, 2]
    """
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    if workers == 1:
        yield from map(function, items)
        return
    work = partial(_apply_batch, function)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: deque[Future[list[Out]]] = deque()
        for batch in _batches(items, batch_size):
            pending.append(pool.submit(work, batch))
            if len(pending) >= 2 * workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()

"""Ordered parallel map over processes with a bounded window, for corpora and the CLI.

``ProcessPoolExecutor.map`` submits every item up front, so a lazy corpus would be
read whole into memory; :func:`map_ordered` keeps at most ``2 * workers`` batches in
flight and yields results in input order, so output equals the serial run's.

The function is sent to each worker process once, when the process starts, so an
object with a cache (a :class:`~hanzi_annot.corpus.pipeline.Pipeline` bound method)
keeps that cache for every batch the process handles. Workers ignore Ctrl-C: the
parent alone reports the interruption and stops them, so no worker prints a traceback.
"""

from __future__ import annotations

import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Any, TypeVar

In = TypeVar("In")
Out = TypeVar("Out")

#: In a worker process: the function it applies, received once when it started.
_task: Callable[[Any], Any] | None = None


def _start_worker(function: Callable[[Any], Any]) -> None:
    """Set a worker process up: keep its function and leave Ctrl-C to the parent."""
    global _task
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _task = function


def _apply_batch(batch: list[Any]) -> list[Any]:
    assert _task is not None, "the worker was not started by map_ordered"
    return [_task(item) for item in batch]


def _batches(items: Iterable[In], size: int) -> Iterator[list[In]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop a pool at once: drop queued batches and end the worker processes."""
    pool.shutdown(wait=False, cancel_futures=True)
    processes = getattr(pool, "_processes", None) or {}
    for process in list(processes.values()):
        process.terminate()


def map_ordered(
    function: Callable[[In], Out],
    items: Iterable[In],
    *,
    workers: int = 1,
    batch_size: int = 1,
    on_error: Callable[[In, BaseException], Out] | None = None,
) -> Iterator[Out]:
    """Yield ``function(item)`` for every item, in order, using ``workers`` processes.

    ``function`` and the items must pickle (a module-level function, a
    :func:`functools.partial` of one, or a bound method of a picklable object). With
    ``workers == 1`` nothing is spawned. If a batch fails in its worker (the process
    died, or ``function`` raised), ``on_error(item, error)`` gives the result of each
    of its items and the run goes on with a fresh pool; without ``on_error`` the
    error is raised.

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
    batches = _batches(items, batch_size)
    todo: deque[list[In]] = deque()  # batches a broken pool never started: run them first
    while True:
        pool = ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(function,))
        broken = False
        try:
            pending: deque[tuple[list[In], Future[list[Out]]]] = deque()
            while not broken and (batch := todo.popleft() if todo else next(batches, None)):
                try:
                    future = pool.submit(_apply_batch, batch)
                except BrokenProcessPool:  # a worker died since the last result was read
                    if on_error is None:
                        raise
                    todo.appendleft(batch)
                    broken = True
                    break
                pending.append((batch, future))
                if len(pending) >= 2 * workers:
                    results, broken = _collect(pending.popleft(), on_error)
                    yield from results
            while pending:
                results, failed = _collect(pending.popleft(), on_error)
                broken = broken or failed
                yield from results
        except BaseException:  # Ctrl-C or the consumer stopped: end the workers now
            _stop(pool)
            raise
        pool.shutdown(wait=not broken)
        if not broken:
            return


def _collect(
    entry: tuple[list[In], Future[list[Out]]],
    on_error: Callable[[In, BaseException], Out] | None,
) -> tuple[list[Out], bool]:
    """Return a batch's results and whether the pool broke; failures via ``on_error``."""
    batch, future = entry
    try:
        return future.result(), False
    except Exception as error:
        if on_error is None:
            raise
        return [on_error(item, error) for item in batch], isinstance(error, BrokenProcessPool)

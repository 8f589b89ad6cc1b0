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
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Any, Generic, TypeVar

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
    """Yield the items ``size`` at a time; an error reading them comes after what came before."""
    iterator = iter(items)
    while True:
        batch: list[In] = []
        try:
            batch.extend(islice(iterator, size))
        except Exception:
            if batch:  # the items read before the error still run
                yield batch
            raise
        if not batch:
            return
        yield batch


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop a pool at once: drop queued batches and end the worker processes."""
    # Taken first: shutdown() forgets the processes, and they would run on.
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(timeout=1.0)


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
    died, or ``function`` raised), every item then in flight is run again on its own,
    one at a time, in a fresh pool: an item that fails alone gets ``on_error(item,
    error)`` as its result, the others their real results, and the run goes on.
    Without ``on_error`` the error is raised.

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
    queue = _Queue(_batches(items, batch_size), workers)
    while True:
        pool = ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(function,))
        try:
            failed = yield from _run(pool, queue, on_error)
        except BaseException:  # Ctrl-C or the consumer stopped: end the workers now
            _stop(pool)
            raise
        if not failed:
            pool.shutdown(wait=True)
            if queue.error is not None:  # reading the items failed: as a serial run would
                raise queue.error
            return
        _stop(pool)  # broken, or running batches whose items are run again


_Pending = deque[tuple[list[In], bool, "Future[list[Out]]"]]


class _Queue(Generic[In]):
    """What is left to run, in input order: suspects first, then refused, then new batches."""

    def __init__(self, batches: Iterator[list[In]], workers: int) -> None:
        self.batches = batches
        self.workers = workers
        self.suspects: deque[In] = deque()  # in flight when a batch failed: run alone
        self.refused: deque[list[In]] = deque()  # a broken pool never started them
        self.error: Exception | None = None  # reading the items failed: no more batches

    def room(self, pending: _Pending[In, Any]) -> bool:
        """Whether another batch may start: a suspect runs with nothing else in flight."""
        if pending and pending[0][1]:
            return False  # a suspect is running alone
        return not pending if self.suspects else len(pending) < 2 * self.workers

    def next_batch(self) -> tuple[list[In], bool] | None:
        """Return the next batch and whether it runs alone (a suspect); ``None`` at the end."""
        if self.suspects:
            return [self.suspects.popleft()], True
        if self.refused:
            return self.refused.popleft(), False
        if self.error is not None:
            return None
        try:
            batch = next(self.batches, None)
        except Exception as error:  # raised once the batches before it are done
            self.error = error
            return None
        return None if batch is None else (batch, False)

    def put_back(self, batch: list[In], alone: bool) -> None:
        """Return a batch that was never started to the front of its queue."""
        if alone:
            self.suspects.extendleft(batch)
        else:
            self.refused.appendleft(batch)

    def suspect(self, batches: Iterable[list[In]]) -> None:
        """Run the items of ``batches`` (in flight, in order) again, each on its own."""
        self.suspects.extendleft(reversed([item for batch in batches for item in batch]))


def _run(
    pool: ProcessPoolExecutor,
    queue: _Queue[In],
    on_error: Callable[[In, BaseException], Out] | None,
) -> Generator[Out, None, bool]:
    """Run batches from ``queue`` in ``pool``, yielding results in order.

    Returns ``False`` when everything ran, ``True`` when the pool must be replaced (it
    broke, or a batch failed and its items were queued to run again alone).
    """
    pending: _Pending[In, Out] = deque()
    while True:
        while queue.room(pending) and (entry := queue.next_batch()) is not None:
            batch, alone = entry
            try:
                future = pool.submit(_apply_batch, batch)
            except BrokenProcessPool:  # a worker died since the last result was read
                if on_error is None:
                    raise
                queue.put_back(batch, alone)
                queue.suspect(b for b, _, _ in pending)
                return True
            pending.append((batch, alone, future))
        if not pending:
            return False
        batch, alone, future = pending.popleft()
        try:
            results = future.result()
        except Exception as error:
            if on_error is None:
                raise
            if not alone:
                queue.suspect([batch, *(b for b, _, _ in pending)])
                return True
            yield on_error(batch[0], error)  # it failed on its own: it is the culprit
            if isinstance(error, BrokenProcessPool):
                queue.suspect(b for b, _, _ in pending)  # nothing, as it ran alone
                return True
            continue
        yield from results

"""The ordered, bounded process map shared by the pipeline and the CLI."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

import pytest

from hanzi_annot.corpus.parallel import map_ordered


def _square(value: int) -> int:
    return value * value


def test_results_keep_input_order_across_processes() -> None:
    assert list(map_ordered(_square, range(50), workers=2, batch_size=3)) == [
        n * n for n in range(50)
    ]


def test_input_is_consumed_lazily() -> None:
    consumed: list[int] = []

    def endless() -> Iterator[int]:
        for number in itertools.count():
            consumed.append(number)
            yield number

    first = list(itertools.islice(map_ordered(_square, endless(), workers=2, batch_size=4), 5))
    assert first == [0, 1, 4, 9, 16]
    # At most 2 * workers batches are in flight when the first result is taken.
    assert len(consumed) <= 2 * 2 * 4 + 4


@pytest.mark.parametrize(("workers", "batch_size"), [(0, 1), (2, 0)])
def test_bad_sizes_are_refused(workers: int, batch_size: int) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        list(map_ordered(_square, [1], workers=workers, batch_size=batch_size))


def _die_on_seven(value: int) -> int:
    if value == 7:
        os._exit(3)  # the worker process dies, as a segfault or the OOM killer would do
    return value


def _fail_on_three(value: int) -> int:
    if value == 3:
        raise RuntimeError("three")
    return value


@pytest.mark.parametrize("batch_size", [1, 2, 5])
def test_a_killed_worker_costs_only_the_item_that_killed_it(batch_size: int) -> None:
    results = list(
        map_ordered(
            _die_on_seven,
            range(20),
            workers=2,
            batch_size=batch_size,
            on_error=lambda item, error: f"lost {item} ({type(error).__name__})",
        )
    )
    # The items in flight with it ran again, one at a time, in a fresh pool.
    assert results == [*range(7), "lost 7 (BrokenProcessPool)", *range(8, 20)]


@pytest.mark.parametrize("batch_size", [1, 4])
def test_an_exception_in_a_batch_names_its_item_only(batch_size: int) -> None:
    results = list(
        map_ordered(
            _fail_on_three, range(9), workers=2, batch_size=batch_size, on_error=lambda i, e: -i
        )
    )
    assert results == [0, 1, 2, -3, 4, 5, 6, 7, 8]
    with pytest.raises(RuntimeError, match="three"):
        list(map_ordered(_fail_on_three, range(6), workers=2))


def test_two_bad_items_in_one_batch_are_each_named() -> None:
    def lost(item: int, error: BaseException) -> str:
        return f"lost {item}"

    results = list(map_ordered(_bad_pair, range(12), workers=2, batch_size=6, on_error=lost))
    assert results == [0, 1, 2, "lost 3", 4, "lost 5", *range(6, 12)]


def _bad_pair(value: int) -> int:
    if value == 3:
        raise RuntimeError("three")
    if value == 5:
        os._exit(3)
    return value


def test_a_pool_that_breaks_before_a_submit_loses_no_batch(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A worker can die between two submissions; submit() then raises at once. The batch
    # it refused never ran, so it must run in the next pool, not be reported lost.
    calls = {"n": 0}
    real_submit = ProcessPoolExecutor.submit

    def flaky_submit(self: ProcessPoolExecutor, *args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 3:
            raise BrokenProcessPool("a worker died")
        return real_submit(self, *args, **kwargs)

    monkeypatch.setattr(ProcessPoolExecutor, "submit", flaky_submit)
    results = list(
        map_ordered(_square, range(10), workers=2, batch_size=1, on_error=lambda i, e: None)
    )
    assert results[:2] == [0, 1]
    assert None not in results[2:]  # the refused batch and all later ones ran
    assert results == [n * n for n in range(10)]

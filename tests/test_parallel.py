"""The ordered, bounded process map shared by the pipeline and the CLI."""

from __future__ import annotations

import contextlib
import functools
import itertools
import os
import signal
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
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


# --- map_ordered: stopping must end the worker processes ------------------------------


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _kill_all(folder: Path) -> None:
    """End any worker process a failing test left behind, so the run does not hang."""
    for marker in folder.glob("pid-*"):
        pid = int(marker.name.removeprefix("pid-"))
        if _alive(pid):
            os.kill(pid, signal.SIGKILL)


def _long_after_the_first(folder: str, value: int) -> int:
    """Answer item 0 at once; any other item notes its worker and takes 30 seconds."""
    if value:
        Path(folder, f"pid-{os.getpid()}").touch()
        time.sleep(30)
    return value


def _wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def _markers(folder: Path, prefix: str) -> list[Path]:
    return sorted(folder.glob(f"{prefix}*"))


def test_closing_the_map_ends_the_worker_processes(tmp_path: Path) -> None:
    # Ctrl-C in the parent, or a consumer that stops early, reaches map_ordered as an
    # exception at its yield; it must end the workers, which ignore SIGINT themselves.
    work = functools.partial(_long_after_the_first, str(tmp_path))
    results = map_ordered(work, range(4), workers=2, batch_size=1)
    try:
        assert next(results) == 0
        assert _wait_for(lambda: len(_markers(tmp_path, "pid-")) == 2, 10)
        pids = [int(p.name.removeprefix("pid-")) for p in _markers(tmp_path, "pid-")]
        results.close()
        assert _wait_for(lambda: not any(map(_alive, pids)), 5), "workers still running"
    finally:
        _kill_all(tmp_path)


def _second_runs_long(folder: str, value: int) -> int:
    """Item 0 fails once item 1 is running; item 1 takes a second and notes each finish."""
    started = Path(folder, "started-1")
    if value == 0:
        _wait_for(started.exists, 10)
        raise RuntimeError("item 0 fails")
    if value == 1:
        Path(folder, f"pid-{os.getpid()}").touch()
        started.touch()
        time.sleep(1.0)
        Path(folder, f"finished-1-{time.monotonic_ns()}").touch()
    return value


def test_a_failed_batch_ends_its_pool_before_its_items_run_again(tmp_path: Path) -> None:
    # After item 0 fails, item 1 (in flight in the other worker) is run again alone in
    # a fresh pool. Its first run must be ended, not left to finish beside the rerun.
    work = functools.partial(_second_runs_long, str(tmp_path))
    try:
        results = list(map_ordered(work, range(3), workers=2, on_error=lambda i, e: -1))
        assert results == [-1, 1, 2]
        time.sleep(0.3)
        assert len(_markers(tmp_path, "finished-1-")) == 1, "item 1 ran to its end twice"
    finally:
        _kill_all(tmp_path)


# --- map_ordered: an input error must not swallow earlier results ---------------------


def _ten_then_an_error() -> Iterator[int]:
    yield from range(10)
    raise ValueError("the eleventh input cannot be read")


def _until_the_error(workers: int, batch_size: int) -> list[int]:
    got: list[int] = []
    with contextlib.suppress(ValueError):
        got.extend(
            map_ordered(_square, _ten_then_an_error(), workers=workers, batch_size=batch_size)
        )
    return got


def test_results_before_an_input_error_reach_the_consumer_as_in_a_serial_run() -> None:
    serial = _until_the_error(workers=1, batch_size=1)
    assert serial == [n * n for n in range(10)]
    assert _until_the_error(workers=2, batch_size=4) == serial

"""The ordered, bounded process map shared by the pipeline and the CLI."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

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

"""The bounded memo table behind the hot paths' caches."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hanzi_annot.memo import Memo


@given(
    size=st.integers(0, 12),
    keys=st.lists(st.integers(0, 30), max_size=200),
)
def test_a_memo_answers_as_computing_would_and_stays_bounded(size: int, keys: list[int]) -> None:
    memo: Memo[int, int | None] = Memo(size)
    computed: list[int] = []

    def compute(key: int) -> int | None:
        computed.append(key)
        return None if key % 3 == 0 else key * key  # None is a value like any other

    for key in keys:
        assert memo.get(key, lambda key=key: compute(key)) == (None if key % 3 == 0 else key * key)
        assert len(memo) <= size
    if size == 0:
        assert computed == keys  # keeps nothing
    # the last key asked for is kept (unless nothing is)
    if keys and size > 0:
        before = len(computed)
        memo.get(keys[-1], lambda: compute(keys[-1]))
        assert len(computed) == before


def test_recently_used_entries_survive_a_stream_of_new_ones() -> None:
    memo: Memo[str, int] = Memo(100)
    for index in range(1_000):
        memo.get("hot", lambda: 1)  # used between every new entry
        memo.get(f"cold {index}", lambda index=index: index)
    assert memo.find("hot") == 1
    assert memo.find("cold 0") is None  # long unused: dropped
    assert 50 <= len(memo) <= 100


def test_find_put_clear_and_pickle() -> None:
    memo: Memo[str, str] = Memo(4)
    assert memo.find("国") is None
    memo.put("国", "guó")
    memo.put("家", "jiā")
    assert memo.find("国") == "guó"
    copy = pickle.loads(pickle.dumps(memo))
    assert (copy.find("家"), copy.size, len(copy)) == ("jiā", 4, 2)
    memo.clear()
    assert (len(memo), memo.find("国")) == (0, None)


def test_a_negative_size_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 0"):
        Memo(-1)

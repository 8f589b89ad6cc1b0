"""Word boundaries in a run of hanzi, from a dictionary: fewest words, then fewest single ones.

Dynamic programming over every dictionary word of the run (a lookup per substring of
at most :data:`MAX_WORD` characters), so a run of n characters costs O(n) lookups. Among
segmentations with as many words and single characters, the one with the longer last
word wins (backward maximum matching, which errs less than forward matching on Chinese:
递交|了|结案|报告, not 递交|了结|案|报告).

>>> segment("他们在银行工作", lambda w: w in {"他们", "银行", "工作"})
('他们', '在', '银行', '工作')
"""

from __future__ import annotations

from collections.abc import Callable

#: The longest word looked up.
MAX_WORD = 8


def segment(
    run: str, is_word: Callable[[str], bool], common: Callable[[str], bool] | None = None
) -> tuple[str, ...]:
    """Split ``run`` into dictionary words and single characters.

    ``common`` breaks the remaining ties: fewer words it does not know win (名单|于, a
    list and a preposition, over 名|单于, a title of old).
    """
    size = len(run)
    # best[end] = (words, single characters, rare words, start of the last word)
    best: list[tuple[int, int, int, int]] = [(0, 0, 0, 0)] + [(size + 1, size + 1, 0, 0)] * size
    for end in range(1, size + 1):
        for start in range(max(0, end - MAX_WORD), end):
            if end - start > 1 and not is_word(run[start:end]):
                continue
            words, singles, rare, _ = best[start]
            long = end - start > 1
            rare += long and common is not None and not common(run[start:end])
            candidate = (words + 1, singles + (not long), rare, start)
            if candidate < best[end]:
                best[end] = candidate
    pieces: list[str] = []
    end = size
    while end > 0:
        start = best[end][3]
        pieces.append(run[start:end])
        end = start
    return tuple(reversed(pieces))

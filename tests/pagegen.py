"""Generate distinct news-like pages with inline pinyin, for tests and benchmarks.

Words come from pypinyin's phrase dictionary with their readings; about one word in
seven is annotated, as in real news text. Pages have a title (sometimes repeated, as
scrapers leave it), an opening section, headed sections, a source line and site
furniture, so the whole pipeline has work to do. Deterministic for a given seed.
"""

from __future__ import annotations

import functools
import json
import random
from collections.abc import Iterator
from pathlib import Path

from hanzi_annot.chardata import is_hanzi
from hanzi_annot.pinyin.syllables import join_pinyin, normalize_syllable

LINKS = list("的在和把对为与让将从向并以及也都还又")
BOILERPLATE = ["相关推荐", "评论列表", "分享到:", "责任编辑:王明", "上一篇:本市举办读书节"]
SOURCES = ["市文化和旅游局", "县融媒体中心", "区新闻办", "省教育厅"]


@functools.cache
def vocabulary() -> tuple[tuple[str, str], ...]:
    """Dictionary words of 2-4 hanzi with their canonical pinyin, in a fixed order."""
    from pypinyin.phrases_dict import phrases_dict

    words: list[tuple[str, str]] = []
    for word, readings in sorted(phrases_dict.items()):
        if not 2 <= len(word) <= 4 or not all(is_hanzi(c) for c in word):
            continue
        syllables = [normalize_syllable(options[0]) for options in readings]
        if len(syllables) == len(word) and None not in syllables:
            words.append((word, join_pinyin(s for s in syllables if s is not None)))
    return tuple(words)


@functools.cache
def _zipf_order() -> tuple[tuple[tuple[str, str], ...], tuple[float, ...]]:
    """The vocabulary in a fixed random order with cumulative 1/rank weights."""
    words = list(vocabulary())
    random.Random(0).shuffle(words)
    total = 0.0
    cumulative = []
    for rank in range(1, len(words) + 1):
        total += 1 / rank
        cumulative.append(total)
    return tuple(words), tuple(cumulative)


def pick(rng: random.Random, zipf: bool = False) -> tuple[str, str]:
    """One (word, pinyin): uniform over the dictionary, or Zipf-distributed like news text.

    Uniform sampling is the worst case for caches (almost every word is new); with
    ``zipf`` a few words are frequent and most are rare, as in real text.
    """
    if zipf:
        words, cumulative = _zipf_order()
        return rng.choices(words, cum_weights=cumulative)[0]
    words = vocabulary()
    return words[rng.randrange(len(words))]


def sentence(rng: random.Random, density: float = 1 / 7, zipf: bool = False) -> str:
    """One sentence of 6-14 words joined by function words, ending in 。"""
    parts: list[str] = []
    for index in range(rng.randint(6, 14)):
        word, pinyin = pick(rng, zipf)
        parts.append(f"{word}({pinyin})" if rng.random() < density else word)
        if index % 3 == 2:
            parts.append("，")
        else:
            parts.append(rng.choice(LINKS))
    return "".join(parts[:-1]) + "。"


def heading(rng: random.Random, zipf: bool = False) -> str:
    """A short heading line without sentence punctuation."""
    first, _ = pick(rng, zipf)
    second, pinyin = pick(rng, zipf)
    return f"推进{first}{second}({pinyin})" if rng.random() < 0.5 else f"推进{first}{second}"


def page(seed: int, zipf: bool = False) -> str:
    """One whole scraped page; the same seed gives the same page."""
    rng = random.Random(seed)
    title = heading(rng, zipf) + f" 第{seed}期"
    lines = [title] * rng.randint(1, 2)
    for _ in range(rng.randint(1, 2)):
        lines.append("".join(sentence(rng, zipf=zipf) for _ in range(rng.randint(2, 4))))
    for _ in range(rng.randint(1, 3)):
        lines.append(heading(rng, zipf))
        for _ in range(rng.randint(1, 3)):
            lines.append("".join(sentence(rng, zipf=zipf) for _ in range(rng.randint(2, 4))))
    lines[-1] += f"({rng.choice(SOURCES)})"
    lines += ["", *rng.sample(BOILERPLATE, 3)]
    return "\n".join(lines) + "\n"


def pages(count: int, start: int = 0) -> Iterator[str]:
    """``count`` distinct pages."""
    return (page(seed) for seed in range(start, start + count))


def write_jsonl(path: Path, count: int, start: int = 0, key: str = "text") -> Path:
    """Write ``count`` pages as JSON Lines, one ``{"id", key}`` object per line."""
    with path.open("w", encoding="utf-8") as handle:
        for seed, text in enumerate(pages(count, start), start):
            handle.write(json.dumps({"id": seed, key: text}, ensure_ascii=False) + "\n")
    return path


def write_corpus_bytes(path: Path, megabytes: float, key: str = "text") -> int:
    """Write JSON Lines pages until the file holds ``megabytes``; return the page count."""
    size = 0
    seed = 0
    with path.open("w", encoding="utf-8") as handle:
        while size < megabytes * 1_000_000:
            line = json.dumps({"id": seed, key: page(seed)}, ensure_ascii=False) + "\n"
            handle.write(line)
            size += len(line.encode("utf-8"))
            seed += 1
    return seed

"""Parse throughput of the inline parser on generated annotated text (run by hand).

Builds about 1.2 MB of distinct news-like lines from dictionary words (one annotated
word in about seven, fixed seed) and reports MB/s of UTF-8 input for ``parse_inline``
per line and for ``parse`` on the whole text, median of five runs.

    python benchmarks/bench_parse.py [--megabytes 1.2]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from hanzi_annot import parse, parse_inline
from hanzi_annot.pinyin.syllables import join_pinyin, normalize_syllable

FILLER = "的是在了和有这个城市发展建设工作推进全面人民群众服务活动文化阅读社会经济，、"


def build_corpus(megabytes: float, seed: int = 7) -> str:
    from pypinyin.phrases_dict import phrases_dict

    rng = random.Random(seed)
    words: list[tuple[str, str]] = []
    for word, readings in sorted(phrases_dict.items()):
        syllables = [normalize_syllable(r[0]) for r in readings]
        if 2 <= len(word) <= 4 and len(syllables) == len(word) and None not in syllables:
            words.append((word, join_pinyin(s for s in syllables if s is not None)))
    lines: list[str] = []
    size = 0
    while size < megabytes * 1_000_000:
        parts: list[str] = []
        for _ in range(rng.randint(8, 20)):
            word, pinyin = rng.choice(words)
            parts.append(f"{word}({pinyin})" if rng.random() < 1 / 7 else word)
            parts.append(rng.choice(FILLER))
        line = "".join(parts) + "。"
        lines.append(line)
        size += len(line.encode("utf-8")) + 1
    return "\n".join(lines) + "\n"


def median_seconds(run: object, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--megabytes", type=float, default=1.2)
    args = parser.parse_args()
    text = build_corpus(args.megabytes)
    megabytes = len(text.encode("utf-8")) / 1_000_000
    lines = text.splitlines()
    annotations = text.count("(")
    print(f"corpus: {megabytes:.2f} MB, {len(lines)} lines, {annotations} annotations")
    inline = median_seconds(lambda: [parse_inline(line) for line in lines])
    print(f"parse_inline per line: {megabytes / inline:.2f} MB/s ({inline:.2f} s)")
    whole = median_seconds(lambda: parse(text))
    print(f"parse (whole text):    {megabytes / whole:.2f} MB/s ({whole:.2f} s)")


if __name__ == "__main__":
    main()

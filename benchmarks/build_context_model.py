"""Build the context model shipped in the package from the tuning part of CPP.

Run by hand: ``python benchmarks/build_context_model.py [--out PATH]``. Counts, for each
polyphone of the tuning sentences, how it is read with each context feature
(:func:`hanzi_annot.check.context_model.features`), plus its overall counts. A
two-character feature seen once with the character's most common reading adds little
the overall counts do not already say, so it is left out to keep the file small (the
cross-validated figures are the same with and without them).
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from cpp_data import HELD_OUT, SEED, Sentence, load, split
from hanzi_annot.check.context_model import DEFAULT_MODEL, PRIOR, ContextModel, features

OUT = Path(__file__).resolve().parents[1] / "src" / "hanzi_annot" / "check" / "data"

HEADER = f"""\
# Context model of hanzi_annot: how polyphones are read next to given characters.
# Columns: character, feature (L/R: neighbour, LL/RR: two characters on one side,
# LR: both neighbours, *: all sentences), reading:count pairs.
# Built by benchmarks/build_context_model.py from the tuning part (seed {SEED}, all but
# {HELD_OUT} sentences) of cpp_dev.jsonl of the CPP dataset (Chinese Polyphones with
# Pinyin), published in the g2pM repository under the Apache License 2.0
# (https://www.apache.org/licenses/LICENSE-2.0). These counts are a work derived from it.
"""


_PAIRS = ("LL", "RR", "LR")


def count(sentences: Iterable[Sentence]) -> ContextModel:
    """Count readings per (character, feature), dropping singletons of the usual reading."""
    table: defaultdict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for sentence in sentences:
        table[sentence.char, PRIOR][sentence.reading] += 1
        for feature in features(sentence.text, sentence.index):
            table[sentence.char, feature][sentence.reading] += 1
    kept: dict[tuple[str, str], dict[str, int]] = {}
    for (char, feature), counts in table.items():
        usual = table[char, PRIOR].most_common(1)[0][0]
        if feature[:2] in _PAIRS and sum(counts.values()) == 1 and usual in counts:
            continue
        kept[char, feature] = dict(counts)
    return ContextModel(kept, "CPP tuning part")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=OUT / DEFAULT_MODEL)
    args = parser.parse_args()
    tuning, _held_out = split(load())
    model = count(tuning)
    with args.out.open("w", encoding="utf-8") as handle:
        handle.write(HEADER)
        handle.writelines(model.to_lines())
    print(f"{len(model.counts)} entries from {len(tuning)} sentences -> {args.out}")


if __name__ == "__main__":
    main()

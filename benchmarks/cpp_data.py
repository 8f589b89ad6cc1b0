"""The CPP sentences and their fixed split into a tuning part and a held-out part.

CPP (Chinese Polyphones with Pinyin) comes from the g2pM repository under the Apache-2.0
licence: one sentence per line, ``{"text", "index", "char", "tone3", "marks"}``, with one
polyphone marked. The build script counts only the tuning part; the evaluation reports
on the held-out part, which nothing was tuned on.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import attrs

from hanzi_annot.pinyin.syllables import normalize_syllable


def _find_data() -> Path:
    """The data file in ``shared/data`` beside the checkout (or beside a folder above it)."""
    here = Path(__file__).resolve()
    for folder in here.parents:
        candidate = folder / "shared" / "data" / "cpp_dev.jsonl"
        if candidate.exists():
            return candidate
    return here.parents[2] / "shared" / "data" / "cpp_dev.jsonl"


DATA = _find_data()
SEED = 20261130
HELD_OUT = 3000


@attrs.frozen
class Sentence:
    """One CPP sentence: the polyphone at ``index`` reads ``reading`` (canonical, lowercase)."""

    text: str
    index: int
    reading: str

    @property
    def char(self) -> str:
        return self.text[self.index]


def load(path: Path = DATA) -> list[Sentence]:
    """Every sentence whose marked reading is a valid syllable, in file order."""
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        reading = normalize_syllable(row["marks"])
        if reading is not None and row["text"][row["index"]] == row["char"]:
            found.append(Sentence(row["text"], row["index"], reading.lower()))
    return found


def split(
    sentences: list[Sentence], seed: int = SEED, held_out: int = HELD_OUT
) -> tuple[list[Sentence], list[Sentence]]:
    """Return (tuning, held-out): a fixed shuffle, the first ``held_out`` set aside."""
    order = list(range(len(sentences)))
    random.Random(seed).shuffle(order)
    return [sentences[i] for i in order[held_out:]], [sentences[i] for i in order[:held_out]]

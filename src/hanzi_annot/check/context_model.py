"""The statistical part of the context predictor: reading counts by neighbouring characters.

For each polyphone the model counts, in a tagged corpus, how the character was read next
to a given left or right character, pair of characters, or both neighbours at once. It
is plain data (a TSV file shipped in the package, built by
``benchmarks/build_context_model.py``), so a default install needs no model library.

>>> features("发现了此天体", 2)
('L现', 'R此', 'LL发现', 'RR此天', 'LR现此')
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from importlib import resources
from os import PathLike
from pathlib import Path
from types import MappingProxyType

import attrs

#: The file inside the package that holds the default model.
DEFAULT_MODEL = "context_model.tsv"

#: The feature giving a character's reading counts over the whole corpus.
PRIOR = "*"


def features(text: str, index: int) -> tuple[str, ...]:
    """Return the context features of ``text[index]``, strongest evidence last.

    ``L``/``R`` name the neighbour on each side, ``LL``/``RR`` the two characters on
    one side, ``LR`` both neighbours together.
    """
    found: list[str] = []
    before, after = index > 0, index + 1 < len(text)
    if before:
        found.append("L" + text[index - 1])
    if after:
        found.append("R" + text[index + 1])
    if index > 1:
        found.append("LL" + text[index - 2 : index])
    if index + 2 < len(text):
        found.append("RR" + text[index + 1 : index + 3])
    if before and after:
        found.append("LR" + text[index - 1] + text[index + 1])
    return tuple(found)


def _parse_counts(field: str, where: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for item in field.split():
        reading, _, number = item.rpartition(":")
        if not reading or not number.isdigit():
            raise ValueError(f"{where}: expected reading:count, got {item!r}")
        counts[reading] = int(number)
    return counts


@attrs.frozen
class ContextModel:
    """Reading counts per (character, feature); read-only once built.

    ``source`` names where the counts came from, for messages and docs.
    """

    counts: Mapping[tuple[str, str], Mapping[str, int]]
    source: str = "custom"

    @classmethod
    def from_lines(cls, lines: Iterable[str], source: str = "custom") -> ContextModel:
        """Read the TSV form: ``char<TAB>feature<TAB>reading:count …``; ``#`` starts a comment."""
        table: dict[tuple[str, str], Mapping[str, int]] = {}
        for number, line in enumerate(lines, 1):
            text = line.rstrip("\n")
            if not text or text.startswith("#"):
                continue
            parts = text.split("\t")
            if len(parts) != 3 or len(parts[0]) != 1:
                raise ValueError(f"{source}:{number}: expected char, feature and counts")
            counts = _parse_counts(parts[2], f"{source}:{number}")
            table[parts[0], parts[1]] = MappingProxyType(counts)
        return cls(MappingProxyType(table), source)

    @classmethod
    def from_file(cls, path: str | PathLike[str]) -> ContextModel:
        """Load a model written by :meth:`to_lines` (or the build script)."""
        with Path(path).open(encoding="utf-8") as handle:
            return cls.from_lines(handle, str(path))

    def to_lines(self) -> Iterable[str]:
        """Yield the TSV lines of this model, sorted, without a header."""
        for (char, feature), counts in sorted(self.counts.items()):
            pairs = " ".join(f"{reading}:{n}" for reading, n in sorted(counts.items()))
            yield f"{char}\t{feature}\t{pairs}\n"

    def lookup(self, char: str, feature: str) -> Mapping[str, int]:
        """Return the reading counts of ``char`` with ``feature``; empty if never seen."""
        return self.counts.get((char, feature), {})


@functools.cache
def default_model() -> ContextModel:
    """Return the model shipped with the package (read on first use; read-only)."""
    data = resources.files("hanzi_annot.check").joinpath("data").joinpath(DEFAULT_MODEL)
    with data.open(encoding="utf-8") as handle:
        return ContextModel.from_lines(handle, DEFAULT_MODEL)

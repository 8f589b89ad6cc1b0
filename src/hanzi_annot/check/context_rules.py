"""Syntactic rules for frequent polyphones: the neighbouring words decide the reading.

The rules are data (``data/context_rules.tsv``, read once): a character, the reading,
what must stand just before and just after it, and why. ``长`` after a degree adverb
(很长) is the adjective cháng, ``还`` before a pronoun (还你钱) the verb huán, ``地``
after a reduplicated word (慢慢地) the particle de. The first matching rule decides.

>>> rule, evidence = default_rules().match("这条路很长。", 4)
>>> rule.reading, evidence, rule.why
('cháng', '很长', 'an adjective after a degree adverb')
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable, Mapping
from importlib import resources
from types import MappingProxyType

import attrs

#: The file inside the package that holds the default rules.
DEFAULT_RULES = "context_rules.tsv"

#: Matches the end of the text or a punctuation mark (``after`` only).
END = "$"

#: Matches a reduplicated character just before (慢慢, ``before`` only).
DOUBLE = "AA"


def _is_break(char: str) -> bool:
    return unicodedata.category(char)[0] in "PZ" or char.isspace()


@attrs.frozen
class ContextRule:
    """One rule: ``char`` reads ``reading`` between any of ``before`` and any of ``after``.

    An empty tuple matches anything; ``why`` says which construction it is.
    """

    char: str
    reading: str
    before: tuple[str, ...]
    after: tuple[str, ...]
    why: str

    def match(self, text: str, index: int) -> str | None:
        """Return the characters that matched around ``text[index]``, or ``None``."""
        left = self._left(text, index)
        if left is None:
            return None
        right = self._right(text, index)
        if right is None:
            return None
        return text[index - left : index + 1 + right]

    def _left(self, text: str, index: int) -> int | None:
        if not self.before:
            return 0
        for item in self.before:
            if item == DOUBLE:
                if index > 1 and text[index - 1] == text[index - 2] and text[index - 1].isalpha():
                    return 2
            elif text.endswith(item, 0, index):
                return len(item)
        return None

    def _right(self, text: str, index: int) -> int | None:
        if not self.after:
            return 0
        for item in self.after:
            if item == END:
                if index + 1 == len(text) or _is_break(text[index + 1]):
                    return 0
            elif text.startswith(item, index + 1):
                return len(item)
        return None


@attrs.frozen
class RuleSet:
    """Rules per character, in the order of their file."""

    rules: Mapping[str, tuple[ContextRule, ...]]

    @classmethod
    def from_lines(cls, lines: Iterable[str], source: str = "custom") -> RuleSet:
        """Read the TSV form (see ``data/context_rules.tsv``); ``#`` starts a comment."""
        classes: dict[str, tuple[str, ...]] = {}
        table: dict[str, list[ContextRule]] = {}

        def expand(field: str) -> tuple[str, ...]:
            found: list[str] = []
            for item in filter(None, field.split("|")):
                if item.startswith("@"):
                    if item not in classes:
                        raise ValueError(f"{source}: unknown class {item}")
                    found.extend(classes[item])
                else:
                    found.append(item)
            return tuple(sorted(found, key=len, reverse=True))  # the longest match first

        for number, line in enumerate(lines, 1):
            text = line.rstrip("\n")
            if not text.strip() or text.startswith("#"):
                continue
            parts = text.split("\t")
            if text.startswith("@") and len(parts) == 2:
                classes[parts[0]] = tuple(parts[1].split())
                continue
            if len(parts) != 5 or len(parts[0]) != 1 or not parts[1]:
                raise ValueError(f"{source}:{number}: expected char, reading, before, after, why")
            char, reading, before, after, why = parts
            rule = ContextRule(char, reading, expand(before), expand(after), why)
            table.setdefault(char, []).append(rule)
        return cls(MappingProxyType({char: tuple(rules) for char, rules in table.items()}))

    def match(self, text: str, index: int) -> tuple[ContextRule, str] | None:
        """Return the first rule for ``text[index]`` that matches there, with what it saw."""
        for rule in self.rules.get(text[index], ()):
            seen = rule.match(text, index)
            if seen is not None:
                return rule, seen
        return None


@functools.cache
def default_rules() -> RuleSet:
    """Return the rules shipped with the package (read on first use; read-only)."""
    data = resources.files("hanzi_annot.check").joinpath("data").joinpath(DEFAULT_RULES)
    with data.open(encoding="utf-8") as handle:
        return RuleSet.from_lines(handle, DEFAULT_RULES)

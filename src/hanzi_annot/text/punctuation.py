"""Opt-in cleaning step: ASCII punctuation between Chinese characters made full-width.

Scraped pages often carry ``,`` ``:`` ``;`` ``?`` ``!`` and ``( )`` typed on a Western
keyboard between hanzi (``今年以来,江城区``). This step writes them in their full-width
forms (``，：；？！（）``), one code point for one, so every offset stays where it was,
and reports each change as an HA310 note. It never touches an annotation: a
parenthesised group whose content is not all CJK (``国家(guójiā)``) is left as it is,
and so is everything inside it; a literal parenthetical of Chinese text (``(市、区)``)
gets full-width parentheses around unchanged content. Off by default
(``CleanOptions(full_width_punctuation=True)``).
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from hanzi_annot.chardata import is_hanzi
from hanzi_annot.diagnostics import Code, Diagnostic
from hanzi_annot.positions import Span
from hanzi_annot.text.decode import Line

__all__ = ["FULL_WIDTH", "full_width_line", "full_width_punctuation"]

#: Each ASCII mark and its full-width form.
FULL_WIDTH = {
    ",": "\N{FULLWIDTH COMMA}",
    ":": "\N{FULLWIDTH COLON}",
    ";": "\N{FULLWIDTH SEMICOLON}",
    "?": "\N{FULLWIDTH QUESTION MARK}",
    "!": "\N{FULLWIDTH EXCLAMATION MARK}",
    "(": "\N{FULLWIDTH LEFT PARENTHESIS}",
    ")": "\N{FULLWIDTH RIGHT PARENTHESIS}",
}
_MARKS = frozenset(",:;?!")
_CJK_PUNCTUATION = frozenset("，。、；：？！“”‘’《》〈〉「」『』（）—…·")


def _chinese(char: str) -> bool:
    return is_hanzi(char) or char in _CJK_PUNCTUATION


def _literal_groups(text: str) -> dict[int, int]:
    """Map the ``(`` of each innermost all-Chinese parenthetical to its ``)``."""
    groups: dict[int, int] = {}
    stack: list[int] = []
    for index, char in enumerate(text):
        if char == "(":
            stack.append(index)
        elif char == ")" and stack:
            start = stack.pop()
            content = text[start + 1 : index]
            if content and all(_chinese(c) for c in content):
                groups[start] = index
    return groups


def _inside_groups(text: str) -> list[bool]:
    """For each position, whether it lies inside a parenthesised group."""
    inside = [False] * len(text)
    depth = 0
    for index, char in enumerate(text):
        if char == ")" and depth:
            depth -= 1
        inside[index] = depth > 0
        if char == "(":
            depth += 1
    return inside


def _before(text: str, index: int) -> str:
    """Return the character before ``index``, skipping spaces and a parenthesised group."""
    position = len(text[:index].rstrip()) - 1
    if position >= 0 and text[position] == ")":
        depth = 0
        while position >= 0:
            depth += {")": 1, "(": -1}.get(text[position], 0)
            if depth == 0:
                break
            position -= 1
        position -= 1
    return text[position] if position >= 0 else ""


def full_width_line(line: Line, *, path: str | None = None) -> tuple[Line, list[Diagnostic]]:
    """Return ``line`` with its ASCII marks between hanzi full-width, and one note per mark.

    >>> new, notes = full_width_line(Line(1, 0, 22, "今年以来,江城区(市、区)改造(gǎizào),完成"))
    >>> new.text
    '今年以来，江城区（市、区）改造(gǎizào)，完成'
    >>> [(d.code.code, d.column) for d in notes]
    [('HA310', 5), ('HA310', 9), ('HA310', 13), ('HA310', 24)]
    """
    text = line.text
    chars = list(text)
    changed: list[int] = []
    inside = _inside_groups(text)
    for index, char in enumerate(text):
        if char not in _MARKS or inside[index]:
            continue
        before = _before(text, index)
        after = text[index + 1 :].lstrip()[:1]
        if before and after and is_hanzi(before) and _chinese(after):
            chars[index] = FULL_WIDTH[char]
            changed.append(index)
    for start, end in _literal_groups(text).items():
        if inside[start]:
            continue
        chars[start], chars[end] = FULL_WIDTH["("], FULL_WIDTH[")"]
        changed += [start, end]
    notes = [
        Diagnostic(
            code=Code.FULL_WIDTH_PUNCTUATION,
            severity=Code.FULL_WIDTH_PUNCTUATION.default_severity,
            message=f"ASCII {text[i]!r} between Chinese text; written as {chars[i]!r}",
            span=Span(line.start + i, line.start + i + 1),
            line=line.number,
            column=i + 1,
            path=path,
        )
        for i in sorted(changed)
    ]
    return attrs.evolve(line, text="".join(chars)), notes


def full_width_punctuation(
    lines: Sequence[Line], *, path: str | None = None
) -> tuple[tuple[Line, ...], tuple[Diagnostic, ...]]:
    """Run :func:`full_width_line` over ``lines``; return the lines and every note."""
    kept: list[Line] = []
    notes: list[Diagnostic] = []
    for line in lines:
        new, found = full_width_line(line, path=path)
        kept.append(new)
        notes += found
    return tuple(kept), tuple(notes)

r"""The one reader of spec-style fixture files, shared by every stage's tests.

A fixture file is a list of cases a person can review. Each case is a title line, a
line holding only ``.``, the input lines, another ``.``, the expected lines and a
closing ``.``::

    annotation after other hanzi
    .
    赣州是全国(quánguó)著名(zhùmíng)的革命老区
    .
    赣州是[全国|quán guó][著名|zhù míng]的革命老区
    .

Lines outside a case that start with ``#`` are comments, blank lines between cases are
ignored. Inside a case every line is kept as written; ``\uXXXX`` in a line stands for
that code point, for characters a reviewer could not see (controls, U+FEFF). The same
layout as markdown-it-py's ``read_fixture_file``.
"""

from __future__ import annotations

import re
from pathlib import Path

import attrs

FIXTURES = Path(__file__).parent / "fixtures"

_ESCAPE_RE = re.compile(r"\\u([0-9a-fA-F]{4})")


@attrs.frozen
class FixtureCase:
    """One case: where it starts in its file, its title, input and expected lines."""

    line: int
    title: str
    input: str
    expected: str


def unescape(text: str) -> str:
    r"""Turn every ``\uXXXX`` into its code point."""
    return _ESCAPE_RE.sub(lambda found: chr(int(found.group(1), 16)), text)


def read_fixture_file(path: str | Path) -> list[FixtureCase]:
    """Read every case of a fixture file (a name is looked up in ``tests/fixtures``).

    Raises ``ValueError`` naming the line of a case that is not closed.
    """
    path = Path(path)
    if not path.is_absolute() and not path.exists():
        path = FIXTURES / path
    lines = path.read_text(encoding="utf-8").splitlines()
    cases: list[FixtureCase] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if not line.strip() or line.startswith("#"):
            index += 1
            continue
        start = index + 1
        if index + 1 >= len(lines) or lines[index + 1] != ".":
            raise ValueError(f"{path}:{start}: a title must be followed by a line '.'")
        blocks: list[list[str]] = []
        index += 2
        for _ in range(2):
            block: list[str] = []
            while index < len(lines) and lines[index] != ".":
                block.append(lines[index])
                index += 1
            if index >= len(lines):
                raise ValueError(f"{path}:{start}: case {line!r} is not closed with '.'")
            blocks.append(block)
            index += 1
        cases.append(FixtureCase(start, line, "\n".join(blocks[0]), "\n".join(blocks[1])))
    titles = [case.title for case in cases]
    repeated = {title for title in titles if titles.count(title) > 1}
    if repeated:
        raise ValueError(f"{path}: titles used twice: {sorted(repeated)}")
    return cases

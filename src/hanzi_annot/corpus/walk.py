"""The one directory walker: which files of a tree are inputs, in a stable order.

Both :func:`~hanzi_annot.corpus.pipeline.run_pipeline` and the ``hanzi-annot`` command
find their inputs here, so a folder gives the same documents in the same order however
it is processed. The walk is lazy and sorted (by path components, as ``sorted`` sorts
:class:`~pathlib.Path` objects), never follows a symbolic link to a directory, and
skips a linked file whose target lies outside the tree, so a run can never read or
rewrite files it was not pointed at.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Final

#: File name patterns read inside directories unless others are given.
DEFAULT_PATTERNS: Final = ("*.txt", "*.html", "*.htm")


def matches(name: str, patterns: Sequence[str]) -> bool:
    """Whether a file ``name`` (no directory part) matches one of ``patterns``.

    >>> matches("bank.txt", DEFAULT_PATTERNS), matches("notes.md", DEFAULT_PATTERNS)
    (True, False)
    """
    return any(fnmatchcase(name, pattern) for pattern in patterns)


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root)
    except ValueError:
        return False
    return True


def _walk(directory: Path, root: Path, patterns: Sequence[str]) -> Iterator[Path]:
    try:
        entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
    except OSError:  # an unreadable folder holds no inputs we could read
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(path, root, patterns)
        elif (
            entry.is_file()
            and matches(entry.name, patterns)
            and (not entry.is_symlink() or _inside(path, root))
        ):
            yield path


def walk(
    root: str | os.PathLike[str], patterns: Sequence[str] = DEFAULT_PATTERNS
) -> Iterator[Path]:
    """Yield every file below ``root`` whose name matches one of ``patterns``, sorted.

    Directory links are not entered and file links pointing outside ``root`` are
    skipped; everything else that matches is yielded once, lazily.
    """
    base = Path(root)
    yield from _walk(base, base.resolve(), tuple(patterns))

"""What the command reads: files, directories searched with a glob, and standard input.

Inputs are collected before any work starts, so a missing file or an empty directory
stops the command with one message instead of after half the files were written.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path, PurePath
from typing import Final, Protocol

import attrs

#: The name that stands for standard input.
STDIN: Final = "-"

#: How standard input is named in messages and diagnostics.
STDIN_NAME: Final = "<stdin>"


class UsageError(Exception):
    """A mistake in the command line or in what it names; reported in one line, exit 2.

    ``prog`` names the (sub)command whose usage was wrong, when it is known.
    """

    def __init__(self, message: str, *, prog: str | None = None) -> None:
        super().__init__(message)
        self.prog = prog


@attrs.frozen
class Input:
    """One input: a file, or standard input already read into ``data``.

    ``name`` is how messages and diagnostics call it; ``relative`` is where its output
    goes under ``--out-dir`` (the path below the directory it was found in, or just the
    file name for a file named on the command line).
    """

    name: str
    relative: PurePath
    path: Path | None = None
    data: bytes | None = attrs.field(default=None, repr=False)

    @property
    def is_stdin(self) -> bool:
        """Whether this input is standard input."""
        return self.path is None

    def read(self) -> bytes:
        """Return the input's bytes (``OSError`` if the file cannot be read)."""
        if self.path is None:
            return self.data or b""
        return self.path.read_bytes()


def _directory_inputs(directory: Path, name: str, pattern: str) -> list[Input]:
    found = sorted(p for p in directory.rglob(pattern) if p.is_file())
    if not found:
        raise UsageError(
            f"{name}: no files matching {pattern!r} in this directory or below "
            f"(choose others with --glob)"
        )
    return [Input(str(p), p.relative_to(directory), path=p) for p in found]


class SupportsReadBytes(Protocol):
    """Anything with ``read() -> bytes``: a binary stream, or a wrapper of one."""

    def read(self) -> bytes:
        """Return everything there is to read."""
        ...


def collect_inputs(
    names: Sequence[str], *, pattern: str, stdin: SupportsReadBytes
) -> tuple[Input, ...]:
    """Turn command-line names into inputs, in the order given, each file once.

    A directory contributes every file below it whose name matches ``pattern``, in
    sorted order; ``-`` reads standard input (allowed once).
    """
    inputs: list[Input] = []
    seen: set[Path] = set()
    for name in names:
        if name == STDIN:
            if any(item.is_stdin for item in inputs):
                raise UsageError("standard input (-) can be named only once")
            inputs.append(Input(STDIN_NAME, PurePath("stdin"), data=stdin.read()))
            continue
        path = Path(name)
        if path.is_dir():
            found = _directory_inputs(path, name, pattern)
        elif path.exists():
            found = [Input(name, PurePath(path.name), path=path)]
        else:
            raise UsageError(f"{name}: no such file or directory")
        for item in found:
            assert item.path is not None
            key = item.path.resolve()
            if key not in seen:
                seen.add(key)
                inputs.append(item)
    return tuple(inputs)

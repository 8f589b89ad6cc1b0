"""Why an input could not be processed: a typed problem that names the input.

A corpus run never stops for one bad document: the problem becomes that input's
result, and the caller (a script, the ``hanzi-annot`` command) reports it in its own
words, for example turning :attr:`InputProblem.encoding_hint` into an option name.
"""

from __future__ import annotations

import enum

import attrs


class ProblemKind(enum.Enum):
    """What kind of trouble an input gave."""

    UNREADABLE = "unreadable"  # the file could not be read (missing, no permission)
    NOT_TEXT = "not-text"  # binary data: a program, an image, an archive
    UNDECODABLE = "undecodable"  # bytes not valid in the encoding
    INVALID = "invalid"  # read, but not a document (bad JSON model, lone surrogates)
    UNSUPPORTED = "unsupported"  # the operation does not apply to this kind of input
    UNWRITABLE = "unwritable"  # the result cannot be encoded in the input's encoding
    INTERNAL = "internal"  # a failure of the library itself, or of a worker process


@attrs.frozen
class InputProblem:
    """One input's problem: its kind, a message naming the input, maybe an encoding to try.

    ``encoding_hint`` is set only when the bytes really decode in that encoding.

    >>> str(InputProblem(ProblemKind.NOT_TEXT, "logo.txt: not text (a PNG image)"))
    'logo.txt: not text (a PNG image)'
    """

    kind: ProblemKind
    message: str
    encoding_hint: str | None = None

    def __str__(self) -> str:
        if self.encoding_hint is None:
            return self.message
        return f"{self.message}; it looks like {self.encoding_hint}"

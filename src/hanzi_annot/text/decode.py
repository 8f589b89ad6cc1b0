"""The original input: decoding it, splitting it into lines, and finding places in it.

Every token keeps code-point offsets into the decoded input. :func:`decode_input` turns
``str``, ``bytes`` or a file into that text (refusing bytes it cannot decode instead of
replacing them), :func:`split_lines` cuts it into :class:`Line` objects that remember
their offsets (:class:`~hanzi_annot.text.lines.LineTable` holds them as integers), and
a :class:`LineIndex` turns an offset back into the line and column a person sees in
an editor, so diagnostics from any stage point at the original text even after cleaning
dropped lines.
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Iterator
from pathlib import Path

import attrs

from hanzi_annot.chardata import BOM, LINE_BREAK_RE, is_hanzi
from hanzi_annot.diagnostics import InputDecodeError, PathAsTextError


@attrs.frozen(weakref_slot=False)  # made by the million: no weakref slot, 8 bytes less
class Line:
    """One line of the original input, without its line break.

    ``number`` is 1-based; ``start`` and ``end`` are code-point offsets into the input,
    so ``text == input[start:end]`` always holds, also for a line that cleaning cut
    (a title copy split off its front keeps the rest at its original offsets).
    """

    number: int
    start: int
    end: int
    text: str

    @property
    def key(self) -> str:
        """The text without any whitespace: what repeats are compared by."""
        return repeat_key(self.text)

    @property
    def is_blank(self) -> bool:
        """Whether the line holds only whitespace."""
        return is_blank(self.text)

    def strip(self) -> Line:
        """Return the same line without leading and trailing whitespace, offsets adjusted.

        A line with no outer whitespace is returned as it is (no copy of a big input).
        """
        stripped = self.text.strip()
        if len(stripped) == len(self.text):
            return self
        lead = len(self.text) - len(self.text.lstrip())
        return Line(self.number, self.start + lead, self.start + lead + len(stripped), stripped)

    def drop_front(self, count: int) -> Line:
        """Return the line without its first ``count`` code points (offsets still original)."""
        if count == 0:
            return self
        return Line(self.number, self.start + count, self.end, self.text[count:])

    def cut_end(self, count: int) -> Line:
        """Return the line without its last ``count`` code points."""
        if count == 0:
            return self
        return Line(self.number, self.start, self.end - count, self.text[: len(self.text) - count])


def repeat_key(text: str) -> str:
    """Return ``text`` without any whitespace: what repeated lines are compared by."""
    return "".join(text.split())


def is_blank(text: str) -> bool:
    """Return whether ``text`` holds only whitespace."""
    return not text.strip()


def line_bounds(text: str) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` of every line of ``text``, line breaks (LF, CRLF, CR) left out.

    A line break at the very end does not start another (empty) line.
    """
    start = 0
    for match in LINE_BREAK_RE.finditer(text):
        yield start, match.start()
        start = match.end()
    if start < len(text):
        yield start, len(text)


def split_lines(text: str) -> tuple[Line, ...]:
    r"""Split decoded input into lines at LF, CRLF or CR, keeping each line's offsets.

    A line break at the very end does not start another (empty) line.

    >>> [(line.number, line.start, line.text) for line in split_lines("标题\r\n\r正文。\n")]
    [(1, 0, '标题'), (2, 4, ''), (3, 5, '正文。')]
    """
    return tuple(
        Line(number, start, end, text[start:end])
        for number, (start, end) in enumerate(line_bounds(text), 1)
    )


#: What every reader accepts: text, bytes, or the path of a file.
Source = str | bytes | os.PathLike[str]

#: Longest ``str`` checked for being a file name (longer ones are always text).
_PATH_MAX = 4096


def source_name(source: object) -> str | None:
    """Return the file name of a path source, ``None`` for text and bytes."""
    return os.fspath(source) if isinstance(source, os.PathLike) else None


def read_source(source: Source) -> str | bytes:
    """Return a ``str`` as it is and ``bytes`` as they are; read a path's bytes.

    This is the first step of every reader (text, HTML, JSON), so all take the same
    inputs. A ``str`` that holds no hanzi and names an existing file raises
    :class:`~hanzi_annot.PathAsTextError`: it is almost surely a file name passed
    where text was expected. Any other type raises ``TypeError``.
    """
    if isinstance(source, str):
        _refuse_file_name(source)
        return source
    if isinstance(source, bytes):
        return source
    if isinstance(source, os.PathLike):
        return Path(source).read_bytes()
    raise TypeError(
        f"expected text (str), bytes or a path (os.PathLike), not {type(source).__name__}"
    )


def _refuse_file_name(text: str) -> None:
    if len(text) > _PATH_MAX or "\n" in text or any(is_hanzi(char) for char in text):
        return
    try:
        exists = os.path.isfile(text)
    except (OSError, ValueError):  # a name the OS cannot even look up is text
        return
    if exists:
        raise PathAsTextError(
            f"{text!r} names an existing file, but a str is read as the text itself; "
            f"to read the file use hanzi_annot.load({text!r}) or pass Path({text!r})"
        )


def decode_input(source: Source, *, encoding: str | None = None) -> str:
    r"""Return the text of ``source``: a ``str`` as it is, ``bytes`` or a file decoded.

    Bytes are UTF-8 unless ``encoding`` names another codec (``"gb18030"`` reads GB18030
    and GBK pages). A UTF-8 byte order mark is removed, and so is a leading U+FEFF of a
    ``str``, so offsets count from the first real character. Bytes that are not valid
    in the encoding raise :class:`~hanzi_annot.InputDecodeError` naming their offset;
    nothing is ever replaced. A ``str`` is always text, never a file name: pass a
    :class:`pathlib.Path` to read a file (see :func:`read_source`).

    >>> decode_input("\ufeff国家".encode("utf-8"))
    '国家'
    >>> decode_input("国家".encode("gb18030"), encoding="gb18030")
    '国家'
    """
    return decode_raw(read_source(source), encoding, source_name(source))


def decode_raw(raw: str | bytes, encoding: str | None, path: str | None = None) -> str:
    """Decode what :func:`read_source` returned (``path`` names the file in messages)."""
    if isinstance(raw, str):
        if encoding is not None:
            raise TypeError("encoding= applies to bytes and files only; this input is text")
        return raw[1:] if raw.startswith(BOM) else raw
    return _decode_bytes(raw, encoding, path or "<input>")


#: Line breaks in undecoded bytes (LF, CRLF, CR), to name the line of a bad byte.
_BYTE_LINE_BREAK_RE = re.compile(rb"\r\n|\r|\n")


def _decode_bytes(data: bytes, encoding: str | None, where: str) -> str:
    """Decode strictly; a UTF-8 signature is dropped whichever UTF-8 spelling was asked."""
    try:
        name = codecs.lookup(encoding or "utf-8").name
        "".encode(name)  # a bytes-to-bytes codec such as base64 raises LookupError here
    except LookupError:
        raise InputDecodeError(
            f"{where}: {encoding!r} is no text encoding",
            encoding=encoding,
            reason=f"{encoding!r} is no text encoding",
            hint="name a codec such as utf-8 or gb18030",
            path=None if where == "<input>" else where,
        ) from None
    skip = len(codecs.BOM_UTF8) if name == "utf-8" and data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[skip:].decode(name)
    except UnicodeDecodeError as error:
        start = error.start + skip  # offsets into the bytes as given, signature included
        bad = data[start : min(error.end + skip, start + 4)]
        line = len(_BYTE_LINE_BREAK_RE.findall(data, 0, start)) + 1
        if name == "utf-8":
            hint = 'if the page is GB18030 or GBK, pass encoding="gb18030"'
        else:
            hint = "check the encoding= option (UTF-8 is the default when it is left out)"
        what = (
            f"bytes {bad.hex(' ').upper()} are" if len(bad) > 1 else f"byte {bad.hex().upper()} is"
        )
        reason = f"{what} not valid {name} at byte offset {start} (line {line})"
        raise InputDecodeError(
            f"{where}: {reason}; {hint}",
            encoding=name,
            offset=start,
            line=line,
            reason=reason,
            hint=hint,
            path=None if where == "<input>" else where,
        ) from error

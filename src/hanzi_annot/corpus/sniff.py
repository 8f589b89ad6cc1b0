"""A first look at an input's bytes: is it text at all, and in which encoding.

A binary file (a program, an image, an archive) is reported as "not text" instead of
getting encoding advice; the GB18030 advice is given only when the bytes really
decode as GB18030 into Chinese text.
"""

from __future__ import annotations

from typing import Final

from hanzi_annot.chardata import is_hanzi

#: Signatures of common binary formats, with the name a message gives them.
_MAGIC: Final = (
    (b"\x7fELF", "an ELF executable"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
)

#: How much of the start of the input is looked at for NUL bytes.
_SNIFF_BYTES: Final = 8192


def binary_kind(data: bytes) -> str | None:
    r"""Name the binary format of ``data`` (``None`` if it may be text).

    UTF-16 and UTF-32 text starts with a byte order mark and is not reported.

    >>> binary_kind(b"\x89PNG\r\n\x1a\n..."), binary_kind("国家".encode())
    ('a PNG image', None)
    """
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    if b"\x00" in data[:_SNIFF_BYTES]:
        return "binary data (it holds NUL bytes)"
    return None


def looks_like_gb18030(data: bytes) -> bool:
    """Whether ``data`` decodes as GB18030 into text that is mostly hanzi and ASCII.

    >>> looks_like_gb18030("泉州是国家历史文化名城。".encode("gb18030"))
    True
    >>> looks_like_gb18030(bytes(range(128, 256)))
    False
    """
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    wide = [char for char in text if ord(char) > 0x7F]
    hanzi = sum(1 for char in wide if is_hanzi(char))
    return hanzi > 0 and hanzi >= len(wide) // 2

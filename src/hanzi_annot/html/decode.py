"""Decoding HTML pages: bytes to text by BOM, the caller's encoding or the declared one.

lxml would guess Latin-1 for bytes that declare nothing, which turns Chinese into
mojibake, so :func:`~hanzi_annot.from_html` decodes pages here first, strictly, with
:func:`~hanzi_annot.decode_input`: nothing is ever replaced.
"""

from __future__ import annotations

import codecs
import re

from hanzi_annot.diagnostics import InputDecodeError
from hanzi_annot.text.decode import decode_input

__all__ = ["blank_xml_declaration", "decode_page"]

_CHARSET_RE = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"""
    rb"""|\A\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
#: Labels a page may declare that name a codec it cannot be in (HTML reads them as UTF-8),
#: or a subset of the one its bytes are really in (GB2312 pages use GBK characters).
_DECLARED_AS = {"utf-16": "utf-8", "utf-16-le": "utf-8", "utf-16-be": "utf-8",
                "gb2312": "gb18030", "gbk": "gb18030"}  # fmt: skip
#: Codecs that decode any bytes, so a wrong declaration of one gives mojibake, not an error.
_SINGLE_BYTE = frozenset({"iso8859-1", "cp1252", "ascii"})
_XML_DECLARATION_RE = re.compile(r"\A\s*<\?xml\b[^>]*\?>")


def decode_page(page: bytes, encoding: str | None) -> str:
    """Decode page bytes: a BOM, else ``encoding``, else the declared charset, else UTF-8.

    libxml2 would guess Latin-1 for bytes that do not declare an encoding, which turns
    Chinese into mojibake, so the bytes are decoded here, strictly, by
    :func:`~hanzi_annot.decode_input`.
    """
    if page.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_input(page, encoding="utf-16")
    if page.startswith(codecs.BOM_UTF8):
        return decode_input(page)
    return decode_input(page, encoding=encoding or _declared_encoding(page))


def _declared_encoding(page: bytes) -> str | None:
    """Return the codec a ``<meta charset>`` or XML declaration names; ``None`` for UTF-8."""
    found = _CHARSET_RE.search(page[:4096])
    if found is None:
        return None
    label = (found.group(1) or found.group(2)).decode("ascii")
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None  # browsers ignore a label they do not know too
    name = _DECLARED_AS.get(name, name)
    if name in _SINGLE_BYTE and page.isascii():
        return None
    if name in _SINGLE_BYTE and _is_utf8(page):
        raise InputDecodeError(
            f"the page declares charset {label}, which cannot hold Chinese, but its bytes "
            "are UTF-8; set the encoding= option to utf-8 (or to the declared charset "
            "to read it as declared)"
        )
    return None if name == "utf-8" else name


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def blank_xml_declaration(text: str) -> str:
    """Turn a leading ``<?xml …?>`` into spaces: lxml refuses one in a ``str``.

    Spaces keep every later offset and line where it was.
    """
    found = _XML_DECLARATION_RE.match(text)
    if found is None:
        return text
    return re.sub(r"[^\r\n]", " ", found.group()) + text[found.end() :]

"""Decoding HTML pages: bytes to text by BOM, the caller's encoding or the declared one.

lxml would guess Latin-1 for bytes that declare nothing, which turns Chinese into
mojibake, so :func:`~hanzi_annot.from_html` decodes pages here first, strictly, with
:func:`~hanzi_annot.decode_input`: nothing is ever replaced. A declared charset is obeyed
only when it is a WHATWG encoding label, as in browsers.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

import attrs

from hanzi_annot.diagnostics import InputDecodeError
from hanzi_annot.text.decode import decode_raw

__all__ = [
    "IgnoredCharset",
    "blank_xml_declaration",
    "codec_of_label",
    "decode_page",
    "decode_page_noting",
]

_CHARSET_RE = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([^\s"'/>;]+)"""
    rb"""|\A\s*<\?xml[^>]+encoding\s*=\s*["']([^\s"'?>]+)""",
    re.IGNORECASE,
)
#: The WHATWG Encoding Standard's labels, by the Python codec that decodes them. A page
#: may declare only these (case-insensitively); browsers ignore any other label, so a
#: ``<meta charset>`` naming ``base64``, ``utf-7`` or ``cp037`` is never obeyed. GBK and
#: GB2312 labels decode as GB18030 (a superset, as browsers do), and the UTF-16 labels as
#: UTF-8: bytes that a parser could read such a declaration from are not UTF-16.
_WHATWG_LABELS: Final[tuple[tuple[str, str], ...]] = (
    ("utf-8", "unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8"),
    ("cp866", "866 cp866 csibm866 ibm866"),
    ("iso8859-2", "csisolatin2 iso-8859-2 iso-ir-101 iso8859-2 iso88592 iso_8859-2 "
                  "iso_8859-2:1987 l2 latin2"),
    ("iso8859-3", "csisolatin3 iso-8859-3 iso-ir-109 iso8859-3 iso88593 iso_8859-3 "
                  "iso_8859-3:1988 l3 latin3"),
    ("iso8859-4", "csisolatin4 iso-8859-4 iso-ir-110 iso8859-4 iso88594 iso_8859-4 "
                  "iso_8859-4:1988 l4 latin4"),
    ("iso8859-5", "csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso8859-5 iso88595 "
                  "iso_8859-5 iso_8859-5:1988"),
    ("iso8859-6", "arabic asmo-708 csiso88596e csiso88596i csisolatinarabic ecma-114 iso-8859-6 "
                  "iso-8859-6-e iso-8859-6-i iso-ir-127 iso8859-6 iso88596 iso_8859-6 "
                  "iso_8859-6:1987"),
    ("iso8859-7", "csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7 iso-ir-126 iso8859-7 "
                  "iso88597 iso_8859-7 iso_8859-7:1987 sun_eu_greek"),
    ("iso8859-8", "csiso88598e csisolatinhebrew hebrew iso-8859-8 iso-8859-8-e iso-ir-138 "
                  "iso8859-8 iso88598 iso_8859-8 iso_8859-8:1988 visual csiso88598i iso-8859-8-i "
                  "logical"),
    ("iso8859-10", "csisolatin6 iso-8859-10 iso-ir-157 iso8859-10 iso885910 l6 latin6"),
    ("iso8859-13", "iso-8859-13 iso8859-13 iso885913"),
    ("iso8859-14", "iso-8859-14 iso8859-14 iso885914"),
    ("iso8859-15", "csisolatin9 iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9"),
    ("iso8859-16", "iso-8859-16"),
    ("koi8-r", "cskoi8r koi koi8 koi8-r koi8_r"),
    ("koi8-u", "koi8-ru koi8-u"),
    ("mac-roman", "csmacintosh mac macintosh x-mac-roman"),
    ("cp874", "dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874"),
    ("cp1250", "cp1250 windows-1250 x-cp1250"),
    ("cp1251", "cp1251 windows-1251 x-cp1251"),
    ("cp1252", "ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 "
               "iso8859-1 iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1 us-ascii windows-1252 "
               "x-cp1252"),
    ("cp1253", "cp1253 windows-1253 x-cp1253"),
    ("cp1254", "cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 iso_8859-9 "
               "iso_8859-9:1989 l5 latin5 windows-1254 x-cp1254"),
    ("cp1255", "cp1255 windows-1255 x-cp1255"),
    ("cp1256", "cp1256 windows-1256 x-cp1256"),
    ("cp1257", "cp1257 windows-1257 x-cp1257"),
    ("cp1258", "cp1258 windows-1258 x-cp1258"),
    ("mac-cyrillic", "x-mac-cyrillic x-mac-ukrainian"),
    ("gb18030", "chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk iso-ir-58 x-gbk "
                "gb18030"),
    ("big5hkscs", "big5 big5-hkscs cn-big5 csbig5 x-x-big5"),
    ("euc_jp", "cseucpkdfmtjapanese euc-jp x-euc-jp"),
    ("iso2022_jp", "csiso2022jp iso-2022-jp"),
    ("cp932", "csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j x-sjis"),
    ("cp949", "cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987 ks_c_5601-1989 "
              "ksc5601 ksc_5601 windows-949"),
    ("utf-8", "unicodefffe utf-16be csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff utf-16 "
              "utf-16le"),
)  # fmt: skip
_CODEC_OF_LABEL: Final[Mapping[str, str]] = MappingProxyType(
    {label: codec for codec, labels in _WHATWG_LABELS for label in labels.split()}
)
#: Codecs that decode any bytes, so a wrong declaration of one gives mojibake, not an error.
_SINGLE_BYTE = frozenset({"cp1252"})
_XML_DECLARATION_RE = re.compile(r"\A\s*<\?xml\b[^>]*\?>")


@attrs.frozen
class IgnoredCharset:
    """A charset declaration that names no WHATWG encoding, and where it stands."""

    label: str
    offset: int  # code-point offset of the declaration in the decoded page


def codec_of_label(label: str) -> str | None:
    """Return the Python codec for a WHATWG encoding label, ``None`` if it is none.

    >>> codec_of_label(" GBK "), codec_of_label("latin1"), codec_of_label("utf-7")
    ('gb18030', 'cp1252', None)
    """
    return _CODEC_OF_LABEL.get(label.strip().lower())


def decode_page(page: bytes, encoding: str | None, path: str | None = None) -> str:
    """Decode page bytes: a BOM, else ``encoding``, else the declared charset, else UTF-8.

    libxml2 would guess Latin-1 for bytes that do not declare an encoding, which turns
    Chinese into mojibake, so the bytes are decoded here, strictly, by
    :func:`~hanzi_annot.decode_input`. A declaration that names no WHATWG encoding is
    ignored (:func:`decode_page_noting` also says where it stands).
    """
    return decode_page_noting(page, encoding, path)[0]


def decode_page_noting(
    page: bytes, encoding: str | None, path: str | None = None
) -> tuple[str, IgnoredCharset | None]:
    """Decode like :func:`decode_page`; also return an ignored charset declaration."""
    if page.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_raw(page, "utf-16", path), None
    if page.startswith(codecs.BOM_UTF8):
        return decode_raw(page, None, path), None
    if encoding is not None:
        return decode_raw(page, encoding, path), None
    found = _CHARSET_RE.search(page[:4096])
    if found is None:
        return decode_raw(page, None, path), None
    label = (found.group(1) or found.group(2)).decode("ascii", "replace")
    codec = codec_of_label(label)
    if codec is None:
        text = decode_raw(page, None, path)
        offset = len(page[: found.start()].decode("utf-8", "replace"))
        return text, IgnoredCharset(label, offset)
    if codec in _SINGLE_BYTE and page.isascii():
        codec = "utf-8"
    elif codec in _SINGLE_BYTE and _is_utf8(page):
        reason = (
            f"the page declares charset {label}, which cannot hold Chinese, but its bytes are UTF-8"
        )
        hint = (
            "set the encoding= option to utf-8 (or to the declared charset to read it as declared)"
        )
        raise InputDecodeError(
            f"{reason}; {hint}", encoding=codec, reason=reason, hint=hint, path=path
        )
    return decode_raw(page, None if codec == "utf-8" else codec, path), None


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

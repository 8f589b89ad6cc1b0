"""Character data: CJK ranges, parentheses, punctuation classes and compiled regexes.

Everything here is built once at import and never changes; other modules ask this one
whether a character is a hanzi or a bracket so the answer is the same everywhere.
"""

from __future__ import annotations

import re
from typing import Final

#: Code point ranges counted as hanzi (inclusive). CJK Unified Ideographs and their
#: extensions A-I, the compatibility ideographs (kept as written, never normalised) and
#: U+3007 IDEOGRAPHIC NUMBER ZERO, which is read líng.
HANZI_RANGES: Final[tuple[tuple[int, int], ...]] = (
    (0x3007, 0x3007),
    (0x3400, 0x4DBF),  # Extension A
    (0x4E00, 0x9FFF),  # Unified Ideographs
    (0xF900, 0xFAFF),  # Compatibility Ideographs
    (0x20000, 0x2A6DF),  # Extension B
    (0x2A700, 0x2EE5F),  # Extensions C, D, E, F, I
    (0x2F800, 0x2FA1F),  # Compatibility Ideographs Supplement
    (0x30000, 0x323AF),  # Extensions G, H
)

#: A maximal run of hanzi (:data:`HANZI_RANGES`).
HANZI_RUN_RE: Final = re.compile(
    "[" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in HANZI_RANGES) + "]+"
)

#: The erhua suffix written after the syllable's own character: 点儿 read diǎnr.
ERHUA_CHAR: Final = "\N{CJK UNIFIED IDEOGRAPH-513F}"

OPEN_PARENS: Final = "(\N{FULLWIDTH LEFT PARENTHESIS}"
CLOSE_PARENS: Final = ")\N{FULLWIDTH RIGHT PARENTHESIS}"

# Every regular expression about parentheses lives here. ASCII and full-width brackets
# pair with each other, because scraped text mixes them.
_OPEN = "(\uff08"
_CLOSE = ")\uff09"

#: An innermost parenthesised group on one line: no bracket and no line break inside.
INNERMOST_GROUP_RE: Final = re.compile(f"[{_OPEN}]([^{_OPEN}{_CLOSE}\r\n]*)[{_CLOSE}]")

#: A parenthesised group closing a text (whitespace after it allowed); group 1 is its
#: content: a source attribution, ``(完)``, a date.
FINAL_GROUP_RE: Final = re.compile(f"[{_OPEN}]([^{_OPEN}{_CLOSE}]*)[{_CLOSE}]\\s*$")

#: What follows a parenthesis that is never closed, up to a space, bracket or
#: punctuation: the would-be annotation an unclosed-parenthesis warning quotes.
UNCLOSED_CONTENT_RE: Final = re.compile(f"[^\\s{_OPEN}{_CLOSE}，。,;；、]*")

#: Punctuation that ends a sentence; the article's last line ends in one, and a source
#: attribution follows one.
SENTENCE_END: Final = frozenset("。！？!?…")

#: Punctuation that ends a sentence or a clause; a line ending in one is body text, not
#: a heading. Closing quotes and brackets are looked through before this test.
CLAUSE_END: Final = SENTENCE_END | frozenset("；;：:，,、.")

#: Closing quotes and brackets that may follow sentence-final punctuation.
CLOSING_MARKS: Final = frozenset("”’」』》〉）)】\"'")

#: Line breaks recognised in input: LF, CRLF and a lone CR.
LINE_BREAK_RE: Final = re.compile(r"\r\n|\r|\n")

#: Code points HTML text must not carry and lxml refuses or HTML checkers reject: C0
#: controls other than tab, LF and CR, DEL and the C1 controls, lone surrogates and the
#: noncharacters. The HTML renderer writes each as U+FFFD and reports it (HA401).
HTML_UNWRITABLE_RE: Final = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"\\U{plane:04x}fffe\\U{plane:04x}ffff" for plane in range(17))
    + "]"
)

# The same class without its astral noncharacters: a BMP-only class scans about ten
# times faster, and only text holding an astral code point needs the full class.
_HTML_UNWRITABLE_BMP_RE: Final = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)
# Any code point beyond the BMP; a negated BMP range scans fast, ``max(text)`` does not.
_ASTRAL_RE: Final = re.compile("[^\x00-\uffff]")


def has_unwritable(text: str) -> bool:
    r"""Tell whether ``text`` holds a code point :data:`HTML_UNWRITABLE_RE` matches.

    Checks the BMP first and scans for astral noncharacters only when ``text`` has an
    astral code point at all, which news text rarely does.

    >>> has_unwritable("国家"), has_unwritable("a\x07b"), has_unwritable("\U0001fffe")
    (False, True, True)
    """
    if _HTML_UNWRITABLE_BMP_RE.search(text) is not None:
        return True
    return _ASTRAL_RE.search(text) is not None and HTML_UNWRITABLE_RE.search(text) is not None


def is_hanzi(char: str) -> bool:
    """Return whether ``char`` (one code point) is a Chinese character.

    >>> is_hanzi("国"), is_hanzi("𠮷"), is_hanzi("a"), is_hanzi("。")
    (True, True, False, False)
    """
    if "\u4e00" <= char <= "\u9fff":  # the common case first
        return True
    code = ord(char)
    return any(lo <= code <= hi for lo, hi in HANZI_RANGES)


#: A byte order mark; at the very start of an input it is an encoding signature, not text.
BOM = "\N{ZERO WIDTH NO-BREAK SPACE}"

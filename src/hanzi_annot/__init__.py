r"""hanzi_annot: parse, validate and render Chinese text annotated with inline pinyin.

>>> import hanzi_annot
>>> doc = hanzi_annot.parse("泉州是国家(guójiā)历史文化名城。")
>>> hanzi_annot.to_plain(doc)
'泉州是国家历史文化名城。\\n'
"""

from __future__ import annotations

from .diagnostics import (
    Code,
    Diagnostic,
    HanziAnnotError,
    InputDecodeError,
    InvalidTextError,
    MarkupError,
    Severity,
    Span,
)
from .inline import InlineResult, parse_inline
from .markup import to_markup, to_plain
from .model import Annotation, Document, Origin, Paragraph, Section, Text, Token, same_positions
from .readings import Readings
from .structure import parse

__version__ = "0.1.0"

__all__ = [
    "Annotation",
    "Code",
    "Diagnostic",
    "Document",
    "HanziAnnotError",
    "InlineResult",
    "InputDecodeError",
    "InvalidTextError",
    "MarkupError",
    "Origin",
    "Paragraph",
    "Readings",
    "Section",
    "Severity",
    "Span",
    "Text",
    "Token",
    "__version__",
    "parse",
    "parse_inline",
    "same_positions",
    "to_markup",
    "to_plain",
]

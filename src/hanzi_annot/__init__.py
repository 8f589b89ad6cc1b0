r"""hanzi_annot: parse, validate and render Chinese text annotated with inline pinyin.

>>> import hanzi_annot
>>> doc = hanzi_annot.parse("泉州是国家(guójiā)历史文化名城。")
>>> hanzi_annot.to_plain(doc)
'泉州是国家历史文化名城。\n'
"""

from .clean import Cleaned, CleanOptions, clean_lines
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
from .fixes import FixChange, FixResult, apply_fixes, replay_fixes
from .inline import InlineResult, parse_inline
from .jsonio import JsonModelError, document_from_dict, document_to_dict, from_json, to_json
from .markup import to_markup, to_plain
from .model import Annotation, Document, Origin, Paragraph, Section, Text, Token, same_positions
from .pipeline import (
    InputFormat,
    Output,
    PipelineOptions,
    PipelineResult,
    read_document,
    run_pipeline,
)
from .read_html import from_html
from .readings import Readings
from .render_html import (
    HtmlOptions,
    HtmlRenderer,
    HtmlRenderWarning,
    Notation,
    RenderedHtml,
    RubyMode,
    to_html,
)
from .source import Line, LineIndex, decode_input, split_lines
from .structure import parse
from .validation import ValidateOptions, Validator, validate

__version__ = "0.1.0"

__all__ = [
    "Annotation",
    "CleanOptions",
    "Cleaned",
    "Code",
    "Diagnostic",
    "Document",
    "FixChange",
    "FixResult",
    "HanziAnnotError",
    "HtmlOptions",
    "HtmlRenderWarning",
    "HtmlRenderer",
    "InlineResult",
    "InputDecodeError",
    "InputFormat",
    "InvalidTextError",
    "JsonModelError",
    "Line",
    "LineIndex",
    "MarkupError",
    "Notation",
    "Origin",
    "Output",
    "Paragraph",
    "PipelineOptions",
    "PipelineResult",
    "Readings",
    "RenderedHtml",
    "RubyMode",
    "Section",
    "Severity",
    "Span",
    "Text",
    "Token",
    "ValidateOptions",
    "Validator",
    "__version__",
    "apply_fixes",
    "clean_lines",
    "decode_input",
    "document_from_dict",
    "document_to_dict",
    "from_html",
    "from_json",
    "parse",
    "parse_inline",
    "read_document",
    "replay_fixes",
    "run_pipeline",
    "same_positions",
    "split_lines",
    "to_html",
    "to_json",
    "to_markup",
    "to_plain",
    "validate",
]

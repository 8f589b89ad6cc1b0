r"""JSON output and input: the document model as plain JSON data, and back.

The JSON form keeps everything the model holds, positions and provenance included, so
a document written by ``hanzi-annot json`` loads back equal to the parsed one and still
points into its original input (diagnostics keep their lines and columns). Tokens are
objects with a ``"type"`` of ``"text"`` or ``"annotation"``; spans are ``[start, end]``
code-point offsets. The top level names its format and version, so a reader can refuse
data it does not understand instead of misreading it.

>>> from hanzi_annot import parse
>>> document = parse("书香泉州\n泉州是国家(guójiā)历史文化名城。")
>>> from_json(to_json(document)) == document
True
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any, Final

from hanzi_annot.diagnostics import Diagnostic, HanziAnnotError
from hanzi_annot.model import (
    Annotation,
    Document,
    Metadata,
    Origin,
    Paragraph,
    Section,
    Text,
    Token,
    expect_node,
)
from hanzi_annot.positions import LineIndex, Span
from hanzi_annot.text.decode import Source, read_source

__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "JsonModelError",
    "document_from_dict",
    "document_to_dict",
    "from_json",
    "to_json",
]

#: The value of the top-level ``"format"`` key.
FORMAT_NAME: Final = "hanzi_annot.document"

#: The version of the JSON layout; a reader refuses newer data.
FORMAT_VERSION: Final = 1


class JsonModelError(HanziAnnotError, ValueError):
    """Raised when JSON text or data is not a document this version can read."""


# --- writing ------------------------------------------------------------------------


def _span(span: Span | None) -> list[int] | None:
    return None if span is None else [span.start, span.end]


def _token(token: Token) -> dict[str, Any]:
    if isinstance(token, Annotation):
        return {
            "type": "annotation",
            "hanzi": token.hanzi,
            "syllables": list(token.syllables),
            "written": token.written,
            "span": _span(token.span),
        }
    return {"type": "text", "text": token.text, "span": _span(token.span)}


def _paragraph(paragraph: Paragraph | None) -> dict[str, Any] | None:
    if paragraph is None:
        return None
    return {
        "tokens": [_token(token) for token in paragraph.tokens],
        "span": _span(paragraph.span),
    }


def _origin(origin: Origin | None) -> dict[str, Any] | None:
    if origin is None:
        return None
    return {
        "path": origin.path,
        "line_starts": list(origin.lines.line_starts),
        "length": origin.lines.length,
    }


def document_to_dict(document: Document) -> dict[str, Any]:
    """Return ``document`` as JSON-ready data (dicts, lists, strings, numbers, ``None``).

    >>> from hanzi_annot import Document, Paragraph, Section, Text
    >>> data = document_to_dict(Document(None, [Section(None, [Paragraph([Text("好。")])])]))
    >>> data["sections"][0]["paragraphs"][0]["tokens"]
    [{'type': 'text', 'text': '好。', 'span': None}]
    """
    expect_node(document, (Document,), "to_json()")
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "title": _paragraph(document.title),
        "sections": [
            {
                "heading": _paragraph(section.heading),
                "paragraphs": [_paragraph(p) for p in section.paragraphs],
            }
            for section in document.sections
        ],
        "source": document.source,
        "metadata": {
            "published": document.metadata.published,
            "authors": list(document.metadata.authors),
            "editors": list(document.metadata.editors),
            "source": document.metadata.source,
            "url": document.metadata.url,
        },
        "origin": _origin(document.origin),
        "diagnostics": [diagnostic.to_dict() for diagnostic in document.diagnostics],
    }


def to_json(document: Document, *, indent: int | None = 2) -> str:
    """Write ``document`` as JSON text; hanzi are written as themselves, not escaped.

    ``indent=None`` writes one compact line, as JSON Lines files need.
    """
    return json.dumps(document_to_dict(document), ensure_ascii=False, indent=indent)


# --- reading ------------------------------------------------------------------------


def _expect(value: Any, kind: type | tuple[type, ...], where: str) -> Any:
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise JsonModelError(f"{where}: expected {names}, got {type(value).__name__}")
    return value


def _field(data: Mapping[str, Any], key: str, where: str) -> Any:
    try:
        return data[key]
    except KeyError:
        raise JsonModelError(f"{where}: missing key {key!r}") from None


def _read_span(value: Any, where: str) -> Span | None:
    if value is None:
        return None
    pair = _expect(value, list, where)
    if len(pair) != 2 or not all(isinstance(n, int) and not isinstance(n, bool) for n in pair):
        raise JsonModelError(f"{where}: a span is [start, end] with two integers")
    try:
        return Span(pair[0], pair[1])
    except ValueError as error:
        raise JsonModelError(f"{where}: {error}") from error


def _read_token(data: Any, where: str) -> Token:
    data = _expect(data, dict, where)
    kind = _field(data, "type", where)
    span = _read_span(data.get("span"), f"{where}.span")
    if kind == "text":
        return Text(_expect(_field(data, "text", where), str, f"{where}.text"), span=span)
    if kind == "annotation":
        syllables = _expect(_field(data, "syllables", where), list, f"{where}.syllables")
        written = data.get("written")
        try:
            return Annotation(
                _expect(_field(data, "hanzi", where), str, f"{where}.hanzi"),
                tuple(_expect(s, str, f"{where}.syllables") for s in syllables),
                written=None if written is None else _expect(written, str, f"{where}.written"),
                span=span,
            )
        except JsonModelError:
            raise
        except ValueError as error:
            raise JsonModelError(f"{where}: {error}") from error
    raise JsonModelError(f"{where}: unknown token type {kind!r}; expected 'text' or 'annotation'")


def _read_paragraph(data: Any, where: str) -> Paragraph | None:
    if data is None:
        return None
    data = _expect(data, dict, where)
    tokens = _expect(_field(data, "tokens", where), list, f"{where}.tokens")
    return Paragraph(
        tuple(_read_token(t, f"{where}.tokens[{i}]") for i, t in enumerate(tokens)),
        span=_read_span(data.get("span"), f"{where}.span"),
    )


def _read_body_paragraph(data: Any, where: str) -> Paragraph:
    paragraph = _read_paragraph(data, where)
    if paragraph is None:
        raise JsonModelError(f"{where}: a paragraph cannot be null")
    return paragraph


def _read_section(data: Any, where: str) -> Section:
    data = _expect(data, dict, where)
    paragraphs: Sequence[Any] = _expect(
        _field(data, "paragraphs", where), list, f"{where}.paragraphs"
    )
    return Section(
        _read_paragraph(data.get("heading"), f"{where}.heading"),
        tuple(
            _read_body_paragraph(p, f"{where}.paragraphs[{i}]") for i, p in enumerate(paragraphs)
        ),
    )


def _read_origin(data: Any) -> Origin | None:
    if data is None:
        return None
    data = _expect(data, dict, "origin")
    starts = _expect(_field(data, "line_starts", "origin"), list, "origin.line_starts")
    length = _expect(_field(data, "length", "origin"), int, "origin.length")
    path = data.get("path")
    return Origin(
        None if path is None else _expect(path, str, "origin.path"),
        LineIndex(tuple(_expect(n, int, "origin.line_starts") for n in starts), length),
    )


def _read_diagnostic(data: Any, where: str) -> Diagnostic:
    try:
        return Diagnostic.from_dict(_expect(data, dict, where))
    except (KeyError, TypeError, AttributeError) as error:
        raise JsonModelError(f"{where}: not a diagnostic ({error!r})") from error


def _read_metadata(data: Any) -> Metadata:
    if data is None:
        return Metadata()
    data = _expect(data, dict, "metadata")

    def text(key: str) -> str | None:
        value = data.get(key)
        return None if value is None else str(_expect(value, str, f"metadata.{key}"))

    def names(key: str) -> tuple[str, ...]:
        values = _expect(data.get(key, []), list, f"metadata.{key}")
        return tuple(_expect(v, str, f"metadata.{key}") for v in values)

    return Metadata(
        published=text("published"),
        authors=names("authors"),
        editors=names("editors"),
        source=text("source"),
        url=text("url"),
    )


def document_from_dict(data: Mapping[str, Any]) -> Document:
    """Rebuild a document from :func:`document_to_dict` output.

    Raises :class:`JsonModelError` naming the first place that does not fit, for data
    of another format or a newer version, or for an annotation whose syllables do not
    pair with its hanzi.
    """
    data = _expect(data, dict, "document")
    if data.get("format") != FORMAT_NAME:
        raise JsonModelError(
            f"not a hanzi_annot document: 'format' is {data.get('format')!r}, "
            f"expected {FORMAT_NAME!r}"
        )
    version = data.get("version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise JsonModelError(
            f"document format version {version!r} is not supported; "
            f"this hanzi_annot reads version {FORMAT_VERSION} and older"
        )
    sections = _expect(_field(data, "sections", "document"), list, "sections")
    source = data.get("source")
    diagnostics = _expect(data.get("diagnostics", []), list, "diagnostics")
    try:
        return Document(
            _read_paragraph(data.get("title"), "title"),
            tuple(_read_section(s, f"sections[{i}]") for i, s in enumerate(sections)),
            source=None if source is None else _expect(source, str, "source"),
            metadata=_read_metadata(data.get("metadata")),
            origin=_read_origin(data.get("origin")),
            diagnostics=tuple(
                _read_diagnostic(d, f"diagnostics[{i}]") for i, d in enumerate(diagnostics)
            ),
        )
    except JsonModelError:
        raise
    except ValueError as error:
        raise JsonModelError(f"invalid document: {error}") from error


def from_json(text: Source) -> Document:
    """Read a document from JSON written by :func:`to_json`: text, bytes or a file path.

    >>> from_json('{"format": "hanzi_annot.document", "version": 1, "sections": []}')
    Document(title=None, sections=(), source=None)
    """
    try:
        data = json.loads(read_source(text))
    except json.JSONDecodeError as error:
        raise JsonModelError(f"not valid JSON: {error}") from error
    except UnicodeDecodeError as error:
        raise JsonModelError(
            f"not UTF-8 text: byte {error.object[error.start]:02X} at offset {error.start}"
        ) from error
    return document_from_dict(data)

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

import itertools
import json
import secrets
import typing
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final

import attrs

from hanzi_annot.chardata import CLOSE_PARENS, LINE_BREAK_RE, OPEN_PARENS, is_hanzi
from hanzi_annot.diagnostics import (
    Code,
    Diagnostic,
    Edit,
    ErrorPolicy,
    HanziAnnotError,
    Severity,
    apply_policy,
)
from hanzi_annot.model import (
    Annotation,
    Document,
    Metadata,
    Origin,
    Paragraph,
    Paragraphs,
    Section,
    Text,
    Token,
    expect_node,
    provenance_fields,
)
from hanzi_annot.pinyin.syllables import normalize_syllable
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


#: Token classes and the ``"type"`` that names them in JSON.
_TOKEN_TYPES: Final[dict[type, str]] = {Text: "text", Annotation: "annotation"}


def _origin(origin: Origin) -> dict[str, Any]:
    """Write an origin with its line index spread out: ``path``, ``line_starts``, ``length``."""
    return {
        "path": origin.path,
        "line_starts": list(origin.lines.line_starts),
        "length": origin.lines.length,
    }


def _value(value: Any) -> Any:
    """Return one field's value as JSON data, by its type; attrs nodes field by field.

    Nodes are written with every attrs field, content and provenance alike (the
    ``provenance`` tags of :mod:`hanzi_annot.model`), so a field added to the model is
    written without a list of names to update here.
    """
    if value is None or isinstance(value, str | int):
        return value
    if isinstance(value, tuple | Paragraphs):
        return [_value(item) for item in value]
    if isinstance(value, Span):
        return [value.start, value.end]
    if isinstance(value, Origin):
        return _origin(value)
    if isinstance(value, Diagnostic):
        return value.to_dict()
    if attrs.has(type(value)):
        data: dict[str, Any] = {}
        for token_class, name in _TOKEN_TYPES.items():
            if isinstance(value, token_class):
                data["type"] = name
        for field in attrs.fields(type(value)):
            data[field.name] = _value(getattr(value, field.name))
        return data
    raise TypeError(f"cannot write a {type(value).__name__} as JSON")


def document_to_dict(document: Document) -> dict[str, Any]:
    """Return ``document`` as JSON-ready data (dicts, lists, strings, numbers, ``None``).

    Every field of every node is written, positions and provenance included.

    >>> from hanzi_annot import Document, Paragraph, Section, Text
    >>> data = document_to_dict(Document(None, [Section(None, [Paragraph([Text("好。")])])]))
    >>> data["sections"][0]["paragraphs"][0]["tokens"]
    [{'type': 'text', 'text': '好。', 'span': None}]
    """
    expect_node(document, (Document,), "to_json()")
    fields: dict[str, Any] = _value(document)
    return {"format": FORMAT_NAME, "version": FORMAT_VERSION, **fields}


def to_json(document: Document, *, indent: int | None = 2) -> str:
    """Write ``document`` as JSON text; hanzi are written as themselves, not escaped.

    ``indent=None`` writes one compact line, as JSON Lines files need. The text is what
    ``json.dumps(document_to_dict(document), ensure_ascii=False, indent=indent)`` gives,
    written a paragraph at a time: the document's data never exists whole, so a
    document of a million paragraphs costs about its output, not ten times it.
    """
    expect_node(document, (Document,), "to_json()")
    encoder = json.JSONEncoder(ensure_ascii=False, indent=indent)
    # The sections go in with a marker instead of their paragraphs, which are encoded
    # one by one and put where the marker is, at its indentation.
    nonce = secrets.token_hex(8)
    markers = [f"ha-paragraphs-{nonce}-{number}" for number in range(len(document.sections))]
    skeleton = attrs.evolve(
        document, sections=[attrs.evolve(s, paragraphs=()) for s in document.sections]
    )
    data = document_to_dict(skeleton)
    for section, marker, written in zip(document.sections, markers, data["sections"], strict=True):
        if section.paragraphs:
            written["paragraphs"] = [marker]
    text = encoder.encode(data)
    if text.count(nonce) != sum(1 for section in document.sections if section.paragraphs):
        return json.dumps(document_to_dict(document), ensure_ascii=False, indent=indent)
    pieces: list[str] = []
    done = 0
    for section, marker in zip(document.sections, markers, strict=True):
        if not section.paragraphs:
            continue
        at = text.index(f'"{marker}"', done)
        margin = ""
        if indent is not None:  # compact text has no line to look back to: never scan it
            margin = text[text.rfind("\n", 0, at) + 1 : at]
        pieces.append(text[done:at])
        pieces.append(_paragraphs_json(section.paragraphs, encoder, margin))
        done = at + len(marker) + 2
    pieces.append(text[done:])
    return "".join(pieces)


def _paragraphs_json(
    paragraphs: Sequence[Paragraph], encoder: json.JSONEncoder, margin: str
) -> str:
    """Encode ``paragraphs`` as the items of a JSON list whose first item starts at ``margin``."""
    separator = ",\n" + margin if encoder.indent is not None else ", "
    chunks: list[str] = []
    batch: list[str] = []
    for paragraph in paragraphs:
        encoded = encoder.encode(_value(paragraph))
        batch.append(encoded.replace("\n", "\n" + margin) if margin else encoded)
        if len(batch) >= 256:  # a few long strings, not one per paragraph
            chunks.append(separator.join(batch))
            batch.clear()
    if batch:
        chunks.append(separator.join(batch))
    return separator.join(chunks)


# --- reading ------------------------------------------------------------------------


def _expect(value: Any, kind: type | tuple[type, ...], where: str) -> Any:
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise JsonModelError(f"{where}: expected {names}, got {type(value).__name__}")
    return value


def _required(data: Mapping[str, Any], key: str, where: str) -> Any:
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


def _one_line(value: str, where: str) -> str:
    """Refuse a line break: a paragraph is one line of the input, as the parser makes it."""
    if LINE_BREAK_RE.search(value):
        raise JsonModelError(f"{where}: contains a line break; a paragraph is one line")
    return value


def _read_syllable(value: Any, where: str) -> str:
    syllable: str = _expect(value, str, where)
    if not syllable or normalize_syllable(syllable) != syllable:
        raise JsonModelError(
            f"{where}: {syllable!r} is not a canonical pinyin syllable "
            "(tone marks, NFC, one syllable such as 'guó')"
        )
    return syllable


def _read_hanzi(value: Any, where: str) -> str:
    hanzi: str = _expect(value, str, where)
    if not all(is_hanzi(char) for char in hanzi):
        raise JsonModelError(f"{where}: {hanzi!r} is not a run of hanzi")
    return hanzi


def _read_written(value: Any, where: str) -> str | None:
    if value is None:
        return None
    written = _one_line(_expect(value, str, where), where)
    if any(char in OPEN_PARENS + CLOSE_PARENS for char in written):
        raise JsonModelError(f"{where}: cannot contain a parenthesis (it is written inside one)")
    return written


def _read_source(value: Any) -> str | None:
    """Read the source, written back as ``(name)`` after the text: one line, no brackets."""
    if value is None:
        return None
    source = _read_written(_expect(value, str, "source"), "source")
    if not source:
        raise JsonModelError("source: an empty source is written as null")
    return source


def _read_token(data: Any, where: str) -> Token:
    data = _expect(data, dict, where)
    kind = _required(data, "type", where)
    if kind == "text":
        text = _expect(_required(data, "text", where), str, f"{where}.text")
        return Text(_one_line(text, f"{where}.text"), **_read_provenance(Text, data, f"{where}."))
    if kind == "annotation":
        syllables = _expect(_required(data, "syllables", where), list, f"{where}.syllables")
        try:
            return Annotation(
                _read_hanzi(_required(data, "hanzi", where), f"{where}.hanzi"),
                tuple(
                    _read_syllable(s, f"{where}.syllables[{i}]") for i, s in enumerate(syllables)
                ),
                **_read_provenance(Annotation, data, f"{where}."),
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
    tokens = _expect(_required(data, "tokens", where), list, f"{where}.tokens")
    return Paragraph(
        tuple(_read_token(t, f"{where}.tokens[{i}]") for i, t in enumerate(tokens)),
        **_read_provenance(Paragraph, data, f"{where}."),
    )


def _read_body_paragraph(data: Any, where: str) -> Paragraph:
    paragraph = _read_paragraph(data, where)
    if paragraph is None:
        raise JsonModelError(f"{where}: a paragraph cannot be null")
    return paragraph


def _read_section(data: Any, where: str) -> Section:
    data = _expect(data, dict, where)
    paragraphs: Sequence[Any] = _expect(
        _required(data, "paragraphs", where), list, f"{where}.paragraphs"
    )
    return Section(
        _read_paragraph(data.get("heading"), f"{where}.heading"),
        tuple(
            _read_body_paragraph(p, f"{where}.paragraphs[{i}]") for i, p in enumerate(paragraphs)
        ),
    )


def _read_origin(data: Any, where: str) -> Origin | None:
    if data is None:
        return None
    data = _expect(data, dict, where)
    starts = _expect(_required(data, "line_starts", where), list, f"{where}.line_starts")
    length = _expect(_required(data, "length", where), int, f"{where}.length")
    path = data.get("path")
    line_starts = tuple(_expect(n, int, f"{where}.line_starts") for n in starts)
    if not line_starts or line_starts[0] != 0:
        raise JsonModelError(f"{where}.line_starts: the first line starts at 0")
    if any(b <= a for a, b in itertools.pairwise(line_starts)) or line_starts[-1] > length:
        raise JsonModelError(
            f"{where}.line_starts: line starts must increase and stay within {where}.length"
        )
    return Origin(
        None if path is None else _expect(path, str, f"{where}.path"),
        LineIndex(line_starts, length),
    )


def _integer(data: Mapping[str, Any], key: str, where: str, least: int) -> int:
    value: int = _expect(_required(data, key, where), int, f"{where}.{key}")
    if value < least:
        raise JsonModelError(f"{where}.{key}: must be at least {least}, got {value}")
    return value


def _optional_str(data: Mapping[str, Any], key: str, where: str) -> str | None:
    value = data.get(key)
    return None if value is None else _expect(value, str, f"{where}.{key}")


def _read_edit(data: Any, where: str) -> Edit | None:
    if data is None:
        return None
    data = _expect(data, dict, where)
    span = _read_span([_required(data, "start", where), _required(data, "end", where)], where)
    assert span is not None
    return Edit(span, _expect(_required(data, "replacement", where), str, f"{where}.replacement"))


def _read_diagnostic(data: Any, where: str) -> Diagnostic:
    try:
        return _diagnostic_fields(_expect(data, dict, where), where)
    except JsonModelError as error:
        raise JsonModelError(f"{where}: not a diagnostic ({error})") from None
    except ValueError as error:
        raise JsonModelError(f"{where}: not a diagnostic ({error})") from error


def _diagnostic_fields(data: Mapping[str, Any], where: str) -> Diagnostic:
    code = Code.from_code(_expect(_required(data, "code", where), str, f"{where}.code"))
    severity = _expect(_required(data, "severity", where), str, f"{where}.severity")
    if severity.upper() not in Severity.__members__:
        raise JsonModelError(f"{where}.severity: unknown severity {severity!r}")
    span = _read_span([_required(data, "start", where), _required(data, "end", where)], where)
    assert span is not None
    edit = _read_edit(data.get("edit"), f"{where}.edit")
    hint = _optional_str(data, "hint", where)
    if "edit" not in data and "hint" not in data:
        hint = _optional_str(data, "fix", where)  # written by 0.1: advice or pinyin
    return Diagnostic(
        code,
        Severity[severity.upper()],
        _expect(_required(data, "message", where), str, f"{where}.message"),
        span,
        _integer(data, "line", where, 1),
        _integer(data, "column", where, 1),
        path=_optional_str(data, "path", where),
        edit=edit,
        hint=hint,
    )


def _read_diagnostics(data: Any, where: str) -> tuple[Diagnostic, ...]:
    found = _expect([] if data is None else data, list, where)
    return tuple(_read_diagnostic(d, f"{where}[{i}]") for i, d in enumerate(found))


#: How a provenance field is read, by its declared type: a new provenance field of a
#: known type is read (and checked) without naming it here.
_PROVENANCE_READERS: Final[dict[Any, Callable[[Any, str], Any]]] = {
    Span | None: _read_span,
    str | None: _read_written,
    Origin | None: _read_origin,
    tuple[Diagnostic, ...]: _read_diagnostics,
}
_PROVENANCE_TYPES: Final[dict[type, dict[str, Any]]] = {
    cls: typing.get_type_hints(cls) for cls in (Text, Annotation, Paragraph, Document)
}


def _read_provenance(cls: type, data: Mapping[str, Any], where: str) -> dict[str, Any]:
    """Read every provenance field of ``cls`` (see :func:`provenance_fields`) from ``data``."""
    types = _PROVENANCE_TYPES[cls]
    return {
        name: _PROVENANCE_READERS[types[name]](data.get(name), f"{where}{name}")
        for name in provenance_fields(cls)
    }


def _check_spans(document: Document) -> None:
    """Refuse spans beyond the end of the input the origin describes."""
    if document.origin is None:
        return
    length = document.origin.lines.length
    places: list[tuple[str, Span | None]] = []
    for name, paragraph in _named_paragraphs(document):
        places.append((f"{name}.span", paragraph.span))
        places.extend(
            (f"{name}.tokens[{i}].span", token.span) for i, token in enumerate(paragraph.tokens)
        )
    for i, diagnostic in enumerate(document.diagnostics):
        places.append((f"diagnostics[{i}]", diagnostic.span))
        if diagnostic.edit is not None:
            places.append((f"diagnostics[{i}].edit", diagnostic.edit.span))
    for where, span in places:
        if span is not None and span.end > length:
            raise JsonModelError(
                f"{where}: span [{span.start}, {span.end}] is beyond the end of the input "
                f"(origin.length {length})"
            )


def _named_paragraphs(document: Document) -> list[tuple[str, Paragraph]]:
    named: list[tuple[str, Paragraph]] = []
    if document.title is not None:
        named.append(("title", document.title))
    for i, section in enumerate(document.sections):
        if section.heading is not None:
            named.append((f"sections[{i}].heading", section.heading))
        named.extend(
            (f"sections[{i}].paragraphs[{j}]", p) for j, p in enumerate(section.paragraphs)
        )
    return named


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

    The result satisfies the invariants of a parsed document: every syllable is one
    canonical syllable, annotations are runs of hanzi, paragraphs hold no line break,
    spans stay within the input the origin describes. Raises :class:`JsonModelError`
    naming the first place that does not fit (``sections[0].paragraphs[2].tokens[1].
    syllables[0]``), for data of another format or version, or nested too deeply.
    """
    try:
        return _document_from_dict(data)
    except RecursionError:
        raise JsonModelError("document: nested too deeply to be a document") from None


def _document_from_dict(data: Mapping[str, Any]) -> Document:
    data = _expect(data, dict, "document")
    if data.get("format") != FORMAT_NAME:
        raise JsonModelError(
            f"not a hanzi_annot document: 'format' is {data.get('format')!r}, "
            f"expected {FORMAT_NAME!r}"
        )
    version = data.get("version")
    if (
        not isinstance(version, int)
        or isinstance(version, bool)
        or not 1 <= version <= FORMAT_VERSION
    ):
        raise JsonModelError(
            f"document format version {version!r} is not supported; "
            f"this hanzi_annot reads version {FORMAT_VERSION} and older"
        )
    sections = _expect(_required(data, "sections", "document"), list, "sections")
    source = data.get("source")
    try:
        document = Document(
            _read_paragraph(data.get("title"), "title"),
            tuple(_read_section(s, f"sections[{i}]") for i, s in enumerate(sections)),
            source=_read_source(source),
            metadata=_read_metadata(data.get("metadata")),
            **_read_provenance(Document, data, ""),
        )
    except JsonModelError:
        raise
    except ValueError as error:
        raise JsonModelError(f"invalid document: {error}") from error
    _check_spans(document)
    return document


def from_json(text: Source, *, errors: ErrorPolicy | str = ErrorPolicy.COLLECT) -> Document:
    """Read a document from JSON written by :func:`to_json`: text, bytes or a file path.

    The diagnostics stored with the document come back on ``Document.diagnostics``;
    ``errors`` (an :class:`~hanzi_annot.ErrorPolicy` or its name) can warn about its
    warnings and errors or raise one :class:`~hanzi_annot.MarkupError` carrying them.

    >>> from_json('{"format": "hanzi_annot.document", "version": 1, "sections": []}')
    Document(title=None, sections=(), source=None)
    """
    source = read_source(text)  # a str naming a file raises PathAsTextError here
    try:
        data = json.loads(source)
    except RecursionError:
        raise JsonModelError("not a document: the JSON is nested too deeply") from None
    except UnicodeDecodeError as error:
        raise JsonModelError(
            f"not UTF-8 text: byte {error.object[error.start]:02X} at offset {error.start}"
        ) from error
    except ValueError as error:  # JSONDecodeError, and numbers too long to convert
        raise JsonModelError(f"not valid JSON: {error}") from error
    document = document_from_dict(data)
    apply_policy(document.diagnostics, errors, stacklevel=2)
    return document

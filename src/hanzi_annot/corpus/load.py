"""Loading one input of any kind: a file by its suffix, or text, bytes or JSON by name.

The readers are named by what they read (:func:`~hanzi_annot.from_text`,
:func:`~hanzi_annot.from_html`, :func:`~hanzi_annot.from_json`) and all take text,
bytes or a path the same way; :func:`load` picks one by the file name's suffix, so a
folder of mixed files is read with one call per file.
"""

from __future__ import annotations

import enum
import os
from pathlib import Path, PurePath

import attrs

from hanzi_annot.diagnostics import ErrorPolicy, apply_policy
from hanzi_annot.formats.jsonio import JsonModelError, from_json
from hanzi_annot.html.markdown import from_markdown
from hanzi_annot.html.read import from_html
from hanzi_annot.model import Document
from hanzi_annot.pinyin.readings import Readings
from hanzi_annot.text.clean import CleanOptions
from hanzi_annot.text.decode import Source
from hanzi_annot.text.structure import from_text

__all__ = ["InputFormat", "load", "read_document"]


class InputFormat(enum.Enum):
    """How an input is read; ``AUTO`` goes by the file name's suffix."""

    AUTO = "auto"
    TEXT = "text"
    HTML = "html"
    JSON = "json"
    MARKDOWN = "markdown"

    def resolve(self, name: str) -> InputFormat:
        """Return the concrete format for a file ``name``, by its suffix.

        ``.html``/``.htm``/``.xhtml`` are HTML, ``.json`` the document model as JSON,
        ``.md``/``.markdown`` Markdown with ``{汉字|hàn|zì}`` ruby, anything else
        (``.txt``, no suffix) annotated text.

        >>> InputFormat.AUTO.resolve("page.HTM"), InputFormat.AUTO.resolve("notes.md")
        (<InputFormat.HTML: 'html'>, <InputFormat.MARKDOWN: 'markdown'>)
        """
        if self is not InputFormat.AUTO:
            return self
        suffix = PurePath(name).suffix.lower()
        if suffix in (".html", ".htm", ".xhtml"):
            return InputFormat.HTML
        if suffix == ".json":
            return InputFormat.JSON
        if suffix in (".md", ".markdown"):
            return InputFormat.MARKDOWN
        return InputFormat.TEXT


def load(
    path: str | os.PathLike[str],
    *,
    input_format: InputFormat = InputFormat.AUTO,
    encoding: str | None = None,
    clean: bool | CleanOptions = True,
    readings: Readings | None = None,
    errors: ErrorPolicy | str = ErrorPolicy.COLLECT,
) -> Document:
    """Read the file at ``path`` into a document, choosing the reader by its suffix.

    ``.txt`` and any unknown suffix are annotated text, ``.html``, ``.htm`` and
    ``.xhtml`` HTML, ``.json`` the JSON model, ``.md`` and ``.markdown`` Markdown
    (:func:`~hanzi_annot.from_markdown`); ``input_format`` overrides the choice.
    ``encoding`` applies to text, Markdown and HTML (HTML otherwise follows its
    ``<meta charset>``), ``clean`` to text only. The document's ``origin.path`` is
    ``path``. ``errors`` (an :class:`~hanzi_annot.ErrorPolicy` or its name) is passed to
    the reader: collect (the default), warn about warnings and errors, or raise one
    :class:`~hanzi_annot.MarkupError` carrying them.
    """
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(
            f"load() expects a file path (str or os.PathLike), not {type(path).__name__}"
        )
    policy = ErrorPolicy.of(errors)
    document = read_document(
        Path(path),
        name=os.fspath(path),
        input_format=input_format,
        encoding=encoding,
        clean=clean,
        readings=readings,
    )
    apply_policy(document.diagnostics, policy, stacklevel=2)
    return document


def read_document(
    content: Source,
    *,
    name: str,
    input_format: InputFormat = InputFormat.AUTO,
    encoding: str | None = None,
    clean: bool | CleanOptions = True,
    readings: Readings | None = None,
    errors: ErrorPolicy | str = ErrorPolicy.COLLECT,
) -> Document:
    """Read one input of any kind (text, bytes or a path) into a document.

    ``name`` labels the input in messages and, with ``input_format=AUTO``, chooses the
    reader by its suffix as :func:`load` does. The one reader behind the pipeline and
    the ``hanzi-annot`` command. ``errors`` is passed to the reader, as in :func:`load`.
    """
    policy = ErrorPolicy.of(errors)
    kind = input_format.resolve(name)
    if kind is InputFormat.JSON:
        try:
            document = from_json(content)
        except JsonModelError as error:
            raise JsonModelError(f"{name}: {error}") from error
        if document.origin is not None and document.origin.path is None:
            origin = attrs.evolve(document.origin, path=name)
            document = attrs.evolve(document, origin=origin)
    elif kind is InputFormat.MARKDOWN:
        chosen = None if isinstance(content, str) else encoding  # text carries no encoding
        document = from_markdown(content, path=name, encoding=chosen, readings=readings)
    elif kind is InputFormat.HTML:
        chosen = None if isinstance(content, str) else encoding  # text carries no encoding
        document = from_html(content, path=name, encoding=chosen, readings=readings)
    else:
        chosen = None if isinstance(content, str) else encoding  # text carries no encoding
        document = from_text(content, encoding=chosen, path=name, clean=clean, readings=readings)
    apply_policy(document.diagnostics, policy, stacklevel=2)  # warnings name the caller
    return document

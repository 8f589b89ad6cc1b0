"""The one output table: each rendering a run can write, its writer and its file suffix.

The pipeline, the Dask helpers and the ``hanzi-annot`` command all look writers and
suffixes up here, so a new output format is one new row. Markup files end in
``.markup.txt`` everywhere, so they never collide with plain text or with the input.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from typing import Final

import attrs

from hanzi_annot.diagnostics import Diagnostic
from hanzi_annot.formats.jsonio import to_json
from hanzi_annot.formats.markup import to_markup, to_plain
from hanzi_annot.html.write import HtmlRenderer
from hanzi_annot.model import Document


class Output(str, enum.Enum):
    """What the pipeline writes for each document besides the model.

    A ``str`` enum, so ``result.outputs["html"]`` works as well as ``Output.HTML``.
    """

    HTML = "html"
    PLAIN = "plain"
    MARKUP = "markup"
    JSON = "json"
    JSONL = "jsonl"

    @property
    def suffix(self) -> str:
        """The file name ending used when this output is written to a file."""
        return WRITERS[self].suffix


@attrs.frozen
class Rendered:
    """One output's text, and what writing it found (HTML's unwritable characters)."""

    text: str
    diagnostics: tuple[Diagnostic, ...] = ()


@attrs.frozen
class Writer:
    """How one output is made from a document (given the run's HTML renderer)."""

    suffix: str
    write: Callable[[Document, HtmlRenderer], Rendered]


def _html(document: Document, renderer: HtmlRenderer) -> Rendered:
    rendered = renderer.render(document)
    return Rendered(rendered.html, tuple(rendered.diagnostics))


#: Every output: its file suffix and its writer.
WRITERS: Final[Mapping[Output, Writer]] = {
    Output.HTML: Writer(".html", _html),
    Output.PLAIN: Writer(".txt", lambda document, _: Rendered(to_plain(document))),
    Output.MARKUP: Writer(".markup.txt", lambda document, _: Rendered(to_markup(document))),
    Output.JSON: Writer(".json", lambda document, _: Rendered(to_json(document))),
    Output.JSONL: Writer(".jsonl", lambda document, _: Rendered(to_json(document, indent=None))),
}

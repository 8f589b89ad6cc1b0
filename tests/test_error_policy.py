"""Every reader follows one error policy: collect (default), warn, or raise."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path

import pytest

from hanzi_annot import (
    DiagnosticWarning,
    Document,
    ErrorPolicy,
    MarkupError,
    from_html,
    from_json,
    load,
    parse,
    to_json,
)
from hanzi_annot.corpus.load import read_document
from hanzi_annot.html.markdown import from_markdown

#: One warning in each input: ``家`` is annotated with two syllables (HA105).
TEXT = "书房开放\n书房今天开放，家(guójiā)门口就能读书。\n"
HTML = "<h1>书房开放</h1><p>书房今天开放，家(guójiā)门口就能读书。</p>"
MARKDOWN = "# 书房开放\n\n书房今天开放，家(guójiā)门口就能读书。\n"
JSON = to_json(parse(TEXT))


def _file(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def _readers(tmp_path: Path) -> dict[str, Callable[[ErrorPolicy | str], Document]]:
    """Each reader bound to an input holding one warning, taking only the policy."""
    page = _file(tmp_path, "page.html", HTML)
    stored = _file(tmp_path, "doc.json", JSON)
    return {
        "from_html": lambda errors: from_html(HTML, errors=errors),
        "from_json": lambda errors: from_json(JSON, errors=errors),
        "from_markdown": lambda errors: from_markdown(MARKDOWN, errors=errors),
        "load": lambda errors: load(page, errors=errors),
        "load_json": lambda errors: load(stored, errors=errors),
        "read_document": lambda errors: read_document(TEXT, name="a.txt", errors=errors),
        "read_document_html": lambda errors: read_document(
            HTML.encode(), name="a.html", errors=errors
        ),
    }


READERS = (
    "from_html",
    "from_json",
    "from_markdown",
    "load",
    "load_json",
    "read_document",
    "read_document_html",
)


@pytest.mark.parametrize("reader", READERS)
def test_collect_returns_the_diagnostics_silently(reader: str, tmp_path: Path) -> None:
    read = _readers(tmp_path)[reader]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        document = read("collect")
        assert read(ErrorPolicy.COLLECT).diagnostics == document.diagnostics
    assert [d.code.code for d in document.diagnostics] == ["HA105"]


@pytest.mark.parametrize("reader", READERS)
def test_warn_warns_once_per_finding(reader: str, tmp_path: Path) -> None:
    read = _readers(tmp_path)[reader]
    with pytest.warns(DiagnosticWarning, match="HA105") as caught:
        document = read("warn")
    assert len(caught) == 1
    assert [d.code.code for d in document.diagnostics] == ["HA105"]


@pytest.mark.parametrize("reader", READERS)
def test_raise_raises_one_error_carrying_them(reader: str, tmp_path: Path) -> None:
    read = _readers(tmp_path)[reader]
    with pytest.raises(MarkupError) as raised:
        read(ErrorPolicy.RAISE)
    assert [d.code.code for d in raised.value.diagnostics] == ["HA105"]


@pytest.mark.parametrize("reader", READERS)
def test_an_unknown_policy_is_refused(reader: str, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown error policy"):
        _readers(tmp_path)[reader]("loud")


@pytest.mark.parametrize("reader", READERS)
def test_a_warning_points_at_the_caller(reader: str, tmp_path: Path) -> None:
    read = _readers(tmp_path)[reader]
    with pytest.warns(DiagnosticWarning) as caught:
        read("warn")
    assert caught[0].filename == __file__

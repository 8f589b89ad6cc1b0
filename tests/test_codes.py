"""Diagnostics: codes unique and documented, one reporter, typed fixes, the error policy."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from hanzi_annot import (
    Code,
    Diagnostic,
    DiagnosticWarning,
    Edit,
    ErrorPolicy,
    HtmlRenderWarning,
    LineIndex,
    MarkupError,
    Paragraph,
    Reporter,
    Severity,
    Span,
    apply_policy,
    parse,
    parse_inline,
    to_html,
    validate,
)

DOCS = Path(__file__).parent.parent / "docs" / "diagnostics.md"


def test_codes_are_unique_and_well_formed() -> None:
    codes = [member.code for member in Code]
    assert len(codes) == len(set(codes))
    assert all(len(code) == 5 and code.startswith("HA") and code[2:].isdigit() for code in codes)


@pytest.mark.parametrize("code", list(Code), ids=lambda c: c.code)
def test_code_is_documented_with_an_example(code: Code) -> None:
    text = DOCS.read_text(encoding="utf-8")
    assert f"| {code.code} |" in text
    assert f"### {code.code} " in text


# --- codes by string ----------------------------------------------------------


def test_code_is_found_by_its_string() -> None:
    assert Code("HA202") is Code.WRONG_TONE
    assert Code("ha305") is Code.BOILERPLATE
    assert Code.from_code("HA202") is Code.WRONG_TONE
    with pytest.raises(ValueError, match="HA999"):
        Code("HA999")
    with pytest.raises(ValueError, match="unknown diagnostic code"):
        Code.from_code("HA999")


# --- the reporter -------------------------------------------------------------

PAGE = "书房开放\n    书房今天开放,很著名(zhūmíng)。\n"


def test_reporter_places_a_span_at_its_line_and_column() -> None:
    reporter = Reporter(LineIndex.of(PAGE), "page.txt")
    start = PAGE.index("著")
    found = reporter.diagnostic(Code.WRONG_TONE, Span(start, start + 1), "著 is never read zhū")
    assert (found.line, found.column, found.path) == (2, 13, "page.txt")
    assert found.severity is Severity.ERROR
    quiet = reporter.diagnostic(
        Code.WRONG_TONE, Span(start, start + 1), "著", severity=Severity.INFO
    )
    assert quiet.severity is Severity.INFO


def test_reporter_without_an_index_counts_columns_from_its_base() -> None:
    found = Reporter(base=10).diagnostic(Code.INVALID_PINYIN, Span(14, 16), "gúx")
    assert (found.line, found.column) == (1, 5)


def test_reporter_places_a_diagnostic_made_elsewhere() -> None:
    made = Reporter().diagnostic(Code.EMPTY_RT, Span(6, 6), "empty <rt>")
    placed = Reporter(LineIndex.of(PAGE), "page.html").place(made)
    assert (placed.line, placed.column, placed.path) == (2, 2, "page.html")


def test_every_stage_reports_the_column_of_the_span() -> None:
    title = "晋江市新建八座城市书房"
    page = f"{title}\n{title}\n    {title}今年以来新建书房八座,很著名(zhūmíng)。\n"
    document = parse(page, path="page.txt")
    for diagnostic in (*document.diagnostics, *validate(document)):
        line, column = document.origin.locate(diagnostic.span.start)
        assert (diagnostic.line, diagnostic.column) == (line, column), diagnostic
    glued = [d for d in document.diagnostics if d.code is Code.GLUED_TITLE]
    assert [(d.line, d.column) for d in glued] == [(3, 5)]


# --- edits and hints ----------------------------------------------------------


def test_a_machine_fix_is_an_edit_and_advice_is_a_hint() -> None:
    document = parse("书房开放\n市民纷纷点赞(diǎnzàn)(diǎnzán),很著名(zhūmíng)。\n")
    conflicting, wrong = (*document.diagnostics, *validate(document))
    assert conflicting.code is Code.CONFLICTING_ANNOTATION
    assert conflicting.hint == "delete one of the two annotations"
    assert conflicting.edit is None
    assert wrong.edit is not None
    assert wrong.hint is None
    text = "书房开放\n市民纷纷点赞(diǎnzàn)(diǎnzán),很著名(zhūmíng)。\n"
    assert text[wrong.edit.span.start : wrong.edit.span.end] == "zhūmíng"
    assert "很著名(zhùmíng)。" in wrong.edit.apply(text)


def test_the_old_fix_field_still_reads_with_a_warning() -> None:
    (wrong,) = validate(parse("书房开放\n很著名(zhūmíng)。\n"))
    with pytest.warns(DeprecationWarning, match="Diagnostic.edit"):
        assert wrong.fix == "zhùmíng"
    assert str(wrong).endswith("(fix: zhùmíng)")


def test_edit_and_hint_survive_to_dict_and_back() -> None:
    document = parse("书房开放\n温度(wēndù)(wēndu)适宜,很著名(zhūmíng)。\n")
    for diagnostic in (*document.diagnostics, *validate(document)):
        data = diagnostic.to_dict()
        assert data["fix"] == (diagnostic.edit.replacement if diagnostic.edit else diagnostic.hint)
        assert Diagnostic.from_dict(data) == diagnostic
    assert Edit.from_dict(Edit(Span(1, 3), "guó").to_dict()) == Edit(Span(1, 3), "guó")


# --- error policy -------------------------------------------------------------

WARNED = "书房开放\n书房今天开放,家(guójiā)门口就能读书。\n"


def test_collect_is_the_default_and_returns_everything() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        document = parse(WARNED)
    assert [d.code.code for d in document.diagnostics] == ["HA105"]
    assert apply_policy(document.diagnostics) == document.diagnostics


def test_warn_issues_one_warning_per_diagnostic_at_the_threshold() -> None:
    with pytest.warns(DiagnosticWarning, match="HA105") as caught:
        parse(WARNED, errors="warn")
    assert len(caught) == 1
    assert caught[0].filename == __file__
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        parse("书香泉州\n书香泉州\n泉州新建城市书房。\n", errors=ErrorPolicy.WARN)  # info only


def test_raise_carries_every_diagnostic_at_the_threshold() -> None:
    with pytest.raises(MarkupError) as raised:
        parse(WARNED, errors="RAISE")
    assert [d.code.code for d in raised.value.diagnostics] == ["HA105"]
    infos = parse("书香泉州\n书香泉州\n泉州新建城市书房。\n").diagnostics
    with pytest.raises(MarkupError):
        apply_policy(infos, ErrorPolicy.RAISE, threshold=Severity.INFO)


def test_strict_is_a_deprecated_spelling_of_raise() -> None:
    with pytest.warns(DeprecationWarning, match='errors="raise"'), pytest.raises(MarkupError):
        parse(WARNED, strict=True)


def test_unknown_policy_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown error policy 'loud'"):
        apply_policy((), "loud")


def test_html_writer_follows_the_policy() -> None:
    paragraph = Paragraph(parse_inline("泉州\x07市").tokens)
    with pytest.warns(HtmlRenderWarning, match="HA401"):
        to_html(paragraph)
    assert issubclass(HtmlRenderWarning, DiagnosticWarning)
    with pytest.raises(MarkupError, match="HA401"):
        to_html(paragraph, errors="raise")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert "\ufffd" in to_html(paragraph, errors="collect")


def test_the_old_fix_argument_becomes_a_hint_with_a_warning() -> None:
    with pytest.warns(DeprecationWarning, match="hint="):
        old = Diagnostic(Code.INVALID_PINYIN, Severity.WARNING, "bad", Span(3, 8), 1, 4, "x")
    assert (old.hint, old.edit, old.path) == ("x", None, None)
    assert str(old) == "<input>:1:4: HA103 bad (fix: x)"

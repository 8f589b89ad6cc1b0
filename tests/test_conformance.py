"""The sample article's pages, in every option combination, are conforming HTML.

So are the editor view, a per-word page of the stress fixture, a learner's page with
HSK levels and a page whose extra CSS tries to close its style element.

html5lib (strict) must parse each page without a single parse error, and the Nu Html
Checker (the npm package ``vnu-jar``, installed by ``.ci/run``) must report zero errors
and zero warnings, CSS included. Locally the checker test skips when Java or the jar is
missing; with ``CI=true`` it runs or fails.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
from pathlib import Path

import html5lib
import pytest

from hanzi_annot import Code, Diagnostic, Document, HtmlOptions, Severity, parse, to_html
from hanzi_annot.html.write import Notation, RubyMode
from tests.browser_layout import STRESS
from tests.test_html_page import levelled

ROOT = Path(__file__).parent.parent
SAMPLE = Path(__file__).parent / "pages" / "reading_rooms_scraped.txt"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

COMBINATIONS = list(itertools.product(RubyMode, [True, False], Notation, [True, False]))


def sample() -> Document:
    return parse(SAMPLE.read_text(encoding="utf-8"), path=SAMPLE.name)


def editor_findings(doc: Document) -> list[Diagnostic]:
    """One made-up finding per third annotation, with markup-like text in the message."""
    findings = []
    for annotation in list(doc.annotations)[::3]:
        assert annotation.span is not None
        findings.append(
            Diagnostic(
                Code.RUBY_MISMATCH,
                Severity.WARNING,
                f'check "{annotation.hanzi}" <rt> & tone',
                annotation.span,
                1,
                1,
            )
        )
    return findings


def pages() -> dict[str, str]:
    doc = sample()
    result = {}
    for ruby, rp, notation, tones in COMBINATIONS:
        options = HtmlOptions(ruby=ruby, rp=rp, notation=notation, tone_classes=tones)
        tone_part = "tones" if tones else "plain"
        name = f"{ruby.value}-{'rp' if rp else 'norp'}-{notation.value}-{tone_part}"
        result[name] = to_html(doc, options)
    result["editor"] = to_html(doc, diagnostics=editor_findings(doc))
    stress = parse(STRESS.read_text(encoding="utf-8"))
    result["stress-word"] = to_html(stress, HtmlOptions(ruby=RubyMode.WORD, tone_classes=True))
    result["learner-hsk"] = to_html(levelled(), HtmlOptions(hide_hsk=1, tone_classes=True))
    breakout = 'p::after{content:"</style><script>x</script>"}'
    result["css-breakout"] = to_html(doc, HtmlOptions(extra_css=breakout))
    return result


def test_the_sample_has_the_expected_shape() -> None:
    doc = sample()
    assert doc.title is not None
    assert len(list(doc.annotations)) == 25


@pytest.mark.parametrize(("name", "html"), list(pages().items()))
def test_html5lib_parses_without_errors(name: str, html: str) -> None:
    parser = html5lib.HTMLParser(strict=True)
    parser.parse(html)
    assert parser.errors == []


def vnu_available() -> bool:
    return VNU.is_file() and shutil.which("java") is not None


@pytest.mark.vnu
def test_nu_checker_reports_nothing(tmp_path: Path) -> None:
    if not vnu_available():
        if os.environ.get("CI") == "true":
            pytest.fail(f"the Nu Html Checker is missing ({VNU}); .ci/run installs it")
        pytest.skip("the Nu Html Checker (vnu-jar) or Java is not installed")
    files = []
    for name, html in pages().items():
        path = tmp_path / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        files.append(str(path))
    java = shutil.which("java")
    assert java is not None
    run = subprocess.run(
        [java, "-jar", str(VNU), "--also-check-css", "--format", "json", *files],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    report = json.loads(run.stderr or run.stdout)
    messages = [f"{m.get('url')}: {m.get('type')} {m.get('message')}" for m in report["messages"]]
    assert messages == []
    assert run.returncode == 0
    assert len(files) == len(COMBINATIONS) + 4

"""Every report format in-process through ``main``: the same findings, said each way."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from hanzi_annot.cli import main
from hanzi_annot.cli.style import Style, wants_colour
from hanzi_annot.diagnostics import Severity
from tests.cli_texts import DOUBLED_PAGE, WRONG_PAGE, write


@pytest.fixture
def news(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write(tmp_path / "news" / "bank.txt", WRONG_PAGE)
    write(tmp_path / "news" / "meeting.txt", DOUBLED_PAGE)
    (tmp_path / "news" / "logo.txt").write_bytes(b"GIF89a\x01\x00")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    return tmp_path


def _check(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(["check", *argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_every_format_reports_the_same_findings(
    news: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = [("news/bank.txt", 2, 4), ("news/bank.txt", 3, 11), ("news/meeting.txt", 2, 19)]
    status, out, _ = _check(capsys, "--format", "json", "news")
    assert status == 2
    report = json.loads(out)
    assert [(d["path"], d["line"], d["column"]) for d in report["diagnostics"]] == expected
    assert report["errors"] == [{"path": "news/logo.txt", "message": "not text (a GIF image)"}]
    _, out, _ = _check(capsys, "--format", "jsonl", "news")
    lines = [json.loads(line) for line in out.splitlines()]
    found = [(d["path"], d["line"], d["column"]) for d in lines if d["type"] == "diagnostic"]
    assert found == expected
    _, out, _ = _check(capsys, "--format", "concise", "news")
    assert [line.split(": ")[0] for line in out.splitlines()] == [
        "news/bank.txt:2:4",
        "news/bank.txt:3:11",
        "news/logo.txt",
        "news/meeting.txt:2:19",
    ]
    _, out, _ = _check(capsys, "--format", "github", "news")
    assert [line.split(",title")[0] for line in out.splitlines()] == [
        "::warning file=news/bank.txt,line=2,col=4",
        "::error file=news/bank.txt,line=3,col=11",
        "::error file=news/logo.txt",
        "::notice file=news/meeting.txt,line=2,col=19",
    ]
    _, out, _ = _check(capsys, "--format", "sarif", "news")
    results = json.loads(out)["runs"][0]["results"]
    assert [
        (
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["locations"][0]["physicalLocation"]["region"]["startColumn"],
        )
        for r in results
    ] == expected
    assert results[0]["properties"] == {"fix": "yínháng"}


def test_statistics_in_json_and_jsonl(news: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _check(capsys, "--format", "json", "--statistics", "news/bank.txt")
    assert json.loads(out)["statistics"] == [
        {
            "code": "HA202",
            "count": 1,
            "fixable": 1,
            "summary": "right syllable with a tone the character never has",
        },
        {
            "code": "HA203",
            "count": 1,
            "fixable": 1,
            "summary": "a reading the character has, but not in this word",
        },
    ]
    _, out, _ = _check(capsys, "--format", "jsonl", "--statistics", "news/bank.txt")
    assert [json.loads(line)["type"] for line in out.splitlines()] == [
        "diagnostic",
        "diagnostic",
        "statistic",
        "statistic",
        "summary",
    ]
    _, out, _ = _check(capsys, "--format", "concise", "--statistics", "news/bank.txt")
    assert out.splitlines()[0] == (
        "    1  HA202  [*]  right syllable with a tone the character never has"
    )


def test_colour_codes_wrap_severity_and_names() -> None:
    style = Style(enabled=True)
    assert style.severity(Severity.ERROR) == "\x1b[31merror\x1b[0m"
    assert style.bold("a.txt") == "\x1b[1ma.txt\x1b[0m"
    assert Style().dim("2:4") == "2:4"

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert wants_colour("auto", Terminal(), {}) is True
    assert wants_colour("auto", io.StringIO(), {}) is False
    assert wants_colour("auto", Terminal(), {"NO_COLOR": "1"}) is False
    assert wants_colour("never", Terminal(), {"FORCE_COLOR": "1"}) is False
    assert wants_colour("always", io.StringIO(), {"NO_COLOR": "1"}) is True


def test_configuration_in_process(news: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(news / "pyproject.toml", '[tool.hanzi-annot]\nformat = "concise"\nfail-on = "error"\n')
    status, out, _ = _check(capsys, "--select", "HA203", "news/bank.txt")
    assert (status, out.split(" ")[0]) == (0, "news/bank.txt:2:4:")
    write(news / "pyproject.toml", '[tool.hanzi-annot]\nper-file-ignores = {"x" = "HA2"}\n')
    status, _, err = _check(capsys, "news/bank.txt")
    assert status == 2
    assert "per-file-ignores maps file patterns to lists of codes" in err
    write(news / "pyproject.toml", "[tool.hanzi-annot]\ninclude = [1]\n")
    assert "include must be a list of strings" in _check(capsys, "news")[2]
    write(news / "pyproject.toml", '[tool.hanzi-annot]\nmin-severity = "loud"\n')
    assert "min-severity: expected one of info" in _check(capsys, "news")[2]
    write(news / "other.toml", '[tool.hanzi-annot]\nencoding = "gb18030"\n')
    status, out, _ = _check(capsys, "--config", "other.toml", "--format", "concise", "-")
    assert status == 0
    write(news / "pyproject.toml", '[tool.hanzi-annot]\ninclude = ["*.md"]\njobs = 2\n')
    write(news / "news" / "notes.md", WRONG_PAGE)
    status, out, _ = _check(capsys, "--format", "concise", "--select", "HA202", "news")
    # .md is read as Markdown, which fix does not edit: the fix is offered as a hint
    assert out == "news/notes.md:3:11: HA202 著 is never read zhū; write zhù (hint: zhùmíng)\n"


def test_fix_to_a_folder_and_a_failed_write(news: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (news / "blocked").write_text("a file where a folder should be", encoding="utf-8")
    status = main(["fix", "--out-dir", "blocked", "news/bank.txt", "news/meeting.txt"])
    err = capsys.readouterr().err
    assert status == 2
    assert "cannot write blocked/bank.txt" in err
    status = main(["markup", "--out-dir", "blocked", "news/bank.txt"])
    assert status == 2
    assert "cannot write blocked/bank.markup.txt" in capsys.readouterr().err

"""Report formats, colour, exit statuses and input problems, through the real executable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hanzi_annot import parse, to_markup, to_plain
from tests.cli_texts import (
    CLEAN_PAGE,
    DOUBLED_PAGE,
    UNDOUBLED_PAGE,
    WRONG_PAGE,
    run_exe,
    write,
)


@pytest.fixture
def news(tmp_path: Path) -> Path:
    write(tmp_path / "bank.txt", WRONG_PAGE)
    write(tmp_path / "clean.txt", CLEAN_PAGE)
    write(tmp_path / "old.txt", WRONG_PAGE, encoding="gb18030")
    write(tmp_path / "doubled.txt", DOUBLED_PAGE)
    (tmp_path / "logo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "tool.txt").write_bytes(b"\x7fELF\x02\x01\x01" + bytes(64))
    (tmp_path / "latin.txt").write_bytes("标题\n café crème".encode("latin-1", "replace"))
    return tmp_path


def test_exit_2_when_an_input_is_missing_yet_every_other_input_is_checked(news: Path) -> None:
    result = run_exe(["check", "--format", "concise", "nosuch.txt", "bank.txt"], news)
    assert result.returncode == 2
    assert result.stdout.splitlines()[0] == "nosuch.txt: error: no such file or directory"
    assert "bank.txt:3:11: HA202" in result.stdout
    assert result.stderr.endswith("; 1 input could not be read\n")


@pytest.mark.parametrize(
    ("argv", "status"),
    [(["clean.txt"], 0), (["bank.txt"], 1), (["clean.txt", "--fail-on", "info"], 1)],
)
def test_exit_status_says_whether_findings_were_made(
    news: Path, argv: list[str], status: int
) -> None:
    assert run_exe(["check", *argv], news).returncode == status


def test_binary_input_is_not_text_and_gets_no_encoding_advice(news: Path) -> None:
    result = run_exe(["check", "--format", "concise", "logo.txt", "tool.txt"], news)
    assert result.returncode == 2
    assert result.stdout.splitlines() == [
        "logo.txt: error: not text (a PNG image)",
        "tool.txt: error: not text (an ELF executable)",
    ]
    assert "gb18030" not in result.stdout + result.stderr


def test_gb18030_advice_only_when_the_bytes_are_gb18030(news: Path) -> None:
    result = run_exe(["check", "--format", "concise", "old.txt", "latin.txt"], news)
    old, latin = result.stdout.splitlines()
    assert old.endswith("it looks like gb18030: use --encoding gb18030")
    assert latin.startswith("latin.txt: error: not valid utf-8")
    assert "gb18030" not in latin


def test_json_is_one_valid_object_with_errors_and_summary(news: Path) -> None:
    result = run_exe(["check", "--format", "json", "nosuch.txt", "bank.txt", "logo.txt"], news)
    assert result.returncode == 2
    report = json.loads(result.stdout)
    assert [d["code"] for d in report["diagnostics"]] == ["HA203", "HA202"]
    assert [e["path"] for e in report["errors"]] == ["nosuch.txt", "logo.txt"]
    assert report["summary"] == {
        "files": 3,
        "unreadable": 2,
        "error": 1,
        "warning": 1,
        "info": 0,
        "fixable": 2,
    }


def test_json_of_nothing_but_errors_is_still_valid(news: Path) -> None:
    result = run_exe(["check", "--format", "json", "nosuch.txt"], news)
    assert result.returncode == 2
    assert json.loads(result.stdout)["errors"][0]["message"] == "no such file or directory"


def test_jsonl_has_one_object_per_line_ending_with_the_summary(news: Path) -> None:
    result = run_exe(["check", "--format", "jsonl", "nosuch.txt", "bank.txt"], news)
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["type"] for line in lines] == ["error", "diagnostic", "diagnostic", "summary"]
    assert (lines[2]["line"], lines[2]["column"], lines[2]["fixable"]) == (3, 11, True)


def test_github_annotations(news: Path) -> None:
    result = run_exe(["check", "--format", "github", "bank.txt", "logo.txt"], news)
    assert result.stdout.splitlines() == [
        "::warning file=bank.txt,line=2,col=4,title=HA203 (a reading the character has%2C "
        "but not in this word)::行 is read háng in 银行, not xíng (fix: yínháng)",
        "::error file=bank.txt,line=3,col=11,title=HA202 (right syllable with a tone the "
        "character never has)::著 is never read zhū; write zhù (fix: zhùmíng)",
        "::error file=logo.txt,title=hanzi-annot::not text (a PNG image)",
    ]


def test_statistics_count_each_code_and_quiet_drops_the_summary(news: Path) -> None:
    result = run_exe(["check", "--statistics", "--quiet", "bank.txt", "clean.txt"], news)
    assert result.returncode == 1
    assert result.stderr == ""
    assert [line.split()[:2] for line in result.stdout.splitlines()] == [
        ["1", "HA202"],
        ["1", "HA203"],
        ["1", "HA301"],
        ["1", "HA305"],
        ["1", "HA306"],
    ]
    assert "[*]" in result.stdout.splitlines()[0]


def test_colour_only_on_request_or_when_forced(news: Path) -> None:
    piped = run_exe(["check", "bank.txt"], news)
    assert "\x1b[" not in piped.stdout
    forced = run_exe(["check", "bank.txt"], news, env={"FORCE_COLOR": "1"})
    assert "\x1b[31merror" in forced.stdout
    assert "\x1b[33mwarning" in forced.stdout
    vetoed = run_exe(["check", "bank.txt"], news, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b[" not in vetoed.stdout
    always = run_exe(["check", "--color", "always", "--format", "concise", "bank.txt"], news)
    assert "\x1b[31mHA202\x1b[0m" in always.stdout


def test_a_bad_option_points_at_the_subcommand_help(news: Path) -> None:
    result = run_exe(["fix", "--bogus", "bank.txt"], news)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        "hanzi-annot fix: error: unrecognized arguments: --bogus (see hanzi-annot fix --help)\n"
    )
    value = run_exe(["check", "--format", "xml", "bank.txt"], news)
    assert value.stderr.startswith("hanzi-annot check: error: argument --format")
    assert value.stderr.endswith("(see hanzi-annot check --help)\n")


def test_fix_applies_every_fix_check_claims(news: Path) -> None:
    claimed = run_exe(["check", "--format", "concise", "doubled.txt"], news)
    assert claimed.stdout.endswith("the copy is dropped (fix: drop the copy)\n")
    fixed = run_exe(["fix", "doubled.txt"], news)
    assert (fixed.returncode, fixed.stdout) == (0, UNDOUBLED_PAGE)
    assert fixed.stderr.splitlines()[0].startswith("doubled.txt:2:19: HA101")
    again = run_exe(["check", "--format", "concise", "-"], news, stdin=fixed.stdout.encode())
    assert "HA101" not in again.stdout


def test_advice_is_a_hint_not_a_fix(news: Path) -> None:
    page = write(news / "conflict.txt", "标题\n今天举行双拥(shuāngyōng)(shuāngyòng)活动。\n")
    result = run_exe(["check", "--format", "concise", page], news)
    assert "HA102" in result.stdout
    assert "(hint: delete one of the two annotations)" in result.stdout
    assert run_exe(["fix", page], news).stdout == page.read_text(encoding="utf-8")


def test_fix_diff_changes_nothing(news: Path) -> None:
    before = (news / "bank.txt").read_bytes()
    result = run_exe(["fix", "--diff", "bank.txt", "clean.txt"], news)
    assert result.returncode == 1
    assert result.stdout.startswith("--- a/bank.txt\n+++ b/bank.txt\n@@ ")
    assert "-多家银行(yínxíng)" in result.stdout
    assert "+多家银行(yínháng)" in result.stdout
    assert "clean.txt" not in result.stdout
    assert result.stderr == "hanzi-annot: 2 fixes would be made in 1 of 2 files\n"
    assert (news / "bank.txt").read_bytes() == before
    assert run_exe(["fix", "--diff", "clean.txt"], news).returncode == 0


def test_select_and_ignore_act_alike_in_check_and_fix(news: Path) -> None:
    check = run_exe(["check", "--format", "concise", "--ignore", "HA203", "bank.txt"], news)
    fix = run_exe(["fix", "--ignore", "HA203", "bank.txt"], news)
    assert [line.split(" ")[1] for line in check.stdout.splitlines()] == ["HA202"]
    assert [line.split(" ")[1] for line in fix.stderr.splitlines()[:-2]] == ["HA202"]
    assert "yínxíng" in fix.stdout


def test_several_plain_documents_get_headers_and_blank_lines(news: Path) -> None:
    result = run_exe(["plain", "bank.txt", "clean.txt"], news)
    lines = result.stdout.splitlines()
    assert lines[0] == "==> bank.txt <=="
    second = lines.index("==> clean.txt <==")
    assert lines[second - 1] == ""
    assert result.stdout == (
        f"==> bank.txt <==\n{to_plain(parse(WRONG_PAGE))}\n==> clean.txt <==\n"
        f"{to_plain(parse(CLEAN_PAGE))}"
    )
    bare = run_exe(["markup", "--no-header", "bank.txt", "clean.txt"], news)
    assert bare.stdout == f"{to_markup(parse(WRONG_PAGE))}\n{to_markup(parse(CLEAN_PAGE))}"


def test_json_of_several_inputs_is_json_lines(news: Path) -> None:
    result = run_exe(["json", "bank.txt", "clean.txt"], news)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert [json.loads(line)["format"] for line in lines] == ["hanzi_annot.document"] * 2


def test_codes_and_writing_commands_report_bad_inputs_on_standard_error(news: Path) -> None:
    result = run_exe(["plain", "logo.txt", "bank.txt"], news)
    assert result.returncode == 2
    assert "多家银行网点" in result.stdout
    assert "hanzi-annot: error: logo.txt: not text (a PNG image)\n" in result.stderr

"""The installed ``hanzi-annot`` executable and ``python -m hanzi_annot``, run for real.

Each subcommand and each kind of user error goes through a subprocess once, so the
entry point, exit statuses, encodings of the standard streams and the absence of
tracebacks are checked as a user meets them.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from hanzi_annot import __version__, from_json, parse
from tests.cli_texts import CLEAN_PAGE, EXECUTABLE, FIXED_PAGE, WRONG_PAGE, run_exe, write


def _run(
    argv: list[str | Path],
    cwd: Path,
    stdin: bytes = b"",
    module: bool = False,
    stream_encoding: str = "utf-8",
) -> subprocess.CompletedProcess[str]:
    env = {"PYTHONIOENCODING": stream_encoding}
    return run_exe(argv, cwd, stdin=stdin, env=env, module=module)


@pytest.fixture
def news(tmp_path: Path) -> Path:
    write(tmp_path / "news" / "bank.txt", WRONG_PAGE)
    write(tmp_path / "news" / "local" / "quanzhou.txt", CLEAN_PAGE)
    write(tmp_path / "old.txt", WRONG_PAGE, encoding="gb18030")
    write(tmp_path / "empty" / "readme.md", "说明")
    return tmp_path


def test_the_executable_is_installed() -> None:
    assert EXECUTABLE.exists()


def test_version_through_the_module(tmp_path: Path) -> None:
    result = _run(["--version"], tmp_path, module=True)
    assert (result.returncode, result.stdout) == (0, f"hanzi-annot {__version__}\n")


def test_check(news: Path) -> None:
    result = _run(["check", "--format", "concise", "news"], news)
    assert result.returncode == 1
    assert "news/bank.txt:3:11: HA202 著 is never read zhū; write zhù" in result.stdout
    assert result.stderr == (
        "hanzi-annot: 2 files checked: 1 error, 1 warning, 3 info "
        "(2 fixable with hanzi-annot fix)\n"
    )


def test_check_json_through_the_module(news: Path) -> None:
    result = _run(["check", "--format", "json", "--select", "HA2", "news"], news, module=True)
    assert [d["code"] for d in json.loads(result.stdout)["diagnostics"]] == ["HA203", "HA202"]


def test_check_clean_from_standard_input(news: Path) -> None:
    result = _run(["check", "--min-severity", "warning", "-"], news, stdin=CLEAN_PAGE.encode())
    assert (result.returncode, result.stdout) == (0, "")


def test_hanzi_reach_a_terminal_whose_locale_cannot_write_them(news: Path) -> None:
    result = _run(["check", "news/bank.txt"], news, stream_encoding="latin-1")
    assert result.returncode == 1
    assert "著 is never read zhū" in result.stdout


def test_check_with_jobs_equals_serial(news: Path) -> None:
    serial = _run(["check", "news"], news)
    parallel = _run(["check", "--jobs", "2", "news"], news)
    assert (parallel.returncode, parallel.stdout) == (serial.returncode, serial.stdout)


def test_render_to_a_folder(news: Path) -> None:
    result = _run(["render", "news", "--out-dir", "site", "--tone-colors"], news)
    assert result.returncode == 0
    page = (news / "site" / "local" / "quanzhou.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "ha-t4" in page


def test_plain_markup_and_json(news: Path) -> None:
    plain = _run(["plain", "news/bank.txt"], news)
    assert plain.stdout.splitlines()[2].startswith("多家银行网点推出延时服务")
    markup = _run(["markup", "news/local/quanzhou.txt"], news)
    assert "相关推荐" not in markup.stdout
    model = _run(["json", "news/local/quanzhou.txt"], news)
    assert from_json(model.stdout) == parse(CLEAN_PAGE)


def test_fix_in_place(news: Path) -> None:
    result = _run(["fix", "--in-place", "news"], news)
    assert result.returncode == 0
    assert result.stdout.count("(fixed: ") == 2
    assert (news / "news" / "bank.txt").read_text(encoding="utf-8") == FIXED_PAGE
    assert (news / "news" / "bank.txt.bak").read_text(encoding="utf-8") == WRONG_PAGE


def test_codes(news: Path) -> None:
    assert _run(["codes"], news).stdout.startswith("HA101")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "required: COMMAND"),
        (["check", "--encoding", "big6", "old.txt"], "unknown encoding 'big6'"),
        (["check", "--jobs", "many", "old.txt"], "expected a whole number"),
        (["check", "--select", "HA999", "old.txt"], "'HA999' is no diagnostic code"),
        (["render", "news/bank.txt", "-o", "old.txt/page.html"], "cannot write"),
        (["render", "news"], "needs --out-dir"),
        (["markup", "news/bank.txt", "-o", "news/bank.txt"], "refusing to overwrite"),
        (["fix", "--in-place", "-"], "--in-place cannot rewrite standard input"),
        (["json", "--readings", "none.json", "old.txt"], "--readings none.json"),
    ],
)
def test_user_errors_are_one_line_and_exit_2(news: Path, argv: list[str], message: str) -> None:
    result = _run(list(argv), news)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr

"""``hanzi-annot`` run in-process through ``main(argv)``: every subcommand and error path."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from hanzi_annot import Code, __version__, from_json, parse, to_markup
from hanzi_annot.cli import main
from hanzi_annot.cli import run as cli_run
from hanzi_annot.cli.main import Progress
from tests.cli_texts import CLEAN_PAGE, FIXED_PAGE, WARNING_PAGE, WRONG_PAGE, Result, Run, write


@pytest.fixture
def clean(tmp_path: Path) -> Path:
    return write(tmp_path / "quanzhou.txt", CLEAN_PAGE)


@pytest.fixture
def wrong(tmp_path: Path) -> Path:
    return write(tmp_path / "bank.txt", WRONG_PAGE)


def _one_error_line(result: Result, *fragments: str) -> None:
    assert result.status == 2
    assert result.err.count("\n") == 1, result.err
    assert result.err.startswith("hanzi-annot")
    assert "error:" in result.err
    assert "Traceback" not in result.err
    for fragment in fragments:
        assert fragment in result.err


# --- the program ---------------------------------------------------------------------


def test_version(run: Run) -> None:
    result = run("--version")
    assert result.status == 0
    assert result.out == f"hanzi-annot {__version__}\n"


def test_help_lists_every_command(run: Run) -> None:
    result = run("--help")
    assert result.status == 0
    for command in ("check", "render", "plain", "markup", "json", "fix", "codes"):
        assert command in result.out


def test_no_command_is_a_usage_error(run: Run) -> None:
    _one_error_line(run(), "required: COMMAND")


def test_codes_lists_every_code_with_severity(run: Run) -> None:
    result = run("codes")
    assert result.status == 0
    lines = result.out.splitlines()
    assert len(lines) == len(Code)
    assert lines[0].split()[:2] == ["HA101", "info"]


# --- check ---------------------------------------------------------------------------


def test_check_of_a_clean_page_exits_0_and_reports_the_cleaning(run: Run, clean: Path) -> None:
    result = run("check", "--format", "concise", clean)
    assert result.status == 0
    assert result.out.splitlines() == [
        f"{clean}:2:1: HA301 line 2 repeats the title (line 1); dropped",
        f"{clean}:6:30: HA306 (泉州市文化和旅游局) closes the article; taken as its source",
        f"{clean}:7:1: HA305 line 7 opens with furniture wording (相关推荐) "
        "after the article's end; dropped",
    ]
    assert result.err == "hanzi-annot: 1 file checked: 3 info\n"


def test_check_of_wrong_annotations_exits_1_with_path_line_column(run: Run, wrong: Path) -> None:
    result = run("check", "--format", "concise", wrong)
    assert result.status == 1
    assert result.out.splitlines() == [
        f"{wrong}:2:4: HA203 行 is read háng in 银行, not xíng (fix: yínháng)",
        f"{wrong}:3:11: HA202 著 is never read zhū; write zhù (fix: zhùmíng)",
    ]
    assert result.err == (
        "hanzi-annot: 1 file checked: 1 error, 1 warning (2 fixable with hanzi-annot fix)\n"
    )


def test_the_default_report_groups_findings_under_their_file(run: Run, wrong: Path) -> None:
    result = run("check", wrong)
    assert result.status == 1
    assert result.out == (
        f"{wrong}\n"
        "  2:4   warning  HA203  行 is read háng in 银行, not xíng (fix: yínháng)\n"
        "  3:11  error    HA202  著 is never read zhū; write zhù (fix: zhùmíng)\n\n"
    )


def test_check_json_format(run: Run, wrong: Path, clean: Path) -> None:
    result = run("check", "--format", "json", wrong, clean)
    assert result.status == 1
    report = json.loads(result.out)["diagnostics"]
    assert [(d["path"], d["code"]) for d in report] == [
        (str(wrong), "HA203"),
        (str(wrong), "HA202"),
        (str(clean), "HA301"),
        (str(clean), "HA306"),
        (str(clean), "HA305"),
    ]
    assert report[1]["severity"] == "error"
    assert report[1]["fix"] == "zhùmíng"
    assert report[1]["fixable"] is True
    assert (report[1]["line"], report[1]["column"]) == (3, 11)


def test_select_and_ignore_take_codes_and_families(run: Run, wrong: Path, clean: Path) -> None:
    selected = run("check", "--format", "concise", "--select", "HA202", wrong, clean)
    assert [line.split()[1] for line in selected.out.splitlines()] == ["HA202"]
    families = run(
        "check", "--format", "concise", "--select", "ha3", "--ignore", "HA305,HA306", wrong, clean
    )
    assert [line.split()[1] for line in families.out.splitlines()] == ["HA301"]
    assert families.status == 0
    ignored = run("check", "--ignore", "HA2", wrong)
    assert (ignored.status, ignored.out) == (0, "")


def test_min_severity_hides_and_fail_on_decides_the_status(run: Run, tmp_path: Path) -> None:
    page = write(tmp_path / "warn.txt", WARNING_PAGE)
    assert run("check", page).status == 1
    assert run("check", "--fail-on", "error", page).status == 0
    hidden = run("check", "--min-severity", "error", page)
    assert (hidden.status, hidden.out) == (0, "")
    assert hidden.err.endswith("nothing to report\n")


def test_no_context_skips_the_in_word_check(run: Run, tmp_path: Path) -> None:
    page = write(tmp_path / "warn.txt", WARNING_PAGE)
    assert run("check", "--no-context", page).out == ""


def test_custom_dictionary_changes_the_verdict(run: Run, tmp_path: Path) -> None:
    page = write(tmp_path / "warn.txt", WARNING_PAGE)
    readings = tmp_path / "readings.json"
    readings.write_text(json.dumps({"phrases": {"银行": "yín xíng"}}), encoding="utf-8")
    assert run("check", "--readings", readings, page).status == 0


def test_unknown_code_is_a_usage_error(run: Run, wrong: Path) -> None:
    _one_error_line(run("check", "--select", "HA9", wrong), "'HA9' is no diagnostic code")
    _one_error_line(run("check", "--ignore", "E501", wrong), "--ignore")


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["check", "--jobs", "two"], "expected a whole number, got 'two'"),
        (["check", "--jobs", "-1"], "expected 0 (all cores) or more"),
        (["check", "--encoding", "klingon"], "unknown encoding 'klingon'"),
        (["check", "--glob", "news/*.txt"], "expected a file name pattern"),
        (["check", "--fail-on", "fatal"], "invalid choice: 'fatal'"),
        (["check", "--format", "xml"], "invalid choice: 'xml'"),
        (["render", "--notation", "ipa"], "invalid choice: 'ipa'"),
        (["check", "--no-such-option"], "unrecognized arguments"),
    ],
)
def test_bad_option_values_are_one_line(
    run: Run, wrong: Path, argv: list[str], fragment: str
) -> None:
    _one_error_line(run(*argv, wrong), fragment)


def test_a_missing_file_is_reported_and_the_others_are_checked(run: Run, wrong: Path) -> None:
    result = run("check", "--format", "concise", "missing.txt", wrong)
    assert result.status == 2
    assert result.out.splitlines() == [
        "missing.txt: error: no such file or directory",
        f"{wrong}:2:4: HA203 行 is read háng in 银行, not xíng (fix: yínháng)",
        f"{wrong}:3:11: HA202 著 is never read zhū; write zhù (fix: zhùmíng)",
    ]
    assert result.err.endswith("; 1 input could not be read\n")


def test_bad_readings_file_is_one_line(run: Run, wrong: Path, tmp_path: Path) -> None:
    _one_error_line(run("check", "--readings", tmp_path / "none.json", wrong), "--readings")
    broken = tmp_path / "broken.json"
    broken.write_text("{银行", encoding="utf-8")
    _one_error_line(run("check", "--readings", broken, wrong), "not valid JSON")


# --- inputs --------------------------------------------------------------------------


def test_directories_are_searched_recursively_in_sorted_order(run: Run, tmp_path: Path) -> None:
    news = tmp_path / "news"
    write(news / "2024" / "bank.txt", WRONG_PAGE)
    write(news / "2023" / "quanzhou.txt", CLEAN_PAGE)
    write(news / "2023" / "notes.md", WRONG_PAGE)
    result = run("check", "--format", "concise", "--select", "HA202,HA301", news)
    assert [line.split(":")[0] for line in result.out.splitlines()] == [
        str(news / "2023" / "quanzhou.txt"),
        str(news / "2024" / "bank.txt"),
    ]
    assert result.err == (
        "hanzi-annot: 2 files checked: 1 error, 1 info (1 fixable with hanzi-annot fix)\n"
    )
    markdown = run("check", "--glob", "*.md", "--select", "HA202", news)
    assert markdown.out.count("HA202") == 1


def test_a_file_named_twice_is_read_once(run: Run, wrong: Path) -> None:
    assert run("check", wrong, wrong).out.count("HA202") == 1


def test_directory_without_inputs_is_reported_as_unreadable(run: Run, tmp_path: Path) -> None:
    write(tmp_path / "empty" / "readme.md", "说明")
    result = run("check", "--format", "concise", tmp_path / "empty")
    assert result.status == 2
    assert "no files matching '*.txt', '*.html', '*.htm'" in result.out


def test_standard_input(run: Run) -> None:
    result = run("check", "--format", "concise", "-", stdin=WRONG_PAGE.encode())
    assert result.status == 1
    assert result.out.startswith("<stdin>:2:4: HA203")
    plain = run("plain", "-", stdin="泉州是国家(guójiā)历史文化名城。".encode())
    assert plain.out == "泉州是国家历史文化名城。\n"


def test_standard_input_only_once(run: Run) -> None:
    _one_error_line(run("check", "-", "-"), "only once")


def test_gb18030_needs_encoding_and_the_message_says_so(run: Run, tmp_path: Path) -> None:
    page = write(tmp_path / "old.txt", WRONG_PAGE, encoding="gb18030")
    result = run("check", "--format", "concise", "--quiet", page)
    assert result.status == 2
    assert result.err == ""
    assert result.out.startswith(f"{page}: error: not valid utf-8: byte")
    assert result.out.endswith("(line 1); it looks like gb18030: use --encoding gb18030\n")
    decoded = run("check", "--encoding", "gb18030", page)
    assert decoded.status == 1
    assert "HA202" in decoded.out


def test_an_undecodable_file_does_not_stop_the_others(
    run: Run, wrong: Path, tmp_path: Path
) -> None:
    broken = write(tmp_path / "a_broken.txt", WRONG_PAGE, encoding="gb18030")
    result = run("check", "--format", "concise", broken, wrong)
    assert result.status == 2
    assert "HA202" in result.out
    assert f"{broken}: error: not valid utf-8" in result.out
    assert result.err.endswith("1 input could not be read\n")


def test_html_and_json_inputs_by_suffix(run: Run, wrong: Path, tmp_path: Path) -> None:
    page = tmp_path / "bank.html"
    assert run("render", wrong, "-o", page).status == 0
    from_page = run("markup", page)
    assert from_page.out == to_markup(parse(WRONG_PAGE))
    model = tmp_path / "bank.json"
    assert run("json", wrong, "-o", model).status == 0
    from_model = run("check", "--format", "concise", "--select", "HA2", model)
    assert from_model.out.count(f"{wrong}:") == 2
    as_text = run("check", "--from", "text", "--select", "HA103", model)
    assert as_text.status == 0


# --- render --------------------------------------------------------------------------


def test_render_writes_a_page_to_standard_output(run: Run, wrong: Path) -> None:
    result = run("render", wrong)
    assert result.status == 0
    assert result.out.startswith("<!DOCTYPE html>")
    assert result.out.endswith("</html>\n")
    assert 'aria-hidden="true" style="margin-left:-12.48em">xíng</rt>' in (result.out)
    assert result.err == ""


def test_render_options_reach_the_renderer(run: Run, wrong: Path, tmp_path: Path) -> None:
    css = tmp_path / "site.css"
    css.write_text(".ha-document{color:#333333}", encoding="utf-8")
    result = run(
        "render", "--fragment", "--ruby", "word", "--notation", "numbers", "--no-rp",
        "--tone-colors", "--title", "银行", "--source-label", "稿源：", "--css", css, wrong,
    )  # fmt: skip
    assert result.out.startswith("<article")
    assert '<span class="ha-t2">yin2</span><span class="ha-t2">xing2</span>' in result.out
    assert "<rp>" not in result.out
    assert "ha-t2" in result.out
    zhuyin = run("render", "--notation", "zhuyin", "--title", "银行网点", "--css", css, wrong)
    assert "ㄓㄨ" in zhuyin.out
    assert "<title>银行网点</title>" in zhuyin.out
    assert ".ha-document{color:#333333}" in zhuyin.out


def test_render_flag_marks_annotations_with_diagnostics(run: Run, wrong: Path) -> None:
    flagged = run("render", "--flag", "--fragment", wrong)
    assert flagged.out.count("ha-flag") == 2
    assert 'data-codes="HA202"' in flagged.out
    only_errors = run("render", "--flag", "--fragment", "--min-severity", "error", wrong)
    assert only_errors.out.count("ha-flag") == 1


def test_render_to_a_file_and_to_a_folder(run: Run, tmp_path: Path) -> None:
    news = tmp_path / "news"
    write(news / "finance" / "bank.txt", WRONG_PAGE)
    write(news / "quanzhou.txt", CLEAN_PAGE)
    out = tmp_path / "site"
    result = run("render", news, "--out-dir", out)
    assert result.status == 0
    assert (out / "finance" / "bank.html").read_text(encoding="utf-8").startswith("<!DOCTYPE")
    assert (out / "quanzhou.html").exists()
    assert result.out == ""
    assert result.err == f"hanzi-annot: 2 files written to {out}\n"
    single = tmp_path / "deep" / "page.html"
    assert run("render", news / "quanzhou.txt", "-o", single).status == 0
    assert "书香满城" in single.read_text(encoding="utf-8")


def test_render_of_several_inputs_needs_a_folder(run: Run, wrong: Path, clean: Path) -> None:
    _one_error_line(run("render", wrong, clean), "needs --out-dir")
    _one_error_line(run("render", wrong, clean, "-o", "x.html"), "-o takes one input")


def test_outputs_never_overwrite_inputs(run: Run, wrong: Path, tmp_path: Path) -> None:
    _one_error_line(run("markup", wrong, "-o", wrong), "refusing to overwrite")
    _one_error_line(run("plain", wrong, "--out-dir", tmp_path), "refusing to overwrite")
    _one_error_line(run("fix", wrong, "-o", wrong), "use --in-place")
    assert wrong.read_text(encoding="utf-8") == WRONG_PAGE


def test_two_inputs_may_not_share_an_output(run: Run, tmp_path: Path) -> None:
    first = write(tmp_path / "a" / "bank.txt", WRONG_PAGE)
    second = write(tmp_path / "b" / "bank.txt", CLEAN_PAGE)
    _one_error_line(run("json", first, second, "--out-dir", tmp_path / "out"), "would both")


def test_output_option_errors(run: Run, wrong: Path, tmp_path: Path) -> None:
    _one_error_line(run("render", wrong, "-o", tmp_path), "is a directory")
    _one_error_line(run("render", wrong, "--css", tmp_path / "none.css"), "--css")
    _one_error_line(run("render", wrong, "-o", "a.html", "--out-dir", "b"), "not allowed with")


def test_unwritable_output_is_one_line(run: Run, wrong: Path, tmp_path: Path) -> None:
    blocker = write(tmp_path / "blocker", "不是目录")
    result = run("render", wrong, "-o", blocker / "page.html")
    _one_error_line(result, f"cannot write {blocker / 'page.html'}")


# --- plain, markup, json -------------------------------------------------------------


def test_plain_and_markup(run: Run, clean: Path) -> None:
    plain = run("plain", clean)
    assert plain.out.splitlines()[:3] == [
        "书香满城 打造城市书房新名片",
        "",
        "近年来,泉州市把城市书房建设作为全民阅读的重要抓手,让市民在家门口就能读好书。",
    ]
    assert "所有县(市、区)" in plain.out
    markup = run("markup", clean)
    assert markup.out.count("书香满城") == 1
    assert "相关推荐" not in markup.out
    assert "覆盖(fùgài)所有县(市、区(qū))" in markup.out
    kept = run("markup", "--no-clean", clean)
    assert "相关推荐" in kept.out


def test_plain_of_several_inputs_goes_to_standard_output_in_order(
    run: Run, wrong: Path, clean: Path
) -> None:
    result = run("plain", wrong, clean)
    assert result.out.index("老字号") < result.out.index("书香满城")
    assert result.err == "hanzi-annot: 2 files written\n"


def test_json_loads_back_in_python(run: Run, clean: Path) -> None:
    result = run("json", clean)
    assert from_json(result.out) == parse(CLEAN_PAGE)


# --- fix -----------------------------------------------------------------------------


def test_fix_to_standard_output_lists_changes_on_standard_error(run: Run, wrong: Path) -> None:
    result = run("fix", wrong)
    assert result.status == 0
    assert result.out == FIXED_PAGE
    assert result.err.splitlines() == [
        f"{wrong}:2:4: HA203 行 is read háng in 银行, not xíng (fixed: yínháng)",
        f"{wrong}:3:11: HA202 著 is never read zhū; write zhù (fixed: zhùmíng)",
        f"{wrong}: 2 fixes applied",
        "hanzi-annot: 2 fixes made in 1 of 1 file",
    ]


def test_fix_and_check_give_every_finding_the_same_place(run: Run, tmp_path: Path) -> None:
    page = write(tmp_path / "indented.txt", "标题\n  多家银行(yínxíng)网点,十分著名(zhūmíng)。\n")
    checked = run("check", "--format", "concise", page).out.splitlines()
    fixed = run("fix", "--quiet", "--diff", page)
    listed = run("fix", "-o", tmp_path / "out.txt", page).out.splitlines()
    assert [line.split(" ")[0] for line in checked] == [f"{page}:2:6:", f"{page}:2:21:"]
    assert [line.split(" ")[0] for line in listed[:2]] == [f"{page}:2:6:", f"{page}:2:21:"]
    assert fixed.status == 1


def test_fix_keeps_everything_else_byte_for_byte(run: Run, tmp_path: Path) -> None:
    noisy = "标题\r\n标题\r\n" + WRONG_PAGE.replace("\n", "\r\n") + "\r\n相关推荐\r\n"
    page = write(tmp_path / "noisy.txt", "\ufeff" + noisy)
    result = run("fix", page, "-o", tmp_path / "fixed.txt")
    fixed = (tmp_path / "fixed.txt").read_bytes()
    assert fixed.decode("utf-8") == "\ufeff" + noisy.replace("yínxíng", "yínháng").replace(
        "zhūmíng", "zhùmíng"
    )
    assert result.out.count("(fixed: ") == 2


def test_fix_select_limits_what_is_fixed(run: Run, wrong: Path) -> None:
    result = run("fix", "--select", "HA202", wrong)
    assert "yínxíng" in result.out
    assert "zhùmíng" in result.out


def test_fix_in_place_keeps_a_backup_and_skips_unchanged_files(
    run: Run, wrong: Path, clean: Path
) -> None:
    result = run("fix", "--in-place", wrong, clean)
    assert result.status == 0
    assert wrong.read_text(encoding="utf-8") == FIXED_PAGE
    assert wrong.with_name("bank.txt.bak").read_text(encoding="utf-8") == WRONG_PAGE
    assert not clean.with_name("quanzhou.txt.bak").exists()
    assert result.out.count("(fixed: ") == 2
    assert result.out.endswith(f"{wrong}: 2 fixes written (original kept as {wrong}.bak)\n")
    assert result.err == "hanzi-annot: 2 fixes made in 1 of 2 files\n"
    again = run("fix", "--in-place", "--backup-suffix", ".orig", wrong)
    assert again.out == ""
    assert not wrong.with_name("bank.txt.orig").exists()


def test_fix_in_gb18030_writes_gb18030(run: Run, tmp_path: Path) -> None:
    page = write(tmp_path / "old.txt", WRONG_PAGE, encoding="gb18030")
    run("fix", "--encoding", "gb18030", "--in-place", page)
    assert page.read_bytes().decode("gb18030") == FIXED_PAGE


def test_fix_refusals(run: Run, wrong: Path, tmp_path: Path) -> None:
    _one_error_line(run("fix", "--in-place", "-", stdin=WRONG_PAGE.encode()), "--in-place")
    _one_error_line(run("fix", wrong, wrong.with_name("x.txt")), "needs --out-dir")
    _one_error_line(run("fix", "--in-place", "--backup-suffix", "", wrong), "cannot be empty")
    page = tmp_path / "bank.html"
    run("render", wrong, "-o", page)
    result = run("fix", page)
    assert result.status == 2
    assert f"hanzi-annot: error: {page}: fix works on text files only\n" in result.err


def test_fix_of_several_inputs_needs_a_folder_or_in_place(
    run: Run, wrong: Path, clean: Path, tmp_path: Path
) -> None:
    _one_error_line(run("fix", wrong, clean), "needs --out-dir")
    result = run("fix", wrong, clean, "--out-dir", tmp_path / "fixed")
    assert (tmp_path / "fixed" / "bank.txt").read_text(encoding="utf-8") == FIXED_PAGE
    assert (tmp_path / "fixed" / "quanzhou.txt").read_text(encoding="utf-8") == CLEAN_PAGE
    assert result.out.count("(fixed: ") == 2


# --- several inputs ------------------------------------------------------------------


def test_jobs_give_the_serial_result(run: Run, tmp_path: Path) -> None:
    news = tmp_path / "news"
    for number in range(6):
        write(news / f"{number:02d}.txt", WRONG_PAGE if number % 2 else CLEAN_PAGE)
    serial = run("check", "--format", "json", news)
    parallel = run("check", "--format", "json", "--jobs", "3", news)
    all_cores = run("check", "--format", "json", "-j", "0", news)
    assert serial.out == parallel.out == all_cores.out
    assert serial.status == parallel.status == 1
    markup = run("markup", news)
    assert run("markup", "-j", "2", news).out == markup.out


def test_many_files_go_to_workers_in_batches_with_the_serial_result(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    news = tmp_path / "news"
    for number in range(40):
        write(news / f"{number:02d}.txt", WRONG_PAGE if number % 3 else CLEAN_PAGE)
    sizes: list[int] = []
    real = cli_run.run_pipeline

    def recording(*args: Any, **kwargs: Any) -> Any:
        sizes.append(kwargs["batch_size"])
        return real(*args, **kwargs)

    monkeypatch.setattr(cli_run, "run_pipeline", recording)
    serial = run("render", "--out-dir", tmp_path / "one", news)
    parallel = run("render", "-j", "2", "--out-dir", tmp_path / "two", news)
    assert sizes[-1] == 5  # 40 files, 2 workers: 5 at a time, 4 batches each
    assert serial.status == parallel.status == 0
    one = sorted((tmp_path / "one").iterdir())
    two = sorted((tmp_path / "two").iterdir())
    assert [p.name for p in one] == [p.name for p in two]
    assert len(one) == 40
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(one, two, strict=True))


def test_progress_is_shown_only_on_a_terminal() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    progress = Progress(terminal, 3)
    progress.step(1, "news/bank.txt")
    progress.clear()
    assert "[1/3] news/bank.txt" in terminal.getvalue()
    assert terminal.getvalue().endswith("\r\x1b[K")
    piped = io.StringIO()
    Progress(piped, 3).step(1, "news/bank.txt")
    assert piped.getvalue() == ""
    single = Terminal()
    Progress(single, 1).step(1, "news/bank.txt")
    assert single.getvalue() == ""


# --- problems found while processing --------------------------------------------------


def test_a_character_html_cannot_carry_is_a_warning(run: Run, tmp_path: Path) -> None:
    page = write(tmp_path / "bell.txt", "铃声提醒\n下课铃声\x07响起(xiǎngqǐ)。\n")
    result = run("render", "--fragment", page)
    assert result.status == 0
    assert "\N{REPLACEMENT CHARACTER}" in result.out
    assert result.err.startswith(f"hanzi-annot: warning: {page}:2:5: HA401 U+0007")


def test_an_unreadable_file_is_one_line(
    run: Run, wrong: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    result = run("check", "--format", "concise", wrong)
    assert result.status == 2
    assert result.out == f"{wrong}: error: cannot read: Permission denied\n"


def test_a_broken_model_file_is_one_line(run: Run, tmp_path: Path) -> None:
    model = write(tmp_path / "model.json", '{"format": "hanzi_annot.document", "version": 1}')
    result = run("render", model)
    _one_error_line(result, "missing key 'sections'")


def test_text_no_encoding_can_write_is_one_line(run: Run, tmp_path: Path) -> None:
    document = {
        "format": "hanzi_annot.document",
        "version": 1,
        "title": {"tokens": [{"type": "text", "text": "标题\ud800"}]},
        "sections": [],
    }
    model = write(tmp_path / "model.json", json.dumps(document))
    _one_error_line(run("markup", model), "cannot be written in utf-8")


def test_html_in_a_wrong_encoding_is_one_line(run: Run, wrong: Path, tmp_path: Path) -> None:
    page = tmp_path / "bank.html"
    run("render", wrong, "-o", page)
    _one_error_line(run("plain", "--encoding", "ascii", page), "not valid ascii")


def test_empty_code_lists_are_ignored(run: Run, wrong: Path) -> None:
    assert run("check", "--ignore", "HA202,,", wrong).out.count("HA203") == 1


def test_an_unexpected_failure_is_one_line_not_a_traceback(
    run: Run, clean: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("simulated failure")

    monkeypatch.setattr(sys.modules["hanzi_annot.corpus.pipeline"], "from_text", broken)
    result = run("check", "--format", "concise", clean)
    assert result.status == 2
    assert "internal error (RuntimeError: simulated failure)" in result.out
    assert result.out.startswith(f"{clean}: error:")

    monkeypatch.setattr(sys.modules["hanzi_annot.cli.main"], "make_settings", broken)
    _one_error_line(run("check", clean), "internal error (RuntimeError")


def test_bad_readings_file_is_a_one_line_error(run: Run, clean: Path, tmp_path: Path) -> None:
    jargon = write(tmp_path / "jargon.json", '{"chars": {"x": 5}}')
    _one_error_line(run("check", "--readings", jargon, clean), "jargon.json")


def test_main_from_python_with_a_text_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, clean: Path
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("标题\n泉州是国家(guójiā)历史文化名城。\n"))
    assert main(["plain", str(clean)]) == 0
    assert main(["plain", "-"]) == 0
    assert capsys.readouterr().out.endswith("泉州是国家历史文化名城。\n")
    monkeypatch.setattr(sys, "stdin", None)
    assert main(["plain", str(clean)]) == 0


def test_options_also_answer_to_their_api_names() -> None:
    from hanzi_annot.cli.parser import parse_arguments

    short = parse_arguments(
        ["render", "--from", "html", "-j", "2", "--tone-colors", "--title", "T", "a.html"]
    )
    long = parse_arguments(
        [
            "render",
            "--input-format",
            "html",
            "--workers",
            "2",
            "--tone-classes",
            "--page-title",
            "T",
            "a.html",
        ]
    )
    assert vars(short) == vars(long)
    assert (long.input_format, long.jobs, long.tone_colors, long.title) == ("html", 2, True, "T")

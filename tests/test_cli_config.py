"""``[tool.hanzi-annot]`` in pyproject.toml: discovery, ``--config``, and refused keys."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_texts import WRONG_PAGE, run_exe, write


def _project(root: Path, section: str) -> Path:
    write(root / "pyproject.toml", f"[project]\nname = 'news'\n\n[tool.hanzi-annot]\n{section}")
    return write(root / "articles" / "local" / "bank.txt", WRONG_PAGE)


def test_the_nearest_pyproject_is_found_from_the_input(tmp_path: Path) -> None:
    _project(tmp_path / "site", 'select = ["HA202"]\nformat = "concise"\n')
    result = run_exe(["check", "site/articles"], tmp_path)
    assert result.returncode == 1
    assert result.stdout == (
        "site/articles/local/bank.txt:3:11: HA202 著 is never read zhū; write zhù (fix: zhùmíng)\n"
    )


def test_the_command_line_wins_and_ignore_adds(tmp_path: Path) -> None:
    page = _project(tmp_path, 'ignore = ["HA202"]\nformat = "json"\nfail-on = "error"\n')
    result = run_exe(["check", "--ignore", "HA203", page], tmp_path)
    assert (result.returncode, json.loads(result.stdout)["diagnostics"]) == (0, [])
    selected = run_exe(["check", "--format", "concise", "--select", "HA2", page], tmp_path)
    assert selected.returncode == 0  # the file's ignore still holds; HA203 is a warning
    assert [line.split(" ")[1] for line in selected.stdout.splitlines()] == ["HA203"]


def test_per_file_ignores_and_readings_relative_to_the_file(tmp_path: Path) -> None:
    write(tmp_path / "words.json", json.dumps({"phrases": {"银行": "yín xíng"}}))
    page = _project(
        tmp_path,
        'readings = "words.json"\nformat = "concise"\n'
        '[tool.hanzi-annot.per-file-ignores]\n"articles/local/*.txt" = ["HA202"]\n',
    )
    result = run_exe(["check", page], tmp_path / "articles")
    assert (result.returncode, result.stdout) == (0, "")
    relative = run_exe(["check", "local/bank.txt"], tmp_path / "articles")
    assert (relative.returncode, relative.stdout) == (0, "")
    other = write(tmp_path / "elsewhere" / "bank.txt", WRONG_PAGE)
    assert "HA202" in run_exe(["check", other], tmp_path).stdout


def test_unknown_keys_and_wrong_types_are_errors_naming_them(tmp_path: Path) -> None:
    page = _project(tmp_path, 'selekt = ["HA202"]\n')
    result = run_exe(["check", page], tmp_path)
    assert result.returncode == 2
    assert "unknown key 'selekt' in [tool.hanzi-annot]" in result.stderr
    assert str(tmp_path / "pyproject.toml") in result.stderr
    write(tmp_path / "pyproject.toml", '[tool.hanzi-annot]\nselect = "HA202"\n')
    typed = run_exe(["check", page], tmp_path)
    assert "select has a value of the wrong type" in typed.stderr
    write(tmp_path / "pyproject.toml", '[tool.hanzi-annot]\nformat = "xml"\n')
    assert "format: expected one of full" in run_exe(["check", page], tmp_path).stderr


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[tool.hanzi-annot\n", "not valid TOML"),
        ('[tool.hanzi-annot]\nignore = ["E501"]\n', "'E501' is no diagnostic code"),
        ('[tool.hanzi-annot]\nencoding = "klingon"\n', "unknown encoding 'klingon'"),
        ('[tool.hanzi-annot]\ninclude = ["a/*.txt"]\n', "expected a file name pattern"),
        ('[tool.hanzi-annot]\nreadings = "none.json"\n', "readings none.json"),
        ("[tool.hanzi-annot]\njobs = true\n", "jobs has a value of the wrong type"),
    ],
)
def test_bad_values_are_one_line_errors(tmp_path: Path, text: str, message: str) -> None:
    page = write(tmp_path / "bank.txt", WRONG_PAGE)
    write(tmp_path / "pyproject.toml", text)
    result = run_exe(["check", page], tmp_path)
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1
    assert message in result.stderr


def test_config_option_and_isolated(tmp_path: Path) -> None:
    page = _project(tmp_path, 'select = ["HA203"]\nformat = "concise"\n')
    custom = write(tmp_path / "strict.toml", 'select = ["HA202"]\nformat = "concise"\n')
    named = run_exe(["check", "--config", custom, page], tmp_path)
    assert [line.split(" ")[1] for line in named.stdout.splitlines()] == ["HA202"]
    found = run_exe(["check", page], tmp_path)
    assert [line.split(" ")[1] for line in found.stdout.splitlines()] == ["HA203"]
    isolated = run_exe(["check", "--isolated", page], tmp_path)
    assert isolated.stdout.startswith(f"{page}\n")
    missing = run_exe(["check", "--config", tmp_path / "none.toml", page], tmp_path)
    assert missing.returncode == 2
    assert "cannot read it" in missing.stderr

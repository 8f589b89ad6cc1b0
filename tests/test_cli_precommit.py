"""The hooks of ``.pre-commit-hooks.yaml``, run by pre-commit on a temporary repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.cli_texts import FIXED_PAGE, WRONG_PAGE, write

yaml = pytest.importorskip("yaml")
ROOT = Path(__file__).resolve().parent.parent
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"

pytestmark = pytest.mark.skipif(
    not PRE_COMMIT.exists() or shutil.which("git") is None, reason="needs pre-commit and git"
)


def _git(repo: Path, *argv: str) -> None:
    subprocess.run(["git", *argv], cwd=repo, check=True, capture_output=True)


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }


def _repository(tmp_path: Path, hooks: list[dict[str, Any]]) -> Path:
    repo = tmp_path / "repo"
    write(repo / "news" / "bank.txt", WRONG_PAGE)
    write(repo / "README.md", "说明")
    config = {"repos": [{"repo": "local", "hooks": hooks}]}
    write(repo / ".pre-commit-config.yaml", yaml.safe_dump(config, allow_unicode=True))
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    return repo


def _published_hooks() -> list[dict[str, Any]]:
    hooks: list[dict[str, Any]] = yaml.safe_load(
        (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    )
    return hooks


def _run(repo: Path, tmp_path: Path, hook: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(PRE_COMMIT), "run", hook, "--all-files"],
        cwd=repo,
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_published_hooks_name_check_and_fix() -> None:
    hooks = {hook["id"]: hook for hook in _published_hooks()}
    assert set(hooks) == {"hanzi-annot-check", "hanzi-annot-fix"}
    assert hooks["hanzi-annot-check"]["entry"].startswith("hanzi-annot check")
    assert "--in-place" in hooks["hanzi-annot-fix"]["entry"]


def test_check_and_fix_hooks_in_a_repository(tmp_path: Path) -> None:
    # The published hooks as a local repository runs them: same entries and file
    # patterns, with the hanzi-annot installed beside these tests.
    hooks = [{**hook, "language": "system"} for hook in _published_hooks()]
    repo = _repository(tmp_path, hooks)
    check = _run(repo, tmp_path, "hanzi-annot-check")
    assert check.returncode == 1, check.stdout + check.stderr
    assert "news/bank.txt:3:11: HA202" in check.stdout
    assert "README.md" not in check.stdout
    fix = _run(repo, tmp_path, "hanzi-annot-fix")
    assert fix.returncode == 1  # pre-commit fails a hook that changed files
    assert "files were modified by this hook" in fix.stdout
    assert (repo / "news" / "bank.txt").read_text(encoding="utf-8") == FIXED_PAGE
    assert not (repo / "news" / "bank.txt.bak").exists()
    _git(repo, "add", "-A")
    again = _run(repo, tmp_path, "hanzi-annot-check")
    assert again.returncode == 0, again.stdout


@pytest.mark.slow
def test_try_repo_installs_and_runs_the_check_hook(tmp_path: Path) -> None:
    repo = _repository(tmp_path, [])
    result = subprocess.run(
        [str(PRE_COMMIT), "try-repo", str(ROOT), "hanzi-annot-check", "--all-files"],
        cwd=repo,
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if "Installing environment" in result.stdout and "hook id" not in result.stdout:
        pytest.skip(f"pre-commit could not install the hook here: {result.stdout[-300:]}")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "news/bank.txt:3:11: HA202" in result.stdout

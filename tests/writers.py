"""Shared inputs of the writer tests: the sample pages and the writers' stress page."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from hanzi_annot import Document, parse

ROOT = Path(__file__).parent
PAGES = sorted((ROOT / "pages").glob("*.txt"))
STRESS = ROOT / "fixtures" / "writers_stress.txt"
EXECUTABLE = Path(sys.executable).parent / "hanzi-annot"


def read(path: Path) -> Document:
    """Parse one page the way the command does (GB18030 for the one page saved so)."""
    encoding = "gb18030" if "gb18030" in path.name else None
    return parse(path, encoding=encoding)


def all_documents() -> list[Document]:
    """Every sample page and the stress page, parsed."""
    return [read(path) for path in [*PAGES, STRESS]]


def run_cli(*argv: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the installed ``hanzi-annot`` for real."""
    return subprocess.run(
        [str(EXECUTABLE), *map(str, argv)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=300,
        check=False,
    )

"""Ctrl-C during a run with worker processes: one line, no worker tracebacks, exit 130."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import pytest

from tests.cli_texts import EXECUTABLE
from tests.pagegen import page


@pytest.mark.slow
def test_ctrl_c_with_two_workers_prints_one_line(tmp_path: Path) -> None:
    for number in range(400):
        (tmp_path / f"{number:03d}.txt").write_text(page(number) * 30, encoding="utf-8")
    process = subprocess.Popen(
        [str(EXECUTABLE), "check", "-j", "2", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )
    # Wait until results flow (the workers are busy), then interrupt: timing-free, so
    # a fast machine cannot finish the run before the signal arrives.
    assert process.stdout is not None
    assert process.stdout.readline()
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C sends: to every process of the group
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 130, "the run ended before Ctrl-C; give it more work"
    assert err.decode("utf-8") == "hanzi-annot: interrupted\n"

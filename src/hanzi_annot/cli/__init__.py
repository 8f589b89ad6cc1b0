"""The ``hanzi-annot`` command: check, render and convert annotated text from the shell.

``main(argv)`` is the whole program and returns its exit status, so it can be called
from Python and tests as well as from the installed ``hanzi-annot`` script or
``python -m hanzi_annot``. The package is split by concern: :mod:`.parser` (the
grammar), :mod:`.inputs` (finding inputs), :mod:`.work` (one input's work, safe to run
in a process pool) and :mod:`.main` (planning, writing, reporting).
"""

from __future__ import annotations

from hanzi_annot.cli.main import main

__all__ = ["main"]

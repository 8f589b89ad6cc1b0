"""The ``hanzi-annot`` command: check, render and convert annotated text from the shell.

``main(argv)`` is the whole program and returns its exit status, so it can be called
from Python and tests as well as from the installed ``hanzi-annot`` script or
``python -m hanzi_annot``. It is a thin shell over the library's corpus pipeline, split
by concern: :mod:`.parser` (the grammar and the table of subcommands), :mod:`.config`
(``[tool.hanzi-annot]``), :mod:`.settings` (one checked plan), :mod:`.inputs` (finding
inputs), :mod:`.run` (feeding the pipeline), :mod:`.check`, :mod:`.write` and
:mod:`.fix` (the three kinds of subcommand), :mod:`.report` and :mod:`.sarif` (report
formats), :mod:`.files` (safe writing) and :mod:`.main`.
"""

from __future__ import annotations

from hanzi_annot.cli.main import main

__all__ = ["main"]

"""``python -m hanzi_annot``: the same program as the ``hanzi-annot`` command."""

from __future__ import annotations

import sys

from hanzi_annot.cli import main

if __name__ == "__main__":
    sys.exit(main())

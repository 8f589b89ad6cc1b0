"""A one-line counter of finished inputs on standard error, shown only on a terminal."""

from __future__ import annotations

import shutil
from typing import TextIO


class Progress:
    """A one-line counter on standard error, shown only when it is a terminal."""

    def __init__(self, stream: TextIO, total: int) -> None:
        self.stream = stream
        self.total = total
        self.enabled = total > 1 and stream.isatty()

    def step(self, done: int, name: str) -> None:
        """Show that ``done`` inputs of the total are finished, the last being ``name``."""
        if self.enabled:
            width = max(10, shutil.get_terminal_size().columns - 16)
            self.stream.write(f"\r\x1b[K[{done}/{self.total}] {name[-width:]}")
            self.stream.flush()

    def clear(self) -> None:
        """Remove the progress line before other text is written."""
        if self.enabled:
            self.stream.write("\r\x1b[K")
            self.stream.flush()

"""Running one function on several threads at once, for the tests of shared caches."""

from __future__ import annotations

import threading
from collections.abc import Callable


def run_threads(target: Callable[[int], object], count: int = 8) -> None:
    """Call ``target(number)`` for each number below ``count``, each on its own thread.

    All threads start before any is waited for, so they run at the same time; returns
    when every one has finished.
    """
    threads = [threading.Thread(target=target, args=(number,)) for number in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

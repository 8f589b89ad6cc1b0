"""How from_html scales on pages that once took quadratic time (run by hand).

Each case appends hostile markup to a one-paragraph page at 1×, 2× and 4× a base size
and prints the seconds per size, the ratio of the 4× time to the 1× time (about 4 means
linear, about 16 quadratic) and the peak of Python-allocated memory at 4× (tracemalloc,
measured in a second call; lxml's own C memory is not counted).

    python benchmarks/read_html_scaling.py [--base 10000]
"""

from __future__ import annotations

import argparse
import time
import tracemalloc
from collections.abc import Callable

from hanzi_annot import from_html

CASES: dict[str, Callable[[int], str]] = {
    "open comments": lambda n: "<!--" * n,
    "script starts": lambda n: "<script" * n,
    "open styles": lambda n: "<style>" * n,
    "distinct tags": lambda n: "".join(f"<t{i}></t{i}>" for i in range(n)),
    "rubies without </ruby>": lambda n: "<p><ruby>国<rt>guó</rt></p>" * n,
    "nested divs (2,000 deep)": lambda n: (
        ("<div>" * 2000 + "<p>国家</p>" + "</div>" * 2000) * max(1, n // 10_000)
    ),
}


def measure(page: str) -> tuple[float, float]:
    """Seconds of one from_html call, and the peak MB of another (tracing slows it)."""
    start = time.perf_counter()
    from_html(page)
    seconds = time.perf_counter() - start
    tracemalloc.start()
    from_html(page)
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return seconds, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=int, default=10_000, help="repetitions at 1×")
    args = parser.parse_args()
    print(f"{'case':26s} {'1× s':>7s} {'2× s':>7s} {'4× s':>7s} {'4×/1×':>6s} {'peak MB 4×':>10s}")
    for name, make in CASES.items():
        results = [measure("<p>国家</p>" + make(args.base * factor)) for factor in (1, 2, 4)]
        times = [seconds for seconds, _peak in results]
        ratio = times[2] / max(times[0], 1e-6)
        print(
            f"{name:26s} {times[0]:7.3f} {times[1]:7.3f} {times[2]:7.3f} {ratio:6.1f}"
            f" {results[2][1]:10.1f}"
        )


if __name__ == "__main__":
    main()

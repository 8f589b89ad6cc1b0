"""Every public entry point at 1x, 2x and 4x input: time and memory must double (run by hand).

Three shapes of input: one long paragraph of annotated clauses, many short annotated
paragraphs, and many sections (a short heading and one annotated paragraph each).
Each entry point runs on a document (or the text, HTML, JSON or Markdown written from
it) in a fresh process per size. Printed: CPU seconds, the growth per doubling (about 2
is linear, about 4 quadratic), and the call's own peak: how far the resident memory
rose above what the process held when the call began, as a multiple of what the call
reads and writes (UTF-8 bytes of its text input and of its output; a document given
counts as the text it was read from). Linux only
(the peak is reset through ``/proc/self/clear_refs``).

    python benchmarks/entry_points.py [--units 1000] [--shape SHAPE] [--only NAME]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

CLAUSE = "银行(yínháng)行长(hángzhǎng)说了(le)解决(jiějué)问题，他了(liǎo)解情况。"


def build_text(shape: str, units: int) -> str:
    """One paragraph of ``units`` clauses, ``units`` paragraphs or ``units`` sections."""
    if shape == "line":
        return "标题\n" + CLAUSE * units + "\n"
    if shape == "sections":
        return "标题\n" + "".join(f"第{n}部分\n第{n}段：{CLAUSE}\n" for n in range(units))
    return "标题\n" + "".join(f"第{n}段：{CLAUSE}\n" for n in range(units))


def _prepare(name: str, text: str) -> tuple[Callable[[], object], int]:
    """Return a call of entry point ``name`` built from ``text``, and its input's size."""
    import hanzi_annot as h

    doc = h.parse(text)
    if name in ("from_text", "parse_inline", "annotate"):
        plain = h.to_plain(doc) if name == "annotate" else text
        reader = {"from_text": h.from_text, "parse_inline": h.parse_inline, "annotate": h.annotate}
        return (lambda: reader[name](plain)), _size(plain)
    if name.startswith("from_"):
        written = {"from_json": h.to_json, "from_markdown": h.to_markdown, "from_html": h.to_html}
        source = written[name](doc)
        return (lambda: getattr(h, name)(source)), _size(source)
    found = h.validate(doc)
    calls: dict[str, Callable[[], object]] = {
        "validate": lambda: h.validate(doc),
        "apply_fixes": lambda: h.apply_fixes(doc, found),
        "to_html": lambda: h.to_html(doc),
        "to_html(diagnostics)": lambda: h.to_html(doc, diagnostics=found),
        "to_plain": lambda: h.to_plain(doc),
        "to_markup": lambda: h.to_markup(doc),
        "to_json": lambda: h.to_json(doc),
        "to_json(indent=None)": lambda: h.to_json(doc, indent=None),
        "to_ssml": lambda: h.to_ssml(doc),
        "to_markdown": lambda: h.to_markdown(doc),
        "to_reading_list": lambda: h.to_reading_list(doc),
        "to_epub": lambda: h.to_epub([doc]),
        "build_vocabulary": lambda: h.build_vocabulary([doc]),
    }
    return calls[name], _size(text)


def _size(value: object) -> int:
    """UTF-8 bytes of a text or bytes output; 0 for anything else (a model)."""
    if isinstance(value, str):
        return len(value.encode("utf-8", "surrogatepass"))
    return len(value) if isinstance(value, bytes) else 0


def _memory_kb(field: str) -> int:
    """One ``kB`` figure of ``/proc/self/status`` (``VmRSS`` now, ``VmHWM`` its peak)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for row in status:
            if row.startswith(field + ":"):
                return int(row.split()[1])
    raise RuntimeError(f"no {field} in /proc/self/status")


SHAPES = ("line", "lines", "sections")

NAMES = (
    "from_text",
    "parse_inline",
    "from_html",
    "from_json",
    "from_markdown",
    "validate",
    "apply_fixes",
    "annotate",
    "to_html",
    "to_html(diagnostics)",
    "to_plain",
    "to_markup",
    "to_json",
    "to_json(indent=None)",
    "to_ssml",
    "to_markdown",
    "to_reading_list",
    "to_epub",
    "build_vocabulary",
)


def measure(name: str, shape: str, units: int) -> dict[str, Any]:
    """Time one call of ``name`` on input of ``units``, after a warm-up on a small one."""
    _prepare(name, build_text(shape, 10))[0]()  # dictionaries and models: a constant
    call, read = _prepare(name, build_text(shape, units))
    with open("/proc/self/clear_refs", "w", encoding="ascii") as clear:
        clear.write("5")  # the peak RSS starts again from the current RSS
    before = _memory_kb("VmRSS")
    start = time.process_time()
    result = call()
    cpu = time.process_time() - start
    grew = _memory_kb("VmHWM") - before
    return {"cpu": cpu, "grew_kb": grew, "moved": read + _size(result)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--shape", choices=SHAPES, action="append")
    parser.add_argument("--only", action="append", choices=NAMES)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        name, shape, units = args.child
        print(json.dumps(measure(name, shape, int(units))))
        return
    header = ("shape", "entry point", "1x s", "2x s", "4x s", "growth", "peak MB", "/(in+out)")
    print("{:5} {:21} {:>7} {:>7} {:>7} {:>6} {:>8} {:>9}".format(*header))
    for shape in args.shape or SHAPES:
        for name in args.only or NAMES:
            runs = []
            for scale in (1, 2, 4):
                units = str(args.units * scale)
                command = [sys.executable, __file__, "--child", name, shape, units]
                done = subprocess.run(command, capture_output=True, text=True, check=True)
                runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
            cpu = [run["cpu"] for run in runs]
            growth = (cpu[2] / cpu[0]) ** 0.5 if cpu[0] > 0 else float("nan")
            peak = runs[2]["grew_kb"] / 1024
            moved = runs[2]["grew_kb"] * 1024 / runs[2]["moved"]
            print(
                f"{shape:5} {name:21} {cpu[0]:7.3f} {cpu[1]:7.3f} {cpu[2]:7.3f} {growth:6.2f} "
                f"{peak:8.1f} {moved:9.1f}"
            )


if __name__ == "__main__":
    main()

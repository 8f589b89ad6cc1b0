"""Growth of time and peak memory on hostile inputs, at 1x, 2x and 4x (run by hand).

Every case builds an adversarial input of a size proportional to the scale, then times
one public entry point on it. Each (case, scale) runs in a fresh subprocess so the peak
RSS (``resource.getrusage(...).ru_maxrss``) belongs to that run alone. The table gives
the wall and CPU seconds, the peak RSS, the input size and the growth ratio per
doubling (of CPU time, which other load on the machine disturbs less): about 2 is
linear, about 4 quadratic. ``/input`` is the peak RSS above what the process held
before building the input (interpreter and dictionaries), divided by the input's UTF-8
size: the multiple of the input a run costs (blank where the input is a model). A run
over ``--timeout`` seconds is cut off and shown as such.

    python benchmarks/complexity.py                 # every case at 1x, 2x, 4x
    python benchmarks/complexity.py --case fangan --scales 1 2 4 8
    python benchmarks/complexity.py --base 0.25     # smaller inputs for a quick look
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

# Each case: (description, units at 1x, build(units) -> input, run(input) -> None).
Case = tuple[str, int, Callable[[int], Any], Callable[[Any], object]]


def _parse(text: str) -> object:
    from hanzi_annot import parse

    return parse(text)


def _from_html(page: str) -> object:
    from hanzi_annot import from_html

    return from_html(page)


def _spaced_groups(lines: int) -> str:
    syllables = ["xian", "jian", "xiang", "lian", "qian", "tian", "nian", "mian", "bian"]
    rows = ["标题"]
    for n in range(lines):
        picked = [syllables[(n // 9**k + k) % 9] for k in range(7)]
        rows.append(f"国({' '.join(picked)})。{n}")
    return "\n".join(rows)


def _lines_of(rows: Iterable[str]) -> str:
    """Join ``rows`` as lines, 10,000 at a time.

    A list of a million row strings would itself take about 12 times the input, and
    the peak RSS measured would be the builder's, not the entry point's.
    """
    rows = iter(rows)
    chunks = []
    while chunk := list(itertools.islice(rows, 10_000)):
        chunks.append("\n".join(chunk) + "\n")
    return "".join(chunks)


def _distinct_tiny_lines(lines: int) -> str:
    """n short lines, nearly all distinct: one hanzi cycling over U+4E00..U+9FFF, then 2, 3.

    Every line is a paragraph of its own (the one-hanzi lines come back after 62,976
    lines, too short to be dropped as copies).
    """
    span = 0x9FFF - 0x4E00 + 1

    def rows() -> Iterator[str]:
        yield "标题"
        for n in range(lines):
            width, k = n % 3 + 1, n // 3
            yield "".join(chr(0x4E00 + (k // span**i + i) % span) for i in range(width))

    return _lines_of(rows())


def _scattered_copies(pairs: int) -> str:
    """n distinct short lines, each followed by the same long line (a copy after each)."""
    span = 0x9FFF - 0x4E00 + 1
    copy = "本报讯记者从市文化和旅游局获悉,城市书房今年新增十座。"

    def rows() -> Iterator[str]:
        yield from ("标题", copy)
        for n in range(pairs):
            yield from (chr(0x4E00 + n % span) + chr(0x4E00 + n // span % span), copy)

    return _lines_of(rows())


def _annotated_paragraph(count: int) -> Any:
    from hanzi_annot import parse

    return parse("标题\n" + "国(guó)家(jiā)" * (count // 2) + "。")


def _to_html(document: Any) -> object:
    from hanzi_annot import to_html

    return to_html(document)


def _to_ssml(document: Any) -> object:
    from hanzi_annot import to_ssml

    return to_ssml(document)


def _annotate(text: str) -> object:
    from hanzi_annot import annotate

    return annotate(text)


def _findings(count: int) -> Any:
    from hanzi_annot import parse, validate

    document = parse("标题\n" + "国(guǒ)" * count + "。")
    return document, validate(document)


def _apply_fixes(prepared: Any) -> object:
    from hanzi_annot import apply_fixes

    document, diagnostics = prepared
    return apply_fixes(document, diagnostics)


def _editor_view(prepared: Any) -> object:
    from hanzi_annot import to_html

    document, diagnostics = prepared
    return to_html(document, diagnostics=diagnostics)


CASES: dict[str, Case] = {
    "fangan": (
        'parse("方案(" + "fangan"*n + ")")',
        20_000,
        lambda n: "标题\n方案(" + "fangan" * n + ")",
        _parse,
    ),
    "fangan-unclosed": (
        'parse("方案(" + "fangan"*n)',
        20_000,
        lambda n: "标题\n方案(" + "fangan" * n,
        _parse,
    ),
    "xian": (
        'parse("西安(" + "xian"*n + ")")',
        30_000,
        lambda n: "标题\n西安(" + "xian" * n + ")",
        _parse,
    ),
    "spaced-groups": ("parse: n lines of 国(xian jian … ×7)", 100, _spaced_groups, _parse),
    "trailing-groups": (
        'parse("标题\\n" + "(a)"*n)',
        10_000,
        lambda n: "标题\n" + "(a)" * n,
        _parse,
    ),
    "unclosed-parens": ('parse("国" + "("*n)', 400_000, lambda n: "标题\n国" + "(" * n, _parse),
    "single-line": (
        "parse: one line of n annotated clauses",
        20_000,
        lambda n: "标题\n" + "赣州是全国(quánguó)著名(zhùmíng)的革命老区，" * n,
        _parse,
    ),
    "annotate-line": (
        "annotate: one line of n plain clauses",
        1_000,
        lambda n: "标题\n" + "赣州是全国著名的革命老区，银行行长说了解决问题。" * n,
        _annotate,
    ),
    "tiny-lines": ("parse: n lines of one hanzi", 250_000, lambda n: "标题\n" + "国\n" * n, _parse),
    "distinct-tiny-lines": (
        "parse: n distinct lines of 1-3 hanzi",
        250_000,
        _distinct_tiny_lines,
        _parse,
    ),
    "scattered-copies": (
        "parse: n distinct lines, each followed by a copy of one long line",
        50_000,
        _scattered_copies,
        _parse,
    ),
    "html-comments": (
        'from_html("<p>国家</p>" + "<!--"*n)',
        10_000,
        lambda n: "<p>国家</p>" + "<!--" * n,
        _from_html,
    ),
    "html-script": (
        'from_html("<p>国家</p>" + "<script"*n)',
        10_000,
        lambda n: "<p>国家</p>" + "<script" * n,
        _from_html,
    ),
    "html-tag-names": (
        "from_html: n distinct tag names, each closed",
        10_000,
        lambda n: "<p>国家</p>" + "".join(f"<x{i}></x{i}>" for i in range(n)),
        _from_html,
    ),
    "html-rt": (
        'from_html("<ruby>方案<rt>" + "fangan"*n + "</rt></ruby>")',
        20_000,
        lambda n: "<p><ruby>方案<rt>" + "fangan" * n + "</rt></ruby></p>",
        _from_html,
    ),
    "to-html": ("to_html: one paragraph of n annotations", 20_000, _annotated_paragraph, _to_html),
    "to-ssml": ("to_ssml: one sentence of n annotations", 20_000, _annotated_paragraph, _to_ssml),
    "apply-fixes": ("apply_fixes with n findings", 2_500, _findings, _apply_fixes),
    "editor-view": ("to_html(diagnostics=…) with n findings", 2_500, _findings, _editor_view),
}


def measure(name: str, units: int) -> dict[str, float]:
    """Build the input of ``name`` with ``units``, time the entry point, report peak RSS."""
    _description, _base, build, run = CASES[name]
    run(build(1))  # load the dictionaries first: their time and memory are constant
    base_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    prepared = build(units)
    size = len(prepared.encode("utf-8")) if isinstance(prepared, str) else units
    start, cpu_start = time.perf_counter(), time.process_time()
    run(prepared)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "seconds": seconds,
        "cpu": cpu,
        "peak_mb": peak_kb / 1024,
        "base_mb": base_kb / 1024,
        "size": size,
        "text": isinstance(prepared, str),
    }


def _child(name: str, units: int, timeout: float) -> dict[str, float] | None:
    command = [sys.executable, __file__, "--child", name, str(units)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return None
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _ratio(now: float, before: float | None) -> str:
    return "" if before is None or before <= 0 else f"{now / before:5.2f}"


def _per_input(result: dict[str, float]) -> str:
    """Peak RSS above the baseline per byte of text input; blank for prepared models."""
    if not result["text"]:
        return ""
    return f"{(result['peak_mb'] - result['base_mb']) * 2**20 / result['size']:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", action="append", choices=sorted(CASES), help="repeatable")
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--base", type=float, default=1.0, help="multiply every 1x size")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per run")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child[0], int(args.child[1]))))
        return
    header = ("case", "scale", "input", "wall s", "cpu s", "x cpu", "peak MB", "x mem", "/input")
    print("{:<16} {:>5} {:>10} {:>9} {:>9} {:>5} {:>8} {:>5} {:>6}".format(*header))
    for name in args.case or CASES:
        description, base, _build, _run = CASES[name]
        print(f"# {name}: {description}")
        before: dict[str, float] | None = None
        for scale in args.scales:
            units = max(1, round(base * args.base * scale))
            result = _child(name, units, args.timeout)
            if result is None:
                print(f"{name:<16} {scale:>4}x {'':>10} {'> ' + str(args.timeout):>9}")
                before = None
                continue
            cpu, peak = result["cpu"], result["peak_mb"]
            print(
                f"{name:<16} {scale:>4}x {result['size'] / 1000:>8.0f}kB "
                f"{result['seconds']:>9.3f} {cpu:>9.3f} {_ratio(cpu, before and before['cpu']):>5} "
                f"{peak:>8.0f} {_ratio(peak, before and before['peak_mb']):>5} "
                f"{_per_input(result):>6}"
            )
            sys.stdout.flush()
            before = result


if __name__ == "__main__":
    main()

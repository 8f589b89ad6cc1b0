"""Corpus-scale speed as users meet it: one cold pass in a fresh process, then a warm pass.

Generates ≥ 5 MB of distinct pages (``tests/pagegen.py``) whose annotated words follow a
Zipf distribution, and reports the share of distinct pinyin strings and distinct
(hanzi, pinyin) pairs so the corpus can be compared with real news (a month of real
news: 28 % distinct pinyin strings over 83k annotations; 47.5 % distinct pairs on
1.2 MB). Each measurement runs in a fresh Python process (``--one`` mode below): the
import is excluded, the first pass over the corpus is the *cold* pass, the second the
*warm* pass. Nothing is cached by page or by this benchmark's text. Wall time and CPU
time are both reported: on a shared machine CPU time varies less.

The end-to-end job is clean + parse + validate + per-character ruby HTML, page by page.
The naive script is what a user would write instead: one regex over ``汉字(pinyin)``, one
``pypinyin.pinyin()`` call per annotation, ruby built by string pasting.

    python benchmarks/bench_corpus.py [--megabytes 5] [--repeat 3] [--baseline OTHER/src]

``--baseline`` names the ``src`` folder of another version of the library (for example
an export of an earlier commit: ``git archive COMMIT | tar -x -C /tmp/base``); its runs
are interleaved with this version's, process by process, so a change in the machine's
load touches both, and the two are compared side by side.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def build_corpus(megabytes: float) -> list[str]:
    """Distinct generated pages with Zipf-distributed words, ``megabytes`` of UTF-8 in all."""
    from benchmarks.bench_pipeline import build_corpus as pipeline_corpus

    return pipeline_corpus(megabytes, zipf=True, first_seed=50_000)


def naive(pages: Sequence[str]) -> int:
    """The script a user would write without this library; returns characters of HTML made.

    The same script as ``bench_pipeline.py`` measures, so both benchmarks compare with
    one reference.
    """
    from benchmarks.bench_pipeline import naive as naive_pages

    return sum(len(page) for page in naive_pages(pages))


def library_stages() -> dict[str, Callable[[Sequence[str]], object]]:
    """The library's stages, each a function of the pages (objects made once per pass)."""
    import hanzi_annot
    from hanzi_annot import HtmlOptions, Validator, parse, to_html

    options = HtmlOptions()

    def end_to_end(pages: Sequence[str]) -> int:
        validator = Validator()
        made = 0
        for text in pages:
            document = parse(text)
            diagnostics = validator.validate(document)
            made += len(to_html(document, options, diagnostics=diagnostics))
        return made

    def parse_only(pages: Sequence[str]) -> int:
        return sum(len(parse(text).sections) for text in pages)

    def validate_only(pages: Sequence[str]) -> int:
        validator = Validator()
        documents = [parse(text) for text in pages]
        start, start_cpu = time.perf_counter(), time.process_time()
        found = sum(len(validator.validate(d)) for d in documents)
        validate_only.seconds = time.perf_counter() - start  # type: ignore[attr-defined]
        validate_only.cpu = time.process_time() - start_cpu  # type: ignore[attr-defined]
        return found

    def html_only(pages: Sequence[str]) -> int:
        documents = [parse(text) for text in pages]
        start, start_cpu = time.perf_counter(), time.process_time()
        made = sum(len(to_html(d, options)) for d in documents)
        html_only.seconds = time.perf_counter() - start  # type: ignore[attr-defined]
        html_only.cpu = time.process_time() - start_cpu  # type: ignore[attr-defined]
        return made

    del hanzi_annot
    return {
        "end to end": end_to_end,
        "parse": parse_only,
        "validate": validate_only,
        "html": html_only,
    }


def run_one(stage: str, megabytes: float) -> dict[str, float]:
    """In this (fresh) process: build the corpus, import, then time a cold and a warm pass."""
    pages = build_corpus(megabytes)
    if stage == "naive":
        import pypinyin  # noqa: F401  # import excluded from the timing

        run: Callable[[Sequence[str]], object] = naive
    else:
        run = library_stages()[stage]
    timings = []
    cpu = []
    for _ in range(2):
        start, start_cpu = time.perf_counter(), time.process_time()
        run(pages)
        elapsed = time.perf_counter() - start
        timings.append(getattr(run, "seconds", elapsed))
        cpu.append(getattr(run, "cpu", time.process_time() - start_cpu))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "cold": timings[0],
        "warm": timings[1],
        "cold_cpu": cpu[0],
        "warm_cpu": cpu[1],
        "rss_mb": rss,
        **cache_sizes(),
    }


def cache_sizes() -> dict[str, float]:
    """Entries held by the library's bounded caches after the passes (0 for naive)."""
    if "hanzi_annot" not in sys.modules:
        return {}
    from hanzi_annot import HtmlOptions
    from hanzi_annot.pinyin.readings import default_readings

    try:  # an older version (for a before-and-after run) has no such caches
        from hanzi_annot.html.fragments import render_cache
    except ImportError:
        return {}
    sizes: dict[str, float] = {
        f"readings {kind}": size for kind, size in default_readings().cache_sizes().items()
    }
    sizes.update({f"html {kind}": n for kind, n in render_cache(HtmlOptions()).sizes().items()})
    return sizes


def corpus_stats(megabytes: float) -> dict[str, float]:
    """Size and distinct shares; pairs are the annotated words as the library reads them.

    (The naive regex's group 1 is the whole run of hanzi before the parenthesis, not the
    annotated word, so its pairs would be almost all distinct.)
    """
    from hanzi_annot import parse

    pages = build_corpus(megabytes)
    pairs = [(a.hanzi, a.written) for p in pages for a in parse(p).annotations]
    size = sum(len(p.encode("utf-8")) for p in pages) / 1_000_000
    return {
        "megabytes": size,
        "pages": len(pages),
        "annotations": len(pairs),
        "distinct_pinyin": len({pinyin for _, pinyin in pairs}) / len(pairs),
        "distinct_pairs": len(set(pairs)) / len(pairs),
    }


def _child(stage: str, megabytes: float, src: str | None) -> dict[str, float]:
    """Run one ``--one`` measurement in a fresh process, with ``src`` first on its path."""
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = os.pathsep.join([src, *filter(None, [env.get("PYTHONPATH")])])
    out = subprocess.run(
        [sys.executable, __file__, "--one", stage, "--megabytes", str(megabytes)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    result: dict[str, float] = json.loads(out.stdout)
    return result


def _table(title: str, results: dict[str, dict[str, float]], megabytes: float) -> None:
    print(title)
    header = ("stage", "cold MB/s", "warm MB/s", "cold s", "warm s", "cold cpu", "warm cpu")
    print(f"{header[0]:12} " + " ".join(f"{h:>10}" for h in header[1:]) + "     RSS MB")
    for stage, f in results.items():
        print(
            f"{stage:12} {megabytes / f['cold']:10.2f} {megabytes / f['warm']:10.2f} "
            f"{f['cold']:10.2f} {f['warm']:10.2f} {f['cold_cpu']:10.2f} {f['warm_cpu']:10.2f}"
            f" {f['rss_mb']:10.0f}"
        )
    caches = {k: v for k, v in results["end to end"].items() if k.startswith(("readings", "html"))}
    if caches:
        print(
            "cache entries after end to end:", ", ".join(f"{k} {v:.0f}" for k, v in caches.items())
        )
    naive_figures, ours = results["naive"], results["end to end"]
    print(
        f"end to end vs naive: cold {naive_figures['cold'] / ours['cold']:.2f}x, "
        f"warm {naive_figures['warm'] / ours['warm']:.2f}x (wall); cold "
        f"{naive_figures['cold_cpu'] / ours['cold_cpu']:.2f}x, "
        f"warm {naive_figures['warm_cpu'] / ours['warm_cpu']:.2f}x (CPU time, steadier "
        "on a shared machine)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--megabytes", type=float, default=5.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline", help="src folder of another version to compare with")
    parser.add_argument(
        "--stages", nargs="*", default=["naive", "end to end", "parse", "validate", "html"]
    )
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.megabytes)))
        return

    stats = corpus_stats(args.megabytes)
    print(
        f"corpus: {stats['megabytes']:.2f} MB, {stats['pages']:.0f} distinct pages, "
        f"{stats['annotations']:.0f} annotations; distinct pinyin strings "
        f"{stats['distinct_pinyin']:.1%}, distinct (hanzi, pinyin) pairs "
        f"{stats['distinct_pairs']:.1%}"
    )
    versions: dict[str, str | None] = {"this version": None}
    if args.baseline:
        versions["baseline"] = args.baseline
    runs: dict[str, dict[str, list[dict[str, float]]]] = {name: {} for name in versions}
    for stage in [
        "naive",
        "end to end",
        *(s for s in args.stages if s not in ("naive", "end to end")),
    ]:
        for _ in range(args.repeat):
            for name, src in versions.items():  # interleaved: the same load for both
                if stage == "naive" and name != "this version":
                    continue
                runs[name].setdefault(stage, []).append(_child(stage, args.megabytes, src))
    runs["baseline"] = {"naive": runs["this version"]["naive"], **runs.get("baseline", {})}
    for name in versions:
        results = {
            stage: {key: statistics.median(run[key] for run in found) for key in found[0]}
            for stage, found in runs[name].items()
        }
        _table(f"--- {name}", results, stats["megabytes"])


if __name__ == "__main__":
    main()

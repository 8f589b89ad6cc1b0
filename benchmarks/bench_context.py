"""What the context check (HA210) costs when validating a corpus (run by hand).

Validates one generated corpus (``tests/pagegen.py``) with a fresh validator each run,
alternating two setups, and prints the best time of each and the slowdown. By default
the two setups are this package with HA210 ignored and with it; ``--against SRC``
compares with another version of the package instead (the ``src`` folder of an older
checkout, e.g. made with ``git archive``). Uniform words (the default) are the worst
case for the caches; ``--zipf`` draws them with the skew of real text.

    python benchmarks/bench_context.py [--megabytes 2] [--repeat 9] [--zipf] [--against SRC]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_pipeline import build_corpus

SRC = Path(__file__).resolve().parent.parent / "src"


def _load(src: Path) -> ModuleType:
    """Import the package from ``src``, replacing any version imported before."""
    for name in [name for name in sys.modules if name.split(".")[0] == "hanzi_annot"]:
        del sys.modules[name]
    sys.path.insert(0, str(src))
    try:
        import hanzi_annot
    finally:
        sys.path.remove(str(src))
    return hanzi_annot


def _time(package: ModuleType, documents: list[Any], options: Any) -> float:
    validator = package.Validator(options)
    started = time.perf_counter()
    for document in documents:
        validator.validate(document)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=2.0)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--zipf", action="store_true")
    parser.add_argument("--against", type=Path, help="src folder of the version to compare")
    args = parser.parse_args()
    pages = build_corpus(args.megabytes, args.zipf)
    base = _load(args.against) if args.against else None
    package = _load(SRC)
    if base is None:
        base, base_options = package, package.ValidateOptions(ignore=["HA210"])
        label = "without HA210"
    else:
        base_options, label = None, f"{args.against}"
    base_docs = [base.parse(page) for page in pages]
    docs = [package.parse(page) for page in pages]
    before, after = [], []
    for _ in range(args.repeat):
        before.append(_time(base, base_docs, base_options))
        after.append(_time(package, docs, None))
    annotations = sum(1 for document in docs for _ in document.annotations)
    print(f"{len(docs)} documents, {annotations} annotations, best of {args.repeat}")
    print(f"{label}: {min(before):.3f} s")
    change = 100 * (min(after) / min(before) - 1)
    print(f"this version, with HA210: {min(after):.3f} s ({change:+.1f} %)")


if __name__ == "__main__":
    main()

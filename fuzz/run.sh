#!/usr/bin/env bash
# Bounded Atheris run of every target (FUZZ_SECONDS each, default 60), seeded with the
# sample pages. Findings go to build/fuzz/findings/; the run fails if there is one.
# Skips with a message, and succeeds, when atheris cannot be installed for this Python.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-.venv/bin/python}
seconds=${FUZZ_SECONDS:-60}
# FUZZ_RUNS bounds each target by a number of inputs with a fixed seed instead of by
# time: the same inputs on every machine, so a run that passes here passes in CI.
if [ -n "${FUZZ_RUNS:-}" ]; then
    bound=(-runs="$FUZZ_RUNS" -seed="${FUZZ_SEED:-1}")
    export PYTHONHASHSEED=0
else
    bound=(-max_total_time="$seconds")
fi
if ! "$python" -c "import atheris" 2>/dev/null; then
    if ! "$python" -m pip install --quiet atheris >/dev/null 2>&1; then
        echo "fuzz: atheris cannot be installed for $("$python" --version); skipped"
        exit 0
    fi
fi
mkdir -p build/fuzz/findings
for target in ${FUZZ_TARGETS:-text html}; do
    corpus=build/fuzz/corpus-$target
    mkdir -p "$corpus"
    cp tests/pages/*.txt examples/article.txt "$corpus"/
    echo "fuzz: $target (${bound[*]})"
    log=build/fuzz/$target.log
    "$python" fuzz/fuzz_hanzi_annot.py --target "$target" "$corpus" \
        "${bound[@]}" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="build/fuzz/findings/$target-" -print_final_stats=1 >"$log" 2>&1 || true
    grep -E "stat::number_of_executed_units|^(SUMMARY|[A-Za-z.]*(Error|Exception))" "$log" || true
    if ! grep -q "stat::number_of_executed_units" "$log"; then
        echo "fuzz: $target did not run to the end; see $log"
        exit 1
    fi
    if ls build/fuzz/findings/"$target"-* >/dev/null 2>&1; then
        echo "fuzz: $target found inputs that fail, in build/fuzz/findings/"
        exit 1
    fi
done

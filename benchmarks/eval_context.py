"""Accuracy of the context predictor and of the HA210 check on CPP sentences.

Run by hand: ``python benchmarks/eval_context.py [--cv 5] [--g2pm]``. Deterministic.

Default: the shipped model (built from the tuning part by build_context_model.py) on
the held-out part, which nothing was tuned on:

(1) prediction: the predictor's reading of the marked polyphone equals the marked one
    (a neutral tone and a full tone of the same syllable count as equal);
(2) validation, right reading: the sentence with the marked polyphone annotated with
    its marked reading; flagged = a warning or an error on it;
(3) validation, wrong-but-possible reading: annotated instead with another reading the
    character has (another syllable or another full tone; never a neutral-tone
    variant), drawn with the seed; flagged as in (2).

``--cv K`` runs the same on the tuning part only, by K-fold cross-validation (a model
built from the other folds each time): the figures used to choose the settings.
``--g2pm`` adds the g2pM package's accuracy on the same sentences, if it is installed.
``--rules`` adds how often each grammar rule matches the marked polyphone and how often
its reading is the marked one. With ``--cv``, ``--false-flags`` counts the right readings
HA210 flags by the basis of the prediction, and ``--sweep`` runs the cross-validation for
each setting of the usual reading's bars (``MIN_SIGHTINGS``, ``MAX_USUAL_SHARE``):
tuning-part tools only, never run on the held-out part.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence

import attrs

from build_context_model import count
from cpp_data import SEED, Sentence, load, split
from hanzi_annot import Annotation, Paragraph, Severity, Text, ValidateOptions, Validator
from hanzi_annot.check import incontext
from hanzi_annot.check.context import ContextPredictor
from hanzi_annot.check.context_model import ContextModel, default_model
from hanzi_annot.check.context_rules import default_rules
from hanzi_annot.check.inword import same_reading
from hanzi_annot.pinyin.readings import Readings


@attrs.frozen
class Figures:
    """Counts of one run; :meth:`lines` formats the rates."""

    sentences: int
    predicted: int
    right_flagged: int
    right_flagged_before: int
    wrong: int
    wrong_flagged: int
    wrong_flagged_before: int
    seconds: float

    def lines(self) -> list[str]:
        def pct(part: int, whole: int) -> str:
            return f"{part}/{whole} = {100 * part / whole:.2f} %" if whole else "n/a"

        per = 1000 * self.seconds / max(self.sentences, 1)
        return [
            f"(1) polyphone predicted right:          {pct(self.predicted, self.sentences)}"
            f"  ({per:.2f} ms per sentence)",
            f"(2) right reading flagged:              {pct(self.right_flagged, self.sentences)}",
            f"    ... without HA210:                  "
            f"{pct(self.right_flagged_before, self.sentences)}",
            f"(3) wrong-but-possible reading flagged: {pct(self.wrong_flagged, self.wrong)}",
            f"    ... without HA210:                  {pct(self.wrong_flagged_before, self.wrong)}",
        ]


def _flagged(validator: Validator, sentence: Sentence, reading: str) -> bool:
    """Whether validating the sentence with this reading annotated gives a warning or worse."""
    text, index = sentence.text, sentence.index
    tokens = [Text(text[:index]), Annotation(sentence.char, (reading,)), Text(text[index + 1 :])]
    paragraph = Paragraph(tuple(t for t in tokens if t.text))
    return any(d.severity >= Severity.WARNING for d in validator.validate(paragraph))


def _wrong_reading(readings: Readings, sentence: Sentence, rng: random.Random) -> str | None:
    others = [
        r for r in readings.char_readings(sentence.char) if not same_reading(r, sentence.reading)
    ]
    return rng.choice(others) if others else None


def evaluate(sentences: Sequence[Sentence], model: ContextModel, seed: int = SEED) -> Figures:
    """Run (1)-(3) over ``sentences`` with ``model``."""
    readings = Readings()
    predictor = ContextPredictor(readings, model)
    started = time.perf_counter()
    predicted = 0
    for sentence in sentences:
        found = predictor.predict(sentence.text, sentence.index)
        predicted += found is not None and same_reading(found.reading, sentence.reading)
    seconds = time.perf_counter() - started
    validator = Validator(readings=readings)
    validator._predictor = ContextPredictor(readings, model)  # the model under test
    before = Validator(ValidateOptions(ignore=["HA210"]), readings)
    rng = random.Random(seed)
    counts = {"right_flagged": 0, "right_flagged_before": 0, "wrong": 0}
    counts |= {"wrong_flagged": 0, "wrong_flagged_before": 0}
    for sentence in sentences:
        counts["right_flagged"] += _flagged(validator, sentence, sentence.reading)
        counts["right_flagged_before"] += _flagged(before, sentence, sentence.reading)
        wrong = _wrong_reading(readings, sentence, rng)
        if wrong is not None:
            counts["wrong"] += 1
            counts["wrong_flagged"] += _flagged(validator, sentence, wrong)
            counts["wrong_flagged_before"] += _flagged(before, sentence, wrong)
    return Figures(len(sentences), predicted, seconds=seconds, **counts)


def cross_validate(tuning: Sequence[Sentence], folds: int) -> Figures:
    """Sum the figures of K folds, each judged by a model built from the others."""
    total: dict[str, float] = {}
    for test, model in _folds(tuning, folds):
        figures = attrs.asdict(evaluate(test, model))
        for key, value in figures.items():
            total[key] = total.get(key, 0) + value
    return Figures(**{k: int(v) if k != "seconds" else v for k, v in total.items()})


def _folds(tuning: Sequence[Sentence], folds: int) -> Iterator[tuple[list[Sentence], ContextModel]]:
    """Yield each fold's test sentences with a model built from the other folds."""
    for fold in range(folds):
        test = [s for i, s in enumerate(tuning) if i % folds == fold]
        yield test, count([s for i, s in enumerate(tuning) if i % folds != fold])


def false_flags(tuning: Sequence[Sentence], folds: int) -> list[str]:
    """Count the right readings HA210 flags in K-fold CV, by the basis of the prediction."""
    readings = Readings()
    found: Counter[str] = Counter()
    for test, model in _folds(tuning, folds):
        predictor = ContextPredictor(readings, model)
        for sentence in test:
            annotation = Annotation(sentence.char, (sentence.reading,))
            for miss in incontext.misread_in_context(
                annotation, sentence.text, sentence.index, predictor
            ):
                found[miss.prediction.basis.value] += 1
    return [f"HA210 on right readings, {basis}: {n}" for basis, n in found.most_common()]


#: The settings ``--sweep`` tries (the shipped ones among them).
SWEEP = {"MIN_SIGHTINGS": (1, 2, 3), "MAX_USUAL_SHARE": (0.06, 0.07, 0.08, 0.09, 0.1, 0.12)}


def sweep(tuning: Sequence[Sentence], folds: int) -> list[str]:
    """Cross-validate each combination of :data:`SWEEP`; one line each."""
    lines = []
    shipped = {name: getattr(incontext, name) for name in SWEEP}
    try:
        for values in itertools.product(*SWEEP.values()):
            setting = dict(zip(SWEEP, values, strict=True))
            for name, value in setting.items():
                setattr(incontext, name, value)
            figures = cross_validate(tuning, folds)
            right = 100 * figures.right_flagged / figures.sentences
            wrong = 100 * figures.wrong_flagged / figures.wrong
            label = " ".join(f"{name}={value}" for name, value in setting.items())
            lines.append(f"{label}: right flagged {right:.2f} %, wrong flagged {wrong:.2f} %")
    finally:
        for name, value in shipped.items():
            setattr(incontext, name, value)
    return lines


def g2pm_accuracy(sentences: Sequence[Sentence]) -> str:
    """g2pM's share of right polyphones on the same sentences, or why it is unavailable."""
    try:
        from g2pM import G2pM  # type: ignore[import-not-found]
    except ImportError:
        return "g2pM: not installed"
    from hanzi_annot.pinyin.syllables import normalize_syllable

    model = G2pM()
    right = 0
    started = time.perf_counter()
    for sentence in sentences:
        result = model(sentence.text, tone=True, char_split=True)
        paired = len(result) == len(sentence.text)
        got = normalize_syllable(result[sentence.index]) if paired else None
        right += got is not None and same_reading(got.lower(), sentence.reading)
    per = 1000 * (time.perf_counter() - started) / len(sentences)
    return f"g2pM: {right}/{len(sentences)} = {100 * right / len(sentences):.2f} % ({per:.2f} ms)"


def rule_accuracy(sentences: Sequence[Sentence]) -> list[str]:
    """One line per grammar rule that matched: matches and how many read as marked."""
    hits: dict[tuple[str, str, str], list[int]] = {}
    for sentence in sentences:
        found = default_rules().match(sentence.text, sentence.index)
        if found is None:
            continue
        rule = found[0]
        tally = hits.setdefault((rule.char, rule.reading, rule.why), [0, 0])
        tally[0] += 1
        tally[1] += same_reading(rule.reading, sentence.reading)
    lines = [f"{c} {r:6} {right}/{n} ({why})" for (c, r, why), (n, right) in sorted(hits.items())]
    total, right = sum(n for n, _ in hits.values()), sum(r for _, r in hits.values())
    return [*lines, f"rules: {right}/{total} matches read as marked"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--cv", type=int, default=0, help="K-fold on the tuning part instead")
    parser.add_argument("--g2pm", action="store_true", help="also measure g2pM if installed")
    parser.add_argument("--rules", action="store_true", help="also tally each grammar rule")
    parser.add_argument("--false-flags", action="store_true", help="with --cv: HA210 by basis")
    parser.add_argument("--sweep", action="store_true", help="with --cv: try other settings")
    args = parser.parse_args(argv)
    if (args.false_flags or args.sweep) and not args.cv:
        parser.error("--false-flags and --sweep look at the tuning part only: add --cv K")
    tuning, held_out = split(load())
    if args.cv:
        print(f"{args.cv}-fold cross-validation on the tuning part ({len(tuning)} sentences)")
        figures = cross_validate(tuning, args.cv)
    else:
        print(f"held-out part: {len(held_out)} sentences (seed {SEED}), shipped model")
        figures = evaluate(held_out, default_model())
    print("\n".join(figures.lines()))
    if args.rules:
        print("\n".join(rule_accuracy(tuning if args.cv else held_out)))
    if args.false_flags:
        print("\n".join(false_flags(tuning, args.cv)))
    if args.sweep:
        print("\n".join(sweep(tuning, args.cv)))
    if args.g2pm:
        print(g2pm_accuracy(tuning if args.cv else held_out))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Accuracy of the validator on words of pypinyin's phrase dictionary and corruptions.

Run by hand: ``python benchmarks/eval_validator.py [--size 5000] [--seed 20240601]``.
Deterministic for a given seed. The test suite runs a smaller sample with the same code
(tests/test_validate_accuracy.py); docs/validation.md records the full figures.

(a) correct readings, full dictionaries: errors and warnings per word.
(b) corruptions to a syllable the character never has (expect HA201 at that character)
    and to a tone it never has (expect HA202 at that character).
(c) held-out words: the sampled words are hidden from the phrase dictionary (with
    --strict, so is every dictionary word that contains one of them), then the correct
    reading (false warnings) and a corruption to another reading the character has
    (detection) are checked.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Sequence

import attrs

from hanzi_annot import Annotation, Code, Readings, Severity, ValidateOptions, Validator
from hanzi_annot.check.inword import TONE_SANDHI_CHARS, same_reading
from hanzi_annot.pinyin.readings import phrase_dictionary
from hanzi_annot.pinyin.syllables import (
    TONELESS_SYLLABLES,
    is_erhua,
    join_pinyin,
    mark_tone,
    split_tone,
)

_BASES = sorted(TONELESS_SYLLABLES)


@attrs.frozen
class Figures:
    """Counts of one evaluation run; rates are derived properties."""

    words: int
    correct_errors: int
    correct_warnings: int
    syllable_corruptions: int
    syllable_caught: int
    tone_corruptions: int
    tone_caught: int
    held_out: int
    held_out_false_warnings: int
    held_out_errors: int
    in_word_corruptions: int
    in_word_caught: int

    def lines(self) -> list[str]:
        def pct(part: int, whole: int) -> str:
            return f"{part}/{whole} = {100 * part / whole:.2f} %" if whole else "n/a"

        return [
            f"(a) correct words with an error:    {pct(self.correct_errors, self.words)}",
            f"(a) correct words with a warning:   {pct(self.correct_warnings, self.words)}",
            f"(b) wrong syllables caught (HA201): "
            f"{pct(self.syllable_caught, self.syllable_corruptions)}",
            f"(b) wrong tones caught (HA202):     {pct(self.tone_caught, self.tone_corruptions)}",
            f"(c) held-out phrase entries:        {self.held_out}",
            f"(c) correct held-out words warned:  {pct(self.held_out_false_warnings, self.words)}",
            f"(c) correct held-out words, error:  {pct(self.held_out_errors, self.words)}",
            f"(c) in-word-wrong readings flagged: "
            f"{pct(self.in_word_caught, self.in_word_corruptions)}",
        ]


def _worst(validator: Validator, word: str, syllables: tuple[str, ...]) -> dict[int, Severity]:
    """The worst severity reported at each character offset of an annotation."""
    annotation = Annotation(word, syllables, written=join_pinyin(syllables))
    worst: dict[int, Severity] = {}
    for diagnostic in validator.validate(annotation):
        place = diagnostic.span.start
        worst[place] = max(worst.get(place, Severity.INFO), diagnostic.severity)
    return worst


def _codes_at(validator: Validator, word: str, syllables: tuple[str, ...], index: int) -> set[Code]:
    annotation = Annotation(word, syllables, written=join_pinyin(syllables))
    return {d.code for d in validator.validate(annotation) if d.span.start == index}


def _replace(syllables: tuple[str, ...], index: int, syllable: str) -> tuple[str, ...]:
    return (*syllables[:index], syllable, *syllables[index + 1 :])


def _hidden_words(sample: Sequence[str], words: Sequence[str], strict: bool) -> set[str]:
    """The sample, plus with ``strict`` every word containing a sampled word."""
    hidden = set(sample)
    if strict:
        for word in words:
            inner = (
                word[i:j]
                for i in range(len(word))
                for j in range(i + 2, len(word) + 1)
                if j - i < len(word)
            )
            if any(part in hidden for part in inner):
                hidden.add(word)
    return hidden


def evaluate(size: int = 5000, seed: int = 20240601, strict: bool = True) -> Figures:
    """Run the whole evaluation on ``size`` words drawn with ``seed``."""
    dictionary = phrase_dictionary()
    words = sorted(dictionary)
    rng = random.Random(seed)
    sample = rng.sample(words, size)
    readings = Readings()
    full = Validator(ValidateOptions(), readings)
    hidden = _hidden_words(sample, words, strict)
    held = Validator(ValidateOptions(), Readings(exclude_phrases=hidden))
    counts = dict.fromkeys(attrs.fields_dict(Figures), 0)
    counts["words"] = size
    counts["held_out"] = len(hidden)
    for word in sample:
        syllables = dictionary[word]
        worst = _worst(full, word, syllables).values()
        counts["correct_errors"] += Severity.ERROR in worst
        counts["correct_warnings"] += Severity.WARNING in worst
        worst = _worst(held, word, syllables).values()
        counts["held_out_errors"] += Severity.ERROR in worst
        counts["held_out_false_warnings"] += Severity.WARNING in worst
        index = rng.randrange(len(word))
        char = word[index]
        known = readings.char_readings(char)
        if not known or is_erhua(split_tone(syllables[index])[0]):
            continue
        # (b) a syllable the character never has, with a random tone
        bases = readings.char_bases(char)
        base = rng.choice([b for b in _BASES if b not in bases])
        wrong = mark_tone(base, rng.randint(1, 4))
        counts["syllable_corruptions"] += 1
        counts["syllable_caught"] += Code.NOT_A_READING in _codes_at(
            full, word, _replace(syllables, index, wrong), index
        )
        # (b) the right syllable with a tone the character never has
        base = split_tone(syllables[index])[0]
        tones = [
            t
            for t in (1, 2, 3, 4)
            if mark_tone(base, t) not in known and mark_tone(base, t) != syllables[index]
        ]
        if tones and char not in TONE_SANDHI_CHARS and base in bases:
            wrong = mark_tone(base, rng.choice(tones))
            counts["tone_corruptions"] += 1
            counts["tone_caught"] += Code.WRONG_TONE in _codes_at(
                full, word, _replace(syllables, index, wrong), index
            )
        # (c) another reading the character has, wrong for this word
        others = [r for r in known if not same_reading(r, syllables[index])]
        if others and char not in TONE_SANDHI_CHARS and syllables[index] in known:
            wrong = rng.choice(others)
            counts["in_word_corruptions"] += 1
            flagged = _worst(held, word, _replace(syllables, index, wrong)).get(index)
            counts["in_word_caught"] += flagged is not None and flagged >= Severity.WARNING
    return Figures(**counts)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--size", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--loose", action="store_true", help="hide only the sampled words")
    args = parser.parse_args(argv)
    figures = evaluate(args.size, args.seed, strict=not args.loose)
    mode = "loose" if args.loose else "strict"
    print(f"{args.size} words, seed {args.seed}, {mode} hold-out")
    print("\n".join(figures.lines()))
    return 0


if __name__ == "__main__":
    sys.exit(main())

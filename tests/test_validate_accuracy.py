"""Fixed-seed accuracy assertions; benchmarks/eval_validator.py runs the full sample."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

_SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "eval_validator.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_validator", _SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("eval_validator", module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def figures():  # type: ignore[no-untyped-def]
    return _load().evaluate(size=1500, seed=4)


def test_correct_dictionary_readings_give_no_error_and_few_warnings(figures) -> None:
    assert figures.correct_errors == 0
    assert figures.correct_warnings <= 0.005 * figures.words


def test_every_impossible_syllable_is_an_error_at_its_character(figures) -> None:
    assert figures.syllable_corruptions > 1000
    assert figures.syllable_caught == figures.syllable_corruptions


def test_every_impossible_tone_is_an_error_at_its_character(figures) -> None:
    assert figures.tone_corruptions > 1000
    assert figures.tone_caught == figures.tone_corruptions


def test_in_word_wrong_readings_are_flagged_on_held_out_words(figures) -> None:
    assert figures.in_word_corruptions > 500
    assert figures.in_word_caught >= 0.8 * figures.in_word_corruptions


def test_false_warnings_on_held_out_words_stay_rare(figures) -> None:
    assert figures.held_out_false_warnings <= 0.03 * figures.words


def test_the_script_prints_its_figures(capsys: pytest.CaptureFixture[str]) -> None:
    assert _load().main(["--size", "50", "--seed", "3", "--loose"]) == 0
    out = capsys.readouterr().out
    assert "50 words, seed 3, loose hold-out" in out
    assert "(c) in-word-wrong readings flagged" in out

"""When HA210 holds back: evidence that leaves the written reading open, or is too weak."""

from __future__ import annotations

import pytest

from hanzi_annot import Annotation
from hanzi_annot.check.context import Basis, ContextPredictor
from hanzi_annot.check.context_model import ContextModel
from hanzi_annot.check.context_rules import RuleSet
from hanzi_annot.check.incontext import MAX_USUAL_SHARE, MIN_SIGHTINGS, misread_in_context

NO_RULES = RuleSet.from_lines([])


def _predictor(*lines: str, rules: RuleSet | None = NO_RULES) -> ContextPredictor:
    return ContextPredictor(model=ContextModel.from_lines(lines), rules=rules)


def _flags(predictor: ContextPredictor, text: str, index: int, reading: str) -> list[str]:
    annotation = Annotation(text[index], (reading,))
    return [m.message for m in misread_in_context(annotation, text, index, predictor)]


# --- the neighbours leave the written reading open ------------------------------------------

TEXT = "记者了解到，新建的停车场下月开放。"


def test_neighbour_counts_that_read_it_as_written_leave_it_open() -> None:
    predictor = _predictor("了\tR解\tle:1\n")
    found = predictor.predict(TEXT, 2)
    assert found is not None
    assert (found.reading, found.basis) == ("liǎo", Basis.PHRASE)  # 了解 decides
    assert predictor.plausible_readings(TEXT, 2) == ("liǎo", "le")
    assert _flags(predictor, TEXT, 2, "le") == []


def test_neighbour_counts_against_the_written_reading_do_not() -> None:
    predictor = _predictor("了\tR解\tliǎo:3 le:1\n")
    assert predictor.plausible_readings(TEXT, 2) == ("liǎo",)
    assert _flags(predictor, TEXT, 2, "le") == ["了 reads liǎo in 了解, not le"]


def test_a_neighbour_forming_a_word_across_a_boundary_is_no_evidence() -> None:
    # 为了|解决: 解 was counted next to 了 in 了解, a word this sentence does not have;
    # 为 is on the same side of every boundary as 了, so its counts still speak.
    text = "为了解决停车难，街道新建了停车场。"
    predictor = _predictor("了\tR解\tliǎo:1\n")
    found = predictor.predict(text, 1)
    assert found is not None
    assert (found.reading, found.basis) == ("le", Basis.PHRASE)
    assert predictor.plausible_readings(text, 1) == ("le",)
    assert _flags(predictor, text, 1, "liǎo") == ["了 reads le in 为了, not liǎo"]
    with_left = _predictor("了\tL为\tliǎo:1 le:1\n")
    assert with_left.plausible_readings(text, 1) == ("le", "liǎo")
    assert _flags(with_left, text, 1, "liǎo") == []


def test_a_grammar_rule_is_not_overruled_by_neighbour_counts() -> None:
    # before a full stop 长 was zhǎng in the counts (县长。), but 很长 is the adjective
    text = "这条新修的公路很长。"
    predictor = _predictor("长\tR。\tzhǎng:5\n", rules=None)
    found = predictor.predict(text, 8)
    assert found is not None
    assert found.basis is Basis.RULE
    assert "zhǎng" in predictor.plausible_readings(text, 8)
    (message,) = _flags(predictor, text, 8, "zhǎng")
    assert message.startswith("长 reads cháng in 很长")
    assert _flags(predictor, text, 8, "cháng") == []


# --- the usual reading alone -----------------------------------------------------------------

SENTENCE = "检察院递交了结案报告。"


@pytest.mark.parametrize(
    ("prior", "flagged"),
    [
        ("le:20", True),  # never seen as liǎo
        ("le:12 liǎo:1", True),  # seen in under MAX_USUAL_SHARE of the sentences
        ("le:9 liǎo:3", False),  # a quarter: the usual reading cannot rule it out
        ("le:1", False),  # one sentence is too few to say anything
        ("", False),  # the corpus never saw the character
    ],
)
def test_the_usual_reading_flags_only_a_rare_reading(prior: str, flagged: bool) -> None:
    lines = [f"了\t*\t{prior}\n"] if prior else []
    predictor = _predictor(*lines)
    found = predictor.predict(SENTENCE, 5)
    assert found is not None
    assert found.basis is Basis.USUAL
    expected = ["了 usually reads le, not liǎo"] if flagged else []
    assert _flags(predictor, SENTENCE, 5, "liǎo") == expected


def test_the_settings_of_the_usual_reading() -> None:
    assert MIN_SIGHTINGS == 2
    assert 1 / 13 < MAX_USUAL_SHARE < 3 / 12

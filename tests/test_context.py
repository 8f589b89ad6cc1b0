"""The reading-in-context predictor, its model file and the HA210 finding."""

from __future__ import annotations

from pathlib import Path

import pytest

from hanzi_annot import Annotation, Code, Paragraph, Readings, Severity, Text, parse, validate
from hanzi_annot.check.context import Basis, ContextPredictor
from hanzi_annot.check.context_model import PRIOR, ContextModel, default_model, features
from hanzi_annot.check.incontext import misread_in_context, text_offsets

# --- the predictor ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "index", "reading", "evidence"),
    [
        ("市民都很了解这项新政策。", 4, "liǎo", "了解"),
        ("为了解决停车难，街道新建了停车场。", 1, "le", "为了"),
        ("这家银行的行长昨天到任。", 6, "zhǎng", "行长"),
        ("游客们登上长城眺望远山。", 5, "cháng", "长城"),
    ],
)
def test_dictionary_words_in_the_sentence_decide(
    text: str, index: int, reading: str, evidence: str
) -> None:
    found = ContextPredictor().predict(text, index)
    assert found is not None
    assert (found.reading, found.basis, found.evidence) == (reading, Basis.PHRASE, evidence)
    assert found.explain() == f"{text[index]} reads {reading} in {evidence}"


def test_the_model_decides_where_no_word_covers_the_character() -> None:
    model = ContextModel.from_lines(["了\tL来\tle:9 liǎo:1\n", "了\t*\tle:5 liǎo:5\n"])
    found = ContextPredictor(model=model).predict("他们来了", 3)
    assert found is not None
    assert (found.reading, found.basis, found.evidence) == ("le", Basis.MODEL, "来了")
    assert found.confidence == pytest.approx(9.5 / 11)


def test_the_usual_reading_is_the_last_resort() -> None:
    model = ContextModel.from_lines(["了\t*\tle:8 liǎo:2\n"])
    found = ContextPredictor(model=model).predict("了", 0)
    assert found is not None
    assert (found.reading, found.basis) == ("le", Basis.USUAL)
    assert found.explain() == "了 usually reads le"


def test_a_character_with_one_reading_is_certain() -> None:
    found = ContextPredictor().predict("我们的国家", 3)
    assert found is not None
    assert (found.reading, found.confidence, found.basis) == ("guó", 1.0, Basis.USUAL)


def test_unknown_characters_have_no_prediction() -> None:
    assert ContextPredictor().predict("abc", 1) is None
    assert ContextPredictor().predict_text("a国") == (None, ContextPredictor().predict("国", 0))


def test_the_callers_phrases_count_as_a_word_list_per_instance() -> None:
    own = ContextPredictor(Readings(extra_phrases={"曾长": "zēng cháng"}))
    found = own.predict("老曾长。", 2)
    assert found is not None
    assert (found.reading, found.basis, found.evidence) == ("cháng", Basis.WORD_LIST, "曾长")
    plain = ContextPredictor().predict("老曾长。", 2)
    assert plain is not None
    assert plain.basis is not Basis.WORD_LIST  # the other instance is unaffected


def test_predictions_are_remembered_per_context() -> None:
    predictor = ContextPredictor()
    first = predictor.predict("我们了解情况", 2)
    assert predictor.predict("我们了解情况", 2) is first


def test_in_doubt_ignores_neutral_tone_variants() -> None:
    predictor = ContextPredictor(Readings(extra_chars={"㐅": ["wu3", "wu"]}))
    assert not predictor.in_doubt("㐅")
    assert predictor.in_doubt("长")


# --- the model file ---------------------------------------------------------------------


def test_features_look_at_the_neighbours() -> None:
    assert features("了", 0) == ()
    assert features("来了", 1) == ("L来",)
    assert features("了解情况", 0) == ("R解", "RR解情")


def test_the_shipped_model_names_its_source_and_licence() -> None:
    path = Path(__file__).parent.parent / "src/hanzi_annot/check/data/context_model.tsv"
    header = path.read_text(encoding="utf-8")[:1000]
    assert "CPP" in header
    assert "Apache License 2.0" in header
    assert path.stat().st_size < 400_000
    model = default_model()
    assert sum(model.lookup("了", PRIOR).values()) > 10


def test_a_model_round_trips_through_its_lines(tmp_path: Path) -> None:
    model = ContextModel.from_lines(["# comment\n", "\n", "长\tR城\tcháng:3 zhǎng:1\n"])
    target = tmp_path / "model.tsv"
    target.write_text("".join(model.to_lines()), encoding="utf-8")
    again = ContextModel.from_file(target)
    assert again.lookup("长", "R城") == {"cháng": 3, "zhǎng": 1}
    assert again.lookup("长", "R大") == {}


@pytest.mark.parametrize("line", ["长\tR城\n", "长长\tR城\tcháng:3\n", "长\tR城\tcháng\n"])
def test_a_malformed_model_line_is_an_error_with_its_place(line: str) -> None:
    with pytest.raises(ValueError, match=r"model\.tsv:1"):
        ContextModel.from_lines([line], "model.tsv")


# --- HA210 ------------------------------------------------------------------------------


def codes(text: str) -> list[str]:
    return [d.code.code for d in validate(parse(text))]


@pytest.mark.parametrize(
    ("text", "message", "fix"),
    [
        ("记者了(le)解到，这项工程已经完工。", "了 reads liǎo in 了解, not le", "liǎo"),
        ("游客们登上长(zhǎng)城眺望远山。", "长 reads cháng in 长城, not zhǎng", "cháng"),
        ("这家银行的行(xíng)长昨天到任。", "行 reads háng in 行长, not xíng", "háng"),
    ],
)
def test_a_reading_wrong_in_its_sentence_is_a_warning_with_the_evidence(
    text: str, message: str, fix: str
) -> None:
    (diagnostic,) = (d for d in validate(parse(text)) if d.code is Code.MISREAD_IN_CONTEXT)
    assert diagnostic.severity is Severity.WARNING
    assert diagnostic.message == message
    assert diagnostic.edit is not None
    assert diagnostic.edit.replacement == fix
    assert diagnostic.edit.apply(text).count(f"({fix})") == 1
    start = text.index("(") - 1
    assert (diagnostic.line, diagnostic.column) == (1, start + 1)
    assert diagnostic.span.start == start


@pytest.mark.parametrize(
    "text",
    [
        "记者了(liǎo)解到，这项工程已经完工。",
        "游客们登上长(cháng)城眺望远山。",
        "他们昨天来了(le)。",
        "市场一(yí)片繁荣，大家都不(bú)在意。",
        "他们了解(liǎojiě)情况。",
    ],
)
def test_right_readings_in_context_pass(text: str) -> None:
    assert [code for code in codes(text) if code != "HA204"] == []  # (le) has no tone mark


@pytest.mark.parametrize("reading", ["le", "liǎo"])
def test_an_ambiguous_context_accepts_what_a_word_around_it_says(reading: str) -> None:
    predictor = ContextPredictor()
    assert predictor.word_readings("为了解决问题", 1) == ("le", "liǎo")
    assert "HA210" not in codes(f"为了({reading})解决问题。")


def test_a_word_of_two_characters_is_left_to_the_in_word_check() -> None:
    assert codes("游客们登上长城(zhǎngchéng)眺望远山。") == ["HA203"]


def test_traditional_text_is_not_judged_in_context() -> None:
    assert codes("他在銀行(xíng)上班") == []


def test_the_context_check_can_be_switched_off() -> None:
    from hanzi_annot import ValidateOptions

    doc = parse("记者了(le)解到情况。")
    assert "HA210" in codes("记者了(le)解到情况。")
    for options in (ValidateOptions(context=False), ValidateOptions(ignore=["HA210"])):
        assert [d.code.code for d in validate(doc, options=options)] == ["HA204"]


def test_bu_and_yi_with_a_third_tone_are_errors() -> None:
    found = validate(parse("他不(bǔ)去，我一(yǐ)个人去。"))
    assert [(d.code.code, d.severity) for d in found] == [
        ("HA202", Severity.ERROR),
        ("HA202", Severity.ERROR),
    ]
    assert "bù or bú" in found[0].message


def test_the_rule_yields_its_own_findings_for_a_paragraph() -> None:
    paragraph = Paragraph((Text("记者"), Annotation("了", ("le",)), Text("解到。")))
    (at,) = text_offsets(paragraph)
    (annotation,) = paragraph.annotations
    (miss,) = misread_in_context(annotation, paragraph.text, at, ContextPredictor())
    assert (miss.position, miss.start, miss.end, miss.said, miss.expected) == (
        0,
        0,
        1,
        "le",
        "liǎo",
    )
    assert list(misread_in_context(annotation, paragraph.text, at, ContextPredictor(), {0})) == []


def test_an_erhua_unit_is_checked_by_its_first_character() -> None:
    paragraph = Paragraph((Text("他们了解"), Annotation("了儿", ("lèr",)), Text("。")))
    (at,) = text_offsets(paragraph)
    (annotation,) = paragraph.annotations
    found = list(misread_in_context(annotation, paragraph.text, at, ContextPredictor()))
    assert all(miss.said == "lè" for miss in found)

"""The reading-in-context predictor, its model file and the HA210 finding."""

from __future__ import annotations

from pathlib import Path

import pytest

from hanzi_annot import (
    Annotation,
    Code,
    Diagnostic,
    Paragraph,
    Readings,
    Severity,
    Text,
    parse,
    validate,
)
from hanzi_annot.check.context import Basis, ContextPredictor
from hanzi_annot.check.context_model import PRIOR, ContextModel, default_model, features
from hanzi_annot.check.context_rules import ContextRule, RuleSet, default_rules
from hanzi_annot.check.incontext import misread_in_context, text_offsets

NO_RULES = RuleSet.from_lines([])

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
    found = ContextPredictor(model=model, rules=NO_RULES).predict("他们来了", 3)
    assert found is not None
    assert (found.reading, found.basis, found.evidence) == ("le", Basis.MODEL, "来了")
    assert found.confidence == pytest.approx(9.5 / 11)


def test_the_usual_reading_is_the_last_resort() -> None:
    model = ContextModel.from_lines(["了\t*\tle:8 liǎo:2\n"])
    found = ContextPredictor(model=model, rules=NO_RULES).predict("了", 0)
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


def test_a_latin_neighbour_l_is_shown_as_a_neighbour() -> None:
    # the feature "LL" is the left neighbour L, not two characters on the left
    model = ContextModel.from_lines(["长\tLL\tzhǎng:3\n", "长\t*\tcháng:5 zhǎng:5\n"])
    found = ContextPredictor(model=model, rules=NO_RULES).predict("XL长", 2)
    assert found is not None
    assert (found.reading, found.basis, found.evidence) == ("zhǎng", Basis.MODEL, "L长")


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
    assert codes(text) == []  # (le) is a neutral tone: no mark, and not toneless


def test_only_words_the_word_boundaries_keep_whole_count() -> None:
    predictor = ContextPredictor()
    assert sorted(predictor.cuts("为了解决问题", 1)) == [0, 2, 4, 6]
    assert predictor.word_readings("为了解决问题", 1) == ("le",)  # 为了|解决, not 了解
    assert codes("为了(le)解决问题。") == []
    assert _only(validate(parse("为了(liǎo)解决问题。"))) == ("了 reads le in 为了, not liǎo", "le")


def test_a_word_of_two_characters_is_left_to_the_in_word_check() -> None:
    assert codes("游客们登上长城(zhǎngchéng)眺望远山。") == ["HA203"]


def test_traditional_text_is_not_judged_in_context() -> None:
    assert codes("他在銀行(xíng)上班") == []


def test_the_context_check_can_be_switched_off() -> None:
    from hanzi_annot import ValidateOptions

    doc = parse("记者了(le)解到情况。")
    assert "HA210" in codes("记者了(le)解到情况。")
    for options in (ValidateOptions(context=False), ValidateOptions(ignore=["HA210"])):
        assert [d.code.code for d in validate(doc, options=options)] == []


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


def _only(found: tuple[Diagnostic, ...]) -> tuple[str, str | None]:
    """The one HA210 among ``found``: its message and its fix's reading."""
    (diagnostic,) = [d for d in found if d.code.code == "HA210"]
    edit = diagnostic.edit
    return diagnostic.message, None if edit is None else edit.replacement


# --- precision on everyday sentences -----------------------------------------------------


@pytest.mark.parametrize(
    ("wrong", "message", "fix"),
    [
        ("这条路很长(zhǎng)。", "长 reads cháng in 很长 (an adjective after", "cháng"),
        ("河边的柳枝垂得特别长(zhǎng)。", "长 reads cháng in 特别长", "cháng"),
        ("我明天还(hái)你钱。", "还 reads huán in 还你 (a verb with a pronoun object)", "huán"),
        ("周末一定还(hái)他们那本书。", "还 reads huán in 还他们", "huán"),
        ("他慢慢地(dì)走。", "地 reads de in 慢慢地", "de"),
        ("队员们渐渐地(dì)适应了高原气候。", "地 reads de in 渐渐地", "de"),
        ("她每天认真地(dì)学习。", "地 reads de in 认真地", "de"),
        ("这座桥比那座还(hái)长(zhǎng)。", "长 reads cháng in 还长", "cháng"),
        ("我们为(wéi)人民服务。", "为 reads wèi in 为人民", "wèi"),
        ("递交了(liǎo)结案报告", "了 usually reads le", "le"),
        ("这台机器修了三天还是修不了(le)。", "了 reads liǎo in 不了", "liǎo"),
    ],
)
def test_everyday_sentences_are_read_right(wrong: str, message: str, fix: str) -> None:
    found_message, found_fix = _only(validate(parse(wrong)))
    assert found_message.startswith(message)
    assert found_fix == fix


@pytest.mark.parametrize(
    "right",
    [
        "这条路很长(cháng)。",
        "头发很长(cháng)。",
        "新修的堤坝比原来长(cháng)了一倍。",
        "我明天还(huán)你钱。",
        "他慢慢地(de)走。",
        "我们为(wèi)人民服务。",
        "社区工作人员为(wèi)大家送来了口罩。",
        "检察院递交了(le)结案报告。",
        "递交了(le)结案报告",
        "他们已经来了(le)。",
        "你吃饭了吗(ma)？",
        "这是我的(de)书。",
        "孩子们看着(zhe)窗外。",
        "他跑得(de)很快。",
        "这座桥比那座还(hái)长(cháng)。",
        "她每天认真地(de)学习。",
        "大家高高兴兴地(de)回家了。",
        "这块地(dì)种满了玉米。",
        "小树苗长(zhǎng)高了。",
        "市长(zhǎng)今天视察了工地。",
        "他把钱还(huán)给了银行。",
        "天还(hái)没亮，工人们就出发了。",
        "这次活动以学生为(wéi)主。",
        "这个包很重(zhòng)。",
        "大家都(dōu)同意。",
        "我和(hé)你一起去。",
        "这件事我了(liǎo)解得不多。",
        "比赛结束了(le)，观众慢慢地(de)散去。",
    ],
)
def test_everyday_sentences_pass(right: str) -> None:
    assert codes(right) == []


def test_a_phrase_across_a_word_boundary_has_no_vote() -> None:
    predictor = ContextPredictor()
    text = "我们为人民服务。"
    assert sorted(predictor.cuts(text, 2)) == [0, 2, 3, 5, 7, 8]
    assert predictor.word_readings(text, 2) == ()  # 为人 crosses 为|人民
    found = predictor.predict(text, 2)
    assert found is not None
    assert (found.reading, found.basis) == ("wèi", Basis.RULE)
    # the caller's word boundaries decide when given: with 为人 kept whole it counts again
    whole = predictor.predict(text, 2, cuts={0, 2, 4, 5, 7, 8})
    assert whole is not None
    assert (whole.reading, whole.evidence) == ("wéi", "为人")


def test_a_whole_dictionary_word_outranks_a_rule() -> None:
    found = ContextPredictor().predict("这些孩子很长寿。", 5)  # 很|长寿: not the 很长 rule
    assert found is not None
    assert (found.reading, found.basis, found.evidence) == ("cháng", Basis.PHRASE, "长寿")


def test_rules_are_data() -> None:
    rules = RuleSet.from_lines(
        [
            "# a comment\n",
            "@SMALL\t小 少\n",
            "行\tháng\t@SMALL|AA\t$\ta test rule\n",
        ]
    )
    (rule,) = rules.rules["行"]
    assert rule == ContextRule("行", "háng", ("AA", "小", "少"), ("$",), "a test rule")
    assert rules.match("小行。", 1) == (rule, "小行")
    assert rules.match("排排行", 2) == (rule, "排排行")
    assert rules.match("小行人", 1) is None  # not at a clause end
    assert rules.match("大行", 1) is None
    with pytest.raises(ValueError, match="unknown class"):
        RuleSet.from_lines(["行\tháng\t@NONE\t\twhy\n"])
    with pytest.raises(ValueError, match=":1: expected"):
        RuleSet.from_lines(["行\tháng\n"])
    assert default_rules().match("我明天还你钱", 3) is not None


def test_a_rule_for_a_reading_the_character_lacks_is_ignored() -> None:
    rules = RuleSet.from_lines(["长\tzhàng\t很\t\ta wrong rule\n"])
    found = ContextPredictor(rules=rules).predict("这条路很长。", 4)
    assert found is not None
    assert found.basis is not Basis.RULE


@pytest.mark.parametrize("text", ["他来了(le)。", "你好吗(ma)？", "我的(de)书", "看着(zhe)我"])
def test_a_neutral_tone_reading_of_the_character_is_not_toneless(text: str) -> None:
    assert codes(text) == []


def test_toneless_pinyin_that_is_no_neutral_reading_is_still_reported() -> None:
    assert "HA204" in codes("中国(zhongguo)")
    assert "HA204" in codes("国(guo)")


def test_boundaries_given_as_any_collection_predict_the_same() -> None:
    # annotate() passes every boundary of a long paragraph: a set, a list or a tuple of
    # them must give one answer (each is looked up near the character, never walked).
    text = "他了解情况，递交了结案报告，为了解决问题，这条路很长。" * 40
    predictor = ContextPredictor()
    bounds = frozenset(cut for i in range(len(text)) for cut in predictor.cuts(text, i))
    checked = 0
    for index, char in enumerate(text):
        if char not in "了解长":
            continue
        expected = predictor.predict(text, index, bounds)
        assert expected is not None
        words = predictor.word_readings(text, index, bounds)
        plausible = predictor.plausible_readings(text, index, bounds)
        for cuts in (sorted(bounds), tuple(bounds), set(bounds)):
            assert predictor.predict(text, index, cuts) == expected
            assert predictor.word_readings(text, index, cuts) == words
            assert predictor.plausible_readings(text, index, cuts) == plausible
        checked += 1
    assert checked == 40 * 6

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest

from hanzi_annot import (
    Annotation,
    Code,
    Origin,
    Paragraph,
    Readings,
    Severity,
    Text,
    ValidateOptions,
    Validator,
    parse,
    parse_inline,
    validate,
)
from hanzi_annot.positions import LineIndex

SAMPLE = Path(__file__).parent / "pages" / "reading_rooms_scraped.txt"


def replacement(diagnostic):
    """The machine fix's new pinyin, or None when the finding has no edit."""
    return None if diagnostic.edit is None else diagnostic.edit.replacement


def codes(text: str, **kwargs: object) -> list[str]:
    return [d.code.code for d in validate(parse(text), **kwargs)]  # type: ignore[arg-type]


def only(text: str) -> object:
    found = validate(parse(text))
    assert len(found) == 1, [str(d) for d in found]
    return found[0]


def test_correct_news_sentence_is_clean() -> None:
    text = "市民在家门口的城市书房(shūfáng)享受便捷(biànjié)的公共文化服务(fúwù)。"
    assert validate(parse(text)) == ()


def test_syllable_that_is_no_reading_is_an_error_at_its_character() -> None:
    found = only("全市举办读书(dúxiū)活动三千余场。")
    assert found.code is Code.NOT_A_READING
    assert found.severity is Severity.ERROR
    assert (found.line, found.column) == (1, 6)  # 书, not the annotation start
    assert "shū" in found.message
    assert found.edit.replacement == "dúshū"


def test_suggestions_put_the_word_reading_first() -> None:
    found = only("当地银行(yínjiàng)推出便民服务。")
    assert found.code is Code.NOT_A_READING
    assert found.message.endswith("it reads háng, xíng, héng, xìng, hàng")
    assert found.edit.replacement == "yínháng"


def test_wrong_tone_is_an_error_with_the_right_tone_as_fix() -> None:
    found = only("泉州是著名(zhūmíng)的历史文化名城。")
    assert found.code is Code.WRONG_TONE
    assert (found.line, found.column) == (1, 4)
    assert found.edit.replacement == "zhùmíng"


def test_reading_right_for_the_character_but_not_the_word_is_a_warning() -> None:
    found = only("他们与当地银行(yínxíng)合作。")
    assert found.code is Code.WRONG_IN_WORD
    assert found.severity is Severity.WARNING
    assert found.column == 7
    assert "háng" in found.message
    assert found.edit.replacement == "yínháng"


def test_in_word_check_covers_words_inside_longer_annotations() -> None:
    found = only("让孩子在书香中长大成人(chángdàchéngrén)。")
    assert found.code is Code.WRONG_IN_WORD
    assert found.column == 8


def test_unknown_word_is_judged_by_words_sharing_its_characters() -> None:
    # 银行网点 is in no dictionary; 银行 inside it is, so xíng is flagged.
    found = only("新建银行网点(yínxíngwǎngdiǎn)十二个。")
    assert found.code is Code.WRONG_IN_WORD


def test_context_check_can_be_switched_off() -> None:
    text = "他们与当地银行(yínxíng)合作。"
    assert codes(text, options=ValidateOptions(context=False)) == []


@pytest.mark.parametrize(
    "text",
    [
        "一个(yígè)书房",
        "一个(yīgè)书房",
        "不是(búshì)问题",
        "不是(bùshì)问题",
        "一起(yìqǐ)阅读",
    ],
)
def test_yi_and_bu_accept_citation_and_changed_tone(text: str) -> None:
    assert codes(text) == []


@pytest.mark.parametrize("text", ["买了很多东西(dōngxi)。", "和朋友(péngyou)一起读书。"])
def test_neutral_tone_on_a_later_syllable_is_at_most_info(text: str) -> None:
    found = validate(parse(text))
    assert all(d.severity is Severity.INFO for d in found)


def test_neutral_tone_on_a_first_syllable_is_a_wrong_tone() -> None:
    assert codes("市民(shimín)踊跃参加") == ["HA202"]


def test_erhua_validates_like_its_base_syllable() -> None:
    assert codes("再多读一点儿(yīdiǎnr)书。") == []
    found = only("再多读一点儿(yīdiānr)书。")
    assert found.code is Code.WRONG_TONE
    assert found.span.end - found.span.start == 2  # 点儿
    assert found.edit.replacement == "yīdiǎnr"


def test_capitalised_proper_noun_validates_like_lowercase() -> None:
    assert codes("福建省泉州(Quánzhōu)市") == []
    found = only("福建省泉州(Quánzhòu)市")
    assert found.edit.replacement == "Quánzhōu"


@pytest.mark.parametrize(
    "text", ["在當地銀行(yínháng)工作", "欣賞音樂(yīnyuè)會", "東西(dōngxī)很多"]
)
def test_traditional_text_gets_no_context_warning(text: str) -> None:
    assert codes(text) == []


def test_traditional_text_still_gets_per_character_errors() -> None:
    assert codes("在當地銀行(yínxiáng)工作") == ["HA201"]


def test_character_unknown_to_the_dictionary_is_info() -> None:
    found = only("新开的\U0002b81d(fū)店")
    assert found.code is Code.UNKNOWN_CHARACTER
    assert found.severity is Severity.INFO


def test_user_readings_teach_the_validator_names_and_jargon() -> None:
    text = "新开的\U0002b81d(fū)店"
    readings = Readings(extra_chars={"\U0002b81d": ["fu1"]})
    assert codes(text, readings=readings) == []


def test_tones_missing_is_a_warning_with_a_fix_when_the_tones_are_certain() -> None:
    found = only("读者(duzhe)超过三万人次")
    assert found.code is Code.TONES_MISSING
    assert found.edit.replacement == "dúzhě"
    assert (found.line, found.column) == (1, 3)  # the parenthesis


def test_tones_missing_has_no_fix_when_a_tone_is_uncertain() -> None:
    found = validate(parse("出台实施方案(fangan)"))
    assert [d.code for d in found] == [Code.TONES_MISSING, Code.MISSING_APOSTROPHE]
    assert all(d.edit is None and d.hint is None for d in found)


def test_misplaced_tone_mark_is_a_warning_with_the_canonical_spelling() -> None:
    found = only("城市书房遍布各区(qū),深受市民喜爱,是一张金名片(jīnmíngpiàn),贵(gùi)在坚持")
    assert found.code is Code.MISPLACED_TONE_MARK
    assert found.edit.replacement == "guì"


def test_v_and_u_colon_for_u_umlaut_are_warnings() -> None:
    assert codes("优先考虑(kao3lv4)选址") == ["HA206"]
    assert codes("绿色(lu:4se4)出行") == ["HA206"]
    assert validate(parse("绿色(lv4sè)出行"))[0].edit.replacement == "lǜsè"


def test_missing_apostrophe_is_a_warning() -> None:
    found = only("出台实施方案(fāngàn)")
    assert found.code is Code.MISSING_APOSTROPHE
    assert found.edit.replacement == "fāng'àn"


@pytest.mark.parametrize(
    "text", ["实施方案(fāng'àn)", "实施方案(fāng àn)", "实施方案(fang1an4)", "著名(zhu4 ming2)"]
)
def test_accepted_spellings_are_quiet(text: str) -> None:
    assert codes(text) == []


def test_diagnostics_come_in_document_order_across_lines() -> None:
    text = "泉州是著名(zhūmíng)的城市\n当地银行(yínxíng)与读书(dúxiū)活动"
    found = validate(parse(text, path="news.txt"))
    assert [(d.line, d.column, d.code.code) for d in found] == [
        (1, 4, "HA202"),
        (2, 4, "HA203"),
        (2, 16, "HA201"),
    ]
    assert str(found[0]).startswith("news.txt:1:4: HA202 ")
    assert json.loads(json.dumps(found[1].to_dict()))["code"] == "HA203"


def test_severity_override_ignore_and_select() -> None:
    text = "当地银行(yínxíng)与读书(dúxiū)活动"
    quiet = ValidateOptions(severity={"HA203": Severity.INFO}, ignore=[Code.NOT_A_READING])
    found = validate(parse(text), options=quiet)
    assert [(d.code.code, d.severity) for d in found] == [("HA203", Severity.INFO)]
    picked = validate(parse(text), options=ValidateOptions(select=["HA201"]))
    assert [d.code.code for d in picked] == ["HA201"]


def test_unknown_code_in_options_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="HA999"):
        ValidateOptions(ignore=["HA999"])


def test_paragraph_and_annotation_positions() -> None:
    result = parse_inline("读书(dúxiū)活动", offset=10)
    paragraph = Paragraph(result.tokens)
    found = validate(paragraph)
    # Spans stay offsets into the input; the column counts from the paragraph's start.
    assert (found[0].span.start, found[0].line, found[0].column) == (11, 1, 2)
    lines = LineIndex.of("第一行\n" + " " * 6 + "读书(dúxiū)活动")
    located = validate(paragraph, origin=Origin("a.txt", lines))
    assert (located[0].line, located[0].column, located[0].path) == (2, 8, "a.txt")
    lone = validate(Annotation("读书", ("dú", "xiū")))
    assert (lone[0].span.start, lone[0].column) == (1, 2)


NEWS = (
    "书香满城 城市书房受欢迎\n"
    "近年来,泉州市建成城市书房一百二十家。\n"
    "市民在书房读书(dúxiū),还能借阅(jièyuè)新书。\n"
)


def test_paragraph_of_a_parsed_document_is_placed_by_its_origin() -> None:
    document = parse(NEWS, path="news.txt")
    paragraph = document.sections[0].paragraphs[1]
    (whole,) = validate(document)
    (located,) = validate(paragraph, origin=document.origin)
    assert located == whole
    assert (located.path, located.line, located.column) == ("news.txt", 3, 7)


def test_paragraph_without_origin_counts_columns_from_its_own_start() -> None:
    document = parse(NEWS, path="news.txt")
    paragraph = document.sections[0].paragraphs[1]
    (found,) = validate(paragraph)
    assert found.span == validate(document)[0].span  # still an offset into the input
    assert (found.path, found.line, found.column) == (None, 1, 7)  # 书 is the 7th character
    (annotation,) = (t for t in paragraph.tokens if isinstance(t, Annotation) and t.hanzi == "读书")
    (alone,) = validate(annotation)
    assert (alone.line, alone.column) == (1, 2)


def test_each_finding_fixes_only_what_it_is_about() -> None:
    found = validate(parse("贵宾楼(gùibínlóu)今日开放。"))
    assert [(d.code.code, replacement(d)) for d in found] == [
        ("HA202", "gùibīnlóu"),  # the tone of 宾; the misplaced mark stays
        ("HA205", "guìbínlóu"),  # the mark; the wrong tone of 宾 stays
    ]


def test_a_fix_keeps_tone_numbers_when_other_spelling_stays() -> None:
    found = validate(parse("女贵宾(nv3gui4bin2)优先入场。"))
    assert [(d.code.code, replacement(d)) for d in found] == [
        ("HA202", "nv3gui4bin1"),
        ("HA206", "nǚguìbín"),
    ]


def test_severity_overrides_take_part_in_equality_and_hashing() -> None:
    plain = ValidateOptions()
    quiet = ValidateOptions(severity={"HA203": Severity.INFO})
    assert quiet != plain
    assert len({plain, quiet}) == 2
    assert quiet == ValidateOptions(severity={Code.WRONG_IN_WORD: Severity.INFO})
    assert hash(quiet) == hash(ValidateOptions(severity={Code.WRONG_IN_WORD: Severity.INFO}))
    both = ValidateOptions(severity={"HA208": Severity.WARNING, "HA203": Severity.INFO})
    assert both == ValidateOptions(severity={"HA203": Severity.INFO, "HA208": Severity.WARNING})
    assert attrs.evolve(both, context=False).severity == both.severity
    assert both.severity_of(Code.NEUTRAL_TONE) is Severity.WARNING
    assert both.severity_of(Code.WRONG_TONE) is Severity.ERROR


def test_paragraph_built_by_hand_is_placed_by_its_markup() -> None:
    assert validate(Paragraph([])) == ()
    built = Paragraph([Text("市民"), Annotation("读书", ("dú", "xiū")), Text("。")])
    assert validate(built)[0].span.start == 3


def test_validating_something_else_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="Document, Paragraph or Annotation"):
        validate("读书(dúshū)")  # type: ignore[arg-type]


def test_validator_caches_repeated_annotations() -> None:
    validator = Validator()
    first = validator.check(Annotation("著名", ("zhū", "míng")))
    again = validator.check(Annotation("著名", ("zhū", "míng")))
    assert first is again
    assert [f.code for f in first] == [Code.WRONG_TONE]


def test_sample_page_validates_with_zero_errors() -> None:
    document = parse(SAMPLE.read_text(encoding="utf-8"), path=str(SAMPLE))
    assert sum(1 for _ in document.annotations) >= 25
    found = validate(document)
    assert not [d for d in found if d.severity >= Severity.WARNING]


def test_full_width_tone_digits_are_tones() -> None:
    (annotation,) = parse_inline("国家（ｇｕｏ２ｊｉａ１）").tokens
    assert validate(annotation) == ()
    (wrong,) = parse_inline("著名（ｚｈｕ１ｍｉｎｇ２）").tokens
    assert [d.code for d in validate(wrong)] == [Code.WRONG_TONE]

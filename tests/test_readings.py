from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from hanzi_annot import Readings, parse, validate
from hanzi_annot.pinyin.readings import (
    _phrase_table,
    _pypinyin_data,
    _WordFinder,
    phrase_dictionary,
)


def test_char_and_phrase_readings_are_separate_questions() -> None:
    readings = Readings()
    assert {"xíng", "háng"} <= set(readings.char_readings("行"))
    assert readings.phrase_reading("银行") == ("yín", "háng")
    assert readings.phrase_reading("书房阅读") is None


def test_extra_phrases_replace_the_dictionary_reading() -> None:
    readings = Readings(extra_phrases={"银行": ["yin2", "xing2"]})
    assert readings.phrase_reading("银行") == ("yín", "xíng")
    assert readings.pair_counts("银行", 1)["xíng"] == 1
    assert validate(parse("当地银行(yínxíng)"), readings=readings) == ()


def test_bad_extra_phrase_is_refused_clearly() -> None:
    with pytest.raises(ValueError, match="one valid syllable per character"):
        Readings(extra_phrases={"银行": ["yin2"]})


def test_exclude_phrases_hides_words_and_their_counts() -> None:
    full = Readings()
    hidden = Readings(exclude_phrases=["银行"])
    assert hidden.phrase_reading("银行") is None
    assert hidden.pair_counts("银行", 1)["háng"] == full.pair_counts("银行", 1)["háng"] - 1
    assert hidden.reading_counts("银")["yín"] == full.reading_counts("银")["yín"] - 1


def test_traditional_characters_are_not_in_the_phrase_data() -> None:
    readings = Readings()
    assert readings.in_phrase_data("银")
    assert not readings.in_phrase_data("銀")
    assert readings.char_readings("銀") == ("yín",)


def test_from_file_reads_chars_and_phrases(tmp_path: Path) -> None:
    path = tmp_path / "names.json"
    path.write_text(
        json.dumps({"chars": {"\U0002b81d": ["fū"]}, "phrases": {"书房": "shu1 fang2"}}),
        encoding="utf-8",
    )
    readings = Readings.from_file(path)
    assert readings.char_readings("\U0002b81d") == ("fū",)
    assert readings.phrase_reading("书房") == ("shū", "fáng")


@pytest.mark.parametrize("content", ["[1, 2]", "{not json"])
def test_from_file_refuses_bad_files(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.json"):
        Readings.from_file(path)


def test_phrase_dictionary_is_read_only() -> None:
    dictionary = phrase_dictionary()
    assert dictionary["长大"] == ("zhǎng", "dà")
    with pytest.raises(TypeError):
        dictionary["长大"] = ("cháng", "dà")  # type: ignore[index]


def test_extra_readings_accept_a_string_of_syllables() -> None:
    readings = Readings(extra_chars={"㐅": "wu3, wǔ wu2"}, extra_phrases={"测站": "ce4 zhan4"})
    assert readings.char_readings("㐅") == ("wǔ", "wú")
    assert readings.phrase_reading("测站") == ("cè", "zhàn")


@pytest.mark.parametrize(
    "extra_chars",
    [{"㐅": 5}, {"㐅": "zzz"}, {"两字": "wu3"}, {"㐅": ["wu3", 3]}, {"㐅": {"wu": 3}}],
)
def test_bad_extra_readings_are_refused_clearly(extra_chars: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="readings of"):
        Readings(extra_chars=extra_chars)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "content",
    ['{"chars": {"x": 5}}', '{"chars": ["x"]}', '{"phrases": {"国家": 5}}', "[1]", "{"],
)
def test_bad_readings_files_name_the_file(tmp_path: Path, content: str) -> None:
    path = tmp_path / "jargon.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=r"jargon\.json"):
        Readings.from_file(path)


def test_caches_are_bounded_and_owned_by_the_instance() -> None:
    readings = Readings(cache_size=8)
    chars = "国家书香泉州城市阅读热情服务"
    answers = {char: readings.char_readings(char) for char in chars}
    for char in chars:
        readings.reading_counts(char)
        readings.phrase_reading(char + "家")
    caches = (readings._char_cache, readings._count_cache, readings._phrase_cache)
    assert all(4 <= len(cache) <= 8 for cache in caches)
    # evicted entries are computed again, with the same answer
    assert {char: readings.char_readings(char) for char in chars} == answers
    assert len(Readings()._char_cache) == 0  # a new instance starts empty


def test_readings_pickle_with_their_additions() -> None:
    import pickle

    readings = Readings(extra_chars={"㐅": ["wu3"]}, cache_size=16)
    readings.char_readings("国")
    copy = pickle.loads(pickle.dumps(readings))
    assert copy.char_readings("㐅") == ("wǔ",)
    assert copy.char_readings("国") == readings.char_readings("国")


def test_cache_size_must_be_positive() -> None:
    with pytest.raises(ValueError, match="cache_size must be at least 1"):
        Readings(cache_size=0)


def test_data_read_from_files_is_what_pypinyin_imports(monkeypatch: pytest.MonkeyPatch) -> None:
    from pypinyin.phrases_dict import phrases_dict
    from pypinyin.pinyin_dict import pinyin_dict

    # Imported already: shared, not read again.
    assert _pypinyin_data("phrases_dict") is phrases_dict
    assert _pypinyin_data("pinyin_dict") is pinyin_dict
    # Not imported: read from pypinyin's JSON files, the same data.
    monkeypatch.delitem(sys.modules, "pypinyin.phrases_dict")
    monkeypatch.delitem(sys.modules, "pypinyin.pinyin_dict")
    from_file = _pypinyin_data("phrases_dict")
    assert from_file is not phrases_dict
    assert from_file == phrases_dict
    codes = _pypinyin_data("pinyin_dict")
    assert {int(code): value for code, value in codes.items()} == pinyin_dict


def test_scanning_finds_the_same_words_as_the_index() -> None:
    finder = _WordFinder(_phrase_table(), scan_limit=10**9)
    index = finder._build_index()
    parts = [*sorted(index)[::97], "行", "银行", "不", "了", "\n", "", "zz"]
    for part in parts:
        assert finder._scan(part) == index.get(part, []), part


def test_word_finder_builds_its_index_after_enough_questions() -> None:
    finder = _word_finder_over(["银行", "行长", "长城"], scan_limit=2)
    assert list(finder.containing("行")) == ["银行", "行长"]
    assert list(finder.containing("长")) == ["行长", "长城"]
    assert finder._index is None
    assert list(finder.containing("银行")) == ["银行"]
    assert finder._index is not None
    assert list(finder.containing("长城")) == ["长城"]


def _word_finder_over(words: list[str], scan_limit: int) -> _WordFinder:
    return _WordFinder(words, scan_limit=scan_limit)


def test_the_number_of_memo_tables_is_bounded() -> None:
    from hanzi_annot.pinyin.readings import MAX_TABLES

    readings = Readings()
    first = readings.table(("asker", 0))
    first.put("国", "guó")
    for number in range(1, MAX_TABLES * 3):  # kinds made per call (options, say)
        readings.table(("asker", number)).put("国", "guó")
        assert len(readings._tables) <= MAX_TABLES
    assert readings.table(("asker", 0)) is not first  # the oldest went first
    assert first.find("国") == "guó"  # whoever holds it keeps using it


def test_validators_share_findings_whatever_they_report() -> None:
    from hanzi_annot import Code, ValidateOptions, Validator

    readings = Readings()
    for number in range(20):  # report options that do not change the findings
        codes = [code for bit, code in enumerate(Code) if number >> bit & 1]
        Validator(ValidateOptions(ignore=codes), readings).validate(parse("国家(guójiā)"))
    Validator(ValidateOptions(context=False), readings).validate(parse("国家(guójiā)"))
    assert len(readings._tables) == 2  # findings with and without context (parse() used its own)

"""Tests for hanzi_annot.pinyin.syllables: inventory, normalisation, marks and segmentation."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hanzi_annot.check.spelling import letters_of
from hanzi_annot.pinyin.segmentation import (
    MAX_SEGMENTATIONS,
    count_segmentations,
    first_segmentation,
    split_syllables,
)
from hanzi_annot.pinyin.syllables import (
    EDGE_SYLLABLES,
    REJECTED_SYLLABLES,
    SEPARATORS,
    TONE_MARKS,
    TONELESS_SYLLABLES,
    apply_case,
    has_tone_mark,
    is_erhua,
    is_valid_base,
    looks_like_pinyin,
    mark_tone,
    normalize_syllable,
    scan_pinyin,
    split_tone,
    to_numbered,
)

NFD = "NFD"

# --- inventory -------------------------------------------------------------------------

# The Hanyu Pinyin table written the other way round from the module: for each final in
# its underlying form, the initials it combines with ("0" = zero initial). Spelling rules
# are applied by `spell` below, so this is an independent check of the module's table.
GRID = {
    "a": "b p m f d t n l g k h zh ch sh z c s 0",
    "o": "b p m f",
    "e": "m d t n l g k h zh ch sh r z c s 0",
    "-i": "zh ch sh r z c s",
    "ai": "b p m d t n l g k h zh ch sh z c s 0",
    "ei": "b p m f d n l g h z",
    "ao": "b p m d t n l g k h zh ch sh r z c s 0",
    "ou": "p m f d t l g k h zh ch sh r z c s 0",
    "an": "b p m f d t n l g k h zh ch sh r z c s 0",
    "en": "b p m f n g k h zh ch sh r z c s 0",
    "ang": "b p m f d t n l g k h zh ch sh r z c s 0",
    "eng": "b p m f d t n l g k h zh ch sh r z c s",
    "ong": "d t n l g k h zh ch r z c s",
    "er": "0",
    "i": "b p m d t n l j q x 0",
    "ia": "l j q x 0",
    "ie": "b p m d t n l j q x 0",
    "iao": "b p m d t n l j q x 0",
    "iou": "m d n l j q x 0",
    "ian": "b p m d t n l j q x 0",
    "in": "b p m n l j q x 0",
    "iang": "n l j q x 0",
    "ing": "b p m d t n l j q x 0",
    "iong": "j q x 0",
    "u": "b p m f d t n l g k h zh ch sh r z c s 0",
    "ua": "g k h zh sh 0",
    "uo": "d t n l g k h zh ch sh r z c s 0",
    "uai": "g k h zh ch sh 0",
    "uei": "d t g k h zh ch sh r z c s 0",
    "uan": "d t n l g k h zh ch sh r z c s 0",
    "uen": "d t l g k h zh ch sh r z c s 0",
    "uang": "g k h zh ch sh 0",
    "ueng": "0",
    "ü": "n l j q x 0",
    "üe": "n l j q x 0",
    "üan": "j q x 0",
    "ün": "j q x 0",
}


def spell(initial: str, final: str) -> str:
    if final == "-i":
        return initial + "i"
    if initial == "0":
        if final in ("i", "in", "ing"):
            return "y" + final
        if final.startswith("i"):
            return "y" + final[1:]
        if final == "u":
            return "wu"
        if final.startswith("u"):
            return "w" + final[1:]
        if final.startswith("ü"):
            return "yu" + final[1:]
        return final
    final = {"iou": "iu", "uei": "ui", "uen": "un"}.get(final, final)
    if initial in "jqx":
        final = final.replace("ü", "u")
    return initial + final


GRID_SYLLABLES = {spell(i, f) for f, inits in GRID.items() for i in inits.split()}


def test_grid_spelling_sanity() -> None:
    assert {"yi", "you", "wei", "wen", "yue", "yuan", "niu", "gui", "lun", "ju", "xue"} <= (
        GRID_SYLLABLES
    )
    assert len(GRID_SYLLABLES) == 397


def test_inventory_size() -> None:
    assert 400 <= len(TONELESS_SYLLABLES) <= 430
    assert len(TONELESS_SYLLABLES) == 420


def test_inventory_matches_cited_table() -> None:
    assert GRID_SYLLABLES <= TONELESS_SYLLABLES
    assert TONELESS_SYLLABLES - GRID_SYLLABLES <= EDGE_SYLLABLES


def test_edge_and_rejected() -> None:
    edge = "ê m n ng hm hng o yo lo ei eng shei zhei tei kei cei den nou rua dia fiao nun"
    edge += " lia zei chua lüe nüe lü nü"
    assert set(edge.split()) == EDGE_SYLLABLES
    assert EDGE_SYLLABLES <= TONELESS_SYLLABLES
    assert {"biang", "bong", "din", "len", "nia", "wong"} == REJECTED_SYLLABLES
    assert not REJECTED_SYLLABLES & TONELESS_SYLLABLES
    for bad in ("biang", "wong", "lv", "lu:", "xü", "ra", "bou", "Ma", "zhi4", ""):
        assert bad not in TONELESS_SYLLABLES
    for word in TONELESS_SYLLABLES:
        assert word == word.lower() == unicodedata.normalize("NFC", word)
        assert word.isalpha()
        assert "v" not in word


def _pypinyin_readings() -> set[str]:
    from pypinyin.pinyin_dict import pinyin_dict

    return {r for value in pinyin_dict.values() for r in value.split(",")}


def test_pypinyin_syllables_are_known_or_rejected() -> None:
    bases = {split_tone(r)[0] for r in _pypinyin_readings()}
    assert bases - TONELESS_SYLLABLES <= REJECTED_SYLLABLES
    assert bases >= REJECTED_SYLLABLES  # we only reject what really occurs there


def test_pypinyin_readings_normalise_to_themselves() -> None:
    # pypinyin places tone marks by the same rule, so every reading is canonical here.
    for reading in _pypinyin_readings():
        expected = unicodedata.normalize("NFC", reading)
        if split_tone(reading)[0] in REJECTED_SYLLABLES:
            assert normalize_syllable(reading) is None
        else:
            assert normalize_syllable(reading) == expected, reading


def test_erhua() -> None:
    for word in ("dianr", "huar", "nar", "zher", "wanr", "yidianr"[2:], "menr", "yor"):
        assert is_erhua(word)
        assert is_valid_base(word)
        assert word not in TONELESS_SYLLABLES
    for word in ("er", "err", "êr", "mr", "nr", "ngr", "hmr", "hngr", "r", "", "xr", "dianrr"):
        assert not is_erhua(word)
    assert is_valid_base("zhong")
    assert not is_valid_base("Zhong")
    assert not is_valid_base("zhòng")


# --- tones, marks and case -------------------------------------------------------------


def test_tone_marks_table() -> None:
    assert dict(TONE_MARKS) == {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}
    assert "\u0308" not in TONE_MARKS
    assert has_tone_mark("guójiā")
    assert has_tone_mark("gu" + "o\u0301")
    assert not has_tone_mark("lü ê xu")
    assert not has_tone_mark("")


@pytest.mark.parametrize(
    ("syllable", "expected"),
    [
        ("Guó", ("guo", 2)),
        ("lǜ", ("lü", 4)),
        ("de", ("de", 5)),
        ("diǎnr", ("dianr", 3)),
        ("ḿ", ("m", 2)),
        ("ê̄", ("ê", 1)),
        ("ế", ("ê", 2)),
        ("hm\u0300", ("hm", 4)),
        ("ǹg", ("ng", 4)),
        ("LǙ", ("lü", 3)),
        ("zhu" + "\u0300", ("zhu", 4)),
    ],
)
def test_split_tone(syllable: str, expected: tuple[str, int]) -> None:
    assert split_tone(syllable) == expected


def test_split_tone_two_marks() -> None:
    with pytest.raises(ValueError, match="more than one"):
        split_tone("xīān")


@pytest.mark.parametrize(
    ("base", "tone", "expected"),
    [
        ("gui", 3, "guǐ"),
        ("liu", 4, "liù"),
        ("duo", 1, "duō"),
        ("xue", 2, "xué"),
        ("lüe", 4, "lüè"),
        ("lü", 4, "lǜ"),
        ("nü", 3, "nǚ"),
        ("er", 2, "ér"),
        ("zhou", 1, "zhōu"),
        ("you", 3, "yǒu"),
        ("hao", 3, "hǎo"),
        ("mei", 2, "méi"),
        ("jiong", 3, "jiǒng"),
        ("shuang", 1, "shuāng"),
        ("lia", 3, "liǎ"),
        ("dianr", 3, "diǎnr"),
        ("huar", 1, "huār"),
        ("wanr", 2, "wánr"),
        ("de", 5, "de"),
        ("m", 2, "\u1e3f"),
        ("m", 1, "m\u0304"),
        ("m", 4, "m\u0300"),
        ("m", 3, "m\u030c"),
        ("n", 2, "\u0144"),
        ("n", 3, "\u0148"),
        ("n", 4, "\u01f9"),
        ("n", 1, "n\u0304"),
        ("ng", 2, "\u0144g"),
        ("hm", 1, "hm\u0304"),
        ("hng", 4, "h\u01f9g"),
        ("ê", 2, "\u1ebf"),
        ("ê", 4, "\u1ec1"),
        ("ê", 1, "\u00ea\u0304"),
        ("ê", 3, "\u00ea\u030c"),
    ],
)
def test_mark_tone(base: str, tone: int, expected: str) -> None:
    assert mark_tone(base, tone) == expected
    assert unicodedata.is_normalized("NFC", mark_tone(base, tone))


@pytest.mark.parametrize(("base", "tone"), [("zhx", 1), ("Ma", 1), ("ma", 0), ("ma", 6)])
def test_mark_tone_rejects(base: str, tone: int) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - two different messages
        mark_tone(base, tone)


def test_apply_case() -> None:
    assert apply_case("Quan2", "quán") == "Quán"
    assert apply_case("XI1", "xī") == "XĪ"
    assert apply_case("LV4", "lǜ") == "LǛ"
    assert apply_case("ê", "ê") == "ê"
    assert apply_case("Ê", "ế") == "Ế"
    assert apply_case("Ｚhu", "zhù") == "Zhù"
    assert apply_case("Z", "zhù") == "Zhù"  # letters beyond the template stay
    assert apply_case("", "zhù") == "zhù"


# --- normalisation of written forms (FORMAT.md §1) -------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("zhù", "zhù"),
        ("zhu" + "\u0300", "zhù"),  # NFD
        ("zhu4", "zhù"),
        ("ming2", "míng"),
        ("de5", "de"),
        ("de0", "de"),
        ("de", "de"),
        ("xi", "xi"),
        ("lǜ", "lǜ"),
        ("lu" + "\u0308\u0300", "lǜ"),  # NFD ü with tone
        ("lv4", "lǜ"),
        ("lu:4", "lǜ"),
        ("LV4", "LǛ"),
        ("Lu:4", "Lǜ"),
        ("nǚ", "nǚ"),
        ("nv3", "nǚ"),
        ("xū", "xū"),
        ("xü", "xu"),
        ("qv2", "qú"),
        ("yü", "yu"),
        ("lue4", "lüè"),
        ("Quánzhōu"[:4], "Quán"),
        ("Quan2", "Quán"),
        ("XI1", "XĪ"),
        ("ＸＩ１", "XĪ"),
        ("ｚｈｕ４", "zhù"),
        ("ｚｈù", "zhù"),
        ("gǔi", "guǐ"),
        ("gúo", "guó"),
        ("líu", "liú"),
        ("xuě", "xuě"),
        ("zhù4", "zhù"),  # mark and digit agree
        ("yīdiǎnr"[2:], "diǎnr"),
        ("dianr3", "diǎnr"),
        ("dianř", "diǎnr"),
        ("er2", "ér"),
        ("ê", "ê"),
        ("e\u0302\u0301", "\u1ebf"),
        ("m2", "\u1e3f"),
        ("hng", "hng"),
        ("ng4", "\u01f9g"),
        ("a", "a"),
        ("Ān", "Ān"),
    ],
)
def test_normalize_syllable(written: str, expected: str) -> None:
    assert normalize_syllable(written) == expected


@pytest.mark.parametrize(
    "written",
    [
        "",
        "zhx",
        "WTO",
        "xīān",  # two marks
        "zhù3",  # mark and digit disagree
        "zhù5",
        "zhù0",
        "zhu6",
        "zh4u",
        "4",
        "biang2",
        "wong",
        ":",
        "u:",
        "lu::",
        "\u0301a",
        "mā ",
        "m-a",
        "err",
        "xin'",
        "lü:",
        "ma2ma",
        "â",  # circumflex only on ê
        "xï",
    ],
)
def test_normalize_syllable_rejects(written: str) -> None:
    assert normalize_syllable(written) is None


def test_to_numbered() -> None:
    assert to_numbered("zhù") == "zhu4"
    assert to_numbered("lǜ") == "lü4"
    assert to_numbered("de") == "de5"
    assert to_numbered("Diǎnr") == "Dianr3"
    assert to_numbered("XĪ") == "XI1"
    assert to_numbered("ḿ") == "m2"
    assert to_numbered("\u1ebf") == "ê2"


# --- segmentation ----------------------------------------------------------------------


def test_split_fangan() -> None:
    result = split_syllables("fangan")
    assert result[:2] == (("fang", "an"), ("fan", "gan"))
    assert ("fa", "ng", "an") in result
    assert len(result) == len(set(result)) == count_segmentations("fangan")


def test_split_apostrophe_forces_boundary() -> None:
    assert split_syllables("fang'an")[0] == ("fang", "an")
    assert ("fan", "gan") not in split_syllables("fang'an")
    assert split_syllables("fāng'àn")[0] == ("fāng", "àn")
    assert split_syllables("fāngàn")[:2] == (("fāng", "àn"), ("fān", "gàn"))


def test_split_xian() -> None:
    assert split_syllables("xian") == (("xian",), ("xi", "an"), ("xia", "n"), ("xi", "a", "n"))
    for apostrophe in "'’‘ʼ′":
        assert split_syllables(f"Xī{apostrophe}ān")[0] == ("Xī", "ān")
        assert all(len(seg) >= 2 for seg in split_syllables(f"Xi{apostrophe}an"))
    assert split_syllables("Xi'an")[0] == ("Xi", "an")
    assert split_syllables("xīān")[0] == ("xī", "ān")
    assert all(seg[0] == "xī" for seg in split_syllables("xīān"))


def test_split_erhua_and_long_runs() -> None:
    result = split_syllables("yidianr")
    assert result[0] == ("yi", "dianr")
    assert ("yi", "di", "anr") in result
    assert split_syllables("yīdiǎnr")[0] == ("yī", "diǎnr")
    assert split_syllables("tiananmen")[0] == ("tian", "an", "men")
    assert ("ti", "an", "an", "men") in split_syllables("tiananmen")
    assert split_syllables("Tiān'ānmén")[0] == ("Tiān", "ān", "mén")
    assert split_syllables("gèjízhèngfǔ")[0] == ("gè", "jí", "zhèng", "fǔ")
    assert split_syllables("Quánzhōu")[0] == ("Quán", "zhōu")
    assert split_syllables("dōngxi")[0] == ("dōng", "xi")


@pytest.mark.parametrize(
    "run",
    [
        "zhùmíng",
        "zhu4ming2",
        "zhù míng",
        "zhù\u3000míng",
        "zhù  míng",
        " zhù-míng ",
        "zhù‐míng",
        "zhù‑míng",
        "zhù–míng",
        "zhù—míng",
        "zhu4 ming2",
        "ｚｈｕ４ｍｉｎｇ２",
        "zhu" + "\u0300" + "mi" + "\u0301" + "ng",
    ],
)
def test_split_zhuming_forms(run: str) -> None:
    assert split_syllables(run)[0] == ("zhù", "míng")


def test_split_digits_and_u_colon() -> None:
    assert split_syllables("lu:4xing2")[0] == ("lǜ", "xíng")
    assert split_syllables("lv4se4")[0] == ("lǜ", "sè")
    assert all(seg[0] == "zhù" for seg in split_syllables("zhu4ming2"))  # digit ends it
    assert split_syllables("dong1xi5") == (("dōng", "xi"),)
    assert split_syllables("xi1an1") == (("xī", "ān"), ("xī", "a", "n\u0304"))


@pytest.mark.parametrize("run", ["", " ", "-'", "zhx", "WTO", "GDP", "PM2.5", "zhu6", "市", "ma市"])
def test_split_invalid(run: str) -> None:
    assert split_syllables(run) == ()
    assert count_segmentations(run) == 0


def test_split_order_is_documented_order() -> None:
    result = split_syllables("zhonghuarenmingongheguo")
    assert result[0] == ("zhong", "hua", "ren", "min", "gong", "he", "guo")
    assert ("zhong", "huar", "en", "min", "gong", "he", "guo") in result  # erhua ranks later
    keys = [len(seg) for seg in result]
    assert keys == sorted(keys)
    assert len(result) == count_segmentations("zhonghuarenmingongheguo")


def test_split_limit() -> None:
    run = "xian" * 8
    assert count_segmentations(run) > MAX_SEGMENTATIONS
    assert split_syllables(run) == ()  # gives up instead of listing 65536
    assert split_syllables("xian" * 40) == ()


# --- looks_like_pinyin -----------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        "zhx",
        "guójiā",
        "zhu4ming2",
        "gúo",
        "qū",
        "Xī'ān",
        "fang an",
        "lu:4",
        "ｚｈｕ４",
        "xīān",
        "lǜsè",
        "ê",
    ],
)
def test_looks_like_pinyin(content: str) -> None:
    assert looks_like_pinyin(content)


@pytest.mark.parametrize(
    "content",
    ["WTO", "GDP", "PM2.5", "2022年", "1", "市、区", "", "街道", "iPhone", "naïve", "zhu7", "a.b"],
)
def test_not_pinyin(content: str) -> None:
    assert not looks_like_pinyin(content)


# --- properties ------------------------------------------------------------------------

BASES = [*sorted(TONELESS_SYLLABLES), "dianr", "huar", "wanr", "menr", "yor"]
canonical = st.builds(mark_tone, st.sampled_from(BASES), st.integers(1, 5))


@given(st.sampled_from(BASES), st.integers(1, 5))
def test_mark_split_round_trip(base: str, tone: int) -> None:
    syllable = mark_tone(base, tone)
    assert split_tone(syllable) == (base, tone)
    assert normalize_syllable(syllable) == syllable
    assert normalize_syllable(unicodedata.normalize(NFD, syllable)) == syllable
    assert has_tone_mark(syllable) == (tone != 5)


@given(canonical, st.booleans())
def test_numbered_round_trip(syllable: str, capital: bool) -> None:
    if capital:
        syllable = unicodedata.normalize("NFC", syllable[0].upper() + syllable[1:])
    assert normalize_syllable(to_numbered(syllable)) == syllable
    assert normalize_syllable(to_numbered(syllable).replace("ü", "v")) == syllable
    assert normalize_syllable(to_numbered(syllable).replace("ü", "u:")) == syllable


@given(st.lists(canonical, min_size=1, max_size=4), st.sampled_from(["", *sorted(SEPARATORS)]))
def test_split_contains_original(syllables: list[str], joiner: str) -> None:
    run = joiner.join(syllables)
    result = split_syllables(run)
    assert tuple(syllables) in result
    assert len(result) == len(set(result))
    assert [len(seg) for seg in result] == sorted(len(seg) for seg in result)
    if joiner.strip():
        assert all(len(seg) >= len(syllables) for seg in result)
    assert looks_like_pinyin(run)


def test_first_segmentation_is_the_first_listed() -> None:
    for run in ["xian", "fangan", "Xī'ān", "zhu4 ming2", "yidianr", "tiananmen", "nǚér", "zhx"]:
        listed = split_syllables(run)
        assert first_segmentation(run) == (listed[0] if listed else None)
    assert first_segmentation("xian" * 8) is None  # beyond the limit, as split_syllables


@given(st.lists(st.sampled_from(sorted(TONELESS_SYLLABLES)), min_size=1, max_size=5))
def test_first_segmentation_agrees_with_the_full_list(bases: list[str]) -> None:
    run = "".join(bases)
    listed = split_syllables(run)
    assert first_segmentation(run) == (listed[0] if listed else None)


# --- the one letter scanner ---------------------------------------------------


def test_scanner_attaches_marks_to_the_letter_before_them() -> None:
    chars = scan_pinyin("Lu:4 gǔi ê")
    letters = [(c.char, c.tone, c.text) for c in chars if c.letter]
    assert letters == [
        ("l", 0, "L"),
        ("ü", 0, "u"),
        ("g", 0, "g"),
        ("u", 3, "u"),
        ("i", 0, "i"),
        ("ê", 0, "e"),
    ]
    assert [c.text for c in chars if not c.letter] == ["4", " ", " "]


def test_scanner_keeps_a_mark_with_nothing_to_attach_to_as_a_character() -> None:
    stray = scan_pinyin("-\u0301a")
    assert [(c.letter, c.text) for c in stray] == [(False, "-"), (False, "\u0301"), (True, "a")]
    assert not looks_like_pinyin("-\u0301a")
    assert normalize_syllable("\u0301a") is None


def test_scanner_renders_what_it_read() -> None:
    for written in ["lǜ", "Lu:4", "gǔi", "ê", "nv3"]:
        rendered = "".join(c.render() for c in scan_pinyin(written))
        assert unicodedata.normalize("NFC", rendered) == unicodedata.normalize("NFC", written)


def test_two_marks_on_one_letter_are_no_syllable() -> None:
    assert normalize_syllable("a\u0301\u0300") is None
    (char,) = scan_pinyin("a\u0301\u0300")
    assert char.marks == 2


@given(st.text(alphabet="aeiouvngzhxr:ü'-12345 \u0301\u0300\u0308ɡɑ", max_size=12))
def test_every_reader_of_letters_agrees_with_the_scanner(text: str) -> None:
    letters = [c.char for c in scan_pinyin(text) if c.letter]
    assert [letter.char for letter in letters_of(text)] == letters
    chars = scan_pinyin(text)
    body = chars[:-1] if chars and chars[-1].text in "012345" else chars
    if not all(c.letter for c in body):
        assert normalize_syllable(text) is None

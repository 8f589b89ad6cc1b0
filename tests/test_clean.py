from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hanzi_annot import CleanOptions, Code, clean_lines, parse, split_lines, to_markup
from hanzi_annot.text.clean import (
    DEFAULT_BOILERPLATE,
    article_end,
    boilerplate_phrase,
    drop_boilerplate,
    drop_repeats,
    drop_title_copies,
    ends_with,
    strip_trailing_groups,
)

TITLE = "晋江市新建八座城市书房"
FIRST = "今年以来,晋江市在社区、公园和商圈新建城市书房八座,总面积超过三千平方米。"
SECOND = "新书房全部实行自助借还,每天开放至晚上十点。"
THIRD = "市民普遍反映,家门口的书房让阅读变得更方便。"


def texts(result):
    return [line.text for line in result.lines if not line.is_blank]


def codes(result):
    return [str(d.code) for d in result.diagnostics]


# --- title copies -----------------------------------------------------------


def test_title_copies_dropped_and_glued_copy_split_off():
    page = f"{TITLE}\n{TITLE}\n  {TITLE} \n{TITLE}{FIRST}\n{SECOND}\n"
    result = drop_title_copies(split_lines(page))
    assert texts(result) == [TITLE, FIRST, SECOND]
    assert codes(result) == ["HA301", "HA302"]  # two copies in a row: one finding
    assert [d.line for d in result.diagnostics] == [2, 4]
    (copies, glued) = result.diagnostics
    assert copies.message == "lines 2-3 (2 copies) repeat the title (line 1); dropped"
    assert page[glued.span.start : glued.span.end] == TITLE
    kept = result.lines[1]
    assert page[kept.start : kept.end] == FIRST
    assert kept.number == 4


def test_two_glued_copies_are_both_split_off():
    page = f"{TITLE}\n{TITLE}\n{TITLE}{TITLE}{FIRST}\n"
    result = drop_title_copies(split_lines(page))
    assert texts(result) == [TITLE, FIRST]
    assert codes(result) == ["HA301", "HA302", "HA302"]


def test_a_copy_followed_by_another_is_provable_the_last_one_is_not():
    page = f"{TITLE}\n{TITLE}{TITLE}{FIRST}\n"
    result = drop_title_copies(split_lines(page))
    assert texts(result) == [TITLE, TITLE + FIRST]
    assert codes(result) == ["HA302"]


def test_paragraph_opening_with_the_title_keeps_its_words():
    page = "泉州市图书馆\n泉州市图书馆今天正式开放。\n"
    result = clean_lines(split_lines(page))
    assert texts(result) == ["泉州市图书馆", "泉州市图书馆今天正式开放。"]
    assert result.diagnostics == ()


def test_indented_glued_title_is_reported_at_its_own_column():
    page = f"{TITLE}\n{TITLE}\n    {TITLE}{FIRST}\n"
    result = clean_lines(split_lines(page), path="page.txt")
    glued = result.diagnostics[-1]
    assert glued.code is Code.GLUED_TITLE
    assert (glued.line, glued.column) == (3, 5)
    assert str(glued).startswith("page.txt:3:5: HA302 ")
    assert page[glued.span.start : glued.span.end] == TITLE


def test_only_the_first_paragraph_is_checked_for_a_glued_title():
    page = f"{TITLE}\n{FIRST}\n{TITLE}的建设经验值得推广。\n"
    assert texts(drop_title_copies(split_lines(page))) == [
        TITLE,
        FIRST,
        f"{TITLE}的建设经验值得推广。",
    ]


def test_short_title_is_not_split_off_a_paragraph():
    page = "书房\n书房是城市的文化客厅。\n"
    result = drop_title_copies(split_lines(page))
    assert texts(result) == ["书房", "书房是城市的文化客厅。"]
    assert result.diagnostics == ()
    shorter = CleanOptions(min_glued_title_chars=2)
    repeated = "书房\n书房\n书房是城市的文化客厅。\n"
    assert texts(drop_title_copies(split_lines(repeated), shorter)) == [
        "书房",
        "是城市的文化客厅。",
    ]


def test_title_step_on_empty_input():
    result = drop_title_copies(split_lines("\n\n"))
    assert result.diagnostics == ()
    assert len(result.lines) == 2


# --- repeats ------------------------------------------------------------------


def test_lone_repeat_is_reported_on_its_own():
    page = f"{TITLE}\n{FIRST}\n{SECOND}\n{FIRST}\n{THIRD}\n"
    result = drop_repeats(split_lines(page))
    assert texts(result) == [TITLE, FIRST, SECOND, THIRD]
    (diagnostic,) = result.diagnostics
    assert diagnostic.code is Code.REPEATED_PARAGRAPH
    assert diagnostic.message == "line 4 repeats line 2; dropped"
    assert (diagnostic.line, diagnostic.column) == (4, 1)


def test_a_short_line_said_twice_is_no_copy():
    page = f"{TITLE}\n记者问她是否愿意再来。\n“好。”\n她笑着说:\n“好。”\n{FIRST}\n"
    result = drop_repeats(split_lines(page))
    assert texts(result).count("“好。”") == 2
    assert result.diagnostics == ()


def test_a_block_of_short_repeats_is_judged_by_its_length():
    lines = ["短句一。", "短句二。", "短句三。", "短句四。"]
    page = "\n".join([TITLE, *lines, *lines])
    result = drop_repeats(split_lines(page))
    assert texts(result) == [TITLE, *lines]  # 16 characters repeated: a copy
    assert codes(result) == ["HA304"]
    kept = drop_repeats(split_lines(page), CleanOptions(min_repeat_chars=17))
    assert texts(kept) == [TITLE, *lines, *lines]


def test_whitespace_and_blank_lines_do_not_hide_a_repeated_body():
    page = (
        f"{TITLE}\n{FIRST}\n{SECOND}\n{THIRD}\n\n{FIRST.replace(',', ', ')}\n\n{SECOND}\n{THIRD}\n"
    )
    result = drop_repeats(split_lines(page))
    assert texts(result) == [TITLE, FIRST, SECOND, THIRD]
    (diagnostic,) = result.diagnostics
    assert diagnostic.code is Code.REPEATED_BODY
    assert diagnostic.message == "lines 6-9 repeat lines 2-4 (3 paragraphs); dropped"
    assert page[diagnostic.span.start : diagnostic.span.end].endswith(THIRD)


def test_further_copies_in_a_row_are_one_run():
    body = f"{FIRST}\n{SECOND}\n"
    result = drop_repeats(split_lines(TITLE + "\n" + body * 3))
    assert [d.message for d in result.diagnostics] == [
        "lines 4-7 (2 copies) repeat lines 2-3 (2 paragraphs); dropped",
    ]


def test_a_kept_line_ends_a_run():
    page = f"{TITLE}\n{FIRST}\n{SECOND}\n{FIRST}\n{THIRD}\n{SECOND}\n"
    result = drop_repeats(split_lines(page))
    assert codes(result) == ["HA303", "HA303"]


# --- furniture ----------------------------------------------------------------


def test_article_end_and_its_limits():
    lines = split_lines(f"{TITLE}\n{FIRST}\n(完)\n相关推荐\n")
    assert article_end(lines) == 2
    assert article_end(split_lines(f"{TITLE}\n没有句末标点的一行\n")) is None
    assert article_end(split_lines("")) is None
    # a furniture line ending in a full stop is no article text
    assert article_end(split_lines(f"{TITLE}\n{FIRST}\n暂无评论,快来抢沙发吧!\n")) == 1


def test_short_lines_and_known_wording_after_the_article_are_dropped():
    long_link = "下一篇:晋江市图书馆举办少儿科普阅读季活动,全市三十多所学校的学生参加了比赛"
    page = f"{TITLE}\n{FIRST}\n\n我来说两句\n{long_link}\n分享\n"
    result = drop_boilerplate(split_lines(page), CleanOptions(tail_max_chars=30))
    assert texts(result) == [TITLE, FIRST]
    assert [d.line for d in result.diagnostics] == [4, 5, 6]
    assert [d.message for d in result.diagnostics] == [
        "line 4 is a short line after the article's end; dropped",
        "line 5 opens with furniture wording (下一篇) after the article's end; dropped",
        "line 6 follows site furniture (line 5) after the article's end; dropped",
    ]


def test_by_default_only_listed_furniture_and_what_follows_it_is_dropped():
    long_link = "下一篇:晋江市图书馆举办少儿科普阅读季活动,全市三十多所学校的学生参加了比赛"
    page = f"{TITLE}\n{FIRST}\n\n我来说两句\n{long_link}\n分享\n"
    result = drop_boilerplate(split_lines(page))
    assert texts(result) == [TITLE, FIRST, "我来说两句"]
    assert [d.line for d in result.diagnostics] == [5, 6]


def test_short_final_line_is_kept_by_default():
    page = f"{TITLE}\n{FIRST}\n结语\n"
    result = clean_lines(split_lines(page))
    assert texts(result) == [TITLE, FIRST, "结语"]
    assert result.diagnostics == ()


def test_long_unknown_line_after_the_article_is_kept():
    notice = "本网站所刊登的信息和各种专题专栏资料均为晋江市融媒体中心所有未经授权不得转载使用"
    result = drop_boilerplate(split_lines(f"{TITLE}\n{FIRST}\n{notice}\n"))
    assert texts(result) == [TITLE, FIRST, notice]
    taught = CleanOptions(extra_boilerplate=("本网站",))
    assert texts(drop_boilerplate(split_lines(f"{TITLE}\n{FIRST}\n{notice}\n"), taught)) == [
        TITLE,
        FIRST,
    ]


def test_nothing_before_the_article_end_is_furniture():
    page = f"{TITLE}\n分享到\n{FIRST}\n"
    assert texts(drop_boilerplate(split_lines(page))) == [TITLE, "分享到", FIRST]


def test_tail_threshold_is_an_option():
    page = f"{TITLE}\n{FIRST}\n欢迎\n"
    assert texts(drop_boilerplate(split_lines(page), CleanOptions(tail_max_chars=1))) == [
        TITLE,
        FIRST,
        "欢迎",
    ]
    assert texts(drop_boilerplate(split_lines(page), CleanOptions(tail_max_chars=2))) == [
        TITLE,
        FIRST,
    ]


def test_phrase_matching_ignores_spaces_and_decoration():
    options = CleanOptions()
    assert boilerplate_phrase(" 【 责任编辑:王芳】", options) == "责任编辑"
    assert boilerplate_phrase(">> 返回顶部", options) == "返回顶部"
    assert boilerplate_phrase("市民发表评论称赞书房。", options) is None
    assert boilerplate_phrase("分享", CleanOptions(boilerplate=("",))) is None


def test_options_extend_and_replace_the_default_list():
    extended = CleanOptions(extra_boilerplate=["本站声明"])
    assert extended.phrases == (*DEFAULT_BOILERPLATE, "本站声明")
    assert CleanOptions(boilerplate=()).phrases == ()
    with pytest.raises(ValueError, match="tail_max_chars"):
        CleanOptions(tail_max_chars=-1)


def test_punctuation_helpers():
    assert strip_trailing_groups("书房开放。(完)(2022年) ") == "书房开放。"
    assert strip_trailing_groups("(完)") == ""
    assert ends_with("他说:“书房真好。”", "。")
    assert not ends_with("(完)", "。")
    assert not ends_with("", "。")


# --- all steps ----------------------------------------------------------------


def test_clean_lines_runs_every_step_in_order_and_sorts_diagnostics():
    page = f"{TITLE}\n{TITLE}\n{TITLE}{FIRST}\n{SECOND}\n{FIRST}\n{SECOND}\n相关推荐\n"
    result = clean_lines(split_lines(page), path="page.txt")
    assert texts(result) == [TITLE, FIRST, SECOND]
    assert codes(result) == ["HA301", "HA302", "HA304", "HA305"]
    assert all(d.path == "page.txt" for d in result.diagnostics)
    assert str(result.diagnostics[1]).startswith("page.txt:3:1: HA302 ")


def test_steps_can_be_switched_off():
    page = f"{TITLE}\n{TITLE}\n{FIRST}\n{FIRST}\n相关推荐\n"
    options = CleanOptions(drop_title_copies=False, drop_repeats=False, drop_boilerplate=False)
    result = clean_lines(split_lines(page), options)
    assert texts(result) == [TITLE, TITLE, FIRST, FIRST, "相关推荐"]
    only_furniture = CleanOptions(drop_title_copies=False, drop_repeats=False)
    assert codes(clean_lines(split_lines(page), only_furniture)) == ["HA305"]


# --- properties ---------------------------------------------------------------

# No furniture wording can be spelled with these characters, so generated article lines
# never start with a default phrase.
_ARTICLE_CHARS = "书香城市阅读泉州文化馆民众新建图服务空间社区家庭儿童老年夜间开放活动"
_words = st.text(alphabet=_ARTICLE_CHARS, min_size=2, max_size=40)
_sentence = _words.map(lambda text: text + "。")
_heading = st.text(alphabet=_ARTICLE_CHARS, min_size=2, max_size=12)
_clause = _words.map(lambda text: text + ",")
_article_line = st.one_of(_sentence, _heading, _clause)
_furniture_line = st.one_of(
    st.sampled_from(DEFAULT_BOILERPLATE).flatmap(
        lambda phrase: st.text(alphabet=_ARTICLE_CHARS + ":~ ", max_size=50).map(
            lambda tail: phrase + tail
        )
    ),
    st.text(alphabet=_ARTICLE_CHARS + "~:, ", min_size=1, max_size=29).map(lambda t: t + "~"),
)


@st.composite
def pages(draw):
    """A title, article lines (the last a unique sentence), repeats, blank lines, furniture."""
    title = draw(_heading.map(lambda text: "标题" + text))
    article = draw(st.lists(_article_line, min_size=1, max_size=12))
    copies = [*article, title]
    for _ in range(draw(st.integers(0, 4))):
        article.insert(draw(st.integers(0, len(article))), draw(st.sampled_from(copies)))
    # the article ends with a sentence of its own (最后 is outside the alphabet)
    article.append(draw(_sentence.map(lambda text: "最后" + text)))
    for _ in range(draw(st.integers(0, 3))):
        article.insert(draw(st.integers(0, len(article) - 1)), "")
    furniture = draw(st.lists(_furniture_line, max_size=5))
    return [title, *article, *furniture], 1 + len(article)


@settings(max_examples=150, deadline=None)
@given(pages())
def test_lines_appearing_once_outside_the_furniture_are_kept(page):
    lines, furniture_from = page
    numbered = split_lines("\n".join(lines))
    kept = {line.number for line in clean_lines(numbered).lines}
    counts = Counter(line.key for line in numbered)
    for line in numbered[:furniture_from]:
        if not line.is_blank and counts[line.key] == 1:
            assert line.number in kept, line


_any_line = st.text(alphabet=_ARTICLE_CHARS + "相关推荐评论。!,:~()完 \u3000", max_size=40)


@settings(max_examples=200, deadline=None)
@given(st.lists(_any_line, max_size=15))
def test_cleaning_is_idempotent_and_never_silent(lines):
    text = "\n".join(lines)
    numbered = split_lines(text)
    once = clean_lines(numbered)
    twice = clean_lines(once.lines)
    assert twice.lines == once.lines
    assert twice.diagnostics == ()
    kept = {line.number for line in once.lines}
    for line in numbered:
        if line.is_blank or line.number in kept:
            continue
        assert any(
            d.span.start <= line.start and line.end <= d.span.end for d in once.diagnostics
        ), line
    for line in once.lines:
        assert text[line.start : line.end] == line.text


def test_one_extra_phrase_given_as_a_string_is_one_phrase() -> None:
    options = CleanOptions(extra_boilerplate="本站声明")
    assert options.extra_boilerplate == ("本站声明",)
    with pytest.raises(TypeError, match="must be strings"):
        CleanOptions(extra_boilerplate=["本站声明", 3])  # type: ignore[list-item]


def test_a_page_of_nothing_but_its_title_keeps_the_last_copy_as_body() -> None:
    # Found by fuzzing: the body equal to the title must survive a markup round trip.
    text = "国家(guójiā)\n国家(guójiā)国家(guójiā)"
    document = parse(text)
    again = parse(to_markup(document))
    assert again == document
    assert again.title is not None
    assert [p.text for p in again.paragraphs] == ["国家"]

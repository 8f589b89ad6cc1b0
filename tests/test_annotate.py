"""annotate(): choosing words, reading them in context, keeping what is there; the CLI."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from hanzi_annot import (
    AboveHsk,
    Annotator,
    Document,
    Select,
    Severity,
    WordList,
    annotate,
    from_json,
    parse,
    to_markup,
    to_plain,
    validate,
)
from hanzi_annot.check.annotate import as_selection
from hanzi_annot.check.hsk import hsk_levels
from hanzi_annot.check.words import segment
from hanzi_annot.cli import main
from hanzi_annot.corpus.pipeline import read_document

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "新区今年新建三所学校。\n市民都很了解这项新政策，银行行长也来到现场。\n"


def annotated(document: Document) -> list[tuple[str, tuple[str, ...]]]:
    return [(a.hanzi, a.syllables) for a in document.annotations]


def markup(document: Document) -> str:
    return to_markup(document).strip()


# --- selections -------------------------------------------------------------------------


def test_all_annotates_every_hanzi_word_with_its_reading_here() -> None:
    document = annotate("市民都很了解这项新政策。", select="all")
    assert markup(document) == (
        "市民(shìmín)都(dōu)很(hěn)了解(liǎojiě)这(zhè)项(xiàng)新(xīn)政策(zhèngcè)。"
    )
    hanzi = "".join(a.hanzi for a in document.annotations)
    assert hanzi == "市民都很了解这项新政策"  # every hanzi, nothing else


def test_readings_follow_the_sentence() -> None:
    words = dict(annotated(annotate("银行行长来了。我们了解了他的想法。", select="all")))
    assert words["行长"] == ("háng", "zhǎng")
    assert words["了解"] == ("liǎo", "jiě")
    assert words["了"] == ("le",)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("长城很长。", "长城(chángchéng)很(hěn)长(cháng)。"),
        ("递交了结案报告", "递交(dìjiāo)了(le)结案(jié'àn)报告(bàogào)"),
        ("我们为人民服务。", "我们(wǒmen)为(wèi)人民(rénmín)服务(fúwù)。"),
        ("我明天还你钱。", "我(wǒ)明天(míngtiān)还(huán)你(nǐ)钱(qián)。"),
        ("他慢慢地走。", "他(tā)慢慢(mànmàn)地(de)走(zǒu)。"),
    ],
)
def test_everyday_sentences_are_annotated_right(text: str, expected: str) -> None:
    document = annotate(text, select="all")
    assert markup(document) == expected
    assert [d for d in validate(document) if d.severity >= Severity.WARNING] == []


def test_the_annotators_word_boundaries_reach_the_predictor() -> None:
    # with its own segmenter keeping 了结 whole, the annotator reads 了 as in 了结
    joined = Annotator("all", segmenter=lambda run: ["递交", "了结", "案", "报告"])
    assert annotated(joined.annotate(parse("递交了结案报告"))) == [
        ("递交", ("dì", "jiāo")),
        ("了结", ("liǎo", "jié")),
        ("案", ("àn",)),
        ("报告", ("bào", "gào")),
    ]
    apart = Annotator("all", segmenter=lambda run: ["递交", "了", "结", "案报告"])
    assert ("了", ("le",)) in annotated(apart.annotate(parse("递交了结案报告")))


def test_polyphones_selects_words_with_a_character_commonly_read_two_ways() -> None:
    document = annotate("市民都很了解这项新政策，银行行长也来了。", select="polyphones")
    assert [hanzi for hanzi, _ in annotated(document)] == ["都", "了解", "银行", "行长", "了"]


def test_hsk_level_selects_the_words_above_it() -> None:
    document = annotate("我们去银行办理业务，顺便咨询理财产品。", select="hsk2")
    chosen = [hanzi for hanzi, _ in annotated(document)]
    levels = hsk_levels()
    assert "银行" not in chosen  # level 2
    assert "我们" not in chosen  # level 1
    assert chosen  # and some words are above level 2
    assert all(levels.get(word, 99) > 2 for word in chosen)


def test_a_word_off_the_list_counts_as_known_when_it_splits_into_known_words() -> None:
    annotator = Annotator(AboveHsk(4))
    assert "中国人民" not in hsk_levels()
    assert not annotator.wanted("中国人民")
    assert annotator.wanted("鎏")


def test_a_word_list_annotates_exactly_those_words() -> None:
    document = annotate(ARTICLE, select=["银行", "新政策"])
    assert annotated(document) == [("新政策", ("xīn", "zhèng", "cè")), ("银行", ("yín", "háng"))]


def test_never_leaves_words_alone_whatever_the_selection() -> None:
    document = annotate("银行行长来了。", select="all", never=["银行", "了"])
    assert [hanzi for hanzi, _ in annotated(document)] == ["行长", "来"]


def test_first_only_annotates_a_word_where_it_first_appears() -> None:
    text = "银行开门。银行关门。\n\n第二段又说银行。"
    document = annotate(text, select=["银行"], first_only=True)
    assert markup(document) == "银行(yínháng)开门。银行关门。\n\n第二段又说银行。"
    again = annotate(text, select=["银行"])
    assert len(annotated(again)) == 3


@pytest.mark.parametrize(
    ("value", "selection"),
    [
        ("all", Select.ALL),
        (" Polyphones ", Select.POLYPHONES),
        ("hsk4", AboveHsk(4)),
        ("HSK7", AboveHsk(7)),
        (3, AboveHsk(3)),
        (("银行",), WordList(frozenset({"银行"}))),
        (Select.ALL, Select.ALL),
    ],
)
def test_selections_are_read_from_simple_values(value: object, selection: object) -> None:
    assert as_selection(value) == selection  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["some", "hsk", "hsk0", "hsk8", 9])
def test_a_bad_selection_is_a_value_error(value: object) -> None:
    with pytest.raises(ValueError, match=r"selection|HSK level"):
        as_selection(value)  # type: ignore[arg-type]


# --- what is kept -----------------------------------------------------------------------


def test_existing_annotations_are_kept_as_written() -> None:
    document = annotate("他在银行(yínxíng)工作。", select="all")
    assert markup(document) == "他(tā)在(zài)银行(yínxíng)工作(gōngzuò)。"


def test_for_hsk_a_short_run_of_single_characters_is_one_unknown_word() -> None:
    document = annotate("江城区修缮传统民居。", select="hsk4")
    assert ("修缮", ("xiū", "shàn")) in annotated(document)
    assert ("民居", ("mín", "jū")) in annotated(document)
    everything = annotate("江城区修缮传统民居。", select="all")
    assert ("缮", ("shàn",)) in annotated(everything)  # other selections keep characters


def test_a_run_with_an_annotation_in_it_is_not_joined() -> None:
    document = annotate("修(xiū)缮传统。", select="hsk4")
    assert [hanzi for hanzi, _ in annotated(document)] == ["修", "缮"]


def test_text_that_is_not_hanzi_stays_as_it_is() -> None:
    text = "2024年，GDP增长5%（初步核算）。"
    document = annotate(text, select="all")
    assert to_plain(document) == to_plain(parse(text))
    assert "".join(a.hanzi for a in document.annotations) == "年增长初步核算"


def test_new_annotations_point_into_the_original_input() -> None:
    text = "标题\n\n我们在银行工作。"
    document = annotate(text, select=["银行"])
    (annotation,) = document.annotations
    assert annotation.span is not None
    assert text[annotation.span.start : annotation.span.end] == "银行"


def test_a_document_is_annotated_in_place_of_its_text() -> None:
    source = parse(ARTICLE)
    document = annotate(source, select="polyphones")
    assert to_plain(document) == to_plain(source)
    assert document.title is not None
    assert [a.hanzi for a in document.title.annotations] == ["学校"]  # 校: xiào or jiào


@pytest.mark.parametrize("select", ["all", "polyphones", "hsk4", ["银行", "政策"]])
@pytest.mark.parametrize("first_only", [False, True])
def test_annotating_twice_changes_nothing(select: object, first_only: bool) -> None:
    once = annotate(ARTICLE, select=select, first_only=first_only)  # type: ignore[arg-type]
    assert annotate(once, select=select, first_only=first_only) == once  # type: ignore[arg-type]


def _sample_documents() -> list[Document]:
    names = [ROOT / "examples" / "article.txt", *sorted((ROOT / "tests" / "pages").glob("*.txt"))]
    return [
        read_document(
            path.read_bytes(),
            name=path.name,
            encoding="gb18030" if "gb18030" in path.name else None,
        )
        for path in names
    ]


@pytest.mark.parametrize("select", ["all", "polyphones", "hsk4"])
def test_the_sample_articles_validate_without_errors_after_annotation(select: str) -> None:
    for document in _sample_documents():
        result = annotate(document, select=select)
        assert annotate(result, select=select) == result
        found = validate(result) + validate(parse(to_markup(result)))
        assert [str(d) for d in found if d.severity is Severity.ERROR] == []


def test_a_character_without_a_known_reading_stays_text() -> None:
    unknown = "\U00030000"  # a CJK Extension G character pypinyin has no reading for
    document = annotate(f"我们{unknown}。", select="all")
    assert unknown not in "".join(a.hanzi for a in document.annotations)
    assert to_plain(document).startswith(f"我们{unknown}。")


# --- word boundaries --------------------------------------------------------------------


def test_segmentation_prefers_fewer_words_then_the_longer_last_word() -> None:
    words = {"递交", "了结", "结案", "报告"}
    assert segment("递交了结案报告", words.__contains__) == ("递交", "了", "结案", "报告")
    assert segment("", words.__contains__) == ()
    assert segment("甲乙", words.__contains__) == ("甲", "乙")


def test_another_segmenter_can_set_the_word_boundaries() -> None:
    def pairs(run: str) -> list[str]:
        return [run[i : i + 2] for i in range(0, len(run), 2)]

    document = annotate_with(Annotator("all", segmenter=pairs), "银行行长来了。")
    assert [hanzi for hanzi, _ in annotated(document)] == ["银行", "行长", "来了"]
    with pytest.raises(ValueError, match="segmenter split"):
        annotate_with(Annotator("all", segmenter=lambda run: [run[:1]]), "银行。")


def annotate_with(annotator: Annotator, text: str) -> Document:
    return annotator.annotate(parse(text))


# --- the command line -------------------------------------------------------------------


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = main(argv)
    return status, out.getvalue(), err.getvalue()


def test_cli_annotate_writes_canonical_markup(tmp_path: Path) -> None:
    source = tmp_path / "news.txt"
    source.write_text("市民都很了解这项新政策。\n", encoding="utf-8")
    status, out, err = run(["annotate", "--select", "polyphones", str(source)])
    assert (status, err) == (0, "")
    assert out.strip() == "市民都(dōu)很了解(liǎojiě)这项新政策。"


def test_cli_annotate_other_formats_and_files(tmp_path: Path) -> None:
    source = tmp_path / "news.txt"
    source.write_text("银行开门。银行关门。\n", encoding="utf-8")
    words = tmp_path / "words.txt"
    words.write_text("银行\n\n", encoding="utf-8")
    target = tmp_path / "out.json"
    argv = ["annotate", "--words", str(words), "--first-only", "--to", "json", "-o", str(target)]
    assert run([*argv, str(source)])[0] == 0
    document = from_json(target.read_text(encoding="utf-8"))
    assert annotated(document) == [("银行", ("yín", "háng"))]
    status, out, _ = run(["annotate", "--to", "html", "--never", "开门,关门", str(source)])
    assert status == 0
    assert "<ruby>" in out
    assert "开门" in out
    status, out, _ = run(["annotate", "--to", "plain", str(source)])
    assert out.strip() == "银行开门。银行关门。"
    out_dir = tmp_path / "out"
    assert run(["annotate", "--out-dir", str(out_dir), str(source)])[0] == 0
    assert (out_dir / "news.txt").read_text(encoding="utf-8").startswith("银行(yínháng)")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--select", "hsk9"], "HSK level must be 1 to 7"),
        (["--select", "rare"], "unknown selection"),
        (["--words", "missing.txt"], "--words missing.txt"),
    ],
)
def test_cli_annotate_usage_errors(tmp_path: Path, argv: list[str], message: str) -> None:
    source = tmp_path / "news.txt"
    source.write_text("银行。\n", encoding="utf-8")
    status, _out, err = run(["annotate", *argv, str(source)])
    assert status == 2
    assert message in err


def test_cli_annotate_several_inputs_as_json_need_an_out_dir(tmp_path: Path) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("银行。\n", encoding="utf-8")
    second.write_text("行长。\n", encoding="utf-8")
    status, _out, err = run(["annotate", "--to", "json", str(first), str(second)])
    assert status == 2
    assert "--out-dir" in err
    status, _out, err = run(["annotate", "-o", str(tmp_path / "x.txt"), str(first), str(second)])
    assert status == 2


def test_cli_annotate_reports_an_unreadable_input_and_goes_on(tmp_path: Path) -> None:
    bad, good = tmp_path / "bad.txt", tmp_path / "good.txt"
    bad.write_bytes("银行".encode("gb18030"))
    good.write_text("银行。\n", encoding="utf-8")
    status, out, err = run(["annotate", str(bad), str(good)])
    assert status == 2
    assert "bad.txt" in err
    assert "银行(yínháng)" in out


def test_the_real_executable_annotates_standard_input() -> None:
    executable = Path(sys.executable).parent / "hanzi-annot"
    completed = subprocess.run(
        [str(executable), "annotate", "--select", "hsk1", "--first-only", "-"],
        input="我们去银行办理业务。银行人很多。\n".encode(),
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    out = completed.stdout.decode("utf-8")
    assert out.count("银行(yínháng)") == 1
    assert "我们(" not in out
    check = subprocess.run(
        [str(executable), "check", "--fail-on", "error", "-"],
        input=completed.stdout,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert check.returncode == 0, check.stdout


def test_the_json_output_is_the_document_model(tmp_path: Path) -> None:
    source = tmp_path / "news.txt"
    source.write_text("银行。\n", encoding="utf-8")
    status, out, _ = run(["annotate", "--to", "json", str(source)])
    assert status == 0
    assert json.loads(out)["title"] is not None or json.loads(out)["sections"]
    assert annotated(from_json(out)) == [("银行", ("yín", "háng"))]

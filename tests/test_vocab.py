"""Vocabulary lists: counts, first occurrences, CSV and the Anki import file."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from hanzi_annot import parse
from hanzi_annot.check.hsk import hsk_levels
from hanzi_annot.corpus.vocab import (
    CSV_COLUMNS,
    VocabEntry,
    build_vocabulary,
    marked_sentence,
    to_anki_tsv,
    to_csv,
)
from tests.writers import PAGES, STRESS, all_documents, read, run_cli


def test_counts_cover_every_annotation() -> None:
    documents = all_documents()
    entries = build_vocabulary(documents)
    assert sum(entry.count for entry in entries) == sum(len(list(d.annotations)) for d in documents)
    keys = [(entry.hanzi, entry.pinyin) for entry in entries]
    assert len(keys) == len(set(keys))
    assert [e.count for e in entries] == sorted((e.count for e in entries), reverse=True)
    assert build_vocabulary(documents) == entries
    assert build_vocabulary(reversed(documents))[0].count == entries[0].count


def test_articles_first_occurrence_and_readings_apart() -> None:
    first = parse("题一\n他在银行(yínháng)上班。\n银行(yínháng)门口。", path="one.txt")
    second = parse("题二\n\n银行(yínxíng)开门。\n行长(hángzhǎng)说。", path="two.txt")
    entries = {(e.hanzi, e.pinyin): e for e in build_vocabulary([first, second])}
    right = entries["银行", "yínháng"]
    assert (right.count, right.articles, right.first) == (2, 1, "one.txt:2")
    assert right.sentence == "他在银行上班。"
    assert right.sentence[right.start : right.end] == "银行"
    wrong = entries["银行", "yínxíng"]
    assert (wrong.count, wrong.first) == (1, "two.txt:3")
    assert next(iter(entries)) == ("银行", "yínháng")


def test_hsk_levels_when_given() -> None:
    doc = parse("题\n国家(guójiā)和银行(yínháng)。")
    entries = build_vocabulary([doc], hsk_levels={"国家": 3})
    assert {e.hanzi: e.hsk for e in entries} == {"国家": 3, "银行": None}


def test_hsk_levels_from_the_shipped_list_by_default() -> None:
    doc = parse("题\n国家(guójiā)、银行(yínháng)、泉州(quánzhōu)和鞠躬(jūgōng)。")
    entries = {e.hanzi: e for e in build_vocabulary([doc])}
    assert {hanzi: e.hsk for hanzi, e in entries.items()} == {
        "国家": 1,
        "银行": 2,
        "泉州": None,
        "鞠躬": 7,
    }
    rows = {row[0]: row[5] for row in csv.reader(io.StringIO(to_csv(entries.values())))}
    assert (rows["银行"], rows["泉州"], rows["鞠躬"]) == ("2", "", "7-9")
    assert all(e.hsk is None for e in build_vocabulary([doc], hsk_levels={}))


@pytest.mark.parametrize(
    ("value", "named"),
    [("国家(guójiā)", "str"), (["国家(guójiā)"], "str"), ([None], "NoneType")],
)
def test_build_vocabulary_refuses_non_documents(value: object, named: str) -> None:
    with pytest.raises(TypeError, match=f"build_vocabulary\\(\\) expects .*not {named}"):
        build_vocabulary(value)  # type: ignore[arg-type]


def test_build_vocabulary_refuses_a_single_document() -> None:
    with pytest.raises(TypeError, match=r"pass \[document\] for one"):
        build_vocabulary(parse("题\n国家(guójiā)。"))  # type: ignore[arg-type]


def test_csv_reads_back() -> None:
    entries = build_vocabulary(all_documents())
    rows = list(csv.reader(io.StringIO(to_csv(entries))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == len(entries) + 1
    assert rows[1][:4] == [
        entries[0].hanzi,
        entries[0].pinyin,
        str(entries[0].count),
        str(entries[0].articles),
    ]
    levels = hsk_levels()
    for row, entry in zip(rows[1:], entries, strict=True):
        expected = levels.get(entry.hanzi)
        assert row[5] == ("" if expected is None else "7-9" if expected == 7 else str(expected))
    assert any(row[5] for row in rows[1:])  # the sample articles use graded words


def test_anki_file_marks_the_word_and_escapes() -> None:
    entries = build_vocabulary([read(STRESS)])
    text = to_anki_tsv(entries)
    lines = text.splitlines()
    assert lines[:3] == ["#separator:tab", "#html:true", "#columns:word\tpinyin\texample"]
    records = [line.split("\t") for line in lines[3:]]
    assert all(len(record) == 3 for record in records)
    by_word = {record[0]: record for record in records}
    assert by_word["一点儿"][2] == "社区书屋&lt;新&gt;开放 &amp; “<b>一点儿</b>”变化"
    assert by_word["东西"][1] == "dōngxi"
    tricky = VocabEntry("书", "shū", 1, 1, "x", "一\t二\n<书>", 5, 6)
    assert marked_sentence(tricky) == "一\t二\n&lt;<b>书</b>&gt;"
    assert "\t二 " not in to_anki_tsv([tricky])
    assert to_anki_tsv([tricky]).splitlines()[3] == "书\tshū\t一 二 &lt;<b>书</b>&gt;"


def test_vocab_command(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for page in PAGES[:3]:
        if "gb18030" not in page.name:
            shutil.copy(page, folder / page.name)
    done = run_cli("vocab", folder, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("hanzi,pinyin,count,articles,first,hsk,example\n")
    assert str(folder / PAGES[0].name) + ":" in done.stdout
    graded = [row[5] for row in csv.reader(io.StringIO(done.stdout))][1:]
    assert any(graded)
    plain = run_cli("vocab", "--no-hsk", folder, cwd=tmp_path)
    assert not any(row[5] for row in csv.reader(io.StringIO(plain.stdout)) if row[0] != "hanzi")
    anki = run_cli("vocab", "--format", "anki", "-o", tmp_path / "deck.tsv", folder, cwd=tmp_path)
    assert anki.returncode == 0, anki.stderr
    assert (tmp_path / "deck.tsv").read_text(encoding="utf-8").startswith("#separator:tab\n")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00")
    partly = run_cli("vocab", bad, folder, cwd=tmp_path)
    assert partly.returncode == 2
    assert "bad.txt" in partly.stderr
    assert partly.stdout.startswith("hanzi,")

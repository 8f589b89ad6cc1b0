"""SSML: well-formed speech markup whose phonemes say exactly what the annotations say."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from hanzi_annot import Annotation, Document, Paragraph, Section, Text, parse
from hanzi_annot.check.context import ContextPredictor
from hanzi_annot.formats.readings_list import ReadingSource, reading_list, to_reading_list
from hanzi_annot.formats.ssml import SSML_NAMESPACE, Alphabet, phoneme_string, to_ssml
from hanzi_annot.pinyin.readings import Readings
from tests.strategies import documents
from tests.writers import STRESS, all_documents, read, run_cli

NS = {"s": SSML_NAMESPACE}
TONE_MARKS = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}


def expected_syllables(annotation: Annotation) -> list[tuple[str, int]]:
    """(base, tone) per character, worked out here from the written syllables."""
    found: list[tuple[str, int]] = []
    for unit, syllable in zip(annotation.units, annotation.syllables, strict=True):
        decomposed = unicodedata.normalize("NFD", syllable.lower())
        tone = next((TONE_MARKS[c] for c in decomposed if c in TONE_MARKS), 5)
        base = "".join(c for c in decomposed if c not in TONE_MARKS)
        base = unicodedata.normalize("NFC", base).replace("ü", "v")
        if len(unit) == 2:  # X儿 under one erhua syllable
            found += [(base.removesuffix("r"), tone), ("er", 5)]
        else:
            found.append((base, tone))
    return found


def decode(ph: str, alphabet: Alphabet) -> list[tuple[str, int]]:
    if alphabet is Alphabet.POLLY:
        pairs = [(part[:-1], int(part[-1])) for part in ph.split("-")]
        return [(base, 5 if tone == 0 else tone) for base, tone in pairs]
    parts = ph.split(" ")
    return [(parts[i], int(parts[i + 1])) for i in range(0, len(parts), 2)]


@pytest.mark.parametrize("alphabet", list(Alphabet))
@pytest.mark.parametrize("document", all_documents(), ids=lambda d: d.title.text[:8])
def test_every_phoneme_matches_its_annotation(document: Document, alphabet: Alphabet) -> None:
    root = etree.fromstring(to_ssml(document, alphabet, sandhi=False).encode("utf-8"))
    assert root.tag == f"{{{SSML_NAMESPACE}}}speak"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh-CN"
    phonemes = root.findall(".//s:phoneme", NS)
    annotations = list(document.annotations)
    assert len(phonemes) == len(annotations)
    for element, annotation in zip(phonemes, annotations, strict=True):
        assert element.get("alphabet") == alphabet.value
        assert element.text == annotation.hanzi
        assert decode(element.get("ph"), alphabet) == expected_syllables(annotation)


@pytest.mark.parametrize("document", all_documents(), ids=lambda d: d.title.text[:8])
def test_paragraph_text_is_kept_and_split_into_sentences(document: Document) -> None:
    root = etree.fromstring(to_ssml(document, byline=False, voice="").encode("utf-8"))
    spoken = ["".join(p.itertext()) for p in root.findall("s:p", NS)]
    expected = [p.text for p in document.blocks]
    if document.source is not None:
        expected.append(f"（{document.source}）")
    assert spoken == expected
    for paragraph in root.findall("s:p", NS):
        for sentence in paragraph.findall("s:s", NS)[:-1]:
            assert "".join(sentence.itertext()).rstrip("”’」』》）)\"'")[-1] in "。！？!?"


def test_stress_page_escaping_voice_and_byline() -> None:
    ssml = to_ssml(read(STRESS), "sapi")
    assert "&lt;新&gt;开放 &amp;" in ssml
    root = etree.fromstring(ssml.encode("utf-8"))
    (voice,) = root.findall("s:voice", NS)
    assert voice.get("name") == "zh-CN-XiaoxiaoNeural"
    byline = "".join(voice.findall("s:p", NS)[1].itertext())
    assert byline.startswith("发布时间：2024-03-08 10:05 来源：海峡读书网")
    assert to_ssml(read(STRESS)).count("<voice") == 0  # Polly: the request names the voice


@pytest.mark.parametrize(
    ("hanzi", "syllables", "polly", "sapi"),
    [
        ("东西", ("dōng", "xi"), "dong1-xi0", "dong 1 xi 5"),
        ("一点儿", ("yī", "diǎnr"), "yi4-dian3-er0", "yi 4 dian 3 er 5"),
        ("一个", ("yī", "gè"), "yi2-ge4", "yi 2 ge 4"),
        ("不是", ("bù", "shì"), "bu2-shi4", "bu 2 shi 4"),
        ("不好", ("bù", "hǎo"), "bu4-hao3", "bu 4 hao 3"),
        ("第一", ("dì", "yī"), "di4-yi1", "di 4 yi 1"),
        ("第一次", ("dì", "yī", "cì"), "di4-yi1-ci4", "di 4 yi 1 ci 4"),
        ("一一", ("yī", "yī"), "yi1-yi1", "yi 1 yi 1"),
        ("不是", ("bú", "shì"), "bu2-shi4", "bu 2 shi 4"),
        ("绿色", ("lǜ", "sè"), "lv4-se4", "lv 4 se 4"),
        ("泉州", ("Quán", "zhōu"), "quan2-zhou1", "quan 2 zhou 1"),
        ("銀行", ("yín", "háng"), "yin2-hang2", "yin 2 hang 2"),
    ],
)
def test_phoneme_strings(hanzi: str, syllables: tuple[str, ...], polly: str, sapi: str) -> None:
    annotation = Annotation(hanzi, syllables)
    assert phoneme_string(annotation, Alphabet.POLLY) == polly
    assert phoneme_string(annotation, "sapi") == sapi


def test_sandhi_off_keeps_written_tones() -> None:
    assert phoneme_string(Annotation("一个", ("yī", "gè")), "sapi", sandhi=False) == "yi 1 ge 4"


def test_empty_document_and_control_characters() -> None:
    empty = etree.fromstring(to_ssml(Document(None, ())).encode("utf-8"))
    assert len(empty) == 0
    odd = Document(None, [Section(None, [Paragraph([Text("铃声\x07响起。")])])])
    assert "\ufffd" in to_ssml(odd)


def test_reading_list_annotations_override_guesses() -> None:
    items = reading_list(parse("标题\n他在银行(yínháng)工作,行长(hángzhǎng)很忙。"))
    by_char = [(i.char, i.reading, i.source) for i in items]
    assert ("行", "hang2", ReadingSource.ANNOTATION) in by_char
    assert by_char[-2:] == [
        ("很", "hen3", ReadingSource.GUESS),
        ("忙", "mang2", ReadingSource.GUESS),
    ]
    assert "".join(item.char for item in items) == "标题他在银行工作行长很忙"


def test_reading_list_erhua_neutral_and_unknown() -> None:
    text = to_reading_list(parse("标题\n一点儿(yīdiǎnr)东西(dōngxi)\U00030000。"))
    lines = [line.split("\t") for line in text.splitlines()]
    assert lines[2:] == [
        ["一", "yi1", "annotation"],
        ["点", "dian3", "annotation"],
        ["儿", "er5", "annotation"],
        ["东", "dong1", "annotation"],
        ["西", "xi5", "annotation"],
        ["\U00030000", "", "unknown"],  # Extension G: no reading known
    ]


def test_ssml_command(tmp_path: Path) -> None:
    done = run_cli("ssml", STRESS, "--alphabet", "sapi", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<speak')
    root = etree.fromstring(done.stdout.encode("utf-8"))
    assert root.find(".//s:phoneme", NS).get("ph") == "yi 4 dian 3 er 5"
    listed = run_cli("ssml", "--tone3", "-o", tmp_path / "r.tsv", STRESS, cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert "点\tdian3\tannotation\n" in (tmp_path / "r.tsv").read_text(encoding="utf-8")
    several = run_cli("ssml", STRESS, STRESS.parent.parent / "pages", cwd=tmp_path)
    assert several.returncode == 2
    assert "needs --out-dir" in several.stderr
    out_dir = run_cli("ssml", "--out-dir", tmp_path / "out", STRESS.parent, cwd=tmp_path)
    assert out_dir.returncode == 0, out_dir.stderr
    assert (tmp_path / "out" / "writers_stress.ssml").is_file()


@settings(max_examples=30, deadline=None)
@given(document=documents(), alphabet=st.sampled_from(list(Alphabet)))
def test_ssml_property_every_annotation_once(document: Document, alphabet: Alphabet) -> None:
    root = etree.fromstring(to_ssml(document, alphabet, sandhi=False).encode("utf-8"))
    phonemes = root.findall(".//s:phoneme", NS)
    annotations = list(document.annotations)
    assert [p.text for p in phonemes] == [a.hanzi for a in annotations]
    assert [decode(p.get("ph"), alphabet) for p in phonemes] == [
        expected_syllables(a) for a in annotations
    ]


def test_reading_list_guesses_read_the_sentence() -> None:
    # A plain dictionary look-up gives 得 dé and 数 shù; the sentence says otherwise.
    items = reading_list(parse("标题\n她长得很高,数一数。"))
    guessed = {(i.char, i.reading) for i in items if i.source is ReadingSource.GUESS}
    assert {("得", "de5"), ("数", "shu3"), ("长", "zhang3")} <= guessed


def test_reading_list_annotation_overrides_the_context_guess() -> None:
    items = reading_list(parse("标题\n她长得(dé)很高。"))
    assert [(i.char, i.reading, i.source) for i in items if i.char == "得"] == [
        ("得", "de2", ReadingSource.ANNOTATION)
    ]


def test_reading_list_uses_the_given_predictor() -> None:
    readings = Readings(extra_phrases={"长得": ["zhǎng", "dé"]})
    items = reading_list(parse("标题\n她长得很高。"), predictor=ContextPredictor(readings))
    assert [i.reading for i in items if i.char == "得"] == ["de2"]


@pytest.mark.parametrize(
    "call",
    [
        lambda: to_ssml("行长(hángzhǎng)"),  # type: ignore[arg-type]
        lambda: to_reading_list("行长(hángzhǎng)"),  # type: ignore[arg-type]
        lambda: reading_list(Paragraph([Text("行")])),  # type: ignore[arg-type]
    ],
)
def test_wrong_argument_type_names_what_was_expected(call: Callable[[], object]) -> None:
    with pytest.raises(TypeError, match=r"expects a Document, not (str|Paragraph)"):
        call()

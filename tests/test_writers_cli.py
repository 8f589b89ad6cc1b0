"""The ssml, epub and vocab commands in-process: options, several inputs and errors."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from hanzi_annot.cli import main
from tests.writers import PAGES, STRESS


@pytest.fixture
def news(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    (folder / "local").mkdir(parents=True)
    shutil.copy(STRESS, folder / "stress.txt")
    shutil.copy(PAGES[0], folder / "local" / "first.txt")
    return folder


def test_ssml_out_dir_keeps_layout(news: Path, tmp_path: Path) -> None:
    assert main(["ssml", str(news), "--out-dir", str(tmp_path / "out"), "--voice", "V"]) == 0
    written = sorted(p.relative_to(tmp_path / "out") for p in (tmp_path / "out").rglob("*"))
    assert written == [Path("local"), Path("local/first.ssml"), Path("stress.ssml")]
    assert '<voice name="V">' in (tmp_path / "out" / "stress.ssml").read_text(encoding="utf-8")


def test_ssml_to_stdout_and_file(
    news: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ssml", str(news / "stress.txt"), "--no-sandhi"]) == 0
    assert 'ph="yi1-ge4"' in capsys.readouterr().out
    target = tmp_path / "one.ssml"
    assert main(["ssml", str(news / "stress.txt"), "-o", str(target)]) == 0
    assert 'ph="yi2-ge4"' in target.read_text(encoding="utf-8")


def test_ssml_needs_out_dir_for_several(news: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ssml", str(news)]) == 2
    assert "ssml of several inputs needs --out-dir DIR" in capsys.readouterr().err


def test_bad_readings_file(news: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "readings.json"
    bad.write_text("[1]", encoding="utf-8")
    assert main(["vocab", str(news), "--readings", str(bad)]) == 2
    assert "--readings" in capsys.readouterr().err


def test_vocab_reports_unreadable_input(
    news: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (news / "broken.txt").write_bytes(b"\xff\xfe\x00")
    target = tmp_path / "words.csv"
    assert main(["vocab", str(news), "-o", str(target)]) == 2
    assert "broken.txt" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8").startswith("hanzi,pinyin")


def test_epub_in_process(news: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "book.epub"
    assert main(["epub", str(news), "-o", str(target), "--ruby", "word", "--creator", "社"]) == 0
    assert "2 article(s) written" in capsys.readouterr().err
    chapter = zipfile.ZipFile(target).read("EPUB/article-001.xhtml").decode("utf-8")
    assert '<rt lang="zh-Latn-pinyin">hángzhǎng</rt>' in chapter or "<ruby>" in chapter


def test_epub_errors(news: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\xff\xfe\x00")
    assert main(["epub", str(broken), "-o", str(tmp_path / "x.epub")]) == 2
    assert "no article could be read" in capsys.readouterr().err
    assert main(["epub", str(news), "-o", str(tmp_path / "missing" / "x.epub")]) == 2
    assert "cannot write" in capsys.readouterr().err


def test_epub_reports_control_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "bell.txt"
    page.write_text("铃声\n铃声\x07响起。\n", encoding="utf-8")
    assert main(["epub", str(page), "-o", str(tmp_path / "bell.epub")]) == 0
    assert "HA401" in capsys.readouterr().err


def test_the_writers_are_exported_from_the_package() -> None:
    import hanzi_annot
    from hanzi_annot.corpus.vocab import build_vocabulary
    from hanzi_annot.formats.readings_list import to_reading_list
    from hanzi_annot.formats.ssml import to_ssml
    from hanzi_annot.html.epub import EpubOptions, to_epub
    from hanzi_annot.html.markdown import from_markdown, to_markdown
    from hanzi_annot.model import Metadata

    exported = {
        "Metadata": Metadata,
        "to_ssml": to_ssml,
        "to_reading_list": to_reading_list,
        "to_markdown": to_markdown,
        "from_markdown": from_markdown,
        "to_epub": to_epub,
        "EpubOptions": EpubOptions,
        "build_vocabulary": build_vocabulary,
    }
    for name, value in exported.items():
        assert name in hanzi_annot.__all__
        assert getattr(hanzi_annot, name) is value
    doc = hanzi_annot.from_markdown("# 标题\n\n他在{银行|yínháng}工作。\n")
    assert hanzi_annot.to_markdown(doc, "denden").endswith("他在{银行|yín|háng}工作。\n")


def test_self_contained_writers_refuse_options_they_would_ignore() -> None:
    from hanzi_annot.cli import main

    for command in ("annotate", "ssml", "vocab"):
        assert main([command, "--config", "nowhere.toml", "a.txt"]) == 2
        assert main([command, "-j", "2", "a.txt"]) == 2

"""The scripts in examples/ do what their docstrings promise."""

from __future__ import annotations

import csv
import importlib.util
import io
from pathlib import Path
from types import ModuleType

import pytest

from tests.cli_texts import CLEAN_PAGE, WRONG_PAGE, write

EXAMPLES = Path(__file__).parent.parent / "examples"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"example_{name}", EXAMPLES / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def news(tmp_path: Path) -> Path:
    write(tmp_path / "news" / "bank.txt", WRONG_PAGE)
    write(tmp_path / "news" / "local" / "quanzhou.txt", CLEAN_PAGE)
    write(
        tmp_path / "news" / "local" / "more.txt", "图书馆延长开放\n全民阅读(yuèdú)活动持续开展。\n"
    )
    return tmp_path / "news"


def test_demo_writes_the_page_and_prints_the_report(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    demo = _load("demo")
    monkeypatch.setattr(demo, "PAGE", tmp_path / "build" / "demo.html")
    monkeypatch.setattr(demo, "ROOT", tmp_path)
    monkeypatch.setattr(demo, "ARTICLE", write(tmp_path / "examples" / "article.txt", WRONG_PAGE))
    assert demo.main() == 0
    out = capsys.readouterr().out
    assert "examples/article.txt:3:11: HA202" in out
    assert "2 to look at" in out
    assert "build/demo.html" in out
    page = (tmp_path / "build" / "demo.html").read_text(encoding="utf-8")
    assert page.count('class="ha-flag') == 2


def test_demo_article_is_clean() -> None:
    import hanzi_annot

    document = hanzi_annot.parse(EXAMPLES / "article.txt")
    assert hanzi_annot.validate(document) == ()
    assert sum(1 for _ in document.annotations) >= 10


def test_render_article(news: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "bank.html"
    assert _load("render_article").main([str(news / "bank.txt"), str(target), "--zhuyin"]) == 0
    assert "ㄓㄨˋ" not in target.read_text(encoding="utf-8")  # written zhū: first tone
    assert "ㄓㄨ" in target.read_text(encoding="utf-8")
    assert "2 annotation problems" in capsys.readouterr().out


def test_check_folder(news: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _load("check_folder").main([str(news)]) == 1
    out = capsys.readouterr().out
    assert "HA202" in out
    assert f"# {news / 'local' / 'quanzhou.txt'}: 4 annotations, clean" in out
    assert _load("check_folder").main([str(news / "local")]) == 0


def test_glossary_counts_words_and_articles(news: Path, tmp_path: Path) -> None:
    glossary = _load("glossary")
    target = tmp_path / "glossary.csv"
    assert glossary.main([str(news), "-o", str(target)]) == 0
    rows = list(csv.reader(target.open(encoding="utf-8")))
    assert rows[0] == ["hanzi", "pinyin", "count", "articles"]
    assert rows[1] == ["阅读", "yuèdú", "2", "2"]
    assert ["银行", "yínxíng", "1", "1"] in rows
    out = io.StringIO()
    glossary.write_glossary(glossary.glossary_rows([news / "bank.txt"]), out)
    assert out.getvalue().splitlines()[1:] == [
        "方便,fāngbiàn,1,1",
        "著名,zhūmíng,1,1",
        "银行,yínxíng,1,1",
    ]

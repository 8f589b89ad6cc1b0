"""EPUB 3: a valid, deterministic book of the articles, checked by EPUBCheck."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from io import BytesIO
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from hanzi_annot import (
    Document,
    HtmlOptions,
    HtmlRenderWarning,
    Paragraph,
    Section,
    Text,
    to_html,
)
from hanzi_annot.html.epub import EpubOptions, to_epub
from tests.writers import PAGES, STRESS, all_documents, read, run_cli

XHTML = {"h": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}
OPF = {"o": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}


def epubcheck_command() -> list[str] | None:
    """How to run EPUBCheck here: Debian installs a bare jar as /usr/bin/epubcheck."""
    found = shutil.which("epubcheck")
    if found is None:
        return None
    with open(found, "rb") as handle:
        is_jar = handle.read(2) == b"PK"
    java = shutil.which("java")
    if is_jar:
        return None if java is None else [java, "-jar", found]
    return [found]


def run_epubcheck(path: Path) -> subprocess.CompletedProcess[str]:
    command = epubcheck_command()
    if command is None:
        if os.environ.get("CI") == "true":
            pytest.fail("EPUBCheck is missing; .ci/run installs the Debian package epubcheck")
        pytest.skip("EPUBCheck is not installed (Debian package epubcheck); CI runs it")
    return subprocess.run(
        [*command, str(path)], capture_output=True, text=True, timeout=600, check=False
    )


def book_of(documents: list[Document], **options: object) -> zipfile.ZipFile:
    return zipfile.ZipFile(BytesIO(to_epub(documents, EpubOptions(**options))))  # type: ignore[arg-type]


@pytest.mark.slow
def test_epubcheck_finds_nothing(tmp_path: Path) -> None:
    bell = Document(None, [Section(None, [Paragraph([Text("铃声\x07响起。")])])])
    documents = [*all_documents(), Document(None, ()), bell]
    path = tmp_path / "book.epub"
    with pytest.warns(HtmlRenderWarning, match="HA401"):
        book = to_epub(documents, EpubOptions(title="书香 & <福建>", creator="编辑部"))
    path.write_bytes(book)
    done = run_epubcheck(path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 fatals / 0 errors / 0 warnings" in done.stdout, done.stdout


def test_container_layout() -> None:
    book = book_of([read(STRESS)])
    first = book.infolist()[0]
    assert first.filename == "mimetype"
    assert first.compress_type == zipfile.ZIP_STORED
    assert book.read("mimetype") == b"application/epub+zip"
    assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in book.infolist())
    container = etree.fromstring(book.read("META-INF/container.xml"))
    assert container[0][0].get("full-path") == "EPUB/package.opf"


def test_output_is_deterministic_and_identified_by_content() -> None:
    documents = all_documents()
    assert to_epub(documents) == to_epub(documents)
    package = etree.fromstring(book_of(documents).read("EPUB/package.opf"))
    other = etree.fromstring(book_of(documents[:1]).read("EPUB/package.opf"))
    identifier = package.findtext(".//dc:identifier", namespaces=OPF)
    assert identifier.startswith("urn:uuid:")
    assert identifier != other.findtext(".//dc:identifier", namespaces=OPF)


def test_chapters_nav_dates_and_languages() -> None:
    documents = [read(path) for path in PAGES[:2]] + [read(STRESS)]
    book = book_of(documents, title="福建阅读新闻")
    package = etree.fromstring(book.read("EPUB/package.opf"))
    assert package.findtext(".//dc:title", namespaces=OPF) == "福建阅读新闻"
    assert package.findtext(".//dc:language", namespaces=OPF) == "zh-CN"
    assert package.findtext(".//o:meta", namespaces=OPF) == "2024-03-08T10:05:00Z"
    spine = [i.get("idref") for i in package.findall(".//o:itemref", namespaces=OPF)]
    assert spine == ["cover", "nav", "c001", "c002", "c003"]
    nav = etree.fromstring(book.read("EPUB/nav.xhtml"))
    labels = [a.text for a in nav.findall(".//h:nav/h:ol/h:li/h:a", namespaces=XHTML)]
    assert labels[:2] == [d.title.text for d in documents[:2]]
    assert labels[2] == f"{documents[2].title.text}（2024-03-08 10:05）"
    chapter = etree.fromstring(book.read("EPUB/article-003.xhtml"))
    assert chapter.get("lang") == chapter.get("{http://www.w3.org/XML/1998/namespace}lang")
    assert chapter.get("lang") == "zh-CN"
    body = chapter.find("h:body", namespaces=XHTML)
    fragment = to_html(documents[2], HtmlOptions(standalone=False))
    expected = lxml.html.fragment_fromstring(fragment)
    assert "".join(body.itertext()) == "".join(expected.itertext())
    assert len(body.findall(".//h:ruby", namespaces=XHTML)) == len(list(documents[2].annotations))
    assert body.find(".//h:time", namespaces=XHTML).get("datetime") == "2024-03-08T10:05"
    css = book.read("EPUB/style.css").decode("utf-8")
    assert ".ha-document rt" in css


def test_single_article_titles_the_book_and_empty_is_refused() -> None:
    book = book_of([read(STRESS)])
    cover = etree.fromstring(book.read("EPUB/cover.xhtml"))
    assert cover.findtext(".//h:h1", namespaces=XHTML) == read(STRESS).title.text
    with pytest.raises(ValueError, match="at least one article"):
        to_epub([])


def test_epub_command(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    shutil.copy(STRESS, folder / "b.txt")
    shutil.copy(PAGES[0], folder / "a.txt")
    done = run_cli("epub", folder, "-o", tmp_path / "book.epub", "--title", "周刊", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "2 article(s) written" in done.stderr
    book = zipfile.ZipFile(tmp_path / "book.epub")
    assert "EPUB/article-002.xhtml" in book.namelist()
    missing = run_cli("epub", tmp_path / "nothing", "-o", tmp_path / "x.epub", cwd=tmp_path)
    assert missing.returncode == 2
    assert "no such file" in missing.stderr


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (["国家(guójiā)"], r"to_epub\(\) expects a Document, not str"),
        ("国家(guójiā)", r"expects a sequence of Documents, not str"),
        (None, r"expects a sequence of Documents, not NoneType"),
    ],
)
def test_wrong_argument_types_are_refused(value: object, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        to_epub(value)  # type: ignore[arg-type]


def test_a_single_document_is_refused_with_advice() -> None:
    with pytest.raises(TypeError, match=r"pass \[document\] for one"):
        to_epub(read(STRESS))  # type: ignore[arg-type]

r"""E-book output: one or more articles as an EPUB 3 book, ruby and all.

Each article becomes one XHTML chapter rendered by :class:`~hanzi_annot.html.write.HtmlRenderer`
(EPUB 3 reading systems show ``<ruby>`` natively), styled by the reading page's
:data:`~hanzi_annot.html.write.DEFAULT_CSS`. A title page opens the book and a
navigation document lists every article with its date. The container is written with
:mod:`zipfile` and every XML file with lxml: ``mimetype`` first and stored, the rest
deflated, all with a fixed timestamp; the identifier is derived from the content and
``dcterms:modified`` from the newest article date, so the same articles always give the
same bytes. The output passes EPUBCheck without errors or warnings (a test runs it).

>>> from hanzi_annot import parse
>>> book = to_epub([parse("书香泉州\n泉州是国家(guójiā)历史文化名城。")])
>>> book[:2], book[30:58]
(b'PK', b'mimetypeapplication/epub+zip')
"""

from __future__ import annotations

import hashlib
import io
import uuid
import warnings
import zipfile
from collections.abc import Sequence
from typing import Final

import attrs
import lxml.html
from lxml import etree

from hanzi_annot.chardata import HTML_UNWRITABLE_RE
from hanzi_annot.html.write import DEFAULT_CSS, HtmlOptions, HtmlRenderer, HtmlRenderWarning
from hanzi_annot.model import Document, expect_node

__all__ = ["EpubOptions", "to_epub"]

XHTML: Final = "http://www.w3.org/1999/xhtml"
OPS: Final = "http://www.idpf.org/2007/ops"
OPF: Final = "http://www.idpf.org/2007/opf"
DC: Final = "http://purl.org/dc/elements/1.1/"
_XML_LANG: Final = "{http://www.w3.org/XML/1998/namespace}lang"

#: The timestamp of every file in the container (the earliest ZIP can store).
_ZIP_TIME: Final = (1980, 1, 1, 0, 0, 0)

#: ``dcterms:modified`` when no article carries a date.
FALLBACK_MODIFIED: Final = "2000-01-01T00:00:00Z"


@attrs.frozen
class EpubOptions:
    """Options of :func:`to_epub`.

    ``title`` names the book (default: the only article's title, else 文章选集);
    ``creator`` is its author or publisher; ``language`` its BCP 47 language tag;
    ``html`` the ruby settings of the chapters (``standalone`` is ignored).
    """

    title: str | None = None
    creator: str | None = None
    language: str = "zh-CN"
    html: HtmlOptions = attrs.field(factory=lambda: HtmlOptions(standalone=False))


def _safe(text: str) -> str:
    return HTML_UNWRITABLE_RE.sub("\N{REPLACEMENT CHARACTER}", text)


def _article_title(document: Document, number: int) -> str:
    first = document.title or next(iter(document.blocks), None)
    text = first.text.strip()[:40] if first is not None else ""
    return _safe(text) or f"第{number}篇"


def _to_xhtml(element: etree._Element) -> etree._Element:
    """Put an HTML tree into the XHTML namespace (EPUB chapters are XML)."""
    for node in element.iter():
        if isinstance(node.tag, str) and not node.tag.startswith("{"):
            node.tag = f"{{{XHTML}}}{node.tag}"
    return element


def _page(title: str, language: str, css: bool = True) -> tuple[etree._Element, etree._Element]:
    """Build an XHTML page skeleton with ``lang`` and ``xml:lang``; returns (html, body)."""
    html = etree.Element(f"{{{XHTML}}}html", nsmap={None: XHTML, "epub": OPS})
    html.set("lang", language)
    html.set(_XML_LANG, language)
    head = etree.SubElement(html, f"{{{XHTML}}}head")
    etree.SubElement(head, f"{{{XHTML}}}meta", charset="utf-8")
    etree.SubElement(head, f"{{{XHTML}}}title").text = title
    if css:
        etree.SubElement(
            head, f"{{{XHTML}}}link", rel="stylesheet", type="text/css", href="style.css"
        )
    return html, etree.SubElement(html, f"{{{XHTML}}}body")


def _xhtml_bytes(html: etree._Element) -> bytes:
    data: bytes = etree.tostring(
        html, xml_declaration=True, encoding="utf-8", doctype="<!DOCTYPE html>"
    )
    return data


def _chapter(document: Document, title: str, options: EpubOptions) -> bytes:
    """One article as an XHTML chapter."""
    renderer = HtmlRenderer(attrs.evolve(options.html, standalone=False))
    rendered = renderer.render(document)
    for diagnostic in rendered.diagnostics:
        warnings.warn(str(diagnostic), HtmlRenderWarning, stacklevel=3)
    html, body = _page(title, options.language)
    for element in lxml.html.fragments_fromstring(rendered.html):
        if isinstance(element, str):  # pragma: no cover - the renderer writes one element
            continue
        body.append(_to_xhtml(element))
    return _xhtml_bytes(html)


def _cover(book_title: str, titles: Sequence[str], options: EpubOptions) -> bytes:
    html, body = _page(book_title, options.language)
    section = etree.SubElement(body, f"{{{XHTML}}}section", {"class": "ha-cover"})
    section.set(f"{{{OPS}}}type", "titlepage")
    etree.SubElement(section, f"{{{XHTML}}}h1").text = book_title
    if options.creator:
        etree.SubElement(section, f"{{{XHTML}}}p").text = _safe(options.creator)
    etree.SubElement(section, f"{{{XHTML}}}p").text = f"共{len(titles)}篇"
    return _xhtml_bytes(html)


def _nav(book_title: str, entries: Sequence[tuple[str, str, str | None]], language: str) -> bytes:
    html, body = _page(book_title, language, css=False)
    nav = etree.SubElement(body, f"{{{XHTML}}}nav", id="toc")
    nav.set(f"{{{OPS}}}type", "toc")
    etree.SubElement(nav, f"{{{XHTML}}}h1").text = "目录"
    ol = etree.SubElement(nav, f"{{{XHTML}}}ol")
    for href, title, date in entries:
        li = etree.SubElement(ol, f"{{{XHTML}}}li")
        label = title if date is None else f"{title}（{date.replace('T', ' ')}）"
        etree.SubElement(li, f"{{{XHTML}}}a", href=href).text = label
    return _xhtml_bytes(html)


def _modified(documents: Sequence[Document]) -> str:
    """Return the newest article date as ``CCYY-MM-DDThh:mm:ssZ``, else a fixed date."""
    dates = sorted(d.metadata.published for d in documents if d.metadata.published)
    if not dates:
        return FALLBACK_MODIFIED
    newest = dates[-1]
    day, _, time = newest.partition("T")
    time = (time + ":00:00")[:8] if time else "00:00:00"
    return f"{day}T{time}Z"


def _package(
    book_title: str,
    identifier: str,
    chapters: Sequence[str],
    documents: Sequence[Document],
    options: EpubOptions,
) -> bytes:
    package = etree.Element(f"{{{OPF}}}package", nsmap={None: OPF})
    package.set("version", "3.0")
    package.set("unique-identifier", "book-id")
    package.set(_XML_LANG, options.language)
    metadata = etree.SubElement(package, f"{{{OPF}}}metadata", nsmap={"dc": DC})
    etree.SubElement(metadata, f"{{{DC}}}identifier", id="book-id").text = identifier
    etree.SubElement(metadata, f"{{{DC}}}title").text = book_title
    etree.SubElement(metadata, f"{{{DC}}}language").text = options.language
    if options.creator:
        etree.SubElement(metadata, f"{{{DC}}}creator").text = _safe(options.creator)
    modified = etree.SubElement(metadata, f"{{{OPF}}}meta", property="dcterms:modified")
    modified.text = _modified(documents)
    manifest = etree.SubElement(package, f"{{{OPF}}}manifest")
    items = [
        ("cover", "cover.xhtml", "application/xhtml+xml", None),
        ("nav", "nav.xhtml", "application/xhtml+xml", "nav"),
        ("css", "style.css", "text/css", None),
    ]
    items += [
        (f"c{number:03d}", href, "application/xhtml+xml", None)
        for number, href in enumerate(chapters, 1)
    ]
    for item_id, href, media_type, properties in items:
        item = etree.SubElement(
            manifest, f"{{{OPF}}}item", id=item_id, href=href, attrib={"media-type": media_type}
        )
        if properties:
            item.set("properties", properties)
    spine = etree.SubElement(package, f"{{{OPF}}}spine")
    for item_id in ["cover", "nav"] + [f"c{n:03d}" for n in range(1, len(chapters) + 1)]:
        etree.SubElement(spine, f"{{{OPF}}}itemref", idref=item_id)
    data: bytes = etree.tostring(package, xml_declaration=True, encoding="utf-8")
    return data


def _container() -> bytes:
    ns = "urn:oasis:names:tc:opendocument:xmlns:container"
    container = etree.Element(f"{{{ns}}}container", nsmap={None: ns}, version="1.0")
    rootfiles = etree.SubElement(container, f"{{{ns}}}rootfiles")
    etree.SubElement(
        rootfiles,
        f"{{{ns}}}rootfile",
        attrib={"full-path": "EPUB/package.opf", "media-type": "application/oebps-package+xml"},
    )
    data: bytes = etree.tostring(container, xml_declaration=True, encoding="utf-8")
    return data


def _store(archive: zipfile.ZipFile, name: str, data: bytes, *, deflate: bool = True) -> None:
    info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


def to_epub(documents: Sequence[Document], options: EpubOptions | None = None) -> bytes:
    """Write ``documents`` (one article each, in order) as the bytes of an EPUB 3 file.

    Raises ``ValueError`` for an empty sequence: a book needs at least one chapter;
    ``TypeError`` for anything but a sequence of :class:`~hanzi_annot.Document`.
    """
    if isinstance(documents, Document):
        raise TypeError("to_epub() expects a sequence of Documents; pass [document] for one")
    if isinstance(documents, (str, bytes)) or not isinstance(documents, Sequence):
        raise TypeError(
            f"to_epub() expects a sequence of Documents, not {type(documents).__name__}"
        )
    for document in documents:
        expect_node(document, (Document,), "to_epub()")
    if not documents:
        raise ValueError("an EPUB needs at least one article")
    options = options or EpubOptions()
    titles = [_article_title(d, n) for n, d in enumerate(documents, 1)]
    if options.title:
        book_title = _safe(options.title)
    else:
        book_title = titles[0] if len(documents) == 1 else "文章选集"
    hrefs = [f"article-{n:03d}.xhtml" for n in range(1, len(documents) + 1)]
    chapters = [
        _chapter(document, title, options)
        for document, title in zip(documents, titles, strict=True)
    ]
    digest = hashlib.sha256(book_title.encode("utf-8"))
    for chapter in chapters:
        digest.update(chapter)
    identifier = f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'hanzi-annot:' + digest.hexdigest())}"
    entries = [
        (href, title, document.metadata.published)
        for href, title, document in zip(hrefs, titles, documents, strict=True)
    ]
    files = {
        "EPUB/package.opf": _package(book_title, identifier, hrefs, documents, options),
        "EPUB/nav.xhtml": _nav(book_title, entries, options.language),
        "EPUB/cover.xhtml": _cover(book_title, titles, options),
        "EPUB/style.css": DEFAULT_CSS.encode("utf-8"),
    }
    files.update({f"EPUB/{href}": chapter for href, chapter in zip(hrefs, chapters, strict=True)})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        _store(archive, "mimetype", b"application/epub+zip", deflate=False)
        _store(archive, "META-INF/container.xml", _container())
        for name, data in files.items():
            _store(archive, name, data)
    return buffer.getvalue()

"""Article metadata in HTML: the byline the writer puts under the title, and reading it back.

The writer adds ``<header class="ha-meta">`` after the ``<h1>``: a ``<time datetime>``
for the published date, the outlet, the authors, the editors and a link to the
article's URL. The reader takes that header back into :class:`~hanzi_annot.model.Metadata`
(so a written page reads back to the same document) and also finds the URL of any page
in ``<link rel="canonical">`` or ``<meta property="og:url">``.
"""

from __future__ import annotations

from typing import Final

from lxml import etree

from hanzi_annot.chardata import HTML_UNWRITABLE_RE
from hanzi_annot.model import Metadata

__all__ = ["META_CLASS", "metadata_element", "read_page_metadata"]

#: The class of the byline header.
META_CLASS: Final = "ha-meta"

#: Labels written before each field (and skipped when reading).
_LABELS: Final = {"source": "来源：", "authors": "作者：", "editors": "编辑："}


def _safe(text: str) -> str:
    return HTML_UNWRITABLE_RE.sub("\N{REPLACEMENT CHARACTER}", text)


def _append(parent: etree._Element, tag: str, css: str, text: str, tail: str = " ") -> None:
    element = etree.SubElement(parent, tag, {"class": css})
    element.text = _safe(text)
    element.tail = tail


def metadata_element(metadata: Metadata) -> etree._Element | None:
    """Build the byline ``<header>`` for ``metadata``; ``None`` when it is empty.

    >>> header = metadata_element(Metadata(published="2024-05-12T09:30", authors=["张三"]))
    >>> header.find("p/time").get("datetime"), "".join(header.itertext())
    ('2024-05-12T09:30', '2024-05-12 09:30 作者：张三')
    """
    if not metadata:
        return None
    header = etree.Element("header", {"class": META_CLASS})
    para = etree.SubElement(header, "p")
    if metadata.published is not None:
        time = etree.SubElement(para, "time", datetime=_safe(metadata.published))
        time.text = _safe(metadata.published.replace("T", " "))
        time.tail = " "
    if metadata.source is not None:
        _last_tail(para, _LABELS["source"])
        _append(para, "span", "ha-outlet", metadata.source)
    for field, css in (("authors", "ha-author"), ("editors", "ha-editor")):
        names: tuple[str, ...] = getattr(metadata, field)
        if names:
            _last_tail(para, _LABELS[field])
            for index, name in enumerate(names):
                _append(para, "span", css, name, "、" if index + 1 < len(names) else " ")
    if metadata.url is not None:
        link = etree.SubElement(para, "a", {"class": "ha-url", "href": _safe(metadata.url)})
        link.text = _safe(metadata.url)
    last = para[-1]
    last.tail = (last.tail or "").rstrip() or None  # spaces only go between the fields
    return header


def _last_tail(para: etree._Element, text: str) -> None:
    if len(para):
        para[-1].tail = (para[-1].tail or "") + text
    else:
        para.text = (para.text or "") + text


def _texts(root: etree._Element, css: str) -> tuple[str, ...]:
    return tuple(
        "".join(element.itertext())
        for element in root.iter("span")
        if css in (element.get("class") or "").split()
    )


def read_page_metadata(root: etree._Element) -> Metadata:
    """Read metadata from a parsed page and remove our byline header from the tree.

    The URL comes from ``<link rel="canonical">``, else ``<meta property="og:url">``,
    else the byline's link.
    """
    url: str | None = None
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            url = link.get("href")
            break
    if url is None:
        for meta in root.iter("meta"):
            if meta.get("property") == "og:url" and meta.get("content"):
                url = meta.get("content")
                break
    found = Metadata(url=url)
    for header in list(root.iter("header")):
        if META_CLASS not in (header.get("class") or "").split():
            continue
        time = next(iter(header.iter("time")), None)
        links = [a for a in header.iter("a") if "ha-url" in (a.get("class") or "")]
        anchor = links[0] if links else None
        outlets = _texts(header, "ha-outlet")
        found = Metadata(
            published=time.get("datetime") if time is not None else None,
            authors=_texts(header, "ha-author"),
            editors=_texts(header, "ha-editor"),
            source=outlets[0] if outlets else None,
            url=url if url is not None else (anchor.get("href") if anchor is not None else None),
        )
        parent = header.getparent()
        if parent is not None:
            parent.remove(header)
        break
    return found

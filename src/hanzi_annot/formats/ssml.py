"""Speech output: SSML for text-to-speech engines, each annotation as a ``<phoneme>``.

The annotations are exactly the pronunciations a speech engine needs for polyphones, so
each annotated word is wrapped in ``<phoneme alphabet=… ph=…>`` in the alphabet the
engine reads:

* :attr:`Alphabet.POLLY` (``x-amazon-pinyin``, Amazon Polly): tone-numbered syllables
  joined by hyphens, ``dang1-tian1``; the neutral tone is ``0``.
* :attr:`Alphabet.SAPI` (``sapi``, Azure AI Speech): the SAPI Chinese phone set, each
  syllable followed by its tone as a separate phone, space-separated,
  ``guo 2 jia 1``; the neutral tone is ``5``.

Erhua, ü and 一/不 follow :mod:`hanzi_annot.formats.spoken`. The document is one
``<speak xml:lang="zh-CN">`` with a ``<p>`` per title, heading, byline and paragraph and an
``<s>`` per sentence (split after 。！？!?). Built with lxml, so all text is escaped.

>>> from hanzi_annot import parse
>>> ssml = to_ssml(parse("银行(yínháng)开门了。"))
>>> ssml[ssml.index("<phoneme") : ssml.index("</s>")]
'<phoneme alphabet="x-amazon-pinyin" ph="yin2-hang2">银行</phoneme>开门了。'
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from typing import Final

import attrs
from lxml import etree

from hanzi_annot.chardata import CLOSING_MARKS, HTML_UNWRITABLE_RE
from hanzi_annot.formats.spoken import spoken_syllables
from hanzi_annot.model import Annotation, Document, Paragraph, Text, expect_node
from hanzi_annot.text.metadata import metadata_line

__all__ = ["SSML_NAMESPACE", "Alphabet", "SsmlOptions", "phoneme_string", "to_ssml"]

#: The SSML namespace (W3C Speech Synthesis Markup Language 1.0/1.1).
SSML_NAMESPACE: Final = "http://www.w3.org/2001/10/synthesis"
_XML_LANG: Final = "{http://www.w3.org/XML/1998/namespace}lang"

#: Punctuation after which a sentence ends.
SENTENCE_FINAL: Final = frozenset("。！？!?")


class Alphabet(enum.Enum):
    """The phonetic alphabet of the ``<phoneme>`` elements, named as SSML names it."""

    POLLY = "x-amazon-pinyin"  #: Amazon Polly's pinyin: ``bo2``, ``dang1-tian1``
    SAPI = "sapi"  #: Azure AI Speech, SAPI phone set: ``guo 2 jia 1``


@attrs.frozen
class SsmlOptions:
    """Options of :func:`to_ssml`.

    ``voice`` wraps the content in ``<voice name=…>``; ``None`` is the engine's default
    (Azure requires a voice element, Polly takes the voice from the request, so none),
    ``""`` none at all; ``sandhi`` gives 一/不 their
    spoken tone (see :mod:`hanzi_annot.formats.spoken`); ``byline`` reads the metadata
    (date, outlet, authors) after the title.
    """

    alphabet: Alphabet = attrs.field(default=Alphabet.POLLY, converter=Alphabet)
    voice: str | None = None
    sandhi: bool = True
    byline: bool = True


#: The voice used for ``sapi`` when none is given: a Mandarin voice of Azure AI Speech.
DEFAULT_AZURE_VOICE: Final = "zh-CN-XiaoxiaoNeural"


def phoneme_string(annotation: Annotation, alphabet: Alphabet | str, *, sandhi: bool = True) -> str:
    """Return the ``ph`` value for one annotation in ``alphabet``.

    >>> phoneme_string(Annotation("东西", ("dōng", "xi")), "x-amazon-pinyin")
    'dong1-xi0'
    >>> phoneme_string(Annotation("一点儿", ("yī", "diǎnr")), "sapi")
    'yi 4 dian 3 er 5'
    """
    spoken = spoken_syllables(annotation, sandhi=sandhi)
    if Alphabet(alphabet) is Alphabet.POLLY:
        return "-".join(syllable.numbered(neutral=0) for syllable in spoken)
    return " ".join(f"{syllable.base} {syllable.numbered()[-1]}" for syllable in spoken)


def _safe(text: str) -> str:
    """XML cannot carry control characters; they are read as nothing anyway."""
    return HTML_UNWRITABLE_RE.sub("\N{REPLACEMENT CHARACTER}", text)


def _sentences(paragraph: Paragraph) -> Iterator[list[Text | Annotation]]:
    """Split a paragraph's tokens into sentences after 。！？ and any closing marks."""
    current: list[Text | Annotation] = []
    for token in paragraph.tokens:
        if isinstance(token, Annotation):
            current.append(token)
            continue
        text, start = token.text, 0
        index = 0
        while index < len(text):
            if text[index] in SENTENCE_FINAL:
                end = index + 1
                while end < len(text) and (
                    text[end] in SENTENCE_FINAL or text[end] in CLOSING_MARKS
                ):
                    end += 1
                current.append(Text(text[start:end]))
                yield current
                current, start, index = [], end, end
                continue
            index += 1
        if start < len(text):
            current.append(Text(text[start:]))
    if any(isinstance(piece, Annotation) or piece.text.strip() for piece in current):
        yield current


class SsmlWriter:
    """Build the ``<speak>`` tree; override a method to change one piece."""

    def __init__(self, options: SsmlOptions) -> None:
        self.options = options

    def speak(self, document: Document) -> etree._Element:
        """Build the root: ``<speak version xml:lang="zh-CN">`` and, if set, ``<voice>``."""
        root = etree.Element(f"{{{SSML_NAMESPACE}}}speak", nsmap={None: SSML_NAMESPACE})
        root.set("version", "1.0")
        root.set(_XML_LANG, "zh-CN")
        body = root
        voice = self.options.voice
        if voice is None and self.options.alphabet is Alphabet.SAPI:
            voice = DEFAULT_AZURE_VOICE
        if voice:
            body = etree.SubElement(root, f"{{{SSML_NAMESPACE}}}voice", name=voice)
        if document.title is not None:
            body.append(self.paragraph(document.title))
        if self.options.byline:
            byline = metadata_line(document.metadata)
            if byline is not None:
                body.append(self.paragraph(Paragraph([Text(byline)])))
        for section in document.sections:
            if section.heading is not None:
                body.append(self.paragraph(section.heading))
            for paragraph in section.paragraphs:
                body.append(self.paragraph(paragraph))
        if document.source is not None:
            body.append(self.paragraph(Paragraph([Text(f"（{document.source}）")])))
        return root

    def paragraph(self, paragraph: Paragraph) -> etree._Element:
        """``<p>`` with one ``<s>`` per sentence."""
        element = etree.Element(f"{{{SSML_NAMESPACE}}}p")
        for sentence in _sentences(paragraph):
            s = etree.SubElement(element, f"{{{SSML_NAMESPACE}}}s")
            last: etree._Element | None = None  # len(s) would cost a walk per piece
            for piece in sentence:
                if isinstance(piece, Annotation):
                    last = self.phoneme(piece)
                    s.append(last)
                elif piece.text and last is None:
                    s.text = (s.text or "") + _safe(piece.text)
                elif piece.text and last is not None:
                    last.tail = (last.tail or "") + _safe(piece.text)
        return element

    def phoneme(self, annotation: Annotation) -> etree._Element:
        """``<phoneme alphabet=… ph=…>hanzi</phoneme>`` for one annotation."""
        element = etree.Element(f"{{{SSML_NAMESPACE}}}phoneme")
        element.set("alphabet", self.options.alphabet.value)
        element.set(
            "ph", phoneme_string(annotation, self.options.alphabet, sandhi=self.options.sandhi)
        )
        element.text = _safe(annotation.hanzi)
        return element


def to_ssml(
    document: Document,
    alphabet: Alphabet | str = Alphabet.POLLY,
    *,
    voice: str | None = None,
    sandhi: bool = True,
    byline: bool = True,
) -> str:
    """Write one article as an SSML ``<speak>`` document for ``alphabet``'s engine.

    ``voice=None`` picks the engine's default: no ``<voice>`` for Polly (the request
    names it), :data:`DEFAULT_AZURE_VOICE` for ``sapi``; ``voice=""`` writes none.
    Anything but a :class:`~hanzi_annot.Document` raises ``TypeError``.
    """
    expect_node(document, (Document,), "to_ssml()")
    options = SsmlOptions(alphabet=alphabet, voice=voice, sandhi=sandhi, byline=byline)
    return etree.tostring(SsmlWriter(options).speak(document), encoding="unicode")

"""Word boundaries for annotate: the built-in dictionary segmenter against jieba.

Run by hand: ``python benchmarks/eval_segmentation.py``; jieba is compared only if it is
installed (it is no dependency of the package). On the held-out CPP sentences
(``cpp_data.py``) it reports, per segmenter, the share of single-character words, how
often ``annotate(select="all")`` gives the marked polyphone its marked reading, and the
time per sentence; with jieba, the word boundaries of the built-in segmenter are also
scored against jieba's (precision and recall of boundary positions).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence

from cpp_data import Sentence, load, split
from hanzi_annot import Annotation, Annotator, Paragraph, Text
from hanzi_annot.check.inword import same_reading
from hanzi_annot.check.words import segment

Segmenter = Callable[[str], Sequence[str]] | None


def _reading_at(annotator: Annotator, sentence: Sentence) -> str | None:
    """The reading ``annotator`` gives the marked character of the sentence."""
    paragraph = annotator._paragraph(Paragraph((Text(sentence.text),)), set())
    offset = 0
    for token in paragraph.tokens:
        if isinstance(token, Annotation) and offset <= sentence.index < offset + len(token.hanzi):
            return token.syllables[sentence.index - offset].lower()
        offset += len(token.text)
    return None


def _boundaries(words: Sequence[str]) -> set[int]:
    found, at = set(), 0
    for word in words:
        at += len(word)
        found.add(at)
    return found


def evaluate(name: str, segmenter: Segmenter, sentences: Sequence[Sentence]) -> None:
    annotator = Annotator("all", segmenter=segmenter)
    right = singles = words = 0
    started = time.perf_counter()
    for sentence in sentences:
        reading = _reading_at(annotator, sentence)
        right += reading is not None and same_reading(reading, sentence.reading)
    seconds = time.perf_counter() - started
    for sentence in sentences:
        pieces = annotator._pieces(Paragraph((Text(sentence.text),)))
        words += len(pieces)
        singles += sum(len(piece.word) == 1 for piece in pieces)
    print(
        f"{name:10} polyphone read right {100 * right / len(sentences):.2f} %, "
        f"single-character words {100 * singles / words:.1f} %, "
        f"{1000 * seconds / len(sentences):.2f} ms per sentence"
    )


def main() -> int:
    _tuning, held_out = split(load())
    evaluate("built-in", None, held_out)
    try:
        import jieba  # type: ignore[import-not-found]
    except ImportError:
        print("jieba: not installed")
        return 0
    jieba.setLogLevel(60)
    evaluate("jieba", jieba.lcut, held_out)
    annotator = Annotator("all")
    hits = ours_total = theirs_total = 0
    for sentence in held_out:
        for run in "".join(c if "\u4e00" <= c <= "\u9fff" else " " for c in sentence.text).split():
            ours = _boundaries(segment(run, annotator.is_word))
            theirs = _boundaries(jieba.lcut(run))
            hits += len(ours & theirs)
            ours_total += len(ours)
            theirs_total += len(theirs)
    print(
        f"built-in boundaries against jieba's: precision {100 * hits / ours_total:.1f} %, "
        f"recall {100 * hits / theirs_total:.1f} %"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

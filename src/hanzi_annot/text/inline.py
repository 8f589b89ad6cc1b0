"""The inline parser: one line of ``汉字(pīnyīn)`` text → tokens and diagnostics.

A parenthesised group is an annotation only when its content is valid pinyin *and*
it aligns with the hanzi right before it. The span (how many hanzi) and the
segmentation of unspaced pinyin are chosen together; see :func:`choose_alignment` for
the exact preference order. Everything else stays literal text, byte for byte.
"""

from __future__ import annotations

import array
import re
from collections.abc import Callable

import attrs

from hanzi_annot.chardata import (
    CLOSE_PARENS,
    HANZI_RUN_RE,
    INNERMOST_GROUP_RE,
    OPEN_PARENS,
    UNCLOSED_CONTENT_RE,
)
from hanzi_annot.diagnostics import Code, Diagnostic, Edit, InvalidTextError, Reporter
from hanzi_annot.model import Annotation, Text, Token, aligned_annotation
from hanzi_annot.pinyin.alignment import (
    Alignment,
    best_alignment,
    candidate_alignments,
    choose_alignment,
)
from hanzi_annot.pinyin.readings import Readings, default_readings
from hanzi_annot.pinyin.segmentation import (
    MAX_GROUP_LETTERS,
    MAX_GROUP_SYLLABLES,
    MAX_SEGMENTATIONS,
    can_split_as,
    count_and_first,
    first_segmentation,
    group_too_long,
)
from hanzi_annot.pinyin.syllables import (
    is_erhua,
    is_toned,
    join_pinyin,
    looks_like_pinyin,
    split_tone,
)
from hanzi_annot.pinyin.zhuyin import is_zhuyin, split_zhuyin
from hanzi_annot.positions import LineIndex, Span, known_span

_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_ACRONYM_RE = re.compile(r"[A-Z]{2,}")
_PAREN_RE = re.compile(f"[{re.escape(OPEN_PARENS + CLOSE_PARENS)}]")


@attrs.frozen
class InlineResult:
    """What :func:`parse_inline` found: the tokens and the diagnostics, in order."""

    tokens: tuple[Token, ...]
    diagnostics: tuple[Diagnostic, ...]


def check_text(text: str, offset: int = 0) -> None:
    """Raise :class:`InvalidTextError` if ``text`` holds a lone surrogate.

    Lone surrogates come from broken decoding; they cannot be written out as UTF-8, so
    they are refused up front with their position rather than failing later.
    """
    match = _SURROGATE_RE.search(text)
    if match is not None:
        raise InvalidTextError(
            f"lone surrogate U+{ord(match.group()):04X} at offset {offset + match.start()}: "
            "the text was decoded wrongly; decode the bytes with the right encoding"
        )


@attrs.frozen
class _Group:
    """What the parser needs to know about one parenthesised text, whatever surrounds it.

    Worked out once per distinct content (see :meth:`Readings.remember`): news text
    repeats its annotated words, so segmenting each occurrence again is wasted work.
    """

    zhuyin: bool
    first: tuple[str, ...] | None  # the first segmentation; None if none or too long
    too_long: str | None  # why the group is longer than any annotation, if it is
    pinyin_like: bool
    toned: bool
    acronym: bool
    width: int  # hanzi the first segmentation covers (an erhua syllable takes two)
    plain: bool  # pinyin that may annotate: not zhuyin, not too long, segmented, no acronym

    @classmethod
    def of(cls, content: str) -> _Group:
        """Analyse ``content``: as :func:`first_segmentation` and the length checks."""
        overlong = group_too_long(content)
        count, first = (0, None) if overlong else count_and_first(content)
        why: str | None = None
        if overlong or (first is not None and len(first) > MAX_GROUP_SYLLABLES):
            why = (
                f"is longer than any annotation (at most {MAX_GROUP_SYLLABLES} syllables, "
                f"{MAX_GROUP_LETTERS} letters)"
            )
        elif first is None and count > MAX_SEGMENTATIONS:
            why = f"splits into syllables more than {MAX_SEGMENTATIONS:,} ways"
        toned = is_toned(content)
        zhuyin = is_zhuyin(content)
        acronym = not toned and _ACRONYM_RE.fullmatch(content.strip()) is not None
        return cls(
            zhuyin=zhuyin,
            first=first,
            too_long=why,
            pinyin_like=looks_like_pinyin(content),
            toned=toned,
            acronym=acronym,
            width=0 if first is None else len(first) + sum(map(_erhua, first)),
            plain=not zhuyin and why is None and first is not None and not acronym,
        )


def _erhua(syllable: str) -> bool:
    """Tell whether a canonical syllable is erhua (it covers two hanzi, X儿)."""
    return syllable[-1:] in "rR" and is_erhua(split_tone(syllable)[0])


def _perfect_alignment(hanzi: str, first: tuple[str, ...], readings: Readings) -> Alignment | None:
    """Align the first segmentation over exactly ``hanzi`` if it reads each one exactly.

    Without erhua (one character per syllable) a syllable reads its character exactly
    when it is one of the character's readings, which is all that is looked up; the
    general scoring is left for X儿.
    """
    if len(hanzi) == len(first):
        char_readings = readings.char_readings
        for char, syllable in zip(hanzi, first, strict=True):
            if syllable.lower() not in char_readings(char):
                return None
        return Alignment(hanzi, first, 0, 0)
    found = candidate_alignments(hanzi, [first], readings)
    if found and found[0].unmatched == found[0].inexact == 0 and found[0].hanzi == hanzi:
        return found[0]
    return None


class _InlineParser:
    """State of one :func:`parse_inline` call."""

    def __init__(
        self, text: str, offset: int, lines: LineIndex, readings: Readings, path: str | None
    ) -> None:
        self.text = text
        self.offset = offset
        self.lines = lines
        self.readings = readings
        self.path = path
        self.tokens: list[Token] = []
        self.diagnostics: list[Diagnostic] = []
        self.position = 0  # everything before this is already a token
        self._reversed: str | None = None  # the text backwards, to read runs leftwards
        self._groups = 0  # parenthesised groups found (each holds one opening parenthesis)
        # Offsets found in the text are in order, so only a negative offset needs checking.
        self._span: Callable[[int, int], Span] = Span if offset < 0 else known_span

    def run_start(self, end: int, floor: int = 0) -> int:
        """Where the run of hanzi ending at ``end`` (a parenthesis) starts, not before ``floor``.

        Read leftwards by one regex match on the reversed text (reversed once per
        paragraph), so the cost is the run's length, not the paragraph's; each run
        stands before at most one parenthesis, so all of them cost one pass at most.
        """
        if self._reversed is None:
            self._reversed = self.text[::-1]
        match = HANZI_RUN_RE.match(self._reversed, len(self.text) - end)
        start = end if match is None else end - (match.end() - match.start())
        return max(floor, start)

    def report(
        self,
        code: Code,
        start: int,
        end: int,
        message: str,
        fix: str | None = None,
        *,
        edit: Edit | None = None,
    ) -> None:
        reporter = Reporter(self.lines, self.path)
        span = self.span(start, end)
        self.diagnostics.append(reporter.diagnostic(code, span, message, hint=fix, edit=edit))

    def span(self, start: int, end: int) -> Span:
        return self._span(self.offset + start, self.offset + end)

    def emit_text(self, end: int) -> None:
        if end > self.position:
            self.tokens.append(Text(self.text[self.position : end], self.span(self.position, end)))
            self.position = end

    def run(self) -> InlineResult:
        """Read every group of the text in order; see :meth:`annotation_at`.

        A group met before over the same hanzi is the common case in news text: its
        analysis and alignment are in the readings' tables, so the loop looks them up
        and builds the annotation directly. Only a hit reads so: the tables hold an
        alignment only for hanzi it was worked out over (see :meth:`align`), and any
        other case goes the whole way through :meth:`annotation_at`.
        """
        text, offset, tokens, span = self.text, self.offset, self.tokens, self._span
        groups = self.readings.table("inline.group").recent
        quick = self.readings.table("inline.quick").recent
        last: tuple[Annotation, int] | None = None  # the previous annotation and its end
        for match in INNERMOST_GROUP_RE.finditer(text):
            self._groups += 1
            start, end = match.span()
            position = self.position
            if start < position:
                continue
            content = match.group(1)
            if last is None or last[1] != start:
                group = groups.get(content)
                if group is not None and group.plain:
                    hanzi_start = start - group.width
                    if hanzi_start >= position:
                        best = quick.get((content, text[hanzi_start:start]))
                        if best is not None:
                            if hanzi_start > position:
                                tokens.append(
                                    Text(
                                        text[position:hanzi_start],
                                        span(offset + position, offset + hanzi_start),
                                    )
                                )
                            annotation = aligned_annotation(
                                best.hanzi,
                                best.syllables,
                                content,
                                span(offset + hanzi_start, offset + end),
                            )
                            tokens.append(annotation)
                            self.position = end
                            last = (annotation, end)
                            continue
            elif last is not None:
                previous, last = last[0], None
                if self.repeat_of(previous, content, start, end):
                    assert previous.span is not None
                    annotation = attrs.evolve(
                        previous, span=Span(previous.span.start, self.offset + end)
                    )
                    self.tokens[-1] = annotation
                    self.position = end
                    last = (annotation, end)
                continue
            found = self.annotation_at(start, end, content)
            last = None if found is None else (found, end)
        self.emit_text(len(self.text))
        self.check_unclosed()
        return InlineResult(tuple(self.tokens), tuple(self.diagnostics))

    def group(self, content: str) -> _Group:
        """Analyse ``content`` once per distinct text (memoised by the readings object)."""
        group: _Group = self.readings.table("inline.group").get(content, lambda: _Group.of(content))
        return group

    def too_long(self, content: str, group: _Group, start: int, end: int, attached: bool) -> bool:
        """Report and return True if pinyin ``content`` is longer than any annotation.

        :meth:`_Group.of` checks the length before anything segments the group, so a
        hostile group costs linear time. ``attached``: the group follows an annotation,
        so it is reported even with no hanzi right before it.
        """
        why = group.too_long
        if why is None:
            return False
        if group.pinyin_like and (attached or self.run_start(start) < start):
            self.report(
                Code.GROUP_TOO_LONG,
                start,
                end,
                f"pinyin group of {len(content)} characters {why}; kept as text",
                fix="annotate word by word",
            )
        return True

    def repeat_of(self, previous: Annotation, content: str, start: int, end: int) -> bool:
        """Handle a group right after an annotation; True if it was an identical repeat."""
        group = self.group(content)
        if self.too_long(content, group, start, end, attached=True):
            return False
        if group.first is None or not group.pinyin_like:
            return False
        if can_split_as(content, previous.syllables):
            self.report(
                Code.DUPLICATE_ANNOTATION,
                start,
                end,
                f"annotation ({content}) repeated after {previous.hanzi}; the copy is dropped",
                edit=Edit(self.span(start, end), ""),
            )
            return True
        self.report(
            Code.CONFLICTING_ANNOTATION,
            start,
            end,
            f"second annotation ({content}) after {previous.hanzi}({previous.written}) "
            "differs from the first; kept as text",
            fix="delete one of the two annotations",
        )
        return False

    def annotation_at(self, start: int, end: int, content: str) -> Annotation | None:
        """Turn the group at ``start:end`` into an annotation, or leave it as text."""
        group = self.group(content)
        if group.zhuyin:
            return self.zhuyin_at(start, end, content)
        if self.too_long(content, group, start, end, attached=False):
            return None
        first, pinyin_like, toned = group.first, group.pinyin_like, group.toned
        if first is None or group.acronym:
            if pinyin_like and start > 0 and self.run_start(start) < start:
                self.report(
                    Code.INVALID_PINYIN,
                    start,
                    end,
                    f"({content}) is not valid pinyin; kept as text",
                )
            return None
        run_start = self.run_start(start, self.position)
        run = self.text[run_start:start]
        if not run:
            if toned:
                self.report(
                    Code.NO_HANZI_BEFORE,
                    start,
                    end,
                    f"pinyin ({content}) has no hanzi before it; kept as text",
                )
            return None
        best = self.align(run, content, group, first)
        if best is None:
            if toned:
                self.report(
                    Code.TOO_MANY_SYLLABLES,
                    start,
                    end,
                    f"({content}) has {len(first)} syllable(s) but only {len(run)} hanzi "
                    f"({run}) stand before it; kept as text",
                )
            return None
        if not toned and best.unmatched:
            if pinyin_like:
                self.report(
                    Code.UNMATCHED_READING,
                    start,
                    end,
                    f"({content}) is no reading of {best.hanzi}; kept as text",
                )
            return None
        hanzi_start = start - len(best.hanzi)
        self.emit_text(hanzi_start)
        annotation = aligned_annotation(
            best.hanzi, best.syllables, content, self.span(hanzi_start, end)
        )
        self.tokens.append(annotation)
        self.position = end
        return annotation

    def align(
        self, run: str, content: str, group: _Group, first: tuple[str, ...]
    ) -> Alignment | None:
        """:func:`best_alignment`, memoised per (content, the hanzi it can read).

        When the first segmentation reads the last hanzi of ``run`` exactly nothing can
        beat it, and that answer depends only on those hanzi: it is kept, keyed by them.
        Any other answer is kept per the run's tail that any alignment can reach.
        """
        readings = self.readings
        if group.width <= len(run):
            hanzi = run[len(run) - group.width :]
            quick: Alignment | None = readings.table("inline.quick").get(
                (content, hanzi), lambda: _perfect_alignment(hanzi, first, readings)
            )
            if quick is not None:
                return quick
        # The answer reads only the last hanzi of the run, at most two a syllable (X儿)
        # and so at most two a letter of the group: it is kept per that tail.
        tail = run[max(0, len(run) - 2 * len(content)) :]
        best: Alignment | None = readings.table("inline.best").get(
            (content, tail), lambda: best_alignment(tail, content, first, readings)
        )
        return best

    def zhuyin_at(self, start: int, end: int, content: str) -> Annotation | None:
        """Read a zhuyin group (``国(ㄍㄨㄛˊ)``) as the pinyin it stands for, or leave it.

        ``written`` holds that pinyin in tone numbers (``guo2``): zhuyin marks every
        tone, the first by leaving it unmarked, and so do tone numbers.
        """
        run_start = self.run_start(start, self.position)
        run = self.text[run_start:start]
        if not run:
            self.report(
                Code.NO_HANZI_BEFORE, start, end, f"zhuyin ({content}) has no hanzi before it"
            )
            return None
        segmentations = split_zhuyin(content)
        if not segmentations:
            self.report(
                Code.INVALID_PINYIN, start, end, f"({content}) is not valid zhuyin; kept as text"
            )
            return None
        best = choose_alignment(candidate_alignments(run, segmentations, self.readings))
        if best is None:
            self.report(
                Code.TOO_MANY_SYLLABLES,
                start,
                end,
                f"({content}) has {len(segmentations[0])} syllable(s) but only {len(run)} "
                f"hanzi ({run}) stand before it; kept as text",
            )
            return None
        hanzi_start = start - len(best.hanzi)
        self.emit_text(hanzi_start)
        written = join_pinyin(best.syllables, numbered=True)
        annotation = Annotation(
            best.hanzi, best.syllables, written=written, span=self.span(hanzi_start, end)
        )
        self.tokens.append(annotation)
        self.position = end
        return annotation

    def check_unclosed(self) -> None:
        """Warn about an opening parenthesis never closed whose text looks like pinyin."""
        text = self.text
        if sum(map(text.count, OPEN_PARENS)) == self._groups:
            return  # each opening parenthesis starts a group, closed right after its text
        depth = array.array("q")  # 8 bytes per open parenthesis, not an int object
        for match in _PAREN_RE.finditer(self.text):  # only the parentheses, not every char
            if match.group() in OPEN_PARENS:
                depth.append(match.start())
            elif depth:
                depth.pop()
        for index in depth:
            tail = UNCLOSED_CONTENT_RE.match(self.text, index + 1)
            content = tail.group() if tail else ""
            if (
                content
                and not group_too_long(content)
                and looks_like_pinyin(content)
                and first_segmentation(content) is not None
            ):
                self.report(
                    Code.UNCLOSED_PARENTHESIS,
                    index,
                    index + 1 + len(content),
                    f"parenthesis before {content!r} is never closed; kept as text",
                    fix=f"close it: ({content})",
                )


def parse_inline(
    text: str,
    *,
    offset: int = 0,
    lines: LineIndex | None = None,
    readings: Readings | None = None,
    path: str | None = None,
) -> InlineResult:
    """Parse one line or paragraph of annotated text into tokens and diagnostics.

    ``offset`` is where ``text`` starts in the original input and ``lines`` indexes that
    input, so spans and line:column point at the original; by default ``text`` is the
    whole input.

    >>> result = parse_inline("赣州是全国(quánguó)著名(zhùmíng)的革命老区")
    >>> [token.text for token in result.tokens]
    ['赣州是', '全国', '著名', '的革命老区']
    >>> result.tokens[1].syllables
    ('quán', 'guó')
    """
    check_text(text, offset)
    if lines is None:
        lines = LineIndex.of(" " * offset + text) if offset else LineIndex.of(text)
    return parse_checked(text, offset, lines, readings, path)


def parse_checked(
    text: str, offset: int, lines: LineIndex, readings: Readings | None, path: str | None
) -> InlineResult:
    """:func:`parse_inline` of text already checked by :func:`check_text`.

    For a reader that checked the whole input once: each of its paragraphs is not
    scanned for lone surrogates again.
    """
    return _InlineParser(text, offset, lines, readings or default_readings(), path).run()

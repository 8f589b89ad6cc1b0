r"""Page cleaning: drop the noise of scraped news pages from the input's lines.

Each step takes lines (see :func:`~hanzi_annot.text.decode.split_lines`) and returns the
lines it kept plus one ``HA3xx`` info diagnostic per removal, naming the original line
numbers. Steps never rewrite text: a kept line is the original line or a piece of it
with its original offsets, so later stages still point into the input. The steps can be
run one by one; :func:`clean_lines` runs them all in order.

Cleaning removes only what is provably a copy of text it keeps (a title repeated, a
block of repeated paragraphs) or listed site furniture; anything it cannot prove stays.

>>> from hanzi_annot.text.decode import split_lines
>>> page = "书香泉州\n书香泉州\n泉州新建城市书房。\n相关推荐\n"
>>> cleaned = clean_lines(split_lines(page))
>>> [line.text for line in cleaned.lines]
['书香泉州', '泉州新建城市书房。']
>>> [str(d.code) for d in cleaned.diagnostics]
['HA301', 'HA305']
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import Final

import attrs

from hanzi_annot.chardata import CLOSING_MARKS, SENTENCE_END
from hanzi_annot.diagnostics import Code, Diagnostic, Reporter, sort_diagnostics
from hanzi_annot.positions import LineIndex, Span
from hanzi_annot.text.decode import Line, is_blank, repeat_key
from hanzi_annot.text.lines import LineTable
from hanzi_annot.text.punctuation import full_width_punctuation

#: Openings of site furniture lines: comment boxes, recommendation lists, share
#: buttons, editor credits, previous/next links, print and close buttons.
DEFAULT_BOILERPLATE: Final[tuple[str, ...]] = (
    "相关推荐",
    "相关阅读",
    "相关新闻",
    "相关文章",
    "推荐阅读",
    "热门推荐",
    "猜你喜欢",
    "评论列表",
    "网友评论",
    "暂无评论",
    "发表评论",
    "我要评论",
    "分享到",
    "分享至",
    "责任编辑",
    "编辑:",
    "编辑：",
    "责编",
    "审核:",
    "审核：",
    "校对:",
    "校对：",
    "上一篇",
    "下一篇",
    "扫一扫",
    "打印本页",
    "关闭窗口",
    "返回顶部",
    "返回首页",
    "版权所有",
    "Copyright",
)

#: :data:`~hanzi_annot.chardata.CLOSING_MARKS` as one string, for ``str.rstrip``.
_CLOSING_CHARS: Final = "".join(sorted(CLOSING_MARKS))

#: Decoration that may open a furniture line before its words: 【打印】, [分享], >>下一篇.
_DECORATION: Final = "【[〔<《|·•-—>»"


def _phrases(value: str | Iterable[str]) -> tuple[str, ...]:
    """Take one phrase or several; a lone string is one phrase, not its characters."""
    phrases = (value,) if isinstance(value, str) else tuple(value)
    if not all(isinstance(phrase, str) for phrase in phrases):
        raise TypeError(f"boilerplate phrases must be strings, not {value!r}")
    return phrases


@attrs.frozen
class CleanOptions:
    """How pages are cleaned; the defaults suit Chinese news sites.

    Args:
        boilerplate: openings of site furniture lines (the default list); a line after
            the article that starts with one is dropped whatever its length, and so is
            every line after it (the widget's entries); such a line never counts as
            the article's last line.
        extra_boilerplate: more openings, added to ``boilerplate`` (the easy way to
            teach one site's wording: ``CleanOptions(extra_boilerplate=("本站声明",))``).
        tail_max_chars: lines after the article's last sentence with at most this many
            characters (whitespace not counted) are dropped as furniture; 0 (the
            default) switches this guess off, so a short closing line is kept.
        min_glued_title_chars: a title shorter than this is never split off the first
            paragraph, where it is more likely the paragraph's own first words.
        min_repeat_chars: a block of repeated lines (between two lines seen for the
            first time) is dropped only when it holds at least this many characters, so
            a short line said twice (a reply such as “好。”) stays.
        drop_title_copies: run :func:`drop_title_copies`.
        drop_repeats: run :func:`drop_repeats`.
        drop_boilerplate: run :func:`drop_boilerplate`.
        full_width_punctuation: write ASCII ``, : ; ? ! ( )`` between hanzi full-width
            (:mod:`hanzi_annot.text.punctuation`, HA310); off by default.

    """

    boilerplate: tuple[str, ...] = attrs.field(default=DEFAULT_BOILERPLATE, converter=_phrases)
    extra_boilerplate: tuple[str, ...] = attrs.field(default=(), converter=_phrases)
    tail_max_chars: int = attrs.field(default=0, validator=attrs.validators.ge(0))
    min_glued_title_chars: int = attrs.field(default=6, validator=attrs.validators.ge(1))
    min_repeat_chars: int = attrs.field(default=16, validator=attrs.validators.ge(1))
    drop_title_copies: bool = True
    drop_repeats: bool = True
    drop_boilerplate: bool = True
    full_width_punctuation: bool = False

    _all_phrases: tuple[str, ...] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        # Joined once: cleaning asks for the phrases at every line after the article.
        object.__setattr__(self, "_all_phrases", self.boilerplate + self.extra_boilerplate)

    @property
    def phrases(self) -> tuple[str, ...]:
        """Every furniture opening: the defaults and the extras."""
        return self._all_phrases


#: The options every step uses when given none (built once: its phrases are checked).
_DEFAULT_OPTIONS: Final = CleanOptions()


@attrs.frozen
class Cleaned:
    """What a cleaning step kept (in input order) and what it reported.

    ``lines`` is a tuple of :class:`~hanzi_annot.Line`, or a
    :class:`~hanzi_annot.text.lines.LineTable` when the step was given one.
    """

    lines: Sequence[Line]
    diagnostics: tuple[Diagnostic, ...]


class _FirstSeen:
    """Where the first line of each key is: tells a copy from a line seen the first time.

    A short input keeps a dict from key to position. A table of lines (a long input)
    keeps an open-addressing table of integers instead: a dict would hold every distinct
    line's key again, about 140 bytes a line, where a slot here is 8 bytes (31 bits of
    the key's hash above the position plus one), between a quarter and half full. A key
    is rebuilt from its line only when those bits match. Python's string hashes are
    salted per process, so no input can aim at one slot.
    """

    __slots__ = ("_count", "_keys", "_lines", "_slots")

    def __init__(self, lines: Sequence[Line]) -> None:
        self._lines = lines
        self._keys: dict[str, int] | None = None
        self._slots = array("q", bytes(8 * 8))
        self._count = 0
        if not isinstance(lines, LineTable) or len(lines) >= 0xFFFFFFFF:  # 32-bit positions
            self._keys = {}

    def original(self, key: str, position: int) -> int | None:
        """Return the position of the first line with ``key``, or note ``position`` as it."""
        if self._keys is not None:
            original = self._keys.setdefault(key, position)
            return None if original == position else original
        slots, lines = self._slots, self._lines
        mask = len(slots) - 1
        tag = hash(key) & 0x7FFFFFFF
        slot = tag & mask
        while found := slots[slot]:
            if found >> 32 == tag:
                seen = (found & 0xFFFFFFFF) - 1
                if repeat_key(_text(lines, seen)) == key:
                    return seen
            slot = (slot + 1) & mask
        slots[slot] = tag << 32 | position + 1
        self._count += 1
        if 2 * self._count > len(slots):
            self._grow()
        return None

    def _grow(self) -> None:
        """Double the table; a slot's place comes from its stored hash bits alone."""
        old = self._slots
        slots = self._slots = array("q", bytes(16 * len(old)))
        mask = len(slots) - 1
        for found in old:
            if found:
                slot = (found >> 32) & mask
                while slots[slot]:
                    slot = (slot + 1) & mask
                slots[slot] = found


class _Kept:
    """The lines a step keeps, held as compactly as the lines it was given.

    Lines kept as given are noted as ranges of positions and copied a range at a time;
    a step that keeps every line copies nothing (the result is the given lines), one
    that keeps one unbroken range copies that range once.
    """

    __slots__ = ("_given", "_start", "_stop", "_store")

    def __init__(self, lines: Sequence[Line]) -> None:
        self._given = lines
        self._start = self._stop = 0  # the range kept last, not copied yet
        self._store: LineTable | list[Line] | None = None

    def keep(self, position: int) -> None:
        """Keep the given line at ``position`` as it is."""
        self.keep_range(position, position + 1)

    def keep_range(self, start: int, stop: int) -> None:
        """Keep the given lines from ``start`` up to ``stop`` as they are."""
        if start == self._stop:
            self._stop = stop
            return
        self._flush()
        self._start, self._stop = start, stop

    def add(self, line: Line) -> None:
        """Keep ``line``, a line the step changed (cut from a given one)."""
        self._flush()
        self._stored().append(line)

    def _flush(self) -> None:
        if self._start < self._stop:
            self._stored().extend(self._given[self._start : self._stop])
        self._start = self._stop = 0

    def _stored(self) -> LineTable | list[Line]:
        if self._store is None:
            given = self._given
            self._store = LineTable(given.source) if isinstance(given, LineTable) else []
        return self._store

    def lines(self) -> Sequence[Line]:
        if self._store is None:
            given = self._given
            whole = (self._start, self._stop) == (0, len(given))
            return _as_given(given if whole else given[self._start : self._stop])
        self._flush()
        return self._store if isinstance(self._store, LineTable) else tuple(self._store)


def _as_given(lines: Sequence[Line]) -> Sequence[Line]:
    """Return ``lines`` unchanged as a step's result: a table as it is, others as a tuple."""
    return lines if isinstance(lines, LineTable) else tuple(lines)


def strip_trailing_groups(text: str) -> str:
    """Remove whitespace and parenthesised groups from the end of ``text``.

    One backward scan, so a line of thousands of groups costs linear time.

    >>> strip_trailing_groups("优质的公共文化服务。(泉州市文化和旅游局) ")
    '优质的公共文化服务。'
    """
    end = len(text)
    while True:
        while end and text[end - 1].isspace():
            end -= 1
        if not end or text[end - 1] not in ")\N{FULLWIDTH RIGHT PARENTHESIS}":
            return text[:end]
        start = end - 2
        while start >= 0 and text[start] not in "()\uff08\uff09":
            start -= 1
        if start < 0 or text[start] not in "(\N{FULLWIDTH LEFT PARENTHESIS}":
            return text[:end]
        end = start


def ends_with(text: str, marks: Iterable[str]) -> bool:
    """Return whether ``text`` ends in one of ``marks``.

    Closing quotes and brackets, and parenthesised groups at the end, are looked
    through: ``。(完)`` and ``。”`` end in ``。``.

    >>> ends_with("实现“三连冠”。", SENTENCE_END), ends_with("服务网", SENTENCE_END)
    (True, False)
    """
    core = strip_trailing_groups(text).rstrip(_CLOSING_CHARS).rstrip()
    return bool(core) and core[-1] in marks


def boilerplate_phrase(text: str, options: CleanOptions) -> str | None:
    """Return the furniture opening ``text`` starts with, if any (spaces, decoration ignored).

    >>> boilerplate_phrase("【上一篇】泉州新增五家城市书房", CleanOptions())
    '上一篇'
    """
    key = "".join(text.split()).lstrip(_DECORATION)
    phrases = options.phrases
    if not key.startswith(phrases):  # one C-level test; most lines open with none
        return None
    return next((p for p in phrases if p and key.startswith(p)), None)


def _reporter(lines: Sequence[Line], index: LineIndex | None, path: str | None) -> Reporter:
    """Return the reporter for diagnostics about ``lines``, placed by ``index`` if given.

    Without an index, a table's is built from its source text; for other lines one is
    rebuilt from the lines: a line's start is the smallest offset seen for its number
    (lines given uncut are whole), and a line number not given takes the next known
    start, which keeps every known line locating as itself.
    """
    if index is None and isinstance(lines, LineTable):
        index = LineIndex.of(lines.source)
    if index is None:
        starts: dict[int, int] = {}
        for line in lines:
            starts[line.number] = min(line.start, starts.get(line.number, line.start))
        table: list[int] = []
        following = lines[-1].end if lines else 0
        for number in range(max(starts, default=0), 0, -1):
            following = starts.get(number, following)
            table.append(following)
        index = LineIndex(tuple(reversed(table)) or (0,), lines[-1].end if lines else 0)
    return Reporter(index, path)


def _diagnostic(
    reporter: Reporter, code: Code, first: Line, last: Line, message: str, end: int | None = None
) -> Diagnostic:
    span = Span(first.start, last.end if end is None else end)
    return reporter.diagnostic(code, span, message)


def _lines_do(first: Line, last: Line, count: int, noun: str, verb: str) -> str:
    """``line 5 repeats`` for one line, ``lines 5-9 (3 copies) repeat`` for a run.

    ``verb`` is the singular form; the count is named only when it is more than one.
    """
    if first.number == last.number:
        return f"line {first.number} {verb}"
    counted = f" ({count} {noun})" if count > 1 else ""
    return f"lines {first.number}-{last.number}{counted} {verb.removesuffix('s')}"


def _texts(
    lines: Sequence[Line], start: int = 0, stop: int | None = None
) -> Iterator[tuple[int, str]]:
    """Yield ``(position, text)`` of ``lines[start:stop]``; a table builds no ``Line``."""
    if isinstance(lines, LineTable):
        return enumerate(lines.texts(start, stop), start)
    end = len(lines) if stop is None else min(stop, len(lines))
    return ((position, lines[position].text) for position in range(start, end))


def _text(lines: Sequence[Line], position: int) -> str:
    """Return the text of ``lines[position]``; a table builds no ``Line``."""
    return lines.text(position) if isinstance(lines, LineTable) else lines[position].text


def _has_key(text: str, key: str) -> bool:
    """Return whether ``repeat_key(text) == key``, most lines told apart without building it."""
    core = text.strip()
    if len(core) < len(key) or core[:1] != key[:1] or core[-1:] != key[-1:]:
        return False  # the key would be shorter, or start or end with another character
    return repeat_key(core) == key


def _title_index(lines: Sequence[Line]) -> int | None:
    return next((i for i, text in _texts(lines) if not is_blank(text)), None)


def drop_title_copies(
    lines: Sequence[Line],
    options: CleanOptions | None = None,
    *,
    path: str | None = None,
    index: LineIndex | None = None,
) -> Cleaned:
    """Drop copies of the title (the first non-blank line); split one off the first paragraph.

    Scraped pages repeat the title two or three times, the last copy often fused with
    the first body paragraph. A line equal to the title (ignoring whitespace) is a copy
    (``HA301``), except the last one on a page that has nothing else: it is the body.
    A copy at the front of the first later line is split off it (``HA302``, the rest of
    that line staying at its original offsets) only when that is provable: the page
    also repeats the title as a line of its own, or another copy follows at once.
    Otherwise a paragraph that opens with the title's words
    (``泉州市图书馆`` / ``泉州市图书馆今天正式开放。``) keeps them. ``index`` indexes the
    input the lines come from (see :func:`clean_lines`).
    """
    options = options or _DEFAULT_OPTIONS
    reporter = _reporter(lines, index, path)
    first = _title_index(lines)
    if first is None:
        return Cleaned(_as_given(lines), ())
    title = lines[first]
    title_key = title.key
    stripped_title = title.text.strip()
    kept = _Kept(lines)
    kept.keep_range(0, first + 1)
    last_copy: int | None = None
    only_copies = True
    for position, text in _texts(lines, first + 1):
        if not is_blank(text):
            if _has_key(text, title_key):
                last_copy = position
            else:
                only_copies = False
    repeated = last_copy is not None
    # A page that is nothing but its title repeated keeps its last copy as the body:
    # dropping every copy would turn the title itself into the only paragraph.
    keep = last_copy if only_copies else None
    diagnostics: list[Diagnostic] = []
    copies = _CopyRun(title.number)
    glue_checked = len(stripped_title) < options.min_glued_title_chars
    for position, text in _texts(lines, first + 1):
        if is_blank(text):
            kept.keep(position)
            continue
        if position != keep and _has_key(text, title_key):
            copies.add(position)
            continue
        diagnostics.extend(copies.close(lines, reporter))
        if not glue_checked:
            glue_checked = True
            line = lines[position]
            rest = line.strip()
            while rest.text.startswith(stripped_title) and rest.key != title_key:
                after = rest.drop_front(len(stripped_title)).strip()
                if not (repeated or after.text.startswith(stripped_title)):
                    break
                message = (
                    f"a copy of the title (line {title.number}) starts line {line.number}; "
                    "split off"
                )
                diagnostics.append(
                    _diagnostic(reporter, Code.GLUED_TITLE, rest, rest, message, end=after.start)
                )
                rest = after
            if rest.start != line.strip().start:
                kept.add(rest)
                continue
        kept.keep(position)
    diagnostics.extend(copies.close(lines, reporter))
    return Cleaned(kept.lines(), tuple(diagnostics))


class _CopyRun:
    """Copies of the title in a row (only blank lines between): one diagnostic for all."""

    __slots__ = ("count", "first", "last", "title")

    def __init__(self, title: int) -> None:
        self.title = title
        self.first = self.last = self.count = 0

    def add(self, position: int) -> None:
        if not self.count:
            self.first = position
        self.last = position
        self.count += 1

    def close(self, lines: Sequence[Line], reporter: Reporter) -> tuple[Diagnostic, ...]:
        """Report the run so far, if any, and start a new one."""
        count = self.count
        self.count = 0
        if not count:
            return ()
        first, last = lines[self.first], lines[self.last]
        repeat = _lines_do(first, last, count, "copies", "repeats")
        message = f"{repeat} the title (line {self.title}); dropped"
        return (_diagnostic(reporter, Code.REPEATED_TITLE, first, last, message),)


def drop_repeats(
    lines: Sequence[Line],
    options: CleanOptions | None = None,
    *,
    path: str | None = None,
    index: LineIndex | None = None,
) -> Cleaned:
    """Drop lines that provably repeat earlier ones, ignoring whitespace and blank lines.

    The repeated lines between two lines seen for the first time form a block; a block
    is dropped when it holds at least ``min_repeat_chars`` characters (a copied body, a
    repeated paragraph), and kept whole otherwise (a short reply said twice). A dropped
    block is reported by runs of lines copied in order: a run of one line on its own
    (``HA303``), a longer run as a copied body (``HA304``, naming both ranges of lines).
    A run ends where the copied lines stop following each other, and runs that copy the
    same lines one after another are one diagnostic (``lines 3-9 (7 copies) repeat line
    2``), so a line pasted a million times costs one finding, not a million.
    """
    options = options or _DEFAULT_OPTIONS
    reporter = _reporter(lines, index, path)
    first_seen = _FirstSeen(lines)
    kept = _Kept(lines)
    diagnostics: list[Diagnostic] = []
    block = _Block()
    for position, text in _texts(lines):
        if is_blank(text):
            if block.current is None:
                kept.keep(position)
            continue  # else kept when the block closes, in input order
        key = repeat_key(text)
        original = first_seen.original(key, position)
        if original is None:
            _close_block(block, lines, position, kept, diagnostics, reporter, options)
            kept.keep(position)
        else:
            block.add(position, original, len(key))
    _close_block(block, lines, len(lines), kept, diagnostics, reporter, options)
    return Cleaned(kept.lines(), tuple(diagnostics))


class _Run:
    """Dropped lines ``first``-``last``: ``copies`` copies in a row of ``length`` lines.

    The lines copied are ``origin``-``origin_last``; all four are positions in the
    lines the step was given (line numbers only when reported).
    """

    __slots__ = ("copies", "first", "last", "length", "origin", "origin_last")

    def __init__(self, position: int, origin: int) -> None:
        self.first = self.last = position
        self.origin = self.origin_last = origin
        self.length = self.copies = 1

    def same_lines(self, other: _Run) -> bool:
        """Whether both runs copy the same block of lines in a row (never merge others)."""
        # Lines 2, 3, 6 and lines 2, 5, 6 share their ends and length, not their lines.
        whole = self.origin_last - self.origin + 1 == self.length
        return whole and (self.origin, self.origin_last, self.length) == (
            other.origin,
            other.origin_last,
            other.length,
        )

    def diagnostic(self, lines: Sequence[Line], reporter: Reporter) -> Diagnostic:
        first, last = lines[self.first], lines[self.last]
        origin, origin_last = lines[self.origin].number, lines[self.origin_last].number
        repeat = _lines_do(first, last, self.copies, "copies", "repeats")
        if self.length == 1:
            code = Code.REPEATED_PARAGRAPH
            message = f"{repeat} line {origin}; dropped"
        else:
            code = Code.REPEATED_BODY
            message = f"{repeat} lines {origin}-{origin_last} ({self.length} paragraphs); dropped"
        return _diagnostic(reporter, code, first, last, message)


class _Block:
    """Repeated lines between two lines seen for the first time, kept as runs."""

    __slots__ = ("chars", "current", "runs", "start")

    def __init__(self) -> None:
        self.start = 0  # position of the block's first line
        self.chars = 0
        self.runs: list[_Run] = []  # finished runs, those copying the same lines merged
        self.current: _Run | None = None

    def add(self, position: int, original: int, chars: int) -> None:
        if self.current is None:
            self.start = position
        self.chars += chars
        current = self.current
        if current is not None and current.origin_last < original:
            current.last = position
            current.origin_last = original
            current.length += 1
            return
        self._finish()
        self.current = _Run(position, original)
        self.runs.append(self.current)

    def _finish(self) -> None:
        """Merge the current run into the one before when both copy the same lines."""
        current = self.current
        if current is None or len(self.runs) < 2:
            return
        before = self.runs[-2]
        if before.same_lines(current):
            before.last = current.last
            before.copies += 1
            self.runs.pop()

    def close(self) -> list[_Run]:
        """Return the block's runs and start an empty block."""
        self._finish()
        runs = self.runs
        self.runs, self.current, self.chars = [], None, 0
        return runs


def _close_block(
    block: _Block,
    lines: Sequence[Line],
    end: int,
    kept: _Kept,
    diagnostics: list[Diagnostic],
    reporter: Reporter,
    options: CleanOptions,
) -> None:
    """Keep or drop the open block, which ends before position ``end``."""
    if block.current is None:
        return
    dropped = block.chars >= options.min_repeat_chars
    start = block.start
    runs = block.close()
    if not dropped:
        kept.keep_range(start, end)
        return
    diagnostics.extend(run.diagnostic(lines, reporter) for run in runs)
    for position, text in _texts(lines, start, end):
        if is_blank(text):
            kept.keep(position)


def _is_group_only(text: str) -> bool:
    return bool(text.strip()) and not strip_trailing_groups(text)


def article_end(lines: Sequence[Line], options: CleanOptions | None = None) -> int | None:
    """Return the index of the article's last line, or ``None`` when there is none.

    Without a line after the title that ends a sentence nothing counts as furniture.
    The last line is the last one that ends in sentence-final punctuation and does not
    open with furniture wording; a line of parenthesised groups only (``(完)``, a source
    on its own line) right after it still belongs to the article.
    """
    options = options or _DEFAULT_OPTIONS
    title = _title_index(lines)
    if title is None:
        return None
    # From the bottom: furniture sits there, so the last sentence is a few lines up.
    end: int | None = None
    for index in range(len(lines) - 1, title, -1):
        text = _text(lines, index)
        if ends_with(text, SENTENCE_END) and boilerplate_phrase(text, options) is None:
            end = index
            break
    if end is None:
        return None
    for index, text in _texts(lines, end + 1):  # groups right after it: (完), a source
        if is_blank(text):
            continue
        if not _is_group_only(text):
            break
        end = index
    return end


class _Entries:
    """Lines in a row after a widget's heading (its entries): reported as one finding."""

    __slots__ = ("count", "first", "last")

    def __init__(self, first: Line) -> None:
        self.first = self.last = first
        self.count = 0

    def add(self, line: Line) -> None:
        self.last = line
        self.count += 1

    def diagnostic(self, widget: Line, reporter: Reporter) -> Diagnostic:
        first, last = self.first, self.last
        follow = _lines_do(first, last, self.count, "lines", "follows")
        message = f"{follow} site furniture (line {widget.number}) after the article's end; dropped"
        return _diagnostic(reporter, Code.BOILERPLATE, first, last, message)


def drop_boilerplate(
    lines: Sequence[Line],
    options: CleanOptions | None = None,
    *,
    path: str | None = None,
    index: LineIndex | None = None,
) -> Cleaned:
    """Drop site furniture after the article's last sentence (``HA305``).

    A line opening with listed furniture wording is dropped there, and so is every
    line after it: a widget's heading (``相关推荐``, ``评论列表``) is followed by its
    entries, whatever their wording. With ``tail_max_chars`` set, short lines there
    are dropped too (a guess, off by default). Nothing before the article's end is
    touched, and a short closing line with no furniture before it stays.
    """
    options = options or _DEFAULT_OPTIONS
    reporter = _reporter(lines, index, path)
    end = article_end(lines, options)
    if end is None:
        return Cleaned(_as_given(lines), ())
    kept = _Kept(lines)
    kept.keep_range(0, end + 1)
    diagnostics: list[Diagnostic] = []
    widget: Line | None = None  # the first furniture line, which later lines belong to
    entries: _Entries | None = None  # the widget's lines in a row, not reported yet
    for position, line in enumerate(lines[end + 1 :], end + 1):
        if line.is_blank:
            kept.keep(position)
            continue
        phrase = boilerplate_phrase(line.text, options)
        if phrase is None and widget is not None:
            entries = entries or _Entries(line)
            entries.add(line)
            continue
        if phrase is not None:
            why = f"opens with furniture wording ({phrase})"
            widget = widget or line
        elif options.tail_max_chars and len(line.key) <= options.tail_max_chars:
            why = "is a short line"
        else:
            kept.keep(position)
            continue
        if entries is not None and widget is not None:
            diagnostics.append(entries.diagnostic(widget, reporter))
            entries = None
        message = f"line {line.number} {why} after the article's end; dropped"
        diagnostics.append(_diagnostic(reporter, Code.BOILERPLATE, line, line, message))
    if entries is not None and widget is not None:
        diagnostics.append(entries.diagnostic(widget, reporter))
    return Cleaned(kept.lines(), tuple(diagnostics))


def clean_lines(
    lines: Sequence[Line],
    options: CleanOptions | None = None,
    *,
    path: str | None = None,
    index: LineIndex | None = None,
) -> Cleaned:
    """Run every cleaning step the options enable: title copies, repeats, furniture.

    ``index`` is the :class:`~hanzi_annot.LineIndex` of the input the lines come from;
    diagnostics take their line and column from it (without one, it is rebuilt from
    the lines, which works for lines as :func:`~hanzi_annot.split_lines` gives them).
    Running it again on its own result changes nothing.
    """
    options = options or _DEFAULT_OPTIONS
    index = index or _reporter(lines, None, path).lines
    result = Cleaned(_as_given(lines), ())
    steps = (
        (options.drop_title_copies, drop_title_copies),
        (options.drop_repeats, drop_repeats),
        (options.drop_boilerplate, drop_boilerplate),
    )
    for enabled, step in steps:
        if enabled:
            found = step(result.lines, options, path=path, index=index)
            result = Cleaned(found.lines, result.diagnostics + found.diagnostics)
    if options.full_width_punctuation:
        widened, notes = full_width_punctuation(result.lines, path=path)
        result = Cleaned(widened, result.diagnostics + notes)
    return Cleaned(result.lines, sort_diagnostics(result.diagnostics))

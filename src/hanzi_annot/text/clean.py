r"""Page cleaning: drop the noise of scraped news pages from the input's lines.

Each step takes lines (see :func:`~hanzi_annot.text.decode.split_lines`) and returns the
lines it kept plus one ``HA3xx`` info diagnostic per removal, naming the original line
numbers. Steps never rewrite text: a kept line is the original line or a piece of it
with its original offsets, so later stages still point into the input. The steps can be
run one by one; :func:`clean_lines` runs them all in order.

>>> from hanzi_annot.text.decode import split_lines
>>> page = "书香泉州\n书香泉州\n泉州新建城市书房。\n相关推荐\n"
>>> cleaned = clean_lines(split_lines(page))
>>> [line.text for line in cleaned.lines]
['书香泉州', '泉州新建城市书房。']
>>> [str(d.code) for d in cleaned.diagnostics]
['HA301', 'HA305']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Final

import attrs

from hanzi_annot.chardata import CLOSING_MARKS
from hanzi_annot.diagnostics import Code, Diagnostic, sort_diagnostics
from hanzi_annot.positions import Span
from hanzi_annot.text.decode import Line

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

#: Punctuation that closes a sentence; a line ending in one is article text.
ARTICLE_END: Final = frozenset("。！？!?…")

#: Decoration that may open a furniture line before its words: 【打印】, [分享], >>下一篇.
_DECORATION: Final = "【[〔<《|·•-—>»"

#: A parenthesised group at the very end of a text.


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
            the article that starts with one is dropped whatever its length, and such
            a line never counts as the article's last line.
        extra_boilerplate: more openings, added to ``boilerplate`` (the easy way to
            teach one site's wording: ``CleanOptions(extra_boilerplate=("本站声明",))``).
        tail_max_chars: lines after the article's last sentence with at most this many
            characters (whitespace not counted) are dropped as furniture.
        min_glued_title_chars: a title shorter than this is never split off the first
            paragraph, where it is more likely the paragraph's own first words.
        drop_title_copies: run :func:`drop_title_copies`.
        drop_repeats: run :func:`drop_repeats`.
        drop_boilerplate: run :func:`drop_boilerplate`.

    """

    boilerplate: tuple[str, ...] = attrs.field(default=DEFAULT_BOILERPLATE, converter=_phrases)
    extra_boilerplate: tuple[str, ...] = attrs.field(default=(), converter=_phrases)
    tail_max_chars: int = attrs.field(default=30, validator=attrs.validators.ge(0))
    min_glued_title_chars: int = attrs.field(default=6, validator=attrs.validators.ge(1))
    drop_title_copies: bool = True
    drop_repeats: bool = True
    drop_boilerplate: bool = True

    @property
    def phrases(self) -> tuple[str, ...]:
        """Every furniture opening: the defaults and the extras."""
        return self.boilerplate + self.extra_boilerplate


@attrs.frozen
class Cleaned:
    """What a cleaning step kept (in input order) and what it reported."""

    lines: tuple[Line, ...]
    diagnostics: tuple[Diagnostic, ...]


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

    >>> ends_with("实现“三连冠”。", ARTICLE_END), ends_with("服务网", ARTICLE_END)
    (True, False)
    """
    core = strip_trailing_groups(text).rstrip("".join(CLOSING_MARKS)).rstrip()
    return bool(core) and core[-1] in marks


def boilerplate_phrase(text: str, options: CleanOptions) -> str | None:
    """Return the furniture opening ``text`` starts with, if any (spaces, decoration ignored).

    >>> boilerplate_phrase("【上一篇】泉州新增五家城市书房", CleanOptions())
    '上一篇'
    """
    key = "".join(text.split()).lstrip(_DECORATION)
    return next((p for p in options.phrases if p and key.startswith(p)), None)


def _diagnostic(
    code: Code, first: Line, last: Line, message: str, path: str | None, end: int | None = None
) -> Diagnostic:
    return Diagnostic(
        code=code,
        severity=code.default_severity,
        message=message,
        span=Span(first.start, last.end if end is None else end),
        line=first.number,
        column=1,
        path=path,
    )


def _title_index(lines: Sequence[Line]) -> int | None:
    return next((i for i, line in enumerate(lines) if not line.is_blank), None)


def drop_title_copies(
    lines: Sequence[Line], options: CleanOptions | None = None, *, path: str | None = None
) -> Cleaned:
    """Drop copies of the title (the first non-blank line); split one off the first paragraph.

    Scraped pages repeat the title two or three times, the last copy often fused with
    the first body paragraph. A line equal to the title (ignoring whitespace) is a copy
    (``HA301``); copies at the front of the first later line are split off it
    (``HA302``) and the rest of that line stays, at its original offsets.
    """
    options = options or CleanOptions()
    index = _title_index(lines)
    if index is None:
        return Cleaned(tuple(lines), ())
    title = lines[index]
    stripped_title = title.text.strip()
    kept: list[Line] = list(lines[: index + 1])
    diagnostics: list[Diagnostic] = []
    glue_checked = len(stripped_title) < options.min_glued_title_chars
    for line in lines[index + 1 :]:
        if not line.is_blank and line.key == title.key:
            diagnostics.append(
                _diagnostic(
                    Code.REPEATED_TITLE,
                    line,
                    line,
                    f"line {line.number} repeats the title (line {title.number}); dropped",
                    path,
                )
            )
            continue
        if not line.is_blank and not glue_checked:
            glue_checked = True
            rest = line.strip()
            while rest.text.startswith(stripped_title) and rest.key != title.key:
                copy = rest
                rest = rest.drop_front(len(stripped_title)).strip()
                diagnostics.append(
                    _diagnostic(
                        Code.GLUED_TITLE,
                        copy,
                        copy,
                        f"a copy of the title starts line {line.number}; split off",
                        path,
                        end=rest.start,
                    )
                )
            line = rest if rest.start != line.strip().start else line
        kept.append(line)
    return Cleaned(tuple(kept), tuple(diagnostics))


def drop_repeats(
    lines: Sequence[Line], options: CleanOptions | None = None, *, path: str | None = None
) -> Cleaned:
    """Drop lines that repeat an earlier line, ignoring whitespace and blank lines.

    A repeated copy of the body is reported once per run (``HA304``, naming both
    ranges of lines), a lone repeated paragraph on its own (``HA303``). A run ends at
    a kept line or where the copied lines stop following each other.
    """
    del options  # the step has no settings; the parameter keeps the steps uniform
    first_seen: dict[str, Line] = {}
    kept: list[Line] = []
    runs: list[list[tuple[Line, Line]]] = []  # (dropped line, the line it repeats)
    for line in lines:
        if line.is_blank:
            kept.append(line)
            continue
        original = first_seen.get(line.key)
        if original is None:
            first_seen[line.key] = line
            kept.append(line)
            if runs and runs[-1]:
                runs.append([])
            continue
        if not runs or (runs[-1] and runs[-1][-1][1].number >= original.number):
            runs.append([])
        runs[-1].append((line, original))
    diagnostics = [_repeat_diagnostic(run, path) for run in runs if run]
    return Cleaned(tuple(kept), tuple(diagnostics))


def _repeat_diagnostic(run: list[tuple[Line, Line]], path: str | None) -> Diagnostic:
    first, last = run[0][0], run[-1][0]
    if len(run) == 1:
        message = f"line {first.number} repeats line {run[0][1].number}; dropped"
        return _diagnostic(Code.REPEATED_PARAGRAPH, first, last, message, path)
    message = (
        f"lines {first.number}-{last.number} repeat lines "
        f"{run[0][1].number}-{run[-1][1].number} ({len(run)} paragraphs); dropped"
    )
    return _diagnostic(Code.REPEATED_BODY, first, last, message, path)


def _is_group_only(text: str) -> bool:
    return bool(text.strip()) and not strip_trailing_groups(text)


def article_end(lines: Sequence[Line], options: CleanOptions | None = None) -> int | None:
    """Return the index of the article's last line, or ``None`` when there is none.

    Without a line after the title that ends a sentence nothing counts as furniture.
    The last line is the last one that ends in sentence-final punctuation and does not
    open with furniture wording; a line of parenthesised groups only (``(完)``, a source
    on its own line) right after it still belongs to the article.
    """
    options = options or CleanOptions()
    title = _title_index(lines)
    if title is None:
        return None
    end: int | None = None
    for index in range(title + 1, len(lines)):
        line = lines[index]
        if line.is_blank:
            continue
        if ends_with(line.text, ARTICLE_END):
            if boilerplate_phrase(line.text, options) is None:
                end = index
        elif (
            end is not None and _is_group_only(line.text) and _previous_content(lines, index) == end
        ):
            end = index
    return end


def _previous_content(lines: Sequence[Line], index: int) -> int | None:
    return next((i for i in range(index - 1, -1, -1) if not lines[i].is_blank), None)


def drop_boilerplate(
    lines: Sequence[Line], options: CleanOptions | None = None, *, path: str | None = None
) -> Cleaned:
    """Drop site furniture after the article's last sentence (``HA305``).

    Short lines, and lines opening with furniture wording, are dropped there. Two rules
    together, because every site words its widgets differently: the phrase
    list catches known wording of any length, the length rule catches unknown short
    lines (``你 发表评论:``, ``欢迎``). Nothing before the article's end is touched.
    """
    options = options or CleanOptions()
    end = article_end(lines, options)
    if end is None:
        return Cleaned(tuple(lines), ())
    kept = list(lines[: end + 1])
    diagnostics: list[Diagnostic] = []
    for line in lines[end + 1 :]:
        if line.is_blank:
            kept.append(line)
            continue
        phrase = boilerplate_phrase(line.text, options)
        if phrase is not None:
            why = f"opens with furniture wording ({phrase})"
        elif len(line.key) <= options.tail_max_chars:
            why = "is a short line"
        else:
            kept.append(line)
            continue
        message = f"line {line.number} {why} after the article's end; dropped"
        diagnostics.append(_diagnostic(Code.BOILERPLATE, line, line, message, path))
    return Cleaned(tuple(kept), tuple(diagnostics))


def clean_lines(
    lines: Sequence[Line], options: CleanOptions | None = None, *, path: str | None = None
) -> Cleaned:
    """Run every cleaning step the options enable: title copies, repeats, furniture.

    Running it again on its own result changes nothing.
    """
    options = options or CleanOptions()
    result = Cleaned(tuple(lines), ())
    steps = (
        (options.drop_title_copies, drop_title_copies),
        (options.drop_repeats, drop_repeats),
        (options.drop_boilerplate, drop_boilerplate),
    )
    for enabled, step in steps:
        if enabled:
            found = step(result.lines, options, path=path)
            result = Cleaned(found.lines, result.diagnostics + found.diagnostics)
    return Cleaned(result.lines, sort_diagnostics(result.diagnostics))

"""Article metadata: the date, byline and source lines scraped pages put under the title.

A line is metadata only when *all* of it is made of known fields: a date (with or
without a time), and labelled values (``来源：``, ``作者：``, ``记者``, ``通讯员``,
``编辑：``, ``发布时间：``, …), separated by spaces. Anything else on the line keeps it
text, so ``记者从市文化局获悉，…`` stays a paragraph. Colons may be full-width or
half-width. Reporters (``记者``, ``通讯员``, ``作者``) are authors; editors
(``编辑``, ``责任编辑``) are kept apart, because an editor did not write the article.

>>> found = recognize_metadata("2024-05-12 09:30 来源:人民网 作者:张三")
>>> found.published, found.source, found.authors
('2024-05-12T09:30', '人民网', ('张三',))
>>> recognize_metadata("记者从市文化局获悉，新馆下月开放。") is None
True
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from typing import Final

import attrs

from hanzi_annot.diagnostics import Code, Diagnostic, Reporter, Severity
from hanzi_annot.model import Metadata
from hanzi_annot.positions import LineIndex, Span
from hanzi_annot.text.decode import Line

__all__ = [
    "MAX_METADATA_LINES",
    "impossible_dates",
    "merge_metadata",
    "metadata_line",
    "recognize_metadata",
    "take_metadata",
    "take_metadata_lines",
]

#: How many lines under the title may be metadata.
MAX_METADATA_LINES: Final = 3

_DATE_RE: Final = re.compile(
    r"(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
    r"(?:\s*(?P<H>\d{1,2})\s*[:\uff1a时]\s*(?P<M>\d{2})(?:\s*[:\uff1a]\s*(?P<S>\d{2}))?分?)?"
)

#: Labels and the field each fills; longer labels first so 责任编辑 wins over 编辑.
_LABELS: Final = {
    "发布时间": "published",
    "发布日期": "published",
    "发表时间": "published",
    "时间": "published",
    "日期": "published",
    "来源": "source",
    "稿源": "source",
    "作者": "authors",
    "本报记者": "authors",
    "记者": "authors",
    "通讯员": "authors",
    "撰稿": "authors",
    "责任编辑": "editors",
    "编辑": "editors",
}
_LABEL_RE: Final = re.compile(
    "(?P<label>" + "|".join(sorted(_LABELS, key=len, reverse=True)) + r")\s*[:\uff1a]?\s*"
)
_SEPARATORS: Final = " \t\u3000|\uff5c/"
_NAME_SPLIT_RE: Final = re.compile(r"[\s\u3000、，,;；/]+")
_NAME_RE: Final = re.compile(
    r"^(?:[\u4e00-\u9fff\u3400-\u4dbf]{2,4}"  # 张三, 欧阳海燕
    r"|[\u4e00-\u9fff]{1,8}(?:[·•][\u4e00-\u9fff]{1,8})+"  # 阿依古丽·买买提
    r"|[A-Za-z][A-Za-z .'-]{1,40})$"
)
_SOURCE_BAD: Final = frozenset("。！？!?；;，,()（）")
_SOURCE_MAX_CHARS: Final = 30


def _iso_date(match: re.Match[str]) -> str | None:
    """ISO 8601 text of a date match, or None if it is no real date or time."""
    try:
        day = datetime.date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None
    if match["H"] is None:
        return day.isoformat()
    hour, minute = int(match["H"]), int(match["M"])
    second = int(match["S"]) if match["S"] is not None else None
    if hour > 23 or minute > 59 or (second is not None and second > 59):
        return None
    time = f"{hour:02d}:{minute:02d}" + (f":{second:02d}" if second is not None else "")
    return f"{day.isoformat()}T{time}"


def _names(value: str) -> tuple[str, ...] | None:
    names = tuple(name for name in _NAME_SPLIT_RE.split(value.strip()) if name)
    if not names or not all(_NAME_RE.match(name) for name in names):
        return None
    return names


def _source(value: str) -> str | None:
    value = value.strip()
    if not value or len(value) > _SOURCE_MAX_CHARS or any(c in _SOURCE_BAD for c in value):
        return None
    return value


_WEEKDAY_RE: Final = re.compile(r"[(\uff08]?(?:星期|礼拜|周)(?P<w>[一二三四五六日天])[)\uff09]?")
#: Monday is 0, as :meth:`datetime.date.weekday` counts.
_WEEKDAYS: Final = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}


@attrs.define
class _Scan:
    """What one line holds when read field by field; ``impossible`` dates are kept apart."""

    fields: dict[str, list[str]]
    impossible: list[str]


def _date_at(text: str, position: int, scan: _Scan) -> int | None:
    """Read a date (and a weekday that agrees with it) at ``position``; return its end."""
    date = _DATE_RE.match(text, position)
    if date is None:
        return None
    iso = _iso_date(date)
    if iso is None:
        scan.impossible.append(date.group().strip())
    else:
        scan.fields["published"].append(iso)
    end = date.end()
    while end < len(text) and text[end] in _SEPARATORS:
        end += 1
    weekday = _WEEKDAY_RE.match(text, end)
    if weekday is None:
        return date.end()
    weekday_number = _WEEKDAYS[weekday["w"]]
    if iso is not None and datetime.date.fromisoformat(iso[:10]).weekday() != weekday_number:
        return None  # the page contradicts itself: not a line to trust
    return weekday.end()


def _scan(text: str) -> _Scan | None:
    """Read ``text`` as fields, or return ``None`` if any part of it is no known field."""
    scan = _Scan({"published": [], "source": [], "authors": [], "editors": []}, [])
    fields = scan.fields
    position, end = 0, len(text)
    while True:
        while position < end and text[position] in _SEPARATORS:
            position += 1
        if position == end:
            break
        after_date = _date_at(text, position, scan)
        if after_date is not None:
            position = after_date
            continue
        if _DATE_RE.match(text, position) is not None:
            return None
        label = _LABEL_RE.match(text, position)
        if label is None:
            return None
        field = _LABELS[label["label"]]
        if field == "published":
            after_date = _date_at(text, label.end(), scan)
            if after_date is None:
                return None
            position = after_date
            continue
        following = _LABEL_RE.search(text, label.end())
        stop = following.start() if following is not None else end
        later_date = _DATE_RE.search(text, label.end(), stop)
        if later_date is not None:
            stop = later_date.start()
        value = text[label.end() : stop]
        if field == "source":
            source = _source(value)
            if source is None:
                return None
            fields["source"].append(source)
        else:
            names = _names(value)
            if names is None:
                return None
            fields[field].extend(names)
        position = stop
    found = len(fields["published"]) + len(scan.impossible)
    if not (found or any(fields.values())) or found > 1 or len(fields["source"]) > 1:
        return None
    return scan


def recognize_metadata(text: str) -> Metadata | None:
    """Read one line as metadata, or return ``None`` if any part of it is unknown.

    A weekday may follow the date (``星期日``, ``周日``, also in parentheses) when it is
    that date's weekday. A line with an impossible date (``2024-02-30``) is no metadata:
    :func:`take_metadata_lines` keeps it as text and says why.

    >>> recognize_metadata("发布时间：2024年5月12日 09:30").published
    '2024-05-12T09:30'
    >>> recognize_metadata("2024年5月12日 星期日 来源：新华社").published
    '2024-05-12'
    >>> recognize_metadata("记者 王五 通讯员 赵六").authors
    ('王五', '赵六')
    >>> recognize_metadata("编辑：李四").editors, recognize_metadata("编辑：李四").authors
    (('李四',), ())
    """
    scan = _scan(text)
    if scan is None or scan.impossible:
        return None
    fields = scan.fields
    return Metadata(
        published=fields["published"][0] if fields["published"] else None,
        authors=tuple(dict.fromkeys(fields["authors"])),
        editors=tuple(dict.fromkeys(fields["editors"])),
        source=fields["source"][0] if fields["source"] else None,
    )


def impossible_dates(text: str) -> tuple[str, ...]:
    """Return the impossible dates of a line that would be metadata but for them.

    >>> impossible_dates("2024-02-30 来源：人民网")
    ('2024-02-30',)
    >>> impossible_dates("记者从市文化局获悉，新馆下月开放。")
    ()
    """
    scan = _scan(text)
    return () if scan is None else tuple(scan.impossible)


def merge_metadata(first: Metadata, second: Metadata) -> Metadata:
    """Combine two findings: names add up, a single-valued field keeps the first value.

    >>> merge_metadata(Metadata(authors=["王五"]), Metadata(authors=["赵六"], url="u")).authors
    ('王五', '赵六')
    """
    return Metadata(
        published=first.published or second.published,
        authors=tuple(dict.fromkeys(first.authors + second.authors)),
        editors=tuple(dict.fromkeys(first.editors + second.editors)),
        source=first.source or second.source,
        url=first.url or second.url,
    )


def _describe(found: Metadata) -> str:
    parts = [
        f"{name} {value if isinstance(value, str) else '、'.join(value)}"
        for name, value in attrs.asdict(found, recurse=False).items()
        if value
    ]
    return ", ".join(parts)


def take_metadata_lines(
    lines: Sequence[Line], index: LineIndex, path: str | None = None
) -> tuple[Metadata, int, tuple[Diagnostic, ...]]:
    """Read metadata from the first lines of ``lines`` (those right under the title).

    Returns what was found, how many lines it used (at most :data:`MAX_METADATA_LINES`,
    stopping at the first line that is not metadata), and one ``HA307`` note per line,
    quoting the line as written. A line that would be metadata but for an impossible
    date stops the search and stays text, with an ``HA307`` warning naming the date, so
    none of its fields is lost without a word.
    """
    return take_metadata([(line.text, Span(line.start, line.end)) for line in lines], index, path)


def take_metadata(
    blocks: Sequence[tuple[str, Span | None]], index: LineIndex, path: str | None = None
) -> tuple[Metadata, int, tuple[Diagnostic, ...]]:
    """Do what :func:`take_metadata_lines` does for any blocks: text and where it stands.

    The HTML reader passes its first paragraphs; a block without a span is reported at
    the start of the input.
    """
    found = Metadata()
    reporter = Reporter(index, path)
    diagnostics: list[Diagnostic] = []
    used = 0
    for text, span in blocks[:MAX_METADATA_LINES]:
        where = span if span is not None else Span(0, 0)
        recognized = recognize_metadata(text)
        if recognized is None:
            bad = impossible_dates(text)
            if bad:
                diagnostics.append(
                    reporter.diagnostic(
                        Code.ARTICLE_METADATA,
                        where,
                        f"{text!r} looks like article metadata, but {bad[0]!r} is no "
                        "real date; the line is kept as text",
                        severity=Severity.WARNING,
                        hint="correct the date, and the line is read as metadata",
                    )
                )
            break
        found = merge_metadata(found, recognized)
        used += 1
        diagnostics.append(
            reporter.diagnostic(
                Code.ARTICLE_METADATA,
                where,
                f"{text!r} is article metadata ({_describe(recognized)})",
            )
        )
    return found, used, tuple(diagnostics)


def metadata_line(metadata: Metadata) -> str | None:
    """Write metadata back as one line :func:`recognize_metadata` reads to the same fields.

    The URL has no line form and is left out. ``None`` when there is nothing to write.

    >>> metadata_line(Metadata(published="2024-05-12T09:30", authors=["张三"], source="人民网"))
    '发布时间：2024-05-12 09:30 来源：人民网 作者：张三'
    """
    parts: list[str] = []
    if metadata.published is not None:
        parts.append("发布时间：" + metadata.published.replace("T", " "))
    if metadata.source is not None:
        parts.append(f"来源：{metadata.source}")
    if metadata.authors:
        parts.append("作者：" + "、".join(metadata.authors))
    if metadata.editors:
        parts.append("编辑：" + "、".join(metadata.editors))
    return " ".join(parts) or None

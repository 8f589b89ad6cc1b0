"""Adversarial checks of the memo tables and fast paths: identity, robustness, threads.

The parser reads known groups from its readings' tables, validators share findings
through them, the HTML writer writes known words from its render cache, and the
command line resolves paths folder by folder. Each is held here to the straightforward
path (nothing remembered) on awkward input, under eviction and from several threads.
"""

from __future__ import annotations

from collections.abc import Hashable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hanzi_annot import (
    Document,
    HtmlOptions,
    HtmlRenderer,
    Readings,
    ValidateOptions,
    Validator,
    parse,
    parse_inline,
    same_positions,
    validate,
)
from hanzi_annot.cli.inputs import Resolver
from hanzi_annot.html.fragments import RenderCache
from hanzi_annot.memo import Memo
from tests.cli_texts import Run
from tests.threads import run_threads

#: Pieces of news text with groups the fast path must read exactly as the slow one:
#: repeats, the same pinyin over other hanzi, erhua, zhuyin, capitals, tone numbers,
#: both kinds of parentheses, an astral hanzi, an acronym, spaces and line breaks.
_PIECES = [
    "国", "家", "国家", "一点儿", "点", "儿", "哪", "长", "行", "银", "西安", "𠀀",
    "(", ")", "（", "）", "guó", "jiā", "guójiā", "Guójiā", "GUÓ", "yīdiǎnr", "diǎnr",
    "nǎr", "ér", "r", "guo2", "jia1", "ㄍㄨㄛˊ", "ㄐㄧㄚ", "xī'ān", "cháng", "xíng",
    "háng", "yín", "qiū", "WTO", "A", " ", "'", "，", "。", "\u3000", "\n",
]  # fmt: skip

_TEXTS = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)

#: Hand-written pages: each word met again over other hanzi, after a repeat, at a
#: paragraph's start, in capitals, with tone numbers and in zhuyin.
_PAGES = [
    "国家(guójiā)发展\n\n国家(guójiā)(guójiā)富强，大国家(guójiā)里一点儿(yīdiǎnr)也不乱。",
    "一点儿(yìdiǎnr)小事\n\n国家(Guójiā)和国家(guo2jia1)同在，国(ㄍㄨㄛˊ)家(jiā)家(jiā)(jia)。",
    "西安(Xī'ān)见闻\n\n银行(yínháng)门前，银行(yínxíng)职员说哪儿(nǎr)都有长(cháng)队(duì)。",
    "标题\n\n家(jiā)国家(guójiā)国(guó)家(jiā)\n\n𠀀(qiū)𠀀(qiū)(qiū)，WTO(WTO)会议。",
]


class _TinyTables(Readings):
    """Readings whose memo tables hold four entries: every table evicts all the time."""

    def table(self, kind: Hashable) -> Memo[Any, Any]:
        found = self._tables.get(kind)
        if found is None:
            found = self._tables.setdefault(kind, Memo(4))
        return found


def _reference() -> Readings:
    """Readings that remember nothing: every group and finding is worked out afresh."""
    readings = Readings()
    readings.remember = lambda key, compute: compute()  # type: ignore[method-assign]
    readings.table = lambda kind: Memo(0)  # type: ignore[method-assign]
    return readings


def _same_documents(first: Document, second: Document) -> bool:
    return same_positions(first, second) and first.diagnostics == second.diagnostics


# --- edge cases --------------------------------------------------------------------------


def test_the_resolver_answers_as_path_resolve_for_an_overlong_name(tmp_path: Path) -> None:
    # 86 hanzi are 258 bytes: too long for one file name. Path.resolve answers anyway.
    path = tmp_path / ("国" * 86 + ".html")
    assert Resolver()(path) == path.resolve()


def test_an_overlong_output_name_is_a_write_error_not_an_internal_error(
    run: Run, tmp_path: Path
) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    out.mkdir()
    # 255 bytes as .txt (a valid name), 256 as .html (too long to write).
    (inputs / ("国" * 83 + "ab.txt")).write_text("国家(guójiā)发展。\n", encoding="utf-8")
    result = run("render", "--out-dir", out, inputs)
    assert "internal error" not in result.err
    assert "cannot write" in result.err


def test_findings_tables_do_not_multiply_with_report_options() -> None:
    # Findings depend on the readings and on options.context only; options that only
    # filter or grade the report must not each keep a table of their own on the
    # (process-wide by default) readings.
    readings = Readings()
    document = parse(_PAGES[0], readings=readings)
    validate(document, options=ValidateOptions(), readings=readings)
    after_one = readings.cache_sizes()["memo"]
    for code in ("HA201", "HA202", "HA203", "HA205", "HA208"):
        validate(document, options=ValidateOptions(ignore=[code]), readings=readings)
        validate(document, options=ValidateOptions(select=[code]), readings=readings)
    assert readings.cache_sizes()["memo"] == after_one


# --- fast paths against the reference ------------------------------------------------------


_FAST = Readings()  # shared by every example, so its tables hold earlier examples' groups
_TINY = _TinyTables()
_REFERENCE = _reference()


@settings(max_examples=300)
@given(_TEXTS, st.sampled_from([0, 0, 5]))
def test_parse_inline_fast_path_matches_the_reference(text: str, offset: int) -> None:
    expected = parse_inline(text, offset=offset, readings=_REFERENCE)
    for readings in (_FAST, _TINY, _FAST):  # the second run of _FAST hits every table
        found = parse_inline(text, offset=offset, readings=readings)
        assert found.diagnostics == expected.diagnostics
        assert [(type(t), t, t.span) for t in found.tokens] == [
            (type(t), t, t.span) for t in expected.tokens
        ]
        assert [getattr(t, "written", None) for t in found.tokens] == [
            getattr(t, "written", None) for t in expected.tokens
        ]


@pytest.mark.parametrize("order", [1, -1])
def test_pages_in_either_order_parse_and_validate_as_the_reference(order: int) -> None:
    fast, tiny = Readings(), _TinyTables()
    for text in _PAGES[::order] * 2:
        expected = parse(text, readings=_REFERENCE)
        for readings in (fast, tiny):
            document = parse(text, readings=readings)
            assert _same_documents(document, expected)
            for options in (ValidateOptions(), ValidateOptions(context=False)):
                assert validate(document, options=options, readings=readings) == validate(
                    expected, options=options, readings=_REFERENCE
                )


def test_a_validator_subclass_keeps_its_own_findings() -> None:
    readings = Readings()

    class Strict(Validator):
        pass

    Strict(readings=readings).validate(parse(_PAGES[2], readings=readings))
    shared = Validator(readings=readings)._cache
    assert Strict(readings=readings)._cache is not shared
    assert Validator(readings=readings)._cache is shared
    assert Validator(ValidateOptions(context=False), readings=readings)._cache is not shared


_HTML_OPTIONS = [
    HtmlOptions(),
    HtmlOptions(standalone=False, spacing=True, notation="zhuyin"),
    HtmlOptions(ruby="word", tone_classes=True),
    HtmlOptions(notation="numbers", hsk_levels=True, rp=False),
]


@pytest.mark.parametrize("options", _HTML_OPTIONS)
@pytest.mark.parametrize("size", [1, 3, 4096])
def test_html_from_a_small_render_cache_matches_the_uncached_renderer(
    options: HtmlOptions, size: int
) -> None:
    documents = [parse(text) for text in _PAGES]
    for editor in (False, True):
        for document in documents + documents[::-1]:
            flags = validate(document) if editor else ()
            fast = HtmlRenderer(options, diagnostics=flags)
            fast._cache = RenderCache(size)
            reference = HtmlRenderer(options, diagnostics=flags, cache=False)
            assert fast.render(document) == reference.render(document)


@pytest.mark.parametrize("make_readings", [Readings, _TinyTables])
def test_threads_sharing_readings_validator_and_renderer_match_a_serial_run(
    make_readings: type[Readings],
) -> None:
    texts = _PAGES * 6
    options = HtmlOptions(standalone=False, spacing=True)

    def work(readings: Readings, validator: Validator, renderer: HtmlRenderer, text: str) -> Any:
        document = parse(text, readings=readings)
        return document, validator.validate(document), renderer.render(document).html

    serial = [
        work(_REFERENCE, Validator(readings=_REFERENCE), HtmlRenderer(options, cache=False), t)
        for t in texts
    ]
    shared = make_readings()
    validator, renderer = Validator(readings=shared), HtmlRenderer(options)
    results: list[Any] = [None] * len(texts)
    errors: list[BaseException] = []

    def run(first: int) -> None:
        try:
            for index in range(first, len(texts), 8):
                results[index] = work(shared, validator, renderer, texts[index])
        except BaseException as error:  # reported below, in the main thread
            errors.append(error)

    run_threads(run)
    assert errors == []
    for (document, found, html), (expected, wanted, page) in zip(results, serial, strict=True):
        assert _same_documents(document, expected)
        assert (found, html) == (wanted, page)


def test_the_resolver_answers_as_path_resolve_for_odd_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = tmp_path / "with space"
    (real / "sub").mkdir(parents=True)
    (real / "新 闻.txt").write_text("国家(guójiā)", encoding="utf-8")
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    (tmp_path / "linked").symlink_to(real, target_is_directory=True)
    (real / "sub" / "up.txt").symlink_to(Path("..") / "新 闻.txt")
    (real / "alias.txt").symlink_to(real / "新 闻.txt")
    (real / "dangling.txt").symlink_to(real / "gone.txt")
    monkeypatch.chdir(real / "sub")
    paths = [
        real / "新 闻.txt",
        real / "alias.txt",  # a link to a file
        real / "dangling.txt",
        tmp_path / "linked" / "新 闻.txt",  # through a linked folder
        tmp_path / "linked" / "sub" / "up.txt",  # a relative link through a linked folder
        tmp_path / "linked" / "sub" / "up.txt" / "..",
        tmp_path / "missing" / ".." / "with space" / "新 闻.txt",
        tmp_path / "missing" / "deeper" / "out.html",
        Path("../新 闻.txt"),
        Path("./up.txt"),
        Path(".."),
    ]
    resolve = Resolver()
    for path in paths * 2:
        assert resolve(path) == path.resolve(), path
    loops = [tmp_path / "loop", tmp_path / "a", tmp_path / "loop" / "x.txt", tmp_path / "a" / "x"]
    for path in loops:  # a loop, or a loop above
        with pytest.raises(RuntimeError):
            path.resolve()
        with pytest.raises(RuntimeError):
            resolve(path)


_OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(["get", "put", "find"]), st.integers(0, 9), st.none() | st.integers()
    ),
    max_size=60,
)


@given(st.integers(0, 7), _OPERATIONS)
def test_a_memo_is_a_bounded_cache_of_the_values_given(
    size: int, operations: list[tuple[str, int, int | None]]
) -> None:
    memo: Memo[int, int | None] = Memo(size)
    model: dict[int, int | None] = {}  # the last value given per key
    for operation, key, value in operations:
        if operation == "put":
            memo.put(key, value)
            model[key] = value
        elif operation == "get":
            kept = key in memo.recent or key in memo._older
            got = memo.get(key, lambda value=value: value)  # type: ignore[misc]
            assert got == (model[key] if kept else value)
            model[key] = got
        else:
            found = memo.find(key)
            assert found is None or found == model.get(key)
        assert len(memo) <= size
        assert all(model[key] == kept for key, kept in memo.recent.items())

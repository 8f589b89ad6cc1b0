from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from hanzi_annot import (
    Annotation,
    Code,
    Document,
    Paragraph,
    Readings,
    Section,
    ValidateOptions,
    apply_fixes,
    from_html,
    parse,
    parse_inline,
    replay_fixes,
    to_markup,
    validate,
)
from hanzi_annot.cli import main

TEXT = (
    "泉州是著名(zhūmíng)的历史文化名城\n"
    "当地银行(yínxíng)与高校联合开展读书(dúxiū)活动\n"
    "出台实施方案(fangan),读者(duzhe)超过三万人次"
)


def replacement(diagnostic):
    """The machine fix's new pinyin, or None when the finding has no edit."""
    return None if diagnostic.edit is None else diagnostic.edit.replacement


def test_fixes_rewrite_only_unambiguous_annotations() -> None:
    document = parse(TEXT)
    result = apply_fixes(document)
    assert [to_markup(p) for p in result.document.blocks] == [
        "泉州是著名(zhùmíng)的历史文化名城",
        "当地银行(yínháng)与高校联合开展读书(dúshū)活动",
        "出台实施方案(fang'an),读者(dúzhě)超过三万人次",
    ]
    assert [(c.hanzi, c.before, c.after) for c in result.changes] == [
        ("著名", "zhūmíng", "zhùmíng"),
        ("银行", "yínxíng", "yínháng"),
        ("读书", "dúxiū", "dúshū"),
        ("读者", "duzhe", "dúzhě"),
    ]
    assert result.changes[1].codes == (Code.WRONG_IN_WORD,)
    assert result.changes[1].syllables == ("yín", "háng")


def test_fixed_document_validates_clean_except_the_ambiguous_part() -> None:
    result = apply_fixes(parse(TEXT))
    left = validate(result.document)
    assert {d.code for d in left} == {Code.TONES_MISSING, Code.MISSING_APOSTROPHE}


def test_spelling_fix_keeps_syllables_and_rewrites_the_written_form() -> None:
    result = apply_fixes(parse("出台实施方案(fāngàn)"))
    (change,) = result.changes
    assert (change.before, change.after) == ("fāngàn", "fāng'àn")
    (annotation,) = result.document.annotations
    assert annotation.written == "fāng'àn"
    assert validate(result.document) == ()


def test_changes_replay_on_the_same_document() -> None:
    document = parse(TEXT)
    result = apply_fixes(document)
    assert replay_fixes(document, result.changes) == result.document


def test_replay_skips_annotations_that_changed_meanwhile() -> None:
    document = parse("当地银行(yínxíng)合作")
    changes = apply_fixes(document).changes
    edited = parse("当地银行(yínhang)合作")
    assert replay_fixes(edited, changes) == edited


def test_disagreeing_fixes_leave_the_annotation_alone() -> None:
    document = parse("著名(zhūmíng)")
    found = validate(document)
    conflicting = (
        *found,
        attrs.evolve(found[0], edit=attrs.evolve(found[0].edit, replacement="zhuómíng")),
    )
    assert apply_fixes(document, conflicting).changes == ()


def test_only_selected_diagnostics_drive_fixes() -> None:
    document = parse(TEXT)
    result = apply_fixes(document, options=ValidateOptions(select=["HA202"]))
    assert [c.hanzi for c in result.changes] == ["著名"]


def test_title_heading_and_hand_built_tokens_are_walked() -> None:
    heading = Paragraph(parse_inline("泉州是著名(zhūmíng)的城市").tokens)
    loose = Paragraph([Annotation("读书", ("dú", "xiū"))])
    built = Document(heading, (Section(heading, (loose,)),))
    result = apply_fixes(built)
    assert len(result.changes) == 1  # the same annotation, counted once
    assert to_markup(result.document.title) == "泉州是著名(zhùmíng)的城市"
    assert result.document.sections[0].paragraphs[0] == loose  # no span: left alone


@pytest.mark.parametrize(
    ("text", "syllables", "fixed"),
    [
        ("他说传感(chuāngǎn)技术很成熟。", ("chuán", "gǎn"), "他说传感(chuángǎn)技术很成熟。"),
        ("村民唱起山歌(shángē)迎客。", ("shān", "gē"), "村民唱起山歌(shāngē)迎客。"),
    ],
)
def test_fix_keeps_the_syllables_at_an_n_g_boundary(
    text: str, syllables: tuple[str, ...], fixed: str
) -> None:
    result = apply_fixes(parse(text))
    (change,) = result.changes
    assert change.syllables == syllables
    (annotation,) = result.document.annotations
    assert annotation.syllables == syllables
    assert to_markup(result.document).strip() == fixed
    assert validate(result.document) == ()


GUEST = "贵宾(gùibín)通道今日开放。"


def test_applying_one_code_leaves_the_other_problems_of_the_word() -> None:
    document = parse(GUEST)
    found = validate(document)
    assert [d.code for d in found] == [Code.WRONG_TONE, Code.MISPLACED_TONE_MARK]
    marks = apply_fixes(document, [d for d in found if d.code is Code.MISPLACED_TONE_MARK])
    (change,) = marks.changes
    assert (change.before, change.after, change.codes) == (
        "gùibín",
        "guìbín",
        (Code.MISPLACED_TONE_MARK,),
    )
    assert change.syllables == ("guì", "bín")
    assert [d.code for d in validate(marks.document)] == [Code.WRONG_TONE]
    tones = apply_fixes(document, [d for d in found if d.code is Code.WRONG_TONE])
    assert [(c.after, c.codes) for c in tones.changes] == [("gùibīn", (Code.WRONG_TONE,))]
    assert [d.code for d in validate(tones.document)] == [Code.MISPLACED_TONE_MARK]
    both = apply_fixes(document)
    assert [(c.after, c.codes) for c in both.changes] == [
        ("guìbīn", (Code.WRONG_TONE, Code.MISPLACED_TONE_MARK))
    ]


def test_options_select_one_code_to_fix() -> None:
    result = apply_fixes(parse(GUEST), options=ValidateOptions(select=["HA205"]))
    assert to_markup(result.document).strip() == "贵宾(guìbín)通道今日开放。"


def test_a_finding_without_a_fix_does_not_block_the_others() -> None:
    document = parse("城市绿色(lv4se)出行")
    assert [(d.code, replacement(d)) for d in validate(document)] == [
        (Code.NEUTRAL_TONE, None),
        (Code.U_UMLAUT_SPELLING, "lǜse"),
    ]
    (change,) = apply_fixes(document).changes
    assert (change.after, change.codes) == ("lǜse", (Code.U_UMLAUT_SPELLING,))


def test_a_fix_is_applied_only_as_the_validator_gives_it() -> None:
    text = "新开的\U0002b81d(fú)店"
    readings = Readings(extra_chars={"\U0002b81d": ["fu1"]})
    document = parse(text)
    found = validate(document, readings=readings)
    assert [(d.code, replacement(d)) for d in found] == [(Code.WRONG_TONE, "fū")]
    assert apply_fixes(document, found).changes == ()  # default readings disagree
    (change,) = apply_fixes(document, found, readings=readings).changes
    assert change.syllables == ("fū",)


def test_isolated_changes_replay_and_skip_other_hanzi() -> None:
    document = parse(GUEST)
    picked = [d for d in validate(document) if d.code is Code.MISPLACED_TONE_MARK]
    result = apply_fixes(document, picked)
    assert replay_fixes(document, result.changes) == result.document
    other = parse("贵宴(gùibín)通道今日开放。")  # same span and pinyin, other hanzi
    assert replay_fixes(other, result.changes) == other


def test_command_line_fix_select_fixes_only_that_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "guest.txt"
    page.write_text("贵宾通道今日开放\n" + GUEST + "\n", encoding="utf-8")
    assert main(["fix", "--select", "HA205", str(page), "-o", str(tmp_path / "out.txt")]) == 0
    fixed = (tmp_path / "out.txt").read_text(encoding="utf-8")
    assert fixed == "贵宾通道今日开放\n贵宾(guìbín)通道今日开放。\n"
    listed = capsys.readouterr().out.splitlines()
    assert [line.split(" ")[1] for line in listed[:-1]] == ["HA205"]
    assert listed[0].endswith("(fixed: guìbín)")


def test_each_change_carries_the_diagnostics_check_reports() -> None:
    document = parse(TEXT, path="news.txt")
    found = validate(document)
    changes = apply_fixes(document).changes
    assert changes
    for change in changes:
        assert change.diagnostics
        assert all(d in found for d in change.diagnostics)
        assert change.codes == tuple(dict.fromkeys(d.code for d in change.diagnostics))


def test_a_change_is_an_edit_of_the_original_input() -> None:
    text = "泉州市文化旅游\n他在银行(yínxíng)上班,很著名(zhūmíng)。\n"
    changes = apply_fixes(parse(text)).changes
    fixed = text
    for change in sorted(changes, key=lambda c: -c.span.start):
        assert fixed[change.edit.span.start : change.edit.span.end] == change.before
        fixed = change.edit.apply(fixed)
    assert fixed == "泉州市文化旅游\n他在银行(yínháng)上班,很著名(zhùmíng)。\n"
    assert [d.edit.replacement for c in changes for d in c.diagnostics] == ["yínháng", "zhùmíng"]


def test_check_and_fix_name_the_same_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "news.txt"
    page.write_text(
        "泉州市文化旅游\n  当地银行(yínxíng)开展活动,很著名(zhūmíng)。\n", encoding="utf-8"
    )
    main(["check", "--format", "concise", str(page)])
    checked = [
        line.split(": ")[0] for line in capsys.readouterr().out.splitlines() if "HA2" in line
    ]
    assert main(["fix", str(page), "-o", str(tmp_path / "out.txt")]) == 0
    output = capsys.readouterr()
    fixed = [
        line.split(": ")[0] for line in (output.out + output.err).splitlines() if "(fixed: " in line
    ]
    assert checked == fixed == [f"{page}:2:6", f"{page}:2:22"]


def test_a_fix_for_ruby_read_from_html_is_a_hint_and_still_applies() -> None:
    html = "<p>他很<ruby>著名<rt>zhūmíng</rt></ruby>。</p>"
    document = from_html(html)
    (found,) = validate(document)
    assert found.edit is None  # where the pinyin sits in the page is not known here
    assert found.hint == "zhùmíng"
    assert str(found).endswith("(fix: zhùmíng)")
    (change,) = apply_fixes(document).changes
    assert change.syllables == ("zhù", "míng")


def test_an_edit_covers_the_pinyin_also_after_a_dropped_copy() -> None:
    text = "书房开放\n很著名(zhūmíng)(zhūmíng)。\n"
    (found,) = validate(parse(text))
    assert found.edit is not None
    assert text[found.edit.span.start : found.edit.span.end] == "zhūmíng"

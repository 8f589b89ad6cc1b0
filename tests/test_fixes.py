from __future__ import annotations

import attrs

from hanzi_annot import (
    Annotation,
    Code,
    Document,
    Paragraph,
    Section,
    ValidateOptions,
    apply_fixes,
    parse,
    parse_inline,
    replay_fixes,
    to_markup,
    validate,
)

TEXT = (
    "泉州是著名(zhūmíng)的历史文化名城\n"
    "当地银行(yínxíng)与高校联合开展读书(dúxiū)活动\n"
    "出台实施方案(fangan),读者(duzhe)超过三万人次"
)


def test_fixes_rewrite_only_unambiguous_annotations() -> None:
    document = parse(TEXT)
    result = apply_fixes(document)
    assert [to_markup(p) for p in result.document.paragraphs()] == [
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
    (annotation,) = result.document.annotations()
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
    conflicting = (*found, attrs.evolve(found[0], fix="zhuómíng"))
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

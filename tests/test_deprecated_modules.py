"""0.1's flat module names still import, with a DeprecationWarning naming the new home."""

from __future__ import annotations

import importlib
import sys

import pytest

MOVES = {
    "syllables": ("hanzi_annot.pinyin.syllables", "split_tone"),
    "segmentation": ("hanzi_annot.pinyin.segmentation", "split_syllables"),
    "zhuyin": ("hanzi_annot.pinyin.zhuyin", "to_zhuyin"),
    "readings": ("hanzi_annot.pinyin.readings", "Readings"),
    "source": ("hanzi_annot.text.decode", "LineIndex"),
    "clean": ("hanzi_annot.text.clean", "clean_lines"),
    "inline": ("hanzi_annot.text.inline", "best_alignment"),
    "structure": ("hanzi_annot.text.structure", "parse"),
    "inword": ("hanzi_annot.check.inword", "evidence_for"),
    "spelling": ("hanzi_annot.check.spelling", "respell"),
    "validation": ("hanzi_annot.check.validator", "Validator"),
    "fixes": ("hanzi_annot.check.fixes", "apply_fixes"),
    "markup": ("hanzi_annot.formats.markup", "join_pinyin"),
    "jsonio": ("hanzi_annot.formats.jsonio", "from_json"),
    "html_decode": ("hanzi_annot.html.decode", "decode_page"),
    "read_html": ("hanzi_annot.html.read", "from_html"),
    "render_html": ("hanzi_annot.html.write", "HtmlRenderer"),
    "pipeline": ("hanzi_annot.corpus.pipeline", "run_pipeline"),
    "parallel": ("hanzi_annot.corpus.parallel", "map_ordered"),
    "dask_pipeline": ("hanzi_annot.corpus.dask_bag", "process_bag"),
}


@pytest.mark.parametrize(("old", "new_and_name"), sorted(MOVES.items()))
def test_old_module_warns_and_reexports(old: str, new_and_name: tuple[str, str]) -> None:
    new, name = new_and_name
    sys.modules.pop(f"hanzi_annot.{old}", None)
    with pytest.warns(DeprecationWarning, match=new.replace(".", r"\.")):
        module = importlib.import_module(f"hanzi_annot.{old}")
    assert hasattr(module, name)

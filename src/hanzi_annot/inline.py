"""Deprecated alias of :mod:`hanzi_annot.text.inline` (removed in 0.3)."""

from hanzi_annot._deprecated import reexport

reexport(__name__, "hanzi_annot.text.inline", globals(), "hanzi_annot.pinyin.alignment")

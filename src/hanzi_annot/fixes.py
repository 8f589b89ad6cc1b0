"""Deprecated alias of :mod:`hanzi_annot.check.fixes` (removed in 0.3)."""

from hanzi_annot._deprecated import reexport

reexport(__name__, "hanzi_annot.check.fixes", globals())

"""Old module paths that still import, with a DeprecationWarning, for one minor version.

Version 0.2 split the flat package into layers (``pinyin``, ``text``, ``check``,
``formats``, ``html``, ``corpus``); each old module name re-exports the names of the
module that replaced it. ``docs/changelog.md`` lists every move.
"""

from __future__ import annotations

import importlib
import warnings
from typing import Any


def reexport(old: str, new: str, namespace: dict[str, Any], *extra: str) -> None:
    """Warn that ``old`` moved to ``new`` and copy the new module's names into ``old``.

    ``extra`` names further modules whose names also lived in ``old`` before the split.
    """
    warnings.warn(
        f"{old} is deprecated; import from {new} (or from hanzi_annot) instead",
        DeprecationWarning,
        stacklevel=3,
    )
    for name in (new, *extra):
        module = importlib.import_module(name)
        for key, value in vars(module).items():
            if not (key.startswith("__") and key.endswith("__")):
                namespace.setdefault(key, value)

"""Which diagnostics a run reports: codes selected and ignored, per-file ignores, severity.

The filter is applied once, by the pipeline, to every diagnostic of a document
(parsing, validation and writing alike), so ``check``, ``fix`` and library runs keep
exactly the same findings for the same settings.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from fnmatch import fnmatchcase
from pathlib import PurePath

import attrs

from hanzi_annot.diagnostics import Code, Diagnostic, Severity


def expand_codes(values: Iterable[str]) -> frozenset[Code]:
    """Expand ``HA201``/``HA3``-style entries: a full code, or a prefix naming a family.

    ``ValueError`` names an entry that matches no code.

    >>> sorted(code.code for code in expand_codes(["HA30"]))[:2]
    ['HA301', 'HA302']
    """
    codes: set[Code] = set()
    for value in values:
        prefix = value.strip().upper()
        if not prefix:
            continue
        found = {code for code in Code if code.code.startswith(prefix)}
        if not prefix.startswith("HA") or not found:
            raise ValueError(f"{value.strip()!r} is no diagnostic code or family")
        codes |= found
    return frozenset(codes)


def _matches(name: str, pattern: str) -> bool:
    """Whether the input ``name`` matches a per-file pattern.

    A pattern is tried on the name as given, on its absolute form (patterns read from
    a configuration file are anchored at its folder) and on the bare file name.
    """
    path = PurePath(name)
    absolute = PurePath(os.path.abspath(name))
    return any(
        fnmatchcase(form, pattern) for form in (path.as_posix(), absolute.as_posix(), path.name)
    )


@attrs.frozen
class Selection:
    """Which diagnostics are kept: picklable, so it travels to worker processes.

    ``select`` (``None``: every code) and ``ignore`` hold codes; ``per_file_ignores``
    pairs a file pattern (``news/*.txt`` or a file name pattern) with codes ignored in
    inputs whose name matches; ``min_severity`` hides lighter findings.
    """

    select: frozenset[Code] | None = None
    ignore: frozenset[Code] = frozenset()
    per_file_ignores: tuple[tuple[str, frozenset[Code]], ...] = ()
    min_severity: Severity = Severity.INFO

    def ignored_in(self, name: str) -> frozenset[Code]:
        """Return every code ignored in the input called ``name``."""
        extra = [codes for pattern, codes in self.per_file_ignores if _matches(name, pattern)]
        return self.ignore.union(*extra)

    def keep(self, diagnostics: Iterable[Diagnostic], name: str) -> tuple[Diagnostic, ...]:
        """Return the diagnostics of the input ``name`` that this selection reports."""
        ignored = self.ignored_in(name)
        return tuple(
            d
            for d in diagnostics
            if d.code not in ignored
            and (self.select is None or d.code in self.select)
            and d.severity >= self.min_severity
        )

"""Many findings stay linear: each diagnostic is looked at a bounded number of times.

Structural checks, no timings (``benchmarks/complexity.py`` times the same cases): a
diagnostic that counts how often its span is read shows whether a stage scans every
diagnostic once per annotation.
"""

from __future__ import annotations

from typing import Any

import attrs
import pytest

from hanzi_annot import Diagnostic, Document, apply_fixes, parse, to_html, validate


class _CountingDiagnostic(Diagnostic):
    """A diagnostic that counts reads of its ``span`` in a shared tally."""

    tally: list[int] = [0]  # noqa: RUF012 -- one shared counter, reset per test

    def __getattribute__(self, name: str) -> Any:
        if name == "span":
            _CountingDiagnostic.tally[0] += 1
        return super().__getattribute__(name)


def _counting(diagnostic: Diagnostic) -> Diagnostic:
    fields = {f.name: getattr(diagnostic, f.name) for f in attrs.fields(Diagnostic)}
    return _CountingDiagnostic(**fields)


def _findings(count: int) -> tuple[Document, list[Diagnostic]]:
    document = parse("泉州新闻\n" + "国(guǒ)" * count + "。")
    found = [_counting(d) for d in validate(document)]
    assert len(found) == count
    return document, found


def _reads_per_finding(count: int, stage: str) -> float:
    document, found = _findings(count)
    _CountingDiagnostic.tally[0] = 0
    if stage == "apply_fixes":
        result = apply_fixes(document, found)
        assert len(result.changes) == count
    else:
        page = to_html(document, diagnostics=found)
        assert f'id="ha-f{count}"' in page
    return _CountingDiagnostic.tally[0] / count


@pytest.mark.parametrize("stage", ["apply_fixes", "editor"])
def test_each_finding_is_read_a_bounded_number_of_times(stage: str) -> None:
    small, large = _reads_per_finding(100, stage), _reads_per_finding(800, stage)
    assert large <= small * 1.2 + 1
    assert large < 40

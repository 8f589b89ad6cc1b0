"""The package's import graph: no cycles, and the layers contract is enforced by lint-imports."""

from __future__ import annotations

import re
from pathlib import Path

import grimp
import pytest


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("hanzi_annot", cache_dir=None)


def test_no_module_takes_part_in_an_import_cycle(graph: grimp.ImportGraph) -> None:
    cycles = [
        (importer, imported)
        for importer in sorted(graph.modules)
        for imported in graph.find_modules_directly_imported_by(importer)
        if graph.chain_exists(importer=imported, imported=importer)
    ]
    assert cycles == []


def test_only_the_readings_module_uses_pypinyin() -> None:
    graph = grimp.build_graph("hanzi_annot", include_external_packages=True, cache_dir=None)
    known = "pypinyin" in graph.modules
    importers = graph.find_modules_that_directly_import("pypinyin") if known else set()
    assert importers <= {"hanzi_annot.pinyin.readings"}
    # pypinyin's data is also reached by name (its JSON files, importlib), not by import.
    naming = re.compile(r"(?:^|\s)(?:import|from)\s+pypinyin|[\"']pypinyin[.\"']")
    source = Path(__file__).resolve().parent.parent / "src" / "hanzi_annot"
    users = {
        path.relative_to(source).as_posix()
        for path in source.rglob("*.py")
        if naming.search(path.read_text(encoding="utf-8"))
    }
    assert users == {"pinyin/readings.py"}

"""The package's import graph: no cycles, and the layers contract is enforced by lint-imports."""

from __future__ import annotations

import grimp
import pytest


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("hanzi_annot")


def test_no_module_takes_part_in_an_import_cycle(graph: grimp.ImportGraph) -> None:
    cycles = [
        (importer, imported)
        for importer in sorted(graph.modules)
        for imported in graph.find_modules_directly_imported_by(importer)
        if graph.chain_exists(importer=imported, imported=importer)
    ]
    assert cycles == []


def test_only_the_readings_module_imports_pypinyin() -> None:
    graph = grimp.build_graph("hanzi_annot", include_external_packages=True)
    importers = graph.find_modules_that_directly_import("pypinyin")
    assert importers == {"hanzi_annot.pinyin.readings"}

"""No process-wide state a caller (or a test) would have to reset."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import warnings
from typing import Any

import hanzi_annot
from hanzi_annot import Validator, parse, validate
from hanzi_annot.pinyin import readings as readings_module


def _modules() -> list[Any]:
    """Every module of the package (the deprecated flat shims re-export, so they count)."""
    names = [
        info.name
        for info in pkgutil.walk_packages(hanzi_annot.__path__, "hanzi_annot.")
        if not info.name.endswith("__main__")
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return [importlib.import_module(name) for name in names]


def test_every_module_level_cache_is_bounded_or_a_lazy_constant() -> None:
    unbounded = []
    for module in _modules():
        for name, value in vars(module).items():
            info = getattr(value, "cache_info", None)
            if info is None or getattr(value, "__module__", None) != module.__name__:
                continue
            takes_arguments = bool(inspect.signature(value).parameters)
            if info().maxsize is None and takes_arguments:
                unbounded.append(f"{module.__name__}.{name}")
    assert unbounded == []


def test_validate_keeps_nothing_between_calls() -> None:
    document = parse("书香泉州\n泉州是著名(zhūmíng)的国家(guójiā)历史文化名城。\n")
    first = validate(document)
    assert [d.code.code for d in first] == ["HA202"]
    assert validate(document) == first
    assert not any(isinstance(v, Validator) for v in vars(hanzi_annot.check.validator).values())


def test_the_default_readings_are_one_documented_instance() -> None:
    shared = readings_module.default_readings()
    assert shared is readings_module.DEFAULT_READINGS
    for char in "泉州是国家历史文化名城":
        shared.char_readings(char)
    assert shared.char_readings("行")[:2] == ("xíng", "háng")

"""The ``[tool.hanzi-annot]`` section of ``pyproject.toml``: found, read and checked.

Discovery works like ruff's: from the first input's folder (or the current folder)
upwards, the first ``pyproject.toml`` that has the section is used; ``--config PATH``
names the file instead. Keys are the long option names; an unknown key or a value of
the wrong type is an error naming the key and the file.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Final

import attrs

from hanzi_annot.cli.inputs import STDIN, UsageError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

#: Each accepted key and the type its value must have.
_KEYS: Final[Mapping[str, type | tuple[type, ...]]] = {
    "select": list,
    "ignore": list,
    "per-file-ignores": dict,
    "readings": str,
    "format": str,
    "fail-on": str,
    "min-severity": str,
    "encoding": str,
    "include": list,
    "jobs": int,
}


@attrs.frozen
class Config:
    """Settings read from a configuration file; ``path`` is ``None`` when there is none.

    Relative paths in the file (``readings``, ``per-file-ignores`` patterns with a
    folder) are relative to the file's folder.
    """

    path: Path | None = None
    values: Mapping[str, Any] = attrs.field(factory=dict)

    def get(self, key: str) -> Any:
        """Return the value under ``key`` (``None`` if the file does not set it)."""
        return self.values.get(key)

    @property
    def folder(self) -> Path:
        """The folder relative paths in the file start from."""
        return Path.cwd() if self.path is None else self.path.parent


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            data: dict[str, Any] = tomllib.load(handle)
            return data
    except OSError as error:
        raise UsageError(f"--config {path}: cannot read it ({error.strerror})") from None
    except tomllib.TOMLDecodeError as error:
        raise UsageError(f"{path}: not valid TOML: {error}") from None


def _section(data: Mapping[str, Any]) -> Mapping[str, Any] | None:
    tool = data.get("tool")
    section = tool.get("hanzi-annot") if isinstance(tool, dict) else None
    return section if isinstance(section, dict) else None


def _check(path: Path, section: Mapping[str, Any]) -> Config:
    for key, value in section.items():
        expected = _KEYS.get(key)
        if expected is None:
            known = ", ".join(_KEYS)
            raise UsageError(f"{path}: unknown key {key!r} in [tool.hanzi-annot] (known: {known})")
        if not isinstance(value, expected) or isinstance(value, bool) != (expected is bool):
            raise UsageError(f"{path}: [tool.hanzi-annot] {key} has a value of the wrong type")
        if isinstance(value, list) and not all(isinstance(item, str) for item in value):
            raise UsageError(f"{path}: [tool.hanzi-annot] {key} must be a list of strings")
        if isinstance(value, dict) and not all(
            isinstance(codes, list) and all(isinstance(code, str) for code in codes)
            for codes in value.values()
        ):
            raise UsageError(
                f"{path}: [tool.hanzi-annot] {key} maps file patterns to lists of codes"
            )
    return Config(path, dict(section))


def _start(inputs: Sequence[str]) -> Path:
    for name in inputs:
        if name != STDIN:
            path = Path(name).absolute()
            return path if path.is_dir() else path.parent
    return Path.cwd()


def load_config(explicit: str | None, inputs: Sequence[str]) -> Config:
    """Read ``--config`` if given, else the nearest ``pyproject.toml`` with the section."""
    if explicit is not None:
        path = Path(explicit)
        data = _read_toml(path)
        section = _section(data)
        return _check(path, section if section is not None else data)
    for folder in (_start(inputs), *_start(inputs).parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            section = _section(_read_toml(candidate))
            if section is not None:
                return _check(candidate, section)
    return Config()

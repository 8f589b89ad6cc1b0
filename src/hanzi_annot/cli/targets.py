"""Where each input's result goes: standard output, ``-o FILE`` or a file under ``--out-dir``.

Plans that would overwrite an input (by path or by identity, so a hard link or a
symbolic link to the input is caught too) or write two inputs to one file are refused
before anything is read.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from hanzi_annot.cli.inputs import Input, Resolver, UsageError
from hanzi_annot.cli.settings import Settings


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def plan_targets(
    settings: Settings, suffix_of: Callable[[Input], str], *, hint: str = ""
) -> list[Path | None]:
    """Return one target per input (``None``: standard output), or refuse the plan."""
    inputs = settings.inputs
    targets: list[Path | None]
    if settings.output is not None:
        if len(inputs) > 1:
            raise UsageError(f"-o takes one input, got {len(inputs)}; use --out-dir DIR")
        if settings.output.is_dir():
            raise UsageError(f"-o {settings.output}: is a directory; use --out-dir")
        targets = [settings.output]
    elif settings.out_dir is not None:
        targets = [settings.out_dir / item.relative.with_suffix(suffix_of(item)) for item in inputs]
    else:
        return [None] * len(inputs)
    sources = {
        identity: item.name
        for item in inputs
        if item.path is not None and (identity := _identity(item.path)) is not None
    }
    resolve = Resolver()
    resolved = {resolve(item.path): item.name for item in inputs if item.path is not None}
    seen: dict[Path, str] = {}
    for item, target in zip(inputs, targets, strict=True):
        assert target is not None
        key = resolve(target)
        same = sources.get(_identity(target) or (-1, -1)) or resolved.get(key)
        if same is not None:
            raise UsageError(f"{target} is the input {same}; refusing to overwrite it{hint}")
        if key in seen:
            raise UsageError(f"{seen[key]} and {item.name} would both be written to {target}")
        seen[key] = item.name
    return targets

"""``hanzi-annot fix``: apply the machine fixes ``check`` offers, and say what was done.

The fixes are the pipeline's fix plan, made from the same diagnostics ``check``
reports, so each fixed finding is listed at the very line and column ``check`` gives.
"""

from __future__ import annotations

import codecs
import difflib
from pathlib import Path
from typing import TextIO

from hanzi_annot.cli.check import count
from hanzi_annot.cli.files import WriteRefusedError, folder_locks, rewrite_in_place, write_atomic
from hanzi_annot.cli.inputs import UsageError
from hanzi_annot.cli.parser import PROG
from hanzi_annot.cli.run import Done, run_inputs
from hanzi_annot.cli.settings import Settings, reason
from hanzi_annot.cli.targets import plan_targets
from hanzi_annot.cli.wording import problem_text
from hanzi_annot.diagnostics import Diagnostic


def _encoding(settings: Settings) -> str:
    return codecs.lookup(settings.options.encoding or "utf-8").name


def _fixed_line(name: str, diagnostic: Diagnostic) -> str:
    edit = diagnostic.edit
    what = edit.replacement if edit is not None and edit.replacement else "dropped the copy"
    return (
        f"{name}:{diagnostic.line}:{diagnostic.column}: {diagnostic.code.code} "
        f"{diagnostic.message} (fixed: {what})\n"
    )


def _diff(finished: Done, fixed: bytes, encoding: str) -> str:
    before = finished.data or b""
    name = finished.item.name
    lines = difflib.unified_diff(
        before.decode(encoding, "replace").splitlines(keepends=True),
        fixed.decode(encoding, "replace").splitlines(keepends=True),
        fromfile=f"a/{name}",
        tofile=f"b/{name}",
    )
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                   for line in lines)  # fmt: skip


class _Fixer:
    """One fix run: where each result goes and what is counted."""

    def __init__(self, settings: Settings, out: TextIO, err: TextIO) -> None:
        self.settings = settings
        self.out, self.err = out, err
        self.targets = plan_targets(
            settings, lambda item: item.relative.suffix or ".txt", hint=" (use --in-place)"
        )
        several = len(settings.inputs) > 1
        if several and not (settings.in_place or settings.diff) and self.targets[0] is None:
            raise UsageError("fix of several inputs needs --out-dir DIR, --in-place or --diff")
        fixed_to_stdout = not (settings.in_place or settings.diff) and self.targets[0] is None
        self.listing = err if fixed_to_stdout else out
        self.failed = self.fixes = self.files_changed = 0

    def fail(self, message: str) -> None:
        self.err.write(f"{PROG}: error: {message}\n")
        self.failed += 1

    def handle(self, finished: Done, target: Path | None) -> None:
        result, name = finished.result, finished.item.name
        problem = problem_text(result)
        if problem is None and result.plan is None:
            problem = f"{name}: fix works on text files only"
        if problem is not None:
            self.fail(problem)
            return
        assert result.plan is not None
        fixed = result.fixed if result.fixed is not None else finished.data or b""
        settled, settings = result.plan.settled, self.settings
        if settings.diff:
            if settled:
                self.out.write(_diff(finished, fixed, _encoding(settings)))
            self._count(settled)
            return
        done = self._deliver(finished, target, fixed, bool(result.plan.edits))
        if done is None:
            return
        self._count(settled)
        if not settings.quiet:
            self.listing.writelines(_fixed_line(name, d) for d in settled)
            if settled:
                self.listing.write(f"{name}: {count(len(settled), 'fix', 'fixes')} {done}\n")

    def _deliver(
        self, finished: Done, target: Path | None, fixed: bytes, changed: bool
    ) -> str | None:
        """Write the fixed text; return what was done, ``None`` if it could not be."""
        settings, path = self.settings, finished.item.path
        try:
            if settings.in_place:
                assert path is not None
                if not changed:
                    return "applied"
                assert finished.snapshot is not None
                backup = rewrite_in_place(
                    path, fixed, finished.snapshot, backup_suffix=settings.backup_suffix
                )
                return "written" + ("" if backup is None else f" (original kept as {backup})")
            if target is not None:
                write_atomic(target, fixed)
                return f"written to {target}"
        except WriteRefusedError as refusal:
            self.fail(str(refusal))
            return None
        except OSError as error:
            self.fail(f"cannot write {target or path}: {reason(error)}")
            return None
        self.out.write(fixed.decode(_encoding(settings), "replace"))
        self.out.flush()
        return "applied"

    def _count(self, settled: tuple[Diagnostic, ...]) -> None:
        self.fixes += len(settled)
        self.files_changed += bool(settled)

    def finish(self) -> int:
        settings = self.settings
        done = len(settings.inputs) - self.failed
        verb = "would be made" if settings.diff else "made"
        text = (
            f"{count(self.fixes, 'fix', 'fixes')} {verb} in {self.files_changed} of "
            f"{count(done, 'file')}"
        )
        if self.failed:
            text += f"; {count(self.failed, 'input')} could not be fixed"
        if not settings.quiet or self.failed:
            self.err.write(f"{PROG}: {text}\n")
        if self.failed:
            return 2
        return 1 if settings.diff and self.fixes else 0


def run_fix(settings: Settings, out: TextIO, err: TextIO) -> int:
    """Fix every input; exit 2 if one could not be fixed, 1 if ``--diff`` shows changes."""
    fixer = _Fixer(settings, out, err)
    folders = (
        {item.path.absolute().parent for item in settings.inputs if item.path is not None}
        if settings.in_place
        else set()
    )
    try:
        with folder_locks(folders):
            for finished, target in zip(run_inputs(settings), fixer.targets, strict=True):
                fixer.handle(finished, target)
    except WriteRefusedError as refusal:  # another run holds a folder
        err.write(f"{PROG}: error: {refusal}\n")
        return 2
    return fixer.finish()

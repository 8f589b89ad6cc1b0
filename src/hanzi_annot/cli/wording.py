"""How the command line words an input that could not be read, the same for every command."""

from __future__ import annotations

from hanzi_annot.corpus.pipeline import PipelineResult

__all__ = ["problem_text"]


def problem_text(result: PipelineResult) -> str | None:
    """Word a result's problem for the command line (``None`` if there is none)."""
    problem = result.problem
    if problem is None:
        return result.error
    if problem.encoding_hint is not None:
        hint = problem.encoding_hint
        return f"{problem.message}; it looks like {hint}: use --encoding {hint}"
    return problem.message

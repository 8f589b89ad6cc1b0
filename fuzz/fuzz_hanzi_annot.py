"""Coverage-guided fuzzing of the public entry points with Atheris (libFuzzer).

Two targets, chosen with ``--target``:

* ``text`` (default): bytes or text through ``parse`` (cleaned and not), then
  ``validate``, ``apply_fixes``, ``to_markup``, ``to_json``/``from_json`` and
  ``to_html``/``from_html``; checks that nothing of the text is lost and that JSON
  round-trips exactly.
* ``html``: the input as an HTML page through ``from_html``.

Only :class:`hanzi_annot.HanziAnnotError` may escape; anything else is a finding, and
libFuzzer writes the input to ``crash-*``. Run it through ``make fuzz`` (seeded with
``tests/pages`` and ``examples/article.txt``, ``FUZZ_SECONDS`` per target), or by hand:

    python fuzz/fuzz_hanzi_annot.py --target text build/fuzz/text -max_total_time=60
"""

from __future__ import annotations

import contextlib
import sys
import warnings

import atheris

with atheris.instrument_imports():
    from hanzi_annot import (
        Document,
        HanziAnnotError,
        apply_fixes,
        from_html,
        from_json,
        parse,
        to_html,
        to_json,
        to_markup,
        validate,
    )


def _spans(document: Document) -> list[tuple[int, int]]:
    paragraphs = [document.title] if document.title else []
    for section in document.sections:
        paragraphs.extend([section.heading] if section.heading else [])
        paragraphs.extend(section.paragraphs)
    spans = [token.span for paragraph in paragraphs for token in paragraph.tokens]
    spans += [diagnostic.span for diagnostic in document.diagnostics]
    return [(span.start, span.end) for span in spans if span is not None]


def _check_nothing_lost(text: str, document: Document) -> None:
    decoded = text.removeprefix("\ufeff")
    covered = bytearray(len(decoded))
    for start, end in _spans(document):
        covered[start:end] = b"\1" * (end - start)
    for index, char in enumerate(decoded):
        if not covered[index] and not char.isspace():
            raise AssertionError(f"character {char!r} at {index} is in no span")


def _text_target(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    as_bytes = provider.ConsumeBool()
    clean = provider.ConsumeBool()
    if as_bytes:
        raw = provider.ConsumeBytes(provider.remaining_bytes())
        with contextlib.suppress(HanziAnnotError):
            parse(raw, clean=clean)
        return
    text = provider.ConsumeUnicodeNoSurrogates(provider.remaining_bytes())
    document = parse(text, clean=clean)
    _check_nothing_lost(text, document)
    diagnostics = validate(document)
    apply_fixes(document, diagnostics)
    to_markup(document)
    if from_json(to_json(document)) != document:
        raise AssertionError("JSON round trip changed the document")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from_html(to_html(document, diagnostics=diagnostics))


def _html_target(data: bytes) -> None:
    with contextlib.suppress(HanziAnnotError):
        from_html(data)


def main() -> None:
    """Run libFuzzer on the target named by ``--target`` (text or html)."""
    argv = list(sys.argv)
    target = _text_target
    if "--target" in argv:
        at = argv.index("--target")
        target = {"text": _text_target, "html": _html_target}[argv[at + 1]]
        del argv[at : at + 2]
    atheris.Setup(argv, target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()

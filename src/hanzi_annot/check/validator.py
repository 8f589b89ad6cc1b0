"""The validator: check every annotation against its characters and report diagnostics.

Two questions are kept apart. *Can this character be read so at all?* uses the
per-character readings; a miss is an error (HA201, HA202). *Is it read so in this
word?* uses the phrase dictionary and, for words it lacks, statistics over known words
(:mod:`hanzi_annot.check.inword`); a miss is a warning (HA203). The rules themselves are
a table in :mod:`hanzi_annot.check.rules`. Spelling of the written pinyin is checked
separately (:mod:`hanzi_annot.check.spelling`).

>>> from hanzi_annot import parse
>>> [str(d) for d in validate(parse("他们在银行(yínxíng)工作。"))]
['<input>:1:5: HA203 行 is read háng in 银行, not xíng (fix: yínháng)']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

import attrs

from hanzi_annot.check.context import ContextPredictor
from hanzi_annot.check.incontext import ParagraphText, in_question, misread_in_context
from hanzi_annot.check.inword import can_judge
from hanzi_annot.check.rules import UNIT_RULES, UnitFacts, split_units, with_erhua
from hanzi_annot.check.spelling import SPELLING_CODES, respell, spelling_problems
from hanzi_annot.diagnostics import Code, Diagnostic, Edit, Reporter, Severity
from hanzi_annot.memo import Memo
from hanzi_annot.model import Annotation, Document, Origin, Paragraph
from hanzi_annot.pinyin.readings import Readings, default_readings
from hanzi_annot.pinyin.syllables import is_toned, join_pinyin
from hanzi_annot.positions import Span

#: Distinct annotations a subclass of :class:`Validator` remembers (a bounded memo).
CACHE_SIZE = 100_000


def _codes(values: Iterable[Code | str]) -> frozenset[Code]:
    return frozenset(_code(v) for v in values)


def _optional_codes(values: Iterable[Code | str] | None) -> frozenset[Code] | None:
    return None if values is None else _codes(values)


def _code(value: Code | str) -> Code:
    return value if isinstance(value, Code) else Code.from_code(value)


def _severities(
    values: Mapping[Code | str, Severity] | Iterable[tuple[Code | str, Severity]],
) -> tuple[tuple[Code, Severity], ...]:
    """Turn overrides into sorted ``(code, severity)`` pairs: hashable, and equal when equal."""
    pairs = values.items() if isinstance(values, Mapping) else values
    table = {_code(code): Severity(level) for code, level in pairs}
    return tuple(sorted(table.items(), key=lambda pair: pair[0].code))


@attrs.frozen
class ValidateOptions:
    """How the validator reports: which codes, at what severity, and which checks run.

    ``severity`` overrides a code's default severity (``{"HA203": Severity.INFO}``) and
    is kept as sorted ``(code, severity)`` pairs, so options that differ only there
    compare and hash differently; ``ignore`` drops codes; ``select``, if given, keeps
    only those codes; ``context`` switches the in-word and in-context checks (HA203,
    HA210) off when false.
    Codes may be :class:`Code` members or their ``HAnnn`` strings.

    >>> ValidateOptions(ignore=["HA208"]).ignore
    frozenset({<Code.NEUTRAL_TONE: ...>})
    >>> ValidateOptions(severity={"HA203": Severity.INFO}) == ValidateOptions()
    False
    """

    severity: tuple[tuple[Code, Severity], ...] = attrs.field(default=(), converter=_severities)
    ignore: frozenset[Code] = attrs.field(default=(), converter=_codes)
    select: frozenset[Code] | None = attrs.field(default=None, converter=_optional_codes)
    context: bool = True

    def wants(self, code: Code) -> bool:
        """Return whether ``code`` is reported at all under these options."""
        return code not in self.ignore and (self.select is None or code in self.select)

    def severity_of(self, code: Code) -> Severity:
        """Return the severity ``code`` is reported with."""
        for overridden, severity in self.severity:
            if overridden is code:
                return severity
        return code.default_severity


@attrs.frozen
class Fix:
    """What a fix makes of an annotation: its new syllables and the pinyin as written."""

    syllables: tuple[str, ...]
    written: str


@attrs.frozen
class Finding:
    """One problem of an annotation, placed relative to the annotation's start.

    ``start``/``end`` are offsets into the hanzi, or ``None`` for the whole pinyin.
    ``fix`` corrects this problem only: the syllable of its unit, or its spelling.
    """

    code: Code
    message: str
    start: int | None = None
    end: int | None = None
    fix: Fix | None = None

    def span_in(self, annotation: Annotation, start: int) -> Span:
        """Return where this finding is, for ``annotation`` placed at offset ``start``.

        A unit's finding covers its character; a spelling finding covers the pinyin.
        """
        if self.start is not None and self.end is not None:
            return Span(start + self.start, start + self.end)
        after = start + len(annotation.hanzi)
        end = annotation.span.end if annotation.span is not None else after
        return Span(after, max(end, after))


def _written(annotation: Annotation) -> str:
    if annotation.written is not None:
        return annotation.written
    return join_pinyin(annotation.syllables)


def _make_fix(
    annotation: Annotation, syllables: tuple[str, ...], codes: Iterable[Code]
) -> Fix | None:
    """Return the fix giving ``annotation`` these syllables and correcting ``codes``."""
    before = _written(annotation)
    written = respell(before, annotation.syllables, syllables, frozenset(codes))
    return None if written is None or written == before else Fix(syllables, written)


def merge_fixes(annotation: Annotation, findings: Iterable[Finding]) -> Fix | None:
    """Return the one fix that applies every given finding's fix to ``annotation``.

    Each finding's fix changes only its own units or spelling, so they combine; ``None``
    when none has a fix or two want different syllables for one unit.

    >>> from hanzi_annot import parse
    >>> (annotation,) = parse("贵宾(gùibín)").annotations
    >>> findings = Validator().check(annotation)
    >>> [(f.code.code, f.fix.written) for f in findings if f.fix]
    [('HA202', 'gùibīn'), ('HA205', 'guìbín')]
    >>> merge_fixes(annotation, findings)
    Fix(syllables=('guì', 'bīn'), written='guìbīn')
    """
    syllables: list[str | None] = [None] * len(annotation.syllables)
    codes: set[Code] = set()
    for finding in findings:
        if finding.fix is None:
            continue
        if finding.code in SPELLING_CODES:
            codes.add(finding.code)
        for position, (old, new) in enumerate(
            zip(annotation.syllables, finding.fix.syllables, strict=True)
        ):
            if new != old:
                if syllables[position] not in (None, new):
                    return None
                syllables[position] = new
    merged = tuple(new or old for new, old in zip(syllables, annotation.syllables, strict=True))
    if not codes and merged == annotation.syllables:
        return None
    return _make_fix(annotation, merged, codes)


class Validator:
    """Checks annotations with fixed options and readings, remembering what it has seen.

    A corpus repeats its annotations, so results are cached per (hanzi, syllables,
    written) inside the instance; build one validator for a batch of documents.

    >>> from hanzi_annot import Annotation
    >>> Validator().check(Annotation("著名", ("zhū", "míng")))[0].code
    <Code.WRONG_TONE: ...>
    """

    def __init__(
        self, options: ValidateOptions | None = None, readings: Readings | None = None
    ) -> None:
        self.options = options or ValidateOptions()
        self.readings = readings or default_readings()
        # Findings per distinct annotation. They depend on the readings and, of the
        # options, only on ``context`` (the rest filter the report later), so validators
        # share one table per readings and that flag: a new Validator per page starts warm.
        # A subclass keeps its own.
        self._cache: Memo[tuple[str, tuple[str, ...], str | None], tuple[Finding, ...]] = (
            self.readings.table(("check.findings", self.options.context))
            if type(self) is Validator
            else Memo(CACHE_SIZE)
        )
        self._predictor: ContextPredictor | None = None
        self._wants_context = self.options.context and self.options.wants(Code.MISREAD_IN_CONTEXT)

    def check(self, annotation: Annotation) -> tuple[Finding, ...]:
        """Every finding for one annotation, whatever the options select."""
        key = (annotation.hanzi, annotation.syllables, annotation.written)
        found = self._cache.recent.get(key)
        if found is None:
            found = self._cache.get(key, lambda: self._check(annotation))
        return found

    def corrected(self, annotation: Annotation) -> tuple[str, ...] | None:
        """Return the annotation's syllables with every unambiguous fix applied.

        ``None`` when the pinyin was written without tones and the data cannot tell
        every tone: a half-toned fix would turn the rest into neutral tones.
        """
        toned = annotation.written is None or is_toned(annotation.written)
        syllables = list(annotation.syllables)
        for position, unit in enumerate(split_units(annotation)):
            fix = UnitFacts(annotation, unit, toned, self.readings).suggestion()
            fixed = None if fix is None else with_erhua(fix, annotation.syllables[position])
            if fixed is not None:
                syllables[position] = fixed
            elif not toned:
                return None
        return tuple(syllables)

    def _check(self, annotation: Annotation) -> tuple[Finding, ...]:
        findings: list[Finding] = []
        toned = annotation.written is None or is_toned(annotation.written)
        dictionary_word = self._dictionary_word(annotation)  # then no unit needs checking
        units = () if dictionary_word else tuple(split_units(annotation))
        if not dictionary_word:
            judge = self.options.context and can_judge(annotation.hanzi, self.readings)
            for position, unit in enumerate(units):
                facts = UnitFacts(annotation, unit, toned, self.readings)
                finding = self._unit_finding(facts, position, judge)
                if finding is not None:
                    findings.append(finding)
        if annotation.written is not None:
            problems = spelling_problems(annotation.written, annotation.syllables)
            # Standard spelling needs tones: without certain ones, no spelling fix at all.
            corrected = self.corrected(annotation) if problems else None
            if problems and all(
                u.syllable in self.readings.char_readings(u.char) for u in split_units(annotation)
            ):
                # a neutral-tone reading the character has carries no mark: not toneless
                problems = tuple(p for p in problems if p[0] is not Code.TONES_MISSING)
            for code, message in problems:
                fix = None
                if corrected is not None:
                    wanted = corrected if code is Code.TONES_MISSING else annotation.syllables
                    fix = _make_fix(annotation, wanted, (code,))
                findings.append(Finding(code, message, fix=fix))
        return tuple(findings)

    def _unit_finding(self, facts: UnitFacts, position: int, judge: bool) -> Finding | None:
        """Run the unit rules in order; the first that applies gives the finding and its fix."""
        if facts.confirmed:
            return None
        for rule in UNIT_RULES:
            if rule.in_context and (not judge or facts.sandhi):
                continue
            verdict = rule.check(facts)
            if verdict is None:
                continue
            code, message = verdict
            return Finding(
                code,
                message,
                *facts.place,
                fix=self._unit_fix(facts, position) if rule.fixable else None,
            )
        return None

    def _unit_fix(self, facts: UnitFacts, position: int) -> Fix | None:
        """Return the fix giving this unit the suggested syllable; the others stay as written."""
        syllable = facts.suggestion()
        if syllable is None:
            return None
        annotation = facts.annotation
        fixed = with_erhua(syllable, annotation.syllables[position])
        if fixed is None:
            return None
        syllables = list(annotation.syllables)
        syllables[position] = fixed
        return _make_fix(annotation, tuple(syllables), ())

    def _dictionary_word(self, annotation: Annotation) -> bool:
        """Return whether the phrase dictionary reads the whole word exactly as annotated.

        The common case in edited text; every per-unit check would confirm it anyway.
        A word with erhua (fewer syllables than characters) is never one.
        """
        if len(annotation.hanzi) != len(annotation.syllables):
            return False
        reading = self.readings.phrase_reading(annotation.hanzi)
        return reading is not None and reading == tuple(s.lower() for s in annotation.syllables)

    def validate(
        self, node: Document | Paragraph | Annotation, *, origin: Origin | None = None
    ) -> tuple[Diagnostic, ...]:
        """Diagnostics for every annotation under ``node``, in document order.

        Spans are offsets into the input, as the node's own spans are. Line and column
        come from ``origin`` (by default a document's own), which should be the input
        the spans point into. Without one, every diagnostic is on line 1 and its column
        counts from the start of ``node`` (a paragraph's span, else its first token's):
        1 is the node's first character.
        """
        start = 0
        if isinstance(node, Document):
            origin = origin or node.origin
            paragraphs: Iterable[Paragraph] = node.blocks
        elif isinstance(node, Paragraph):
            paragraphs = (node,)
            start = _start_of(node)
        elif isinstance(node, Annotation):
            paragraphs = (Paragraph((node,)),)
            start = node.span.start if node.span is not None else 0
        else:
            raise TypeError(
                f"cannot validate a {type(node).__name__}; pass a Document, Paragraph or Annotation"
            )
        if origin is not None:
            reporter = Reporter(origin.lines, origin.path)
        else:
            reporter = Reporter(base=start)
        found: list[Diagnostic] = []
        for paragraph in paragraphs:
            context = ParagraphText(paragraph)
            for number, (annotation, offset) in enumerate(_placed(paragraph)):
                findings = self.check(annotation)
                if in_question(annotation) and self._wants_context:
                    findings += tuple(self._in_context(annotation, findings, context, number))
                if findings:
                    found.extend(self._diagnostics(annotation, findings, offset, reporter))
        return tuple(found)

    def _in_context(
        self, annotation: Annotation, findings: Iterable[Finding], context: ParagraphText, at: int
    ) -> Iterator[Finding]:
        """HA210 for the syllables no other check reported (see :mod:`.incontext`)."""
        if self._predictor is None:
            self._predictor = ContextPredictor(self.readings)
        done = {f.start for f in findings if f.start is not None}
        text, start = context.text, context.offsets[at]
        for miss in misread_in_context(annotation, text, start, self._predictor, done):
            syllables = list(annotation.syllables)
            fixed = with_erhua(miss.expected, syllables[miss.position])
            if fixed is not None:
                syllables[miss.position] = fixed
            fix = None if fixed is None else _make_fix(annotation, tuple(syllables), ())
            yield Finding(Code.MISREAD_IN_CONTEXT, miss.message, miss.start, miss.end, fix)

    def _diagnostics(
        self,
        annotation: Annotation,
        all_findings: Iterable[Finding],
        offset: int,
        reporter: Reporter,
    ) -> Iterator[Diagnostic]:
        findings = [f for f in all_findings if self.options.wants(f.code)]
        ordered = sorted(
            findings, key=lambda f: len(annotation.hanzi) if f.start is None else f.start
        )
        for finding in ordered:
            edit, hint = machine_fix(annotation, offset, finding)
            yield reporter.diagnostic(
                finding.code,
                finding.span_in(annotation, offset),
                finding.message,
                severity=self.options.severity_of(finding.code),
                edit=edit,
                hint=hint,
            )


def machine_fix(
    annotation: Annotation, start: int, finding: Finding
) -> tuple[Edit | None, str | None]:
    """Return a finding's fix as ``(edit, hint)`` for ``annotation`` placed at ``start``.

    The fix is an edit of the pinyin between the parentheses when the annotation's span
    shows where that is (text input); otherwise (a ruby read from HTML) the new pinyin
    is only a hint, since the input's layout is unknown here.
    """
    if finding.fix is None:
        return None, None
    place = pinyin_span(annotation, start)
    if place is None:
        return None, finding.fix.written
    return Edit(place, finding.fix.written), None


def pinyin_span(annotation: Annotation, start: int) -> Span | None:
    """Return where the annotation's pinyin stands between its parentheses in the input.

    ``start`` is where the annotation (its hanzi) starts; one parenthesis follows them.
    An annotation with a span is placed only when the span has the inline form,
    ``hanzi(pinyin)`` or with its dropped copy ``hanzi(pinyin)(pinyin)``; ``None``
    otherwise. One without a span is placed in the markup :func:`to_markup` writes.
    """
    written = len(_written(annotation))
    if annotation.span is not None:
        size = annotation.span.end - annotation.span.start - len(annotation.hanzi)
        if size not in (written + 2, 2 * (written + 2)):
            return None
    after = start + len(annotation.hanzi) + 1
    return Span(after, after + written)


def _start_of(paragraph: Paragraph) -> int:
    """Where a paragraph starts: its span, else its first token's, else 0."""
    if paragraph.span is not None:
        return paragraph.span.start
    first = paragraph.tokens[0].span if paragraph.tokens else None
    return first.start if first is not None else 0


def _placed(paragraph: Paragraph) -> Iterator[tuple[Annotation, int]]:
    """Each annotation with its start offset: its span, else its place in the markup."""
    offset = paragraph.span.start if paragraph.span is not None else 0
    for token in paragraph.tokens:
        span = token.span
        if span is not None:
            offset = span.start
        if isinstance(token, Annotation):
            yield token, offset
        if span is not None:
            offset = span.end
        elif isinstance(token, Annotation):  # as markup writes it: hanzi(pinyin)
            offset += len(token.hanzi) + len(join_pinyin(token.syllables)) + 2
        else:
            offset += len(token.text)


def validate(
    node: Document | Paragraph | Annotation,
    *,
    options: ValidateOptions | None = None,
    readings: Readings | None = None,
    origin: Origin | None = None,
) -> tuple[Diagnostic, ...]:
    """Check every annotation under ``node``; return the diagnostics in document order.

    Each call makes its own :class:`Validator`; what it works out per distinct annotation
    is kept, bounded, on ``readings`` (by default the shared
    :data:`~hanzi_annot.pinyin.readings.DEFAULT_READINGS`), so later calls find it there.

    >>> from hanzi_annot import parse
    >>> [d.code.code for d in validate(parse("著名(zhūmíng)的国(gúo)画"))]
    ['HA202', 'HA205']
    """
    return Validator(options, readings).validate(node, origin=origin)

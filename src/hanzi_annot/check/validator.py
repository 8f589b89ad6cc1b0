"""The validator: check every annotation against its characters and report diagnostics.

Two questions are kept apart. *Can this character be read so at all?* uses the
per-character readings; a miss is an error (HA201, HA202). *Is it read so in this
word?* uses the phrase dictionary and, for words it lacks, statistics over known words
(:mod:`hanzi_annot.check.inword`); a miss is a warning (HA203). Spelling of the written pinyin
is checked separately (:mod:`hanzi_annot.check.spelling`).

>>> from hanzi_annot import parse
>>> [str(d) for d in validate(parse("他们在银行(yínxíng)工作。"))]
['<input>:1:5: HA203 行 is read háng in 银行, not xíng (fix: yínháng)']
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping

import attrs

from hanzi_annot.check.inword import (
    TONE_SANDHI_CHARS,
    Evidence,
    can_judge,
    evidence_for,
    phrase_evidence,
    rank_readings,
)
from hanzi_annot.check.spelling import SPELLING_CODES, respell, spelling_problems
from hanzi_annot.diagnostics import Code, Diagnostic, Severity
from hanzi_annot.model import Annotation, Document, Origin, Paragraph
from hanzi_annot.pinyin.readings import Readings, default_readings
from hanzi_annot.pinyin.syllables import (
    apply_case,
    is_erhua,
    is_toned,
    join_pinyin,
    mark_tone,
    split_tone,
)
from hanzi_annot.positions import Span

#: Distinct annotations a :class:`Validator` remembers before it starts afresh.
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
    only those codes; ``context`` switches the in-word check (HA203) off when false.
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


#: Unit findings that can have a fix (HA208 and HA209 are for an editor to judge).
_UNIT_FIXABLE = frozenset({Code.NOT_A_READING, Code.WRONG_TONE, Code.WRONG_IN_WORD})


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
    >>> (annotation,) = parse("贵宾(gùibín)").annotations()
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


@attrs.frozen
class _Unit:
    """One syllable of an annotation with the character it reads."""

    index: int  # position of the unit's character in the hanzi
    char: str
    width: int  # 2 for an erhua unit (X儿)
    syllable: str  # lowercase, erhua r removed


def _units(annotation: Annotation) -> Iterator[_Unit]:
    index = 0
    for unit, syllable in zip(annotation.units, annotation.syllables, strict=True):
        low = syllable.lower()
        if len(unit) == 2:
            base, tone = split_tone(low)
            if is_erhua(base):
                low = mark_tone(base[:-1], tone)
        yield _Unit(index, unit[0], len(unit), low)
        index += len(unit)


def _confirmed(phrase: Evidence | None, said: str, readings: tuple[str, ...]) -> bool:
    """Return whether a dictionary word within the annotation reads the unit as written.

    Phrase data and character data disagree on neutral tones both ways, so a phrase's
    neutral tone accepts a tone the character has (and the reverse), never another one.
    """
    if phrase is None:
        return False
    if said in phrase.counts:
        return True
    return phrase.fits(said) and (said in readings or split_tone(said)[1] == 5)


def _with_erhua(syllable: str, template: str) -> str | None:
    """Give a corrected syllable the erhua r and the capitals of the written one.

    ``None`` when the written syllable is erhua but the correction takes no r (er, ê).
    """
    base, _tone = split_tone(template)
    if is_erhua(base):
        bare, tone = split_tone(syllable)
        if not is_erhua(bare + "r"):
            return None
        syllable = mark_tone(bare + "r", tone)
    return apply_case(template, syllable)


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
        self._cache: dict[tuple[str, tuple[str, ...], str | None], tuple[Finding, ...]] = {}

    def check(self, annotation: Annotation) -> tuple[Finding, ...]:
        """Every finding for one annotation, whatever the options select."""
        key = (annotation.hanzi, annotation.syllables, annotation.written)
        found = self._cache.get(key)
        if found is None:
            if len(self._cache) >= CACHE_SIZE:
                self._cache.clear()
            found = self._check(annotation)
            self._cache[key] = found
        return found

    def corrected(self, annotation: Annotation) -> tuple[str, ...] | None:
        """Return the annotation's syllables with every unambiguous fix applied.

        ``None`` when the pinyin was written without tones and the data cannot tell
        every tone: a half-toned fix would turn the rest into neutral tones.
        """
        toned = annotation.written is None or is_toned(annotation.written)
        syllables = list(annotation.syllables)
        for position, unit in enumerate(_units(annotation)):
            fix = self._unit_fix(annotation, unit, toned)
            fixed = None if fix is None else _with_erhua(fix, annotation.syllables[position])
            if fixed is not None:
                syllables[position] = fixed
            elif not toned:
                return None
        return tuple(syllables)

    def _unit_fix(self, annotation: Annotation, unit: _Unit, toned: bool) -> str | None:
        """Return the one syllable this unit should read, when it needs one and the data agree.

        A dictionary word decides; otherwise only a single candidate does (the one
        reading with the written syllable, or the character's only reading). Statistics
        never make a fix: they suggest, an editor decides.
        """
        said = unit.syllable
        base, tone = split_tone(said)
        readings = self.readings.char_readings(unit.char)
        if toned and unit.char in TONE_SANDHI_CHARS and said in readings:
            return None
        phrase = phrase_evidence(annotation.hanzi, unit.index, self.readings)
        confirmed = _confirmed(phrase, said, readings)
        if phrase is not None and len(phrase.counts) == 1:
            return None if toned and confirmed else phrase.best()
        if toned and confirmed:
            return None
        same_base = tuple(r for r in readings if split_tone(r)[0] == base)
        if not toned:
            return same_base[0] if len(same_base) == 1 else None
        if said in readings or unit.char in TONE_SANDHI_CHARS:
            return None
        if same_base:
            neutral_allowed = tone == 5 and unit.index > 0
            return same_base[0] if len(same_base) == 1 and not neutral_allowed else None
        return readings[0] if len(readings) == 1 else None

    def _check(self, annotation: Annotation) -> tuple[Finding, ...]:
        findings: list[Finding] = []
        toned = annotation.written is None or is_toned(annotation.written)
        units = tuple(_units(annotation))

        def unit_fix(position: int) -> Fix | None:
            syllable = self._unit_fix(annotation, units[position], toned)
            if syllable is None:
                return None
            fixed = _with_erhua(syllable, annotation.syllables[position])
            if fixed is None:
                return None
            syllables = list(annotation.syllables)
            syllables[position] = fixed
            return _make_fix(annotation, tuple(syllables), ())

        if not self._dictionary_word(annotation, units):
            judge = self.options.context and can_judge(annotation.hanzi, self.readings)
            for position, unit in enumerate(units):
                for finding in self._check_unit(annotation, unit, toned, judge):
                    if finding.code in _UNIT_FIXABLE:
                        finding = attrs.evolve(finding, fix=unit_fix(position))
                    findings.append(finding)
        if annotation.written is not None:
            problems = spelling_problems(annotation.written, annotation.syllables)
            # Standard spelling needs tones: without certain ones, no spelling fix at all.
            corrected = self.corrected(annotation) if problems else None
            for code, message in problems:
                fix = None
                if corrected is not None:
                    wanted = corrected if code is Code.TONES_MISSING else annotation.syllables
                    fix = _make_fix(annotation, wanted, (code,))
                findings.append(Finding(code, message, fix=fix))
        return tuple(findings)

    def _dictionary_word(self, annotation: Annotation, units: tuple[_Unit, ...]) -> bool:
        """Return whether the phrase dictionary reads the whole word exactly as annotated.

        The common case in edited text; every per-unit check would confirm it anyway.
        """
        if any(unit.width != 1 for unit in units):
            return False
        reading = self.readings.phrase_reading(annotation.hanzi)
        return reading is not None and reading == tuple(unit.syllable for unit in units)

    def _check_unit(
        self, annotation: Annotation, unit: _Unit, toned: bool, judge: bool
    ) -> Iterator[Finding]:
        """Yield the findings for one unit; the caller adds the fixes."""
        said = unit.syllable
        phrase = phrase_evidence(annotation.hanzi, unit.index, self.readings)
        readings = self.readings.char_readings(unit.char)
        if _confirmed(phrase, said, readings):
            return
        place = (unit.index, unit.index + unit.width)
        if not readings:
            yield Finding(
                Code.UNKNOWN_CHARACTER,
                f"{unit.char} (U+{ord(unit.char):04X}) is unknown to the dictionary; "
                f"{said} is not checked",
                *place,
            )
            return
        base, tone = split_tone(said)
        evidence = phrase or evidence_for(annotation.hanzi, unit.index, self.readings)
        if base not in self.readings.char_bases(unit.char):
            likely = ", ".join(rank_readings(readings, evidence))
            yield Finding(
                Code.NOT_A_READING,
                f"{said} is no reading of {unit.char}; it reads {likely}",
                *place,
            )
            return
        if toned and said not in readings and unit.char not in TONE_SANDHI_CHARS:
            same_base = tuple(r for r in readings if split_tone(r)[0] == base)
            if tone == 5 and unit.index > 0:
                yield Finding(
                    Code.NEUTRAL_TONE,
                    f"neutral-tone {said} on {unit.char}: the dictionaries list only "
                    f"{', '.join(same_base)}",
                    *place,
                )
            else:
                options = " or ".join(rank_readings(same_base, evidence))
                yield Finding(
                    Code.WRONG_TONE,
                    f"{unit.char} is never read {said}; write {options}",
                    *place,
                )
            return
        if judge and unit.char not in TONE_SANDHI_CHARS:
            yield from self._check_in_word(annotation, unit, evidence, place)

    def _check_in_word(
        self,
        annotation: Annotation,
        unit: _Unit,
        evidence: Evidence | None,
        place: tuple[int, int],
    ) -> Iterator[Finding]:
        if evidence is None or evidence.fits(unit.syllable):
            return
        best = evidence.best()
        if evidence.words:
            where = f"in {evidence.words[-1]}"
        else:
            where = f"in {annotation.hanzi} by {evidence.basis.value}"
        yield Finding(
            Code.WRONG_IN_WORD,
            f"{unit.char} is read {best} {where}, not {unit.syllable}",
            *place,
        )

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
            paragraphs: Iterable[Paragraph] = node.paragraphs()
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
        found: list[Diagnostic] = []
        for paragraph in paragraphs:
            for annotation, offset in _placed(paragraph):
                found.extend(self._diagnostics(annotation, offset, origin, start))
        return tuple(found)

    def _diagnostics(
        self, annotation: Annotation, offset: int, origin: Origin | None, node_start: int
    ) -> Iterator[Diagnostic]:
        findings = [f for f in self.check(annotation) if self.options.wants(f.code)]
        ordered = sorted(
            findings, key=lambda f: len(annotation.hanzi) if f.start is None else f.start
        )
        for finding in ordered:
            span = finding.span_in(annotation, offset)
            if origin is not None:
                line, column = origin.locate(span.start)
            else:
                line, column = 1, span.start - node_start + 1
            yield Diagnostic(
                code=finding.code,
                severity=self.options.severity_of(finding.code),
                message=finding.message,
                span=span,
                line=line,
                column=column,
                fix=None if finding.fix is None else finding.fix.written,
                path=origin.path if origin else None,
            )


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
        if token.span is not None:
            offset = token.span.start
        if isinstance(token, Annotation):
            yield token, offset
            size = len(token.hanzi) + len(join_pinyin(token.syllables)) + 2
        else:
            size = len(token.text)
        offset = token.span.end if token.span is not None else offset + size


@functools.cache
def _default_validator() -> Validator:
    return Validator()


def validate(
    node: Document | Paragraph | Annotation,
    *,
    options: ValidateOptions | None = None,
    readings: Readings | None = None,
    origin: Origin | None = None,
) -> tuple[Diagnostic, ...]:
    """Check every annotation under ``node``; return the diagnostics in document order.

    Uses a shared validator when neither ``options`` nor ``readings`` is given; build a
    :class:`Validator` yourself to keep its cache across many calls with other settings.

    >>> from hanzi_annot import parse
    >>> [d.code.code for d in validate(parse("著名(zhūmíng)的国(gúo)画"))]
    ['HA202', 'HA205']
    """
    if options is None and readings is None:
        validator = _default_validator()
    else:
        validator = Validator(options, readings)
    return validator.validate(node, origin=origin)

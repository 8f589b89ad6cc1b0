"""Turn the parsed command line and the configuration file into one frozen plan.

The command line wins over the configuration file, which wins over the defaults;
``--ignore`` adds to the file's ignores, ``--select`` replaces its selection. All
checks of values happen here, before any input is read.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

import attrs

from hanzi_annot.check.validator import ValidateOptions
from hanzi_annot.cli.config import Config, load_config
from hanzi_annot.cli.inputs import STDIN, Input, SupportsReadBytes, UsageError, collect_inputs
from hanzi_annot.cli.parser import FORMATS, PROG, Kind, Subcommand, check_encoding, check_glob
from hanzi_annot.corpus.pipeline import InputFormat, PipelineOptions
from hanzi_annot.corpus.selection import Selection, expand_codes
from hanzi_annot.corpus.walk import DEFAULT_PATTERNS
from hanzi_annot.diagnostics import Code, Severity
from hanzi_annot.html.write import HtmlOptions, Notation, RubyMode
from hanzi_annot.pinyin.readings import Readings


@attrs.frozen
class Settings:
    """A checked command line: what to do, to which inputs, and how to report it."""

    command: Subcommand
    inputs: tuple[Input, ...]
    options: PipelineOptions
    jobs: int = 1
    report_format: str = "full"
    fail_on: Severity = Severity.WARNING
    statistics: bool = False
    quiet: bool = False
    color: str = "auto"
    output: Path | None = None
    out_dir: Path | None = None
    suffix: str | None = None
    header: bool = True
    in_place: bool = False
    backup_suffix: str | None = ".bak"
    diff: bool = False

    @property
    def prog(self) -> str:
        """The subcommand as messages name it."""
        return f"{PROG} {self.command.name}"


def reason(error: BaseException) -> str:
    """Word an error for a one-line message."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error)


def _codes(values: Iterable[str], where: str) -> frozenset[Code]:
    try:
        return expand_codes(part for value in values for part in value.split(","))
    except ValueError as error:
        raise UsageError(f"{where}: {error} (list them with: hanzi-annot codes)") from None


def _choice(value: object, choices: Sequence[str], where: str) -> str:
    if value not in choices:
        raise UsageError(f"{where}: expected one of {', '.join(choices)}, got {value!r}")
    return str(value)


def _level(args: argparse.Namespace, config: Config, key: str, default: str) -> Severity:
    given = getattr(args, key.replace("-", "_"), None)
    value = given if given is not None else config.get(key)
    if value is None:
        return Severity[default.upper()]
    levels = [str(level) for level in Severity]
    return Severity[_choice(value, levels, f"{config.path}: {key}").upper()]


def _selection(args: argparse.Namespace, config: Config, checks: bool) -> Selection:
    if not checks:
        return Selection()
    where = str(config.path)
    select: frozenset[Code] | None = None
    if args.select:
        select = _codes(args.select, "--select")
    elif config.get("select") is not None:
        select = _codes(config.get("select"), f"{where}: select")
    ignore = _codes(config.get("ignore") or [], f"{where}: ignore") | _codes(
        args.ignore or [], "--ignore"
    )
    per_file = tuple(
        (os.fspath(config.folder / pattern) if "/" in pattern else pattern, _codes(codes, where))
        for pattern, codes in (config.get("per-file-ignores") or {}).items()
    )
    return Selection(select, ignore, per_file, _level(args, config, "min-severity", "info"))


def _readings(args: argparse.Namespace, config: Config) -> Readings | None:
    if args.readings is not None:
        path, option = Path(args.readings), f"--readings {args.readings}"
    elif config.get("readings") is not None:
        path = config.folder / config.get("readings")
        option = f"{config.path}: readings {config.get('readings')}"
    else:
        return None
    try:
        return Readings.from_file(path)
    except (OSError, ValueError) as error:
        raise UsageError(f"{option}: {reason(error)}") from None


def _html_options(args: argparse.Namespace) -> HtmlOptions:
    extra_css = ""
    if args.css is not None:
        try:
            extra_css = Path(args.css).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise UsageError(f"--css {args.css}: cannot read it ({reason(error)})") from None
    options = HtmlOptions(
        standalone=not args.fragment,
        ruby=RubyMode(args.ruby),
        rp=not args.no_rp,
        notation=Notation(args.notation),
        tone_classes=args.tone_colors,
        hsk_levels=args.hsk_levels,
        page_title=args.title,
        extra_css=extra_css,
    )
    if args.source_label is not None:
        options = attrs.evolve(options, source_label=args.source_label)
    return options


def _encoding(args: argparse.Namespace, config: Config) -> str | None:
    if args.encoding is not None:
        return str(args.encoding)
    if config.get("encoding") is None:
        return None
    try:
        return check_encoding(config.get("encoding"))
    except argparse.ArgumentTypeError as error:
        raise UsageError(f"{config.path}: encoding: {error}") from None


def _patterns(args: argparse.Namespace, config: Config) -> tuple[str, ...]:
    if args.glob:
        return tuple(args.glob)
    if config.get("include") is None:
        return DEFAULT_PATTERNS
    try:
        return tuple(check_glob(pattern) for pattern in config.get("include"))
    except argparse.ArgumentTypeError as error:
        raise UsageError(f"{config.path}: include: {error}") from None


def _options(args: argparse.Namespace, config: Config, command: Subcommand) -> PipelineOptions:
    checks = hasattr(args, "select")
    render = command.output is not None and command.output.value == "html"
    flag = render and args.flag
    return PipelineOptions(
        clean=args.clean,
        validate=command.kind in (Kind.REPORT, Kind.FIX) or flag,
        validate_options=ValidateOptions(context=args.context if checks else True),
        html=_html_options(args) if render else None,
        outputs=[command.output] if command.output is not None else [],
        encoding=_encoding(args, config),
        flag=flag,
        readings=_readings(args, config),
        input_format=InputFormat(args.input_format),
        selection=_selection(args, config, checks),
        fixes=command.kind in (Kind.REPORT, Kind.FIX),
        documents=False,  # the commands use outputs and diagnostics only
    )


def make_settings(
    args: argparse.Namespace, command: Subcommand, stdin: SupportsReadBytes
) -> Settings:
    """Check the command line against the configuration; read the list of inputs."""
    config = Config() if args.isolated else load_config(args.config, args.inputs)
    options = _options(args, config, command)
    jobs = args.jobs if args.jobs is not None else config.get("jobs") or 1
    inputs = collect_inputs(args.inputs, patterns=_patterns(args, config), stdin=stdin)
    report_format = "full"
    if command.kind is Kind.REPORT:
        given = args.format or config.get("format") or "full"
        report_format = _choice(given, [*FORMATS, "text"], f"{config.path}: format")
    in_place = getattr(args, "in_place", False)
    if in_place and any(item.is_stdin for item in inputs):
        raise UsageError("--in-place cannot rewrite standard input; use -o FILE")
    output = getattr(args, "output", None)
    out_dir = getattr(args, "out_dir", None)
    return Settings(
        command,
        inputs,
        options,
        jobs=jobs or (os.cpu_count() or 1),
        report_format=report_format,
        fail_on=_level(args, config, "fail-on", "warning")
        if command.kind is Kind.REPORT
        else Severity.ERROR,
        statistics=getattr(args, "statistics", False),
        quiet=getattr(args, "quiet", False),
        color=getattr(args, "color", "auto"),
        output=None if output in (None, STDIN) else Path(output),
        out_dir=None if out_dir is None else Path(out_dir),
        suffix=getattr(args, "suffix", None),
        header=not getattr(args, "no_header", False),
        in_place=in_place,
        backup_suffix=None
        if getattr(args, "no_backup", False)
        else getattr(args, "backup_suffix", ".bak"),
        diff=getattr(args, "diff", False),
    )

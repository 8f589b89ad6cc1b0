"""News-style inputs the command-line tests share."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import attrs

#: A scraped page with a repeated title, a source and site furniture; every
#: annotation is right, so ``check`` reports only the cleaning (info).
CLEAN_PAGE = """\
书香满城 打造城市书房新名片
书香满城 打造城市书房新名片
近年来,泉州市把城市书房建设作为全民阅读(yuèdú)的重要抓手,让市民在家门口就能读好书。
建网络织密服务网
全市已建成城市书房一百二十家,覆盖(fùgài)所有县(市、区(qū))。
书房实行免费开放,周末还举办亲子共读(gòngdú)活动。(泉州市文化和旅游局)
相关推荐
"""

#: Two wrong annotations: a reading wrong in this word (HA203, a warning) and a
#: tone the character never has (HA202, an error); both have one clear fix.
WRONG_PAGE = """\
老字号银行网点延长服务时间
多家银行(yínxíng)网点推出延时服务,方便(fāngbiàn)上班族办理业务。
这家老字号在当地十分著名(zhūmíng),排队的市民很多。
"""

#: ``WRONG_PAGE`` after ``fix``: only the two pinyin runs change.
FIXED_PAGE = WRONG_PAGE.replace("yínxíng", "yínháng").replace("zhūmíng", "zhùmíng")

#: A scraped page whose title line carries a doubled annotation (HA101, fixable).
DOUBLED_PAGE = """\
双拥共建谱新篇
今天举行双拥(shuāngyōng)(shuāngyōng)工作座谈会,会议由市委主持。
"""

#: ``DOUBLED_PAGE`` after ``fix``: the copy is gone.
UNDOUBLED_PAGE = DOUBLED_PAGE.replace("(shuāngyōng)(shuāngyōng)", "(shuāngyōng)")

#: A page whose only finding is a warning (HA203).
WARNING_PAGE = "银行网点延长服务时间\n多家银行(yínxíng)网点推出延时服务。\n"


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` (creating folders) and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


#: The installed command, beside the interpreter running the tests.
EXECUTABLE = Path(sys.executable).parent / "hanzi-annot"


def run_exe(
    argv: Sequence[str | Path],
    cwd: Path,
    *,
    stdin: bytes = b"",
    env: Mapping[str, str] | None = None,
    module: bool = False,
) -> subprocess.CompletedProcess[str]:
    """Run the real ``hanzi-annot`` executable; stdout and stderr decoded separately.

    ``module=True`` runs ``python -m hanzi_annot`` instead of the installed command.
    """
    environment = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    for name in ("NO_COLOR", "FORCE_COLOR"):
        if env is None or name not in env:
            environment.pop(name, None)
    program = [sys.executable, "-m", "hanzi_annot"] if module else [str(EXECUTABLE)]
    completed = subprocess.run(
        [*program, *map(str, argv)],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        env=environment,
        timeout=120,
        check=False,
    )
    return subprocess.CompletedProcess(
        completed.args,
        completed.returncode,
        completed.stdout.decode("utf-8"),
        completed.stderr.decode("utf-8"),
    )


@attrs.frozen
class Result:
    """What one in-process run of the command gave: exit status, stdout, stderr."""

    status: int
    out: str
    err: str


#: The ``run`` fixture (tests/conftest.py): ``run(*argv, stdin=b"")`` gives a Result.
Run = Callable[..., Result]

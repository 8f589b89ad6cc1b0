"""``fix`` never loses a file: atomic writes, kept backups, locks, links and changes."""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from hanzi_annot.cli import files
from hanzi_annot.cli.files import LOCK_NAME, BackgroundWriter
from tests.cli_texts import FIXED_PAGE, WRONG_PAGE, Run, run_exe, write


@pytest.fixture
def page(tmp_path: Path) -> Path:
    return write(tmp_path / "news" / "bank.txt", WRONG_PAGE)


def _leftovers(folder: Path) -> list[str]:
    return sorted(
        p.name for p in folder.iterdir() if p.name.endswith(".tmp") or p.name == LOCK_NAME
    )


def test_a_second_in_place_run_keeps_the_first_backup(run: Run, page: Path) -> None:
    assert run("fix", "--in-place", page).status == 0
    page.write_text(WRONG_PAGE.replace("著名(zhūmíng)", "著名(zhúmíng)"), encoding="utf-8")
    second = run("fix", "--in-place", page)
    assert second.status == 0
    assert page.read_text(encoding="utf-8") == FIXED_PAGE
    assert page.with_name("bank.txt.bak").read_text(encoding="utf-8") == WRONG_PAGE
    assert "zhúmíng" in page.with_name("bank.txt.bak.1").read_text(encoding="utf-8")
    assert f"(original kept as {page}.bak.1)" in second.out
    assert _leftovers(page.parent) == []


def test_a_failed_write_leaves_the_file_whole(
    run: Run, page: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    result = run("fix", "--in-place", "--no-backup", page)
    assert result.status == 2
    assert f"cannot write {page}: No space left on device" in result.err
    assert page.read_text(encoding="utf-8") == WRONG_PAGE
    assert _leftovers(page.parent) == []


def test_a_file_changed_during_the_run_is_not_overwritten(
    run: Run, page: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hanzi_annot.cli.run as cli_run

    real = cli_run.run_pipeline
    added = WRONG_PAGE + "记者今天追加了一段。\n"

    def meddling(*args: object, **kwargs: object) -> Iterator[object]:
        for result in real(*args, **kwargs):  # type: ignore[arg-type]
            page.write_text(added, encoding="utf-8")  # someone edits the file meanwhile
            yield result

    monkeypatch.setattr(cli_run, "run_pipeline", meddling)
    result = run("fix", "--in-place", page)
    assert result.status == 2
    assert f"{page}: changed since it was read; not fixed" in result.err
    assert page.read_text(encoding="utf-8") == added
    assert not page.with_name("bank.txt.bak").exists()


def test_a_concurrent_run_is_detected(run: Run, page: Path) -> None:
    with (page.parent / LOCK_NAME).open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        result = run("fix", "--in-place", page)
    assert result.status == 2
    assert "another hanzi-annot fix is rewriting files here" in result.err
    assert page.read_text(encoding="utf-8") == WRONG_PAGE


def test_a_hard_link_to_the_input_is_refused_as_output(run: Run, page: Path) -> None:
    link = page.with_name("linked.txt")
    os.link(page, link)
    result = run("fix", page, "-o", link)
    assert result.status == 2
    assert f"{link} is the input {page}; refusing to overwrite it" in result.err
    assert page.read_text(encoding="utf-8") == WRONG_PAGE


def test_a_symbolic_link_out_of_the_tree_is_never_rewritten(run: Run, tmp_path: Path) -> None:
    outside = write(tmp_path / "outside" / "bank.txt", WRONG_PAGE)
    tree = tmp_path / "tree"
    write(tree / "own.txt", WRONG_PAGE)
    (tree / "link.txt").symlink_to(outside)
    result = run("fix", "--in-place", "--no-backup", tree)
    assert result.status == 0
    assert (tree / "own.txt").read_text(encoding="utf-8") == FIXED_PAGE
    assert outside.read_text(encoding="utf-8") == WRONG_PAGE
    named = run("fix", "--in-place", tree / "link.txt")
    assert named.status == 2
    assert "is a symbolic link; not fixed" in named.err
    assert outside.read_text(encoding="utf-8") == WRONG_PAGE


def test_a_read_only_file_is_reported_as_not_fixed(run: Run, page: Path) -> None:
    page.chmod(0o444)
    result = run("fix", "--in-place", page)
    assert result.status == 2
    assert f"{page}: is read-only; not fixed" in result.err
    assert "could not be fixed" in result.err
    assert page.read_text(encoding="utf-8") == WRONG_PAGE


def test_mode_bits_are_kept(run: Run, page: Path) -> None:
    page.chmod(0o640)
    assert run("fix", "--in-place", page).status == 0
    assert stat.S_IMODE(page.stat().st_mode) == 0o640
    assert page.read_text(encoding="utf-8") == FIXED_PAGE


def test_a_backup_suffix_with_a_slash_is_a_usage_error(page: Path) -> None:
    result = run_exe(["fix", "--in-place", "--backup-suffix", "/tmp/x", page], page.parent)
    assert result.returncode == 2
    assert result.stderr.startswith("hanzi-annot fix: error: argument --backup-suffix")
    assert "cannot hold '/'" in result.stderr
    assert page.read_text(encoding="utf-8") == WRONG_PAGE


def test_in_place_through_the_executable_with_workers(tmp_path: Path) -> None:
    for number in range(4):
        write(tmp_path / "news" / f"{number}.txt", WRONG_PAGE)
    result = run_exe(["fix", "--in-place", "-j", "2", "news"], tmp_path)
    assert result.returncode == 0
    assert result.stderr == "hanzi-annot: 8 fixes made in 4 of 4 files\n"
    for number in range(4):
        assert (tmp_path / "news" / f"{number}.txt").read_text(encoding="utf-8") == FIXED_PAGE
    assert _leftovers(tmp_path / "news") == []


def test_background_writes_report_failures_in_order_and_write_the_rest(tmp_path: Path) -> None:
    (tmp_path / "blocker").write_text("a file, not a folder")
    targets = [
        tmp_path / ("blocker" if index in (3, 40) else "out") / f"page{index}.html"
        for index in range(60)
    ]
    writer = BackgroundWriter(window=4)
    failed = []
    for index, target in enumerate(targets):
        failed += writer.submit(target, f"<p>{index}</p>".encode())
        assert len(failed) <= index + 1
    failed += writer.close()
    assert [target for target, _ in failed] == [targets[3], targets[40]]
    assert all(isinstance(error, OSError) for _, error in failed)
    written = [t for t in targets if t.parent.name == "out"]
    assert [t.read_text() for t in written] == [f"<p>{targets.index(t)}</p>" for t in written]
    assert not [p for p in (tmp_path / "out").iterdir() if p.suffix == ".tmp"]


def test_a_write_that_failed_before_ctrl_c_is_still_reported(
    run: Run, page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hanzi_annot.cli import write as write_command

    (tmp_path / "blocker").write_text("a file, not a folder")
    unwritable = tmp_path / "blocker" / "page.html"

    def interrupted(*args: object) -> int:
        writer = args[4]
        assert isinstance(writer, BackgroundWriter)
        writer.submit(unwritable, b"<p></p>")
        raise KeyboardInterrupt

    monkeypatch.setattr(write_command, "_write_all", interrupted)
    result = run("render", page, "-o", tmp_path / "out.html")
    assert result.status == 130
    assert f"cannot write {unwritable}" in result.err


def _temporaries(folder: Path) -> list[Path]:
    return [path for path in folder.iterdir() if path.suffix == ".tmp"]


def test_a_batch_is_written_with_one_sync_and_failures_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if files.file_system_sync() is None:
        pytest.skip("no syncfs on this system: each file is synced on its own")
    out = tmp_path / "out"
    out.mkdir()
    (out / "kept.html").write_text("old")
    (out / "kept.html").chmod(0o600)
    (tmp_path / "blocker").write_text("a file, not a folder")
    targets = [out / "a.html", tmp_path / "blocker" / "b.html", out / "kept.html"]
    synced: list[int] = []
    monkeypatch.setattr(os, "fsync", lambda descriptor: synced.append(descriptor))
    outcome = files.write_batch([(target, b"<p>new</p>") for target in targets])
    assert [error is None for error in outcome] == [True, False, True]
    assert isinstance(outcome[1], OSError)
    assert synced == []  # no file synced on its own: syncfs flushed them together
    assert (out / "a.html").read_bytes() == (out / "kept.html").read_bytes() == b"<p>new</p>"
    assert stat.S_IMODE((out / "kept.html").stat().st_mode) == 0o600
    assert _temporaries(out) == []


def test_a_failed_batch_sync_replaces_no_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if files.file_system_sync() is None:
        pytest.skip("no syncfs on this system: each file is synced on its own")
    (tmp_path / "kept.html").write_text("old")

    def failing(descriptor: int) -> int:
        ctypes.set_errno(errno.EIO)
        return -1

    monkeypatch.setattr(files, "file_system_sync", lambda: failing)
    targets = [tmp_path / "kept.html", tmp_path / "new.html"]
    outcome = files.write_batch([(target, b"<p>new</p>") for target in targets])
    assert all(isinstance(error, OSError) and error.errno == errno.EIO for error in outcome)
    assert (tmp_path / "kept.html").read_text() == "old"
    assert not (tmp_path / "new.html").exists()
    assert _temporaries(tmp_path) == []


def test_without_syncfs_each_file_is_synced_on_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "file_system_sync", lambda: None)
    synced: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda descriptor: synced.append(descriptor))
    targets = [tmp_path / "a.html", tmp_path / "missing" / "b.html", tmp_path / "c.html"]
    (tmp_path / "missing").write_text("a file, not a folder")
    outcome = files.write_batch([(target, b"<p></p>") for target in targets])
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert [error is None for error in outcome] == [True, False, True]
    assert len(synced) == 2
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "c.html").read_bytes() == b"<p></p>"

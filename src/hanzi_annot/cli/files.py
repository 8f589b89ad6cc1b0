"""Writing results to files without ever losing what was there.

Every file is written to a temporary file in the same folder, flushed to disk and
renamed over the target, so a full disk or a crash leaves the old file whole. For
``fix --in-place`` a file is rewritten only if it is still exactly what was read
(size, modification time and content), an existing backup is never replaced, a folder
is locked against a second run fixing it at the same time, and read-only files and
symbolic links are left alone with a message.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import os
import shutil
import stat
import tempfile
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Final

import attrs

#: The lock file a ``fix --in-place`` run holds in each folder it rewrites files in.
LOCK_NAME: Final = ".hanzi-annot.lock"

#: How many numbered backups (``FILE.bak.1`` …) are tried before giving up.
_MAX_BACKUPS: Final = 1000


class WriteRefusedError(Exception):
    """A file was not written, for a reason the user must see (never a silent skip)."""


@attrs.frozen
class Snapshot:
    """What a file was when it was read: enough to notice any change since."""

    size: int
    mtime_ns: int
    digest: str

    @classmethod
    def read(cls, path: Path) -> tuple[bytes, Snapshot]:
        """Read ``path`` and return its bytes with their snapshot (``OSError`` if unreadable)."""
        before = path.stat()
        data = path.read_bytes()
        return data, cls(len(data), before.st_mtime_ns, hashlib.sha256(data).hexdigest())

    def matches(self, path: Path) -> bool:
        """Whether ``path`` still holds exactly the bytes this snapshot was taken of."""
        try:
            now = path.stat()
            if (now.st_size, now.st_mtime_ns) != (self.size, self.mtime_ns):
                return False
            return hashlib.sha256(path.read_bytes()).hexdigest() == self.digest
        except OSError:
            return False


def write_atomic(
    target: Path, data: bytes, *, mode: int | None = None, sync_folder: bool = True
) -> None:
    """Write ``data`` to ``target`` through a synced temporary file and a rename.

    ``mode`` gives the new file's permission bits (default: the old file's, if any).
    ``sync_folder=False`` leaves syncing the folder (which makes the rename durable) to
    the caller, who may sync it once for many files.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    if mode is None:
        with contextlib.suppress(FileNotFoundError):
            mode = stat.S_IMODE(target.stat().st_mode)
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    if sync_folder:
        _sync_folder(target.parent)


class BackgroundWriter:
    """Write many files with :func:`write_atomic` on a thread, failures reported in order.

    Syncing a file waits on the disk, not the processor, so a corpus run hands each
    output over and goes on with the next input (or with the results its worker
    processes send) while earlier files are synced. Each folder is synced once, when
    the writer closes. About ``window`` files are in flight at most, so memory stays
    bounded; a failure is therefore reported up to ``window`` files after the file was
    handed over, still in the order of the files. One thread keeps the disk busy; more
    only compete for the interpreter.
    """

    def __init__(self, threads: int = 1, window: int = 32) -> None:
        self._pool = ThreadPoolExecutor(threads, thread_name_prefix="hanzi-annot-write")
        self._pending: deque[tuple[Path, Future[None]]] = deque()
        self._folders: dict[Path, None] = {}
        self._window = window

    def submit(self, target: Path, data: bytes) -> list[tuple[Path, OSError]]:
        """Start writing ``data`` to ``target``; return earlier writes that failed, oldest first."""
        future = self._pool.submit(write_atomic, target, data, sync_folder=False)
        self._pending.append((target, future))
        self._folders.setdefault(target.parent, None)
        failed: list[tuple[Path, OSError]] = []
        while len(self._pending) > self._window:
            failed += self._settle()
        return failed

    def close(self) -> list[tuple[Path, OSError]]:
        """Finish every write, sync the folders; return the writes that failed, in order."""
        failed: list[tuple[Path, OSError]] = []
        try:
            while self._pending:
                failed += self._settle()
        finally:
            self._pool.shutdown(wait=True, cancel_futures=True)
        for folder in self._folders:
            _sync_folder(folder)
        return failed

    def _settle(self) -> list[tuple[Path, OSError]]:
        target, future = self._pending.popleft()
        try:
            future.result()
        except OSError as error:
            return [(target, error)]
        return []


def _sync_folder(folder: Path) -> None:
    """Make the rename durable; some file systems cannot sync a folder, which is fine."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _keep_backup(path: Path, data: bytes, suffix: str) -> Path:
    """Write ``data`` as a new backup of ``path``; an existing backup is never replaced."""
    for number in range(_MAX_BACKUPS):
        backup = path.with_name(path.name + suffix + (f".{number}" if number else ""))
        try:
            with backup.open("xb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
        except FileExistsError:
            continue
        shutil.copystat(path, backup)
        return backup
    raise WriteRefusedError(f"{path}: too many backups already ({path.name}{suffix}.N); not fixed")


def rewrite_in_place(
    path: Path, data: bytes, snapshot: Snapshot, *, backup_suffix: str | None
) -> Path | None:
    """Replace ``path`` by ``data`` if it is unchanged since ``snapshot``; return the backup.

    Raises :class:`WriteRefusedError` for a symbolic link, a read-only file or a file that
    changed since it was read; ``OSError`` if writing fails (the file is then intact).
    """
    if path.is_symlink():
        raise WriteRefusedError(
            f"{path}: is a symbolic link; not fixed (name the file it points to)"
        )
    info = path.stat()
    if not os.access(path, os.W_OK) or not info.st_mode & stat.S_IWUSR:
        raise WriteRefusedError(f"{path}: is read-only; not fixed")
    if not snapshot.matches(path):
        raise WriteRefusedError(f"{path}: changed since it was read; not fixed (run fix again)")
    backup = None
    if backup_suffix is not None:
        backup = _keep_backup(path, path.read_bytes(), backup_suffix)
    write_atomic(path, data, mode=stat.S_IMODE(info.st_mode))
    return backup


@contextlib.contextmanager
def folder_locks(folders: set[Path]) -> Iterator[None]:
    """Hold the ``fix --in-place`` lock of every folder; ``WriteRefusedError`` if one is taken."""
    held: list[tuple[Path, int]] = []
    try:
        for folder in sorted(folders):
            lock = folder / LOCK_NAME
            descriptor = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as error:
                os.close(descriptor)
                if error.errno in (errno.EAGAIN, errno.EACCES):
                    raise WriteRefusedError(
                        f"{folder}: another hanzi-annot fix is rewriting files here "
                        f"(it holds {lock}); try again when it has finished"
                    ) from None
                raise
            held.append((lock, descriptor))
        yield
    finally:
        for lock, descriptor in reversed(held):
            with contextlib.suppress(OSError):
                lock.unlink()
            os.close(descriptor)

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
import functools
import hashlib
import os
import shutil
import stat
import sys
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Final, cast

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
    temporary, mode = _write_temporary(target, data, mode, sync=True)
    _put_in_place(temporary, target, mode)
    if sync_folder:
        _sync_folder(target.parent)


def _write_temporary(
    target: Path, data: bytes, mode: int | None, *, sync: bool
) -> tuple[str, int | None]:
    """Write ``data`` to a new temporary file beside ``target``; return it and the mode.

    ``sync=False`` leaves flushing it to disk to the caller (one sync for many files);
    it must be synced before :func:`_put_in_place` renames it.
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
            if sync:
                os.fsync(stream.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return temporary, mode


def _put_in_place(temporary: str, target: Path, mode: int | None) -> None:
    """Give the synced ``temporary`` its mode and rename it over ``target``."""
    try:
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


@functools.cache  # looked up when a batch is first written: ctypes stays out of import time
def file_system_sync() -> Callable[[int], int] | None:
    """Return Linux's ``syncfs(2)`` (flush one file system's writes), or None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        function = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int]
    function.restype = ctypes.c_int
    return cast(Callable[[int], int], function)


def _sync_file_systems(folders: Iterable[Path], syncfs: Callable[[int], int]) -> None:
    """Flush every pending write of the file systems holding ``folders`` (``OSError``)."""
    import ctypes

    synced: set[int] = set()
    for folder in folders:
        device = os.stat(folder).st_dev
        if device in synced:
            continue
        synced.add(device)
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            if syncfs(descriptor) != 0:
                code = ctypes.get_errno()
                raise OSError(code, os.strerror(code), str(folder))
        finally:
            os.close(descriptor)


def write_batch(files: Sequence[tuple[Path, bytes]]) -> list[OSError | None]:
    """Write each ``(target, data)`` as :func:`write_atomic` does, syncing them together.

    Every file is written to its temporary file, then one ``syncfs`` per folder flushes
    them all to disk, then each is renamed over its target: still no target is
    replaced before its new content is on disk, at a fraction of the cost of a sync
    per file. Where there is no ``syncfs`` each file is synced on its own. Returns one
    entry per file, in order: None, or the error that left that target as it was.
    Folders are not synced (see :func:`sync_folders`).
    """
    syncfs = file_system_sync()
    if syncfs is None:
        return [_attempt(target, data) for target, data in files]
    outcome: list[OSError | None] = [None] * len(files)
    written: list[tuple[int, str, int | None]] = []
    for index, (target, data) in enumerate(files):
        try:
            temporary, mode = _write_temporary(target, data, None, sync=False)
        except OSError as error:
            outcome[index] = error
            continue
        written.append((index, temporary, mode))
    try:
        _sync_file_systems(dict.fromkeys(files[index][0].parent for index, _, _ in written), syncfs)
    except OSError as error:  # nothing is known to be on disk: no target is replaced
        for index, temporary, _ in written:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            outcome[index] = error
        return outcome
    for index, temporary, mode in written:
        try:
            _put_in_place(temporary, files[index][0], mode)
        except OSError as error:
            outcome[index] = error
    return outcome


def _attempt(target: Path, data: bytes) -> OSError | None:
    try:
        write_atomic(target, data, sync_folder=False)
    except OSError as error:
        return error
    return None


class BackgroundWriter:
    """Write many files on a thread, a batch at a time, failures reported in order.

    Syncing a file waits on the disk, not the processor, so a corpus run hands each
    output over and goes on with the next input (or with the results its worker
    processes send) while earlier files are written. Files go to disk in batches of
    ``batch`` (:func:`write_batch`: one sync for the batch where the system allows
    it), and each folder is synced once, when the writer closes. At most ``window``
    files are held or in flight, so memory stays bounded; a failure is therefore
    reported up to ``window`` files after the file was handed over, still in the order
    of the files. One thread keeps the disk busy; more only compete for the
    interpreter.
    """

    def __init__(self, threads: int = 1, window: int = 64, batch: int = 32) -> None:
        self._pool = ThreadPoolExecutor(threads, thread_name_prefix="hanzi-annot-write")
        self._batch_size = max(1, min(batch, window))
        self._batch: list[tuple[Path, bytes]] = []
        self._pending: deque[tuple[list[Path], Future[list[OSError | None]]]] = deque()
        self._folders: dict[Path, None] = {}
        self._window = window

    def submit(self, target: Path, data: bytes) -> list[tuple[Path, OSError]]:
        """Hand ``data`` over for ``target``; return earlier writes that failed, oldest first."""
        self._batch.append((target, data))
        self._folders.setdefault(target.parent, None)
        if len(self._batch) >= self._batch_size:
            self._send()
        failed: list[tuple[Path, OSError]] = []
        while self._pending and self._held() > self._window:
            failed += self._settle()
        return failed

    def close(self) -> list[tuple[Path, OSError]]:
        """Finish every write, sync the folders; return the writes that failed, in order."""
        failed: list[tuple[Path, OSError]] = []
        try:
            self._send()
            while self._pending:
                failed += self._settle()
        finally:
            self._pool.shutdown(wait=True, cancel_futures=True)
        for folder in self._folders:
            _sync_folder(folder)
        return failed

    def _held(self) -> int:
        return len(self._batch) + sum(len(targets) for targets, _ in self._pending)

    def _send(self) -> None:
        if self._batch:
            batch, self._batch = self._batch, []
            future = self._pool.submit(write_batch, batch)
            self._pending.append(([target for target, _ in batch], future))

    def _settle(self) -> list[tuple[Path, OSError]]:
        targets, future = self._pending.popleft()
        try:
            outcome = future.result()
        except OSError as error:
            return [(target, error) for target in targets]
        return [(target, error) for target, error in zip(targets, outcome, strict=True) if error]


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

"""Writing files so that a crash leaves either the old file or the new one."""

from __future__ import annotations

import errno
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

from ..errors import StorageError


def fsync_directory(path: Path) -> None:
    if os.name == "nt":  # Windows cannot open a directory for fsync.
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _read_umask() -> int:
    # Read once at import: os.umask() can only be read by setting it, which
    # would race with other threads creating files.
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


#: The permissions a plainly created file gets (mkstemp would leave 0600).
DEFAULT_FILE_MODE = 0o666 & ~_read_umask()


def storage_error(exc: OSError) -> StorageError:
    """Translate an OSError into a message a lecturer can read."""
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return StorageError("error.disk_full")
    return StorageError("error.io", detail=f"{exc.strerror or exc}: {exc.filename or ''}".strip(": "))


@contextmanager
def atomic_write(target: Path, mode: str = "wb", temp_dir: Path | None = None) -> Iterator[IO]:
    """Open a temporary file beside ``target``; on success it is fsynced and
    renamed over ``target``; on any error it is removed and target untouched."""
    target = Path(target)
    directory = temp_dir or target.parent
    directory.mkdir(parents=True, exist_ok=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".tmp-", suffix=".part", dir=directory)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, mode) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if os.name != "nt":
            # A PDF or archive the lecturer mails on must be readable like any file they save.
            os.chmod(tmp, DEFAULT_FILE_MODE)
        os.replace(tmp, target)
        fsync_directory(target.parent)
    except BaseException as exc:
        try:
            tmp.unlink()
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError) and not isinstance(exc, StorageError):
            raise storage_error(exc) from exc
        raise

"""The evidence store: files named by their SHA-256, written once, never
modified.  Layout: ``evidence/ab/abcdef…`` (two-letter shards keep folders
small on FAT-formatted USB sticks)."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .files import atomic_write, fsync_directory, storage_error

CHUNK = 1024 * 1024
SHA256_RE = re.compile(r"^[0-9a-f]{64}$")


def sha256_of_file(path: Path, progress: Callable[[int], None] | None = None) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            if progress:
                progress(len(chunk))
    return digest.hexdigest()


class EvidenceStore:
    def __init__(self, root: Path, temp_dir: Path, deleted_dir: Path | None = None) -> None:
        self.root = Path(root)
        self.temp_dir = Path(temp_dir)
        #: Files no record uses any more wait here while a database backup may
        #: still bring their record back (see ``storage.backups.prune_deleted``).
        self.deleted_dir = Path(deleted_dir) if deleted_dir else self.root.parent / "deleted"

    def path_for(self, sha256: str) -> Path:
        if not SHA256_RE.match(sha256):
            raise ValueError(f"not a SHA-256: {sha256!r}")
        return self.root / sha256[:2] / sha256

    def contains(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def add_file(self, source: Path) -> tuple[str, int, bool]:
        """Copy ``source`` into the store (the source is only read).

        Returns (sha256, size, newly_added).  The hash is computed while
        copying, so the file is read once; if the content is already stored
        the copy is discarded."""
        self.temp_dir.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        size = 0
        fd, staged_name = tempfile.mkstemp(prefix=".tmp-", suffix=".part", dir=self.temp_dir)
        staged = Path(staged_name)
        try:
            with open(source, "rb") as src, os.fdopen(fd, "wb") as out:
                while chunk := src.read(CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            sha = digest.hexdigest()
            return sha, size, self._adopt(staged, sha)
        except OSError as exc:
            staged.unlink(missing_ok=True)
            raise storage_error(exc) from exc
        except BaseException:
            staged.unlink(missing_ok=True)
            raise

    def add_bytes(self, data: bytes) -> tuple[str, bool]:
        sha = hashlib.sha256(data).hexdigest()
        if self.contains(sha):
            return sha, False
        try:
            with atomic_write(self.path_for(sha), temp_dir=self.temp_dir) as out:
                out.write(data)
        except OSError as exc:
            raise storage_error(exc) from exc
        return sha, True

    def _adopt(self, staged: Path, sha: str) -> bool:
        target = self.path_for(sha)
        if target.is_file():
            staged.unlink(missing_ok=True)
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staged, target)
        fsync_directory(target.parent)
        return True

    def add_verified(self, data_source: Path, expected_sha: str) -> bool:
        """Store a file whose hash is already known and checked (archive import)."""
        if self.contains(expected_sha):
            return False
        with open(data_source, "rb") as src, atomic_write(self.path_for(expected_sha), temp_dir=self.temp_dir) as out:
            shutil.copyfileobj(src, out, CHUNK)
        return True

    def verify(self, sha256: str) -> bool:
        path = self.path_for(sha256)
        return path.is_file() and sha256_of_file(path) == sha256

    def iter_hashes(self) -> Iterator[str]:
        if not self.root.is_dir():
            return
        for shard in sorted(self.root.iterdir()):
            if shard.is_dir():
                for item in sorted(shard.iterdir()):
                    if item.is_file():
                        yield item.name

    def remove(self, hashes: Iterable[str]) -> None:
        """Take files out of the store.  They are moved to ``deleted/`` (same
        disk, one rename each), never erased here: an undo of the delete or a
        database backup that still has their records puts them back, and
        ``storage.backups.prune_deleted`` erases them only once neither can.

        The file's modification time is set to the moment of the move: that
        is when its grace period in ``deleted/`` starts (the store keeps no
        other date, and a file's own mtime is when it was imported)."""
        for sha in hashes:
            path = self.path_for(sha)
            if not path.exists():
                continue
            kept = self.deleted_dir / sha
            try:
                self.deleted_dir.mkdir(exist_ok=True)
                os.replace(path, kept)
            except OSError:
                continue  # e.g. open in a viewer on Windows: stays as an orphan, doctor --repair retries
            try:
                os.utime(kept)
            except OSError:
                pass  # the grace period then counts from the import: shorter, but backups still protect it

    def deleted_since(self, sha256: str) -> float | None:
        """When a file went to ``deleted/`` (seconds since the epoch), or None."""
        try:
            return (self.deleted_dir / sha256).stat().st_mtime
        except OSError:
            return None

    def deleted_hashes(self) -> list[str]:
        if not self.deleted_dir.is_dir():
            return []
        return sorted(p.name for p in self.deleted_dir.iterdir() if p.is_file() and SHA256_RE.match(p.name))

    def undelete(self, sha256: str) -> bool:
        """Put a file from ``deleted/`` back into the store if its bytes are
        intact.  Returns whether the store now holds it."""
        if self.contains(sha256):
            return True
        kept = self.deleted_dir / sha256
        if not kept.is_file() or sha256_of_file(kept) != sha256:
            return False
        target = self.path_for(sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(kept, target)
        fsync_directory(target.parent)
        return True

    def stray_temp_files(self) -> list[Path]:
        if not self.temp_dir.is_dir():
            return []
        return sorted(p for p in self.temp_dir.iterdir() if p.is_file())

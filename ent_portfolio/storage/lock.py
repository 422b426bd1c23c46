"""One writer at a time: a lock file in the portfolio folder.

The lock is the operating system's (``fcntl.flock`` on POSIX, ``msvcrt.locking``
on Windows) on ``portfolio.lock``; the file also holds who took it (pid, host,
time) so that a refused opener can say where the portfolio is open.  The OS
releases the lock when its process dies, so a lock left by a crashed app is
simply taken over: what the file *says* is only for the message.

Within one process, opening the same folder again shares the lock (counted):
the windows of one app instance and the test fixtures may reopen a portfolio,
and closing the last holder releases it.  The lock guards against *other*
processes: a second app instance or a command-line run.
"""

from __future__ import annotations

import errno
import json
import os
import socket
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from ..errors import UserError
from ..i18n import register
from .files import is_link, refuse_link

LOCK_NAME = "portfolio.lock"

register({
    "error.portfolio_locked": (
        "แฟ้มผลงานนี้เปิดอยู่ในหน้าต่างหรือโปรแกรมอื่นบนเครื่อง {host} ตั้งแต่ {since} (โปรเซส {pid}) "
        "โปรดปิดที่นั่นก่อนแล้วลองอีกครั้ง — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "This portfolio is open in another window or program on {host} since {since} (process {pid}). "
        "Close it there first, then try again. Nothing was changed.",
    ),
    "error.lock_unavailable": (
        "ล็อกแฟ้มผลงานเพื่อเขียนไม่ได้ ({detail}) — โฟลเดอร์อาจเป็นแบบอ่านอย่างเดียว",
        "The portfolio could not be locked for writing ({detail}); the folder may be read-only.",
    ),
})


class PortfolioLockedError(UserError):
    """Raised with ``host``, ``pid`` and ``since_iso``; the time is shown in
    the reader's local time, in the Buddhist era in Thai."""

    key = "error.portfolio_locked"

    def message(self, lang: str | None = None) -> str:
        from ..i18n import current_language, tr

        lang = lang or current_language()
        params = {k: v for k, v in self.params.items() if k != "since_iso"}
        since = local_time_text(self.params.get("since_iso"), buddhist_era=(lang == "th"))
        return tr(self.key, lang, since=since, **params)


if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            # Lock one byte far beyond the text, so the text stays readable.
            os.lseek(fd, 0x7FFFFFFF, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        try:
            os.lseek(fd, 0x7FFFFFFF, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def _open_lock_file(path: Path, folder: Path) -> int:
    """Open the lock file without following a link: a ``portfolio.lock``
    planted as a link would otherwise get its target truncated.  Where the
    OS has no ``O_NOFOLLOW`` (Windows) the name is checked first."""
    refuse_link(path, folder)
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
    except OSError as exc:
        if exc.errno == errno.ELOOP or is_link(path):  # made a link between the check and the open
            raise UserError("error.portfolio_link", name=LOCK_NAME, folder=str(folder)) from exc
        raise UserError("error.lock_unavailable", detail=exc.strerror or str(exc)) from exc


class _Held:
    def __init__(self, fd: int, acquired_at: float) -> None:
        self.fd = fd
        self.count = 1
        self.acquired_at = acquired_at


_held: dict[str, _Held] = {}
_guard = threading.Lock()


def _key(folder: Path) -> str:
    return os.path.normcase(os.path.realpath(folder))


def read_lock_info(folder: Path) -> dict:
    """What the lock file says (may be stale: only the OS lock counts)."""
    try:
        info = json.loads((Path(folder) / LOCK_NAME).read_text(encoding="utf-8"))
        return info if isinstance(info, dict) else {}
    except (OSError, ValueError):
        return {}


class WriterLock:
    """The write lock of one portfolio folder, held by this process.

    ``fresh`` tells whether this holder took the lock from nobody (as opposed
    to sharing it with another holder in this process): only a fresh holder
    may clean up what dead processes left behind."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._key = _key(self.folder)
        self.fresh = False
        self.acquired_at = 0.0
        self._released = True
        with _guard:
            held = _held.get(self._key)
            if held is not None:
                held.count += 1
                self.acquired_at = held.acquired_at
                self._released = False
                return
            path = self.folder / LOCK_NAME
            fd = _open_lock_file(path, self.folder)
            if not _try_lock(fd):
                os.close(fd)
                info = read_lock_info(self.folder)
                raise PortfolioLockedError(host=info.get("host", "?"), pid=info.get("pid", "?"),
                                           since_iso=info.get("since"))
            now = time.time()
            self._write_info(fd, now)
            _held[self._key] = _Held(fd, now)
            self.fresh = True
            self.acquired_at = now
            self._released = False

    @staticmethod
    def _write_info(fd: int, now: float) -> None:
        text = json.dumps({
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "since": datetime.fromtimestamp(now, UTC).replace(microsecond=0).isoformat(),
        }).encode("utf-8")
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            os.ftruncate(fd, 0)
            os.write(fd, text)
        except OSError:
            pass  # the text is only for messages; the OS lock is what counts

    def release(self) -> None:
        with _guard:
            if self._released:
                return
            self._released = True
            held = _held.get(self._key)
            if held is None:
                return
            held.count -= 1
            if held.count > 0:
                return
            del _held[self._key]
            try:
                os.lseek(held.fd, 0, os.SEEK_SET)
                os.ftruncate(held.fd, 0)
            except OSError:
                pass
            _unlock(held.fd)
            os.close(held.fd)


def held_in_this_process(folder: Path) -> bool:
    with _guard:
        return _key(Path(folder)) in _held


def local_time_text(iso: str | None, buddhist_era: bool) -> str:
    """The lock time in the reader's local time (Buddhist era for Thai)."""
    if not iso:
        return "?"
    try:
        moment = datetime.fromisoformat(iso).astimezone()
    except ValueError:
        return iso
    year = moment.year + 543 if buddhist_era else moment.year
    return f"{moment.day:02d}/{moment.month:02d}/{year} {moment.hour:02d}:{moment.minute:02d}"

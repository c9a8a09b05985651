"""One running window per data folder: an advisory ``flock`` on ``<data dir>/roadmap-desktop.lock``.

The lock belongs to the open file, so the kernel releases it when the process ends however it
ends (even kill -9): a stale lock file never blocks a start. The file holds the owner's pid and
start time, read only to tell the user who holds it. The file descriptor is not inherited by
child processes (Python opens files non-inheritable), so an exercise run cannot keep it.

Headless commands do not take it: reads work while the window runs, and writes rely on
SQLite's own locking (busy timeout, then a clear "database is busy" error).
"""

from __future__ import annotations

import contextlib
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from roadmap_desktop.core.errors import AlreadyRunningError, ReadOnlyStoreError

LOCK_FILENAME = "roadmap-desktop.lock"

if sys.platform != "win32":
    import fcntl
else:  # pragma: no cover - Windows is not a target yet: no lock, as before
    fcntl = None


class InstanceLock:
    """``acquire()`` raises AlreadyRunningError naming the holder's pid; ``release()`` (or
    leaving the ``with`` block) lets the next instance start."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.path = data_dir / LOCK_FILENAME
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        if self._fd is not None or fcntl is None:
            return
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise ReadOnlyStoreError(
                f"the data folder {self.data_dir} is not writable ({exc.strerror}): "
                "roadmap-desktop keeps its database there. Make it writable, or choose another "
                "folder with --data-dir DIR or ROADMAP_DESKTOP_HOME."
            ) from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pid, started = _read_owner(fd)
            os.close(fd)
            who = f" (pid {pid}" + (f", started {started})" if started else ")") if pid else ""
            raise AlreadyRunningError(
                f"roadmap-desktop is already running{who} with this data folder "
                f"({self.data_dir}). Switch to that window, or close it first; to run a second "
                "copy side by side, give it another folder with --data-dir DIR.",
                pid,
            ) from None
        except OSError:
            # A file system without flock support: run without the guard rather than not at all.
            os.close(fd)
            return
        started_at = datetime.now(UTC).isoformat(timespec="seconds")
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n{started_at}\n".encode(), 0)
        except OSError:
            pass  # the lock holds without its note (e.g. a full disk)
        self._fd = fd

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None and fcntl is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def _read_owner(fd: int) -> tuple[int | None, str | None]:
    try:
        lines = os.pread(fd, 200, 0).decode("ascii", "replace").split("\n")
    except OSError:
        return None, None
    pid = int(lines[0]) if lines and lines[0].strip().isdigit() else None
    started = lines[1].strip() if len(lines) > 1 and lines[1].strip() else None
    return pid, started

"""A second roadmap-desktop on the same data folder. A second window is detected (a flock on
<data dir>/roadmap-desktop.lock, released by the kernel however the first one ends), told so
with the holder's pid, and exits 3 without touching the database; headless read commands keep
working meanwhile; a CLI write that meets another writer's lock beyond the busy timeout says
"the database is busy" (exit 2, no traceback) and loses nothing."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from roadmap_desktop.core.errors import AlreadyRunningError
from roadmap_desktop.core.instance_lock import LOCK_FILENAME, InstanceLock
from roadmap_desktop.core.paths import AppPaths
from roadmap_desktop.core.store.database import Store
from roadmap_desktop.ui.app import EXIT_ALREADY_RUNNING, run_gui
from tests.conftest import deck_file
from tests.reliability.helpers import CLI, ROOT, integrity_ok

HOLDER = r"""
import sys, time
from pathlib import Path
from roadmap_desktop.core.instance_lock import InstanceLock
lock = InstanceLock(Path(sys.argv[1]))
lock.acquire()
print("held", flush=True)
time.sleep(120)
"""


def hold_lock(data_dir: Path) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data_dir)], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "held"
    return child


def stop(child: subprocess.Popen[str]) -> None:
    if child.poll() is None:
        os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=10)
    if child.stdout is not None:
        child.stdout.close()


def test_the_lock_names_its_holder_and_a_dead_holder_never_blocks(tmp_path: Path) -> None:
    holder = hold_lock(tmp_path)
    try:
        with pytest.raises(AlreadyRunningError) as caught:
            InstanceLock(tmp_path).acquire()
        assert caught.value.pid == holder.pid
        assert f"already running (pid {holder.pid}" in str(caught.value)
        assert str(tmp_path) in str(caught.value)
    finally:
        stop(holder)  # kill -9: the lock file stays, the lock does not
    assert (tmp_path / LOCK_FILENAME).exists()
    with InstanceLock(tmp_path) as lock:
        assert lock.held
        assert (tmp_path / LOCK_FILENAME).read_text().split()[0] == str(os.getpid())
    again = InstanceLock(tmp_path)
    again.acquire()  # released on exit
    again.release()


def test_a_second_window_is_told_and_exits_without_touching_the_database(
    qapp: QApplication, paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox,
        "critical",
        staticmethod(lambda _parent, title, text: shown.append((title, text))),
    )
    holder = hold_lock(paths.data_dir)
    try:
        assert run_gui(paths, None) == EXIT_ALREADY_RUNNING
    finally:
        stop(holder)
    assert len(shown) == 1
    title, text = shown[0]
    assert title == "roadmap-desktop is already running"
    assert f"roadmap-desktop is already running (pid {holder.pid}" in text
    assert "with this data folder" in text
    assert not paths.db_file.exists(), "the second window touched the database"


def test_the_real_app_twice(tmp_path: Path) -> None:
    """The real GUI (offscreen) holds the lock while it runs: a second start exits 3 naming its
    pid, `stats` still works, and once the first is gone (SIGKILL) the next start succeeds."""
    data = tmp_path / "data"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    first = subprocess.Popen(
        [*CLI, "--data-dir", str(data)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        lock_file = data / LOCK_FILENAME
        deadline = time.monotonic() + 30
        while not (lock_file.exists() and lock_file.read_text().startswith(f"{first.pid}\n")):
            assert time.monotonic() < deadline, "the first window never took the lock"
            assert first.poll() is None, "the first window exited"
            time.sleep(0.05)
        second = subprocess.run(
            [*CLI, "--data-dir", str(data), "--exit-when-ready"],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert second.returncode == EXIT_ALREADY_RUNNING, second
        assert f"roadmap-desktop is already running (pid {first.pid}" in second.stderr
        assert "Traceback" not in second.stderr
        stats = subprocess.run(
            [*CLI, "--data-dir", str(data), "stats"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert stats.returncode == 0, stats.stderr
    finally:
        first.kill()
        first.wait(timeout=10)
    third = subprocess.run(
        [*CLI, "--data-dir", str(data), "--exit-when-ready"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert third.returncode == 0, third.stderr
    assert integrity_ok(data / "roadmap.sqlite3")


def test_a_cli_write_against_a_held_write_lock_says_busy_and_loses_nothing(
    paths: AppPaths,
) -> None:
    Store.open(paths).close()
    decks = paths.user_content_dir / "decks"
    decks.mkdir(parents=True)
    (decks / "mine.md").write_text(deck_file("Mine", ("mine-1", "Q?", "A.")), encoding="utf-8")
    other = sqlite3.connect(paths.db_file, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # another writer, mid-transaction
        other.execute("INSERT INTO meta (key, value) VALUES ('other-writer', 'kept')")
        started = time.monotonic()
        done = subprocess.run(
            [*CLI, "--data-dir", str(paths.data_dir), "content", "sync"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
        waited = time.monotonic() - started
        other.execute("COMMIT")
    finally:
        other.close()
    assert done.returncode == 2, done
    assert "Traceback" not in done.stderr, done.stderr
    assert "the database is busy: another roadmap-desktop is writing to" in done.stderr
    assert waited >= 4.5, "it did not wait for the busy timeout first"
    with sqlite3.connect(paths.db_file) as conn:
        assert conn.execute("SELECT value FROM meta WHERE key = 'other-writer'").fetchone() == (
            "kept",
        )
        assert conn.execute("SELECT count(*) FROM cards WHERE key = 'mine-1'").fetchone()[0] == 0
    conn.close()
    assert integrity_ok(paths.db_file)
    again = subprocess.run(
        [*CLI, "--data-dir", str(paths.data_dir), "content", "sync"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert again.returncode == 0, again.stderr

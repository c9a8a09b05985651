"""Shared pieces of the reliability tests: a child process killed with SIGKILL at a chosen
instant of the operation it runs, and a database's files copied or checked as a whole."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CLI = [sys.executable, "-m", "roadmap_desktop"]  # the command line, run as a new process


@dataclass
class Outcome:
    killed: bool  # SIGKILL arrived before the operation said "done"
    duration: float  # seconds from "start" to "done" (or to the kill)


def run_killed_at(script: str, args: list[str], delay: float | None) -> Outcome:
    """Run ``script`` (which prints "start" right before the operation and "done" right after
    it returned) and kill it with SIGKILL ``delay`` seconds after "start"; ``None``: let it
    finish (a calibration run)."""
    child = subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert child.stdout is not None
    try:
        first = child.stdout.readline()
        assert first.strip() == "start", f"the child failed before starting: {first!r}"
        started = time.monotonic()
        if delay is not None:
            time.sleep(delay)
            os.kill(child.pid, signal.SIGKILL)
        rest = child.stdout.read()
        child.wait(timeout=60)
        duration = time.monotonic() - started
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        child.stdout.close()
    done = "done" in rest.split()
    if delay is None:
        assert child.returncode == 0 and done, f"calibration run failed: {rest!r}"
    return Outcome(killed=not done, duration=duration)


def integrity_ok(db_file: Path) -> bool:
    conn = sqlite3.connect(db_file)
    try:
        return bool(conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok")
    finally:
        conn.close()


def fold_wal(db_file: Path) -> None:
    """Checkpoint the WAL into the main file, so the database is one file to copy."""
    conn = sqlite3.connect(db_file)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def put_database(pristine: Path, db_file: Path) -> None:
    """Make ``db_file`` a fresh copy of ``pristine`` (a one-file database), no WAL beside it."""
    for suffix in ("-wal", "-shm"):
        Path(f"{db_file}{suffix}").unlink(missing_ok=True)
    db_file.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(pristine, db_file)

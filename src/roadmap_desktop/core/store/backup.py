"""Backups of the SQLite store with SQLite's online backup API, rotated grandfather-father-son.

Kinds: ``auto`` (on close, at most once a study day; rotated 7 daily / 4 weekly / 6 monthly),
``manual`` (the user asked; never pruned), ``pre-migrate`` and ``pre-restore`` (safety copies,
the newest 5 of each kept).
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from roadmap_desktop.core.clock import Clock
from roadmap_desktop.core.store.migrate import HEAD_REVISION, StoreError, known_revisions

KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 6
KEEP_SAFETY = 5
# The kind may carry a revision: roadmap-pre-migrate-0003-20261126-101500.sqlite3
_NAME = re.compile(r"^roadmap-(?P<kind>[a-z][a-z0-9-]*?)-(?P<stamp>\d{8}-\d{6})(?:-\d+)?\.sqlite3$")
_STAMP = "%Y%m%d-%H%M%S"


@dataclass(frozen=True, order=True)
class BackupFile:
    taken_at: datetime  # local time, as named
    kind: str
    path: Path


def list_backups(backups_dir: Path) -> list[BackupFile]:
    found = []
    if backups_dir.is_dir():
        for path in backups_dir.iterdir():
            match = _NAME.match(path.name)
            if match:
                taken = datetime.strptime(match["stamp"], _STAMP)
                found.append(BackupFile(taken, match["kind"], path))
    return sorted(found, reverse=True)


def backup_sqlite(db_file: Path, backups_dir: Path, kind: str, clock: Clock) -> Path:
    """Copy a live database consistently (readers and writers may be active) into backups_dir."""
    if not db_file.exists():
        raise StoreError(f"there is no database at {db_file} to back up")
    backups_dir.mkdir(parents=True, exist_ok=True)
    stamp = clock.now().strftime(_STAMP)
    target = backups_dir / f"roadmap-{kind}-{stamp}.sqlite3"
    counter = 1
    while target.exists():
        target = backups_dir / f"roadmap-{kind}-{stamp}-{counter}.sqlite3"
        counter += 1
    partial = target.with_suffix(".partial")
    source = sqlite3.connect(f"file:{db_file}?mode=ro", uri=True)
    try:
        dest = sqlite3.connect(partial)
        try:
            source.backup(dest)
            # A backup is one self-contained file, whatever journal mode the live DB uses.
            dest.execute("PRAGMA journal_mode=DELETE")
        finally:
            dest.close()
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)  # a failed copy (e.g. a full disk) leaves nothing
        raise
    finally:
        source.close()
    return target


def rotate(backups_dir: Path) -> list[Path]:
    """Delete auto backups outside the daily/weekly/monthly windows and old safety copies."""
    keep: set[Path] = set()
    backups = list_backups(backups_dir)
    autos = [b for b in backups if b.kind == "auto"]
    for bucket, limit in (
        (lambda b: b.taken_at.date(), KEEP_DAILY),
        (lambda b: b.taken_at.isocalendar()[:2], KEEP_WEEKLY),
        (lambda b: (b.taken_at.year, b.taken_at.month), KEEP_MONTHLY),
    ):
        seen: list[object] = []
        for item in autos:  # newest first: the first of each bucket is kept
            key = bucket(item)
            if key not in seen:
                seen.append(key)
                if len(seen) <= limit:
                    keep.add(item.path)
    for kind in ("pre-migrate", "pre-restore"):  # pre-migrate-NNNN: any revision
        safety = [b for b in backups if b.kind == kind or b.kind.startswith(kind + "-")]
        keep.update(b.path for b in safety[:KEEP_SAFETY])
    keep.update(b.path for b in backups if b.kind == "manual")
    removed = [b.path for b in backups if b.path not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def auto_backup_due(backups_dir: Path, clock: Clock) -> bool:
    """At most one automatic backup per calendar day."""
    today = clock.now().date()
    return not any(
        b.taken_at.date() == today for b in list_backups(backups_dir) if b.kind == "auto"
    )


def validate_backup(path: Path) -> str:
    """Check a file is an intact roadmap-desktop database this version can open; return its
    schema revision. Raises StoreError naming the file and the problem."""
    if not path.is_file():
        raise StoreError(f"{path}: no such file")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            status = conn.execute("PRAGMA integrity_check").fetchone()[0]
            if status != "ok":
                raise StoreError(f"{path}: the file is damaged (integrity check: {status})")
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            if "alembic_version" not in tables or "cards" not in tables:
                raise StoreError(f"{path}: not a roadmap-desktop database")
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: not a SQLite database ({exc})") from exc
    revision = str(row[0]) if row else ""
    if revision != HEAD_REVISION and revision not in known_revisions():
        raise StoreError(
            f"{path}: written by a newer version of roadmap-desktop (schema {revision}); "
            "update the app to restore it"
        )
    return revision


def restore_sqlite(
    backup_file: Path, db_file: Path, backups_dir: Path, clock: Clock
) -> Path | None:
    """Replace the live database with a backup, after backing up the current state.

    Returns the safety copy of the state that was replaced (None when there was no database).
    The copy goes through SQLite's backup API into the live file, so it is all or nothing.
    """
    validate_backup(backup_file)
    safety = None
    if db_file.exists():
        safety = backup_sqlite(db_file, backups_dir, "pre-restore", clock)
    db_file.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)
    try:
        dest = sqlite3.connect(db_file)
        try:
            source.backup(dest)
            dest.execute("PRAGMA journal_mode=WAL")
        finally:
            dest.close()
    finally:
        source.close()
    rotate(backups_dir)
    return safety

"""Backups through SQLite's online backup API: round trip, safety copies, rotation."""

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from roadmap_desktop.core.clock import FixedClock
from roadmap_desktop.core.store import backup as backups
from roadmap_desktop.core.store.database import Store
from roadmap_desktop.core.store.migrate import StoreError
from roadmap_desktop.core.store.models import Meta


def set_meta(store: Store, key: str, value: str) -> None:
    with store.session() as session:
        session.merge(Meta(key=key, value=value))


def get_meta(store: Store, key: str) -> str | None:
    with store.session() as session:
        row = session.scalar(select(Meta).where(Meta.key == key))
        return row.value if row else None


def test_backup_and_restore_round_trip(store: Store, clock: FixedClock) -> None:
    set_meta(store, "note", "before")
    saved = store.backup()
    assert saved.parent == store.paths.backups_dir and saved.name.startswith("roadmap-manual-")
    with sqlite3.connect(saved) as conn:  # a self-contained, intact file
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()

    set_meta(store, "note", "after")
    clock.advance(timedelta(minutes=1))
    safety = store.restore(saved)

    assert get_meta(store, "note") == "before"
    assert safety is not None and "pre-restore" in safety.name
    with sqlite3.connect(safety) as conn:  # the replaced state was kept
        assert conn.execute("SELECT value FROM meta WHERE key='note'").fetchone()[0] == "after"
    conn.close()


def test_restore_refuses_a_file_that_is_not_a_backup(store: Store, tmp_path: Path) -> None:
    bogus = tmp_path / "notes.sqlite3"
    bogus.write_bytes(b"this is not a database at all" * 100)
    set_meta(store, "note", "kept")
    with pytest.raises(StoreError) as caught:
        store.restore(bogus)
    assert str(bogus) in str(caught.value)
    assert get_meta(store, "note") == "kept"


def test_restore_refuses_a_backup_from_a_newer_version(store: Store) -> None:
    saved = store.backup()
    with sqlite3.connect(saved) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()
    with pytest.raises(StoreError, match="newer version"):
        store.restore(saved)


def test_automatic_backup_at_most_once_a_day(store: Store, clock: FixedClock) -> None:
    assert store.auto_backup() is not None
    clock.advance(timedelta(hours=3))
    assert store.auto_backup() is None
    clock.advance(timedelta(days=1))
    assert store.auto_backup() is not None
    kinds = [b.kind for b in backups.list_backups(store.paths.backups_dir)]
    assert kinds == ["auto", "auto"]


def test_rotation_keeps_7_daily_4_weekly_6_monthly(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    start = datetime(2026, 1, 1, 22, 0)
    for day in range(400):  # one automatic backup every day for 400 days
        stamp = (start + timedelta(days=day)).strftime("%Y%m%d-%H%M%S")
        (folder / f"roadmap-auto-{stamp}.sqlite3").write_bytes(b"x")
    (folder / "roadmap-manual-20260105-120000.sqlite3").write_bytes(b"x")
    for n in range(8):  # named as the migrator names them: with the revision upgraded from
        (folder / f"roadmap-pre-migrate-000{n % 3 + 1}-2026010{n + 1}-120000.sqlite3").write_bytes(
            b"x"
        )

    backups.rotate(folder)
    kept = backups.list_backups(folder)
    autos = [b.taken_at for b in kept if b.kind == "auto"]
    newest = start + timedelta(days=399)
    # the last 7 days, plus the newest of each of the last 4 weeks and 6 months
    assert all(
        newest - timedelta(days=6) <= t or t.weekday() == 6 or t.day == _last_day(t) for t in autos
    )
    assert len([t for t in autos if newest - t < timedelta(days=7)]) == 7
    assert len({(t.year, t.month) for t in autos}) == 6
    assert len(autos) <= 7 + 4 + 6
    assert [b.kind for b in kept].count("manual") == 1, "manual backups are never pruned"
    safety = [b for b in kept if b.kind.startswith("pre-migrate-")]
    assert len(safety) == backups.KEEP_SAFETY, "listed, and only the newest kept"
    assert min(b.taken_at for b in safety) == datetime(2026, 1, 4, 12, 0)


def _last_day(moment: datetime) -> int:
    following = (moment.replace(day=28) + timedelta(days=4)).replace(day=1)
    return (following - timedelta(days=1)).day


def test_backups_are_only_for_sqlite_files(paths, clock: FixedClock) -> None:
    memory = Store.open(paths, db_url="sqlite://", clock=clock)
    try:
        with pytest.raises(StoreError, match="SQLite"):
            memory.backup()
        assert memory.auto_backup() is None
    finally:
        memory.close()

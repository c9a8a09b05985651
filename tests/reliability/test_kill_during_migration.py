"""kill -9 during a schema upgrade: afterwards the database is the old one (old revision, old
data) or the new one (head revision, the same data migrated), never half of each; a
pre-migration backup was complete before the upgrade wrote anything; and the next start
upgrades cleanly.

The database is built at revision 0003 by Alembic itself and filled with enough rows
(cards, review history) that the backup and the upgrade take a measurable time, then a child
process runs the real `Store.open` and is killed at random instants across that time."""

from __future__ import annotations

import hashlib
import random
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine

from roadmap_desktop.core.paths import AppPaths
from roadmap_desktop.core.store import backup as backups
from roadmap_desktop.core.store import migrate
from roadmap_desktop.core.store.database import Store
from tests.conftest import install_next_revision
from tests.reliability.helpers import fold_wal, integrity_ok, put_database, run_killed_at

OLD = "0003"
CARDS, LOGS = 10_000, 20_000
ROUNDS = 6

OPENER = r"""
import sys, tempfile
from pathlib import Path
from roadmap_desktop.core.paths import AppPaths
from roadmap_desktop.core.store.database import Store

# Warm up (imports, Alembic's scripts) on a scratch database, so that the kill window is the
# backup and the upgrade themselves.
with tempfile.TemporaryDirectory() as scratch:
    Store.open(AppPaths(Path(scratch))).close()
paths = AppPaths(Path(sys.argv[1]))
print("start", flush=True)
store = Store.open(paths)
store.close()
print("done", flush=True)
"""


def build_old_database(db_file: Path) -> None:
    db_file.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(f"sqlite:///{db_file}")
    config = Config()
    config.set_main_option("script_location", str(migrate.MIGRATIONS_DIR))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, OLD)
    engine.dispose()
    conn = sqlite3.connect(db_file)
    with conn:
        conn.executemany(
            "INSERT INTO decks (id, name, created_at) VALUES (?, ?, '2026-01-01')",
            [(d, f"Deck {d}") for d in range(1, 6)],
        )
        conn.executemany(
            "INSERT INTO cards (id, key, deck_id, front, back, origin, content_hash, created_at,"
            " updated_at, ease, reps, interval, lapses, due, suspended) VALUES (?, ?, ?, ?, ?,"
            " 'user', ?, '2026-01-01', '2026-01-01', 2.5, ?, ?, 0, '2026-02-01', 0)",
            [
                (
                    i,
                    f"card-{i}",
                    1 + i % 5,
                    f"Question {i}? " * 8,
                    f"Answer {i}. " * 12,
                    f"h{i}",
                    i % 7,
                    i % 30,
                )
                for i in range(1, CARDS + 1)
            ],
        )
        conn.executemany(
            "INSERT INTO review_log (card_id, reviewed_at, study_day, grade, kind, ease_before,"
            " ease_after, interval_before, interval_after, reps_after, answer_ms) VALUES"
            " (?, '2026-01-02 10:00:00', '2026-01-02', ?, 'review', 2.5, 2.6, 0, 1, 1, ?)",
            [(1 + i % CARDS, i % 6, 1000 + i) for i in range(LOGS)],
        )
    conn.execute("PRAGMA journal_mode=WAL")  # as the app leaves it
    conn.close()
    fold_wal(db_file)


def state(db_file: Path) -> tuple[str, str]:
    """(schema revision, digest of the user's data in the columns every revision has)."""
    conn = sqlite3.connect(db_file)
    try:
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        digest = hashlib.sha256()
        for query in (
            "SELECT id, key, deck_id, front, back, ease, reps, interval, due FROM cards "
            "ORDER BY id",
            "SELECT id, card_id, grade, answer_ms, reviewed_at FROM review_log ORDER BY id",
            "SELECT id, name FROM decks ORDER BY id",
        ):
            for row in conn.execute(query):
                digest.update(repr(row).encode())
        return str(revision), digest.hexdigest()
    finally:
        conn.close()


def pre_migrate_backups(paths: AppPaths) -> list[Path]:
    # Globbed, not backups.list_backups(): its name pattern does not accept the revision in
    # "roadmap-pre-migrate-0003-<stamp>.sqlite3" (reported separately).
    return sorted(paths.backups_dir.glob("roadmap-pre-migrate-*.sqlite3"))


def schema(db_file: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(db_file)
    try:
        return sorted(conn.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL"))
    finally:
        conn.close()


def test_kill_during_migration_leaves_old_or_new_and_a_backup(tmp_path: Path) -> None:
    pristine = tmp_path / "pristine-0003.sqlite3"
    build_old_database(pristine)
    old_revision, data = state(pristine)
    old_schema = schema(pristine)
    assert old_revision == OLD

    paths = AppPaths(tmp_path / "data")
    put_database(pristine, paths.db_file)
    calibration = run_killed_at(OPENER, [str(paths.data_dir)], None)
    assert state(paths.db_file) == (migrate.HEAD_REVISION, data)
    new_schema = schema(paths.db_file)

    seed = random.randrange(1_000_000)
    rng = random.Random(seed)
    outcomes = {"old": 0, "new": 0}
    for round_ in range(ROUNDS):
        paths = AppPaths(tmp_path / f"round-{round_}")
        put_database(pristine, paths.db_file)
        where = f"seed {seed}, round {round_}"
        outcome = run_killed_at(OPENER, [str(paths.data_dir)], rng.uniform(0, calibration.duration))

        assert integrity_ok(paths.db_file), where
        revision, after = state(paths.db_file)
        assert after == data, f"{where}: the data changed"
        if revision == OLD:
            assert schema(paths.db_file) == old_schema, f"{where}: half an upgrade"
            outcomes["old"] += 1
        else:
            assert revision == migrate.HEAD_REVISION, f"{where}: revision {revision}"
            assert schema(paths.db_file) == new_schema, f"{where}: half an upgrade"
            outcomes["new"] += 1
        safety = pre_migrate_backups(paths)
        if revision != OLD or not outcome.killed:
            # the upgrade happened, so a complete backup of the old state was taken before it
            assert len(safety) == 1, where
            assert safety[0].name.startswith(f"roadmap-pre-migrate-{OLD}-")
            assert backups.validate_backup(safety[0]) == OLD
            assert state(safety[0]) == (OLD, data), f"{where}: the backup is incomplete"

        # the next start finishes the job: head, same data, a valid backup of the old state
        store = Store.open(paths)
        store.close()
        assert state(paths.db_file) == (migrate.HEAD_REVISION, data), where
        safety = pre_migrate_backups(paths)
        # (two when a kill landed after the backup and before the upgrade's commit)
        assert safety and all(backups.validate_backup(b) == OLD for b in safety), where
        assert all(state(b) == (OLD, data) for b in safety), where
    print(f"kills during the upgrade, seed {seed}: {outcomes}, run {calibration.duration:.2f} s")


def test_an_upgrade_failing_midway_is_rolled_back_whole(
    paths: AppPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The deterministic twin of the kill test: a revision that changes the schema and then
    fails. Before DDL joined the migration's transaction, pysqlite committed each CREATE/ALTER
    on its own: the failed upgrade left the new table under the old revision, and every later
    start failed with "table probe already exists"."""
    Store.open(paths).close()
    before = schema(paths.db_file)
    install_next_revision(
        tmp_path,
        monkeypatch,
        upgrade="    op.create_table('probe', sa.Column('id', sa.Integer, primary_key=True))\n"
        "    with op.batch_alter_table('cards') as batch:\n"
        "        batch.add_column(sa.Column('probe', sa.Integer))\n"
        "    raise RuntimeError('the upgrade fails here')\n",
        downgrade="    pass\n",
    )
    with pytest.raises(RuntimeError, match="the upgrade fails here"):
        Store.open(paths)
    assert schema(paths.db_file) == before, "half of the failed upgrade was committed"
    monkeypatch.undo()
    Store.open(paths).close()  # the next start opens it as before

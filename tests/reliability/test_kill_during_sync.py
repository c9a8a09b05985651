"""kill -9 during a content sync: the database holds the complete old content or the complete
new content of the synced deck (every card's text, hash and retirement, and the stored content
fingerprint that decides whether the next start syncs again), never a mix; integrity_check is
ok; and the next sync completes the job.

A large generated user deck is synced once (the old version), then rewritten (most cards
edited, some removed, some added); a child process syncs the new version into a fresh copy of
the old database and is killed at random instants across the sync's measured duration."""

from __future__ import annotations

import hashlib
import random
import sqlite3
from pathlib import Path

from roadmap_desktop.core.content import service
from roadmap_desktop.core.content.sync import FINGERPRINT_KEY
from roadmap_desktop.core.paths import AppPaths
from roadmap_desktop.core.store.database import Store
from tests.conftest import deck_file
from tests.reliability.helpers import fold_wal, integrity_ok, put_database, run_killed_at

CARDS = 300
ROUNDS = 5

SYNCER = r"""
import sys
from pathlib import Path
from roadmap_desktop.core.content import service
from roadmap_desktop.core.content.loader import load_content
from roadmap_desktop.core.paths import AppPaths
from roadmap_desktop.core.store.database import Store

store = Store.open(AppPaths(Path(sys.argv[1])))
load_content(service.roots_for(store))  # warm up: imports, the page cache
print("start", flush=True)
service.sync(store)
store.close()
print("done", flush=True)
"""


def old_deck() -> str:
    cards = [(f"big-{i}", f"Old question {i}?", f"Old answer {i}.") for i in range(CARDS)]
    return deck_file("Big::Old", *cards)


def new_deck() -> str:
    cards = [
        (f"big-{i}", f"New question {i}?" if i % 4 else f"Old question {i}?", f"New answer {i}.")
        for i in range(100, CARDS + 100)  # 0-99 removed, 100 added, 3 in 4 edited
    ]
    return deck_file("Big::New", *cards)


def snapshot(db_file: Path) -> tuple[str, str | None]:
    """(digest of every generated card's stored content, the stored content fingerprint)."""
    conn = sqlite3.connect(db_file)
    try:
        digest = hashlib.sha256()
        rows = conn.execute(
            "SELECT c.key, c.front, c.back, c.content_hash, c.retired_at IS NULL, d.name "
            "FROM cards c JOIN decks d ON d.id = c.deck_id WHERE c.key LIKE 'big-%' "
            "ORDER BY c.key"
        )
        for row in rows:
            digest.update(repr(row).encode())
        found = conn.execute("SELECT value FROM meta WHERE key = ?", (FINGERPRINT_KEY,)).fetchone()
        return digest.hexdigest(), (found[0] if found else None)
    finally:
        conn.close()


def test_kill_during_sync_leaves_the_old_or_the_new_content(tmp_path: Path) -> None:
    paths = AppPaths(tmp_path / "data")
    deck = paths.user_content_dir / "decks" / "big.md"
    deck.parent.mkdir(parents=True)
    deck.write_text(old_deck(), encoding="utf-8")
    store = Store.open(paths)
    service.sync(store)
    store.close()
    fold_wal(paths.db_file)
    pristine = tmp_path / "pristine.sqlite3"
    put_database(paths.db_file, pristine)
    old = snapshot(pristine)

    deck.write_text(new_deck(), encoding="utf-8")
    calibration = run_killed_at(SYNCER, [str(paths.data_dir)], None)
    new = snapshot(paths.db_file)
    assert new[0] != old[0] and new[1] != old[1]

    seed = random.randrange(1_000_000)
    rng = random.Random(seed)
    outcomes = {"old": 0, "new": 0}
    for round_ in range(ROUNDS):
        put_database(pristine, paths.db_file)
        where = f"seed {seed}, round {round_}"
        run_killed_at(SYNCER, [str(paths.data_dir)], rng.uniform(0, calibration.duration))
        assert integrity_ok(paths.db_file), where
        after = snapshot(paths.db_file)
        assert after in (old, new), f"{where}: half of a sync"
        outcomes["old" if after == old else "new"] += 1

        # the next start sees the content changed (or not) and ends with the new content
        store = Store.open(paths)
        try:
            assert service.content_changed(store) == (after == old), where
            service.sync(store)
        finally:
            store.close()
        assert snapshot(paths.db_file) == new, where
    print(f"kills during the sync, seed {seed}: {outcomes}, sync {calibration.duration:.2f} s")

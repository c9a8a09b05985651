"""Content sync, in-process: cold sync, no-op re-sync, and the start-up change check.

The re-sync is compared with the cold sync (it should be much cheaper: nothing to write),
and ``content_changed`` with a bare ``Path.stat()`` (``os.stat``) of the same files: its floor.

The same cold and no-op syncs run on a generated 10,000-card deck (``generate.write_decks``:
50 Markdown files of 200 cards in the user content dir). Its cold sync has a bare baseline:
reading and parsing the same files with the app's own parser (``parse_deck``) then inserting
the same decks, cards and tags with bare ``sqlite3`` ``executemany`` in one transaction, into
a DB migrated the same way. Parsing is shared, so the ratio is what the sync adds over storing
the rows: validation across files, hashing, comparing with the DB, and the ORM.
"""

from __future__ import annotations

import sqlite3
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path

from benchmarks import generate
from benchmarks.report import Measurement
from roadmap_desktop.core.content import service
from roadmap_desktop.core.content.decks import parse_deck
from roadmap_desktop.core.content.loader import content_files
from roadmap_desktop.core.content.locate import ContentRoot
from roadmap_desktop.core.paths import AppPaths
from roadmap_desktop.core.store.database import Store

GENERATED_CARDS = 10_000
GENERATED_FILES = 50


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _cold_sync(repeats: int) -> list[float]:
    """Each repeat syncs into a brand-new DB; opening (migrating) it is not timed."""
    samples = []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory(prefix="roadmap-bench-") as tmp:
            store = Store.open(AppPaths(Path(tmp)))
            try:
                samples.append(_timed(partial(service.sync, store)))
            finally:
                store.close()
    return samples


def measure(repeats: int) -> tuple[list[Measurement], int]:
    """The measurements and how many content files were involved."""
    cold = Measurement("sync: cold, fresh DB", _cold_sync(repeats))
    with tempfile.TemporaryDirectory(prefix="roadmap-bench-") as tmp:
        store = Store.open(AppPaths(Path(tmp)))
        try:
            outcome = service.sync(store)
            if outcome.bundle.errors:
                raise RuntimeError(f"the bundled content has errors: {outcome.bundle.errors[0]}")
            noop = [_timed(lambda: service.sync(store)) for _ in range(repeats)]
            if service.content_changed(store):
                raise RuntimeError("content_changed() is true right after a sync")
            files = [path for _, path in content_files(service.roots_for(store))]
            checks = 10 * repeats  # both are cheap; more samples steady the median
            changed = [_timed(lambda: service.content_changed(store)) for _ in range(checks)]
            stats = [_timed(lambda: [f.stat() for f in files]) for _ in range(checks)]
        finally:
            store.close()
    stat = Measurement(f"stat() x {len(files)} files", stats)
    return [
        cold,
        Measurement("sync: no-op re-sync", noop, cold.name, cold.median),
        stat,
        Measurement("content_changed()", changed, stat.name, stat.median),
    ], len(files)


def _bare_sync(db: Path, files: list[Path]) -> int:
    """The floor for a cold sync: parse the files (the app's parser), then insert the same rows
    with bare sqlite3 in one transaction. Returns the number of cards inserted."""
    cards = []
    for path in files:
        parsed = parse_deck(path.read_bytes(), str(path))
        if parsed.issues:
            raise RuntimeError(f"generated deck has issues: {parsed.issues[0]}")
        cards += parsed.cards
    now = datetime.now().isoformat(sep=" ")
    decks = {name: i for i, name in enumerate(dict.fromkeys(c.deck for c in cards), start=1)}
    conn = sqlite3.connect(db)
    try:
        with conn:
            conn.executemany(
                "INSERT INTO decks (id, name, created_at) VALUES (?, ?, ?)",
                [(i, name, now) for name, i in decks.items()],
            )
            conn.executemany(
                "INSERT INTO cards (id, key, deck_id, front, back, origin, source_file, "
                "source_line, content_hash, created_at, updated_at, ease, reps, interval, "
                "lapses, suspended, user_deck, user_tags) "
                "VALUES (?, ?, ?, ?, ?, 'user', ?, ?, '', ?, ?, 2.5, 0, 0, 0, 0, 0, 0)",
                [
                    (i, c.key, decks[c.deck], c.front, c.back, c.file, c.line, now, now)
                    for i, c in enumerate(cards, start=1)
                ],
            )
            conn.executemany(
                "INSERT INTO card_tags (card_id, tag) VALUES (?, ?)",
                [(i, tag) for i, c in enumerate(cards, start=1) for tag in sorted(set(c.tags))],
            )
    finally:
        conn.close()
    return len(cards)


def measure_generated(repeats: int) -> list[Measurement]:
    """Cold sync (a brand-new DB each time) and no-op re-sync of a generated 10k-card deck in
    the user content dir, interleaved with the bare baseline. Only the user root is synced:
    the bundled curriculum has its own rows."""
    label = f"sync {GENERATED_CARDS // 1000}k generated cards"
    bare: list[float] = []
    cold: list[float] = []
    noop: list[float] = []
    with tempfile.TemporaryDirectory(prefix="roadmap-bench-content-") as tmp:
        content = Path(tmp) / "content"
        files = generate.write_decks(content / "decks", GENERATED_CARDS, GENERATED_FILES)
        roots = [ContentRoot(content, bundled=False)]
        for _ in range(max(3, repeats)):
            with tempfile.TemporaryDirectory(prefix="roadmap-bench-") as data:
                Store.open(AppPaths(Path(data))).close()  # migrated, not timed
                start = time.perf_counter()
                inserted = _bare_sync(Path(data) / "roadmap.sqlite3", files)
                bare.append(time.perf_counter() - start)
            if inserted != GENERATED_CARDS:
                raise RuntimeError(f"the bare baseline inserted {inserted} cards")
            with tempfile.TemporaryDirectory(prefix="roadmap-bench-") as data:
                store = Store.open(AppPaths(Path(data)))
                try:
                    start = time.perf_counter()
                    outcome = service.sync(store, roots)
                    cold.append(time.perf_counter() - start)
                    if outcome.bundle.errors or len(outcome.bundle.cards) != GENERATED_CARDS:
                        raise RuntimeError(f"generated deck did not load: {outcome.bundle.errors}")
                    noop.append(_timed(partial(service.sync, store, roots)))
                finally:
                    store.close()
    baseline = Measurement(f"{label}: bare parse + sqlite3 insert ({len(files)} files)", bare)
    cold_m = Measurement(f"{label}: cold, fresh DB", cold, baseline.name, baseline.median)
    return [
        baseline,
        cold_m,
        Measurement(f"{label}: no-op re-sync", noop, cold_m.name, cold_m.median),
    ]

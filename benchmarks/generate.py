"""A seeded generator of study data: the same N cards in the same states on every run."""

from __future__ import annotations

import atexit
import random
import sqlite3
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from roadmap_desktop.core.clock import FixedClock
from roadmap_desktop.core.paths import AppPaths
from roadmap_desktop.core.store.database import Store
from roadmap_desktop.core.store.models import Card, Deck

TODAY = date(2026, 3, 10)


def clock() -> FixedClock:

    return FixedClock(datetime(2026, 3, 10, 12, 0, tzinfo=UTC))


def build(folder: Path, cards: int, seed: int = 7) -> Store:
    """A store with ``cards`` cards over 5 x 10 decks: ~30% new, ~60% in review with due
    dates spread around today (a third overdue or due), ~10% suspended."""
    rng = random.Random(seed)
    store = Store.open(AppPaths(folder), clock=clock())
    now = datetime(2026, 3, 10, 12, 0)
    with store.session() as session:
        names = [f"Area {a}::Topic {t}" for a in range(5) for t in range(10)]
        session.execute(insert(Deck), [{"name": n, "created_at": now} for n in names])
        deck_ids = list(range(1, len(names) + 1))
        rows = []
        for i in range(cards):
            roll = rng.random()
            new = roll < 0.3
            interval = 0 if new else rng.choice([1, 6, 15, 38, 95, 240])
            rows.append(
                {
                    "key": f"gen-{i}",
                    "deck_id": rng.choice(deck_ids),
                    "front": f"Generated question {i}?",
                    "back": f"Answer {i}.",
                    "origin": "bundled",
                    "content_hash": "x",
                    "created_at": now,
                    "updated_at": now,
                    "ease": 2.5 if new else round(rng.uniform(1.3, 3.0), 2),
                    "reps": 0 if new else rng.randint(1, 8),
                    "interval": interval,
                    "lapses": 0 if new else rng.choice([0, 0, 0, 1, 2, 5]),
                    "due": None if new else TODAY + timedelta(days=rng.randint(-20, 40)),
                    "suspended": roll > 0.9,
                    "user_deck": False,
                    "user_tags": False,
                }
            )
            if len(rows) == 5000:
                session.execute(insert(Card), rows)
                rows = []
        if rows:
            session.execute(insert(Card), rows)
    with store.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
    return store


def add_review_log(db: Path, rows: int, cards: int, seed: int = 11, days: int = 365) -> None:
    """``rows`` review-log rows over the ``days`` study days up to TODAY, on random cards of
    the ``cards`` generated ones: ~85% reviews (5% of them first answers), ~15% drills,
    intervals young and mature, a fifth of the grades failing. Inserted with executemany on
    bare sqlite3: building a million ORM rows would take minutes."""
    rng = random.Random(seed)
    intervals = (0, 1, 1, 3, 6, 15, 21, 38, 95, 240)
    conn = sqlite3.connect(db)
    try:
        batch: list[tuple[object, ...]] = []
        for _ in range(rows):
            day = TODAY - timedelta(days=min(days - 1, int(rng.expovariate(1 / 120))))
            drill = rng.random() < 0.15
            new = not drill and rng.random() < 0.05
            interval = 0 if new else rng.choice(intervals)
            grade = rng.choice((1, 2, 3, 3, 4, 4, 4, 5, 5, 5))
            stamp = f"{day.isoformat()} {rng.randint(6, 22):02d}:{rng.randint(0, 59):02d}:00"
            batch.append(
                (
                    rng.randint(1, cards),
                    stamp,
                    day.isoformat(),
                    grade,
                    "drill" if drill else "review",
                    interval,
                    max(1, interval * 2),
                    rng.randint(800, 30_000),
                    int(new),
                )
            )
            if len(batch) == 50_000:
                _insert_logs(conn, batch)
                batch = []
        if batch:
            _insert_logs(conn, batch)
        conn.commit()
        conn.execute("ANALYZE")
    finally:
        conn.close()


def _insert_logs(conn: sqlite3.Connection, batch: list[tuple[object, ...]]) -> None:
    conn.executemany(
        "INSERT INTO review_log (card_id, reviewed_at, study_day, grade, kind, ease_before, "
        "ease_after, interval_before, interval_after, reps_after, answer_ms, was_new, "
        "reps_before, lapses_before) VALUES (?, ?, ?, ?, ?, 2.5, 2.5, ?, ?, 3, ?, ?, 2, 0)",
        batch,
    )


_SHARED: dict[int, tempfile.TemporaryDirectory[str]] = {}


def shared_data_dir(cards: int) -> Path:
    """A data dir holding a generated ``cards``-card database, built once per run (the start-up
    and memory groups share it) and removed when the run ends."""
    if cards not in _SHARED:
        folder = tempfile.TemporaryDirectory(prefix=f"roadmap-bench-{cards // 1000}k-")
        build(Path(folder.name), cards).close()
        _SHARED[cards] = folder
        atexit.register(folder.cleanup)
    return Path(_SHARED[cards].name)


def write_decks(folder: Path, cards: int, files: int = 50, seed: int = 13) -> list[Path]:
    """``cards`` cards as ``files`` Markdown deck files (docs/content-format.md) in ``folder``:
    the same text on every run, a few tags per file and per card, a code block in one card in
    ten, so the parser sees what real decks hold."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    per_file = -(-cards // files)
    paths = []
    for f in range(files):
        first, last = f * per_file, min(cards, (f + 1) * per_file)
        if first >= last:
            break
        parts = [f'+++\ndeck = "Generated::Area {f // 10}::Topic {f % 10}"\n']
        parts.append(f'tags = ["gen-area-{f // 10}"]\n+++\n\n# Generated deck {f}\n')
        for i in range(first, last):
            tags = ", ".join(f"gen-tag-{rng.randrange(40)}" for _ in range(rng.randint(0, 3)))
            parts.append(f"\n## gen-card-{i}\n")
            if tags:
                parts.append(f"tags: {tags}\n")
            parts.append(
                f"\nGenerated question {i}: what does **item {rng.randrange(10**6)}** do?\n"
            )
            parts.append("\n---\n\n")
            if i % 10 == 0:
                parts.append(f"```js\nconst answer{i} = await load({i});\n```\n\n")
            parts.append(f"Answer {i}: it returns `{rng.randrange(10**6)}` after one step.\n")
        path = folder / f"generated-{f:03d}.md"
        path.write_text("".join(parts), encoding="utf-8")
        paths.append(path)
    return paths

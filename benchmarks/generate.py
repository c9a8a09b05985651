"""A seeded generator of study data: the same N cards in the same states on every run."""

from __future__ import annotations

import random
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

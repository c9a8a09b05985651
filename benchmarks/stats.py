"""Statistics at 100,000 cards and 1,000,000 review-log rows, each aggregate against bare
sqlite3 running the same aggregate SQL in the same run, and ``collect()`` (everything the
Stats view and ``stats --json`` show) against all the bare queries one after another.
"""

from __future__ import annotations

import sqlite3
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from benchmarks import generate
from benchmarks.report import Measurement, time_calls
from roadmap_desktop.core.stats import StatsFilter, card_counts, collect
from roadmap_desktop.core.stats import reviews as review_stats
from roadmap_desktop.core.store.database import Store

CARDS = 100_000
LOG_ROWS = 1_000_000
DECK = "Area 0"  # 10 of the 50 generated decks: a fifth of the cards
TODAY = generate.TODAY
SERIES = StatsFilter().period(TODAY)
YEAR = StatsFilter().heatmap_period(TODAY)
IN_PERIOD = "study_day >= ? AND study_day <= ?"
SCHEDULABLE = "retired_at IS NULL AND suspended = 0"


def _bare_queries(
    bare: sqlite3.Connection, deck_ids: list[int] | None
) -> dict[str, Callable[[], object]]:
    """The aggregate SQL each stats function sends, written by hand for sqlite3."""
    day, year = (
        (SERIES.start.isoformat(), SERIES.end.isoformat()),
        (
            YEAR.start.isoformat(),
            YEAR.end.isoformat(),
        ),
    )
    logs_deck = cards_deck = ""
    if deck_ids is not None:
        ids = ",".join(str(i) for i in deck_ids)
        logs_deck = f" AND card_id IN (SELECT id FROM cards WHERE deck_id IN ({ids}))"
        cards_deck = f" AND deck_id IN ({ids})"
    today = TODAY.isoformat()
    last = (TODAY + timedelta(days=29)).isoformat()

    def run(sql: str, *args: object) -> Callable[[], object]:
        return lambda: bare.execute(sql, args).fetchall()

    return {
        "heatmap (12 months)": run(
            f"SELECT study_day, count(*) FROM review_log WHERE {IN_PERIOD}{logs_deck} "
            "GROUP BY study_day",
            *year,
        ),
        "reviews per day (30 days)": run(
            "SELECT study_day, sum(CASE WHEN kind = 'review' AND was_new = 1 THEN 1 ELSE 0 END), "
            "sum(CASE WHEN kind = 'review' AND was_new = 0 THEN 1 ELSE 0 END), "
            "sum(CASE WHEN kind = 'drill' THEN 1 ELSE 0 END) "
            f"FROM review_log WHERE {IN_PERIOD}{logs_deck} GROUP BY study_day",
            *day,
        ),
        "answer time per day (30 days)": run(
            "SELECT study_day, count(*), sum(answer_ms) FROM review_log "
            f"WHERE {IN_PERIOD}{logs_deck} GROUP BY study_day",
            *day,
        ),
        "retention (30 days)": run(
            "SELECT interval_before >= 21, sum(CASE WHEN grade >= 3 THEN 1 ELSE 0 END), count(*) "
            f"FROM review_log WHERE kind = 'review' AND was_new = 0 AND {IN_PERIOD}{logs_deck} "
            "GROUP BY interval_before >= 21",
            *day,
        ),
        "due forecast (30 days)": run(
            "SELECT CASE WHEN d < ? THEN ? ELSE d END AS day, count(*) FROM (SELECT CASE WHEN "
            "buried_until > due THEN buried_until ELSE due END AS d FROM cards WHERE "
            "suspended = 0 AND due IS NOT NULL AND due <= ? AND retired_at IS NULL"
            f"{cards_deck}) GROUP BY day",
            today,
            today,
            last,
        ),
        "ease distribution": run(
            "SELECT ease, count(*) FROM cards WHERE due IS NOT NULL AND retired_at IS NULL"
            f"{cards_deck} GROUP BY ease"
        ),
        "hardest cards (top 20)": run(
            "SELECT cards.id, key, decks.name, coalesce(user_front, front), lapses, ease "
            "FROM cards JOIN decks ON decks.id = cards.deck_id WHERE lapses > 0 AND "
            f"retired_at IS NULL{cards_deck} ORDER BY lapses DESC, ease, cards.id LIMIT 20"
        ),
        "cards by state": lambda: (
            bare.execute(
                "SELECT count(id), "
                f"sum(CASE WHEN {SCHEDULABLE} AND due IS NULL THEN 1 ELSE 0 END), "
                f"sum(CASE WHEN {SCHEDULABLE} AND due IS NOT NULL AND interval < 21 THEN 1 "
                "ELSE 0 END), "
                f"sum(CASE WHEN {SCHEDULABLE} AND due IS NOT NULL AND interval >= 21 THEN 1 "
                "ELSE 0 END), "
                "sum(CASE WHEN retired_at IS NULL AND suspended = 1 THEN 1 ELSE 0 END), "
                "sum(CASE WHEN retired_at IS NOT NULL THEN 1 ELSE 0 END), "
                f"sum(CASE WHEN {SCHEDULABLE} AND due <= ? AND (buried_until IS NULL OR "
                f"buried_until <= ?) THEN 1 ELSE 0 END) FROM cards WHERE 1{cards_deck}",
                (today, today),
            ).fetchall(),
            bare.execute(
                f"SELECT count(DISTINCT deck_id) FROM cards WHERE retired_at IS NULL{cards_deck}"
            ).fetchall(),
        ),
    }


def _ours(store: Store, deck_ids: list[int] | None) -> dict[str, Callable[[], object]]:
    def run(fn: Callable[..., object], *args: object) -> Callable[[], object]:
        def call() -> object:
            with store.session() as session:
                return fn(session, *args)

        return call

    return {
        "heatmap (12 months)": run(review_stats.heatmap, YEAR, deck_ids),
        "reviews per day (30 days)": run(review_stats.reviews_per_day, SERIES, deck_ids),
        "answer time per day (30 days)": run(review_stats.answer_time_per_day, SERIES, deck_ids),
        "retention (30 days)": run(review_stats.retention, SERIES, deck_ids),
        "due forecast (30 days)": run(review_stats.due_forecast, TODAY, deck_ids),
        "ease distribution": run(review_stats.ease_distribution, deck_ids),
        "hardest cards (top 20)": run(review_stats.hardest_cards, deck_ids),
        "cards by state": run(card_counts, TODAY, deck_ids),
    }


def measure(runs: int) -> list[Measurement]:
    results: list[Measurement] = []
    with tempfile.TemporaryDirectory(prefix="roadmap-stats-") as folder:
        started = time.perf_counter()
        store = generate.build(Path(folder), CARDS)
        generate.add_review_log(Path(folder) / "roadmap.sqlite3", LOG_ROWS, CARDS)
        print(
            f"  generated {CARDS:,} cards, {LOG_ROWS:,} log rows in "
            f"{time.perf_counter() - started:.1f} s"
        )
        bare = sqlite3.connect(Path(folder) / "roadmap.sqlite3")
        with store.session() as session:
            deck_ids = StatsFilter(DECK).deck_ids(session)
        repeats = max(5, runs)
        for label, ids in (("all decks", None), (f"deck '{DECK}'", deck_ids)):
            theirs, ours = _bare_queries(bare, ids), _ours(store, ids)
            for name in theirs:
                theirs[name]()
                ours[name]()  # warm caches for both
                baseline = Measurement(
                    f"stats 1M, {label}: bare sqlite3 {name}", time_calls(theirs[name], repeats)
                )
                results.append(baseline)
                results.append(
                    Measurement(
                        f"stats 1M, {label}: {name}",
                        time_calls(ours[name], repeats),
                        baseline.name,
                        baseline.median,
                    )
                )

            chosen = StatsFilter(None if ids is None else DECK)

            def everything(chosen: StatsFilter = chosen) -> object:
                with store.session() as session:
                    return collect(session, TODAY, chosen, {}).as_dict()

            def all_bare(queries: dict[str, Callable[[], object]] = theirs) -> object:
                return [query() for query in queries.values()]

            everything()
            baseline = Measurement(
                f"stats 1M, {label}: bare sqlite3 every aggregate", time_calls(all_bare, repeats)
            )
            results.append(baseline)
            results.append(
                Measurement(
                    f"stats 1M, {label}: collect() + as_dict()",
                    time_calls(everything, repeats),
                    baseline.name,
                    baseline.median,
                )
            )
        bare.close()
        store.close()
    return results

"""Review speed at 1k, 10k and 100k cards, each against bare sqlite3 doing the same work in the
same run: the study-queue counts, choosing the next card, and answer + next card (committed).

Where the ``anki`` package is installed (the dev extra), the same cards go into an Anki
collection (``benchmarks/review_anki.py``) and two rows compare us with Anki's own collection
API: the queue build (our counts + next card in one session against ``get_queued_cards``) and
answer + next card. Target: at or below Anki (ratio <= 1.0).
"""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

from benchmarks import generate, review_anki
from benchmarks.report import Measurement, time_calls
from roadmap_desktop.core.srs import queue
from roadmap_desktop.core.srs.session import ReviewSession
from roadmap_desktop.core.srs.settings import StudySettings, save_settings

SIZES = (1_000, 10_000, 100_000)
DAY = generate.TODAY.isoformat()
ANKI_TARGET = 1.0  # at or below Anki per queue build and per answer
AVAILABLE = "retired_at IS NULL AND suspended = 0 AND (buried_until IS NULL OR buried_until <= ?)"


def measure(runs: int, sizes: tuple[int, ...] = SIZES) -> list[Measurement]:
    results: list[Measurement] = []
    with_anki = review_anki.available()
    if not with_anki:
        print("  the anki package is not installed: no side-by-side rows (pip install -e .[dev])")
    for size in sizes:
        results += _measure_size(size, runs, with_anki)
    return results


def _measure_size(size: int, runs: int, with_anki: bool) -> list[Measurement]:
    results: list[Measurement] = []
    with tempfile.TemporaryDirectory(prefix="roadmap-review-") as folder:
        store = generate.build(Path(folder), size)
        # The same daily limits as the Anki collection (Anki accepts at most 9,999).
        settings = StudySettings(new_per_day=review_anki.LIMIT, reviews_per_day=review_anki.LIMIT)
        with store.session() as session:
            save_settings(session, settings)
        bare = sqlite3.connect(Path(folder) / "roadmap.sqlite3")
        repeats = max(20, runs * 5)
        anki = None
        if with_anki:  # built from the same file before we answer anything
            (Path(folder) / "anki").mkdir()
            anki = review_anki.AnkiSide(Path(folder) / "roadmap.sqlite3", Path(folder) / "anki")
            print(f"  anki collection of {size:,} cards built in {anki.build_seconds:.1f} s")

        def counts() -> object:
            with store.session() as session:
                return queue.counts(session, generate.TODAY, settings)

        def bare_counts() -> object:
            return [
                bare.execute(
                    f"SELECT count(id) FROM cards WHERE {AVAILABLE} AND {cond}", (DAY, *args)
                ).fetchone()
                for cond, args in (
                    ("due IS NOT NULL AND due <= ?", (DAY,)),
                    ("due IS NULL", ()),
                    ("drill_day = ?", (DAY,)),
                )
            ]

        def next_card() -> object:
            with store.session() as session:
                return queue.next_card(session, generate.TODAY, settings)

        def queue_build() -> object:
            with store.session() as session:
                return (
                    queue.counts(session, generate.TODAY, settings),
                    queue.next_card(session, generate.TODAY, settings),
                )

        def bare_next() -> object:
            return bare.execute(
                f"SELECT id FROM cards WHERE {AVAILABLE} AND due IS NOT NULL AND due <= ? "
                "ORDER BY due, id LIMIT 1",
                (DAY, DAY),
            ).fetchone()

        prefix = f"review {size // 1000}k"
        if anki is not None:  # before our answers change the cards
            queue_build()
            theirs_build = Measurement(
                f"{prefix}: anki queue build (get_queued_cards)", anki.queue_build(repeats)
            )
            results.append(theirs_build)
            results.append(
                Measurement(
                    f"{prefix}: queue build (counts + next card) / anki",
                    time_calls(queue_build, repeats),
                    theirs_build.name,
                    theirs_build.median,
                    ANKI_TARGET,
                )
            )

        review = ReviewSession(store)
        review.next()

        def answer_next() -> object:
            review.answer(4, 3000)
            return review.next()

        def bare_answer() -> object:
            row = bare.execute(
                f"SELECT id, ease, interval, reps FROM cards WHERE {AVAILABLE} AND due IS NOT "
                "NULL AND due <= ? ORDER BY due, id LIMIT 1",
                (DAY, DAY),
            ).fetchone()
            card_id, ease, interval, reps = row
            bare.execute(
                "UPDATE cards SET reps = ?, interval = ?, due = date(?, '+6 days'), "
                "last_answered_at = ? WHERE id = ?",
                (reps + 1, max(1, interval) * 2, DAY, DAY, card_id),
            )
            bare.execute(
                "INSERT INTO review_log (card_id, reviewed_at, study_day, grade, kind, "
                "ease_before, ease_after, interval_before, interval_after, reps_after, "
                "answer_ms, was_new, reps_before, lapses_before) "
                "VALUES (?, ?, ?, 4, 'review', ?, ?, ?, ?, ?, 3000, 0, ?, 0)",
                (card_id, DAY, DAY, ease, ease, interval, interval * 2, reps + 1, reps),
            )
            bare.commit()
            return row

        for label, ours, theirs in (
            ("queue counts", counts, bare_counts),
            ("next card", next_card, bare_next),
            ("answer + next card", answer_next, bare_answer),
        ):
            theirs()
            ours()  # warm caches for both
            baseline = Measurement(
                f"review {size // 1000}k: bare sqlite3 {label}", time_calls(theirs, repeats)
            )
            results.append(baseline)
            results.append(
                Measurement(
                    f"review {size // 1000}k: {label}",
                    time_calls(ours, repeats),
                    baseline.name,
                    baseline.median,
                )
            )

        if anki is not None:
            # Interleaved in blocks so drift hits both; each side answers its own next card.
            theirs_answer = anki.answer_next()
            ours_samples: list[float] = []
            anki_samples: list[float] = []
            theirs_answer()
            answer_next()
            for _ in range(max(4, repeats // 5)):
                anki_samples += time_calls(theirs_answer, 5)
                ours_samples += time_calls(answer_next, 5)
            anki_answer = Measurement(f"{prefix}: anki answer + next card", anki_samples)
            results.append(anki_answer)
            results.append(
                Measurement(
                    f"{prefix}: answer + next card / anki",
                    ours_samples,
                    anki_answer.name,
                    anki_answer.median,
                    ANKI_TARGET,
                )
            )
            anki.close()

        def deck_tree() -> object:
            with store.session() as session:
                return queue.deck_counts(session, generate.TODAY, settings)

        results.append(
            Measurement(
                f"review {size // 1000}k: deck tree counts", time_calls(deck_tree, max(5, runs))
            )
        )
        bare.close()
        store.close()
    return results

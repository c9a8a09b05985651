"""The same review workload through Anki's own collection API (the ``anki`` package, in the
dev extra), for the side-by-side rows of ``benchmarks/review.py``.

The collection mirrors our generated database card for card: it is read from the very SQLite
file ``generate.build`` wrote (deck, new or review, interval, ease, reps, lapses, due relative
to the generator's TODAY, suspended) and written into a fresh ``anki.collection.Collection``:
notes of the stock "Basic" type added in bulk with ``col.add_notes`` (``AddNoteRequest``), then
the scheduling columns set with one ``executemany`` on Anki's cards table. Both sides use the
same daily limits (9,999 new and 9,999 reviews: Anki refuses more than 9,999).

- **queue build**: ``col.sched.get_queued_cards()`` (the counts and the next card, which is
  what Anki's reviewer asks for) with the card loaded as ``sched.getCard`` does. Anki caches
  the queue, so before each timed call the current deck is switched away and back (untimed),
  which makes the backend rebuild it.
- **answer + next card**: ``sched.build_answer(..., rating=GOOD)`` + ``sched.answer_card``,
  then ``get_queued_cards()`` and the next card loaded: the v3 scheduler's path per answer.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from benchmarks import generate

LIMIT = 9_999  # Anki's highest accepted per-day limit; used on both sides


def available() -> bool:
    try:
        import anki.collection  # noqa: F401
    except ImportError:
        return False
    return True


class AnkiSide:
    """A collection mirroring the generated database at ``db``, built in ``folder``."""

    def __init__(self, db: Path, folder: Path) -> None:
        from anki.collection import AddNoteRequest, Collection

        start = time.perf_counter()
        # Any: the typed API has Optional everywhere (a closed collection, a missing deck).
        self.col: Any = Collection(str(folder / "collection.anki2"))
        col: Any = self.col
        conn = sqlite3.connect(db)
        try:
            decks = dict(conn.execute("SELECT id, name FROM decks").fetchall())
            rows = conn.execute(
                "SELECT deck_id, due, interval, ease, reps, lapses, suspended FROM cards "
                "ORDER BY id"
            ).fetchall()
        finally:
            conn.close()
        anki_decks = {i: col.decks.id(f"Bench::{name}") for i, name in decks.items()}
        basic = col.models.by_name("Basic")
        assert basic is not None
        requests = []
        for i, (deck_id, *_state) in enumerate(rows):
            note = col.new_note(basic)
            note["Front"] = f"Generated question {i}?"
            note["Back"] = f"Answer {i}."
            requests.append(AddNoteRequest(note, anki_decks[deck_id]))
        for first in range(0, len(requests), 5_000):
            col.add_notes(requests[first : first + 5_000])
        today = col.sched.today
        updates = []
        card_ids = col.db.list("SELECT id FROM cards ORDER BY nid")
        for card_id, (_deck, due, interval, ease, reps, lapses, suspended) in zip(
            card_ids, rows, strict=True
        ):
            if due is None:  # new: keep Anki's own new position
                if suspended:
                    col.db.execute("UPDATE cards SET queue = -1 WHERE id = ?", card_id)
                continue
            offset = (date.fromisoformat(due) - generate.TODAY).days
            queue = -1 if suspended else 2
            updates.append(
                (interval, today + offset, int(ease * 1000), reps, lapses, queue, card_id)
            )
        col.db.executemany(
            "UPDATE cards SET type = 2, ivl = ?, due = ?, factor = ?, reps = ?, lapses = ?, "
            "queue = ? WHERE id = ?",
            updates,
        )
        config = col.decks.config_dict_for_deck_id(anki_decks[1])
        config["new"]["perDay"] = LIMIT
        config["rev"]["perDay"] = LIMIT
        col.decks.update_config(config)
        self._root = col.decks.id("Bench")
        self._other = anki_decks[1]
        assert self._root is not None and self._other is not None
        col.decks.select(self._root)
        self.build_seconds = time.perf_counter() - start
        self.card: Any = None
        self.states: Any = None

    def _next(self) -> object:
        from anki.cards import Card

        queued = self.col.sched.get_queued_cards()
        top = queued.cards[0]
        card = Card(self.col)
        card._load_from_backend_card(top.card)
        card.start_timer()
        self.card, self.states = card, top.states
        return (queued.new_count, queued.learning_count, queued.review_count)

    def queue_build(self, repeats: int) -> list[float]:
        samples = []
        for _ in range(repeats):
            self.col.decks.select(self._other)  # untimed: makes the backend drop its queue
            self.col.decks.select(self._root)
            start = time.perf_counter()
            self._next()
            samples.append(time.perf_counter() - start)
        return samples

    def answer_next(self) -> Callable[[], object]:
        from anki.scheduler.v3 import CardAnswer

        sched = self.col.sched
        assert hasattr(sched, "build_answer")
        self._next()

        def answer() -> object:
            sched.answer_card(
                sched.build_answer(card=self.card, states=self.states, rating=CardAnswer.GOOD)
            )
            return self._next()

        return answer

    def close(self) -> None:
        self.col.close()

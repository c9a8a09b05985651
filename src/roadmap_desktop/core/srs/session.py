"""The review session: a UI-agnostic controller (after Mnemosyne) that the Review view drives.

Every answer is committed in its own short transaction before the next card is chosen, so a
crash loses at most the answer being given. Undo restores the card exactly from the values
saved on its review-log row, then deletes that row.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from roadmap_desktop.core.clock import study_day, utc_now
from roadmap_desktop.core.srs import cards, queue, sm2
from roadmap_desktop.core.srs.cards import CardView
from roadmap_desktop.core.srs.settings import StudySettings, load_settings
from roadmap_desktop.core.store.database import Store
from roadmap_desktop.core.store.models import ReviewLog

MAX_ANSWER_MS = 60_000  # a card left open over lunch must not distort answer-time stats


@dataclass(frozen=True)
class Shown:
    card: CardView
    kind: queue.Kind
    intervals: dict[int, int]  # grade -> days, for the buttons (drill answers change nothing)


@dataclass
class Summary:
    answers: int = 0
    cards: set[int] = field(default_factory=set)
    grades: Counter[int] = field(default_factory=Counter)
    drilled: int = 0
    time_ms: int = 0


class ReviewSession:
    def __init__(self, store: Store, deck: str | None = None) -> None:
        self.store = store
        self.deck = deck
        self.current: Shown | None = None
        self.summary = Summary()
        self._undo: list[tuple[int, Shown]] = []  # (review-log id, what was shown)
        self._last_answered: int | None = None
        with store.session() as session:
            self.settings: StudySettings = load_settings(session)
        self._cache = queue.DayCache(self.today())

    def today(self) -> date:
        return study_day(self.store.clock.now(), self.settings.day_start_hour)

    def _day_cache(self, today: date) -> queue.DayCache:
        if self._cache.day != today:  # past the day boundary: read everything afresh
            self._cache = queue.DayCache(today)
        return self._cache

    def next(self) -> Shown | None:
        """Choose and load the next card (None when nothing is left today)."""
        today = self.today()
        with self.store.session() as session:
            found = queue.next_card(
                session,
                today,
                self.settings,
                self.deck,
                after=self._last_answered,
                cache=self._day_cache(today),
            )
            if found is None:
                self.current = None
                return None
            card_id, kind = found
            shown = cards.view(cards.get(session, card_id, with_deck_and_tags=True))
        intervals = {} if kind == "drill" else sm2.preview(shown.state)
        self.current = Shown(shown, kind, intervals)
        return self.current

    def counts(self) -> queue.QueueCounts:
        with self.store.session() as session:
            today = self.today()
            return queue.counts(session, today, self.settings, self.deck, self._day_cache(today))

    def next_due_day(self) -> date | None:
        with self.store.session() as session:
            return queue.next_due_day(session, self.today(), self.deck)

    def answer(self, grade: int, answer_ms: int) -> None:
        """Grade the current card and commit; call next() for the following card."""
        sm2.check_grade(grade)
        shown = self._require_current()
        today, now = self.today(), utc_now(self.store.clock)
        answer_ms = max(0, min(int(answer_ms), MAX_ANSWER_MS))
        with self.store.session() as session:
            card = cards.get(session, shown.card.id)
            log = ReviewLog(
                card_id=card.id,
                reviewed_at=now,
                study_day=today,
                grade=grade,
                kind="drill" if shown.kind == "drill" else "review",
                ease_before=card.ease,
                interval_before=card.interval,
                reps_before=card.reps,
                lapses_before=card.lapses,
                due_before=card.due,
                drill_day_before=card.drill_day,
                last_answered_before=card.last_answered_at,
                was_new=shown.kind != "drill" and card.due is None,
                answer_ms=answer_ms,
            )
            if shown.kind != "drill":
                state = sm2.review(
                    sm2.Sm2State(card.ease, card.reps, card.interval, card.lapses), grade
                )
                card.ease, card.reps = state.ease, state.reps
                card.interval, card.lapses = state.interval, state.lapses
                card.due = sm2.due_date(today, state.interval)
            card.drill_day = today if sm2.needs_drill(grade) else None
            card.last_answered_at = now
            log.ease_after, log.interval_after, log.reps_after = card.ease, card.interval, card.reps
            session.add(log)
            session.flush()
            log_id = log.id
        self._day_cache(today).answered(log.was_new, log.kind)
        self._undo.append((log_id, shown))
        self._last_answered = shown.card.id
        self.summary.answers += 1
        self.summary.cards.add(shown.card.id)
        self.summary.grades[grade] += 1
        self.summary.drilled += shown.kind == "drill"
        self.summary.time_ms += answer_ms
        self.current = None

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo(self) -> Shown | None:
        """Take back the last answer completely (card state and log); show that card again."""
        if not self._undo:
            return None
        log_id, shown = self._undo.pop()
        with self.store.session() as session:
            log = session.get(ReviewLog, log_id)
            if log is None:  # already gone (another window): nothing to restore
                return self.next()
            card = cards.get(session, log.card_id)
            card.ease, card.interval = log.ease_before, log.interval_before
            card.reps, card.lapses = log.reps_before, log.lapses_before
            card.due, card.drill_day = log.due_before, log.drill_day_before
            card.last_answered_at = log.last_answered_before
            self.summary.answers -= 1
            self.summary.grades[log.grade] -= 1
            self.summary.drilled -= log.kind == "drill"
            self.summary.time_ms -= log.answer_ms
            session.delete(log)
            fresh = cards.view(card)
            if log.study_day == self._cache.day:
                self._cache.answered(log.was_new, log.kind, -1)
        if all(s.card.id != shown.card.id for _, s in self._undo):
            self.summary.cards.discard(shown.card.id)
        self._last_answered = self._undo[-1][1].card.id if self._undo else None
        intervals = {} if shown.kind == "drill" else sm2.preview(fresh.state)
        self.current = Shown(fresh, shown.kind, intervals)
        return self.current

    def suspend_current(self) -> None:
        shown = self._require_current()
        with self.store.session() as session:
            cards.set_suspended(session, [shown.card.id], True)
        self.current = None

    def bury_current(self) -> None:
        shown = self._require_current()
        with self.store.session() as session:
            cards.bury(session, [shown.card.id], self.today())
        self.current = None

    def reload_current(self) -> Shown | None:
        """Re-read the current card (after an edit) without moving on."""
        if self.current is None:
            return None
        with self.store.session() as session:
            fresh = cards.view(cards.get(session, self.current.card.id))
        self.current = Shown(fresh, self.current.kind, self.current.intervals)
        return self.current

    def _require_current(self) -> Shown:
        if self.current is None:
            raise RuntimeError("no card is being shown")
        return self.current

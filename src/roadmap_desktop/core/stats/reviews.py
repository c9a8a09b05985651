"""Review statistics, each one GROUP BY query over the review log or the cards.

Only aggregated rows (one per day, per ease step, or the top N cards) ever reach Python, so
the cost is the database's scan, not ours: see benchmarks/stats.py at 100,000 cards and
1,000,000 log rows. Every function takes ``deck_ids`` (a deck and its subdecks, from
``StatsFilter.deck_ids``; None = every deck).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, TypeVarTuple

from sqlalchemy import ColumnElement, Select, case, func, select
from sqlalchemy.orm import Session

from roadmap_desktop.core.srs.sm2 import MIN_EASE, PASSING_GRADE
from roadmap_desktop.core.stats.cards import MATURE_DAYS
from roadmap_desktop.core.stats.common import Period, Plain, as_date
from roadmap_desktop.core.store.models import Card, Deck, ReviewLog

FORECAST_DAYS = 30
EASE_STEP = 0.1
HARDEST_LIMIT = 20

DayCount = tuple[date, int]
Columns = TypeVarTuple("Columns")


@dataclass(frozen=True)
class DayReviews(Plain):
    """Answers on one study day: first answers to new cards, reviews, same-day drills."""

    day: date
    learned: int
    review: int
    drill: int

    @property
    def total(self) -> int:
        return self.learned + self.review + self.drill


@dataclass(frozen=True)
class DayTime(Plain):
    """Time spent answering on one study day (each answer is capped at a minute when logged)."""

    day: date
    answers: int
    total_seconds: float
    average_seconds: float | None


@dataclass(frozen=True)
class RetentionGroup(Plain):
    passed: int  # answers graded >= 3
    total: int
    rate: float | None  # passed / total; None without answers


@dataclass(frozen=True)
class Retention(Plain):
    """Share of passing grades among scheduled reviews of learned cards (not first answers,
    not drills), split by the interval the card had: young < 21 days <= mature."""

    young: RetentionGroup
    mature: RetentionGroup


@dataclass(frozen=True)
class EaseBucket(Plain):
    low: float  # the bucket holds low <= ease < low + step
    count: int


@dataclass(frozen=True)
class HardCard(Plain):
    """A card with the most lapses; ``id`` is what Browse opens."""

    id: int
    key: str
    deck: str
    front: str  # the first line of the shown front
    lapses: int
    ease: float


def _logs_in(
    query: Select[*Columns], period: Period, deck_ids: list[int] | None
) -> Select[*Columns]:
    query = query.where(ReviewLog.study_day >= period.start, ReviewLog.study_day <= period.end)
    if deck_ids is not None:
        # A subquery rather than a join: the planner can start from the deck's few cards.
        query = query.where(
            ReviewLog.card_id.in_(select(Card.id).where(Card.deck_id.in_(deck_ids)))
        )
    return query


def _cards_in(query: Select[*Columns], deck_ids: list[int] | None) -> Select[*Columns]:
    query = query.where(Card.retired_at.is_(None))
    return query if deck_ids is None else query.where(Card.deck_id.in_(deck_ids))


def _sum_if(condition: ColumnElement[bool]) -> Any:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _dense(period: Period, counts: dict[date, int]) -> tuple[DayCount, ...]:
    return tuple((day, counts.get(day, 0)) for day in period.each_day())


def heatmap(
    session: Session, period: Period, deck_ids: list[int] | None = None
) -> tuple[DayCount, ...]:
    """(study day, answers) for every day of the period, zeros included, drills included:
    the calendar heatmap counts every answer given that day."""
    rows = session.execute(
        _logs_in(
            select(ReviewLog.study_day, func.count()).group_by(ReviewLog.study_day),
            period,
            deck_ids,
        )
    )
    return _dense(period, {as_date(day): int(n) for day, n in rows})


def reviews_per_day(
    session: Session, period: Period, deck_ids: list[int] | None = None
) -> tuple[DayReviews, ...]:
    """Answers per study day split by kind, for every day of the period."""
    is_review = ReviewLog.kind == "review"
    rows = session.execute(
        _logs_in(
            select(
                ReviewLog.study_day,
                _sum_if(is_review & ReviewLog.was_new.is_(True)),
                _sum_if(is_review & ReviewLog.was_new.is_(False)),
                _sum_if(ReviewLog.kind == "drill"),
            ).group_by(ReviewLog.study_day),
            period,
            deck_ids,
        )
    )
    found = {as_date(day): (int(a), int(b), int(c)) for day, a, b, c in rows}
    return tuple(DayReviews(day, *found.get(day, (0, 0, 0))) for day in period.each_day())


def answer_time_per_day(
    session: Session, period: Period, deck_ids: list[int] | None = None
) -> tuple[DayTime, ...]:
    """Total and mean answer time per study day (a median needs every row, so not here)."""
    rows = session.execute(
        _logs_in(
            select(
                ReviewLog.study_day, func.count(), func.coalesce(func.sum(ReviewLog.answer_ms), 0)
            ).group_by(ReviewLog.study_day),
            period,
            deck_ids,
        )
    )
    found = {as_date(day): (int(n), int(ms)) for day, n, ms in rows}
    result = []
    for day in period.each_day():
        n, ms = found.get(day, (0, 0))
        result.append(DayTime(day, n, ms / 1000, round(ms / 1000 / n, 3) if n else None))
    return tuple(result)


def due_forecast(
    session: Session, today: date, deck_ids: list[int] | None = None, days: int = FORECAST_DAYS
) -> tuple[DayCount, ...]:
    """Reviews falling due on each of the next ``days`` study days, today first. Overdue
    cards count for today; a buried card counts for the day it comes back."""
    last = today + timedelta(days=days - 1)
    shown = case((Card.buried_until > Card.due, Card.buried_until), else_=Card.due)
    day = case((shown < today, today), else_=shown)
    rows = session.execute(
        _cards_in(
            select(day, func.count()).where(
                Card.suspended.is_(False), Card.due.is_not(None), Card.due <= last
            ),
            deck_ids,
        ).group_by(day)
    )
    counts: dict[date, int] = {}
    for found, n in rows:
        counts[as_date(found)] = counts.get(as_date(found), 0) + int(n)
    return _dense(Period(today, last), counts)


def retention(session: Session, period: Period, deck_ids: list[int] | None = None) -> Retention:
    mature = case((ReviewLog.interval_before >= MATURE_DAYS, 1), else_=0)
    rows = session.execute(
        _logs_in(
            select(mature, _sum_if(ReviewLog.grade >= PASSING_GRADE), func.count())
            .where(ReviewLog.kind == "review", ReviewLog.was_new.is_(False))
            .group_by(mature),
            period,
            deck_ids,
        )
    )
    found = {int(group): (int(passed), int(total)) for group, passed, total in rows}

    def group(key: int) -> RetentionGroup:
        passed, total = found.get(key, (0, 0))
        return RetentionGroup(passed, total, round(passed / total, 4) if total else None)

    return Retention(young=group(0), mature=group(1))


def ease_distribution(
    session: Session, deck_ids: list[int] | None = None, step: float = EASE_STEP
) -> tuple[EaseBucket, ...]:
    """Cards that have been reviewed (not new, not retired), by ease in steps from 1.3 up to
    the highest step in use, empty steps included. The database groups by the exact ease
    (SM-2 moves it in steps of 0.02, so there are few distinct values); the steps are
    summed here, which keeps the SQL free of backend-specific FLOOR/CAST behaviour."""
    rows = session.execute(
        _cards_in(select(Card.ease, func.count()).where(Card.due.is_not(None)), deck_ids).group_by(
            Card.ease
        )
    )
    buckets: dict[int, int] = {}
    for ease, n in rows:
        index = max(0, int((float(ease) - MIN_EASE) / step + 1e-9))
        buckets[index] = buckets.get(index, 0) + int(n)
    if not buckets:
        return ()
    return tuple(
        EaseBucket(round(MIN_EASE + i * step, 6), buckets.get(i, 0))
        for i in range(max(buckets) + 1)
    )


def _first_line(text: str, width: int = 120) -> str:
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return line if len(line) <= width else line[: width - 1] + "…"


def hardest_cards(
    session: Session, deck_ids: list[int] | None = None, limit: int = HARDEST_LIMIT
) -> tuple[HardCard, ...]:
    """The cards forgotten most often (lapses), lowest ease first on a tie."""
    rows = session.execute(
        _cards_in(
            select(
                Card.id,
                Card.key,
                Deck.name,
                func.coalesce(Card.user_front, Card.front),
                Card.lapses,
                Card.ease,
            )
            .join(Deck, Deck.id == Card.deck_id)
            .where(Card.lapses > 0),
            deck_ids,
        )
        .order_by(Card.lapses.desc(), Card.ease, Card.id)
        .limit(limit)
    )
    return tuple(
        HardCard(int(i), key, deck, _first_line(front), int(lapses), float(ease))
        for i, key, deck, front, lapses, ease in rows
    )

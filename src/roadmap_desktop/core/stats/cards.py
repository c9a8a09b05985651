"""Cards by state, deck totals and today's queue: the counts the CLI and Today already show."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from roadmap_desktop.core.store.models import Card, Deck

MATURE_DAYS = 21  # as Anki: an interval of three weeks or more counts as mature


@dataclass(frozen=True)
class CardCounts:
    total: int
    new: int
    young: int
    mature: int
    suspended: int
    retired: int
    due_today: int
    decks: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def card_counts(session: Session, today: date, deck_ids: list[int] | None = None) -> CardCounts:
    """Cards by state, and how many are due on the given study day. Retired cards count only
    as retired; suspended ones only as suspended. ``deck_ids`` narrows to those decks."""
    active = Card.retired_at.is_(None)
    schedulable = active & ~Card.suspended

    def count_if(condition: Any) -> Any:
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    query = select(
        func.count(Card.id),
        count_if(schedulable & Card.due.is_(None)),
        count_if(schedulable & Card.due.is_not(None) & (Card.interval < MATURE_DAYS)),
        count_if(schedulable & Card.due.is_not(None) & (Card.interval >= MATURE_DAYS)),
        count_if(active & Card.suspended),
        count_if(~active),
        count_if(
            schedulable
            & (Card.due <= today)
            & (Card.buried_until.is_(None) | (Card.buried_until <= today))
        ),
    )
    decks_query = select(func.count(func.distinct(Card.deck_id))).where(active)
    if deck_ids is not None:
        query = query.where(Card.deck_id.in_(deck_ids))
        decks_query = decks_query.where(Card.deck_id.in_(deck_ids))
    row = session.execute(query).one()
    decks = session.scalar(decks_query)
    total, new, young, mature, suspended, retired, due = (int(v or 0) for v in row)
    return CardCounts(total, new, young, mature, suspended, retired, due, int(decks or 0))


def deck_card_totals(session: Session) -> list[tuple[str, int]]:
    """(deck name, active card count) per deck, by name."""
    rows = session.execute(
        select(Deck.name, func.count(Card.id))
        .join(Card, Card.deck_id == Deck.id)
        .where(Card.retired_at.is_(None))
        .group_by(Deck.name)
        .order_by(Deck.name)
    )
    return [(name, int(count)) for name, count in rows]


@dataclass(frozen=True)
class TodayCounts:
    """What today's study session holds, after the daily limits, and what is done."""

    due: int
    new_available: int
    drill: int
    reviews_done: int
    new_done: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def today_counts(session: Session, today: date) -> TodayCounts:
    from roadmap_desktop.core.srs import queue
    from roadmap_desktop.core.srs.settings import load_settings

    left = queue.counts(session, today, load_settings(session))
    new_done, reviews_done = queue.done_today(session, today, None)
    return TodayCounts(left.due, left.new, left.drill, reviews_done, new_done)

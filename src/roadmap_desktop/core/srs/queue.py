"""What to study next and how much is left, from indexed queries (never loading every card).

Order (research/sm2.md): due reviews, most overdue first; then today's drill items; then new
cards in curriculum order. Daily limits count what was already answered today, overall and
for the chosen deck (a deck includes its subdecks). Suspended, buried and retired cards are
left out; a buried card returns on the study day after it was buried.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from sqlalchemy import ColumnElement, Select, and_, case, func, or_, select
from sqlalchemy.orm import Session

from roadmap_desktop.core.plan.gating import TopicGate, topic_gate
from roadmap_desktop.core.srs.settings import StudySettings
from roadmap_desktop.core.store.models import Card, CardTag, Deck, ReviewLog

Kind = Literal["review", "drill", "new"]


@dataclass(frozen=True)
class QueueCounts:
    new: int
    due: int
    drill: int

    @property
    def total(self) -> int:
        return self.new + self.due + self.drill


@dataclass
class DayCache:
    """What a study session may keep between answers instead of re-reading it each time:
    today's answered counts over all decks (the session updates them as it answers and undoes)
    and the plan's topic gate (fixed for the session). Dropped when the study day changes.
    Sound because one window studies a data folder at a time (core/instance_lock.py): nobody
    else answers cards meanwhile."""

    day: date
    done: tuple[int, int] | None = None  # (new introduced, reviews answered), all decks
    gate_known: bool = False
    gate: TopicGate | None = None

    def answered(self, was_new: bool, kind: str, sign: int = 1) -> None:
        """Count an answer (``sign`` -1: an undo); drills do not count towards limits."""
        if self.done is None or kind != "review":
            return
        new, reviews = self.done
        self.done = (new + sign, reviews) if was_new else (new, reviews + sign)


def _cached(cache: DayCache | None, today: date) -> DayCache | None:
    return cache if cache is not None and cache.day == today else None


@dataclass(frozen=True)
class DeckCounts:
    name: str
    cards: int
    counts: QueueCounts


def subtree_ids(session: Session, deck: str | None) -> list[int] | None:
    """Ids of a deck and its subdecks (None: every deck)."""
    if deck is None:
        return None
    rows = session.scalars(
        select(Deck.id).where(or_(Deck.name == deck, Deck.name.startswith(deck + "::")))
    )
    return list(rows)


def _available(today: date, deck_ids: list[int] | None) -> ColumnElement[bool]:
    condition = and_(
        Card.retired_at.is_(None),
        Card.suspended.is_(False),
        or_(Card.buried_until.is_(None), Card.buried_until <= today),
    )
    if deck_ids is not None:
        condition = and_(condition, Card.deck_id.in_(deck_ids))
    return condition


def _due(today: date) -> ColumnElement[bool]:
    return and_(
        Card.due.is_not(None),
        Card.due <= today,
        or_(Card.drill_day.is_(None), Card.drill_day != today),
    )


def _new(
    session: Session, today: date, settings: StudySettings, cache: DayCache | None = None
) -> ColumnElement[bool]:
    """New cards that may be introduced: with plan gating on, not those whose topics a
    followed track has not reached yet (core/plan/gating.py)."""
    gate = _gate(session, today, settings, cache)
    if gate is None:
        return Card.due.is_(None)
    return and_(Card.due.is_(None), ~_held(gate))


def _gate(
    session: Session, today: date, settings: StudySettings, cache: DayCache | None = None
) -> TopicGate | None:
    """The plan's gate when it holds anything back (else None: no condition to add)."""
    if not settings.gate_by_plan:
        return None
    kept = _cached(cache, today)
    if kept is not None and kept.gate_known:
        return kept.gate
    found = topic_gate(session, today)
    gate = found if found is not None and found.holds_anything else None
    if kept is not None:
        kept.gate, kept.gate_known = gate, True
    return gate


def _held(gate: TopicGate) -> ColumnElement[bool]:
    # One uncorrelated subquery (SQLite builds it once), not a lookup per card.
    held = select(CardTag.card_id).where(CardTag.tag.in_(sorted(gate.locked)))
    if not gate.reached:
        return Card.id.in_(held)
    free = select(CardTag.card_id).where(CardTag.tag.in_(sorted(gate.reached)))
    return Card.id.in_(held.except_(free))


def held_new(
    session: Session, today: date, settings: StudySettings, deck: str | None = None
) -> int:
    """New cards the plan holds back today (for "N wait for the plan" notes)."""
    gate = _gate(session, today, settings)
    if gate is None:
        return 0
    ids = subtree_ids(session, deck)
    query = select(func.count(Card.id)).where(
        _available(today, ids), Card.due.is_(None), _held(gate)
    )
    return _count(session, query)


def _one_if(condition: ColumnElement[bool]) -> Any:
    return case((condition, 1), else_=0)


def _count(session: Session, query: Select[Any]) -> int:
    return int(session.scalar(query) or 0)


def done_today(session: Session, today: date, deck_ids: list[int] | None) -> tuple[int, int]:
    """(new cards introduced, reviews answered) on this study day; drills do not count."""
    query = select(
        func.coalesce(func.sum(_one_if(ReviewLog.was_new.is_(True))), 0), func.count(ReviewLog.id)
    ).where(ReviewLog.study_day == today, ReviewLog.kind == "review")
    if deck_ids is not None:
        query = query.join(Card, Card.id == ReviewLog.card_id).where(Card.deck_id.in_(deck_ids))
    new, total = session.execute(query).one()
    return int(new), int(total) - int(new)


def remaining_limits(
    session: Session,
    today: date,
    settings: StudySettings,
    deck: str | None,
    cache: DayCache | None = None,
) -> tuple[int, int]:
    """How many new cards and reviews may still be shown today for this deck (or all)."""
    left = _globally_left(session, today, settings, cache)
    if deck is None:
        return left
    row = session.execute(
        select(Deck.new_per_day, Deck.reviews_per_day).where(Deck.name == deck)
    ).first()
    return _deck_left(session, today, deck, (row[0], row[1]) if row else (None, None), left)


def _globally_left(
    session: Session, today: date, settings: StudySettings, cache: DayCache | None = None
) -> tuple[int, int]:
    kept = _cached(cache, today)
    if kept is not None and kept.done is not None:
        new_done, reviews_done = kept.done
    else:
        new_done, reviews_done = done_today(session, today, None)
        if kept is not None:
            kept.done = (new_done, reviews_done)
    return max(0, settings.new_per_day - new_done), max(0, settings.reviews_per_day - reviews_done)


def _deck_left(
    session: Session,
    today: date,
    deck: str,
    limits: tuple[int | None, int | None],
    left: tuple[int, int],
) -> tuple[int, int]:
    """Narrow the global allowance by the deck's own limits; only such decks cost a query."""
    new_limit, reviews_limit = limits
    new_left, reviews_left = left
    if new_limit is None and reviews_limit is None:
        return left
    deck_new, deck_reviews = done_today(session, today, subtree_ids(session, deck))
    if new_limit is not None:
        new_left = min(new_left, new_limit - deck_new)
    if reviews_limit is not None:
        reviews_left = min(reviews_left, reviews_limit - deck_reviews)
    return max(0, new_left), max(0, reviews_left)


def counts(
    session: Session,
    today: date,
    settings: StudySettings,
    deck: str | None = None,
    cache: DayCache | None = None,
) -> QueueCounts:
    """New / due / drill cards left for today, after the daily limits."""
    ids = subtree_ids(session, deck)
    base = select(func.count(Card.id)).where(_available(today, ids))
    due = _count(session, base.where(_due(today)))
    new = _count(session, base.where(_new(session, today, settings, cache)))
    drill = _count(session, base.where(Card.drill_day == today))
    new_left, reviews_left = remaining_limits(session, today, settings, deck, cache)
    return QueueCounts(new=min(new, new_left), due=min(due, reviews_left), drill=drill)


def next_card(
    session: Session,
    today: date,
    settings: StudySettings,
    deck: str | None = None,
    after: int | None = None,
    cache: DayCache | None = None,
) -> tuple[int, Kind] | None:
    """The id and kind of the next card to show. ``after`` is the card just answered: a drill
    item does not come straight back while anything else is waiting."""
    ids = subtree_ids(session, deck)
    new_left, reviews_left = remaining_limits(session, today, settings, deck, cache)
    available = _available(today, ids)
    if reviews_left > 0:
        found = session.scalar(
            select(Card.id).where(available, _due(today)).order_by(Card.due, Card.id).limit(1)
        )
        if found is not None:
            return found, "review"
    drill_query = (
        select(Card.id)
        .where(available, Card.drill_day == today)
        .order_by(Card.last_answered_at, Card.id)
    )
    drills = list(session.scalars(drill_query.limit(2)))
    others = [card for card in drills if card != after]
    if others:
        return others[0], "drill"
    if new_left > 0:
        found = session.scalar(
            select(Card.id)
            .where(available, _new(session, today, settings, cache))
            .order_by(Card.id)
            .limit(1)
        )
        if found is not None:
            return found, "new"
    if drills:  # only the card just answered is left: ask it again
        return drills[0], "drill"
    return None


def next_due_day(session: Session, today: date, deck: str | None = None) -> date | None:
    """When the next review falls due after today (for "nothing due" messages)."""
    ids = subtree_ids(session, deck)
    value: date | None = session.scalar(
        select(func.min(Card.due)).where(_available(today, ids), Card.due > today)
    )
    return value


def deck_counts(session: Session, today: date, settings: StudySettings) -> list[DeckCounts]:
    """Per deck (parents included, summing their subdecks): cards and today's queue counts."""
    new_ok = _new(session, today, settings)
    rows = session.execute(
        select(
            Deck.name,
            func.count(Card.id),
            func.sum(_one_if(and_(_available(today, None), _due(today)))),
            func.sum(_one_if(and_(_available(today, None), new_ok))),
            func.sum(_one_if(and_(_available(today, None), Card.drill_day == today))),
        )
        .join(Card, Card.deck_id == Deck.id)
        .where(Card.retired_at.is_(None))
        .group_by(Deck.name)
    ).all()
    totals: dict[str, list[int]] = {}
    for name, cards, due, new, drill in rows:
        parts = name.split("::")
        for depth in range(1, len(parts) + 1):
            acc = totals.setdefault("::".join(parts[:depth]), [0, 0, 0, 0])
            for i, value in enumerate((cards, due, new, drill)):
                acc[i] += int(value or 0)
    limits = {
        name: (new_limit, reviews_limit)
        for name, new_limit, reviews_limit in session.execute(
            select(Deck.name, Deck.new_per_day, Deck.reviews_per_day)
        )
    }
    left = _globally_left(session, today, settings)
    result = []
    for name in sorted(totals):
        cards, due, new, drill = totals[name]
        deck_limits = limits.get(name, (None, None))
        new_left, reviews_left = _deck_left(session, today, name, deck_limits, left)
        result.append(
            DeckCounts(name, cards, QueueCounts(min(new, new_left), min(due, reviews_left), drill))
        )
    return result

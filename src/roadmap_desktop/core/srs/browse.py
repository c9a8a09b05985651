"""Read side of the card browser: ordered id lists for a query, and row data in batches, so the
Qt model holds only ids plus a cache (after Anki's browser table)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from roadmap_desktop.core.srs.search import compile_query
from roadmap_desktop.core.store.models import Card, CardTag, Deck, Origin

SORTS: dict[str, Any] = {
    "due": Card.due,
    "ease": Card.ease,
    "interval": Card.interval,
    "lapses": Card.lapses,
    "added": Card.created_at,
    "deck": Deck.name,
}


@dataclass(frozen=True)
class BrowseRow:
    id: int
    front: str
    deck: str
    tags: str
    due: date | None
    interval: int
    ease: float
    lapses: int
    added: datetime
    suspended: bool
    edited: bool
    mine: bool


def search_ids(
    session: Session, query: str, today: date, sort: str = "added", descending: bool = False
) -> list[int]:
    """Ids of the active (not retired) cards matching ``query``, in the chosen order.
    Raises SearchError for a query it cannot read."""
    if sort not in SORTS:
        raise ValueError(f"unknown sort {sort!r}")
    column = SORTS[sort]
    # New cards (no due date) sort after every dated card either way.
    order = [column.is_(None), column.desc() if descending else column.asc(), Card.id]
    statement = (
        select(Card.id)
        .join(Deck, Deck.id == Card.deck_id)
        .where(Card.retired_at.is_(None), compile_query(query, today).condition)
        .order_by(*order)
    )
    return list(session.scalars(statement))


def rows(session: Session, ids: Iterable[int]) -> dict[int, BrowseRow]:
    wanted = list(ids)
    if not wanted:
        return {}
    tags: dict[int, list[str]] = {}
    for card_id, tag in session.execute(
        select(CardTag.card_id, CardTag.tag).where(CardTag.card_id.in_(wanted))
    ):
        tags.setdefault(card_id, []).append(tag)
    result = {}
    for card, deck in session.execute(
        select(Card, Deck.name).join(Deck, Deck.id == Card.deck_id).where(Card.id.in_(wanted))
    ):
        front = card.user_front if card.user_front is not None else card.front
        edited = card.origin != Origin.USER and (
            card.user_front is not None
            or card.user_back is not None
            or card.user_deck
            or card.user_tags
        )
        result[card.id] = BrowseRow(
            card.id,
            front,
            deck,
            " ".join(sorted(tags.get(card.id, []))),
            card.due,
            card.interval,
            card.ease,
            card.lapses,
            card.created_at,
            card.suspended,
            edited,
            card.origin == Origin.USER,
        )
    return result


def deck_names(session: Session) -> list[str]:
    """Every deck that holds an active card, for pickers."""
    return list(
        session.scalars(
            select(Deck.name)
            .join(Card, Card.deck_id == Deck.id)
            .where(Card.retired_at.is_(None))
            .group_by(Deck.name)
            .order_by(func.lower(Deck.name))
        )
    )

"""Card operations behind the reviewer and the browser; each runs inside the caller's session.

Bundled cards keep their curriculum text in front/back (updated by syncs); the learner's
edits live beside it (user_front/user_back, user_deck, user_tags) until reverted.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, joinedload, selectinload

from roadmap_desktop.core.content.model import is_key
from roadmap_desktop.core.content.sync import FINGERPRINT_KEY
from roadmap_desktop.core.srs.sm2 import INITIAL_EASE, Sm2State
from roadmap_desktop.core.store.models import Card, CardTag, Deck, Meta, Origin, ReviewLog


class CardError(ValueError):
    """A card operation the user asked for cannot be done; the message says why."""


@dataclass(frozen=True)
class CardView:
    id: int
    key: str
    deck: str
    front: str  # what the learner sees: their edit if there is one
    back: str
    tags: tuple[str, ...]
    origin: str
    edited: bool  # a bundled card showing the learner's own version
    state: Sm2State
    due: date | None
    suspended: bool

    @property
    def is_new(self) -> bool:
        return self.due is None


@dataclass(frozen=True)
class HistoryRow:
    reviewed_at: datetime
    study_day: date
    kind: str
    grade: int
    interval: int
    ease: float
    answer_ms: int


def view(card: Card) -> CardView:
    return CardView(
        id=card.id,
        key=card.key,
        deck=card.deck.name,
        front=card.user_front if card.user_front is not None else card.front,
        back=card.user_back if card.user_back is not None else card.back,
        tags=tuple(t.tag for t in card.tags),
        origin=card.origin,
        edited=card.origin != Origin.USER
        and (
            card.user_front is not None
            or card.user_back is not None
            or card.user_deck
            or card.user_tags
        ),
        state=Sm2State(card.ease, card.reps, card.interval, card.lapses),
        due=card.due,
        suspended=card.suspended,
    )


def get(session: Session, card_id: int, *, with_deck_and_tags: bool = False) -> Card:
    """A card by id; ``with_deck_and_tags`` loads both in the same query (for ``view``)."""
    options = (joinedload(Card.deck), selectinload(Card.tags)) if with_deck_and_tags else ()
    card = session.get(Card, card_id, options=options)
    if card is None:
        raise CardError(f"card {card_id} does not exist")
    return card


def _deck(session: Session, name: str, now: datetime) -> Deck:
    parts = [part.strip() for part in name.split("::")]
    if not all(parts):
        raise CardError(f"deck name {name!r} has an empty level")
    clean = "::".join(parts)
    deck = session.scalar(select(Deck).where(Deck.name == clean))
    if deck is None:
        deck = Deck(name=clean, created_at=now)
        session.add(deck)
    return deck


def _check_tags(tags: Iterable[str]) -> list[str]:
    clean = sorted({t.strip() for t in tags if t.strip()})
    bad = [t for t in clean if not is_key(t)]
    if bad:
        raise CardError(f"tags must be lowercase slugs like event-loop; not {', '.join(bad)}")
    return clean


def _set_tags(card: Card, tags: list[str]) -> None:
    current = {t.tag for t in card.tags}
    if set(tags) != current:
        card.tags = [t for t in card.tags if t.tag in tags] + [
            CardTag(tag=tag) for tag in tags if tag not in current
        ]


def add_card(
    session: Session, deck: str, front: str, back: str, tags: Iterable[str], now: datetime
) -> int:
    if not front.strip() or not back.strip():
        raise CardError("a card needs both a front and a back")
    card = Card(
        key=f"user-{uuid.uuid4().hex[:16]}",
        front=front.strip(),
        back=back.strip(),
        origin=Origin.USER,
        content_hash="",
        created_at=now,
        updated_at=now,
        deck=_deck(session, deck, now),
    )
    session.add(card)
    _set_tags(card, _check_tags(tags))
    session.flush()
    return card.id


def edit_card(
    session: Session,
    card_id: int,
    *,
    front: str,
    back: str,
    now: datetime,
    tags: Iterable[str] | None = None,
    deck: str | None = None,
) -> None:
    if not front.strip() or not back.strip():
        raise CardError("a card needs both a front and a back")
    card = get(session, card_id)
    front, back = front.strip(), back.strip()
    if card.origin == Origin.USER:
        card.front, card.back = front, back
    else:  # keep the curriculum text; the learner's version is shown until reverted
        card.user_front = None if front == card.front else front
        card.user_back = None if back == card.back else back
    if tags is not None:
        clean = _check_tags(tags)
        if clean != sorted(t.tag for t in card.tags):
            _set_tags(card, clean)
            card.user_tags = card.origin != Origin.USER
    if deck is not None and deck != card.deck.name:
        card.deck = _deck(session, deck, now)
        card.user_deck = card.origin != Origin.USER
    card.updated_at = now


def revert_card(session: Session, card_id: int) -> None:
    """Back to the bundled version: text at once; deck and tags at the next content sync."""
    card = get(session, card_id)
    if card.origin == Origin.USER:
        raise CardError("this card is your own: there is no bundled version to revert to")
    card.user_front = card.user_back = None
    if card.user_deck or card.user_tags:
        card.user_deck = card.user_tags = False
        card.content_hash = ""  # makes the next sync re-apply the curriculum's deck and tags
        session.execute(delete(Meta).where(Meta.key == FINGERPRINT_KEY))


def _cards(session: Session, ids: Iterable[int]) -> list[Card]:
    return list(session.scalars(select(Card).where(Card.id.in_(list(ids)))))


def set_suspended(session: Session, ids: Iterable[int], suspended: bool) -> int:
    cards = _cards(session, ids)
    for card in cards:
        card.suspended = suspended
    return len(cards)


def bury(session: Session, ids: Iterable[int], today: date) -> int:
    """Hide until the next study day."""
    cards = _cards(session, ids)
    for card in cards:
        card.buried_until = today + timedelta(days=1)
    return len(cards)


def move_to_deck(session: Session, ids: Iterable[int], deck: str, now: datetime) -> int:
    target = _deck(session, deck, now)
    cards = _cards(session, ids)
    for card in cards:
        card.deck = target
        card.user_deck = card.origin != Origin.USER
    return len(cards)


def change_tag(session: Session, ids: Iterable[int], tag: str, *, add: bool) -> int:
    [clean] = _check_tags([tag]) or [""]
    if not clean:
        raise CardError("name the tag")
    changed = 0
    for card in _cards(session, ids):
        tags = {t.tag for t in card.tags}
        wanted = tags | {clean} if add else tags - {clean}
        if wanted != tags:
            _set_tags(card, sorted(wanted))
            card.user_tags = card.origin != Origin.USER
            changed += 1
    return changed


def reset_progress(session: Session, ids: Iterable[int]) -> int:
    """Make cards new again; their review history stays for the record."""
    cards = _cards(session, ids)
    for card in cards:
        card.ease, card.reps, card.interval, card.lapses = INITIAL_EASE, 0, 0, 0
        card.due = card.drill_day = card.buried_until = None
    return len(cards)


def delete_user_cards(session: Session, ids: Iterable[int]) -> tuple[int, int]:
    """Delete the learner's own cards; bundled ones are left (suspend them instead).
    Returns (deleted, refused)."""
    cards = _cards(session, ids)
    own = [c for c in cards if c.origin == Origin.USER]
    for card in own:
        session.delete(card)
    return len(own), len(cards) - len(own)


def history(session: Session, card_id: int) -> list[HistoryRow]:
    rows = session.scalars(
        select(ReviewLog).where(ReviewLog.card_id == card_id).order_by(ReviewLog.reviewed_at)
    )
    return [
        HistoryRow(
            r.reviewed_at, r.study_day, r.kind, r.grade, r.interval_after, r.ease_after, r.answer_ms
        )
        for r in rows
    ]

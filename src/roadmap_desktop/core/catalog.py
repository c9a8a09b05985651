"""Read models of the synced curriculum for browsing: plain rows, never live ORM objects."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from roadmap_desktop.core.store.models import Card, CardTag, Deck, Prompt, Task, Track


@dataclass(frozen=True)
class TrackRow:
    key: str
    title: str
    title_original: str | None
    description: str
    tasks: int
    minutes: int


@dataclass(frozen=True)
class TaskRow:
    key: str
    phase_key: str
    phase_title: str
    title: str
    title_original: str | None
    kind: str
    minutes: int
    description: str
    description_original: str | None
    tags: tuple[str, ...]
    resources: tuple[str, ...]
    checklist: tuple[str, ...]
    exercises: tuple[str, ...] = ()


@dataclass(frozen=True)
class PromptRow:
    key: str
    title: str
    tier: int
    minutes: int
    brief: str
    details: dict[str, list[str]]


@dataclass(frozen=True)
class CardRow:
    id: int
    key: str
    deck: str
    front: str
    back: str
    tags: tuple[str, ...]


def tracks(session: Session) -> list[TrackRow]:
    counts = (
        select(Task.track_id, func.count(Task.id).label("n"), func.sum(Task.minutes).label("m"))
        .where(Task.retired_at.is_(None))
        .group_by(Task.track_id)
        .subquery()
    )
    rows = session.execute(
        select(Track, counts.c.n, counts.c.m)
        .outerjoin(counts, counts.c.track_id == Track.id)
        .where(Track.retired_at.is_(None))
        .order_by(Track.title)
    )
    return [
        TrackRow(t.key, t.title, t.title_original, t.description, int(n or 0), int(m or 0))
        for t, n, m in rows
    ]


def track_tasks(session: Session, track_key: str) -> list[TaskRow]:
    rows = session.scalars(
        select(Task)
        .join(Track, Track.id == Task.track_id)
        .where(Track.key == track_key, Task.retired_at.is_(None))
        .order_by(Task.position)
    )
    return _task_rows(rows)


def tasks_by_key(session: Session, keys: list[str]) -> dict[str, TaskRow]:
    """Active tasks by key (unknown keys are left out)."""
    if not keys:
        return {}
    rows = session.scalars(select(Task).where(Task.key.in_(keys), Task.retired_at.is_(None)))
    return {row.key: row for row in _task_rows(rows)}


def _task_rows(rows: Iterable[Task]) -> list[TaskRow]:
    return [
        TaskRow(
            t.key,
            t.phase_key,
            t.phase_title,
            t.title,
            t.title_original,
            t.kind,
            t.minutes,
            t.description,
            t.description_original,
            tuple(t.tags),
            tuple(t.resources),
            tuple(t.checklist),
            tuple(t.exercises),
        )
        for t in rows
    ]


def prompts(session: Session) -> list[PromptRow]:
    rows = session.scalars(
        select(Prompt).where(Prompt.retired_at.is_(None)).order_by(Prompt.tier, Prompt.title)
    )
    return [PromptRow(p.key, p.title, p.tier, p.minutes, p.brief, dict(p.details)) for p in rows]


def deck_cards(session: Session, deck: str, limit: int = 1000) -> list[CardRow]:
    """Active cards of a deck and its subdecks, in key order (bounded for the read-only list)."""
    rows = session.execute(
        select(Card.id, Card.key, Deck.name, Card.front, Card.back)
        .join(Deck, Deck.id == Card.deck_id)
        .where(Card.retired_at.is_(None), (Deck.name == deck) | Deck.name.startswith(deck + "::"))
        .order_by(Deck.name, Card.source_line, Card.key)
        .limit(limit)
    ).all()
    tags: dict[int, list[str]] = {}
    if rows:
        for card_id, tag in session.execute(
            select(CardTag.card_id, CardTag.tag).where(CardTag.card_id.in_([r[0] for r in rows]))
        ):
            tags.setdefault(card_id, []).append(tag)
    return [CardRow(i, k, d, f, b, tuple(sorted(tags.get(i, [])))) for i, k, d, f, b in rows]


def resources_by_key(session: Session, keys: tuple[str, ...] | list[str]) -> list[tuple[str, str]]:
    """(title, url) for resource keys, in the order given (unknown keys are left out)."""
    from roadmap_desktop.core.store.models import Resource

    found = {
        r.key: (r.title, r.url)
        for r in session.scalars(
            select(Resource).where(Resource.key.in_(list(keys)), Resource.retired_at.is_(None))
        )
    }
    return [found[k] for k in keys if k in found]

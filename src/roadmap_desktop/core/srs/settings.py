"""Study settings kept in the store's meta table, so the CLI and the GUI agree."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from roadmap_desktop.core.clock import DEFAULT_DAY_START_HOUR
from roadmap_desktop.core.store.models import Deck, Meta

_PREFIX = "srs."
LIMITS = {"new_per_day": (0, 9999), "reviews_per_day": (0, 99999), "day_start_hour": (0, 23)}


@dataclass(frozen=True)
class StudySettings:
    new_per_day: int = 20
    reviews_per_day: int = 200
    day_start_hour: int = DEFAULT_DAY_START_HOUR


def load_settings(session: Session) -> StudySettings:
    values: dict[str, int] = {}
    for f in fields(StudySettings):
        row = session.get(Meta, _PREFIX + f.name)
        if row is not None and row.value.lstrip("-").isdigit():
            low, high = LIMITS[f.name]
            values[f.name] = min(high, max(low, int(row.value)))
    return StudySettings(**values)


def save_settings(session: Session, settings: StudySettings) -> None:
    for f in fields(StudySettings):
        value = getattr(settings, f.name)
        low, high = LIMITS[f.name]
        if not low <= value <= high:
            raise ValueError(f"{f.name} must be from {low} to {high}, not {value}")
        session.merge(Meta(key=_PREFIX + f.name, value=str(value)))


def deck_limits(session: Session, deck: str) -> tuple[int | None, int | None]:
    """(new per day, reviews per day) set on one deck; None where the global setting rules."""
    row = session.execute(
        select(Deck.new_per_day, Deck.reviews_per_day).where(Deck.name == deck)
    ).first()
    return (row[0], row[1]) if row else (None, None)


def set_deck_limits(
    session: Session, deck: str, new_per_day: int | None, reviews_per_day: int | None, now: datetime
) -> None:
    for name, value in (("new_per_day", new_per_day), ("reviews_per_day", reviews_per_day)):
        low, high = LIMITS[name]
        if value is not None and not low <= value <= high:
            raise ValueError(f"{name} must be from {low} to {high}, not {value}")
    row = session.scalar(select(Deck).where(Deck.name == deck))
    if row is None:  # a parent level that so far exists only as a prefix of its subdecks
        row = Deck(name=deck, created_at=now)
        session.add(row)
    row.new_per_day, row.reviews_per_day = new_per_day, reviews_per_day

"""Study settings kept in the store's meta table, so the CLI and the GUI agree."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from roadmap_desktop.core.clock import DEFAULT_DAY_START_HOUR
from roadmap_desktop.core.store.models import Deck, Meta

_PREFIX = "srs."
LIMITS = {
    "new_per_day": (0, 9999),
    "reviews_per_day": (0, 99999),
    "day_start_hour": (0, 23),
    "gate_by_plan": (0, 1),
}


@dataclass(frozen=True)
class StudySettings:
    new_per_day: int = 20
    reviews_per_day: int = 200
    day_start_hour: int = DEFAULT_DAY_START_HOUR
    # New cards of a topic wait until a followed track reaches it (no effect without a track).
    gate_by_plan: bool = True


def load_settings(session: Session) -> StudySettings:
    defaults = StudySettings()

    def read(name: str, default: int) -> int:
        row = session.get(Meta, _PREFIX + name)
        if row is None or not row.value.lstrip("-").isdigit():
            return default
        low, high = LIMITS[name]
        return min(high, max(low, int(row.value)))

    return StudySettings(
        new_per_day=read("new_per_day", defaults.new_per_day),
        reviews_per_day=read("reviews_per_day", defaults.reviews_per_day),
        day_start_hour=read("day_start_hour", defaults.day_start_hour),
        gate_by_plan=bool(read("gate_by_plan", int(defaults.gate_by_plan))),
    )


def save_settings(session: Session, settings: StudySettings) -> None:
    for f in fields(StudySettings):
        value = int(getattr(settings, f.name))
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

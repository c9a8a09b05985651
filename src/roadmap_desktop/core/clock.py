"""Injectable time. Logic asks a Clock for "now" so tests control today and the day boundary."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Protocol

DEFAULT_DAY_START_HOUR = 4  # like Anki: a late-night session still counts as the same day


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time as a timezone-aware datetime in the user's local zone."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now().astimezone()


@dataclass
class FixedClock:
    """A clock that stands still until told to move; for tests and benchmarks."""

    current: datetime = field(default_factory=lambda: datetime.now().astimezone())

    def __post_init__(self) -> None:
        if self.current.tzinfo is None:
            raise ValueError("FixedClock needs a timezone-aware datetime")

    def now(self) -> datetime:
        return self.current

    def advance(self, delta: timedelta) -> None:
        self.current = self.current + delta


def study_day(moment: datetime, day_start_hour: int = DEFAULT_DAY_START_HOUR) -> date:
    """The study day of a moment: its local date, rolling over at the start hour, not midnight."""
    if not 0 <= day_start_hour <= 23:
        raise ValueError(f"day_start_hour must be 0..23, got {day_start_hour}")
    return (moment - timedelta(hours=day_start_hour)).date()


def utc_now(clock: Clock) -> datetime:
    """Naive UTC for storage: every timestamp column holds UTC without tzinfo."""
    return clock.now().astimezone(UTC).replace(tzinfo=None)

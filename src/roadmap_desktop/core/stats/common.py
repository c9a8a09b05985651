"""What every aggregate shares: the filter (deck and period), day ranges, and JSON conversion."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields, is_dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

HEATMAP_DAYS = 365  # the calendar heatmap always shows the twelve months up to the period's end
SERIES_DAYS = 30  # per-day series default to the last 30 study days


def plain(value: Any) -> Any:
    """JSON-ready data: dataclasses become dicts, dates ISO strings, tuples lists."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value


class Plain:
    """Mixin for the frozen result rows: ``as_dict()`` for ``stats --json``."""

    def as_dict(self) -> dict[str, Any]:
        result: dict[str, Any] = plain(self)
        return result


def as_date(value: date | str) -> date:
    """A study day from a result row: SQLite hands back text where a CASE hides the type."""
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else date.fromisoformat(value)


@dataclass(frozen=True)
class Period(Plain):
    """Study days from ``start`` to ``end``, both included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"a period ends on or after its start ({self.start} > {self.end})")

    @classmethod
    def ending(cls, end: date, days: int) -> Period:
        if days < 1:
            raise ValueError("a period has at least one day")
        return cls(end - timedelta(days=days - 1), end)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def each_day(self) -> Iterator[date]:
        for offset in range(self.days):
            yield self.start + timedelta(days=offset)


@dataclass(frozen=True)
class StatsFilter(Plain):
    """The Stats view's filter bar: a deck (its subdecks included; None = every deck) and a
    period of study days. Without dates the period is the last 30 days up to today."""

    deck: str | None = None
    start: date | None = None
    end: date | None = None

    def period(self, today: date) -> Period:
        end = self.end or today
        return Period(self.start, end) if self.start else Period.ending(end, SERIES_DAYS)

    def heatmap_period(self, today: date) -> Period:
        return Period.ending(self.end or today, HEATMAP_DAYS)

    def deck_ids(self, session: Session) -> list[int] | None:
        from roadmap_desktop.core.srs.queue import subtree_ids

        return subtree_ids(session, self.deck)

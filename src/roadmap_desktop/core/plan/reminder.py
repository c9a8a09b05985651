"""The daily reminder's decisions, apart from the tray that shows it (so they test without Qt).

A reminder is due once a calendar day, at the first check at or after the chosen time, and only
when something is left: cards to study or planned minutes not yet done.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def parse_time(text: str) -> time:
    """'HH:MM' (24-hour) to a time; ValueError names the expected form."""
    match = _TIME.match(text.strip())
    if match is None:
        raise ValueError(f"reminder time '{text}' is not HH:MM (24-hour), e.g. 19:30")
    return time(int(match.group(1)), int(match.group(2)))


def is_due(now: datetime, at: time, last_shown: date | None) -> bool:
    """True from ``at`` on, once per calendar day of ``now`` (local time)."""
    return now.time() >= at and last_shown != now.date()


def message(cards_left: int, tasks_left: int, minutes_left: int) -> str | None:
    """What the reminder says, or None when the day's work is done (no reminder then)."""
    parts = []
    if cards_left:
        parts.append(f"{cards_left} card{'s' if cards_left != 1 else ''} to review")
    if tasks_left:
        parts.append(
            f"{tasks_left} planned task{'s' if tasks_left != 1 else ''} (about {minutes_left} min)"
        )
    if not parts:
        return None
    return "Still to do today: " + " and ".join(parts) + "."

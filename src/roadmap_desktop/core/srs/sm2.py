"""SM-2 as published by SuperMemo (1990), in the reading of ../shared/research/sm2.md.

Pure functions over an immutable state. Our decisions where implementations differ:
- EF is updated first and the new EF is used for the interval (I(n) = ceil(I(n-1) * EF')).
- A grade below 3 restarts repetitions (n = 0, I = 1) and leaves EF unchanged.
- The next review is scheduled from the day the card was actually reviewed.
- Same-day drill (rule 7): an item graded below 4 comes back in today's session until it is
  graded 4 or 5; drill answers never change EF, n or I (see ``needs_drill``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date, timedelta

INITIAL_EASE = 2.5
MIN_EASE = 1.3
GRADES = (0, 1, 2, 3, 4, 5)
PASSING_GRADE = 3  # 3..5 is a successful recall
DRILL_UNTIL = 4  # answers below this come back the same day

GRADE_MEANINGS = {
    5: "perfect response",
    4: "correct after a hesitation",
    3: "correct with serious difficulty",
    2: "incorrect, but the answer seemed easy to recall",
    1: "incorrect; the correct answer remembered",
    0: "complete blackout",
}


@dataclass(frozen=True)
class Sm2State:
    """Per-item SM-2 memory: EF, successful repetitions in a row (n), interval in days (I)."""

    ease: float = INITIAL_EASE
    reps: int = 0
    interval: int = 0
    lapses: int = 0


def check_grade(grade: int) -> None:
    if grade not in GRADES:
        raise ValueError(f"an SM-2 grade is a whole number from 0 to 5, not {grade!r}")


def next_ease(ease: float, grade: int) -> float:
    """EF' = EF + (0.1 - (5-q) * (0.08 + (5-q) * 0.02)), never below 1.3."""
    check_grade(grade)
    miss = 5 - grade
    # Rounded to 6 places: EF moves in steps of 0.02, and float noise must not accumulate.
    return max(MIN_EASE, round(ease + (0.1 - miss * (0.08 + miss * 0.02)), 6))


def review(state: Sm2State, grade: int) -> Sm2State:
    """The state after a scheduled review graded ``grade``."""
    check_grade(grade)
    if grade < PASSING_GRADE:
        # A lapse counts only for an item that had been learned (n > 0).
        return replace(state, reps=0, interval=1, lapses=state.lapses + (state.reps > 0))
    ease = next_ease(state.ease, grade)
    reps = state.reps + 1
    if reps == 1:
        interval = 1
    elif reps == 2:
        interval = 6
    else:
        # round() first guards against float noise (6 * 2.5 must stay 15, not 16); max()
        # guards against a damaged stored state (n > 2 with I = 0): a card always moves on.
        interval = max(1, math.ceil(round(state.interval * ease, 9)))
    return Sm2State(ease=ease, reps=reps, interval=interval, lapses=state.lapses)


def preview(state: Sm2State) -> dict[int, int]:
    """For each grade, the interval in days the item would get: what the grade buttons show."""
    return {grade: review(state, grade).interval for grade in GRADES}


def due_date(review_day: date, interval: int) -> date:
    return review_day + timedelta(days=interval)


def needs_drill(grade: int) -> bool:
    """Rule 7: anything graded below 4 today is asked again today."""
    check_grade(grade)
    return grade < DRILL_UNTIL


def describe_interval(days: int) -> str:
    """Short label for a button: 1d, 6d, 3w, 4mo, 1.2y."""
    if days < 14:
        return f"{days}d"
    if days < 60:
        return f"{round(days / 7)}w"
    if days < 365:
        return f"{round(days / 30)}mo"
    return f"{days / 365:.1f}y"

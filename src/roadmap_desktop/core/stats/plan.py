"""Plan statistics: burn-up per enrolled track against its baseline, and the streak history.

The baseline is the track laid out from its enrolment start as if nothing had been done,
skipped, snoozed or moved: the plan the learner signed up for. Done tasks come from their
``done_day``, counted by the database per day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from roadmap_desktop.core.plan import service
from roadmap_desktop.core.plan.schedule import lay_out
from roadmap_desktop.core.plan.service import StreakRun
from roadmap_desktop.core.stats.common import Period, Plain, as_date
from roadmap_desktop.core.store.models import (
    PlanTaskState,
    Task,
    Track,
)


@dataclass(frozen=True)
class BurnUpPoint(Plain):
    day: date
    planned: int  # tasks the baseline has finished by the end of this day
    done: int | None  # tasks actually done by then; None for days after today


@dataclass(frozen=True)
class PhaseProgress(Plain):
    phase: str
    done: int
    total: int


@dataclass(frozen=True)
class TrackBurnUp(Plain):
    track: str
    title: str
    start: date
    total: int
    done: int
    skipped: int
    remaining: int
    planned_finish: date | None  # the baseline's last day
    projected_finish: date | None  # the last day the open tasks are laid out on from today
    phases: tuple[PhaseProgress, ...]
    points: tuple[BurnUpPoint, ...]  # every day from the start to the later of today/baseline


@dataclass(frozen=True)
class StreakHistory(Plain):
    current: int  # as plan.service.streak: a run still alive today or yesterday
    longest: int
    runs: tuple[StreakRun, ...]  # oldest first


def _done_per_day(session: Session, track: str) -> dict[date, int]:
    rows = session.execute(
        select(PlanTaskState.done_day, func.count())
        .join(Task, Task.key == PlanTaskState.task_key)
        .join(Track, Track.id == Task.track_id)
        .where(
            Track.key == track,
            Task.retired_at.is_(None),
            PlanTaskState.status == "done",
            PlanTaskState.done_day.is_not(None),
        )
        .group_by(PlanTaskState.done_day)
    )
    return {as_date(day): int(n) for day, n in rows if day is not None}


def burn_up(session: Session, today: date) -> tuple[TrackBurnUp, ...]:
    """Per enrolled track: planned vs done, cumulative per day, and the finish dates."""
    breaks = service.pause_ranges(session)
    baseline_plans = service.track_plans(session, ignore_state=True)
    progress = {p.track: p for p in service.progress(session, today)}
    result = []
    for plan in baseline_plans:
        laid = lay_out([plan], plan.start, breaks)
        finished_on: dict[str, date] = {}
        for day in sorted(laid.days):
            for slot in laid.days[day]:
                finished_on[slot.task] = day  # a task spanning days finishes on its last
        planned_per_day: dict[date, int] = {}
        for day in finished_on.values():
            planned_per_day[day] = planned_per_day.get(day, 0) + 1
        done_per_day = _done_per_day(session, plan.track)
        planned_finish = max(finished_on.values(), default=None)
        last = max(today, planned_finish or plan.start, plan.start)
        done = sum(n for day, n in done_per_day.items() if day < plan.start)  # before enrolling
        planned, points = 0, []
        for day in Period(plan.start, last).each_day():
            planned += planned_per_day.get(day, 0)
            done += done_per_day.get(day, 0)
            points.append(BurnUpPoint(day, planned, done if day <= today else None))
        current = progress[plan.track]
        result.append(
            TrackBurnUp(
                plan.track,
                current.title,
                plan.start,
                len(plan.tasks),
                current.done,
                current.skipped,
                current.remaining,
                planned_finish,
                current.finish,
                tuple(PhaseProgress(p, d, t) for p, d, t in current.phases),
                tuple(points),
            )
        )
    return tuple(result)


def streak_history(session: Session, today: date, since: date | None = None) -> StreakHistory:
    """Runs of study days as plan.service counts the streak (``since`` defaults to a year
    before today; a run that began earlier is cut there)."""
    runs, current = service.streak_runs(session, today, since or today - timedelta(days=364))
    return StreakHistory(current, max((r.days for r in runs), default=0), tuple(runs))


__all__ = [
    "BurnUpPoint",
    "PhaseProgress",
    "StreakHistory",
    "StreakRun",  # defined with the streak rule in core/plan/service.py
    "TrackBurnUp",
    "burn_up",
    "streak_history",
]

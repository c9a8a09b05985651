"""Lay open tasks onto study days: a pure function of the plan's state.

Nothing is stored per day. Every time, the open tasks of each enrolled track are laid out in
the track's order from today onwards, within each day's minutes budget, so unfinished past
tasks carry over to today (oldest first) and everything after shifts; a pause or a rest day
just removes study days. A task that fits in a day is never split: if it does not fit in
what is left, it starts the next study day. A task longer than a day's budget spans days,
starting today when at least MIN_START minutes are left; a snoozed task waits for its date;
a task moved to a date is placed on exactly that date. Each open task is placed exactly once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

MIN_START = 30  # start a long task today only if this much time is left
# A guard, not a limit anyone meets: 700 hours at 15 minutes one day a week is 54 years. Days
# are produced lazily, so only the days a layout reaches cost anything.
HORIZON_DAYS = 100 * 366


@dataclass(frozen=True)
class PlanTask:
    key: str
    minutes: int
    snoozed_until: date | None = None
    pinned: date | None = None


@dataclass(frozen=True)
class TrackPlan:
    track: str
    start: date
    weekdays: frozenset[int]  # 0 = Monday
    minutes_per_day: int
    tasks: tuple[PlanTask, ...]  # open tasks, in the track's order
    done_today: int = 0  # minutes of today's budget already spent on tasks finished today


@dataclass
class Slot:
    track: str
    task: str
    minutes: int
    part: int = 1  # 1-based part number when a task spans several days
    parts: int = 1


@dataclass
class Schedule:
    days: dict[date, list[Slot]] = field(default_factory=dict)

    def first_day(self, task: str) -> date | None:
        return next(
            (d for d in sorted(self.days) if any(s.task == task for s in self.days[d])), None
        )

    def last_day(self) -> date | None:
        return max(self.days) if self.days else None

    def on(self, day: date) -> list[Slot]:
        return self.days.get(day, [])


def study_days(plan: TrackPlan, begin: date, breaks: Iterable[tuple[date, date]]) -> Iterable[date]:
    paused = list(breaks)
    day = max(begin, plan.start)
    for _ in range(HORIZON_DAYS):
        if day.weekday() in plan.weekdays and not any(a <= day <= b for a, b in paused):
            yield day
        day += timedelta(days=1)


class _Days:
    """Study days produced as the layout reaches them: a layout that stops early (``until``)
    never walks the whole horizon."""

    def __init__(self, days: Iterable[date]) -> None:
        self._next = iter(days)
        self._seen: list[date] = []

    def has(self, index: int) -> bool:
        while len(self._seen) <= index:
            day = next(self._next, None)
            if day is None:
                return False
            self._seen.append(day)
        return True

    def __getitem__(self, index: int) -> date:
        if not self.has(index):
            raise IndexError(index)
        return self._seen[index]


def lay_out(
    plans: Iterable[TrackPlan],
    today: date,
    breaks: Iterable[tuple[date, date]] = (),
    until: date | None = None,
) -> Schedule:
    """The schedule from ``today``; with ``until``, only the days up to it are complete (what
    Today and card gating need, without laying out years ahead)."""
    schedule = Schedule()
    breaks = list(breaks)
    for plan in plans:
        _lay_track(plan, today, breaks, schedule, until)
    for day in schedule.days:
        schedule.days[day].sort(key=lambda s: (s.track, s.part == 1))  # continuations first
    return schedule


def _lay_track(
    plan: TrackPlan,
    today: date,
    breaks: list[tuple[date, date]],
    schedule: Schedule,
    until: date | None = None,
) -> None:
    if plan.minutes_per_day <= 0:
        raise ValueError("minutes per day must be positive")
    if not plan.weekdays:
        raise ValueError(f"{plan.track}: no study weekdays")
    days = _Days(study_days(plan, today, breaks))
    # Finishing today's tasks ends the day's plan; it does not pull tomorrow's into today.
    used: dict[date, int] = {today: plan.done_today} if plan.done_today else {}
    pinned = [t for t in plan.tasks if t.pinned is not None]
    for task in pinned:  # a moved task sits on its date, whatever the budget
        assert task.pinned is not None
        day = max(task.pinned, today)
        schedule.days.setdefault(day, []).append(Slot(plan.track, task.key, task.minutes))
        used[day] = used.get(day, 0) + task.minutes
    waiting = [t for t in plan.tasks if t.pinned is None]
    index = 0  # position in `days`
    held: list[PlanTask] = []  # snoozed tasks whose date has not come yet
    queue = list(waiting)
    while queue or held:
        if not days.has(index):
            raise ValueError(f"{plan.track}: the plan does not fit in {HORIZON_DAYS} days")
        day = days[index]
        if until is not None and day > until:
            return
        ready = [t for t in held if t.snoozed_until is not None and t.snoozed_until <= day]
        for task in ready:
            held.remove(task)
        queue = ready + queue  # a snoozed task goes first once its day comes
        left = plan.minutes_per_day - used.get(day, 0)
        while queue and left > 0:
            task = queue[0]
            if task.snoozed_until is not None and task.snoozed_until > day:
                held.append(queue.pop(0))
                continue
            too_big = task.minutes > left and bool(used.get(day))
            if too_big and (task.minutes <= plan.minutes_per_day or left < MIN_START):
                break  # it fits a fresh day (or too little is left): start it tomorrow
            queue.pop(0)
            remaining, part, slots = task.minutes, 1, []
            span_index = index
            while remaining > 0:
                span_day = days[span_index]
                room = plan.minutes_per_day - used.get(span_day, 0)
                portion = min(remaining, room) if room > 0 else 0
                if portion:
                    slot = Slot(plan.track, task.key, portion, part)
                    schedule.days.setdefault(span_day, []).append(slot)
                    slots.append(slot)
                    used[span_day] = used.get(span_day, 0) + portion
                    remaining -= portion
                    part += 1
                if remaining:
                    span_index += 1
                    if not days.has(span_index):
                        raise ValueError(f"{plan.track}: the plan does not fit")
            for slot in slots:
                slot.parts = len(slots)
            left = plan.minutes_per_day - used.get(day, 0)
            if span_index != index:  # it ran past today: continue after it
                index = span_index
                day = days[index]
                left = plan.minutes_per_day - used.get(day, 0)
        index += 1

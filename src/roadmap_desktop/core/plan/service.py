"""The plan's state in the store, and what Today and the CLI show from it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from roadmap_desktop.core import catalog
from roadmap_desktop.core.plan.schedule import PlanTask, Schedule, TrackPlan, lay_out
from roadmap_desktop.core.store.models import (
    PlanBreak,
    PlanEnrollment,
    PlanTaskState,
    ReviewLog,
    Task,
    Track,
)

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class PlanError(ValueError):
    """A plan operation cannot be done; the message says why."""


@dataclass(frozen=True)
class TodayTask:
    key: str
    track: str
    title: str
    kind: str
    minutes: int  # today's share
    part: int
    parts: int
    tags: tuple[str, ...]
    resources: tuple[str, ...]
    exercises: tuple[str, ...]
    carried_over: bool
    done: bool


@dataclass(frozen=True)
class TrackProgress:
    track: str
    title: str
    done: int
    skipped: int
    remaining: int
    finish: date | None
    phases: tuple[tuple[str, int, int], ...]  # (phase title, done, total)


@dataclass(frozen=True)
class AgendaItem:
    key: str
    track: str
    title: str
    kind: str
    minutes: int
    part: int
    parts: int


@dataclass(frozen=True)
class AgendaDay:
    day: date
    state: str  # study | rest | paused
    items: tuple[AgendaItem, ...]

    @property
    def minutes(self) -> int:
        return sum(item.minutes for item in self.items)


@dataclass(frozen=True)
class Enrollment:
    track: str
    start: date
    weekdays: frozenset[int]
    minutes_per_day: int


@dataclass(frozen=True)
class Pause:
    id: int
    start: date
    end: date


def _weekdays(stored: str) -> frozenset[int]:
    """An enrolment's study weekdays as stored ("0,1,2,3,4", 0 = Monday)."""
    return frozenset(int(d) for d in stored.split(",") if d)


def parse_weekdays(text: str) -> frozenset[int]:
    names = [part.strip().lower()[:3] for part in text.split(",") if part.strip()]
    bad = [n for n in names if n not in WEEKDAYS]
    if bad or not names:
        raise PlanError(f"weekdays are a comma-separated list of {','.join(WEEKDAYS)}")
    return frozenset(WEEKDAYS.index(n) for n in names)


def enroll(
    session: Session, track_key: str, start: date, weekdays: frozenset[int], minutes_per_day: int
) -> None:
    if (
        session.scalar(select(Track.id).where(Track.key == track_key, Track.retired_at.is_(None)))
        is None
    ):
        raise PlanError(f"no track '{track_key}' (see: roadmap-desktop plan tracks)")
    if not 15 <= minutes_per_day <= 720:
        raise PlanError("minutes per day must be from 15 to 720")
    if not weekdays:
        raise PlanError("choose at least one study weekday")
    row = session.get(PlanEnrollment, track_key) or PlanEnrollment(track_key=track_key)
    row.start, row.minutes_per_day = start, minutes_per_day
    row.weekdays, row.active = ",".join(str(d) for d in sorted(weekdays)), True
    session.merge(row)


def unenroll(session: Session, track_key: str) -> None:
    row = session.get(PlanEnrollment, track_key)
    if row is not None:
        row.active = False


def pause(session: Session, start: date, end: date) -> None:
    if end < start:
        raise PlanError("a pause ends on or after the day it starts")
    session.add(PlanBreak(start=start, end=end))


def pauses(session: Session, today: date) -> list[Pause]:
    """Pauses that are not over yet, soonest first."""
    rows = session.scalars(
        select(PlanBreak).where(PlanBreak.end >= today).order_by(PlanBreak.start)
    )
    return [Pause(row.id, row.start, row.end) for row in rows]


def end_pause(session: Session, pause_id: int, today: date) -> None:
    """Resume the plan today: a pause already running ends yesterday (its days stay rest days
    for the streak); one that has not begun is dropped."""
    row = session.get(PlanBreak, pause_id)
    if row is None:
        return
    if row.start < today:
        row.end = min(row.end, today - timedelta(days=1))
    else:
        session.delete(row)


def enrollments(session: Session) -> list[Enrollment]:
    """The tracks followed now."""
    rows = session.scalars(
        select(PlanEnrollment).where(PlanEnrollment.active).order_by(PlanEnrollment.track_key)
    )
    return [
        Enrollment(
            row.track_key,
            row.start,
            _weekdays(row.weekdays),
            row.minutes_per_day,
        )
        for row in rows
    ]


def _state(session: Session, task_key: str) -> PlanTaskState:
    row = session.get(PlanTaskState, task_key)
    if row is None:
        row = PlanTaskState(task_key=task_key, status="open")
        session.add(row)
    return row


def complete(session: Session, task_key: str, day: date, minutes: int | None = None) -> None:
    _check_task(session, task_key)
    row = _state(session, task_key)
    row.status, row.done_day, row.actual_minutes = "done", day, minutes
    row.snoozed_until = row.pinned = None


def reopen(session: Session, task_key: str) -> None:
    row = _state(session, task_key)
    row.status, row.done_day, row.actual_minutes = "open", None, None


def skip(session: Session, task_key: str) -> None:
    _check_task(session, task_key)
    _state(session, task_key).status = "skipped"


def snooze(session: Session, task_key: str, until: date) -> None:
    _check_task(session, task_key)
    row = _state(session, task_key)
    row.snoozed_until, row.pinned = until, None


def move(session: Session, task_key: str, day: date) -> None:
    _check_task(session, task_key)
    row = _state(session, task_key)
    row.pinned, row.snoozed_until = day, None


def replan(session: Session) -> None:
    """Lay everything out afresh from today: drop every snooze and every moved date."""
    for row in session.scalars(select(PlanTaskState)):
        row.snoozed_until = row.pinned = None


def _check_task(session: Session, task_key: str) -> None:
    if session.scalar(select(Task.id).where(Task.key == task_key)) is None:
        raise PlanError(f"no task '{task_key}'")


def track_plans(
    session: Session, *, ignore_state: bool = False, today: date | None = None
) -> list[TrackPlan]:
    """The enrolled tracks' open tasks (all tasks with ``ignore_state``), from one query of
    the few columns the scheduler needs; with ``today``, the minutes already done today."""
    states = {s.task_key: s for s in session.scalars(select(PlanTaskState))}
    done_today: dict[str, int] = {}
    enrollments = list(session.scalars(select(PlanEnrollment).where(PlanEnrollment.active)))
    tasks: dict[str, list[PlanTask]] = {e.track_key: [] for e in enrollments}
    rows = session.execute(
        select(Track.key, Task.key, Task.minutes)
        .join(Task, Task.track_id == Track.id)
        .where(Track.key.in_(list(tasks)), Task.retired_at.is_(None))
        .order_by(Track.key, Task.position)
    )
    for track_key, task_key, minutes in rows:
        state = None if ignore_state else states.get(task_key)
        if state is not None and state.status != "open":
            if today is not None and state.status == "done" and state.done_day == today:
                done_today[track_key] = done_today.get(track_key, 0) + minutes
            continue
        snoozed = state.snoozed_until if state is not None else None
        pinned = state.pinned if state is not None else None
        tasks[track_key].append(PlanTask(task_key, minutes, snoozed, pinned))
    plans = []
    for enrollment in enrollments:
        weekdays = _weekdays(enrollment.weekdays)
        plans.append(
            TrackPlan(
                enrollment.track_key,
                enrollment.start,
                weekdays,
                enrollment.minutes_per_day,
                tuple(tasks[enrollment.track_key]),
                min(done_today.get(enrollment.track_key, 0), enrollment.minutes_per_day),
            )
        )
    return plans


def pause_ranges(session: Session) -> list[tuple[date, date]]:
    """Every pause as (first, last) day, inclusive."""
    return [(b.start, b.end) for b in session.scalars(select(PlanBreak))]


def schedule(session: Session, today: date, until: date | None = None) -> Schedule:
    """The agenda from today (complete up to ``until`` when given)."""
    return lay_out(track_plans(session, today=today), today, pause_ranges(session), until)


def agenda(session: Session, today: date, days: int = 14) -> list[AgendaDay]:
    """The coming ``days`` days from today: each study day's tasks, or why there are none."""
    if days < 1:
        raise PlanError("the agenda covers at least one day")
    last = today + timedelta(days=days - 1)
    plans = track_plans(session, today=today)
    breaks = pause_ranges(session)
    laid = lay_out(plans, today, breaks, until=last)
    study = {d for plan in plans for d in range(7) if d in plan.weekdays}
    keys = sorted({slot.task for d, slots in laid.days.items() if d <= last for slot in slots})
    rows = catalog.tasks_by_key(session, keys)
    result = []
    for offset in range(days):
        day = today + timedelta(days=offset)
        items = tuple(
            AgendaItem(
                slot.task,
                slot.track,
                rows[slot.task].title if slot.task in rows else slot.task,
                rows[slot.task].kind if slot.task in rows else "",
                slot.minutes,
                slot.part,
                slot.parts,
            )
            for slot in laid.on(day)
        )
        if any(a <= day <= b for a, b in breaks):
            state = "paused"
        elif day.weekday() in study or items:
            state = "study"
        else:
            state = "rest"
        result.append(AgendaDay(day, state, items))
    return result


def today_tasks(session: Session, today: date) -> list[TodayTask]:
    """Today's share of the plan, plus the tasks already finished today."""
    breaks = pause_ranges(session)
    current = lay_out(track_plans(session, today=today), today, breaks, until=today)
    baseline_plans = track_plans(session, ignore_state=True)
    baseline: dict[str, date] = {}
    for plan in baseline_plans:  # where each task was first due when the track was enrolled
        laid = lay_out([plan], plan.start, breaks, until=today)
        for day in sorted(laid.days):
            for slot in laid.days[day]:
                baseline.setdefault(slot.task, day)
    finished_today = list(
        session.scalars(
            select(PlanTaskState.task_key).where(
                PlanTaskState.done_day == today, PlanTaskState.status == "done"
            )
        )
    )
    rows = catalog.tasks_by_key(session, [s.task for s in current.on(today)] + finished_today)
    result = []
    for slot in current.on(today):
        task = rows[slot.task]
        result.append(
            TodayTask(
                task.key,
                slot.track,
                task.title,
                task.kind,
                slot.minutes,
                slot.part,
                slot.parts,
                task.tags,
                task.resources,
                task.exercises,
                baseline.get(task.key, today) < today,
                False,
            )
        )
    for key in finished_today:
        finished = rows.get(key)
        if finished is not None:
            result.append(
                TodayTask(
                    finished.key,
                    "",
                    finished.title,
                    finished.kind,
                    finished.minutes,
                    1,
                    1,
                    finished.tags,
                    finished.resources,
                    finished.exercises,
                    False,
                    True,
                )
            )
    return result


def progress(session: Session, today: date) -> list[TrackProgress]:
    plans = track_plans(session, today=today)
    laid = lay_out(plans, today, pause_ranges(session))
    states = {s.task_key: s.status for s in session.scalars(select(PlanTaskState))}
    titles = {t.key: t.title for t in catalog.tracks(session)}
    result = []
    for plan in plans:
        tasks = catalog.track_tasks(session, plan.track)
        done = sum(states.get(t.key) == "done" for t in tasks)
        skipped = sum(states.get(t.key) == "skipped" for t in tasks)
        phases: dict[str, list[int]] = {}
        for t in tasks:
            counts = phases.setdefault(t.phase_title, [0, 0])
            counts[0] += states.get(t.key) == "done"
            counts[1] += 1
        finish = max(
            (d for d, slots in laid.days.items() if any(s.track == plan.track for s in slots)),
            default=None,
        )
        result.append(
            TrackProgress(
                plan.track,
                titles.get(plan.track, plan.track),
                done,
                skipped,
                len(tasks) - done - skipped,
                finish,
                tuple((p, c[0], c[1]) for p, c in phases.items()),
            )
        )
    return result


@dataclass(frozen=True)
class StreakRun:
    start: date
    end: date
    days: int  # active days in the run (rest days inside it do not count)


def streak_runs(session: Session, today: date, since: date) -> tuple[list[StreakRun], int]:
    """Runs of study days with reviews or a finished task, oldest first, and the current
    streak (the last run's days if it is still alive, else 0). A rest weekday or a pause
    neither counts nor breaks a run, and today not being done yet does not break it either;
    a run that began before ``since`` is cut there."""
    enrollments = session.scalars(select(PlanEnrollment).where(PlanEnrollment.active))
    weekdays = set().union(*(_weekdays(e.weekdays) for e in enrollments)) or set(range(7))
    breaks = pause_ranges(session)
    active = set(
        session.scalars(
            select(ReviewLog.study_day)
            .where(ReviewLog.study_day >= since, ReviewLog.study_day <= today)
            .distinct()
        )
    )
    active |= set(
        session.scalars(
            select(PlanTaskState.done_day).where(
                PlanTaskState.status == "done",
                PlanTaskState.done_day >= since,
                PlanTaskState.done_day <= today,
            )
        )
    )
    runs: list[StreakRun] = []
    run: StreakRun | None = None
    day = since
    while day <= today:
        if day in active:
            run = StreakRun(run.start if run else day, day, (run.days if run else 0) + 1)
        elif (
            day != today and day.weekday() in weekdays and not any(a <= day <= b for a, b in breaks)
        ):
            if run is not None:
                runs.append(run)
            run = None
        day += timedelta(days=1)
    if run is not None:
        runs.append(run)
    return runs, run.days if run is not None else 0


def streak(session: Session, today: date) -> int:
    """Consecutive study days with reviews or a finished task; rest days neither count nor
    break it. Today counts once something is done; otherwise the streak runs to yesterday."""
    _runs, current = streak_runs(session, today, today - timedelta(days=400))
    return current

"""Card gating: a topic's new cards wait until the plan reaches a task with that topic.

Only topics an enrolled track teaches can be held back; a card whose topics no followed track
covers is never held. A track has reached every task up to the furthest one that is done,
skipped or on today's agenda (carry-over included), so finishing or skipping ahead unlocks the
topics of everything before it too. A card is held while one of its topics is still ahead
in the plan and none has been reached.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from roadmap_desktop.core.plan import service
from roadmap_desktop.core.plan.schedule import lay_out
from roadmap_desktop.core.store.models import Task, Track


@dataclass(frozen=True)
class TopicGate:
    reached: frozenset[str]  # topics of tasks the plan has reached
    locked: frozenset[str]  # topics only later tasks teach

    @property
    def holds_anything(self) -> bool:
        return bool(self.locked)


def topic_gate(session: Session, today: date) -> TopicGate | None:
    """The gate for ``today``, or None when no track is followed (nothing is held)."""
    plans = service.track_plans(session, today=today)
    if not plans:
        return None
    tracks = [plan.track for plan in plans]
    still_open = {task.key for plan in plans for task in plan.tasks}  # not done, not skipped
    laid = lay_out(plans, today, service.pause_ranges(session), until=today)
    on_today = {slot.task for slot in laid.on(today)}
    by_track: dict[str, list[tuple[str, list[str]]]] = {track: [] for track in tracks}
    for track, key, tags in session.execute(
        select(Track.key, Task.key, Task.tags)
        .join(Task, Task.track_id == Track.id)
        .where(Track.key.in_(tracks), Task.retired_at.is_(None))
        .order_by(Track.key, Task.position)
    ):
        by_track[track].append((key, tags))
    reached: set[str] = set()
    planned: set[str] = set()
    for tasks in by_track.values():
        furthest = max(
            (i for i, (key, _) in enumerate(tasks) if key not in still_open or key in on_today),
            default=-1,
        )
        for index, (_, tags) in enumerate(tasks):
            (reached if index <= furthest else planned).update(tags)
    return TopicGate(frozenset(reached), frozenset(planned - reached))

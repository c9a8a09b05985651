"""Exercise statistics: solved per topic, attempts and time to the first pass.

Topics live in the exercise files on disk, not in the store, so the caller passes a
slug -> topics mapping (``{s.slug: s.topics for s in load_exercises(roots)[0]}``).
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from roadmap_desktop.core.stats.common import Plain
from roadmap_desktop.core.store.models import ExerciseAttempt, ExerciseProgress


@dataclass(frozen=True)
class TopicSolved(Plain):
    topic: str
    solved: int
    attempted: int  # tried but not solved yet
    total: int  # exercises with this topic on disk


@dataclass(frozen=True)
class Solve(Plain):
    slug: str
    attempts: int  # runs up to and including the first pass
    minutes: float  # from the first run to the first pass
    solved_at: datetime  # UTC


@dataclass(frozen=True)
class ExerciseStats(Plain):
    topics: tuple[TopicSolved, ...]  # by topic name
    solves: tuple[Solve, ...]  # in the order they were solved
    mean_attempts: float | None
    median_minutes: float | None


def exercise_stats(session: Session, exercise_topics: Mapping[str, Sequence[str]]) -> ExerciseStats:
    attempted = set(
        session.scalars(select(ExerciseProgress.slug).where(ExerciseProgress.attempts > 0))
    )
    rows = session.execute(
        select(
            ExerciseProgress.slug,
            func.count(ExerciseAttempt.id),
            func.min(ExerciseAttempt.ran_at),
            ExerciseProgress.solved_at,
        )
        .join(
            ExerciseAttempt,
            (ExerciseAttempt.slug == ExerciseProgress.slug)
            & (ExerciseAttempt.ran_at <= ExerciseProgress.solved_at),
        )
        .where(ExerciseProgress.solved_at.is_not(None))
        .group_by(ExerciseProgress.slug, ExerciseProgress.solved_at)
        .order_by(ExerciseProgress.solved_at, ExerciseProgress.slug)
    )
    solves = tuple(
        Solve(slug, int(n), round((solved_at - first).total_seconds() / 60, 2), solved_at)
        for slug, n, first, solved_at in rows
        if solved_at is not None
    )
    solved = {s.slug for s in solves}
    per_topic: dict[str, list[int]] = {}
    for slug, topics in exercise_topics.items():
        for topic in topics:
            counts = per_topic.setdefault(topic, [0, 0, 0])
            counts[0] += slug in solved
            counts[1] += slug in attempted and slug not in solved
            counts[2] += 1
    return ExerciseStats(
        tuple(TopicSolved(t, *c) for t, c in sorted(per_topic.items())),
        solves,
        round(statistics.fmean(s.attempts for s in solves), 2) if solves else None,
        round(statistics.median(s.minutes for s in solves), 2) if solves else None,
    )

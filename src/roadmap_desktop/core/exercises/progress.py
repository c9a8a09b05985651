"""Attempts and progress per exercise, in the store."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from roadmap_desktop.core.exercises.runner import RunResult
from roadmap_desktop.core.store.models import ExerciseAttempt, ExerciseProgress


@dataclass(frozen=True)
class ProgressRow:
    slug: str
    state: str  # new | attempted | solved
    attempts: int
    hints_revealed: int
    last_status: str | None
    solution_shown: bool


def _get(session: Session, slug: str) -> ExerciseProgress:
    row = session.get(ExerciseProgress, slug)
    if row is None:
        row = ExerciseProgress(slug=slug, hints_revealed=0, attempts=0, solution_shown=False)
        session.add(row)
    return row


def record_attempt(session: Session, result: RunResult, now: datetime) -> None:
    """Store a finished run (a cancelled one is not an attempt)."""
    if result.status == "cancelled":
        return
    progress = _get(session, result.slug)
    session.add(
        ExerciseAttempt(
            slug=result.slug,
            ran_at=now,
            status=result.status,
            passed=result.passed,
            failed=result.failed,
            duration_ms=int(result.wall_ms),
            hints_revealed=progress.hints_revealed,
        )
    )
    progress.attempts += 1
    progress.last_status = result.status
    if result.status == "pass" and progress.solved_at is None:
        progress.solved_at = now


def reveal_hint(session: Session, slug: str, available: int) -> int:
    """Reveal one more hint (up to ``available``); returns how many are now shown."""
    progress = _get(session, slug)
    progress.hints_revealed = min(available, progress.hints_revealed + 1)
    return progress.hints_revealed


def mark_solution_shown(session: Session, slug: str) -> None:
    _get(session, slug).solution_shown = True


def progress_rows(session: Session) -> dict[str, ProgressRow]:
    rows = {}
    for p in session.scalars(select(ExerciseProgress)):
        state = "solved" if p.solved_at else "attempted" if p.attempts else "new"
        rows[p.slug] = ProgressRow(
            p.slug, state, p.attempts, p.hints_revealed, p.last_status, p.solution_shown
        )
    return rows

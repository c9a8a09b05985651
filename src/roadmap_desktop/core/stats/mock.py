"""Mock-interview statistics: each rubric signal's score over the finished interviews.

Interviews are few (one row each) and the scores are a JSON column, which SQL cannot
aggregate portably, so the finished rows' scores are read and grouped here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from roadmap_desktop.core.mock.sessions import SIGNALS
from roadmap_desktop.core.stats.common import Plain


@dataclass(frozen=True)
class SignalSeries(Plain):
    signal: str
    label: str
    points: tuple[tuple[datetime, int], ...]  # (finished at, UTC; score 1..4), oldest first
    average: float | None


@dataclass(frozen=True)
class MockStats(Plain):
    interviews: int  # finished ones
    signals: tuple[SignalSeries, ...]  # in the rubric's order


def mock_stats(session: Session) -> MockStats:
    from roadmap_desktop.core.store.models import MockSession

    rows = session.execute(
        select(MockSession.finished_at, MockSession.scores)
        .where(MockSession.status == "finished", MockSession.finished_at.is_not(None))
        .order_by(MockSession.finished_at, MockSession.id)
    ).all()
    series = []
    for key, label in SIGNALS:
        points = tuple(
            (finished, int(scores[key]))
            for finished, scores in rows
            if isinstance(scores, dict) and isinstance(scores.get(key), int)
        )
        average = round(sum(s for _, s in points) / len(points), 2) if points else None
        series.append(SignalSeries(key, label, points, average))
    return MockStats(len(rows), tuple(series))

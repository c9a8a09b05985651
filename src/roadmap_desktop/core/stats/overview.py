"""Everything the Stats view and ``stats --json`` show, collected in one session."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from roadmap_desktop.core.stats import reviews
from roadmap_desktop.core.stats.cards import CardCounts, card_counts
from roadmap_desktop.core.stats.common import Period, Plain, StatsFilter
from roadmap_desktop.core.stats.exercises import ExerciseStats, exercise_stats
from roadmap_desktop.core.stats.mock import MockStats, mock_stats
from roadmap_desktop.core.stats.plan import StreakHistory, TrackBurnUp, burn_up, streak_history


@dataclass(frozen=True)
class ReviewStats(Plain):
    cards: CardCounts  # by state, within the deck filter
    heatmap: tuple[reviews.DayCount, ...]  # the twelve months up to the period's end
    per_day: tuple[reviews.DayReviews, ...]  # the period
    answer_time: tuple[reviews.DayTime, ...]  # the period
    retention: reviews.Retention  # the period
    forecast: tuple[reviews.DayCount, ...]  # the next 30 days from today
    ease: tuple[reviews.EaseBucket, ...]
    hardest: tuple[reviews.HardCard, ...]


@dataclass(frozen=True)
class PlanStats(Plain):
    tracks: tuple[TrackBurnUp, ...]
    streak: StreakHistory  # over the heatmap's twelve months


@dataclass(frozen=True)
class Stats(Plain):
    study_day: date
    filter: StatsFilter
    period: Period
    heatmap_period: Period
    reviews: ReviewStats
    plan: PlanStats
    exercises: ExerciseStats
    mock: MockStats


def review_stats(session: Session, today: date, stats_filter: StatsFilter) -> ReviewStats:
    deck_ids = stats_filter.deck_ids(session)
    period = stats_filter.period(today)
    return ReviewStats(
        card_counts(session, today, deck_ids),
        reviews.heatmap(session, stats_filter.heatmap_period(today), deck_ids),
        reviews.reviews_per_day(session, period, deck_ids),
        reviews.answer_time_per_day(session, period, deck_ids),
        reviews.retention(session, period, deck_ids),
        reviews.due_forecast(session, today, deck_ids),
        reviews.ease_distribution(session, deck_ids),
        reviews.hardest_cards(session, deck_ids),
    )


def collect(
    session: Session,
    today: date,
    stats_filter: StatsFilter | None = None,
    exercise_topics: Mapping[str, Sequence[str]] | None = None,
) -> Stats:
    """All the statistics. The deck filter narrows the review figures; plan, exercises and
    mock interviews are not per deck and cover all their (few) rows."""
    stats_filter = stats_filter or StatsFilter()
    heatmap_period = stats_filter.heatmap_period(today)
    return Stats(
        today,
        stats_filter,
        stats_filter.period(today),
        heatmap_period,
        review_stats(session, today, stats_filter),
        PlanStats(burn_up(session, today), streak_history(session, today, heatmap_period.start)),
        exercise_stats(session, exercise_topics or {}),
        mock_stats(session),
    )

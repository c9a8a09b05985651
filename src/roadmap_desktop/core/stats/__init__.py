"""Aggregates for the CLI and the Stats view, as plain data from SQL (never loading all cards
or all review-log rows): frozen rows with ``as_dict()`` for JSON, no Qt.

cards (by state, today's queue), reviews (heatmap, per day, forecast, retention, ease,
answer time, hardest cards), plan (burn-up, streak history), exercises, mock; ``collect``
gathers them all for one filter.
"""

from roadmap_desktop.core.stats.cards import (
    MATURE_DAYS,
    CardCounts,
    TodayCounts,
    card_counts,
    deck_card_totals,
    today_counts,
)
from roadmap_desktop.core.stats.common import Period, StatsFilter
from roadmap_desktop.core.stats.overview import PlanStats, ReviewStats, Stats, collect, review_stats

__all__ = [
    "MATURE_DAYS",
    "CardCounts",
    "Period",
    "PlanStats",
    "ReviewStats",
    "Stats",
    "StatsFilter",
    "TodayCounts",
    "card_counts",
    "collect",
    "deck_card_totals",
    "review_stats",
    "today_counts",
]

"""Stats: card counts by state; charts arrive with the statistics issue."""

from __future__ import annotations

from roadmap_desktop.core.clock import study_day
from roadmap_desktop.core.stats import card_counts
from roadmap_desktop.ui.context import AppContext
from roadmap_desktop.ui.views.base import FigureRow, Place, notice


class StatsView(Place):
    title = "Stats"

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.figures = FigureRow()
        self.body.addWidget(self.figures)
        self.body.addWidget(
            notice(
                "Charts (review heatmap, forecast, retention, progress per track) are not built "
                "yet. The numbers above are live."
            )
        )
        self.finish()
        self.refresh()

    def refresh(self) -> None:
        with self.ctx.store.session() as session:
            counts = card_counts(session, study_day(self.ctx.store.clock.now()))
        self.figures.set_figures(
            [
                ("cards", str(counts.total - counts.retired)),
                ("new", str(counts.new)),
                ("young", str(counts.young)),
                ("mature", str(counts.mature)),
                ("suspended", str(counts.suspended)),
                ("due today", str(counts.due_today)),
            ]
        )

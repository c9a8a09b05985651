"""Today: the place the app opens to."""

from __future__ import annotations

from roadmap_desktop.core import catalog
from roadmap_desktop.core.clock import study_day
from roadmap_desktop.core.stats import card_counts
from roadmap_desktop.ui.context import AppContext
from roadmap_desktop.ui.views.base import FigureRow, Place, label, notice


class TodayView(Place):
    title = "Today"

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.day_label = label("", "muted")
        self.body.addWidget(self.day_label)
        self.figures = FigureRow()
        self.body.addWidget(self.figures)
        self.body.addWidget(
            notice(
                "The daily plan is not built yet: enrolling in a track and laying its tasks onto "
                "your study days comes with the planner. The tracks themselves can already be read "
                "under Plan (Ctrl+5), and the cards under Browse (Ctrl+6)."
            )
        )
        self.finish()
        self.refresh()

    def refresh(self) -> None:
        day = study_day(self.ctx.store.clock.now())
        with self.ctx.store.session() as session:
            counts = card_counts(session, day)
            track_rows = catalog.tracks(session)
        self.day_label.setText(day.strftime("%A, %d %B %Y"))
        self.figures.set_figures(
            [
                ("cards due today", str(counts.due_today)),
                ("new cards", str(counts.new)),
                ("tracks", str(len(track_rows))),
            ]
        )

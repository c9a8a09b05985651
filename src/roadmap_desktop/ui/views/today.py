"""Today: the place the app opens to."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from roadmap_desktop.core import catalog
from roadmap_desktop.core.clock import study_day
from roadmap_desktop.core.srs.settings import load_settings
from roadmap_desktop.core.stats import today_counts
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
        self.study = QPushButton("Study now  (Ctrl+2)")
        self.study.clicked.connect(lambda: ctx.navigate.emit("review"))
        self.body.addWidget(self.study)
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
        with self.ctx.store.session() as session:
            day = study_day(self.ctx.store.clock.now(), load_settings(session).day_start_hour)
            counts = today_counts(session, day)
            track_rows = catalog.tracks(session)
        self.day_label.setText(day.strftime("%A, %d %B %Y"))
        self.figures.set_figures(
            [
                ("reviews due", str(counts.due)),
                ("new cards today", str(counts.new_available)),
                ("answered today", str(counts.reviews_done + counts.new_done)),
                ("tracks", str(len(track_rows))),
            ]
        )
        left = counts.due + counts.new_available + counts.drill
        self.study.setEnabled(left > 0)
        self.study.setText(f"Study now: {left} cards  (Ctrl+2)" if left else "All done for today")

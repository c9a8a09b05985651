"""Exercises: not built yet; says so plainly."""

from __future__ import annotations

from roadmap_desktop.ui.context import AppContext
from roadmap_desktop.ui.views.base import Place, notice


class ExercisesView(Place):
    title = "Exercises"

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.body.addWidget(
            notice(
                "The exercise runner is not built yet: JavaScript exercises run locally with "
                "Node's built-in test runner arrive with the runner issue. "
                "`roadmap-desktop doctor` already checks that Node.js 20 or newer is installed."
            )
        )
        self.finish()

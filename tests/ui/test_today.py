"""Today shows the plan's tasks for the day; ticking one completes it and feeds the streak."""

from datetime import timedelta

from PySide6.QtCore import Qt

from roadmap_desktop.core.clock import study_day
from roadmap_desktop.core.plan import service as plan
from roadmap_desktop.ui.context import AppContext
from roadmap_desktop.ui.main_window import MainWindow
from roadmap_desktop.ui.views.today import TodayView


def test_today_lists_the_plan_and_ticking_completes(qtbot, ctx: AppContext) -> None:
    today = study_day(ctx.store.clock.now())
    with ctx.store.session() as session:
        plan.enroll(session, "node-90-days", today - timedelta(days=2), frozenset(range(7)), 150)
    window = MainWindow.for_context(ctx)
    qtbot.addWidget(window)
    view = window.view("today")
    assert isinstance(view, TodayView)
    view.refresh()
    first = view.tasks.item(0)
    assert first is not None and "carried over" in first.text()
    assert "Event loop" in view.detail.toPlainText() and "Resources" in view.detail.toPlainText()
    assert "node-90-days" not in view.plan_note.text() and "finish" in view.plan_note.text()
    assert view.exercise_button.text() == "Exercise: event-loop-order"

    first.setCheckState(Qt.CheckState.Checked)
    with ctx.store.session() as session:
        assert plan.streak(session, today) == 1
        done = [t for t in plan.today_tasks(session, today) if t.done]
    assert [t.key for t in done] == ["node90.d01-event-loop"]
    assert "day streak" in [caption for caption in view.figures._values]
    assert view.figures._values["day streak"].text() == "1"

"""The Stats place draws what the learner did: reviews on the heatmap and charts, the hardest
card linked to Browse, the plan's burn-up, exercises and mock scores; filters narrow it."""

from datetime import timedelta

from PySide6.QtCharts import QChartView

from roadmap_desktop.core.clock import FixedClock, utc_now
from roadmap_desktop.core.exercises.progress import record_attempt
from roadmap_desktop.core.exercises.runner import RunResult
from roadmap_desktop.core.mock import sessions as mock_sessions
from roadmap_desktop.core.mock.templates import DEFAULT
from roadmap_desktop.core.srs.session import ReviewSession
from roadmap_desktop.ui.context import AppContext
from roadmap_desktop.ui.main_window import MainWindow
from roadmap_desktop.ui.views.browse import BrowseView
from roadmap_desktop.ui.views.stats import StatsView


def study_days(ctx: AppContext, clock: FixedClock, days: int, per_day: int) -> None:
    """Answer ``per_day`` cards a day; every third answer forgets (grade 1)."""
    for _ in range(days):
        review = ReviewSession(ctx.store)
        for n in range(per_day):
            if review.next() is None:
                break
            review.answer(1 if n % 3 == 0 else 4, 3000)
        clock.advance(timedelta(days=1))


def charts(view: StatsView) -> list[str]:
    """Titles of the charts on the current tab."""
    page = view.tabs.currentWidget()
    return [w.chart().title() for w in page.findChildren(QChartView)]


def test_stats_show_the_learners_history(qtbot, ctx: AppContext, clock: FixedClock) -> None:
    study_days(ctx, clock, days=5, per_day=12)
    now = utc_now(clock)
    with ctx.store.session() as session:
        record_attempt(session, RunResult("event-loop-order", "fail", [], [], "", "", 5.0, 0), now)
        later = now + timedelta(minutes=20)
        passed = RunResult("event-loop-order", "pass", [], [], "", "", 5.0, 0)
        record_attempt(session, passed, later)
        prompt = mock_sessions.prompt_choices(session)[0].key
        sid = mock_sessions.start(session, prompt, DEFAULT, "{}", now)
        mock_sessions.finish(session, sid, {"requirements": 3, "design": 2}, "", "{}", later)

    window = MainWindow.for_context(ctx)
    qtbot.addWidget(window)
    window.show()
    view = window.view("stats")
    assert isinstance(view, StatsView)
    with qtbot.waitSignal(view.loaded, timeout=20_000):
        window.show_place("stats")
    assert view.stats is not None
    reviews = view.stats.reviews
    assert sum(count for _, count in reviews.heatmap) >= 60 - 1
    assert "reviews in the last 12 months, on 5 days" in view.heatmap_caption.text()
    assert view.heatmap.sizeHint().width() > 53 * 12
    assert {"Reviews per day", "Answer time per day"} <= set(charts(view))
    assert view.figures._values["retention, young"].text().endswith("%")

    # The hardest card opens in Browse.
    assert view.hardest.rowCount() > 0
    lapses = view.hardest.item(0, 2)
    assert lapses is not None and int(lapses.text()) >= 1
    view._open_hard_card(0, 0)
    browse = window.view("browse")
    assert isinstance(browse, BrowseView) and window.current_place() == "browse"
    assert browse.model.rowCount() == 1 and browse.search.text().startswith("key:")

    # Exercises and mock interviews.
    view.tabs.setCurrentIndex(2)
    assert view.stats.exercises.solves[0].attempts == 2
    assert (
        "1 solved; attempts per solve 2.0"
        in view.exercise_page.findChildren(type(view.heatmap_caption))[0].text()
    )
    view.tabs.setCurrentIndex(3)
    assert "Self-assessment per signal (1-4)" in charts(view)

    # A deck filter with no reviews empties the heatmap; the period filter narrows the series.
    empty_deck = next(
        view.deck.itemData(i)
        for i in range(1, view.deck.count())
        if view.deck.itemData(i).startswith("System Design")
    )
    with qtbot.waitSignal(view.loaded, timeout=20_000):
        view.deck.setCurrentIndex(view.deck.findData(empty_deck))
    assert sum(count for _, count in view.stats.reviews.heatmap) == 0
    with qtbot.waitSignal(view.loaded, timeout=20_000):
        view.period.setCurrentIndex(view.period.findData(90))
    assert len(view.stats.reviews.per_day) == 90
    view.wait_for_background_work()

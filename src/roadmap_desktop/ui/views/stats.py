"""Stats: reviews, the plan, exercises and mock interviews as charts, filtered by deck and
period. The numbers come from core/stats, gathered on a worker thread so a large collection
never freezes the window; a newer request supersedes an older one still running."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from roadmap_desktop.core.clock import study_day
from roadmap_desktop.core.content.service import roots_for
from roadmap_desktop.core.exercises.catalog import load_exercises
from roadmap_desktop.core.srs.settings import load_settings
from roadmap_desktop.core.stats import StatsFilter, collect, deck_card_totals
from roadmap_desktop.core.stats.overview import Stats
from roadmap_desktop.core.store.database import Store
from roadmap_desktop.ui.context import AppContext
from roadmap_desktop.ui.views.base import FigureRow, Place, label
from roadmap_desktop.ui.widgets.charts import bar_chart, date_line_chart
from roadmap_desktop.ui.widgets.heatmap import CalendarHeatmap

PERIODS = ((30, "Last 30 days"), (90, "Last 90 days"), (365, "Last 12 months"))
_KEY = Qt.ItemDataRole.UserRole


class _Signals(QObject):
    # Only plain values cross threads; the result stays on the job (PySide can mis-count
    # references of Python objects passed through queued signals).
    done = Signal(int)  # request number
    failed = Signal(int, str)


class _Collect(QRunnable):
    def __init__(self, store: Store, number: int, deck: str | None, days: int) -> None:
        super().__init__()
        self.store, self.number, self.deck, self.days = store, number, deck, days
        self.signals = _Signals()
        self.result: Stats | None = None
        self.setAutoDelete(False)  # the view keeps it until its result is read

    def run(self) -> None:
        try:
            specs, _issues = load_exercises(roots_for(self.store))
            with self.store.session() as session:
                today = study_day(self.store.clock.now(), load_settings(session).day_start_hour)
                chosen = StatsFilter(self.deck, start=today - timedelta(days=self.days - 1))
                stats = collect(session, today, chosen, {s.slug: s.topics for s in specs})
        except Exception as exc:  # shown in the place; the app keeps running
            self.signals.failed.emit(self.number, f"statistics could not be read: {exc}")
        else:
            self.result = stats
            self.signals.done.emit(self.number)


def _percent(rate: float | None) -> str:
    return "–" if rate is None else f"{rate * 100:.0f}%"


def _clear(layout: QGridLayout | QVBoxLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.deleteLater()


class StatsView(Place):
    title = "Stats"
    loaded = Signal()  # the charts show the latest request's numbers

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        filters = QHBoxLayout()
        self.deck = QComboBox()
        self.deck.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.period = QComboBox()
        for days, text in PERIODS:
            self.period.addItem(text, days)
        filters.addWidget(QLabel("Deck"))
        filters.addWidget(self.deck)
        filters.addWidget(QLabel("Period"))
        filters.addWidget(self.period)
        filters.addStretch(1)
        self.state = label("", "muted")
        filters.addWidget(self.state)
        self.body.addLayout(filters)
        self.figures = FigureRow()
        self.body.addWidget(self.figures)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._reviews_tab(), "Reviews")
        self.plan_page, self.plan_box = self._page()
        self.tabs.addTab(self.plan_page, "Plan")
        self.exercise_page, self.exercise_box = self._page()
        self.tabs.addTab(self.exercise_page, "Exercises")
        self.mock_page, self.mock_box = self._page()
        self.tabs.addTab(self.mock_page, "Mock interviews")
        self.body.addWidget(self.tabs, 1)
        self.stats: Stats | None = None
        self._requests = 0
        self._jobs: dict[int, _Collect] = {}
        self.deck.currentIndexChanged.connect(self.reload)
        self.period.currentIndexChanged.connect(self.reload)
        ctx.theme.changed.connect(lambda _dark: self._render())
        self.refresh()

    @staticmethod
    def _page() -> tuple[QWidget, QVBoxLayout]:
        page = QWidget()
        box = QVBoxLayout(page)
        box.setContentsMargins(8, 8, 8, 8)
        return page, box

    def _reviews_tab(self) -> QWidget:
        page, box = self._page()
        self.heatmap_caption = label("", "muted")
        box.addWidget(self.heatmap_caption)
        self.heatmap = CalendarHeatmap()
        box.addWidget(self.heatmap)
        self.review_charts = QGridLayout()
        box.addLayout(self.review_charts)
        box.addWidget(label("Hardest cards (most lapses); double-click opens one in Browse"))
        self.hardest = QTableWidget(0, 4)
        self.hardest.setHorizontalHeaderLabels(["Card", "Deck", "Lapses", "Ease"])
        self.hardest.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.hardest.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.hardest.verticalHeader().setVisible(False)
        header = self.hardest.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.hardest.setMinimumHeight(180)
        self.hardest.cellDoubleClicked.connect(self._open_hard_card)
        box.addWidget(self.hardest)
        return page

    # ----------------------------------------------------------------- loading
    def refresh(self) -> None:
        with self.ctx.store.session() as session:
            decks = [name for name, _count in deck_card_totals(session)]
        current = self.deck.currentData()
        self.deck.blockSignals(True)
        self.deck.clear()
        self.deck.addItem("All decks", None)
        for name in decks:
            self.deck.addItem(name, name)
        self.deck.setCurrentIndex(max(0, self.deck.findData(current)) if current else 0)
        self.deck.blockSignals(False)
        self.reload()

    def reload(self) -> None:
        """Gather the numbers off the GUI thread; only the newest request is drawn."""
        self._requests += 1
        job = _Collect(
            self.ctx.store, self._requests, self.deck.currentData(), int(self.period.currentData())
        )
        job.signals.done.connect(self._collected)
        job.signals.failed.connect(self._failed)
        self._jobs[self._requests] = job
        self.state.setText("Counting…")
        QThreadPool.globalInstance().start(job)

    def _collected(self, number: int) -> None:
        job = self._jobs.pop(number, None)
        if number != self._requests or job is None or job.result is None:
            return  # a newer filter was chosen meanwhile
        stats = job.result
        self.stats = stats
        self.state.setText(f"as of {stats.study_day:%d %b %Y}")
        self._render()
        self.loaded.emit()

    def _failed(self, number: int, message: str) -> None:
        self._jobs.pop(number, None)
        if number == self._requests:
            self.state.setText(message)
            self.ctx.status.emit(message)

    # --------------------------------------------------------------- rendering
    def _render(self) -> None:
        stats = self.stats
        if stats is None:
            return
        dark = self.ctx.theme.dark
        r = stats.reviews
        self.figures.set_figures(
            [
                ("cards", str(r.cards.total - r.cards.retired)),
                ("new", str(r.cards.new)),
                ("young", str(r.cards.young)),
                ("mature", str(r.cards.mature)),
                ("suspended", str(r.cards.suspended)),
                ("retention, young", _percent(r.retention.young.rate)),
                ("retention, mature", _percent(r.retention.mature.rate)),
                (
                    "day streak (longest)",
                    f"{stats.plan.streak.current} ({stats.plan.streak.longest})",
                ),
            ]
        )
        total = sum(count for _, count in r.heatmap)
        active = sum(1 for _, count in r.heatmap if count)
        self.heatmap_caption.setText(
            f"{total} reviews in the last 12 months, on {active} days"
            + (f" (deck {stats.filter.deck})" if stats.filter.deck else "")
        )
        self.heatmap.set_days([(day, count) for day, count in r.heatmap], dark)
        self._render_review_charts(stats, dark)
        self._render_hardest(stats)
        self._render_plan(stats, dark)
        self._render_exercises(stats, dark)
        self._render_mock(stats, dark)

    def _render_review_charts(self, stats: Stats, dark: bool) -> None:
        r = stats.reviews
        _clear(self.review_charts)
        days = [f"{d.day:%d %b}" for d in r.per_day]
        every = max(1, len(days) // 6)
        per_day = bar_chart(
            "Reviews per day",
            days,
            [
                ("new learned", [d.learned for d in r.per_day]),
                ("reviews", [d.review for d in r.per_day]),
                ("drill", [d.drill for d in r.per_day]),
            ],
            dark=dark,
            stacked=True,
            label_every=every,
        )
        forecast = bar_chart(
            "Due in the next 30 days (overdue counted today)",
            [f"{day:%d %b}" for day, _ in r.forecast],
            [("due", [count for _, count in r.forecast])],
            dark=dark,
            label_every=5,
        )
        answer = bar_chart(
            "Answer time per day",
            days,
            [("minutes", [t.total_seconds / 60 for t in r.answer_time])],
            dark=dark,
            value_format="%.0f",
            value_title="minutes",
            label_every=every,
        )
        ease = bar_chart(
            "Ease of reviewed cards",
            [f"{b.low:.1f}" for b in r.ease],
            [("cards", [b.count for b in r.ease])],
            dark=dark,
            label_every=max(1, len(r.ease) // 8),
        )
        for index, view in enumerate((per_day, forecast, answer, ease)):
            self.review_charts.addWidget(view, index // 2, index % 2)

    def _render_hardest(self, stats: Stats) -> None:
        hardest = stats.reviews.hardest
        self.hardest.setRowCount(len(hardest))
        for row, card in enumerate(hardest):
            front = QTableWidgetItem(card.front)
            front.setData(_KEY, card.key)
            front.setToolTip(card.key)
            values = (front, QTableWidgetItem(card.deck), QTableWidgetItem(str(card.lapses)))
            for column, item in enumerate(values):
                self.hardest.setItem(row, column, item)
            self.hardest.setItem(row, 3, QTableWidgetItem(f"{card.ease:.2f}"))

    def _open_hard_card(self, row: int, _column: int) -> None:
        item = self.hardest.item(row, 0)
        key = item.data(_KEY) if item is not None else None
        if not key:
            return
        self.ctx.navigate.emit("browse")
        window = self.window()
        view = getattr(window, "view", None)
        if view is not None:
            view("browse").show_search(f"key:{key}")

    def _render_plan(self, stats: Stats, dark: bool) -> None:
        _clear(self.plan_box)
        streak = stats.plan.streak
        runs = ", ".join(
            f"{run.start:%d %b}–{run.end:%d %b} ({run.days})" for run in streak.runs[-6:]
        )
        self.plan_box.addWidget(
            label(
                f"Streak: {streak.current} days now, longest {streak.longest}."
                + (f" Recent runs: {runs}." if runs else "")
            )
        )
        if not stats.plan.tracks:
            self.plan_box.addWidget(
                label("Follow a track (Today or Plan) to see its burn-up.", "muted")
            )
        for track in stats.plan.tracks:
            finish = (
                f"projected finish {track.projected_finish:%d %b %Y}"
                if track.projected_finish
                else "finished"
            )
            planned = f", planned {track.planned_finish:%d %b %Y}" if track.planned_finish else ""
            self.plan_box.addWidget(
                label(
                    f"{track.title}: {track.done} of {track.total} done, "
                    f"{track.skipped} skipped; {finish}{planned}"
                )
            )
            step = max(1, len(track.points) // 400)  # years of days: every n-th is enough
            shown = [*track.points[::step], *track.points[-1:]] if track.points else []
            self.plan_box.addWidget(
                date_line_chart(
                    f"{track.title}: tasks done against the plan",
                    [
                        ("planned", [(p.day, p.planned) for p in shown]),
                        ("done", [(p.day, p.done) for p in shown if p.done is not None]),
                    ],
                    dark=dark,
                    dashed=("planned",),
                    value_title="tasks",
                )
            )
        self.plan_box.addStretch(1)

    def _render_exercises(self, stats: Stats, dark: bool) -> None:
        _clear(self.exercise_box)
        ex = stats.exercises
        attempted = [t for t in ex.topics if t.attempted or t.solved]
        mean = f"{ex.mean_attempts:.1f}" if ex.mean_attempts is not None else "–"
        median = f"{ex.median_minutes:.0f} min" if ex.median_minutes is not None else "–"
        self.exercise_box.addWidget(
            label(
                f"{len(ex.solves)} solved; attempts per solve {mean} on average; "
                f"median time to solve {median}."
            )
        )
        if not ex.solves and not attempted:
            self.exercise_box.addWidget(
                label("No exercise attempted yet (Exercises, Ctrl+3).", "muted")
            )
        topics = list(reversed(ex.topics))  # QtCharts draws the first category at the bottom
        if topics:
            self.exercise_box.addWidget(
                bar_chart(
                    "Solved per topic, of the exercises on that topic",
                    [t.topic for t in topics],
                    [
                        ("solved", [t.solved for t in topics]),
                        ("tried, not solved yet", [t.attempted for t in topics]),
                        ("exercises", [t.total for t in topics]),
                    ],
                    dark=dark,
                    horizontal=True,
                    height=120 + 26 * len(topics),
                )
            )
        if ex.solves:
            table = QTableWidget(len(ex.solves), 4)
            table.setHorizontalHeaderLabels(["Exercise", "Attempts", "Minutes to solve", "Solved"])
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.verticalHeader().setVisible(False)
            table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            for row, solve in enumerate(ex.solves):
                values = (
                    solve.slug,
                    str(solve.attempts),
                    f"{solve.minutes:.0f}",
                    f"{solve.solved_at:%d %b %Y}",
                )
                for column, text in enumerate(values):
                    table.setItem(row, column, QTableWidgetItem(text))
            table.setMinimumHeight(min(400, 40 + 30 * len(ex.solves)))
            self.exercise_box.addWidget(table)
        self.exercise_box.addStretch(1)

    def _render_mock(self, stats: Stats, dark: bool) -> None:
        _clear(self.mock_box)
        mock = stats.mock
        if not mock.interviews:
            self.mock_box.addWidget(
                label("No finished mock interviews yet (Mock interview, Ctrl+4).", "muted")
            )
            self.mock_box.addStretch(1)
            return
        averages = "; ".join(
            f"{s.label} {s.average:.1f}" for s in mock.signals if s.average is not None
        )
        self.mock_box.addWidget(label(f"{mock.interviews} interviews. Averages: {averages}."))
        self.mock_box.addWidget(
            date_line_chart(
                "Self-assessment per signal (1-4)",
                [(s.label, [(at.date(), score) for at, score in s.points]) for s in mock.signals],
                dark=dark,
                y_range=(0, 4),
                height=300,
            )
        )
        self.mock_box.addStretch(1)

    def wait_for_background_work(self) -> None:
        QThreadPool.globalInstance().waitForDone()

"""Today: the place the app opens to — today's share of the plan, the reviews, the streak."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
)

from roadmap_desktop.core import catalog
from roadmap_desktop.core.clock import study_day
from roadmap_desktop.core.content.service import roots_for
from roadmap_desktop.core.exercises.catalog import load_exercises
from roadmap_desktop.core.plan import service as plan
from roadmap_desktop.core.srs import queue
from roadmap_desktop.core.srs.settings import load_settings
from roadmap_desktop.core.stats import today_counts
from roadmap_desktop.ui.context import AppContext
from roadmap_desktop.ui.views.base import FigureRow, Place, label, tidy_list
from roadmap_desktop.ui.widgets.markdown_view import MarkdownView
from roadmap_desktop.ui.widgets.plan_dialogs import EnrollDialog

_KEY = Qt.ItemDataRole.UserRole
DESIGN_TOPICS = {"system-design", "classic-designs", "capacity-estimation"}


class TodayView(Place):
    title = "Today"

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.day_label = label("", "muted")
        self.body.addWidget(self.day_label)
        self.figures = FigureRow()
        self.body.addWidget(self.figures)
        actions = QHBoxLayout()
        self.study = QPushButton("Study now  (Ctrl+2)")
        self.study.clicked.connect(lambda: ctx.navigate.emit("review"))
        self.exercise_button = QPushButton("")
        self.exercise_button.clicked.connect(self._open_exercise)
        self.mock_button = QPushButton("Practise a mock interview  (Ctrl+4)")
        self.mock_button.clicked.connect(lambda: ctx.navigate.emit("mock"))
        self.enroll_button = QPushButton("Follow a track…")
        self.enroll_button.clicked.connect(self.enroll)
        for button in (self.study, self.exercise_button, self.mock_button, self.enroll_button):
            actions.addWidget(button)
        actions.addStretch(1)
        self.body.addLayout(actions)
        self.plan_note = label("", "muted")
        self.body.addWidget(self.plan_note)
        self.tasks = tidy_list(QListWidget())
        self.tasks.itemChanged.connect(self._checked)
        self.tasks.currentItemChanged.connect(self._show_task)
        self.detail = MarkdownView()
        self.detail.set_dark(ctx.theme.dark)
        ctx.theme.changed.connect(self.detail.set_dark)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.tasks)
        split.addWidget(self.detail)
        split.setSizes([460, 560])
        split.setMinimumHeight(380)
        self.body.addWidget(split, 1)
        self._today_tasks: dict[str, plan.TodayTask] = {}
        self._suggested: str | None = None
        self.refresh()

    def refresh(self) -> None:
        with self.ctx.store.session() as session:
            day = study_day(self.ctx.store.clock.now(), load_settings(session).day_start_hour)
            counts = today_counts(session, day)
            tasks = plan.today_tasks(session, day)
            held = queue.held_new(session, day, load_settings(session))
            streak = plan.streak(session, day)
            progress = plan.progress(session, day)
        self.day = day
        self.day_label.setText(day.strftime("%A, %d %B %Y"))
        left = counts.due + counts.new_available + counts.drill
        planned_minutes = sum(t.minutes for t in tasks if not t.done)
        self.figures.set_figures(
            [
                ("reviews due", str(counts.due)),
                ("new cards today", str(counts.new_available)),
                ("planned today", f"{planned_minutes} min"),
                ("day streak", str(streak)),
            ]
        )
        self.study.setEnabled(left > 0)
        self.study.setText(f"Study now: {left} cards  (Ctrl+2)" if left else "Reviews done")
        carried = sum(t.carried_over for t in tasks)
        if progress:
            finishes = ", ".join(
                f"{p.title}: {p.done}/{p.done + p.skipped + p.remaining} done, "
                f"finish {p.finish:%d %b %Y}"
                if p.finish
                else p.title
                for p in progress
            )
            self.plan_note.setText(
                finishes
                + (f" · {carried} carried over from earlier days" if carried else "")
                + (f" · {held} new cards wait until the plan reaches their topics" if held else "")
            )
        else:
            self.plan_note.setText("You follow no track yet: choose one to get a daily plan.")
        self.enroll_button.setText("Follow another track…" if progress else "Follow a track…")
        self._fill(tasks)
        self._suggest(tasks)

    def _fill(self, tasks: list[plan.TodayTask]) -> None:
        self._today_tasks = {t.key: t for t in tasks}
        self.tasks.blockSignals(True)
        self.tasks.clear()
        for task in tasks:
            part = f" · part {task.part} of {task.parts}" if task.parts > 1 else ""
            carried = " · carried over" if task.carried_over else ""
            item = QListWidgetItem(f"{task.title}\n{task.kind} · {task.minutes} min{part}{carried}")
            item.setData(_KEY, task.key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if task.done else Qt.CheckState.Unchecked)
            self.tasks.addItem(item)
        self.tasks.blockSignals(False)
        if tasks:
            self.tasks.setCurrentRow(0)
        else:
            self.detail.set_markdown("Nothing planned for today.")

    def _suggest(self, tasks: list[plan.TodayTask]) -> None:
        linked = [slug for t in tasks if not t.done for slug in t.exercises]
        topics = {tag for t in tasks for tag in t.tags}
        suggestion = linked[0] if linked else None
        if suggestion is None and topics:
            specs, _ = load_exercises(roots_for(self.ctx.store))
            match = next((s for s in specs if topics & set(s.topics)), None)
            suggestion = match.slug if match else None
        self._suggested = suggestion
        self.exercise_button.setVisible(suggestion is not None)
        self.exercise_button.setText(f"Exercise: {suggestion}" if suggestion else "")
        design_day = any(t.kind == "mock" or DESIGN_TOPICS & set(t.tags) for t in tasks)
        self.mock_button.setVisible(design_day)

    def _open_exercise(self) -> None:
        if self._suggested is None:
            return
        self.ctx.navigate.emit("exercises")
        window = self.window()
        view = getattr(window, "view", None)
        if view is not None:
            view("exercises").open_exercise(self._suggested)

    def _checked(self, item: QListWidgetItem) -> None:
        key = item.data(_KEY)
        with self.ctx.store.session() as session:
            if item.checkState() == Qt.CheckState.Checked:
                plan.complete(session, key, self.day)
            else:
                plan.reopen(session, key)
        self.ctx.status.emit(
            "Task done: the plan moves on"
            if item.checkState() == Qt.CheckState.Checked
            else "Task open again"
        )
        self.ctx.data_changed.emit()

    def _show_task(self, item: QListWidgetItem | None, _old: object = None) -> None:
        task = self._today_tasks.get(item.data(_KEY)) if item else None
        if task is None:
            return
        with self.ctx.store.session() as session:
            rows = (
                {t.key: t for t in catalog.track_tasks(session, task.track)} if task.track else {}
            )
            links = catalog.resources_by_key(session, task.resources)
        row = rows.get(task.key)
        parts = [f"## {task.title}", row.description if row else ""]
        if row and row.checklist:
            parts.append("### Done when\n" + "\n".join(f"- ☐ {c}" for c in row.checklist))
        if links:
            parts.append(
                "### Resources\n" + "\n".join(f"- [{title}]({url})" for title, url in links)
            )
        if task.exercises:
            parts.append(
                "### Exercises\n"
                + "\n".join(f"- `{slug}` (Exercises, Ctrl+3)" for slug in task.exercises)
            )
        self.detail.set_markdown("\n\n".join(p for p in parts if p))

    def enroll(self) -> None:
        with self.ctx.store.session() as session:
            tracks = catalog.tracks(session)
        dialog = EnrollDialog(tracks, self.day, self)
        if dialog.exec():
            try:
                with self.ctx.store.session() as session:
                    plan.enroll(session, *dialog.values())
            except plan.PlanError as exc:
                self.ctx.status.emit(str(exc))
                return
            self.ctx.data_changed.emit()

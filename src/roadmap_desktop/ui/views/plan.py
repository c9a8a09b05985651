"""Plan: the tracks you follow, their progress per phase, the agenda of the coming days, and
the changes a week of real life needs (done, skip, snooze, move, pause, re-plan)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from roadmap_desktop.core import catalog
from roadmap_desktop.core.clock import study_day
from roadmap_desktop.core.plan import service as plan
from roadmap_desktop.core.srs.settings import load_settings
from roadmap_desktop.ui.context import AppContext
from roadmap_desktop.ui.views.base import Place, label
from roadmap_desktop.ui.widgets.markdown_view import MarkdownView
from roadmap_desktop.ui.widgets.plan_dialogs import DateDialog, EnrollDialog, PauseDialog

_KEY = Qt.ItemDataRole.UserRole
AGENDA_DAYS = 21


def task_markdown(task: catalog.TaskRow, links: list[tuple[str, str]] | None = None) -> str:
    """A task as the detail pane shows it: description, checklist, topics, seed original."""
    parts = [
        f"## {task.title}",
        f"*{task.kind} · {task.minutes} min · {task.phase_title}*",
        task.description,
    ]
    if task.checklist:
        parts.append("### Done when\n" + "\n".join(f"- ☐ {c}" for c in task.checklist))
    if links:
        parts.append("### Resources\n" + "\n".join(f"- [{t}]({u})" for t, u in links))
    if task.exercises:
        parts.append("### Exercises\n" + "\n".join(f"- `{slug}`" for slug in task.exercises))
    if task.tags:
        parts.append("**Topics:** " + ", ".join(f"`{t}`" for t in task.tags))
    if task.title_original or task.description_original:
        original = "\n\n".join(
            x
            for x in (
                task.title_original and f"**{task.title_original}**",
                task.description_original,
            )
            if x
        )
        parts.append("### Original (seed text)\n\n" + original)
    return "\n\n".join(p for p in parts if p)


def _bar(done: int, total: int) -> QProgressBar:
    bar = QProgressBar()
    bar.setRange(0, max(total, 1))
    bar.setValue(done)
    bar.setFormat(f"{done} / {total}")
    bar.setMaximumHeight(16)
    return bar


class PlanView(Place):
    title = "Plan"

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.day = date.today()
        actions = QHBoxLayout()
        self.enroll_button = QPushButton("Follow a track…")
        self.enroll_button.clicked.connect(self.enroll)
        self.pause_button = QPushButton("Pause…")
        self.pause_button.setToolTip("A vacation: no study days in it; the plan shifts past it")
        self.pause_button.clicked.connect(self.pause)
        self.replan_button = QPushButton("Re-plan from today")
        self.replan_button.setToolTip("Drop every snooze and moved date; lay the plan out afresh")
        self.replan_button.clicked.connect(self.replan)
        for button in (self.enroll_button, self.pause_button, self.replan_button):
            actions.addWidget(button)
        actions.addStretch(1)
        self.body.addLayout(actions)
        pauses = QHBoxLayout()
        self.pauses_note = label("", "muted")
        self.end_pause_button = QPushButton("End this pause")
        self.end_pause_button.clicked.connect(self.end_pause)
        pauses.addWidget(self.pauses_note, 1)
        pauses.addWidget(self.end_pause_button)
        self.body.addLayout(pauses)
        self._pauses: list[plan.Pause] = []

        self.progress = QTreeWidget()
        self.progress.setHeaderLabels(["Following", "Done", "Finish at this pace", ""])
        self.progress.setRootIsDecorated(True)
        header = self.progress.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(1, 220)
        for column in (2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.progress.itemExpanded.connect(self._fit_progress)
        self.progress.itemCollapsed.connect(self._fit_progress)
        self.body.addWidget(self.progress)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._agenda_tab(), "Agenda")
        self.tabs.addTab(self._curriculum_tab(), "Curriculum")
        self.tabs.setMinimumHeight(440)
        self.body.addWidget(self.tabs, 1)
        ctx.theme.changed.connect(self._set_dark)
        self._set_dark(ctx.theme.dark)
        self._track_rows: list[catalog.TrackRow] = []
        self._tasks: dict[str, catalog.TaskRow] = {}
        self._enrollments: list[plan.Enrollment] = []
        self._first_days: dict[str, date] = {}  # task key -> the agenda day it starts on
        self.refresh()

    # ----------------------------------------------------------------- layout
    def _agenda_tab(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        row = QHBoxLayout()
        self.done_button = QPushButton("Done")
        self.done_button.setToolTip("Mark the task done today (Space)")
        self.skip_button = QPushButton("Skip")
        self.skip_button.setToolTip("Leave the task out of the plan (Delete)")
        self.snooze_button = QPushButton("Snooze a day")
        self.snooze_button.setToolTip("Not before the day after it is planned now (S)")
        self.snooze_until_button = QPushButton("Snooze until…")
        self.move_button = QPushButton("Move to…")
        self.move_button.setToolTip("Put the task on exactly that day (M)")
        for button, handler in (
            (self.done_button, self.mark_done),
            (self.skip_button, self.skip),
            (self.snooze_button, self.snooze_a_day),
            (self.snooze_until_button, self.snooze_until),
            (self.move_button, self.move_task),
        ):
            button.clicked.connect(handler)
            row.addWidget(button)
        row.addStretch(1)
        box.addLayout(row)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.agenda = QTreeWidget()
        self.agenda.setHeaderLabels(["Day / task", "Minutes"])
        header = self.agenda.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.agenda.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.agenda.customContextMenuRequested.connect(self._agenda_menu)
        self.agenda.currentItemChanged.connect(self._agenda_selected)
        self.agenda_detail = MarkdownView()
        split.addWidget(self.agenda)
        split.addWidget(self.agenda_detail)
        split.setSizes([520, 480])
        box.addWidget(split, 1)
        for key, handler in (
            (Qt.Key.Key_Space, self.mark_done),
            (Qt.Key.Key_Delete, self.skip),
            (Qt.Key.Key_S, self.snooze_a_day),
            (Qt.Key.Key_M, self.move_task),
        ):
            shortcut = QShortcut(QKeySequence(key), self.agenda)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(handler)
        return page

    def _curriculum_tab(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        self.tracks = QComboBox()
        self.tracks.currentIndexChanged.connect(self._load_track)
        box.addWidget(self.tracks)
        self.summary = label("", "muted")
        box.addWidget(self.summary)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Task", "Kind", "Minutes"])
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.detail = MarkdownView()
        split.addWidget(self.tree)
        split.addWidget(self.detail)
        split.setSizes([520, 480])
        box.addWidget(split, 1)
        self.tree.currentItemChanged.connect(self._show_task)
        return page

    def _set_dark(self, dark: bool) -> None:
        self.detail.set_dark(dark)
        self.agenda_detail.set_dark(dark)

    # ---------------------------------------------------------------- reading
    def refresh(self) -> None:
        with self.ctx.store.session() as session:
            self.day = study_day(self.ctx.store.clock.now(), load_settings(session).day_start_hour)
            self._track_rows = catalog.tracks(session)
            progress = plan.progress(session, self.day)
            self._enrollments = plan.enrollments(session)
            days = plan.agenda(session, self.day, AGENDA_DAYS)
            pauses = plan.pauses(session, self.day)
            keys = [item.key for d in days for item in d.items]
            self._tasks = catalog.tasks_by_key(session, keys)
        self._fill_progress(progress)
        self._fill_agenda(days)
        self.pauses_note.setText(
            "Paused: " + "; ".join(f"{p.start:%a %d %b} – {p.end:%a %d %b %Y}" for p in pauses)
            if pauses
            else ""
        )
        self._pauses = pauses
        self.pauses_note.setVisible(bool(pauses))
        self.end_pause_button.setVisible(bool(pauses))
        following = bool(self._enrollments)
        self.enroll_button.setText("Follow another track…" if following else "Follow a track…")
        for button in (self.pause_button, self.replan_button):
            button.setEnabled(following)
        self._fill_tracks()

    def _fill_progress(self, progress: list[plan.TrackProgress]) -> None:
        self.progress.clear()
        if not progress:
            item = QTreeWidgetItem(["You follow no track yet: choose one to get a daily plan."])
            self.progress.addTopLevelItem(item)
            return
        minutes = {e.track: e for e in self._enrollments}
        for track in progress:
            total = track.done + track.skipped + track.remaining
            enrolment = minutes.get(track.track)
            days = (
                ", ".join(plan.WEEKDAYS[d].capitalize() for d in sorted(enrolment.weekdays))
                if enrolment
                else ""
            )
            finish = f"{track.finish:%a %d %b %Y}" if track.finish else "all done"
            top = QTreeWidgetItem([track.title, "", finish, ""])
            top.setData(0, _KEY, track.track)
            if enrolment:
                top.setToolTip(
                    0,
                    f"Since {enrolment.start:%d %b %Y}; {enrolment.minutes_per_day} min on {days}"
                    + (f"; {track.skipped} skipped" if track.skipped else ""),
                )
            self.progress.addTopLevelItem(top)
            self.progress.setItemWidget(top, 1, _bar(track.done, total))
            stop = QPushButton("Stop following")
            stop.setFlat(True)
            stop.clicked.connect(lambda _=False, key=track.track: self.unenroll(key))
            self.progress.setItemWidget(top, 3, stop)
            for title, done, count in track.phases:
                child = QTreeWidgetItem([title, "", ""])
                top.addChild(child)
                self.progress.setItemWidget(child, 1, _bar(done, count))
        self.progress.collapseAll()
        self._fit_progress()

    def _fit_progress(self, _item: object = None) -> None:
        """As tall as its visible rows (up to ten), so the agenda keeps the room."""
        rows, item = 0, self.progress.topLevelItem(0)
        while item is not None:
            rows += 1
            item = self.progress.itemBelow(item)
        row_height = max(self.progress.sizeHintForRow(0), 22)
        header = self.progress.header().sizeHint().height()
        self.progress.setFixedHeight(header + row_height * min(max(rows, 1), 10) + 6)

    def _fill_agenda(self, days: list[plan.AgendaDay]) -> None:
        current = self.selected_task()
        self.agenda.clear()
        select: QTreeWidgetItem | None = None
        first: QTreeWidgetItem | None = None  # kept selected: the same task, else the first
        self._first_days = {}
        for day in days:
            when = (
                "Today"
                if day.day == self.day
                else ("Tomorrow" if day.day == self.day + timedelta(days=1) else f"{day.day:%A}")
            )
            text = f"{when}, {day.day:%d %b}"
            if day.state == "paused":
                text += " — paused"
            elif day.state == "rest" and not day.items:
                text += " — rest day"
            head = QTreeWidgetItem([text, str(day.minutes) if day.items else ""])
            head.setFirstColumnSpanned(False)
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            self.agenda.addTopLevelItem(head)
            for entry in day.items:
                part = f" (part {entry.part} of {entry.parts})" if entry.parts > 1 else ""
                child = QTreeWidgetItem([f"{entry.title}{part}", str(entry.minutes)])
                child.setData(0, _KEY, entry.key)
                self._first_days.setdefault(entry.key, day.day)
                child.setToolTip(0, f"{entry.kind} · {entry.track}")
                child.setTextAlignment(
                    1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                )
                head.addChild(child)
                if entry.key == current and select is None:
                    select = child
                first = first or child
        self.agenda.expandAll()
        if not any(d.items for d in days):
            self.agenda_detail.set_markdown(
                "Nothing planned in the coming weeks."
                if self._enrollments
                else "Follow a track to see its agenda here."
            )
        chosen = select or first
        if chosen is not None:
            self.agenda.setCurrentItem(chosen)
        self._update_actions()

    def _fill_tracks(self) -> None:
        current = self.tracks.currentData()
        self.tracks.blockSignals(True)
        self.tracks.clear()
        for row in self._track_rows:
            self.tracks.addItem(f"{row.title} — {row.tasks} tasks", row.key)
        self.tracks.blockSignals(False)
        index = max(0, self.tracks.findData(current)) if current else 0
        self.tracks.setCurrentIndex(index)
        self._load_track()

    def _load_track(self) -> None:
        key = self.tracks.currentData()
        self.tree.clear()
        if key is None:
            self.summary.setText("No tracks are loaded.")
            self.detail.set_markdown("")
            return
        with self.ctx.store.session() as session:
            tasks = catalog.track_tasks(session, key)
        self._curriculum = {t.key: t for t in tasks}
        track = next(t for t in self._track_rows if t.key == key)
        original = f" ({track.title_original})" if track.title_original else ""
        self.summary.setText(f"{track.tasks} tasks, about {track.minutes / 60:.0f} hours{original}")
        phases: dict[str, QTreeWidgetItem] = {}
        for task in tasks:
            phase = phases.get(task.phase_key)
            if phase is None:
                phase = phases[task.phase_key] = QTreeWidgetItem([task.phase_title, "", ""])
                self.tree.addTopLevelItem(phase)
            item = QTreeWidgetItem([task.title, task.kind, str(task.minutes)])
            item.setData(0, _KEY, task.key)
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            phase.addChild(item)
        self.tree.expandAll()
        first = next(iter(phases.values()), None)
        child = first.child(0) if first is not None else None
        if child is not None:
            self.tree.setCurrentItem(child)

    def _show_task(self, item: QTreeWidgetItem | None, _previous: object = None) -> None:
        task = self._curriculum.get(item.data(0, _KEY)) if item is not None else None
        if task is not None:
            self.detail.set_markdown(task_markdown(task))

    def _agenda_selected(self, item: QTreeWidgetItem | None, _previous: object = None) -> None:
        self._update_actions()
        key = self.selected_task()
        task = self._tasks.get(key) if key else None
        if task is None:
            return
        with self.ctx.store.session() as session:
            links = catalog.resources_by_key(session, task.resources)
        self.agenda_detail.set_markdown(task_markdown(task, links))

    def selected_task(self) -> str | None:
        item = self.agenda.currentItem()
        key = item.data(0, _KEY) if item is not None else None
        return str(key) if key else None

    def _update_actions(self) -> None:
        chosen = self.selected_task() is not None
        for button in (
            self.done_button,
            self.skip_button,
            self.snooze_button,
            self.snooze_until_button,
            self.move_button,
        ):
            button.setEnabled(chosen)

    def _agenda_menu(self, point: QPoint) -> None:
        item = self.agenda.itemAt(point)
        if item is None or not item.data(0, _KEY):
            return
        self.agenda.setCurrentItem(item)
        menu = QMenu(self)
        menu.addAction("Done", self.mark_done)
        menu.addAction("Done, and record the time it took…", self.mark_done_timed)
        menu.addAction("Skip", self.skip)
        menu.addAction("Snooze a day", self.snooze_a_day)
        menu.addAction("Snooze until…", self.snooze_until)
        menu.addAction("Move to…", self.move_task)
        menu.exec(self.agenda.viewport().mapToGlobal(point))

    # ---------------------------------------------------------------- actions
    def _change(self, message: str, action: Callable[..., None], *args: object) -> None:
        """Run one plan change in one short session; errors go to the status bar."""
        try:
            with self.ctx.store.session() as session:
                action(session, *args)
        except plan.PlanError as exc:
            self.ctx.status.emit(str(exc))
            return
        self.ctx.status.emit(message)
        self.ctx.data_changed.emit()

    def mark_done(self) -> None:
        key = self.selected_task()
        if key:
            self._change("Task done: the plan moves on", plan.complete, key, self.day)

    def mark_done_timed(self) -> None:
        """Done, with the minutes it really took (kept with the task, for the learner's pace)."""
        key = self.selected_task()
        task = self._tasks.get(key) if key else None
        if key is None or task is None:
            return
        dialog = QInputDialog(self)
        dialog.setWindowTitle("Task done")
        dialog.setLabelText(f"Minutes “{task.title}” took (planned: {task.minutes}):")
        dialog.setInputMode(QInputDialog.InputMode.IntInput)
        dialog.setIntRange(1, 24 * 60)
        dialog.setIntValue(task.minutes)
        if dialog.exec():
            self._change(
                f"Task done in {dialog.intValue()} min: the plan moves on",
                plan.complete,
                key,
                self.day,
                dialog.intValue(),
            )

    def skip(self) -> None:
        key = self.selected_task()
        if key:
            self._change("Task skipped: it stays listed in the curriculum", plan.skip, key)

    def snooze_a_day(self) -> None:
        key = self.selected_task()
        if key:
            until = self._first_day(key) + timedelta(days=1)
            self._change(f"Snoozed until {until:%a %d %b}", plan.snooze, key, until)

    def snooze_until(self) -> None:
        key = self.selected_task()
        if not key:
            return
        dialog = DateDialog(
            "Snooze task", "Not before", self._first_day(key) + timedelta(days=1), self.day, self
        )
        if dialog.exec():
            until = dialog.value()
            self._change(f"Snoozed until {until:%a %d %b}", plan.snooze, key, until)

    def move_task(self) -> None:
        key = self.selected_task()
        if not key:
            return
        dialog = DateDialog("Move task", "To", self._first_day(key), self.day, self)
        if dialog.exec():
            day = dialog.value()
            self._change(f"Moved to {day:%a %d %b}", plan.move, key, day)

    def _first_day(self, key: str) -> date:
        """The agenda day the task (first) sits on, else today."""
        return self._first_days.get(key, self.day)

    def enroll(self) -> None:
        dialog = EnrollDialog(self._track_rows, self.day, self)
        if dialog.exec():
            self._change(
                "Following the track: its tasks are in the agenda", plan.enroll, *dialog.values()
            )

    def pause(self) -> None:
        dialog = PauseDialog(self.day, self)
        if dialog.exec():
            first, last = dialog.values()
            self._change(
                f"Paused {first:%d %b} – {last:%d %b}: the plan shifts past it",
                plan.pause,
                first,
                last,
            )

    def end_pause(self) -> None:
        """End the soonest pause: a running one stops yesterday, a coming one is dropped."""
        if self._pauses:
            self._change(
                "Pause ended: the plan resumes", plan.end_pause, self._pauses[0].id, self.day
            )

    def replan(self) -> None:
        self._change("Re-planned from today: snoozes and moved dates cleared", plan.replan)

    def unenroll(self, track: str) -> None:
        answer = QMessageBox.question(
            self,
            "Stop following",
            "Stop following this track? What you finished is kept; follow it again to resume.",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._change("No longer following the track", plan.unenroll, track)

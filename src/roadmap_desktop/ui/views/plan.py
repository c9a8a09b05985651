"""Plan: read the tracks phase by phase; enrolment and scheduling are not built yet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHeaderView, QSplitter, QTreeWidget, QTreeWidgetItem

from roadmap_desktop.core import catalog
from roadmap_desktop.ui.context import AppContext
from roadmap_desktop.ui.views.base import Place, label, notice
from roadmap_desktop.ui.widgets.markdown_view import MarkdownView

_TASK_ROLE = Qt.ItemDataRole.UserRole


class PlanView(Place):
    title = "Plan"

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.body.addWidget(
            notice(
                "Follow a track and tick off its tasks under Today (Ctrl+1) or with "
                "`roadmap-desktop plan`. Not built yet: the agenda of coming days, "
                "move/skip/snooze and pause dialogs here, card gating by progress and the tray "
                "reminder. Each track can be read here, phase by phase."
            )
        )
        self.tracks = QComboBox()
        self.tracks.currentIndexChanged.connect(self._load_track)
        self.body.addWidget(self.tracks)
        self.summary = label("", "muted")
        self.body.addWidget(self.summary)
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
        split.setSizes([520, 520])
        split.setMinimumHeight(420)
        self.body.addWidget(split, 1)
        self.tree.currentItemChanged.connect(self._show_task)
        ctx.theme.changed.connect(self.detail.set_dark)
        self.detail.set_dark(ctx.theme.dark)
        self._track_rows: list[catalog.TrackRow] = []
        self._tasks: dict[str, catalog.TaskRow] = {}
        self.refresh()

    def refresh(self) -> None:
        with self.ctx.store.session() as session:
            self._track_rows = catalog.tracks(session)
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
        self._tasks.clear()
        if key is None:
            self.summary.setText("No tracks are loaded.")
            self.detail.set_markdown("")
            return
        with self.ctx.store.session() as session:
            tasks = catalog.track_tasks(session, key)
        track = next(t for t in self._track_rows if t.key == key)
        hours = track.minutes / 60
        original = f" ({track.title_original})" if track.title_original else ""
        self.summary.setText(f"{track.tasks} tasks, about {hours:.0f} hours{original}")
        phases: dict[str, QTreeWidgetItem] = {}
        for task in tasks:
            phase = phases.get(task.phase_key)
            if phase is None:
                phase = phases[task.phase_key] = QTreeWidgetItem([task.phase_title, "", ""])
                self.tree.addTopLevelItem(phase)
            item = QTreeWidgetItem([task.title, task.kind, str(task.minutes)])
            item.setData(0, _TASK_ROLE, task.key)
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            phase.addChild(item)
            self._tasks[task.key] = task
        self.tree.expandAll()
        first = next(iter(phases.values()), None)
        child = first.child(0) if first is not None else None
        if child is not None:
            self.tree.setCurrentItem(child)

    def _show_task(self, item: QTreeWidgetItem | None, _previous: object = None) -> None:
        task = self._tasks.get(item.data(0, _TASK_ROLE)) if item is not None else None
        if task is None:
            return
        parts = [
            f"## {task.title}",
            f"*{task.kind} · {task.minutes} min · {task.phase_title}*",
            task.description,
        ]
        if task.checklist:
            parts.append("### Done when\n" + "\n".join(f"- ☐ {c}" for c in task.checklist))
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
        self.detail.set_markdown("\n\n".join(parts))

"""The main window: a sidebar of places, one stacked page each, and a status bar.

The window is a shell that paints before the store is open: places are imported and built on
first visit once a context is attached, so the first frame never waits for SQLAlchemy, the
database or Markdown rendering.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from roadmap_desktop.ui.theme import ThemeManager
from roadmap_desktop.ui.ui_settings import UiSettings

if TYPE_CHECKING:
    from roadmap_desktop.ui.context import AppContext
    from roadmap_desktop.ui.reminder import DailyReminder
    from roadmap_desktop.ui.views.base import Place

# (name, label, "module:class"); the first seven get Ctrl+1..7, Settings gets Ctrl+,
PLACES: tuple[tuple[str, str, str], ...] = (
    ("today", "Today", "today:TodayView"),
    ("review", "Review", "review:ReviewView"),
    ("exercises", "Exercises", "exercises:ExercisesView"),
    ("mock", "Mock interview", "mock:MockView"),
    ("plan", "Plan", "plan:PlanView"),
    ("browse", "Browse", "browse:BrowseView"),
    ("stats", "Stats", "stats:StatsView"),
    ("settings", "Settings", "settings:SettingsView"),
)
PLACE_NAMES = tuple(name for name, _, _ in PLACES)
_VIEWS = "roadmap_desktop.ui.views"


def _place_class(spec: str) -> type[Place]:
    module, _, cls = spec.partition(":")
    loaded: type[Place] = getattr(importlib.import_module(f"{_VIEWS}.{module}"), cls)
    return loaded


class _Pending(QWidget):
    """Stands in for a place until the store is open and the view is built."""

    def __init__(self, title: str) -> None:
        super().__init__()
        box = QVBoxLayout(self)
        box.setContentsMargins(28, 22, 28, 22)
        heading = QLabel(title)
        heading.setProperty("role", "title")
        box.addWidget(heading)
        note = QLabel("Opening your data…")
        note.setProperty("role", "muted")
        box.addWidget(note)
        box.addStretch(1)


class MainWindow(QMainWindow):
    place_changed = Signal(str)
    first_frame = Signal()

    def __init__(self, settings: UiSettings, theme: ThemeManager, *, remember: bool = True) -> None:
        """``remember=False`` (screenshots) leaves the saved geometry and place alone."""
        super().__init__()
        self.settings = settings
        self.theme = theme
        self.ctx: AppContext | None = None
        self.reminder: DailyReminder | None = None
        self._remember = remember
        self.setWindowTitle("roadmap-desktop")
        self.setMinimumSize(880, 560)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(190)
        self.stack = QStackedWidget()
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.views: dict[str, Place] = {}
        for _name, text, _spec in PLACES:
            self.nav.addItem(QListWidgetItem(text))
            self.stack.addWidget(_Pending(text))
        self.nav.currentRowChanged.connect(self._on_nav)
        # Key bindings are wired after the first frame (no key can arrive before it), which
        # keeps QShortcut/QKeySequence set-up off the start-up path.
        self.first_frame.connect(self._bind_keys)

        self.status_text = QLabel("")
        self.statusBar().addWidget(self.status_text, 1)

        if remember and (geometry := settings.geometry) is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1180, 760)
        start = settings.place if remember else "today"
        self.show_place(start if start in PLACE_NAMES else "today")
        self._frame_seen = False
        self.installEventFilter(self)

    def _bind_keys(self) -> None:
        from PySide6.QtGui import QKeySequence, QShortcut

        for index, (name, text, _spec) in enumerate(PLACES):
            shortcut = "Ctrl+," if name == "settings" else f"Ctrl+{index + 1}"
            sequence = QKeySequence(shortcut)
            native = sequence.toString(QKeySequence.SequenceFormat.NativeText)
            item = self.nav.item(index)
            if item is not None:
                item.setToolTip(f"{text} ({native})")
            jump = QShortcut(sequence, self)
            jump.activated.connect(lambda n=name: self.show_place(n))

    @classmethod
    def for_context(cls, ctx: AppContext, *, remember: bool = True) -> MainWindow:
        window = cls(ctx.settings, ctx.theme, remember=remember)
        window.attach(ctx)
        return window

    def attach(self, ctx: AppContext) -> None:
        """Connect the opened store; the current place is built now, the others on first visit."""
        self.ctx = ctx
        ctx.status.connect(self._show_status)
        ctx.navigate.connect(self.show_place)
        self._on_nav(self.stack.currentIndex())
        if self._remember:  # a real session, not a screenshot
            from roadmap_desktop.ui.reminder import DailyReminder

            self.reminder = DailyReminder(ctx, self)
            ctx.reminder_changed.connect(self.reminder.apply_settings)

    def view(self, name: str) -> Place:
        """The place's view, built now if it was not yet (requires an attached context)."""
        if name not in self.views:
            if self.ctx is None:
                raise RuntimeError("no store is attached yet")
            index = PLACE_NAMES.index(name)
            built = _place_class(PLACES[index][2])(self.ctx)
            built.setObjectName(f"place-{name}")
            pending = self.stack.widget(index)
            self.stack.insertWidget(index, built)
            if pending is not None:
                self.stack.removeWidget(pending)
                pending.deleteLater()
            self.views[name] = built
        return self.views[name]

    def show_place(self, name: str) -> None:
        index = PLACE_NAMES.index(name)
        if self.nav.currentRow() != index:
            self.nav.setCurrentRow(index)
        else:
            self._on_nav(index)

    def current_place(self) -> str:
        return PLACE_NAMES[self.stack.currentIndex()]

    def _on_nav(self, index: int) -> None:
        if index < 0:
            return
        name = PLACE_NAMES[index]
        if self.ctx is not None:
            self.view(name)
        self.stack.setCurrentIndex(index)
        if self._remember:
            self.settings.place = name
        self.place_changed.emit(name)

    def _show_status(self, message: str) -> None:
        self.status_text.setText(message)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self and not self._frame_seen and event.type() == QEvent.Type.Paint:
            self._frame_seen = True
            self.first_frame.emit()
        return super().eventFilter(watched, event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._remember:
            self.settings.geometry = self.saveGeometry()
            self.settings.sync()
        super().closeEvent(event)

"""The main window: a sidebar of places, one stacked page each, and a status bar."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from roadmap_desktop.ui.context import AppContext
from roadmap_desktop.ui.views.base import Place
from roadmap_desktop.ui.views.browse import BrowseView
from roadmap_desktop.ui.views.exercises import ExercisesView
from roadmap_desktop.ui.views.mock import MockView
from roadmap_desktop.ui.views.plan import PlanView
from roadmap_desktop.ui.views.review import ReviewView
from roadmap_desktop.ui.views.settings import SettingsView
from roadmap_desktop.ui.views.stats import StatsView
from roadmap_desktop.ui.views.today import TodayView

# (name, label, view class); the first seven get Ctrl+1..7, Settings gets Ctrl+,
PLACES: tuple[tuple[str, str, type[Place]], ...] = (
    ("today", "Today", TodayView),
    ("review", "Review", ReviewView),
    ("exercises", "Exercises", ExercisesView),
    ("mock", "Mock interview", MockView),
    ("plan", "Plan", PlanView),
    ("browse", "Browse", BrowseView),
    ("stats", "Stats", StatsView),
    ("settings", "Settings", SettingsView),
)
PLACE_NAMES = tuple(name for name, _, _ in PLACES)


class MainWindow(QMainWindow):
    place_changed = Signal(str)
    first_frame = Signal()

    def __init__(self, ctx: AppContext, *, remember: bool = True) -> None:
        """``remember=False`` (screenshots) leaves the saved geometry and place alone."""
        super().__init__()
        self.ctx = ctx
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
        self.nav.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.stack = QStackedWidget()
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.views: dict[str, Place] = {}
        for index, (name, text, view_class) in enumerate(PLACES):
            shortcut = "Ctrl+," if name == "settings" else f"Ctrl+{index + 1}"
            item = QListWidgetItem(text)
            native = QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)
            item.setToolTip(f"{text} ({native})")
            self.nav.addItem(item)
            view = view_class(ctx)
            view.setObjectName(f"place-{name}")
            self.views[name] = view
            self.stack.addWidget(view)
            jump = QShortcut(QKeySequence(shortcut), self)
            jump.activated.connect(lambda n=name: self.show_place(n))
        self.nav.currentRowChanged.connect(self._on_nav)

        self.status_text = QLabel("")
        self.statusBar().addWidget(self.status_text, 1)
        ctx.status.connect(self._show_status)

        if remember and (geometry := ctx.settings.geometry) is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1180, 760)
        start = ctx.settings.place if remember else "today"
        self.show_place(start if start in self.views else "today")
        self._frame_seen = False
        self.installEventFilter(self)

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
        self.stack.setCurrentIndex(index)
        name = PLACE_NAMES[index]
        if self._remember:
            self.ctx.settings.place = name
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
            self.ctx.settings.geometry = self.saveGeometry()
            self.ctx.settings.sync()
        super().closeEvent(event)

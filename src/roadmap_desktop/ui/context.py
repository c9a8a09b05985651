"""What every view needs: the store, the theme, and one signal that data changed.

Writes go through core services; afterwards `data_changed` tells the views to re-read.
Content sync runs on a worker thread so the window never waits for it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from roadmap_desktop.core.content import service
from roadmap_desktop.core.content.model import ContentIssue
from roadmap_desktop.core.paths import AppPaths
from roadmap_desktop.core.store.database import Store
from roadmap_desktop.ui.theme import ThemeManager
from roadmap_desktop.ui.ui_settings import UiSettings


class _SyncSignals(QObject):
    finished = Signal(object)  # service.SyncOutcome
    failed = Signal(str)


class _SyncJob(QRunnable):
    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.signals = _SyncSignals()

    def run(self) -> None:
        try:
            outcome = service.sync(self.store)
        except Exception as exc:  # reported in the status bar; the app keeps running
            self.signals.failed.emit(f"content sync failed: {exc}")
        else:
            self.signals.finished.emit(outcome)


class AppContext(QObject):
    data_changed = Signal()
    status = Signal(str)
    navigate = Signal(str)  # a place name: views ask the window to switch
    content_checked = Signal()
    reminder_changed = Signal()  # the daily reminder's settings changed

    def __init__(
        self, store: Store, paths: AppPaths, theme: ThemeManager, settings: UiSettings
    ) -> None:
        super().__init__()
        self.store = store
        self.paths = paths
        self.theme = theme
        self.settings = settings
        self.content_issues: list[ContentIssue] = []
        self.syncing = False
        self._job: _SyncJob | None = None

    def sync_content_if_changed(self) -> bool:
        """The start-up check: stat files on this thread (cheap); parse and sync off it."""
        if self.syncing or not service.content_changed(self.store):
            return False
        self.syncing = True
        self.status.emit("Updating the curriculum…")
        self._job = _SyncJob(self.store)
        self._job.signals.finished.connect(self._on_synced)
        self._job.signals.failed.connect(self._on_failed)
        QThreadPool.globalInstance().start(self._job)
        return True

    def sync_content_now(self) -> service.SyncOutcome:
        """Synchronous sync, for screenshots and tests that need the content in place."""
        outcome = service.sync(self.store)
        self._on_synced(outcome)
        return outcome

    def _on_synced(self, outcome: service.SyncOutcome) -> None:
        self.syncing = False
        self.content_issues = list(outcome.bundle.issues)
        errors = len(outcome.bundle.errors)
        message = f"Curriculum: {outcome.report.summary()}"
        if errors:
            message += f" — {errors} content problems (see Settings)"
        self.status.emit(message)
        self.content_checked.emit()
        if outcome.report.changed:
            self.data_changed.emit()

    def _on_failed(self, message: str) -> None:
        self.syncing = False
        self.status.emit(message)

    def wait_for_background_work(self) -> None:
        QThreadPool.globalInstance().waitForDone()

"""The optional daily reminder: a system-tray notification at the chosen time while the app
runs. Where the desktop has no tray, the window asks for attention and the status bar says it.

The rules (once a day, only while work is left) live in core/plan/reminder.py; this object
only ticks, reads the counts in one short session, and shows the message.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle, QSystemTrayIcon, QWidget

from roadmap_desktop.core.clock import study_day
from roadmap_desktop.core.plan import reminder
from roadmap_desktop.core.plan import service as plan
from roadmap_desktop.core.srs.settings import load_settings
from roadmap_desktop.core.stats import today_counts
from roadmap_desktop.ui.context import AppContext

CHECK_EVERY_MS = 30_000


class DailyReminder(QObject):
    shown = Signal(str)  # the message, whichever way it reached the user

    def __init__(self, ctx: AppContext, window: QWidget) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.tray: QSystemTrayIcon | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)
        self.apply_settings()

    def apply_settings(self) -> None:
        """Start or stop with the setting; the tray icon is there only while it is on."""
        on = self.ctx.settings.reminder_enabled
        if on and not self.timer.isActive():
            self.timer.start()
        elif not on:
            self.timer.stop()
        if on and self.tray is None and QSystemTrayIcon.isSystemTrayAvailable():
            icon = self.window.windowIcon()
            if icon.isNull():
                style = QApplication.style()
                icon = style.standardIcon(QStyle.StandardPixmap.SP_FileDialogInfoView)
            self.tray = QSystemTrayIcon(QIcon(icon), self)
            self.tray.setToolTip("roadmap-desktop")
            self.tray.activated.connect(self._raise_window)
            self.tray.messageClicked.connect(self._raise_window)
            self.tray.show()
        elif not on and self.tray is not None:
            self.tray.hide()
            self.tray.deleteLater()
            self.tray = None

    def check(self) -> str | None:
        """Show the reminder if it is due and work is left; returns what was shown."""
        settings = self.ctx.settings
        if not settings.reminder_enabled:
            return None
        try:
            at = reminder.parse_time(settings.reminder_time)
        except ValueError as exc:
            self.ctx.status.emit(f"Daily reminder: {exc}")
            return None
        now = self.ctx.store.clock.now()
        if not reminder.is_due(now, at, settings.reminder_last_shown):
            return None
        with self.ctx.store.session() as session:
            day = study_day(now, load_settings(session).day_start_hour)
            counts = today_counts(session, day)
            tasks = [t for t in plan.today_tasks(session, day) if not t.done]
        settings.reminder_last_shown = now.date()
        text = reminder.message(
            counts.due + counts.new_available + counts.drill,
            len(tasks),
            sum(t.minutes for t in tasks),
        )
        if text is None:
            return None
        if self.tray is not None and self.tray.supportsMessages():
            self.tray.showMessage("Time to study", text, QSystemTrayIcon.MessageIcon.Information)
        else:
            QApplication.alert(self.window)
        self.ctx.status.emit(text)
        self.shown.emit(text)
        return text

    def _raise_window(self, *_args: object) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

"""Start the GUI: QApplication, theme, store, main window; back up and clean up on quit."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from roadmap_desktop import APP_NAME
from roadmap_desktop.core.paths import AppPaths
from roadmap_desktop.core.store.database import Store
from roadmap_desktop.core.store.migrate import StoreError
from roadmap_desktop.ui.context import AppContext
from roadmap_desktop.ui.main_window import MainWindow
from roadmap_desktop.ui.theme import ThemeManager
from roadmap_desktop.ui.ui_settings import UiSettings


def application() -> QApplication:
    """The one QApplication, created with crisp high-DPI scaling (fractional factors kept)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    from PySide6.QtCore import Qt

    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("roadmap-desktop")
    app.setDesktopFileName(APP_NAME)
    return app


def build_context(app: QApplication, paths: AppPaths, db_url: str | None) -> AppContext:
    """Open the store (migrating it) and wire theme and settings. Raises StoreError."""
    store = Store.open(paths, db_url)
    settings = UiSettings(paths.ui_settings_file)
    theme = ThemeManager(app, settings.theme)
    return AppContext(store, paths, theme, settings)


def run_gui(paths: AppPaths, db_url: str | None, *, exit_after_first_frame: bool = False) -> int:
    app = application()
    try:
        ctx = build_context(app, paths, db_url)
    except StoreError as exc:
        QMessageBox.critical(None, "roadmap-desktop cannot open its database", str(exc))
        print(f"roadmap-desktop: error: {exc}", file=sys.stderr)
        return 2
    window = MainWindow(ctx)
    if exit_after_first_frame:  # start-up probe for benchmarks and the Xvfb smoke test
        window.first_frame.connect(lambda: QTimer.singleShot(0, app.quit))
    else:
        window.first_frame.connect(lambda: QTimer.singleShot(0, ctx.sync_content_if_changed))
    window.show()
    code = app.exec()
    ctx.wait_for_background_work()
    if not exit_after_first_frame:
        _backup_on_close(ctx)
    if exit_after_first_frame:
        print(f"first-frame platform={app.platformName()} pid={os.getpid()}")
    ctx.store.close()
    return code


def _backup_on_close(ctx: AppContext) -> None:
    try:
        ctx.store.auto_backup()
    except (StoreError, OSError) as exc:  # never lose the session over a failed backup
        print(f"roadmap-desktop: automatic backup failed: {exc}", file=sys.stderr)

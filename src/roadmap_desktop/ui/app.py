"""Start the GUI: paint the window shell first, then open the store and fill the places.

The first frame needs only Qt, the saved UI settings and the theme. SQLAlchemy, the migration
check, the views and the content check all come after it, so the window appears at once.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from roadmap_desktop import APP_NAME
from roadmap_desktop.core.paths import AppPaths
from roadmap_desktop.ui.main_window import MainWindow
from roadmap_desktop.ui.theme import ThemeManager
from roadmap_desktop.ui.ui_settings import UiSettings

if TYPE_CHECKING:
    from roadmap_desktop.core.clock import Clock
    from roadmap_desktop.ui.context import AppContext


def application() -> QApplication:
    """The one QApplication. High-DPI needs no set-up in Qt 6: scaling is on and fractional
    factors pass through unrounded by default, so text and icons stay crisp."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("roadmap-desktop")
    app.setDesktopFileName(APP_NAME)
    return app


def open_context(
    app: QApplication,
    paths: AppPaths,
    db_url: str | None,
    settings: UiSettings | None = None,
    theme: ThemeManager | None = None,
    clock: Clock | None = None,
) -> AppContext:
    """Open (and migrate) the store and wire it to the theme and settings. Raises StoreError."""
    from roadmap_desktop.core.store.database import Store
    from roadmap_desktop.ui.context import AppContext

    settings = settings or UiSettings(paths.ui_settings_file)
    theme = theme or ThemeManager(app, settings.theme)
    return AppContext(Store.open(paths, db_url, clock), paths, theme, settings)


def run_gui(
    paths: AppPaths,
    db_url: str | None,
    *,
    exit_after_first_frame: bool = False,
    exit_when_ready: bool = False,
) -> int:
    """Run the app. The two exit flags are probes for benchmarks and the Xvfb smoke test:
    quit after the first painted frame, or once the store is open and the place is built."""
    app = application()
    settings = UiSettings(paths.ui_settings_file)
    theme = ThemeManager(app, settings.theme)
    window = MainWindow(settings, theme)
    opened: list[AppContext] = []
    exit_code = 0

    def boot() -> None:
        nonlocal exit_code
        from roadmap_desktop.core.errors import StoreError

        try:
            ctx = open_context(app, paths, db_url, settings, theme)
        except StoreError as exc:
            exit_code = 2
            print(f"roadmap-desktop: error: {exc}", file=sys.stderr)
            if not exit_when_ready:
                QMessageBox.critical(window, "roadmap-desktop cannot open its database", str(exc))
            app.quit()
            return
        opened.append(ctx)
        window.attach(ctx)
        if exit_when_ready:
            QTimer.singleShot(0, app.quit)
        else:
            ctx.sync_content_if_changed()

    if exit_after_first_frame:
        window.first_frame.connect(lambda: QTimer.singleShot(0, app.quit))
    else:
        window.first_frame.connect(lambda: QTimer.singleShot(0, boot))
    window.show()
    code = app.exec() or exit_code
    if exit_after_first_frame or exit_when_ready:
        state = "first-frame" if exit_after_first_frame else "ready"
        print(f"{state} platform={app.platformName()} place={window.current_place()}", flush=True)
    for ctx in opened:
        ctx.wait_for_background_work()
        if not (exit_after_first_frame or exit_when_ready):
            _backup_on_close(ctx)
        ctx.store.close()
    return code


def _backup_on_close(ctx: AppContext) -> None:
    from roadmap_desktop.core.errors import StoreError

    try:
        ctx.store.auto_backup()
    except (StoreError, OSError) as exc:  # never lose the session over a failed backup
        print(f"roadmap-desktop: automatic backup failed: {exc}", file=sys.stderr)

"""Start the GUI: paint the window shell first, then open the store and fill the places.

The first frame needs only Qt, the saved UI settings and the theme. SQLAlchemy, the migration
check, the views and the content check all come after it, so the window appears at once.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from roadmap_desktop import APP_NAME
from roadmap_desktop.core.instance_lock import InstanceLock
from roadmap_desktop.core.paths import AppPaths
from roadmap_desktop.ui.main_window import MainWindow
from roadmap_desktop.ui.theme import ThemeManager
from roadmap_desktop.ui.ui_settings import UiSettings

# A second window on the same data folder: told so, exits without touching the database.
EXIT_ALREADY_RUNNING = 3

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
    # One window per data folder; taken after the first frame (it costs a file open and a
    # flock), before anything touches the database. The kernel drops it if we die.
    lock = InstanceLock(paths.data_dir)

    def boot() -> None:
        nonlocal exit_code
        from roadmap_desktop.core.errors import AlreadyRunningError, StoreError

        try:
            lock.acquire()
            ctx = open_context(app, paths, db_url, settings, theme)
        except StoreError as exc:
            exit_code = EXIT_ALREADY_RUNNING if isinstance(exc, AlreadyRunningError) else 2
            print(f"roadmap-desktop: error: {exc}", file=sys.stderr)
            if not exit_when_ready:
                title = (
                    "roadmap-desktop is already running"
                    if isinstance(exc, AlreadyRunningError)
                    else "roadmap-desktop cannot open its database"
                )
                QMessageBox.critical(window, title, str(exc))
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
    previous_hook = sys.excepthook
    sys.excepthook = _store_error_hook(window, previous_hook)
    try:
        code = app.exec() or exit_code
    finally:
        sys.excepthook = previous_hook
    if exit_after_first_frame or exit_when_ready:
        state = "first-frame" if exit_after_first_frame else "ready"
        print(f"{state} platform={app.platformName()} place={window.current_place()}", flush=True)
    for ctx in opened:
        ctx.wait_for_background_work()
        if not (exit_after_first_frame or exit_when_ready):
            _backup_on_close(ctx)
        ctx.store.close()
    lock.release()
    return code


def _store_error_hook(window: MainWindow, previous: Callable[..., Any]) -> Callable[..., Any]:
    """A StoreError escaping a slot (a full disk while answering, the database busy) is shown
    as its message, not a traceback on stderr; the window stays usable and nothing that was
    saved before is lost. Anything else goes to the previous hook as before."""
    from roadmap_desktop.core.errors import StoreError

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if isinstance(value, StoreError):
            print(f"roadmap-desktop: error: {value}", file=sys.stderr)
            QMessageBox.warning(window, "roadmap-desktop could not save", str(value))
            return
        previous(kind, value, tb)

    return hook


def _backup_on_close(ctx: AppContext) -> None:
    from roadmap_desktop.core.errors import StoreError

    try:
        ctx.store.auto_backup()
    except (StoreError, OSError) as exc:  # never lose the session over a failed backup
        print(f"roadmap-desktop: automatic backup failed: {exc}", file=sys.stderr)

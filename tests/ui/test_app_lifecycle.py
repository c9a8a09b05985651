"""The real start-up and shut-down path (run_gui): shell first, store attached after the first
frame, content synced in the background, and an automatic backup on close."""

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from roadmap_desktop.core.paths import AppPaths
from roadmap_desktop.core.store import backup as backups
from roadmap_desktop.ui.app import run_gui
from roadmap_desktop.ui.main_window import MainWindow


def test_run_gui_opens_syncs_and_backs_up_on_close(qapp: QApplication, paths: AppPaths) -> None:
    seen: dict[str, object] = {}

    def close_when_synced() -> None:
        windows = [  # run_gui's window: shown and attached (not one another test left behind)
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, MainWindow) and w.isVisible() and w.ctx is not None
        ]
        window = windows[0] if windows else None
        if window is None or window.ctx is None or window.ctx.syncing:
            QTimer.singleShot(50, close_when_synced)
            return
        seen["place"] = window.current_place()
        seen["status"] = window.status_text.text()
        window.close()  # the last window: the event loop ends as when a user closes it

    QTimer.singleShot(50, close_when_synced)
    assert run_gui(paths, None) == 0

    assert seen["place"] == "today"
    assert "Curriculum:" in str(seen["status"])
    kinds = [b.kind for b in backups.list_backups(paths.backups_dir)]
    assert kinds == ["auto"]

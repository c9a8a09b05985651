"""Render a place of the real main window to PNG, offscreen unless a platform is chosen."""

from __future__ import annotations

import os
from pathlib import Path

from roadmap_desktop.core.paths import AppPaths


def render_view(
    paths: AppPaths,
    db_url: str | None,
    view: str,
    out: Path,
    *,
    theme: str,
    size: tuple[int, int],
    scale: float = 1.0,
) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if scale != 1.0:  # must be set before the QApplication exists
        os.environ["QT_SCALE_FACTOR"] = f"{scale:g}"
    from roadmap_desktop.ui.app import application, open_context
    from roadmap_desktop.ui.main_window import MainWindow

    app = application()
    ctx = open_context(app, paths, db_url)
    try:
        ctx.theme.set_mode(theme)
        ctx.sync_content_now()
        window = MainWindow.for_context(ctx, remember=False)
        window.resize(*size)
        window.show_place(view)
        window.show()
        for _ in range(3):
            app.processEvents()
        ctx.wait_for_background_work()  # places that load off the GUI thread (Stats)
        for _ in range(3):
            app.processEvents()
        if not window.grab().save(str(out), "PNG"):
            raise OSError(f"could not write {out}")
        window.close()
    finally:
        ctx.wait_for_background_work()
        ctx.store.close()

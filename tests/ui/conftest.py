"""A real AppContext over a real SQLite file for widget tests."""

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from roadmap_desktop.core.clock import FixedClock
from roadmap_desktop.core.paths import AppPaths
from roadmap_desktop.ui.app import open_context
from roadmap_desktop.ui.context import AppContext
from roadmap_desktop.ui.main_window import MainWindow


@pytest.fixture
def make_ctx(qapp: QApplication, paths: AppPaths, clock: FixedClock):
    made: list[AppContext] = []

    def make(*, synced: bool = True) -> AppContext:
        ctx = open_context(qapp, paths, None, clock=clock)
        if synced:
            ctx.sync_content_now()
        made.append(ctx)
        return ctx

    yield make
    for ctx in made:
        ctx.wait_for_background_work()
        ctx.theme.set_mode("light")
        ctx.store.close()


@pytest.fixture
def ctx(make_ctx) -> AppContext:
    made: AppContext = make_ctx()
    return made


@pytest.fixture
def window(qtbot, ctx: AppContext) -> Iterator[MainWindow]:
    win = MainWindow.for_context(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    yield win

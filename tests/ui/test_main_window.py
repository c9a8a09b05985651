"""The main window as a user drives it: keyboard navigation, remembered state, theme, sync."""

from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QPalette
from PySide6.QtWidgets import QApplication, QPushButton

from roadmap_desktop.core import catalog
from roadmap_desktop.core.srs.settings import load_settings
from roadmap_desktop.ui.context import AppContext
from roadmap_desktop.ui.main_window import PLACE_NAMES, MainWindow
from roadmap_desktop.ui.theme import colors
from roadmap_desktop.ui.views.browse import BrowseView
from roadmap_desktop.ui.views.plan import PlanView
from roadmap_desktop.ui.views.review import ReviewView
from roadmap_desktop.ui.views.settings import SettingsView

KEYS = [
    Qt.Key.Key_1,
    Qt.Key.Key_2,
    Qt.Key.Key_3,
    Qt.Key.Key_4,
    Qt.Key.Key_5,
    Qt.Key.Key_6,
    Qt.Key.Key_7,
]


def test_every_place_is_reachable_from_the_keyboard(qtbot, window: MainWindow) -> None:
    assert window.current_place() == "today"
    for key, name in zip(KEYS, PLACE_NAMES[:7], strict=True):
        qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
        assert window.current_place() == name
        assert window.stack.currentWidget() is window.views[name]
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    assert window.current_place() == "settings"


def test_size_position_and_place_are_remembered(qtbot, make_ctx) -> None:
    first = MainWindow.for_context(make_ctx())
    qtbot.addWidget(first)
    first.show()
    first.resize(1010, 690)
    first.show_place("browse")
    first.close()

    again = MainWindow.for_context(make_ctx())
    qtbot.addWidget(again)
    again.show()
    assert again.size() == QSize(1010, 690)
    assert again.current_place() == "browse"


def test_theme_override_switches_the_palette_and_is_saved(
    qtbot, window: MainWindow, ctx: AppContext
) -> None:
    settings = window.view("settings")
    assert isinstance(settings, SettingsView)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    with qtbot.waitSignal(ctx.theme.changed, timeout=2000) as changed:
        settings.theme.setCurrentIndex(settings.theme.findData("dark"))
    assert changed.args == [True]
    assert app.palette().color(QPalette.ColorRole.Window).name() == colors(dark=True)["window"]
    assert ctx.settings.theme == "dark"
    browse = window.view("browse")
    assert isinstance(browse, BrowseView)
    assert "monokai" not in browse.preview.toHtml()  # inline colours, not classes
    assert browse.preview._dark


def test_content_syncs_in_the_background_and_views_refresh(qtbot, make_ctx) -> None:
    ctx = make_ctx(synced=False)
    win = MainWindow.for_context(ctx)
    qtbot.addWidget(win)
    browse = win.view("browse")
    assert isinstance(browse, BrowseView)
    assert browse.model.rowCount() == 0
    with qtbot.waitSignal(ctx.data_changed, timeout=20000):
        assert ctx.sync_content_if_changed()
    assert browse.model.rowCount() >= 30
    assert "Curriculum:" in win.status_text.text() and "added" in win.status_text.text()
    assert not ctx.sync_content_if_changed(), "nothing changed, nothing to do"


def test_review_place_lists_the_deck_tree_with_counts(window: MainWindow) -> None:
    review = window.view("review")
    assert isinstance(review, ReviewView)
    tree = review.overview.tree
    top = next(
        item
        for i in range(tree.topLevelItemCount())
        if (item := tree.topLevelItem(i)) is not None and item.text(0) == "Node.js"
    )
    kids = [top.child(i) for i in range(top.childCount())]
    cards = {kid.text(0): int(kid.text(4)) for kid in kids if kid is not None}
    assert {"Event Loop", "Streams", "Modules"} <= set(cards)
    assert int(top.text(4)) == sum(cards.values())
    assert int(top.text(1)) == 20, "new cards shown after the daily limit"


def test_plan_shows_the_track_with_the_seed_original(window: MainWindow, ctx: AppContext) -> None:
    plan = window.view("plan")
    assert isinstance(plan, PlanView)
    plan.tracks.setCurrentIndex(plan.tracks.findData("node-90-days"))
    with ctx.store.session() as session:
        tasks = catalog.track_tasks(session, "node-90-days")
    phases = [plan.tree.topLevelItem(i) for i in range(plan.tree.topLevelItemCount())]
    children = [p.child(i) for p in phases if p is not None for i in range(p.childCount())]
    shown = [child.text(0) for child in children if child is not None]
    assert shown == [t.title for t in tasks] and len(shown) >= 16
    text = plan.detail.toPlainText()
    assert "Original (seed text)" in text and "Написать" in text


def test_backup_now_from_settings(qtbot, window: MainWindow, ctx: AppContext) -> None:
    settings = window.view("settings")
    assert isinstance(settings, SettingsView)
    with qtbot.waitSignal(ctx.status, timeout=5000) as status:
        settings.backup_button.click()
    assert "Backed up to" in status.args[0]
    assert list(Path(ctx.paths.backups_dir).glob("roadmap-manual-*.sqlite3"))
    assert "1 kept" in settings.backup_state.text()


def test_content_problems_are_listed_in_settings(qtbot, make_ctx, paths) -> None:
    decks = paths.user_content_dir / "decks"
    decks.mkdir(parents=True)
    (decks / "mine.md").write_bytes(b"+++\ndeck = \xff\n+++\n")
    ctx = make_ctx()
    win = MainWindow.for_context(ctx)
    qtbot.addWidget(win)
    settings = win.view("settings")
    assert isinstance(settings, SettingsView)
    assert settings.problems.count() == 1
    assert "mine.md:2" in settings.problems.item(0).text()


@pytest.mark.parametrize(
    "url, opened",
    [
        ("https://nodejs.org/api/", True),
        ("javascript:alert(1)", False),
        ("file:///etc/passwd", False),
    ],
)
def test_links_open_in_the_system_browser_only_when_safe(
    qtbot, window: MainWindow, monkeypatch, url: str, opened: bool
) -> None:
    seen: list[str] = []

    def fake_open(target: QUrl) -> bool:  # the system browser is outside this machine
        seen.append(target.toString())
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", fake_open)
    view = window.view("browse")
    assert isinstance(view, BrowseView)
    view.preview.anchorClicked.emit(QUrl(url))
    assert seen == ([url] if opened else [])


def test_study_settings_are_saved_and_the_views_follow(window: MainWindow, ctx: AppContext) -> None:
    settings = window.view("settings")
    assert isinstance(settings, SettingsView)
    today = window.view("today")
    settings.new_per_day.setValue(5)
    with ctx.store.session() as session:
        assert load_settings(session).new_per_day == 5
    assert "5 cards" in today.findChild(QPushButton).text()  # type: ignore[union-attr]

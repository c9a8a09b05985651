"""A whole study session driven by the keyboard on a real database: reveal, grade, undo,
edit, suspend, and the summary at the end; and the browser's search and bulk actions."""

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from roadmap_desktop.core.store.models import Card, ReviewLog
from roadmap_desktop.ui.context import AppContext
from roadmap_desktop.ui.main_window import MainWindow
from roadmap_desktop.ui.views.browse import BrowseView
from roadmap_desktop.ui.views.review import ReviewView
from roadmap_desktop.ui.widgets.card_dialog import CardDialog
from tests.conftest import deck_file

DECK = "Test::Keyboard"


@pytest.fixture
def keyboard_ctx(make_ctx, paths) -> AppContext:
    decks = paths.user_content_dir / "decks"
    decks.mkdir(parents=True)
    (decks / "kb.md").write_text(
        deck_file(DECK, *[(f"kb-{i}", f"Question {i}?", f"Answer {i}.") for i in range(3)]),
        encoding="utf-8",
    )
    ctx: AppContext = make_ctx()
    return ctx


def logs(ctx: AppContext) -> int:
    with ctx.store.session() as s:
        return int(s.scalar(select(func.count(ReviewLog.id))) or 0)


def test_a_whole_session_by_keyboard(qtbot, keyboard_ctx: AppContext) -> None:
    window = MainWindow.for_context(keyboard_ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    review = window.view("review")
    assert isinstance(review, ReviewView)
    review.start(DECK)
    reviewer = review.reviewer

    def key(k: Qt.Key) -> None:
        qtbot.keyClick(reviewer, k)

    assert reviewer.shown is not None and reviewer.shown.card.key == "kb-0"
    assert not reviewer.revealed and reviewer.grades.isHidden()
    key(Qt.Key.Key_4)  # grading before the answer is shown does nothing
    assert logs(keyboard_ctx) == 0
    key(Qt.Key.Key_Space)
    assert reviewer.revealed and "Answer 0." in reviewer.card.toPlainText()
    assert reviewer.grade_buttons[4].text() == "4 Good  ·  1d"
    key(Qt.Key.Key_4)
    assert logs(keyboard_ctx) == 1 and reviewer.shown.card.key == "kb-1"

    key(Qt.Key.Key_Return)
    key(Qt.Key.Key_2)  # wrong: kb-1 will be drilled
    assert reviewer.shown.card.key == "kb-2"
    key(Qt.Key.Key_U)  # undo brings kb-1 back, unanswered
    assert logs(keyboard_ctx) == 1 and reviewer.shown.card.key == "kb-1"
    assert not reviewer.revealed
    qtbot.keyClick(reviewer, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # and kb-0
    assert logs(keyboard_ctx) == 0 and reviewer.shown.card.key == "kb-0"

    def edit_in_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, CardDialog)
        dialog.front.setPlainText("Question 0, reworded?")
        dialog._save()

    QTimer.singleShot(200, edit_in_dialog)
    key(Qt.Key.Key_E)
    assert reviewer.shown.card.front == "Question 0, reworded?" and reviewer.shown.card.edited
    assert "Question 0, reworded?" in reviewer.card.toPlainText()
    window.activateWindow()  # what the window manager does when a modal dialog closes
    qtbot.waitUntil(window.isActiveWindow)

    key(Qt.Key.Key_Space)
    key(Qt.Key.Key_5)
    qtbot.keyClicks(reviewer, "!")  # suspend kb-1
    assert reviewer.shown.card.key == "kb-2"
    key(Qt.Key.Key_Space)
    key(Qt.Key.Key_3)  # correct but < 4: drilled once more
    assert reviewer.shown.card.key == "kb-2" and reviewer.shown.kind == "drill"
    key(Qt.Key.Key_Space)
    assert reviewer.grade_buttons[4].text() == "4 Good  ·  done"
    key(Qt.Key.Key_4)

    assert review.pages.currentWidget() is review.end
    summary = review.end.text.text()
    assert "2 cards, 3 answers" in summary and "1 drill answers" in summary
    assert "next review is due tomorrow" in summary
    with keyboard_ctx.store.session() as s:
        suspended = s.scalar(select(Card.suspended).where(Card.key == "kb-1"))
        edited = s.scalar(select(Card.user_front).where(Card.key == "kb-0"))
    assert suspended is True and edited == "Question 0, reworded?"


def test_nothing_to_study_says_when_the_next_review_is(
    qtbot, keyboard_ctx: AppContext, clock
) -> None:
    window = MainWindow.for_context(keyboard_ctx)
    qtbot.addWidget(window)
    review = window.view("review")
    assert isinstance(review, ReviewView)
    review.start(DECK)
    for _ in range(3):
        review.reviewer.show_answer()
        review.reviewer.grade(5)
    clock.advance(timedelta(hours=2))
    review.show_decks()
    review.start(DECK)
    assert review.pages.currentWidget() is review.end
    assert review.end.heading.text() == "Nothing to study right now"
    assert "due tomorrow" in review.end.text.text()


def test_browser_search_sort_and_bulk_actions(qtbot, keyboard_ctx: AppContext) -> None:
    window = MainWindow.for_context(keyboard_ctx)
    qtbot.addWidget(window)
    browse = window.view("browse")
    assert isinstance(browse, BrowseView)
    browse.search.setText(f'deck:"{DECK}"')
    browse.run_search()
    assert browse.model.rowCount() == 3 and browse.count.text() == "3 cards"
    assert browse.model.data(browse.model.index(0, 0)) == "Question 0?"
    browse._sort_by(1)  # deck (all equal) keeps the id order
    browse.table.selectAll()
    ids = browse.selected_ids()
    assert browse.apply("suspend", ids) == "3 cards suspended"
    browse.search.setText(f'deck:"{DECK}" is:suspended')
    browse.run_search()
    assert browse.model.rowCount() == 3
    assert browse.apply("tag", ids[:1], "streams") == "tag streams added to 1 cards"
    browse.search.setText("tag:streams is:suspended")
    browse.run_search()
    assert browse.model.rowCount() == 1
    assert (
        browse.apply("delete", ids)
        == "0 cards deleted; 3 bundled cards kept (suspend them instead)"
    )
    browse.search.setText("prop:ease<")
    browse.run_search()
    assert "prop:NAME<op>NUMBER" in browse.count.text()


def test_the_card_table_fetches_rows_lazily(qtbot, make_ctx, paths) -> None:
    decks = paths.user_content_dir / "decks"
    decks.mkdir(parents=True)
    cards = [(f"lazy-{i}", f"Lazy {i}?", f"A {i}.") for i in range(450)]
    (decks / "lazy.md").write_text(deck_file("Lazy", *cards), encoding="utf-8")
    window = MainWindow.for_context(make_ctx())
    qtbot.addWidget(window)
    browse = window.view("browse")
    assert isinstance(browse, BrowseView)
    browse.search.setText("deck:Lazy")
    browse.run_search()
    model = browse.model
    assert model.rowCount() == 450
    model.invalidate()
    assert model.data(model.index(300, 0)) == "Lazy 300?"
    assert len(model._cache) == 200  # the page holding row 300, not the whole table

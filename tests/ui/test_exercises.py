"""The Exercises place on a real store with real `node` runs."""

import itertools
import time
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QUrl

from roadmap_desktop.core.exercises import progress
from roadmap_desktop.core.exercises.runner import RunResult
from roadmap_desktop.ui.context import AppContext
from roadmap_desktop.ui.main_window import MainWindow
from roadmap_desktop.ui.views.exercises import ExercisesView

REPO = Path(__file__).resolve().parents[2]
REFERENCE = (REPO / "exercises" / "lru-cache" / "reference" / "lru-cache.mjs").read_text()
HANG = "export class LRUCache { constructor() { for (;;) {} } }\n"


def open_view(qtbot, ctx: AppContext) -> tuple[MainWindow, ExercisesView]:
    window = MainWindow.for_context(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.show_place("exercises")
    view = window.view("exercises")
    assert isinstance(view, ExercisesView)
    view.open_exercise("lru-cache")
    return window, view


def run_and_wait(qtbot, view: ExercisesView, trigger=None, timeout: int = 30000):
    with qtbot.waitSignal(view.run_finished, timeout=timeout) as finished:
        (trigger or view.run_tests)()
    return finished.args[0]


def test_a_failing_run_then_a_fix_saved_and_run_by_keyboard(qtbot, ctx: AppContext) -> None:
    _window, view = open_view(qtbot, ctx)
    assert "not implemented" in view.editor.toPlainText()
    result = run_and_wait(qtbot, view)
    assert result.status == "fail" and result.failed == 14
    assert view.summary.text().startswith("Some tests fail: 0 passed, 14 failed")
    assert "lru-cache.mjs:" in view.detail.toPlainText()
    frame = result.tests[0].frames[0]
    view.detail.anchorClicked.emit(QUrl(f"frame:{frame.file}:{frame.line}:{frame.column}"))
    assert view.editor.textCursor().blockNumber() == frame.line - 1

    view.editor.setFocus()
    view.editor.selectAll()
    view.editor.insertPlainText(REFERENCE)
    qtbot.keyClick(view.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert view.files["lru-cache.mjs"].read_text() == REFERENCE
    result = run_and_wait(
        qtbot,
        view,
        lambda: qtbot.keyClick(view.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier),
    )
    assert result.status == "pass" and view.summary.text().startswith("All tests pass")
    with ctx.store.session() as session:
        row = progress.progress_rows(session)["lru-cache"]
    assert (row.state, row.attempts) == ("solved", 2)
    assert "●" in view.list.currentItem().text()


def test_the_window_stays_responsive_during_a_hung_run_and_it_can_be_cancelled(
    qtbot, ctx: AppContext
) -> None:
    _window, view = open_view(qtbot, ctx)
    view.files["lru-cache.mjs"].write_text(HANG)
    view._show_file()
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(20)
    view.run_tests()
    qtbot.wait(1500)  # the run hangs in node; the GUI thread must keep turning
    assert len(ticks) > 30 and max(b - a for a, b in itertools.pairwise(ticks)) < 0.5
    assert view.cancel_button.isEnabled()
    result = run_and_wait(qtbot, view, view.cancel_run, timeout=10000)
    timer.stop()
    assert result.status == "cancelled" and view.summary.text().startswith("Cancelled")
    with ctx.store.session() as session:
        assert "lru-cache" not in progress.progress_rows(session)  # a cancel is no attempt


def test_a_new_run_supersedes_the_one_in_progress(qtbot, ctx: AppContext) -> None:
    _window, view = open_view(qtbot, ctx)
    view.files["lru-cache.mjs"].write_text(HANG)
    view._show_file()
    view.run_tests()
    qtbot.wait(300)
    view.files["lru-cache.mjs"].write_text(REFERENCE)
    view._show_file()
    results: list[RunResult] = []
    view.run_finished.connect(results.append)
    result = run_and_wait(qtbot, view)
    assert result.status == "pass"
    qtbot.wait(500)
    assert [r.status for r in results] == ["pass"], "the superseded run's result is dropped"


def test_watch_mode_runs_when_the_file_is_saved_elsewhere(qtbot, ctx: AppContext) -> None:
    _window, view = open_view(qtbot, ctx)
    view.watch.setChecked(True)
    target = view.files["lru-cache.mjs"]
    result = run_and_wait(qtbot, view, lambda: target.write_text(REFERENCE))
    assert result.status == "pass"
    assert view.editor.toPlainText() == REFERENCE, "the editor shows what was saved"


def test_hints_reset_and_the_solution(qtbot, ctx: AppContext) -> None:
    _window, view = open_view(qtbot, ctx)
    assert view.hint_button.text() == "Show a hint (3 left)"
    view.reveal_hint()
    assert "Hint 1." in view.statement.toPlainText()
    assert view.hint_button.text() == "Show a hint (2 left)"

    view.files["lru-cache.mjs"].write_text(REFERENCE)
    view.reset_now()
    assert "not implemented" in view.editor.toPlainText()
    assert (view.files["lru-cache.mjs"].parent / "lru-cache.mjs.bak").read_text() == REFERENCE

    view.show_solution(confirmed=True)
    assert "Reference solution" in view.statement.toPlainText()
    assert "#map" in view.statement.toPlainText() or "Map" in view.statement.toPlainText()
    with ctx.store.session() as session:
        assert progress.progress_rows(session)["lru-cache"].solution_shown

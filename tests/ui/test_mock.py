"""A whole mock interview driven through the real view with an injected monotonic clock."""

from pathlib import Path

from PySide6.QtCore import Qt

from roadmap_desktop.core.mock import sessions
from roadmap_desktop.core.mock.templates import Template
from roadmap_desktop.core.mock.timer import MockTimer
from roadmap_desktop.ui.context import AppContext
from roadmap_desktop.ui.main_window import MainWindow
from roadmap_desktop.ui.views.mock import MockView


class Tick:
    def __init__(self) -> None:
        self.now = 500.0

    def __call__(self) -> float:
        return self.now


def make_view(qtbot, ctx: AppContext, tick: Tick) -> MockView:
    window = MainWindow.for_context(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    view = MockView(ctx, monotonic=tick, offer_resume=False)
    qtbot.addWidget(view)
    view.show()
    return view


def test_a_whole_interview_to_the_rubric_and_history(
    qtbot, ctx: AppContext, tmp_path: Path
) -> None:
    tick = Tick()
    view = make_view(qtbot, ctx, tick)
    view.tier.setCurrentIndex(view.tier.findData(1))
    assert all(c.tier == 1 for c in view.choices)
    view.order.setCurrentIndex(view.order.findData("stale"))
    view.prompts.setCurrentRow(0)
    chosen = view.prompts.currentItem().data(Qt.ItemDataRole.UserRole)
    assert "Hints stay hidden" in view.brief.toPlainText()
    view.start()
    assert view.pages.currentWidget() is view.session_page
    assert view.countdown.text() == "05:00" and view.phase_label.text() == "Clarify requirements"

    cues: list[int] = []
    view.cue.connect(cues.append)
    tick.now += 299
    view._on_tick()
    assert view.countdown.text() == "00:01" and cues == []
    tick.now += 31
    view._on_tick()
    assert cues == [0] and view.countdown.text() == "-00:30"
    assert "overtime" in view.phase_label.text()

    view.note.setPlainText("Reads **dominate**.")
    view.checklist.item(0).setCheckState(Qt.CheckState.Checked)
    view.toggle()  # pause
    tick.now += 600
    view._on_tick()
    assert view.countdown.text() == "-00:30" and "paused" in view.total.text()
    view.toggle()
    view.next_phase()
    assert view.helper.isVisible() and "requests/s" in view.helper.result.text()
    view.show_hints()
    assert view.hints.isVisible() and "Functional requirements" in view.hints.toPlainText()
    tick.now += 120
    view.end()
    assert view.pages.currentWidget() is view.rubric_page
    view.scores["communication"].setCurrentIndex(3)
    view.comments.setPlainText("Estimate earlier.")
    view.save_assessment()

    assert view.pages.currentWidget() is view.history_page
    assert view.history_table.rowCount() == 1 and view._chart is not None
    minutes_cell = view.history_table.item(0, 3)
    assert minutes_cell is not None and minutes_cell.text() == "6 / 2 / 0 / 0 / 0"
    with ctx.store.session() as session:
        [row] = sessions.history(session)
    assert row.scores["communication"] == 4
    assert [round(m) for _, m in row.phase_minutes[:2]] == [6, 2]  # 330 s and 120 s
    view.export_session(row.id, tmp_path / "mock.md")
    text = (tmp_path / "mock.md").read_text()
    assert "Reads **dominate**." in text and "- [x] Functional requirements listed" in text
    with ctx.store.session() as session:
        assert sessions.prompt_choices(session, order="stale")[-1].key == chosen


def test_a_running_interview_survives_a_restart(qtbot, ctx: AppContext) -> None:
    tick = Tick()
    view = make_view(qtbot, ctx, tick)
    view.prompts.setCurrentRow(0)
    view.start()
    tick.now += 90
    view.note.setPlainText("before the crash")
    view.save()
    session_id = view.session_id
    assert session_id is not None

    later = Tick()  # a new process
    with ctx.store.session() as session:
        row = sessions.active(session)
        assert row is not None and row.id == session_id
        template, timer_json = Template.from_json(row.template), row.timer
        notes, checked, key = dict(row.notes), dict(row.checked), row.prompt_key
    saved_at = __import__("json").loads(timer_json)["saved_at_wall"]
    timer, closed = MockTimer.restore(template, later, timer_json, saved_at + 300)
    assert closed == 300
    again = make_view(qtbot, ctx, later)
    again.resume(session_id, key, timer, closed, notes, checked)
    assert again.pages.currentWidget() is again.session_page
    assert again.note.toPlainText() == "before the crash"
    assert again.countdown.text() == "-01:30"  # 90 s + 300 s counted, of 5 minutes
    assert "paused" in again.total.text()

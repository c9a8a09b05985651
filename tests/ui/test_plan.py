"""The Plan place: progress per track and phase, the agenda, and the changes made from it."""

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QInputDialog,
    QProgressBar,
    QTreeWidgetItem,
)

from roadmap_desktop.core.clock import study_day
from roadmap_desktop.core.plan import service as plan
from roadmap_desktop.core.store.models import PlanTaskState
from roadmap_desktop.ui.context import AppContext
from roadmap_desktop.ui.main_window import MainWindow
from roadmap_desktop.ui.views.plan import PlanView
from roadmap_desktop.ui.widgets.plan_dialogs import DateDialog, EnrollDialog, PauseDialog


def answer_dialog(kind: type, fill: Callable[[Any], None] | None = None) -> None:
    """Accept the next modal dialog of ``kind`` once it is open, as a user would."""

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog) or not isinstance(dialog, kind):
            QTimer.singleShot(20, act)
            return
        if fill is not None:
            fill(dialog)
        dialog.accept()

    QTimer.singleShot(0, act)


def agenda_keys(view: PlanView, day_index: int) -> list[str]:
    head = view.agenda.topLevelItem(day_index)
    assert head is not None
    children = [head.child(i) for i in range(head.childCount())]
    return [c.data(0, Qt.ItemDataRole.UserRole) for c in children if c is not None]


def top(view: PlanView) -> QTreeWidgetItem:
    item = view.progress.topLevelItem(0)
    assert item is not None
    return item


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def test_plan_place_drives_the_plan(qtbot, ctx: AppContext) -> None:
    today = study_day(ctx.store.clock.now())
    window = MainWindow.for_context(ctx)
    qtbot.addWidget(window)
    window.show_place("plan")
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    view = window.view("plan")
    assert isinstance(view, PlanView)
    assert not view.pause_button.isEnabled(), "nothing to pause before following a track"

    def choose(dialog: EnrollDialog) -> None:
        dialog.track.setCurrentIndex(dialog.track.findData("node-90-days"))
        for box in dialog.days:
            box.setChecked(True)
        dialog.minutes.setValue(120)

    answer_dialog(EnrollDialog, choose)
    view.enroll()
    with ctx.store.session() as session:
        [enrolment] = plan.enrollments(session)
    assert (enrolment.track, enrolment.minutes_per_day, enrolment.start) == (
        "node-90-days",
        120,
        today,
    )
    first_day = agenda_keys(view, 0)
    assert first_day[0] == "node90.d01-event-loop"
    assert top(view).childCount() > 1, "one row per phase"
    bar = view.progress.itemWidget(top(view), 1)
    assert isinstance(bar, QProgressBar) and bar.value() == 0 and bar.maximum() == 90
    assert "Event loop" in view.agenda_detail.toPlainText()

    # Done from the agenda (Space), then skip the next one: both leave the agenda.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view.agenda.setFocus()
    qtbot.keyClick(view.agenda, Qt.Key.Key_Space)
    assert view.selected_task() != "node90.d01-event-loop"
    skipped = view.selected_task()
    view.skip_button.click()
    keys = [k for i in range(5) for k in agenda_keys(view, i)]
    assert "node90.d01-event-loop" not in keys and skipped not in keys
    with ctx.store.session() as session:
        states = {s.task_key: s.status for s in session.query(PlanTaskState)}
    assert states == {"node90.d01-event-loop": "done", skipped: "skipped"}
    assert view.selected_task() not in states, "the selection moved to an open task"
    bar = view.progress.itemWidget(top(view), 1)
    assert isinstance(bar, QProgressBar) and bar.value() == 1

    # Done with the time it really took.
    timed = view.selected_task()
    answer_dialog(QInputDialog, lambda d: d.setIntValue(95))
    view.mark_done_timed()
    with ctx.store.session() as session:
        row = session.get(PlanTaskState, timed)
        assert row is not None and (row.status, row.actual_minutes) == ("done", 95)

    # Move today's first task to a week from now: it sits exactly there.
    moved = view.selected_task()
    assert moved is not None
    answer_dialog(DateDialog, lambda d: d.day.setDate(qdate(today + timedelta(days=7))))
    view.move_task()
    assert moved in agenda_keys(view, 7) and moved not in agenda_keys(view, 0)

    # A pause over the next three days empties them; ending it brings them back.
    def pause_days(dialog: PauseDialog) -> None:
        dialog.first.setDate(qdate(today + timedelta(days=1)))
        dialog.last.setDate(qdate(today + timedelta(days=3)))

    answer_dialog(PauseDialog, pause_days)
    view.pause()
    assert all(agenda_keys(view, i) == [] for i in (1, 2, 3))
    assert view.pauses_note.isVisibleTo(view) and "Paused" in view.pauses_note.text()
    view.end_pause_button.click()
    assert agenda_keys(view, 1) != []

    # Re-plan clears the moved date: the task is back first in line (today's time is spent on
    # the tasks done today, so the line starts on the next study day).
    view.replan_button.click()
    first_day = next(keys for i in range(7) if (keys := agenda_keys(view, i)))
    assert first_day[0] == moved and moved not in agenda_keys(view, 7)

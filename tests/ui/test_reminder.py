"""The daily reminder fires once at the chosen time, only while work is left, and its settings
are made in Settings."""

from datetime import datetime, timedelta

from PySide6.QtCore import QTime

from roadmap_desktop.core.clock import FixedClock, study_day
from roadmap_desktop.core.plan import service as plan
from roadmap_desktop.ui.context import AppContext
from roadmap_desktop.ui.main_window import MainWindow
from roadmap_desktop.ui.views.settings import SettingsView


def test_reminder_fires_once_at_the_chosen_time(qtbot, ctx: AppContext, clock: FixedClock) -> None:
    clock.current = clock.current.replace(hour=18, minute=59, second=0)
    with ctx.store.session() as session:
        plan.enroll(session, "node-90-days", study_day(clock.now()), frozenset(range(7)), 90)
    window = MainWindow.for_context(ctx)
    qtbot.addWidget(window)
    assert window.reminder is not None
    assert window.reminder.check() is None, "off until the learner turns it on"

    settings = window.view("settings")
    assert isinstance(settings, SettingsView)
    settings.reminder_time.setTime(QTime(19, 0))
    settings.reminder_on.setChecked(True)
    assert ctx.settings.reminder_enabled and ctx.settings.reminder_time == "19:00"
    assert window.reminder.timer.isActive()

    assert window.reminder.check() is None, "18:59: not yet"
    clock.advance(timedelta(minutes=2))
    with qtbot.waitSignal(window.reminder.shown) as shown:
        window.reminder.check()
    assert "planned task" in shown.args[0] and "cards to review" in shown.args[0]
    assert window.status_text.text() == shown.args[0]
    assert window.reminder.check() is None, "once a day"

    # The next evening, with the day's task done and no cards left, it stays quiet.
    clock.advance(timedelta(days=1))
    day = study_day(clock.now())
    with ctx.store.session() as session:
        for task in plan.today_tasks(session, day):
            plan.complete(session, task.key, day)
        from roadmap_desktop.core.srs.settings import StudySettings, save_settings

        save_settings(session, StudySettings(new_per_day=0))
    assert window.reminder.check() is None
    assert ctx.settings.reminder_last_shown == clock.now().date()

    settings.reminder_on.setChecked(False)
    assert not window.reminder.timer.isActive()


def test_a_restart_does_not_repeat_the_days_reminder(qtbot, make_ctx, clock: FixedClock) -> None:
    clock.current = datetime(2026, 3, 2, 20, 0).astimezone()
    ctx = make_ctx()
    ctx.settings.reminder_enabled = True
    ctx.settings.reminder_time = "19:00"
    first = MainWindow.for_context(ctx)
    qtbot.addWidget(first)
    assert first.reminder is not None and first.reminder.check() is not None  # new cards left
    second = MainWindow.for_context(ctx)
    qtbot.addWidget(second)
    assert second.reminder is not None and second.reminder.check() is None

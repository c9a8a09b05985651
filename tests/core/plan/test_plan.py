"""The daily plan on a real store, walked through weeks with an injected study day."""

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roadmap_desktop.core.content import service as content_service
from roadmap_desktop.core.plan import service
from roadmap_desktop.core.plan.schedule import PlanTask, TrackPlan, lay_out
from roadmap_desktop.core.srs.cards import add_card
from roadmap_desktop.core.store.database import Store
from roadmap_desktop.core.store.models import ReviewLog
from tests.conftest import ContentTree

MONDAY = date(2026, 3, 2)
WEEKDAYS = frozenset(range(5))


def track_toml(minutes: list[int]) -> str:
    tasks = "".join(
        f'\n[[phases.tasks]]\nkey = "t.{i:02d}"\ntitle = "Task {i}"\nkind = "build"\n'
        f"minutes = {m}\n"
        for i, m in enumerate(minutes)
    )
    return '[track]\nkey = "t"\ntitle = "T"\n\n[[phases]]\nkey = "t.p"\ntitle = "P"\n' + tasks


@pytest.fixture
def plan_store(store: Store, content: ContentTree) -> Store:
    content.write("resources/tracks/t.toml", track_toml([60] * 10))
    content_service.sync(store, content.roots)
    with store.session() as s:
        service.enroll(s, "t", MONDAY, WEEKDAYS, 120)
    return store


def keys_on(store: Store, day: date) -> list[str]:
    """What Today shows on ``day`` (unfinished earlier tasks carry over into it)."""
    with store.session() as s:
        return [t.key for t in service.today_tasks(s, day) if not t.done]


def planned(store: Store, seen_from: date, day: date) -> list[str]:
    """The agenda for a coming ``day`` as seen on ``seen_from``."""
    with store.session() as s:
        return [slot.task for slot in service.schedule(s, seen_from).on(day)]


def test_tasks_fill_each_study_day_within_the_budget(plan_store: Store) -> None:
    assert keys_on(plan_store, MONDAY) == ["t.00", "t.01"]
    assert planned(plan_store, MONDAY, MONDAY + timedelta(days=1)) == ["t.02", "t.03"]
    assert planned(plan_store, MONDAY, MONDAY + timedelta(days=5)) == [], "Saturday: rest"
    with plan_store.session() as s:
        [progress] = service.progress(s, MONDAY)
    assert (progress.done, progress.remaining, progress.finish) == (0, 10, date(2026, 3, 6))


def test_a_missed_day_carries_over_oldest_first(plan_store: Store) -> None:
    with plan_store.session() as s:
        service.complete(s, "t.00", MONDAY)  # Monday: one of two done
    tuesday = MONDAY + timedelta(days=1)
    with plan_store.session() as s:
        today = service.today_tasks(s, tuesday)
    assert [(t.key, t.carried_over) for t in today] == [("t.01", True), ("t.02", False)]
    with plan_store.session() as s:
        [progress] = service.progress(s, tuesday)
    assert progress.finish == date(2026, 3, 9), "everything after shifted by one task"


def test_a_vacation_shifts_the_plan(plan_store: Store) -> None:
    with plan_store.session() as s:
        service.pause(s, MONDAY + timedelta(days=1), MONDAY + timedelta(days=2))
    assert planned(plan_store, MONDAY, MONDAY + timedelta(days=1)) == []
    assert planned(plan_store, MONDAY, MONDAY + timedelta(days=3)) == ["t.02", "t.03"]
    with plan_store.session() as s:
        [progress] = service.progress(s, MONDAY)
        with pytest.raises(service.PlanError):
            service.pause(s, MONDAY, MONDAY - timedelta(days=1))
    assert progress.finish == date(2026, 3, 10)


def test_skip_snooze_move_and_replan(plan_store: Store) -> None:
    with plan_store.session() as s:
        service.skip(s, "t.00")
        service.snooze(s, "t.01", MONDAY + timedelta(days=2))
        service.move(s, "t.05", MONDAY)
    # the moved task sits on its day and uses that day's budget
    assert keys_on(plan_store, MONDAY) == ["t.05", "t.02"]
    assert "t.01" in planned(plan_store, MONDAY, MONDAY + timedelta(days=2))
    with plan_store.session() as s:
        service.replan(s)
    assert keys_on(plan_store, MONDAY) == ["t.01", "t.02"]
    with plan_store.session() as s, pytest.raises(service.PlanError, match="no task"):
        service.skip(s, "t.nope")


def test_the_streak_counts_study_days_and_rest_days_do_not_break_it(plan_store: Store) -> None:
    friday = MONDAY + timedelta(days=4)
    with plan_store.session() as s:
        service.complete(s, "t.00", MONDAY + timedelta(days=3))  # Thursday: a task
        card = add_card(s, "D", "Q?", "A.", [], datetime(2026, 3, 1))
        s.add(
            ReviewLog(
                card_id=card,
                reviewed_at=friday,
                study_day=friday,
                grade=4,
                kind="review",
                ease_before=2.5,
                ease_after=2.5,
                interval_before=0,
                interval_after=1,
                reps_after=1,
            )
        )  # Friday: reviews
    next_monday = MONDAY + timedelta(days=7)
    with plan_store.session() as s:
        assert service.streak(s, next_monday) == 2, "the weekend is rest, not a break"
        service.complete(s, "t.01", next_monday)
        assert service.streak(s, next_monday) == 3, "finishing today extends it"
        assert service.streak(s, next_monday + timedelta(days=2)) == 0, "a missed Tuesday"


def test_enrolment_is_validated(plan_store: Store) -> None:
    with plan_store.session() as s:
        with pytest.raises(service.PlanError, match="no track"):
            service.enroll(s, "nope", MONDAY, WEEKDAYS, 60)
        with pytest.raises(service.PlanError, match="minutes"):
            service.enroll(s, "t", MONDAY, WEEKDAYS, 5)
    assert service.parse_weekdays("mon, Wed,fri") == frozenset({0, 2, 4})
    with pytest.raises(service.PlanError):
        service.parse_weekdays("funday")


def test_a_long_task_spans_days(store: Store, content: ContentTree) -> None:
    content.write("resources/tracks/t.toml", track_toml([300, 30]))
    content_service.sync(store, content.roots)
    with store.session() as s:
        service.enroll(s, "t", MONDAY, WEEKDAYS, 120)
        parts = [(t.key, t.minutes, t.part, t.parts) for t in service.today_tasks(s, MONDAY)]
    assert parts == [("t.00", 120, 1, 3)]


operations = st.lists(
    st.tuples(
        st.sampled_from(["skip", "snooze", "move", "replan", "done"]),
        st.integers(0, 11),
        st.integers(0, 20),
    ),
    max_size=25,
)


@settings(max_examples=150, deadline=None)
@given(operations, st.lists(st.integers(5, 400), min_size=1, max_size=12))
def test_no_sequence_of_changes_loses_or_duplicates_a_task(ops, minutes) -> None:
    tasks = {f"k{i}": PlanTask(f"k{i}", m) for i, m in enumerate(minutes)}
    closed: set[str] = set()
    for op, index, offset in ops:
        key = f"k{index % len(minutes)}"
        day = MONDAY + timedelta(days=offset)
        if op in ("skip", "done"):
            closed.add(key)
        elif op == "snooze":
            tasks[key] = PlanTask(key, tasks[key].minutes, snoozed_until=day)
        elif op == "move":
            tasks[key] = PlanTask(key, tasks[key].minutes, pinned=day)
        else:
            tasks = {k: PlanTask(k, t.minutes) for k, t in tasks.items()}
    open_tasks = tuple(t for k, t in tasks.items() if k not in closed)
    plan = TrackPlan("t", MONDAY, WEEKDAYS, 120, open_tasks)
    schedule = lay_out([plan], MONDAY + timedelta(days=3))
    placed: dict[str, int] = {}
    for slots in schedule.days.values():
        for slot in slots:
            placed[slot.task] = placed.get(slot.task, 0) + slot.minutes
    assert placed == {t.key: t.minutes for t in open_tasks}, "each open task, fully, once"
    starts = [s.task for d in sorted(schedule.days) for s in schedule.days[d] if s.part == 1]
    assert len(starts) == len(set(starts)) == len(open_tasks)


def test_the_agenda_shows_study_rest_and_paused_days(plan_store: Store) -> None:
    with plan_store.session() as s:
        service.pause(s, MONDAY + timedelta(days=2), MONDAY + timedelta(days=2))
        days = service.agenda(s, MONDAY, days=8)
        [pause] = service.pauses(s, MONDAY)
    assert [d.state for d in days] == [
        "study",
        "study",
        "paused",
        "study",
        "study",
        "rest",
        "rest",
        "study",
    ]
    assert [i.key for i in days[0].items] == ["t.00", "t.01"] and days[0].minutes == 120
    assert [i.key for i in days[3].items] == ["t.04", "t.05"], "the pause shifted the plan"
    assert days[0].items[0].title == "Task 0"
    with plan_store.session() as s:
        service.end_pause(s, pause.id, MONDAY)  # not begun yet: dropped
    with plan_store.session() as s:
        assert [i.key for i in service.agenda(s, MONDAY, 3)[2].items] == ["t.04", "t.05"]
        assert service.pauses(s, MONDAY) == []
        service.pause(s, MONDAY, MONDAY + timedelta(days=9))
    wednesday = MONDAY + timedelta(days=2)
    with plan_store.session() as s:
        [running] = service.pauses(s, wednesday)
        service.end_pause(s, running.id, wednesday)  # running: it ends yesterday
    with plan_store.session() as s:
        assert service.pauses(s, wednesday) == []
        assert [d.state for d in service.agenda(s, MONDAY, 3)] == ["paused", "paused", "study"]
        [enrolment] = service.enrollments(s)
    assert (enrolment.track, enrolment.minutes_per_day, enrolment.weekdays) == ("t", 120, WEEKDAYS)


def test_a_slow_pace_on_a_long_track_still_has_a_finish_date(
    store: Store, content: ContentTree
) -> None:
    """Found by enrolling the 486-hour roadmap at 60 minutes three days a week: over three
    years of study days, which once raised instead of giving a date."""
    content.write("resources/tracks/t.toml", track_toml([600] * 60))  # 600 hours
    content_service.sync(store, content.roots)
    with store.session() as s:
        service.enroll(s, "t", MONDAY, frozenset({0}), 15)  # 15 minutes on Mondays
        [progress] = service.progress(s, MONDAY)
    assert progress.finish is not None
    weeks = (progress.finish - MONDAY).days // 7 + 1
    assert weeks == 600 * 60 // 15, "one 15-minute slot a week until the last task"


def test_finishing_the_days_tasks_ends_the_day_instead_of_pulling_more_in(
    plan_store: Store,
) -> None:
    with plan_store.session() as s:
        for key in keys_on(plan_store, MONDAY):
            service.complete(s, key, MONDAY)
    assert keys_on(plan_store, MONDAY) == [], "Monday's 120 minutes are done"
    assert planned(plan_store, MONDAY, MONDAY + timedelta(days=1)) == ["t.02", "t.03"]
    with plan_store.session() as s:
        service.complete(s, "t.02", MONDAY)  # working ahead from the agenda is still possible
    assert planned(plan_store, MONDAY, MONDAY + timedelta(days=1)) == ["t.03", "t.04"]

"""Statistics on a real store: review history made by answering through the review session
on successive study days (or log rows written directly where answering would be slow)."""

from collections.abc import Callable
from datetime import date, datetime, timedelta

import pytest

from roadmap_desktop.core.clock import FixedClock
from roadmap_desktop.core.content import service as content_service
from roadmap_desktop.core.exercises.progress import record_attempt
from roadmap_desktop.core.exercises.runner import RunResult, Status
from roadmap_desktop.core.mock import sessions as mock_sessions
from roadmap_desktop.core.mock.templates import DEFAULT
from roadmap_desktop.core.plan import service as plan_service
from roadmap_desktop.core.srs.cards import add_card
from roadmap_desktop.core.srs.session import ReviewSession
from roadmap_desktop.core.stats import Period, StatsFilter, card_counts, collect
from roadmap_desktop.core.stats import reviews as review_stats
from roadmap_desktop.core.stats.exercises import exercise_stats
from roadmap_desktop.core.stats.mock import mock_stats
from roadmap_desktop.core.stats.plan import StreakRun, burn_up, streak_history
from roadmap_desktop.core.store.database import Store
from roadmap_desktop.core.store.models import Card, Prompt, ReviewLog
from tests.conftest import ContentTree
from tests.core.plan.test_plan import track_toml

DAY0 = date(2026, 3, 10)  # the conftest clock's study day
NOW = datetime(2026, 3, 10, 7, 30)  # the same moment as naive UTC


def make_cards(store: Store, deck: str, fronts: list[str]) -> dict[str, int]:
    with store.session() as s:
        return {front: add_card(s, deck, front, "A.", [], NOW) for front in fronts}


def study(store: Store, grade: Callable[[str], int] = lambda _front: 5, ms: int = 2000) -> int:
    """Answer everything the queue offers today; drills are answered 5. Returns answers."""
    review = ReviewSession(store)
    answers = 0
    while (shown := review.next()) is not None:
        review.answer(5 if shown.kind == "drill" else grade(shown.card.front), ms)
        answers += 1
    return answers


def next_day(clock: FixedClock, days: int = 1) -> None:
    clock.advance(timedelta(days=days))


def log(
    card_id: int, day: date, grade: int, interval_before: int, kind: str = "review"
) -> ReviewLog:
    return ReviewLog(
        card_id=card_id,
        reviewed_at=datetime.combine(day, datetime.min.time()),
        study_day=day,
        grade=grade,
        kind=kind,
        ease_before=2.5,
        ease_after=2.5,
        interval_before=interval_before,
        interval_after=interval_before * 2,
        reps_after=3,
        answer_ms=4000,
        was_new=False,
    )


@pytest.fixture
def history(store: Store, clock: FixedClock) -> dict[str, int]:
    """Deck A (with a subdeck) and deck AB, answered on DAY0, DAY0+1 (one lapse, drilled)
    and DAY0+3, nothing on DAY0+2."""
    ids = make_cards(store, "A", ["a1", "a2"]) | make_cards(store, "A::Sub", ["a3"])
    ids |= make_cards(store, "AB", ["b1", "b2"])
    assert study(store, ms=2000) == 5  # all five new cards learned
    next_day(clock)
    assert study(store, lambda front: 2 if front == "a2" else 5, ms=4000) == 6  # + a2's drill
    next_day(clock, 2)
    assert study(store, ms=1000) == 1  # a2 again (due the day after its lapse)
    return ids


def test_the_heatmap_and_per_day_series_show_the_days_studied(
    store: Store, history: dict[str, int]
) -> None:
    period = Period(DAY0 - timedelta(days=1), DAY0 + timedelta(days=3))
    with store.session() as s:
        heat = review_stats.heatmap(s, period)
        per_day = review_stats.reviews_per_day(s, period)
        times = review_stats.answer_time_per_day(s, period)
    assert heat == tuple(
        (DAY0 + timedelta(days=d), n) for d, n in ((-1, 0), (0, 5), (1, 6), (2, 0), (3, 1))
    )
    by_day = {row.day: (row.learned, row.review, row.drill) for row in per_day}
    assert by_day[DAY0] == (5, 0, 0)
    assert by_day[DAY0 + timedelta(days=1)] == (0, 5, 1)
    assert by_day[DAY0 + timedelta(days=3)] == (0, 1, 0)
    assert [r.total for r in per_day] == [n for _, n in heat]
    day1 = next(t for t in times if t.day == DAY0 + timedelta(days=1))
    assert (day1.answers, day1.total_seconds, day1.average_seconds) == (6, 24.0, 4.0)
    assert next(t for t in times if t.day == DAY0 + timedelta(days=2)).average_seconds is None


def test_the_deck_filter_includes_subdecks_and_excludes_other_decks(
    store: Store, history: dict[str, int]
) -> None:
    period = Period(DAY0, DAY0 + timedelta(days=3))
    with store.session() as s:
        deck_a = StatsFilter(deck="A").deck_ids(s)
        deck_b = StatsFilter(deck="AB").deck_ids(s)
        a = dict(review_stats.heatmap(s, period, deck_a))
        b = dict(review_stats.heatmap(s, period, deck_b))
        cards_b = card_counts(s, DAY0, deck_b)
    assert a[DAY0] == 3, "a1, a2 and the subdeck's a3; not AB's cards"
    assert a[DAY0 + timedelta(days=1)] == 4 and a[DAY0 + timedelta(days=3)] == 1
    assert (b[DAY0], b[DAY0 + timedelta(days=1)], b[DAY0 + timedelta(days=3)]) == (2, 2, 0)
    assert (cards_b.total, cards_b.decks) == (2, 1)


def test_a_lapse_lowers_young_retention_and_mature_reviews_count_apart(
    store: Store, history: dict[str, int]
) -> None:
    period = Period(DAY0, DAY0 + timedelta(days=3))
    with store.session() as s:
        before = review_stats.retention(s, period)
    # Day 1: five reviews of learned cards, a2 failed; day 3: a2 passed. First answers
    # and the drill are not retention.
    assert (before.young.passed, before.young.total) == (5, 6)
    assert before.young.rate == round(5 / 6, 4)
    assert (before.mature.total, before.mature.rate) == (0, None)
    with store.session() as s:
        s.add(log(history["a1"], DAY0 + timedelta(days=2), 1, interval_before=30))
        s.add(log(history["a1"], DAY0 + timedelta(days=3), 4, interval_before=40))
        s.add(log(history["a1"], DAY0 + timedelta(days=3), 1, interval_before=40, kind="drill"))
        s.add(log(history["b1"], DAY0 + timedelta(days=9), 1, interval_before=40))  # outside
    with store.session() as s:
        after = review_stats.retention(s, period)
    assert after.young == before.young
    assert (after.mature.passed, after.mature.total, after.mature.rate) == (1, 2, 0.5)


def test_the_forecast_folds_overdue_into_today_and_skips_suspended_and_new(store: Store) -> None:
    offsets = {"late": -3, "today": 0, "tomorrow": 1, "week": 5, "far": 40, "susp": 2, "gone": 2}
    ids = make_cards(store, "D", [*offsets, "new", "buried"])
    with store.session() as s:
        for front, offset in offsets.items():
            card = s.get(Card, ids[front])
            assert card is not None
            card.due, card.interval = DAY0 + timedelta(days=offset), 3
            card.suspended = front == "susp"
            card.retired_at = NOW if front == "gone" else None
        buried = s.get(Card, ids["buried"])
        assert buried is not None
        buried.due, buried.buried_until = DAY0, DAY0 + timedelta(days=1)
    with store.session() as s:
        forecast = review_stats.due_forecast(s, DAY0)
        due_today = card_counts(s, DAY0).due_today
    assert len(forecast) == 30 and forecast[0][0] == DAY0
    counted = {day: n for day, n in forecast if n}
    assert counted == {
        DAY0: 2,  # overdue + due today
        DAY0 + timedelta(days=1): 2,  # tomorrow's + the buried card coming back
        DAY0 + timedelta(days=5): 1,
    }
    assert forecast[0][1] == due_today, "today's bar is what Today says is due"


def test_ease_buckets_and_the_hardest_cards(store: Store) -> None:
    eases = {"e13": (1.3, 4), "e135": (1.36, 3), "e142": (1.42, 3), "e25": (2.5, 1)}
    ids = make_cards(store, "E", [*eases, "e25b", "newcard"])
    with store.session() as s:
        for front, (ease, lapses) in eases.items():
            card = s.get(Card, ids[front])
            assert card is not None
            card.ease, card.lapses, card.due = ease, lapses, DAY0
        other = s.get(Card, ids["e25b"])
        assert other is not None
        other.ease, other.due, other.user_front = 2.5, DAY0, "\nMy own\nwording"
        other.lapses = 3
    with store.session() as s:
        buckets = review_stats.ease_distribution(s)
        hardest = review_stats.hardest_cards(s, limit=3)
    counts = {b.low: b.count for b in buckets}
    assert counts[1.3] == 2 and counts[1.4] == 1 and counts[2.5] == 2
    assert sum(counts.values()) == 5, "the new card has no ease yet"
    assert len(buckets) == 13 and counts[2.0] == 0, "empty steps are kept for the chart"
    assert [(h.front, h.lapses) for h in hardest] == [("e13", 4), ("e135", 3), ("e142", 3)]
    with store.session() as s:
        all_hard = review_stats.hardest_cards(s)
    assert [h.front for h in all_hard] == ["e13", "e135", "e142", "My own", "e25"]
    assert all_hard[3].id == ids["e25b"] and all_hard[3].deck == "E"


@pytest.fixture
def plan_store(store: Store, content: ContentTree) -> Store:
    content.write("resources/tracks/t.toml", track_toml([60] * 10))
    content_service.sync(store, content.roots)
    with store.session() as s:
        plan_service.enroll(s, "t", MONDAY, frozenset(range(5)), 120)
    return store


MONDAY = date(2026, 3, 2)


def test_burn_up_compares_done_with_the_baseline(plan_store: Store) -> None:
    thursday = MONDAY + timedelta(days=3)
    with plan_store.session() as s:
        plan_service.complete(s, "t.00", MONDAY)
        plan_service.complete(s, "t.01", MONDAY + timedelta(days=2))
        plan_service.complete(s, "t.02", MONDAY + timedelta(days=2))
        plan_service.skip(s, "t.03")
    with plan_store.session() as s:
        [track] = burn_up(s, thursday)
        [progress] = plan_service.progress(s, thursday)
    points = {p.day.isoformat(): (p.planned, p.done) for p in track.points}
    assert points == {
        "2026-03-02": (2, 1),
        "2026-03-03": (4, 1),
        "2026-03-04": (6, 3),
        "2026-03-05": (8, 3),
        "2026-03-06": (10, None),  # the future has no "done" yet
    }
    assert (track.total, track.done, track.skipped, track.remaining) == (10, 3, 1, 6)
    assert track.planned_finish == date(2026, 3, 6)
    # 6 open tasks, 2 a day from Thursday: Thu, Fri, Mon.
    assert track.projected_finish == progress.finish == date(2026, 3, 9)
    assert [(p.phase, p.done, p.total) for p in track.phases] == [("P", 3, 10)]


def test_streak_runs_break_on_a_missed_study_day_but_not_on_rest_days_or_pauses(
    plan_store: Store,
) -> None:
    card = make_cards(plan_store, "D", ["q"])["q"]
    with plan_store.session() as s:
        plan_service.complete(s, "t.00", MONDAY)
        for offset in (1, 3, 4, 7):  # Tue; (Wed missed) Thu, Fri; (weekend) Mon
            s.add(log(card, MONDAY + timedelta(days=offset), 4, 1))
    tuesday = MONDAY + timedelta(days=8)  # nothing done yet today
    with plan_store.session() as s:
        history = streak_history(s, tuesday)
        assert history.current == plan_service.streak(s, tuesday) == 3
    assert history.runs == (
        StreakRun(MONDAY, MONDAY + timedelta(days=1), 2),
        StreakRun(MONDAY + timedelta(days=3), MONDAY + timedelta(days=7), 3),
    )
    assert history.longest == 3
    with plan_store.session() as s:
        plan_service.pause(s, MONDAY + timedelta(days=2), MONDAY + timedelta(days=2))
    with plan_store.session() as s:
        paused = streak_history(s, tuesday)
    assert paused.runs == (StreakRun(MONDAY, MONDAY + timedelta(days=7), 5),)
    with plan_store.session() as s:
        assert streak_history(s, tuesday + timedelta(days=1)).current == 0, "Tuesday missed"


def run_result(slug: str, status: Status) -> RunResult:
    return RunResult(slug, status, [], [], "", "", 10.0, 0)


def test_exercise_attempts_per_solve_time_to_solve_and_topics(store: Store) -> None:
    start = datetime(2026, 3, 1, 10, 0)
    runs: dict[str, list[tuple[Status, int]]] = {
        "sum": [("fail", 0), ("fail", 5), ("pass", 30), ("fail", 40), ("pass", 45)],
        "queue": [("pass", 0)],
        "lru": [("error", 0), ("fail", 3)],
    }
    with store.session() as s:
        for slug, attempts in runs.items():
            for status, minutes in attempts:
                record_attempt(s, run_result(slug, status), start + timedelta(minutes=minutes))
    topics = {"sum": ["arrays"], "queue": ["async", "arrays"], "lru": ["maps"], "fresh": ["maps"]}
    with store.session() as s:
        stats = exercise_stats(s, topics)
    assert [(x.slug, x.attempts, x.minutes) for x in stats.solves] == [
        ("queue", 1, 0.0),
        ("sum", 3, 30.0),  # attempts after the first pass do not count
    ]
    assert stats.mean_attempts == 2.0 and stats.median_minutes == 15.0
    assert [(t.topic, t.solved, t.attempted, t.total) for t in stats.topics] == [
        ("arrays", 2, 0, 2),
        ("async", 1, 0, 1),
        ("maps", 0, 1, 2),
    ]


def test_mock_scores_per_signal_over_finished_interviews(store: Store) -> None:
    with store.session() as s:
        s.add(Prompt(key="p", title="P", tier=1, minutes=45, brief="b", content_hash="x"))
    finished = [
        (datetime(2026, 3, 1, 9), {"requirements": 2, "design": 1}),
        (datetime(2026, 3, 5, 9), {"requirements": 4, "design": 3, "reliability": 2}),
    ]
    for when, scores in finished:
        with store.session() as s:
            sid = mock_sessions.start(s, "p", DEFAULT, "{}", when - timedelta(hours=1))
            mock_sessions.finish(s, sid, scores, "", "{}", when)
    with store.session() as s:
        mock_sessions.start(s, "p", DEFAULT, "{}", datetime(2026, 3, 6))  # still running
    with store.session() as s:
        stats = mock_stats(s)
    by_signal = {series.signal: series for series in stats.signals}
    assert stats.interviews == 2
    assert by_signal["requirements"].points == tuple(
        (when, scores["requirements"]) for when, scores in finished
    )
    assert by_signal["requirements"].average == 3.0
    assert by_signal["reliability"].points == ((finished[1][0], 2),)
    assert by_signal["scalability"].points == () and by_signal["scalability"].average is None


def test_collect_gathers_everything_as_json_ready_data(
    store: Store, history: dict[str, int]
) -> None:
    today = DAY0 + timedelta(days=3)
    with store.session() as s:
        everything = collect(s, today, StatsFilter(deck="A"), {"x": ["t"]})
        unfiltered = collect(s, today)
    data = everything.as_dict()
    assert data["study_day"] == today.isoformat()
    assert data["filter"] == {"deck": "A", "start": None, "end": None}
    assert data["period"] == {
        "start": (today - timedelta(days=29)).isoformat(),
        "end": "2026-03-13",
    }
    assert len(data["reviews"]["heatmap"]) == 365
    assert data["reviews"]["heatmap"][-1] == ["2026-03-13", 1]
    assert sum(n for _, n in data["reviews"]["heatmap"]) == 8, "deck A's eight answers"
    assert data["reviews"]["cards"]["total"] == 3
    assert sum(n for _, n in unfiltered.reviews.heatmap) == 12
    assert data["plan"]["streak"]["runs"] == [
        {"start": "2026-03-10", "end": "2026-03-11", "days": 2},
        {"start": "2026-03-13", "end": "2026-03-13", "days": 1},
    ]
    assert data["exercises"]["topics"] == [{"topic": "t", "solved": 0, "attempted": 0, "total": 1}]
    assert len(data["mock"]["signals"]) == 5

"""SM-2 exactly as research/sm2.md reads it: worked sequences and invariants."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from roadmap_desktop.core.srs.sm2 import (
    MIN_EASE,
    Sm2State,
    describe_interval,
    due_date,
    needs_drill,
    next_ease,
    preview,
    review,
)


def run(grades: list[int], state: Sm2State | None = None) -> list[Sm2State]:
    states, current = [], state or Sm2State()
    for grade in grades:
        current = review(current, grade)
        states.append(current)
    return states


def test_ease_changes_by_grade() -> None:
    assert next_ease(2.5, 5) == pytest.approx(2.6)
    assert next_ease(2.5, 4) == pytest.approx(2.5)
    assert next_ease(2.5, 3) == pytest.approx(2.36)


def test_a_run_of_good_grades() -> None:
    # EF is updated first and the new EF sets the interval, rounded up.
    states = run([5, 5, 5, 5, 4, 3])
    assert [s.interval for s in states] == [1, 6, 17, 50, 145, 401]
    assert [round(s.ease, 2) for s in states] == [2.6, 2.7, 2.8, 2.9, 2.9, 2.76]
    assert [s.reps for s in states] == [1, 2, 3, 4, 5, 6]


def test_all_fours_keep_ease_and_multiply_by_it() -> None:
    assert [s.interval for s in run([4] * 5)] == [1, 6, 15, 38, 95]


def test_a_lapse_after_a_long_interval_restarts_with_ease_unchanged() -> None:
    learned = run([5, 4, 4, 4])[-1]
    assert learned.interval == 42  # EF 2.6: 1, 6, 15.6 -> 16, 41.6 -> 42
    lapsed = review(learned, 1)
    assert (lapsed.reps, lapsed.interval, lapsed.lapses) == (0, 1, 1)
    assert lapsed.ease == learned.ease
    again = run([4, 4, 4], lapsed)
    assert [s.interval for s in again] == [1, 6, 16]  # 6 * 2.6 = 15.6 -> 16


def test_failing_a_new_card_is_not_a_lapse() -> None:
    assert review(Sm2State(), 0).lapses == 0


def test_ease_reaches_the_floor_and_stays() -> None:
    states = run([3] * 12)
    eases = [s.ease for s in states]
    assert min(eases) == MIN_EASE and eases[-1] == MIN_EASE
    assert eases.index(MIN_EASE) == 8  # 2.5 - 0.14 * 9 = 1.24 -> floor on the 9th answer
    assert states[-1].interval > states[-2].interval


def test_preview_matches_review_for_every_grade() -> None:
    state = run([5, 4])[-1]
    # EF 2.6, I = 6: q3 -> 6 * 2.46 = 14.76, q4 -> 6 * 2.6 = 15.6, q5 -> 6 * 2.7 = 16.2
    assert preview(state) == {0: 1, 1: 1, 2: 1, 3: 15, 4: 16, 5: 17}


def test_drill_rule() -> None:
    assert [needs_drill(g) for g in range(6)] == [True, True, True, True, False, False]


def test_scheduled_from_the_review_day() -> None:
    assert due_date(date(2026, 12, 30), 6) == date(2027, 1, 5)


@pytest.mark.parametrize("bad", [-1, 6, 2.5, "5"])
def test_grades_outside_0_to_5_are_refused(bad) -> None:
    with pytest.raises(ValueError):
        review(Sm2State(), bad)


def test_interval_labels() -> None:
    assert [describe_interval(d) for d in (1, 6, 17, 50, 145, 401)] == [
        "1d",
        "6d",
        "2w",
        "7w",
        "5mo",
        "1.1y",
    ]


states = st.builds(
    Sm2State,
    ease=st.floats(min_value=MIN_EASE, max_value=4.0),
    reps=st.integers(min_value=0, max_value=30),
    interval=st.integers(min_value=0, max_value=36500),
    lapses=st.integers(min_value=0, max_value=50),
)


@given(states, st.integers(min_value=0, max_value=5))
def test_invariants(state: Sm2State, grade: int) -> None:
    after = review(state, grade)
    assert after.ease >= MIN_EASE
    assert after.interval >= 1
    if grade < 3:
        assert (after.reps, after.interval, after.ease) == (0, 1, state.ease)
    else:
        assert after.reps == state.reps + 1
        if after.reps > 2:
            exact = state.interval * after.ease
            assert after.interval >= exact - 1e-9
            assert after.interval < max(exact, 1) + 1


@given(states)
def test_better_grades_never_give_shorter_intervals(state: Sm2State) -> None:
    intervals = preview(state)
    assert all(intervals[g] <= intervals[g + 1] for g in range(5))

"""The reminder's rules: once a day from the chosen time, only while work is left."""

from datetime import date, datetime, time

import pytest

from roadmap_desktop.core.plan.reminder import is_due, message, parse_time


def test_due_once_a_day_from_the_chosen_time() -> None:
    at = time(19, 30)
    assert not is_due(datetime(2026, 3, 2, 19, 29), at, None)
    assert is_due(datetime(2026, 3, 2, 19, 30), at, None)
    assert not is_due(datetime(2026, 3, 2, 23, 0), at, date(2026, 3, 2)), "already shown today"
    assert is_due(datetime(2026, 3, 3, 19, 31), at, date(2026, 3, 2)), "a new day"


def test_message_says_what_is_left_or_nothing() -> None:
    assert message(0, 0, 0) is None
    assert message(1, 0, 0) == "Still to do today: 1 card to review."
    assert message(12, 2, 90) == (
        "Still to do today: 12 cards to review and 2 planned tasks (about 90 min)."
    )


def test_time_is_parsed_or_rejected_with_the_expected_form() -> None:
    assert parse_time(" 7:05 ") == time(7, 5)
    for bad in ("24:00", "7pm", "19:5", ""):
        with pytest.raises(ValueError, match="HH:MM"):
            parse_time(bad)

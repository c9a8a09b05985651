"""Card gating: a topic's new cards wait until the followed track reaches that topic."""

from datetime import date, timedelta

import pytest

from roadmap_desktop.core.content import service as content_service
from roadmap_desktop.core.plan import service
from roadmap_desktop.core.srs import queue
from roadmap_desktop.core.srs.settings import StudySettings, load_settings, save_settings
from roadmap_desktop.core.store.database import Store
from tests.conftest import ContentTree

MONDAY = date(2026, 3, 2)
TRACK = """[track]
key = "g"
title = "Gated"

[[phases]]
key = "g.p"
title = "P"

[[phases.tasks]]
key = "g.1"
title = "Streams"
kind = "reading"
minutes = 60
tags = ["streams"]

[[phases.tasks]]
key = "g.2"
title = "Caching"
kind = "reading"
minutes = 60
tags = ["caching"]

[[phases.tasks]]
key = "g.3"
title = "Kafka"
kind = "reading"
minutes = 60
tags = ["kafka"]
"""
DECK = """+++
deck = "Gate"
+++

## streams-1
tags: streams

Q1?

---

A1.

## caching-1
tags: caching

Q2?

---

A2.

## kafka-and-streams
tags: kafka, streams

Q3?

---

A3.

## kafka-1
tags: kafka

Q4?

---

A4.

## untracked-1
tags: graphql

Q5?

---

A5.
"""


@pytest.fixture
def gated(store: Store, content: ContentTree) -> Store:
    content.write("resources/tracks/g.toml", TRACK)
    content.write("decks/gate.md", DECK)
    content_service.sync(store, content.roots)
    with store.session() as s:
        save_settings(s, StudySettings(new_per_day=100))
    return store


def new_keys(store: Store, day: date) -> list[str]:
    """The new cards a review session would introduce on ``day``, in order."""
    from roadmap_desktop.core.store.models import Card

    shown: list[str] = []
    with store.session() as s:
        settings = load_settings(s)
        count = queue.counts(s, day, settings).new
        ids = []
        after = None
        while (found := queue.next_card(s, day, settings, after=after)) is not None:
            card = s.get(Card, found[0])
            assert card is not None
            ids.append(card.key)
            card.due = day + timedelta(days=1)  # "answered": out of the new queue
            s.flush()
            after = found[0]
        s.rollback()
        shown = ids
    assert count == len(shown), "the count agrees with what the session shows"
    return sorted(shown)


def test_without_a_track_nothing_is_held(gated: Store) -> None:
    assert new_keys(gated, MONDAY) == [
        "caching-1",
        "kafka-1",
        "kafka-and-streams",
        "streams-1",
        "untracked-1",
    ]


def test_new_cards_unlock_as_the_plan_reaches_their_topic(gated: Store) -> None:
    with gated.session() as s:
        service.enroll(s, "g", MONDAY, frozenset(range(5)), 60)  # one task a day
    # Monday reaches "streams"; a card with a reached topic is free even if it also has a
    # later one; a topic no track teaches is never held.
    assert new_keys(gated, MONDAY) == ["kafka-and-streams", "streams-1", "untracked-1"]
    with gated.session() as s:
        assert queue.held_new(s, MONDAY, load_settings(s)) == 2
    with gated.session() as s:
        service.complete(s, "g.1", MONDAY)
    assert "caching-1" in new_keys(gated, MONDAY + timedelta(days=1)), "Tuesday: caching"
    assert "kafka-1" not in new_keys(gated, MONDAY + timedelta(days=1))
    with gated.session() as s:
        service.skip(s, "g.2")
        service.complete(s, "g.3", MONDAY)  # finishing ahead unlocks what it teaches
    assert new_keys(gated, MONDAY) == [
        "caching-1",
        "kafka-1",
        "kafka-and-streams",
        "streams-1",
        "untracked-1",
    ]


def test_a_missed_day_keeps_later_topics_held(gated: Store) -> None:
    with gated.session() as s:
        service.enroll(s, "g", MONDAY, frozenset(range(5)), 60)
    # Nothing was done on Monday: on Tuesday "streams" carries over, "caching" is not reached.
    assert "caching-1" not in new_keys(gated, MONDAY + timedelta(days=1))


def test_gating_can_be_turned_off_and_a_future_start_holds_the_track(gated: Store) -> None:
    with gated.session() as s:
        service.enroll(s, "g", MONDAY + timedelta(days=7), frozenset(range(5)), 60)
    assert new_keys(gated, MONDAY) == ["untracked-1"], "the track has not started"
    with gated.session() as s:
        save_settings(s, StudySettings(new_per_day=100, gate_by_plan=False))
    with gated.session() as s:
        assert load_settings(s).gate_by_plan is False
        counts = {d.name: d.counts.new for d in queue.deck_counts(s, MONDAY, load_settings(s))}
    assert counts["Gate"] == 5
    assert len(new_keys(gated, MONDAY)) == 5

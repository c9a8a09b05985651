"""The study queue and the review session on a real SQLite store with a controlled clock."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select, text

from roadmap_desktop.core.clock import FixedClock
from roadmap_desktop.core.content import service
from roadmap_desktop.core.srs import cards, queue
from roadmap_desktop.core.srs.session import ReviewSession
from roadmap_desktop.core.srs.settings import (
    StudySettings,
    deck_limits,
    load_settings,
    save_settings,
    set_deck_limits,
)
from roadmap_desktop.core.store.database import Store
from roadmap_desktop.core.store.models import Card, Deck, ReviewLog
from tests.conftest import ContentTree, deck_file


def make_deck(name: str, prefix: str, n: int) -> str:
    return deck_file(
        name, *[(f"{prefix}-{i:03d}", f"Q {prefix} {i}?", f"A {i}.") for i in range(n)]
    )


@pytest.fixture
def studied(store: Store, content: ContentTree) -> Store:
    content.write("decks/a.md", make_deck("Node.js::Streams", "s", 5))
    content.write("decks/b.md", make_deck("Node.js::Event Loop", "e", 5))
    content.write("decks/c.md", make_deck("Databases", "d", 30))
    service.sync(store, content.roots)
    return store


def keys(session_: ReviewSession, n: int, grade: int = 5) -> list[str]:
    seen = []
    for _ in range(n):
        shown = session_.next()
        if shown is None:
            break
        seen.append(shown.card.key)
        session_.answer(grade, 1000)
    return seen


def test_new_cards_come_in_curriculum_order_up_to_the_daily_limit(studied: Store) -> None:
    with studied.session() as s:
        save_settings(s, StudySettings(new_per_day=7))
    session = ReviewSession(studied)
    assert session.counts() == queue.QueueCounts(new=7, due=0, drill=0)
    seen = keys(session, 20)
    assert seen == [f"s-{i:03d}" for i in range(5)] + ["e-000", "e-001"]
    assert session.next() is None
    assert session.counts().total == 0


def test_a_deck_includes_its_subdecks(studied: Store) -> None:
    session = ReviewSession(studied, deck="Node.js")
    assert session.counts().new == 10
    assert all(k[0] in "se" for k in keys(session, 20))


def test_per_deck_limits(studied: Store) -> None:
    with studied.session() as s:
        deck = s.scalar(select(Deck).where(Deck.name == "Databases"))
        assert deck is not None
        deck.new_per_day = 3
    assert ReviewSession(studied, deck="Databases").counts().new == 3
    assert ReviewSession(studied).counts().new == 20  # the global limit still rules elsewhere


def test_reviews_fall_due_and_the_most_overdue_comes_first(
    studied: Store, clock: FixedClock
) -> None:
    session = ReviewSession(studied, deck="Node.js::Streams")
    keys(session, 5)  # all five learned today: due tomorrow
    clock.advance(timedelta(days=3))
    with studied.session() as s:  # make s-003 the most overdue
        card = s.scalar(select(Card).where(Card.key == "s-003"))
        assert card is not None and card.due is not None
        card.due = card.due - timedelta(days=5)
    later = ReviewSession(studied, deck="Node.js::Streams")
    counts = later.counts()
    assert (counts.due, counts.new) == (5, 0)
    shown = later.next()
    assert shown is not None and shown.card.key == "s-003" and shown.kind == "review"
    assert shown.intervals[4] == 6 and shown.intervals[0] == 1


def test_drill_brings_failed_cards_back_until_graded_4_or_more(studied: Store) -> None:
    with studied.session() as s:
        save_settings(s, StudySettings(new_per_day=2))
    session = ReviewSession(studied)
    first = session.next()
    assert first is not None
    session.answer(2, 1000)  # failed: comes back today, after the other waiting cards
    second = session.next()
    assert second is not None and second.card.id != first.card.id
    session.answer(5, 1000)
    again = session.next()
    assert again is not None and again.card.id == first.card.id and again.kind == "drill"
    assert again.intervals == {}
    session.answer(3, 1000)  # still < 4: once more (nothing else left, so straight away)
    again = session.next()
    assert again is not None and again.card.id == first.card.id
    session.answer(4, 1000)
    assert session.next() is None
    with studied.session() as s:
        card = s.get(Card, first.card.id)
        assert card is not None
        # drill answers changed nothing: the first (failing) answer set n=0, I=1
        assert (card.reps, card.interval, card.ease, card.drill_day) == (0, 1, 2.5, None)
        kinds = s.scalars(
            select(ReviewLog.kind).where(ReviewLog.card_id == card.id).order_by(ReviewLog.id)
        ).all()
    assert kinds == ["review", "drill", "drill"]
    assert session.summary.drilled == 2 and session.summary.answers == 4


def test_undo_restores_the_card_and_removes_the_log(studied: Store) -> None:
    session = ReviewSession(studied)
    shown = session.next()
    assert shown is not None
    session.answer(5, 4000)
    session.next()
    back = session.undo()
    assert back is not None and back.card.id == shown.card.id and back.card.is_new
    with studied.session() as s:
        assert s.scalar(select(func.count(ReviewLog.id))) == 0
        card = s.get(Card, shown.card.id)
        assert card is not None and (card.due, card.reps, card.last_answered_at) == (None, 0, None)
    assert session.summary.answers == 0 and not session.summary.cards
    assert session.undo() is None


def test_answer_time_is_capped_at_a_minute(studied: Store) -> None:
    session = ReviewSession(studied)
    session.next()
    session.answer(4, 10 * 60_000)
    with studied.session() as s:
        assert s.scalar(select(ReviewLog.answer_ms)) == 60_000


def test_suspend_and_bury(studied: Store, clock: FixedClock) -> None:
    session = ReviewSession(studied, deck="Node.js::Streams")
    first = session.next()
    assert first is not None
    session.suspend_current()
    second = session.next()
    assert second is not None and second.card.id != first.card.id
    session.bury_current()
    assert session.counts().new == 3
    clock.advance(timedelta(days=1))
    assert ReviewSession(studied, deck="Node.js::Streams").counts().new == 4  # buried came back


def test_the_day_starts_at_the_configured_hour(studied: Store, clock: FixedClock) -> None:
    session = ReviewSession(studied)
    keys(session, 20)
    assert session.counts().new == 0
    clock.current = clock.current.replace(hour=23, minute=0)
    assert ReviewSession(studied).counts().new == 0
    clock.advance(timedelta(hours=4, minutes=30))  # 03:30 next morning: still yesterday
    assert ReviewSession(studied).counts().new == 0
    clock.advance(timedelta(hours=1))  # 04:30: a new study day
    assert ReviewSession(studied).counts().new == 20


def test_when_nothing_is_due_say_when_the_next_card_is(studied: Store) -> None:
    session = ReviewSession(studied, deck="Node.js::Streams")
    keys(session, 10)
    assert session.next() is None
    assert session.next_due_day() == session.today() + timedelta(days=1)


def test_user_edits_survive_syncs_until_reverted(
    studied: Store, content: ContentTree, clock: FixedClock
) -> None:
    with studied.session() as s:
        card_id = s.scalar(select(Card.id).where(Card.key == "s-001"))
        assert card_id is not None
        cards.edit_card(
            s,
            card_id,
            front="My own question?",
            back="A 1.",
            now=clock.now(),
            tags=["streams"],
            deck="Mine",
        )
    content.write("decks/a.md", make_deck("Node.js::Streams", "s", 5).replace("A 1.", "A one."))
    service.sync(studied, content.roots)
    with studied.session() as s:
        shown = cards.view(cards.get(s, card_id))
    assert (shown.front, shown.back, shown.deck, shown.edited) == (
        "My own question?",
        "A one.",
        "Mine",
        True,
    )  # back: not edited, follows the content
    assert shown.tags == ("streams",)
    with studied.session() as s:
        cards.revert_card(s, card_id)
    service.sync(studied, content.roots)
    with studied.session() as s:
        shown = cards.view(cards.get(s, card_id))
    assert (shown.front, shown.deck, shown.edited, shown.tags) == (
        "Q s 1?",
        "Node.js::Streams",
        False,
        (),
    )


def test_user_cards_are_kept_by_syncs_and_can_be_deleted(
    studied: Store, content: ContentTree, clock: FixedClock
) -> None:
    with studied.session() as s:
        own = cards.add_card(
            s, "Mine::Notes", "Why WAL?", "Readers never block writers.", ["sql"], clock.now()
        )
    content.write("decks/c.md", make_deck("Databases", "d", 1))
    report = service.sync(studied, content.roots).report
    assert report.kinds["cards"].retired == 29
    with studied.session() as s:
        assert cards.get(s, own).retired_at is None
        bundled = s.scalar(select(Card.id).where(Card.key == "d-000"))
        assert bundled is not None
        deleted, refused = cards.delete_user_cards(s, [own, bundled])
    assert (deleted, refused) == (1, 1)


def test_queue_counts_use_the_covering_index(studied: Store) -> None:
    with studied.engine.connect() as conn:
        plan = " ".join(
            row[3]
            for row in conn.execute(
                text(
                    "EXPLAIN QUERY PLAN SELECT count(id) FROM cards WHERE due IS NULL AND "
                    "retired_at IS NULL AND suspended = 0"
                )
            )
        )
    assert "ix_cards_queue" in plan


def test_settings_round_trip_and_are_validated(store: Store) -> None:
    with store.session() as s:
        save_settings(s, StudySettings(new_per_day=5, reviews_per_day=50, day_start_hour=6))
    with store.session() as s:
        assert load_settings(s) == StudySettings(5, 50, 6)
        with pytest.raises(ValueError, match="day_start_hour"):
            save_settings(s, StudySettings(day_start_hour=24))


def test_deck_limits_round_trip_including_a_parent_level(studied: Store, clock: FixedClock) -> None:
    with studied.session() as s:
        set_deck_limits(s, "Node.js", 4, None, clock.now())  # "Node.js" exists only as a prefix
    with studied.session() as s:
        assert deck_limits(s, "Node.js") == (4, None)
        with pytest.raises(ValueError, match="new_per_day"):
            set_deck_limits(s, "Node.js", 10_000, None, clock.now())
    assert ReviewSession(studied, deck="Node.js").counts().new == 4


def test_the_daily_limit_holds_across_answers_undo_and_another_session(
    studied: Store, clock: FixedClock
) -> None:
    """The session keeps today's counts between answers instead of re-reading them: they must
    follow answers, undos and the day boundary exactly as the log does."""
    with studied.session() as s:
        save_settings(s, StudySettings(new_per_day=3))
    session = ReviewSession(studied)
    for _ in range(2):
        assert session.next() is not None
        session.answer(5, 1000)
    assert session.counts().new == 1
    session.undo()
    session.current = None
    assert session.counts().new == 2, "an undone answer gives its new card back"
    assert ReviewSession(studied).counts().new == 2, "a fresh session reads the log: it agrees"
    for _ in range(2):
        assert session.next() is not None and session.current is not None
        session.answer(5, 1000)
    assert session.counts().new == 0 and ReviewSession(studied).counts().new == 0
    assert session.next() is None, "the limit reached: no fourth new card today"
    clock.advance(timedelta(days=1))
    assert session.counts().new == 3, "a new study day starts from zero"

"""Content sync by stable key: idempotent, edits keep history, removals retire, and a broken
file never costs the learner anything."""

from datetime import date, timedelta

import pytest
from sqlalchemy import event, func, select

from roadmap_desktop.core.clock import FixedClock, utc_now
from roadmap_desktop.core.content import service
from roadmap_desktop.core.store.database import Store
from roadmap_desktop.core.store.models import Card, CardTag, ReviewLog, Task, Track
from tests.conftest import ContentTree, deck_file

STREAMS = deck_file(
    "Node.js::Streams",
    ("stream-types", "Name the four stream types.", "Readable, Writable, Duplex, Transform."),
    ("drain", "What does `write()` returning false mean?", "Wait for `'drain'`."),
    tags='"streams"',
)
TRACK = """
[track]
key = "demo"
title = "Demo"

[[phases]]
key = "demo.p1"
title = "Phase one"

[[phases.tasks]]
key = "demo.t1"
title = "Build a Transform"
kind = "build"
minutes = 60
tags = ["streams"]
resources = ["node-stream"]
"""
LIBRARY = """
[[resources]]
key = "node-stream"
title = "Stream API"
url = "https://nodejs.org/api/stream.html"
kind = "doc"
"""


@pytest.fixture
def synced(store: Store, content: ContentTree) -> ContentTree:
    content.write("decks/streams.md", STREAMS)
    content.write("resources/tracks/demo.toml", TRACK)
    content.write("resources/library/core.toml", LIBRARY)
    outcome = service.sync(store, content.roots)
    assert outcome.bundle.issues == []
    return content


def card(store: Store, key: str) -> Card:
    with store.session() as session:
        found = session.scalar(select(Card).where(Card.key == key))
        assert found is not None
        return found


def count_writes(store: Store):
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        if statement.split(None, 1)[0].upper() in ("INSERT", "UPDATE", "DELETE"):
            statements.append(statement)

    event.listen(store.engine, "before_cursor_execute", record)
    return statements


def answer(store: Store, clock: FixedClock, key: str) -> None:
    with store.session() as session:
        row = session.scalar(select(Card).where(Card.key == key))
        assert row is not None
        row.reps, row.interval, row.due = 1, 1, date(2026, 3, 11)
        session.add(
            ReviewLog(
                card_id=row.id,
                reviewed_at=utc_now(clock),
                study_day=date(2026, 3, 10),
                grade=4,
                ease_before=2.5,
                ease_after=2.5,
                interval_before=0,
                interval_after=1,
                reps_after=1,
                answer_ms=3000,
            )
        )


def test_first_sync_creates_everything(store: Store, synced: ContentTree) -> None:
    with store.session() as session:
        assert session.scalar(select(func.count(Card.id))) == 2
        assert session.scalar(select(func.count(Task.id))) == 1
        tags = session.scalars(select(CardTag.tag).distinct()).all()
    assert tags == ["streams"]
    assert card(store, "drain").deck_id == card(store, "stream-types").deck_id


def test_second_sync_writes_nothing(store: Store, synced: ContentTree) -> None:
    writes = count_writes(store)
    outcome = service.sync(store, synced.roots)
    assert not outcome.report.changed
    assert writes == []
    assert not service.content_changed(store, synced.roots)


def test_editing_a_card_updates_it_in_place_and_keeps_its_history(
    store: Store, synced: ContentTree, clock: FixedClock
) -> None:
    before = card(store, "drain")
    answer(store, clock, "drain")
    clock.advance(timedelta(days=1))
    synced.write(
        "decks/streams.md",
        STREAMS.replace("Wait for `'drain'`.", "Stop writing until `'drain'` fires."),
    )
    assert service.content_changed(store, synced.roots)

    outcome = service.sync(store, synced.roots)

    assert outcome.report.kinds["cards"].updated == 1
    after = card(store, "drain")
    assert after.id == before.id
    assert after.back == "Stop writing until `'drain'` fires."
    assert after.reps == 1 and after.due == date(2026, 3, 11), "scheduling kept"
    assert after.updated_at > before.updated_at
    with store.session() as session:
        assert (
            session.scalar(select(func.count(ReviewLog.id)).where(ReviewLog.card_id == after.id))
            == 1
        )


def test_a_removed_card_is_retired_with_history_and_comes_back(
    store: Store, synced: ContentTree, clock: FixedClock
) -> None:
    answer(store, clock, "drain")
    synced.write(
        "decks/streams.md",
        deck_file(
            "Node.js::Streams",
            (
                "stream-types",
                "Name the four stream types.",
                "Readable, Writable, Duplex, Transform.",
            ),
            tags='"streams"',
        ),
    )
    report = service.sync(store, synced.roots).report
    assert report.kinds["cards"].retired == 1
    retired = card(store, "drain")
    assert retired.retired_at is not None
    with store.session() as session:
        assert session.scalar(select(func.count(ReviewLog.id))) == 1

    synced.write("decks/streams.md", STREAMS)
    report = service.sync(store, synced.roots).report
    assert report.kinds["cards"].restored == 1
    back = card(store, "drain")
    assert back.id == retired.id and back.retired_at is None and back.reps == 1


def test_a_broken_file_is_reported_and_retires_nothing(store: Store, synced: ContentTree) -> None:
    synced.write("decks/streams.md", "+++\ndeck = \n+++\n" + STREAMS.split("+++", 2)[2])
    synced.write("decks/other.md", deck_file("Other", ("other-card", "Q?", "A.")))

    outcome = service.sync(store, synced.roots)

    [issue] = outcome.bundle.errors
    assert issue.file == "decks/streams.md" and issue.line == 2
    assert outcome.report.kinds["cards"].added == 1, "the rest still loads"
    assert outcome.report.kinds["cards"].retired == 0
    assert card(store, "drain").retired_at is None


def test_a_broken_card_keeps_its_stored_row(store: Store, synced: ContentTree) -> None:
    synced.write("decks/streams.md", STREAMS.replace("Wait for `'drain'`.", ""))
    outcome = service.sync(store, synced.roots)
    assert "empty back" in outcome.bundle.errors[0].message
    assert card(store, "drain").retired_at is None


def test_duplicate_card_keys_across_files_keep_the_first(
    store: Store, content: ContentTree
) -> None:
    content.write("decks/a.md", deck_file("A", ("same-key", "First?", "Yes.")))
    content.write("decks/b.md", deck_file("B", ("same-key", "Second?", "No.")))
    outcome = service.sync(store, content.roots)
    [issue] = outcome.bundle.errors
    assert issue.file == "decks/b.md" and issue.line == 5
    assert "first defined at decks/a.md:5" in issue.message
    assert card(store, "same-key").front == "First?"


def test_moving_a_card_to_another_deck_and_retagging(store: Store, synced: ContentTree) -> None:
    synced.write(
        "decks/streams.md",
        STREAMS.replace('"Node.js::Streams"', '"Node.js::I/O"').replace(
            'tags = ["streams"]', 'tags = ["streams", "io"]'
        ),
    )
    service.sync(store, synced.roots)
    moved = card(store, "drain")
    with store.session() as session:
        tags = session.scalars(select(CardTag.tag).where(CardTag.card_id == moved.id)).all()
        deck = session.get(Card, moved.id).deck.name  # type: ignore[union-attr]
    assert sorted(tags) == ["io", "streams"] and deck == "Node.js::I/O"


def test_tasks_follow_the_track_and_missing_resources_are_errors(
    store: Store, synced: ContentTree
) -> None:
    synced.write(
        "resources/tracks/demo.toml",
        TRACK.replace('resources = ["node-stream"]', 'resources = ["nope"]'),
    )
    outcome = service.sync(store, synced.roots)
    assert any("cites resource 'nope'" in i.message for i in outcome.bundle.errors)
    with store.session() as session:
        track = session.scalar(select(Track).where(Track.key == "demo"))
        assert track is not None and [t.key for t in track.tasks] == ["demo.t1"]


def test_sync_is_all_or_nothing(store: Store, synced: ContentTree, monkeypatch) -> None:
    synced.write("decks/streams.md", STREAMS.replace("Wait for", "Pause until"))
    import roadmap_desktop.core.content.sync as sync_module

    real = sync_module._sync_cards

    def explode(*args, **kwargs):
        real(*args, **kwargs)
        raise RuntimeError("disk full")

    monkeypatch.setattr(sync_module, "_sync_cards", explode)
    with pytest.raises(RuntimeError):
        service.sync(store, synced.roots)
    assert "Wait for" in card(store, "drain").back
    assert service.content_changed(store, synced.roots), "still marked as needing a sync"


def test_the_bundled_curriculum_loads_without_errors_or_warnings(store: Store) -> None:
    outcome = service.sync(store)
    assert outcome.bundle.issues == []
    counts = outcome.bundle.counts()
    assert counts["cards"] >= 30 and counts["tracks"] >= 1 and counts["tasks"] >= 16


def test_tags_must_be_known_topics(store: Store, content: ContentTree) -> None:
    content.write(
        "resources/topics/t.toml",
        '[[topics]]\nkey = "streams"\ntitle = "Streams"\ndeck = "Node.js::Streams"\n',
    )
    content.write(
        "decks/streams.md", STREAMS.replace('tags = ["streams"]', 'tags = ["streams", "straems"]')
    )
    outcome = service.sync(store, content.roots)
    [warning] = outcome.bundle.warnings
    assert "'straems' is not a known topic (used 2 times)" in warning.message
    assert warning.file == "decks/streams.md"
    assert outcome.report.kinds["cards"].added == 2, "a warning does not stop the card"


def test_the_same_page_twice_in_the_library_is_flagged(store: Store, content: ContentTree) -> None:
    content.write("resources/library/a.toml", LIBRARY)
    content.write(
        "resources/library/b.toml",
        LIBRARY.replace('key = "node-stream"', 'key = "stream-docs"').replace(
            "https://nodejs.org/api/stream.html", "https://www.nodejs.org/api/stream.html/#intro"
        ),
    )
    outcome = service.sync(store, content.roots)
    [warning] = outcome.bundle.warnings
    assert warning.file == "resources/library/b.toml" and warning.line == 1
    assert "same page as 'node-stream' (resources/library/a.toml:1)" in warning.message


def test_a_task_citing_a_missing_exercise_is_an_error(store: Store, content: ContentTree) -> None:
    content.write("resources/library/core.toml", LIBRARY)
    content.write(
        "resources/tracks/demo.toml",
        TRACK.replace(
            'resources = ["node-stream"]', 'resources = ["node-stream"]\nexercises = ["no-such"]'
        ),
    )
    outcome = service.sync(store, content.roots)
    [error] = outcome.bundle.errors
    assert "cites exercise 'no-such'" in error.message and error.file.endswith("demo.toml")

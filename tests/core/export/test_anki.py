"""Anki export read back as Anki would: the package's SQLite, and a real import with the
official `anki` library proving that a re-export updates notes in place."""

import json
import sqlite3
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest

from roadmap_desktop.core.clock import FixedClock
from roadmap_desktop.core.content import service
from roadmap_desktop.core.export.anki import (
    FIELDS,
    MODEL_ID,
    MODEL_NAME,
    ExportError,
    deck_id,
    export_anki,
)
from roadmap_desktop.core.srs.session import ReviewSession
from roadmap_desktop.core.store.database import Store
from tests.conftest import ContentTree, deck_file

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@pytest.fixture
def cards(store: Store, content: ContentTree) -> ContentTree:
    content.write(
        "decks/streams.md",
        deck_file(
            "Node.js::Streams",
            ("streams-drain", "What does `write()` returning false mean?", "Wait for `'drain'`."),
            ("streams-code", "Which API?", "```js\nawait pipeline(a, b);\n```"),
            tags='"streams"',
        ),
    )
    content.write(
        "decks/web.md",
        deck_file(
            "Web::Security",
            (
                "xss-card",
                "Is <script>alert(1)</script> run?",
                "[no](javascript:alert(1)) ![pic](pic.png)",
            ),
        ),
    )
    content.write_bytes("decks/pic.png", PNG)
    service.sync(store, content.roots)
    return content


def read_package(path: Path, tmp_path: Path) -> tuple[sqlite3.Connection, zipfile.ZipFile]:
    archive = zipfile.ZipFile(path)
    target = tmp_path / f"read-{path.stem}.anki2"
    target.write_bytes(archive.read("collection.anki2"))
    return sqlite3.connect(target), archive


def notes(conn: sqlite3.Connection) -> dict[str, tuple[str, list[str], int]]:
    """Source key -> (guid, fields, mod)."""
    found = {}
    for guid, flds, mod in conn.execute("SELECT guid, flds, mod FROM notes"):
        fields = flds.split("\x1f")
        found[fields[3]] = (guid, fields, mod)
    return found


def test_the_package_holds_our_notes_decks_and_note_type(
    store: Store, cards: ContentTree, tmp_path: Path
) -> None:
    out = tmp_path / "cards.apkg"
    report = export_anki(store, roots=cards.roots, out=out)
    assert report.notes == 3 and report.decks == ["Node.js::Streams", "Web::Security"]
    conn, _archive = read_package(out, tmp_path)
    found = notes(conn)
    assert set(found) == {"streams-drain", "streams-code", "xss-card"}
    models = json.loads(conn.execute("SELECT models FROM col").fetchone()[0])
    model = models[str(MODEL_ID)]
    assert [f["name"] for f in model["flds"]] == list(FIELDS)
    assert ".nightMode pre.highlight" in model["css"]
    decks = json.loads(conn.execute("SELECT decks FROM col").fetchone()[0])
    names = {d["name"]: int(i) for i, d in decks.items()}
    assert names["Node.js::Streams"] == deck_id("Node.js::Streams")
    _front, back = found["streams-code"][1][:2]
    assert '<pre class="highlight">' in back and "style=" not in back  # classes, not inline
    assert found["streams-drain"][1][2] == "streams"


def test_nothing_executable_gets_through(store: Store, cards: ContentTree, tmp_path: Path) -> None:
    out = tmp_path / "cards.apkg"
    export_anki(store, roots=cards.roots, out=out)
    conn, _ = read_package(out, tmp_path)
    front, back = notes(conn)["xss-card"][1][:2]
    assert "<script" not in front and "&lt;script&gt;" in front
    assert 'href="javascript' not in back.lower()  # the link stays inert text


def test_images_travel_as_media(store: Store, cards: ContentTree, tmp_path: Path) -> None:
    out = tmp_path / "cards.apkg"
    report = export_anki(store, roots=cards.roots, out=out)
    [name] = report.media
    conn, archive = read_package(out, tmp_path)
    back = notes(conn)["xss-card"][1][1]
    assert f'<img src="{name}"' in back
    media_map = json.loads(archive.read("media"))
    assert list(media_map.values()) == [name]
    assert archive.read(next(iter(media_map))) == PNG


def test_reexport_keeps_guids_and_stamps_strictly_later(
    store: Store, cards: ContentTree, tmp_path: Path
) -> None:
    first, second = tmp_path / "one.apkg", tmp_path / "two.apkg"
    export_anki(store, roots=cards.roots, out=first)
    cards.write(
        "decks/streams.md",
        (cards.root / "decks/streams.md")
        .read_text()
        .replace("Wait for `'drain'`.", "Stop writing until `'drain'`."),
    )
    service.sync(store, cards.roots)
    export_anki(
        store, roots=cards.roots, out=second
    )  # same clock instant: the stamp must still move forward
    before = notes(read_package(first, tmp_path)[0])
    after = notes(read_package(second, tmp_path)[0])
    assert {k: v[0] for k, v in before.items()} == {k: v[0] for k, v in after.items()}
    assert "Stop writing" in after["streams-drain"][1][1]
    assert min(v[2] for v in after.values()) > max(v[2] for v in before.values())


def test_scope_by_deck_and_query_and_clear_errors(
    store: Store, cards: ContentTree, tmp_path: Path
) -> None:
    assert (
        export_anki(store, roots=cards.roots, out=tmp_path / "a.apkg", decks=("Node.js",)).notes
        == 2
    )
    assert (
        export_anki(store, roots=cards.roots, out=tmp_path / "b.apkg", query="pipeline").notes == 1
    )
    with pytest.raises(ExportError, match="holds no cards"):
        export_anki(
            store,
            roots=cards.roots,
            out=tmp_path / "c.apkg",
            decks=("Node.js",),
            query="tag:nothing",
        )
    with pytest.raises(ExportError, match="no deck named"):
        export_anki(store, roots=cards.roots, out=tmp_path / "d.apkg", decks=("Nope",))
    with pytest.raises(ExportError, match="no such folder"):
        export_anki(store, roots=cards.roots, out=tmp_path / "missing" / "e.apkg")


def test_review_history_csv(store: Store, cards: ContentTree, tmp_path: Path) -> None:
    session = ReviewSession(store)
    session.next()
    session.answer(4, 2000)
    report = export_anki(store, roots=cards.roots, out=tmp_path / "h.apkg", with_history=True)
    assert report.history_csv is not None
    lines = report.history_csv.read_text().splitlines()
    assert lines[0].startswith("card_key,reviewed_at_utc,kind,grade")
    assert len(lines) == 2 and ",review,4,1," in lines[1]


def test_anki_imports_and_a_reexport_updates_in_place_keeping_scheduling(
    store: Store, cards: ContentTree, clock: FixedClock, tmp_path: Path
) -> None:
    from anki.collection import Collection, ImportAnkiPackageRequest
    from anki.consts import CARD_TYPE_REV, QUEUE_TYPE_REV

    def import_into(col: Collection, package: Path) -> None:
        request = ImportAnkiPackageRequest(
            package_path=str(package), options=col._backend.get_import_anki_package_presets()
        )
        col.import_anki_package(request)

    first = tmp_path / "first.apkg"
    export_anki(store, roots=cards.roots, out=first)
    (tmp_path / "anki").mkdir()
    col = Collection(str(tmp_path / "anki" / "collection.anki2"))
    try:
        import_into(col, first)
        note_ids = sorted(col.find_notes(""))
        assert len(note_ids) == 3
        assert "Node.js::Streams" in [d.name for d in col.decks.all_names_and_ids()]
        drain = next(
            col.get_note(n) for n in note_ids if col.get_note(n)["Source key"] == "streams-drain"
        )
        card = drain.cards()[0]
        card.type, card.queue = CARD_TYPE_REV, QUEUE_TYPE_REV
        card.ivl, card.due = 30, col.sched.today + 30
        col.update_card(card)

        cards.write(
            "decks/streams.md",
            (cards.root / "decks/streams.md")
            .read_text()
            .replace("Wait for `'drain'`.", "Stop writing until `'drain'`."),
        )
        service.sync(store, cards.roots)
        clock.advance(timedelta(minutes=5))
        second = tmp_path / "second.apkg"
        export_anki(store, roots=cards.roots, out=second)
        import_into(col, second)

        assert sorted(col.find_notes("")) == note_ids, "updated in place, nothing duplicated"
        updated = col.get_note(drain.id)
        assert "Stop writing until" in updated["Back"]
        kept = col.get_card(card.id)
        assert (kept.ivl, kept.due) == (30, col.sched.today + 30), "the learner's scheduling"
        ours = [m.name for m in col.models.all_names_and_ids() if m.name.startswith(MODEL_NAME)]
        assert ours == [MODEL_NAME], "no second note type"
    finally:
        col.close()

"""A 10,000-card Anki export against a bare genanki script writing the same notes, in the same
run. The app's time includes what a user waits for: reading the cards, rendering Markdown with
highlighted code, safe-HTML checks, and writing the package."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import genanki

from benchmarks import generate
from benchmarks.report import Measurement
from roadmap_desktop.core.export.anki import collect, export_anki

TARGET_RATIO = 1.3
CARDS = 10_000


def _bare(notes: list[tuple[str, str, list[str], list[str]]], out: Path) -> None:
    """genanki alone, writing the very notes the app writes (same fields, tags and GUIDs)."""
    model = genanki.Model(
        1,
        "bare",
        fields=[{"name": n} for n in ("Front", "Back", "Topic", "Source key")],
        templates=[{"name": "c", "qfmt": "{{Front}}", "afmt": "{{FrontSide}}<hr>{{Back}}"}],
    )
    decks: dict[str, genanki.Deck] = {}
    for key, deck, fields, tags in notes:
        target = decks.setdefault(deck, genanki.Deck(len(decks) + 10, deck))
        target.add_note(
            genanki.Note(model=model, fields=fields, tags=tags, guid=genanki.guid_for("bench", key))
        )
    genanki.Package(list(decks.values())).write_to_file(str(out), timestamp=1.0)


def measure(runs: int) -> list[Measurement]:
    with tempfile.TemporaryDirectory(prefix="rd-bench-export-") as folder:
        store = generate.build(Path(folder) / "data", CARDS)
        # The bare script gets the same notes already rendered: the floor for writing them.
        with store.session() as session:
            cards = collect(session, None, lambda _source: None)
        notes = [
            (
                c.key,
                c.deck,
                [c.front_html or "", c.back_html or "", " · ".join(c.tags), c.key],
                list(c.tags),
            )
            for c in cards
        ]
        bare_samples: list[float] = []
        cold_samples: list[float] = []
        warm_samples: list[float] = []
        for _ in range(max(3, runs)):
            start = time.perf_counter()
            _bare(notes, Path(folder) / "bare.apkg")
            bare_samples.append(time.perf_counter() - start)
            with store.engine.begin() as conn:  # cold: nothing rendered yet
                conn.exec_driver_sql("UPDATE cards SET export_digest = NULL")
            start = time.perf_counter()
            export_anki(store, Path(folder) / "cold.apkg", roots=[])
            cold_samples.append(time.perf_counter() - start)
            start = time.perf_counter()  # re-export, the usual case: only changes re-render
            export_anki(store, Path(folder) / "warm.apkg", roots=[])
            warm_samples.append(time.perf_counter() - start)
        store.close()
    label = f"export {CARDS // 1000}k cards"
    baseline = Measurement(f"{label}: bare genanki", bare_samples)
    return [
        baseline,
        Measurement(
            f"{label}: first export (renders all)", cold_samples, baseline.name, baseline.median
        ),
        Measurement(
            f"{label}: re-export", warm_samples, baseline.name, baseline.median, TARGET_RATIO
        ),
    ]

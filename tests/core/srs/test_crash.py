"""Killing the app while it answers cards loses nothing that was acknowledged, and leaves an
intact database."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from roadmap_desktop.core.paths import AppPaths
from roadmap_desktop.core.srs.settings import StudySettings, save_settings
from roadmap_desktop.core.store.database import Store
from tests.conftest import deck_file

ANSWERER = r"""
import sys
from roadmap_desktop.core.paths import AppPaths
from roadmap_desktop.core.srs.session import ReviewSession
from roadmap_desktop.core.store.database import Store

store = Store.open(AppPaths(__import__("pathlib").Path(sys.argv[1])))
session = ReviewSession(store)
while (shown := session.next()) is not None:
    session.answer(4 if shown.card.id % 3 else 2, 500)
    print(f"ack {shown.card.id} {shown.kind}", flush=True)  # after the commit returned
"""


def test_kill_during_answers_loses_no_acknowledged_answer(tmp_path: Path) -> None:
    paths = AppPaths(tmp_path / "data")
    decks = paths.user_content_dir / "decks"
    decks.mkdir(parents=True)
    (decks / "many.md").write_text(
        deck_file("Crash", *[(f"crash-{i}", f"Q{i}?", f"A{i}.") for i in range(400)]),
        encoding="utf-8",
    )
    store = Store.open(paths)
    with store.session() as s:
        save_settings(s, StudySettings(new_per_day=5000, reviews_per_day=5000))
    from roadmap_desktop.core.content import service

    service.sync(store)
    store.close()

    seed = random.randrange(1_000_000)
    rng = random.Random(seed)
    acknowledged = 0
    for round_ in range(4):
        child = subprocess.Popen(
            [sys.executable, "-c", ANSWERER, str(paths.data_dir)], stdout=subprocess.PIPE, text=True
        )
        assert child.stdout is not None
        stop_after = rng.randint(5, 60)
        seen = 0
        for _line in child.stdout:
            seen += 1
            if seen >= stop_after:
                os.kill(child.pid, signal.SIGKILL)
                break
        child.wait(timeout=30)
        child.stdout.close()
        acknowledged += seen
        conn = sqlite3.connect(paths.db_file)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            logged = conn.execute("SELECT count(*) FROM review_log").fetchone()[0]
        finally:
            conn.close()
        # every acknowledged answer is there; at most the one being given was lost
        assert acknowledged <= logged <= acknowledged + 1, f"seed {seed}, round {round_}"
        acknowledged = logged

"""A full disk: the write that does not fit fails with a clear message (in the CLI: one line,
exit 2, no traceback), everything saved before is intact, and the app works again once there
is room.

Two real mechanisms: SQLite's own "database or disk is full" through `PRAGMA max_page_count`
(always available), and a really full file system: a small tmpfs mounted in a private mount
namespace (`unshare -m`, needs root or user namespaces; skipped with the reason otherwise)."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import event

from roadmap_desktop.core.errors import DiskFullError, StoreError
from roadmap_desktop.core.paths import AppPaths
from roadmap_desktop.core.srs.session import ReviewSession
from roadmap_desktop.core.store.database import Store
from tests.conftest import ContentTree, deck_file
from tests.reliability.helpers import ROOT, integrity_ok


def test_an_answer_on_a_full_database_is_refused_cleanly_and_nothing_is_lost(
    paths: AppPaths, content: ContentTree
) -> None:
    content.write("decks/a.md", deck_file("A", *[(f"c-{i}", f"Q{i}", f"A{i}") for i in range(40)]))
    store = Store.open(paths)
    from roadmap_desktop.core.content import service

    service.sync(store, content.roots)
    session = ReviewSession(store)
    for _ in range(3):
        assert session.next() is not None
        session.answer(4, 100)
    with store.engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()

    def cap(dbapi_connection: object, _record: object) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")  # type: ignore[attr-defined]

    event.listen(store.engine, "connect", cap)
    store.engine.dispose()  # new connections get the cap: the "disk" is full now
    filler = "x" * 200_000
    with pytest.raises(DiskFullError, match="the disk is full") as caught:
        for _ in range(50):  # the first answers may still fit in free pages
            assert session.next() is not None
            session.answer(4, 100)
            with store.session() as s:  # and a bigger write certainly does not
                s.connection().exec_driver_sql(
                    "UPDATE cards SET user_back = ? WHERE id IN (SELECT id FROM cards LIMIT 20)",
                    (filler,),
                )
    assert isinstance(caught.value, StoreError) and str(paths.db_file) in str(caught.value)
    event.remove(store.engine, "connect", cap)
    store.engine.dispose()
    with sqlite3.connect(paths.db_file) as raw:
        logged = raw.execute("SELECT count(*) FROM review_log").fetchone()[0]
        edited = raw.execute("SELECT count(*) FROM cards WHERE user_back = ?", (filler,))
        assert edited.fetchone()[0] in (0, 20)  # a transaction is all or nothing
    raw.close()
    assert logged >= 3 and integrity_ok(paths.db_file)
    session = ReviewSession(store)  # room again: the app carries on
    assert session.next() is not None
    session.answer(4, 100)
    store.close()


DRIVER = r"""
import json, os, sqlite3, subprocess, sys
data = sys.argv[1]
cli = [sys.executable, "-m", "roadmap_desktop", "--data-dir", data]
subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", data], check=True)
out = {}
def run(name, *args):
    done = subprocess.run([*cli, *args], capture_output=True, text=True)
    out[name] = {"code": done.returncode, "stderr": done.stderr}
def count():
    with sqlite3.connect(os.path.join(data, "roadmap.sqlite3")) as conn:
        return conn.execute("SELECT count(*) FROM cards").fetchone()[0]
run("first_sync", "content", "sync")
out["cards_before"] = count()
decks = os.path.join(data, "content", "decks")
os.makedirs(decks)
with open(os.path.join(decks, "big.md"), "w") as f:
    f.write('+++\ndeck = "Big"\n+++\n')
    for i in range(300):
        f.write(f"\n## big-{i}\n\n{'Question text ' * 20}{i}?\n\n---\n\n{'Answer ' * 40}{i}.\n")
with open(os.path.join(data, "filler"), "wb", buffering=0) as f:
    try:
        while True:
            f.write(b"\0" * 65536)
    except OSError as exc:
        out["filled"] = exc.strerror
run("full_sync", "content", "sync")
run("full_backup", "backup")
out["integrity"] = sqlite3.connect(os.path.join(data, "roadmap.sqlite3")).execute(
    "PRAGMA integrity_check").fetchone()[0]
out["cards_after"] = count()
os.remove(os.path.join(data, "filler"))
run("sync_with_room", "content", "sync")
out["cards_with_room"] = count()
print(json.dumps(out))
"""


def test_the_cli_on_a_really_full_disk(tmp_path: Path) -> None:
    unshare = shutil.which("unshare")
    if unshare is None or subprocess.run([unshare, "-m", "true"], capture_output=True).returncode:
        pytest.skip("needs `unshare -m` (root or user namespaces) to mount a small tmpfs")
    data = tmp_path / "data"
    data.mkdir()
    done = subprocess.run(
        [unshare, "-m", sys.executable, "-c", DRIVER, str(data)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["first_sync"]["code"] == 0, out
    assert out["filled"] == "No space left on device"
    for step in ("full_sync", "full_backup"):
        result = out[step]
        assert result["code"] == 2, (step, result)
        assert "Traceback" not in result["stderr"], (step, result["stderr"])
        assert "the disk is full" in result["stderr"], (step, result["stderr"])
    assert out["integrity"] == "ok"
    assert out["cards_after"] == out["cards_before"]  # the failed sync changed nothing
    assert out["sync_with_room"]["code"] == 0, out["sync_with_room"]
    assert out["cards_with_room"] == out["cards_before"] + 300

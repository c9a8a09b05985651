"""The CLI as a user runs it: real processes, real data dir, real exit codes."""

import json
import os
import sqlite3
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import deck_file

REPO = Path(__file__).resolve().parents[1]


def run(
    *args: str,
    data_dir: Path | None = None,
    env: dict[str, str] | None = None,
    check_code: int | None = 0,
) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    command = [sys.executable, "-m", "roadmap_desktop"]
    if data_dir is not None:
        command += ["--data-dir", str(data_dir)]
    result = subprocess.run(
        [*command, *args], capture_output=True, text=True, env=full_env, timeout=120, check=False
    )
    if check_code is not None:
        assert result.returncode == check_code, result.stdout + result.stderr
    return result


def test_help_lists_every_command() -> None:
    out = run("--help").stdout
    for command in ("gui", "doctor", "content", "stats", "screenshot", "backup", "restore"):
        assert command in out


def test_version() -> None:
    assert run("--version").stdout.startswith("roadmap-desktop ")


def test_content_check_prints_counts(tmp_path: Path) -> None:
    result = run("content", "check", "--json", data_dir=tmp_path)
    report = json.loads(result.stdout)
    assert report["ok"] and report["issues"] == []
    assert set(report["counts"]) == {
        "cards",
        "decks",
        "tracks",
        "tasks",
        "resources",
        "prompts",
        "topics",
        "exercises",
    }
    assert report["counts"]["cards"] >= 30


def test_content_check_names_file_and_line_of_user_errors(tmp_path: Path) -> None:
    decks = tmp_path / "content" / "decks"
    decks.mkdir(parents=True)
    text = deck_file("Mine", ("ok-card", "Q?", "A.")) + "\n## broken-card\nno separator\n"
    (decks / "mine.md").write_text(text, encoding="utf-8")
    line = text.splitlines().index("## broken-card") + 1
    result = run("content", "check", data_dir=tmp_path, check_code=1)
    assert f"{decks / 'mine.md'}:{line}: error: card 'broken-card' has no '---'" in result.stderr
    assert "1 errors" in result.stdout


def test_stats_json_counts_synced_cards(tmp_path: Path) -> None:
    stats = json.loads(run("stats", "--json", data_dir=tmp_path).stdout)
    cards = stats["cards"]
    assert cards["new"] == cards["total"] >= 30 and cards["due_today"] == 0
    assert stats["today"] == {
        "due": 0,
        "new_available": 20,
        "drill": 0,
        "reviews_done": 0,
        "new_done": 0,
    }


def test_data_dir_from_environment(tmp_path: Path) -> None:
    run("backup", env={"ROADMAP_DESKTOP_HOME": str(tmp_path / "home")})
    assert (tmp_path / "home" / "roadmap.sqlite3").exists()
    assert list((tmp_path / "home" / "backups").glob("roadmap-manual-*.sqlite3"))


def test_backup_then_restore(tmp_path: Path) -> None:
    run("stats", data_dir=tmp_path)  # creates and syncs the database
    made = run("backup", data_dir=tmp_path).stdout
    backup = Path(made.strip().removeprefix("backed up to "))
    db = tmp_path / "roadmap.sqlite3"
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM card_tags")
        conn.execute("DELETE FROM cards")
    conn.close()

    result = run("restore", str(backup), data_dir=tmp_path)
    assert "state before the restore is saved" in result.stdout
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM cards").fetchone()[0] >= 30
    conn.close()


def test_restore_of_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    result = run("restore", str(tmp_path / "nope.sqlite3"), data_dir=tmp_path, check_code=2)
    assert "nope.sqlite3: no such file" in result.stderr
    assert "Traceback" not in result.stderr


def make_newer(data_dir: Path) -> None:
    """A data dir whose database claims a schema this version does not know."""
    run("stats", data_dir=data_dir)
    with sqlite3.connect(data_dir / "roadmap.sqlite3") as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()


def test_a_newer_database_is_refused_without_traceback(tmp_path: Path) -> None:
    make_newer(tmp_path)
    result = run("stats", data_dir=tmp_path, check_code=2)
    assert "newer version of roadmap-desktop" in result.stderr
    assert "Traceback" not in result.stderr


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_screenshot_writes_a_real_png(tmp_path: Path, theme: str) -> None:
    out = tmp_path / f"browse-{theme}.png"
    run(
        "screenshot",
        "browse",
        "--out",
        str(out),
        "--theme",
        theme,
        "--size",
        "1000x700",
        data_dir=tmp_path,
    )
    assert png_size(out) == (1000, 700)
    assert out.stat().st_size > 10_000, "a rendered window, not a blank image"


def test_screenshot_renders_crisply_at_high_dpi(tmp_path: Path) -> None:
    out = tmp_path / "plan@2x.png"
    run(
        "screenshot",
        "plan",
        "--out",
        str(out),
        "--size",
        "900x600",
        "--scale",
        "2",
        data_dir=tmp_path,
    )
    assert png_size(out) == (1800, 1200)


def test_screenshot_rejects_a_bad_size(tmp_path: Path) -> None:
    result = run(
        "screenshot",
        "today",
        "--out",
        str(tmp_path / "x.png"),
        "--size",
        "big",
        data_dir=tmp_path,
        check_code=2,
    )
    assert "WIDTHxHEIGHT" in result.stderr


def test_no_display_is_a_clear_message_not_a_qt_abort(tmp_path: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    result = subprocess.run(
        [sys.executable, "-m", "roadmap_desktop", "--data-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "no display found" in result.stderr and "Traceback" not in result.stderr


def test_the_gui_refuses_a_newer_database_with_a_message(tmp_path: Path) -> None:
    make_newer(tmp_path)
    result = run("--exit-when-ready", data_dir=tmp_path, check_code=2)
    assert "newer version of roadmap-desktop" in result.stderr


def test_the_first_frame_does_not_wait_for_the_database_layer(tmp_path: Path) -> None:
    """Start-up design guard (speed itself is measured in benchmarks/): nothing of SQLAlchemy,
    Alembic or Markdown is imported before the window's first frame."""
    result = subprocess.run(
        [
            sys.executable,
            "-X",
            "importtime",
            "-m",
            "roadmap_desktop",
            "--data-dir",
            str(tmp_path),
            "--exit-after-first-frame",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    imported = {
        line.split("|")[-1].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:")
    }
    assert "roadmap_desktop.ui.main_window" in imported
    assert not {"sqlalchemy", "alembic", "markdown_it", "pygments"} & imported


def test_exercise_list_run_and_exit_codes(tmp_path: Path) -> None:
    listed = json.loads(run("exercise", "list", "--json", data_dir=tmp_path).stdout)
    assert {"lru-cache", "promise-pool", "event-emitter"} <= {row["slug"] for row in listed}
    assert all(row["state"] == "new" for row in listed)

    # the workspace starts from the starter, which fails: exit 1, and the attempt is stored
    failed = run("exercise", "run", "lru-cache", "--json", data_dir=tmp_path, check_code=1)
    assert json.loads(failed.stdout)["status"] == "fail"
    assert (tmp_path / "workspace" / "lru-cache" / "lru-cache.mjs").exists()
    listed = json.loads(run("exercise", "list", "--json", data_dir=tmp_path).stdout)
    assert next(r for r in listed if r["slug"] == "lru-cache")["state"] == "attempted"

    reference = REPO / "exercises" / "lru-cache" / "reference" / "lru-cache.mjs"
    passed = run("exercise", "run", "lru-cache", "--solution", str(reference), data_dir=tmp_path)
    assert passed.stdout.rstrip().splitlines()[-1].startswith("pass: 14 passed, 0 failed")

    broken = tmp_path / "broken.mjs"
    broken.write_text("export class LRUCache {", encoding="utf-8")
    errored = run(
        "exercise", "run", "lru-cache", "--solution", str(broken), data_dir=tmp_path, check_code=2
    )
    assert "SyntaxError" in errored.stdout
    missing = run("exercise", "run", "no-such", data_dir=tmp_path, check_code=2)
    assert "no exercise 'no-such'" in missing.stderr


def test_the_author_check_passes_for_every_bundled_exercise(tmp_path: Path) -> None:
    result = run("exercise", "check", data_dir=tmp_path)
    lines = result.stdout.strip().splitlines()
    count = len(list((REPO / "exercises").glob("*/exercise.toml")))
    assert count >= 3 and lines[-1] == f"{count} passed, 0 failed"


def test_export_anki_writes_a_package_and_reports_it(tmp_path: Path) -> None:
    out = tmp_path / "streams.apkg"
    result = run("export-anki", "--out", str(out), "--deck", "Node.js::Streams", data_dir=tmp_path)
    assert result.stdout.startswith(f"wrote {out}: ") and "Node.js::Streams" in result.stdout
    assert zipfile.ZipFile(out).namelist()[0] == "collection.anki2"
    bad = run(
        "export-anki",
        "--out",
        str(tmp_path / "x.apkg"),
        "--query",
        "tag:",
        data_dir=tmp_path,
        check_code=2,
    )
    assert "needs a value" in bad.stderr and "Traceback" not in bad.stderr


def test_mock_prompts_history_and_export(tmp_path: Path) -> None:
    prompts = json.loads(run("mock", "prompts", "--json", data_dir=tmp_path).stdout)
    assert len(prompts) >= 20 and {p["tier"] for p in prompts} == {1, 2, 3}
    assert json.loads(run("mock", "history", "--json", data_dir=tmp_path).stdout) == []
    missing = run(
        "mock", "export", "7", "--out", str(tmp_path / "s.md"), data_dir=tmp_path, check_code=2
    )
    assert "no mock session 7" in missing.stderr


def test_plan_enroll_today_and_done(tmp_path: Path) -> None:
    tracks = json.loads(run("plan", "tracks", "--json", data_dir=tmp_path).stdout)
    assert {t["key"] for t in tracks} >= {"node-90-days", "eight-weeks-daily"}
    assert not any(t["enrolled"] for t in tracks)
    run(
        "plan",
        "enroll",
        "node-90-days",
        "--start",
        "2026-01-05",
        "--days",
        "mon,tue,wed,thu,fri,sat,sun",
        "--minutes",
        "240",
        data_dir=tmp_path,
    )
    today = json.loads(run("plan", "today", "--json", data_dir=tmp_path).stdout)
    assert today["tasks"] and today["tasks"][0]["key"] == "node90.d01-event-loop"
    assert today["tasks"][0]["carried_over"], "the plan started long before today"
    run("plan", "done", "node90.d01-event-loop", "--minutes", "80", data_dir=tmp_path)
    after = json.loads(run("plan", "today", "--json", data_dir=tmp_path).stdout)
    assert after["streak"] == 1
    assert {"key": "node90.d01-event-loop", "done": True}.items() <= next(
        t for t in after["tasks"] if t["key"] == "node90.d01-event-loop"
    ).items()
    bad = run("plan", "enroll", "nope", "--start", "2026-01-05", data_dir=tmp_path, check_code=2)
    assert "no track 'nope'" in bad.stderr


def test_stats_json_has_every_aggregate_and_filters_by_deck(tmp_path: Path) -> None:
    first = json.loads(run("stats", "--json", data_dir=tmp_path).stdout)
    assert {"study_day", "cards", "today", "reviews", "plan", "exercises", "mock"} <= set(first)
    assert len(first["reviews"]["heatmap"]) == 365 and len(first["reviews"]["forecast"]) == 30
    assert first["reviews"]["forecast"][0] == [first["study_day"], 0]
    assert sum(t["total"] for t in first["exercises"]["topics"]) >= 1, "topics from disk"
    today = first["study_day"]
    db = tmp_path / "roadmap.sqlite3"
    with sqlite3.connect(db) as conn:
        decks = dict(conn.execute("SELECT name, id FROM decks").fetchall())
        deck = sorted(decks)[0]
        other = next(name for name in sorted(decks) if not name.startswith(deck))
        [mine] = conn.execute("SELECT id FROM cards WHERE deck_id = ? LIMIT 1", (decks[deck],))
        [theirs] = conn.execute("SELECT id FROM cards WHERE deck_id = ? LIMIT 1", (decks[other],))
        rows = [(mine[0], grade) for grade in (5, 4, 1)] + [(theirs[0], 5)]
        conn.executemany(
            "INSERT INTO review_log (card_id, reviewed_at, study_day, grade, kind, ease_before, "
            "ease_after, interval_before, interval_after, reps_after, answer_ms, was_new, "
            "reps_before, lapses_before) VALUES (?, ?, ?, ?, 'review', 2.5, 2.5, 30, 60, 3, "
            "6000, 0, 2, 0)",
            [(card, f"{today} 10:00:00", today, grade) for card, grade in rows],
        )
    conn.close()
    stats = json.loads(
        run("stats", "--json", "--deck", deck, "--days", "3", data_dir=tmp_path).stdout
    )
    reviews = stats["reviews"]
    assert stats["filter"]["deck"] == deck and len(reviews["per_day"]) == 3
    assert reviews["per_day"][-1] == {"day": today, "learned": 0, "review": 3, "drill": 0}
    assert reviews["heatmap"][-1] == [today, 3], f"{other}'s answer is filtered out"
    assert reviews["retention"]["mature"] == {"passed": 2, "total": 3, "rate": round(2 / 3, 4)}
    assert reviews["answer_time"][-1]["total_seconds"] == 18.0
    assert stats["cards"] == first["cards"], "the existing 'cards' key stays global"
    summary = run("stats", "--deck", deck, data_dir=tmp_path).stdout
    assert "3 answers on 1 day:" in summary and "mature 67% (2/3)" in summary
    missing = run("stats", "--deck", "No such deck", data_dir=tmp_path, check_code=2)
    assert "no deck 'No such deck'" in missing.stderr

"""A regular (non-editable) wheel carries the curriculum and the migrations, and finds them at
run time from any directory."""

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_the_wheel_ships_content_and_migrations_and_finds_them(tmp_path: Path) -> None:
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--quiet",
            "-w",
            str(tmp_path),
            str(REPO),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    [wheel] = tmp_path.glob("roadmap_desktop-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    repo_decks = {p.relative_to(REPO).as_posix() for p in (REPO / "decks").rglob("*.md")}
    assert {f"roadmap_desktop/_content/{name}" for name in repo_decks} <= names
    assert any(n.startswith("roadmap_desktop/_content/resources/tracks/") for n in names)
    assert any(n.startswith("roadmap_desktop/core/store/migrations/versions/0001") for n in names)

    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}  # the extracted wheel wins over src/
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "roadmap_desktop",
            "--data-dir",
            str(tmp_path / "data"),
            "content",
            "check",
            "--json",
        ],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["roots"] == [str(site / "roadmap_desktop" / "_content")]
    assert report["counts"]["cards"] == len(
        [
            line
            for path in (REPO / "decks").rglob("*.md")
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.startswith("## ")
        ]
    )

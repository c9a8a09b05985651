"""`doctor` exits 0 only when healthy and gives the fix for each problem."""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from roadmap_desktop.core import doctor, system_packages
from roadmap_desktop.core.paths import AppPaths


def run_doctor(data_dir: Path, env: dict[str, str] | None = None):
    result = subprocess.run(
        [sys.executable, "-m", "roadmap_desktop", "--data-dir", str(data_dir), "doctor", "--json"],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        env={**os.environ, **(env or {})},
    )
    return result.returncode, json.loads(result.stdout)


def test_this_machine_is_healthy(tmp_path: Path) -> None:
    """The test set-up installed what the app needs, so doctor must agree."""
    code, report = run_doctor(tmp_path / "data")
    failing = [c for c in report["checks"] if c["status"] == "fail"]
    assert code == 0 and report["healthy"], failing
    names = {c["name"] for c in report["checks"]}
    assert names == {
        "python",
        "qt-libraries",
        "qt-platform",
        "node",
        "data-dir",
        "schema",
        "content",
    }


def test_an_unwritable_data_dir_fails_with_a_fix(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    code, report = run_doctor(blocker / "data")
    check = next(c for c in report["checks"] if c["name"] == "data-dir")
    assert code == 1 and check["status"] == "fail" and "--data-dir" in check["fix"]


def test_node_missing_from_path_fails_with_install_advice(tmp_path: Path) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    python_dir = str(Path(sys.executable).parent)
    code, report = run_doctor(tmp_path / "data", env={"PATH": f"{python_dir}:{empty}"})
    check = next(c for c in report["checks"] if c["name"] == "node")
    assert code == 1 and check["status"] == "fail" and "Node.js 20" in check["fix"]


def test_newer_schema_fails_and_is_not_touched(tmp_path: Path) -> None:
    paths = AppPaths(tmp_path)
    paths.ensure()
    with sqlite3.connect(paths.db_file) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        conn.execute("INSERT INTO alembic_version VALUES ('9999')")
    conn.close()
    before = paths.db_file.read_bytes()
    check = doctor.check_schema(paths, None)
    assert check.status == "fail" and "newer version" in check.detail
    assert paths.db_file.read_bytes() == before


def test_content_errors_fail_the_content_check(tmp_path: Path) -> None:
    paths = AppPaths(tmp_path)
    (paths.user_content_dir / "decks").mkdir(parents=True)
    (paths.user_content_dir / "decks" / "bad.md").write_bytes(b"no front matter")
    check = doctor.check_content(paths)
    assert check.status == "fail" and "bad.md:1" in check.detail


def test_missing_qt_libraries_name_the_debian_package(monkeypatch) -> None:
    monkeypatch.setattr(
        system_packages,
        "missing_libraries",
        lambda: {"libxcb-cursor.so.0": "libxcb-cursor0"},
    )
    check = doctor.check_qt_libraries()
    assert check.status == "fail" and check.fix == "sudo apt-get install libxcb-cursor0"

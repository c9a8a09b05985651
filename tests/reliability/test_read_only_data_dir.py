"""A data folder that cannot be written: `stats` says so, naming the folder, exits 2 with no
traceback, and changes nothing. As root, chmod does not stop writes, so two real mechanisms
are used: a read-only bind mount in a private mount namespace (a read-only file system), and
an unprivileged user (no permission). Each is skipped, with the reason, where unavailable."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from roadmap_desktop.core.paths import AppPaths
from roadmap_desktop.core.store.database import Store
from tests.reliability.helpers import CLI, ROOT, fold_wal


def digest(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    paths = AppPaths(tmp_path / "data")
    Store.open(paths).close()
    fold_wal(paths.db_file)
    return paths.data_dir


def check_refused(done: subprocess.CompletedProcess[str], data_dir: Path) -> None:
    assert done.returncode == 2, done
    assert "Traceback" not in done.stderr, done.stderr
    assert f"the data folder {data_dir} is not writable" in done.stderr, done.stderr


def test_stats_on_a_read_only_file_system(data_dir: Path) -> None:
    unshare = shutil.which("unshare")
    if unshare is None or subprocess.run([unshare, "-m", "true"], capture_output=True).returncode:
        pytest.skip("needs `unshare -m` (root or user namespaces) for a read-only bind mount")
    before = digest(data_dir)
    script = 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"'
    done = subprocess.run(
        [
            unshare,
            "-m",
            "sh",
            "-c",
            script,
            "sh",
            str(data_dir),
            *CLI,
            "--data-dir",
            str(data_dir),
            "stats",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    check_refused(done, data_dir)
    assert digest(data_dir) == before


def test_stats_without_write_permission() -> None:
    setpriv = shutil.which("setpriv")
    if os.geteuid() != 0 or setpriv is None:
        pytest.skip("needs root and setpriv to run the CLI as an unprivileged user")
    nobody = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
    probe = subprocess.run([*nobody, sys.executable, "-c", "import roadmap_desktop"], cwd=ROOT)
    if probe.returncode:
        pytest.skip("the unprivileged user cannot read this checkout or its virtualenv")
    # pytest's tmp_path is private to root: the user could not even reach the folder
    parent = Path(tempfile.mkdtemp(prefix="rd-readonly-"))
    parent.chmod(0o755)
    try:
        paths = AppPaths(parent / "data")
        Store.open(paths).close()
        fold_wal(paths.db_file)
        _check_as(nobody, paths.data_dir)
    finally:
        shutil.rmtree(parent)


def _check_as(nobody: list[str], data_dir: Path) -> None:
    os.chown(data_dir, 65534, 65534)
    for path in data_dir.iterdir():
        os.chown(path, 65534, 65534)
        path.chmod(0o444)
    data_dir.chmod(0o555)
    before = digest(data_dir)
    try:
        done = subprocess.run(
            [*nobody, *CLI, "--data-dir", str(data_dir), "stats"],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=60,
        )
    finally:
        data_dir.chmod(0o755)
    check_refused(done, data_dir)
    assert digest(data_dir) == before

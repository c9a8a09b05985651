"""Start-up: wall time from process start to the first painted frame, app vs bare window.

Both are child processes started the same way (``python -u -m ...``, offscreen Qt, the
caller's environment otherwise) and both quit right after their first Paint, printing a
``first-frame`` line on the way out. The time to that line is start-up (plus one event-loop
turn); the time to exit adds teardown, reported apart because users never wait for it.
Runs are interleaved so drift on the machine hits both alike.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.report import Measurement

REPO = Path(__file__).resolve().parents[1]
TARGET_RATIO = 1.5  # the app may take at most 1.5x the bare window's time to first frame
TIMEOUT_S = 120


@dataclass
class Run:
    first_frame: float  # seconds from start until the child printed its first-frame line
    exit: float  # seconds from start until the child exited
    output: str


def _run(args: list[str], expect: str = "first-frame") -> Run:
    """Run ``python -u ARGS`` (unbuffered, so the line arrives when printed). A child that
    fails or never prints ``expect`` is a broken benchmark, not a slow one, so it raises."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-u", *args]
    start = time.perf_counter()
    seen: float | None = None
    lines: list[str] = []
    with subprocess.Popen(
        command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    ) as child:
        assert child.stdout is not None
        for line in child.stdout:
            if seen is None and line.startswith(expect):
                seen = time.perf_counter()
            lines.append(line)
        code = child.wait(timeout=TIMEOUT_S)
    ended = time.perf_counter()
    output = "".join(lines)
    if code != 0 or seen is None:
        raise RuntimeError(f"{' '.join(command)} exited {code} without {expect!r}:\n{output}")
    return Run(seen - start, ended - start, output)


def measure(runs: int, warmup: int) -> tuple[list[Measurement], str | None]:
    """Interleaved app/bare runs; the measurements and the Qt version the bare child saw."""
    # An installed wheel is byte-compiled by pip; a source checkout may not be (this
    # machine sets PYTHONDONTWRITEBYTECODE), so compile it as pip would: users never pay
    # for compiling the app's modules at start-up.
    import compileall

    import roadmap_desktop

    compileall.compile_dir(str(Path(roadmap_desktop.__file__).parent), quiet=1)
    with tempfile.TemporaryDirectory(prefix="roadmap-bench-") as data_dir:
        # --exit-after-first-frame never syncs, so the DB is made and filled beforehand.
        _run(["-m", "roadmap_desktop", "--data-dir", data_dir, "content", "sync"], "synced")
        app_cmd = ["-m", "roadmap_desktop", "--data-dir", data_dir, "--exit-after-first-frame"]
        ready_cmd = ["-m", "roadmap_desktop", "--data-dir", data_dir, "--exit-when-ready"]
        bare_cmd = ["-m", "benchmarks.bare_window"]
        app: list[Run] = []
        ready: list[Run] = []
        bare: list[Run] = []
        for i in range(warmup + runs):
            app_run, bare_run = _run(app_cmd), _run(bare_cmd)
            ready_run = _run(ready_cmd, "ready")
            if i >= warmup:
                app.append(app_run)
                bare.append(bare_run)
                ready.append(ready_run)
    bare_frame = Measurement("startup: bare window, first frame", [r.first_frame for r in bare])
    bare_exit = Measurement("startup: bare window, to exit", [r.exit for r in bare])
    results = [
        bare_frame,
        Measurement(
            "startup: app, first frame",
            [r.first_frame for r in app],
            bare_frame.name,
            bare_frame.median,
            TARGET_RATIO,
        ),
        # Store open, schema checked and Today built: when the numbers appear. No target.
        Measurement(
            "startup: app, data shown",
            [r.first_frame for r in ready],
            bare_frame.name,
            bare_frame.median,
        ),
        bare_exit,
        Measurement(
            "startup: app, to exit", [r.exit for r in app], bare_exit.name, bare_exit.median
        ),
    ]
    return results, _field(bare[-1].output, "qt")


def _field(text: str, key: str) -> str | None:
    for word in text.split():
        if word.startswith(f"{key}="):
            return word.removeprefix(f"{key}=")
    return None

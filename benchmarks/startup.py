"""Start-up: wall time from process start to the first painted frame, app vs bare window.

Both are child processes started the same way (``python -u -m ...``, offscreen Qt, the
caller's environment otherwise) and both quit right after their first Paint, printing a
``first-frame`` line on the way out. The time to that line is start-up (plus one event-loop
turn); the time to exit adds teardown, reported apart because users never wait for it.
Runs are interleaved so drift on the machine hits both alike.

The app is measured twice: on a data dir synced with the bundled curriculum only (a new user:
none of their own cards, nothing reviewed; the "0 cards" case) and on one holding a generated
100,000-card database (``generate.shared_data_dir``, built once per run, no curriculum).
Each child's peak RSS is read from ``os.wait4`` as well; ``benchmarks/memory.py`` reports it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks import generate
from benchmarks.report import Measurement

REPO = Path(__file__).resolve().parents[1]
TARGET_RATIO = 1.5  # the app may take at most 1.5x the bare window's time to first frame
TIMEOUT_S = 120
BIG = 100_000  # cards in the generated database of the second set of app rows
RU_MAXRSS_UNIT = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB on Linux


@dataclass
class Run:
    first_frame: float  # seconds from start until the child printed its first-frame line
    exit: float  # seconds from start until the child exited
    output: str
    max_rss: int = 0  # the child's peak resident set size, bytes (ru_maxrss of wait4)


def run_child(args: list[str], expect: str = "first-frame") -> Run:
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
        # wait4 rather than wait: the same reaping, plus this child's own rusage (the
        # RUSAGE_CHILDREN figure is a maximum over every child so far, not this one's).
        _pid, status, usage = os.wait4(child.pid, 0)
        ended = time.perf_counter()
        child.returncode = code = os.waitstatus_to_exitcode(status)
    output = "".join(lines)
    if code != 0 or seen is None:
        raise RuntimeError(f"{' '.join(command)} exited {code} without {expect!r}:\n{output}")
    return Run(seen - start, ended - start, output, usage.ru_maxrss * RU_MAXRSS_UNIT)


def compile_app() -> None:
    """An installed wheel is byte-compiled by pip; a source checkout may not be (this machine
    sets PYTHONDONTWRITEBYTECODE), so compile it as pip would: users never pay for compiling
    the app's modules at start-up."""
    import compileall

    import roadmap_desktop

    compileall.compile_dir(str(Path(roadmap_desktop.__file__).parent), quiet=1)


def app_command(data_dir: str | Path, probe: str) -> list[str]:
    return ["-m", "roadmap_desktop", "--data-dir", str(data_dir), probe]


BARE_COMMAND = ["-m", "benchmarks.bare_window"]


def synced_data_dir(folder: str) -> None:
    """--exit-after-first-frame and --exit-when-ready never sync, so sync beforehand."""
    run_child(["-m", "roadmap_desktop", "--data-dir", folder, "content", "sync"], "synced")


def measure(runs: int, warmup: int) -> tuple[list[Measurement], str | None]:
    """Interleaved runs (app, bare, app data shown, then the same two on 100k cards); the
    measurements and the Qt version the bare child saw."""
    compile_app()
    big = generate.shared_data_dir(BIG)
    with tempfile.TemporaryDirectory(prefix="roadmap-bench-") as data_dir:
        synced_data_dir(data_dir)
        commands = {
            "app": (app_command(data_dir, "--exit-after-first-frame"), "first-frame"),
            "bare": (BARE_COMMAND, "first-frame"),
            "ready": (app_command(data_dir, "--exit-when-ready"), "ready"),
            "big app": (app_command(big, "--exit-after-first-frame"), "first-frame"),
            "big ready": (app_command(big, "--exit-when-ready"), "ready"),
        }
        seen: dict[str, list[Run]] = {name: [] for name in commands}
        for i in range(warmup + runs):
            for name, (command, expect) in commands.items():
                done = run_child(command, expect)
                if i >= warmup:
                    seen[name].append(done)
    app, bare, ready = seen["app"], seen["bare"], seen["ready"]
    bare_frame = Measurement("startup: bare window, first frame", [r.first_frame for r in bare])
    bare_exit = Measurement("startup: bare window, to exit", [r.exit for r in bare])

    def versus_bare(name: str, runs: list[Run], target: float | None = None) -> Measurement:
        return Measurement(
            name, [r.first_frame for r in runs], bare_frame.name, bare_frame.median, target
        )

    big_label = f"startup {BIG // 1000}k cards"
    results = [
        bare_frame,
        versus_bare("startup: app, first frame", app, TARGET_RATIO),
        # Store open, schema checked and Today built: when the numbers appear. No target.
        versus_bare("startup: app, data shown", ready),
        bare_exit,
        Measurement(
            "startup: app, to exit", [r.exit for r in app], bare_exit.name, bare_exit.median
        ),
        versus_bare(f"{big_label}: app, first frame", seen["big app"], TARGET_RATIO),
        versus_bare(f"{big_label}: app, data shown", seen["big ready"]),
    ]
    return results, _field(bare[-1].output, "qt")


def _field(text: str, key: str) -> str | None:
    for word in text.split():
        if word.startswith(f"{key}="):
            return word.removeprefix(f"{key}=")
    return None

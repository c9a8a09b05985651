"""Peak memory: the GUI's peak resident set size with 100,000 cards against a bare PySide6
window, in the same run.

Both are child processes started like the start-up ones (``python -u -m ...``, offscreen Qt).
The app runs with ``--exit-when-ready`` on a data dir holding a generated 100k-card database
(``generate.shared_data_dir``), so its peak includes the store opened and Today built with its
counts; the bare window (``benchmarks/bare_window.py``) quits after its first frame. Each
child's ``ru_maxrss`` comes from ``os.wait4`` on that child alone. The app with only the bundled
curriculum is measured too, to show what the 100k cards themselves cost.
"""

from __future__ import annotations

import tempfile

from benchmarks import generate, startup
from benchmarks.report import Measurement

CARDS = startup.BIG


def measure(runs: int) -> list[Measurement]:
    startup.compile_app()
    big = generate.shared_data_dir(CARDS)
    peaks: dict[str, list[float]] = {"bare": [], "small": [], "big": []}
    with tempfile.TemporaryDirectory(prefix="roadmap-bench-") as data_dir:
        startup.synced_data_dir(data_dir)
        commands = {
            "bare": (startup.BARE_COMMAND, "first-frame"),
            "small": (startup.app_command(data_dir, "--exit-when-ready"), "ready"),
            "big": (startup.app_command(big, "--exit-when-ready"), "ready"),
        }
        for i in range(1 + max(3, runs)):  # interleaved; the first round warms the caches
            for name, (command, expect) in commands.items():
                done = startup.run_child(command, expect)
                if i:
                    peaks[name].append(float(done.max_rss))
    bare = Measurement("memory: bare window, peak RSS", peaks["bare"], unit="bytes")

    def versus_bare(name: str, samples: list[float]) -> Measurement:
        return Measurement(name, samples, bare.name, bare.median, unit="bytes")

    return [
        bare,
        versus_bare("memory: app, curriculum only, data shown", peaks["small"]),
        versus_bare(f"memory: app, {CARDS // 1000}k cards, data shown", peaks["big"]),
    ]

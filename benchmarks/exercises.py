"""The embedded runner against bare `node --test` on the same exercise, in the same run.

Both get the same minimal environment (this machine sets NODE_EXTRA_CA_CERTS, which alone
triples Node's start-up; stripping it for one side only would flatter the runner). The runner's
time includes everything a learner waits for: the temporary folder, copying the files, our
reporter, parsing, and killing the process group and sweeping for strays.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from benchmarks.report import Measurement
from roadmap_desktop.core.content.locate import ContentRoot, bundled_root
from roadmap_desktop.core.exercises.catalog import load_exercises
from roadmap_desktop.core.exercises.runner import find_node, run_exercise

TARGET_RATIO = 1.2
SLUG = "lru-cache"


def measure(runs: int) -> list[Measurement]:
    node, _major = find_node()
    specs, _ = load_exercises([ContentRoot(bundled_root(), bundled=True)])
    spec = next(s for s in specs if s.slug == SLUG)
    files = {name: spec.reference(name) for name in spec.files}
    env = {"PATH": str(Path(node).parent) + ":/usr/bin:/bin", "LANG": "C.UTF-8"}
    bare_samples: list[float] = []
    ours_samples: list[float] = []
    with tempfile.TemporaryDirectory(prefix="rd-bench-bare-") as folder:
        work = Path(folder)
        for name in spec.files:
            shutil.copyfile(files[name], work / name)
        for name in spec.tests:
            shutil.copyfile(spec.test_file(name), work / name)
        command = [node, "--test", *spec.tests]
        for i in range(max(10, runs * 2) + 2):  # interleaved; the first two are warm-up
            start = time.perf_counter()
            bare = subprocess.run(
                command, cwd=work, env=env | {"HOME": folder}, capture_output=True, check=False
            )
            bare_time = time.perf_counter() - start
            if bare.returncode != 0:
                raise RuntimeError(f"bare node --test failed:\n{bare.stdout.decode()}")
            start = time.perf_counter()
            result = run_exercise(spec, files, node=node)
            ours_time = time.perf_counter() - start
            if result.status != "pass":
                raise RuntimeError(f"the runner did not pass the reference: {result.explanation}")
            if i >= 2:
                bare_samples.append(bare_time)
                ours_samples.append(ours_time)
    baseline = Measurement(f"exercise {SLUG}: bare node --test", bare_samples)
    return [
        baseline,
        Measurement(
            f"exercise {SLUG}: embedded runner",
            ours_samples,
            baseline.name,
            baseline.median,
            TARGET_RATIO,
        ),
    ]

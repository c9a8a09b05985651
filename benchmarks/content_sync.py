"""Content sync, in-process: cold sync, no-op re-sync, and the start-up change check.

The re-sync is compared with the cold sync (it should be much cheaper: nothing to write),
and ``content_changed`` with a bare ``Path.stat()`` (``os.stat``) of the same files: its floor.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from benchmarks.report import Measurement
from roadmap_desktop.core.content import service
from roadmap_desktop.core.content.loader import content_files
from roadmap_desktop.core.paths import AppPaths
from roadmap_desktop.core.store.database import Store


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _cold_sync(repeats: int) -> list[float]:
    """Each repeat syncs into a brand-new DB; opening (migrating) it is not timed."""
    samples = []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory(prefix="roadmap-bench-") as tmp:
            store = Store.open(AppPaths(Path(tmp)))
            try:
                samples.append(_timed(partial(service.sync, store)))
            finally:
                store.close()
    return samples


def measure(repeats: int) -> tuple[list[Measurement], int]:
    """The measurements and how many content files were involved."""
    cold = Measurement("sync: cold, fresh DB", _cold_sync(repeats))
    with tempfile.TemporaryDirectory(prefix="roadmap-bench-") as tmp:
        store = Store.open(AppPaths(Path(tmp)))
        try:
            outcome = service.sync(store)
            if outcome.bundle.errors:
                raise RuntimeError(f"the bundled content has errors: {outcome.bundle.errors[0]}")
            noop = [_timed(lambda: service.sync(store)) for _ in range(repeats)]
            if service.content_changed(store):
                raise RuntimeError("content_changed() is true right after a sync")
            files = [path for _, path in content_files(service.roots_for(store))]
            checks = 10 * repeats  # both are cheap; more samples steady the median
            changed = [_timed(lambda: service.content_changed(store)) for _ in range(checks)]
            stats = [_timed(lambda: [f.stat() for f in files]) for _ in range(checks)]
        finally:
            store.close()
    stat = Measurement(f"stat() x {len(files)} files", stats)
    return [
        cold,
        Measurement("sync: no-op re-sync", noop, cold.name, cold.median),
        stat,
        Measurement("content_changed()", changed, stat.name, stat.median),
    ], len(files)

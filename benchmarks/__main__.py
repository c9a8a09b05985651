"""`python -m benchmarks [--runs N]`: run every benchmark, print a table, write JSON."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from benchmarks import content_sync, exercises, export, memory, review, startup, stats
from benchmarks.report import table, write_json

RESULTS = Path(__file__).resolve().parent / "results" / "latest.json"
GROUPS = ("startup", "memory", "sync", "review", "exercises", "export", "stats")


def _package_version(name: str) -> str | None:
    try:
        return version(name)
    except PackageNotFoundError:
        return None


def machine_facts(qt_version: str | None) -> dict[str, Any]:
    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "qt": qt_version,
        "pyside6_essentials": _package_version("PySide6-Essentials"),
        "roadmap_desktop": _package_version("roadmap-desktop"),
        "cpu_count": os.cpu_count(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "qt_qpa_platform": "offscreen",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument(
        "--runs", type=int, default=7, help="timed runs per benchmark (default: %(default)s)"
    )
    parser.add_argument(
        "--warmup", type=int, default=2, help="untimed start-up runs first (default: %(default)s)"
    )
    parser.add_argument(
        "--only",
        choices=GROUPS,
        action="append",
        help="run only these groups (repeatable; default: all)",
    )
    args = parser.parse_args(argv)
    if args.runs < 1 or args.warmup < 0:
        parser.error("--runs must be at least 1 and --warmup at least 0")

    groups = set(args.only or GROUPS)
    results = []
    qt_version, files = None, None
    if "startup" in groups:
        print(
            f"start-up (0 and {startup.BIG // 1000}k cards): {args.warmup} warm-up + "
            f"{args.runs} timed runs each, interleaved …"
        )
        startup_results, qt_version = startup.measure(args.runs, args.warmup)
        results += startup_results
    if "memory" in groups:
        print(f"peak RSS at {memory.CARDS // 1000}k cards against a bare window …")
        results += memory.measure(args.runs)
    if "sync" in groups:
        print("content sync …")
        sync_results, files = content_sync.measure(args.runs)
        results += sync_results
        print(f"content sync of {content_sync.GENERATED_CARDS // 1000}k generated cards …")
        results += content_sync.measure_generated(args.runs)
    if "exercises" in groups:
        print("exercise runner against bare node --test …")
        results += exercises.measure(args.runs)
    if "export" in groups:
        print("Anki export of 10k cards against bare genanki …")
        results += export.measure(args.runs)
    if "review" in groups:
        print("review at 1k, 10k and 100k cards (generating the data) …")
        results += review.measure(args.runs)
    if "stats" in groups:
        print("statistics at 100k cards and 1M review-log rows (generating the data) …")
        results += stats.measure(args.runs)

    machine = machine_facts(qt_version)
    machine["runs"], machine["warmup"], machine["content_files"] = args.runs, args.warmup, files
    print()
    print(table(results))
    print()
    for m in results:
        if m.target is not None and m.ratio is not None:  # report a miss; never fail on it
            verdict = "met" if m.met else "NOT met"
            print(f"target: {m.name} <= {m.target:g}x baseline: {verdict} ({m.ratio:.2f}x)")
    print(
        f"python {machine['python']}, Qt {qt_version}, {machine['cpu_count']} CPUs, "
        f"{machine['platform']}, {machine['date']}"
    )
    write_json(RESULTS, machine, results)
    print(f"wrote {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""One measured figure, its baseline and target; the printed table and the JSON file."""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class Measurement:
    """Samples in seconds (or bytes, for memory: ``unit="bytes"``); ``ratio`` is median /
    baseline median (both from the same run, in the same unit)."""

    name: str
    samples: list[float]
    baseline_name: str | None = None
    baseline: float | None = None
    target: float | None = None  # the highest acceptable ratio, if there is one
    unit: str = "s"  # "s" or "bytes"; the JSON keys end with it (median_s, median_bytes)

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def min(self) -> float:
        return min(self.samples)

    @property
    def ratio(self) -> float | None:
        return self.median / self.baseline if self.baseline else None

    @property
    def met(self) -> bool | None:
        if self.target is None or self.ratio is None:
            return None
        return self.ratio <= self.target

    def as_dict(self) -> dict[str, Any]:
        u = self.unit
        return {
            "name": self.name,
            "unit": u,
            f"median_{u}": self.median,
            f"min_{u}": self.min,
            f"samples_{u}": self.samples,
            "baseline": self.baseline_name,
            f"baseline_median_{u}": self.baseline,
            "ratio": self.ratio,
            "target_ratio": self.target,
            "target_met": self.met,
        }


def time_calls(fn: Callable[[], object], repeats: int) -> list[float]:
    """Wall-clock seconds of ``repeats`` calls, one sample each."""
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return samples


def _duration(seconds: float | None, unit: str = "s") -> str:
    if seconds is None:
        return "-"
    if unit == "bytes":
        return f"{seconds / 2**20:.1f} MiB"
    if seconds >= 1:
        return f"{seconds:.3f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds * 1e6:.0f} µs"


def table(measurements: list[Measurement]) -> str:
    """A Markdown table, readable in a terminal and pasted as is into docs/performance.md."""
    head = ("name", "median", "min", "baseline", "ratio", "target")
    rows: list[tuple[str, ...]] = [head]
    for m in measurements:
        ratio = f"{m.ratio:.2f}x" if m.ratio is not None else "-"
        target = "-" if m.target is None else f"<= {m.target:g}x " + ("met" if m.met else "missed")
        rows.append(
            (
                m.name,
                _duration(m.median, m.unit),
                _duration(m.min, m.unit),
                _duration(m.baseline, m.unit),
                ratio,
                target,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    rows.insert(1, tuple("-" * w for w in widths))
    return "\n".join(
        "| " + " | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) + " |"
        for row in rows
    )


def write_json(path: Path, machine: dict[str, Any], measurements: list[Measurement]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"machine": machine, "results": [m.as_dict() for m in measurements]}
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")

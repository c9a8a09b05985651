"""One measured figure, its baseline and target; the printed table and the JSON file."""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class Measurement:
    """Samples in seconds; ``ratio`` is median / baseline median (both from the same run)."""

    name: str
    samples: list[float]
    baseline_name: str | None = None
    baseline: float | None = None
    target: float | None = None  # the highest acceptable ratio, if there is one

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
        return {
            "name": self.name,
            "median_s": self.median,
            "min_s": self.min,
            "samples_s": self.samples,
            "baseline": self.baseline_name,
            "baseline_median_s": self.baseline,
            "ratio": self.ratio,
            "target_ratio": self.target,
            "target_met": self.met,
        }


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "-"
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
            (m.name, _duration(m.median), _duration(m.min), _duration(m.baseline), ratio, target)
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

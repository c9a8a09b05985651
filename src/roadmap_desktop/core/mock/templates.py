"""Phase templates. The default follows the seeds: clarify 5, estimate 5, high-level 10, deep
dive 20, wrap-up 5 (45 minutes); 30- and 60-minute variants; the learner can save their own."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

CHECKLISTS = {
    "clarify": [
        "Functional requirements listed",
        "Non-functional requirements (latency, availability, consistency)",
        "Scale: users, read/write ratio, data size",
        "Out of scope agreed",
    ],
    "estimate": [
        "Average and peak QPS",
        "Storage over the retention period",
        "Bandwidth in and out",
        "Cache size for the hot set",
    ],
    "design": [
        "API sketched",
        "Data model and storage choice",
        "High-level components and data flow",
        "Read and write paths walked through",
    ],
    "deep-dive": [
        "Bottlenecks identified",
        "Scaling: sharding, replication, caching",
        "Trade-offs stated with alternatives",
        "Failure modes and recovery",
    ],
    "wrap-up": ["Monitoring and alerting", "What you would do next", "Summary of decisions"],
}


@dataclass(frozen=True)
class Phase:
    key: str
    title: str
    minutes: int

    @property
    def checklist(self) -> list[str]:
        return CHECKLISTS.get(self.key, [])


@dataclass(frozen=True)
class Template:
    name: str
    phases: tuple[Phase, ...]

    @property
    def minutes(self) -> int:
        return sum(p.minutes for p in self.phases)

    def to_json(self) -> str:
        return json.dumps({"name": self.name, "phases": [asdict(p) for p in self.phases]})

    @staticmethod
    def from_json(text: str) -> Template:
        data = json.loads(text)
        return Template(data["name"], tuple(Phase(**p) for p in data["phases"]))


def _template(name: str, minutes: tuple[int, int, int, int, int]) -> Template:
    keys = ("clarify", "estimate", "design", "deep-dive", "wrap-up")
    titles = (
        "Clarify requirements",
        "Capacity estimation",
        "High-level design",
        "Deep dive",
        "Wrap-up",
    )
    return Template(
        name, tuple(Phase(k, t, m) for k, t, m in zip(keys, titles, minutes, strict=True))
    )


BUILT_IN = (
    _template("Standard (45 min)", (5, 5, 10, 20, 5)),
    _template("Quick (30 min)", (3, 4, 8, 12, 3)),
    _template("Extended (60 min)", (8, 7, 15, 25, 5)),
)
DEFAULT = BUILT_IN[0]


def custom(name: str, phases: list[tuple[str, int]]) -> Template:
    """A learner's own template: (title, minutes) per phase; checklists follow known titles."""
    if not name.strip():
        raise ValueError("a template needs a name")
    if not phases or any(m < 1 or m > 120 for _, m in phases):
        raise ValueError("each phase needs 1 to 120 minutes")
    known = {p.title.lower(): p.key for p in DEFAULT.phases}
    return Template(
        name.strip(),
        tuple(
            Phase(known.get(title.lower(), f"phase-{i + 1}"), title, minutes)
            for i, (title, minutes) in enumerate(phases)
        ),
    )

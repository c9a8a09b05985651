"""Parsed content as plain frozen data, plus the located problems found while parsing."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

KEY_RE = re.compile(r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$")
MAX_KEY = 128
TASK_KINDS = ("theory", "build", "exercise", "review", "mock", "reading")
RESOURCE_KINDS = (
    "book",
    "doc",
    "course",
    "video",
    "channel",
    "blog",
    "article",
    "tool",
    "spec",
    "podcast",
)


def is_key(value: object) -> bool:
    return isinstance(value, str) and len(value) <= MAX_KEY and bool(KEY_RE.match(value))


@dataclass(frozen=True)
class ContentIssue:
    """A problem in a content file, located so the user can open the file at that line."""

    file: str  # as shown to the user: relative for bundled content, absolute for the user's
    line: int | None
    message: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.severity}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "severity": self.severity,
            "message": self.message,
        }


@dataclass(frozen=True)
class CardSpec:
    key: str
    deck: str
    front: str
    back: str
    tags: tuple[str, ...]
    file: str
    line: int


@dataclass(frozen=True)
class TaskSpec:
    key: str
    phase_key: str
    phase_title: str
    title: str
    kind: str
    minutes: int
    description: str = ""
    title_original: str | None = None
    description_original: str | None = None
    day: int | None = None
    week: int | None = None
    tags: tuple[str, ...] = ()
    exercises: tuple[str, ...] = ()
    resources: tuple[str, ...] = ()
    checklist: tuple[str, ...] = ()
    line: int | None = None


@dataclass(frozen=True)
class TrackSpec:
    key: str
    title: str
    file: str
    tasks: tuple[TaskSpec, ...]
    description: str = ""
    title_original: str | None = None
    seed: str | None = None
    phases: tuple[tuple[str, str], ...] = ()  # (key, title) in order
    line: int | None = None


@dataclass(frozen=True)
class ResourceSpec:
    key: str
    title: str
    url: str
    kind: str
    file: str
    line: int | None
    description: str = ""
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class PromptSpec:
    key: str
    title: str
    tier: int
    minutes: int
    brief: str
    file: str
    line: int | None
    details: dict[str, tuple[str, ...]] = field(default_factory=dict)
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class TopicSpec:
    """A known tag: cards and tasks may only use tags that a topics file declares."""

    key: str
    title: str
    deck: str
    file: str
    line: int | None


@dataclass
class ContentBundle:
    """Everything that loaded, what did not, and which keys must not be retired because
    their file (or their own entry) failed to load this time."""

    cards: list[CardSpec] = field(default_factory=list)
    tracks: list[TrackSpec] = field(default_factory=list)
    resources: list[ResourceSpec] = field(default_factory=list)
    prompts: list[PromptSpec] = field(default_factory=list)
    topics: list[TopicSpec] = field(default_factory=list)
    exercises: list[str] = field(default_factory=list)
    issues: list[ContentIssue] = field(default_factory=list)
    files_read: int = 0
    user_files: set[str] = field(default_factory=set)  # display names from the user's root
    failed_files: set[str] = field(default_factory=set)
    protected_keys: set[str] = field(default_factory=set)

    @property
    def errors(self) -> list[ContentIssue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[ContentIssue]:
        return [i for i in self.issues if i.severity == "warning"]

    @property
    def decks(self) -> list[str]:
        return sorted({c.deck for c in self.cards})

    def counts(self) -> dict[str, int]:
        return {
            "cards": len(self.cards),
            "decks": len(self.decks),
            "tracks": len(self.tracks),
            "tasks": sum(len(t.tasks) for t in self.tracks),
            "resources": len(self.resources),
            "prompts": len(self.prompts),
            "topics": len(self.topics),
            "exercises": len(self.exercises),
        }

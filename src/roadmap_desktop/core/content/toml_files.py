"""Parse the TOML content under resources/: tracks, the resource library and interview prompts.

tomllib gives values without positions, so entries and fields are located by scanning the
text for their table headers and `name =` lines; every error names the file, the line and the
field.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

from roadmap_desktop.core.content.model import (
    RESOURCE_KINDS,
    TASK_KINDS,
    ContentIssue,
    PromptSpec,
    ResourceSpec,
    TaskSpec,
    TopicSpec,
    TrackSpec,
    is_key,
)

_TOML_LINE = re.compile(r"\s*\(at (?:line (?P<line>\d+), column \d+|end of document)\)")
PROMPT_LISTS = (
    "functional",
    "non_functional",
    "scale_questions",
    "components",
    "deep_dives",
    "pitfalls",
)


@dataclass
class TomlParse:
    tracks: list[TrackSpec] = field(default_factory=list)
    resources: list[ResourceSpec] = field(default_factory=list)
    prompts: list[PromptSpec] = field(default_factory=list)
    topics: list[TopicSpec] = field(default_factory=list)
    issues: list[ContentIssue] = field(default_factory=list)
    protected_keys: set[str] = field(default_factory=set)
    failed: bool = False


class _Doc:
    """The raw text, for finding where a table or field stands."""

    def __init__(self, text: str, file: str, result: TomlParse) -> None:
        self.lines = text.split("\n")
        self.file = file
        self.result = result

    def header_line(self, header: str, index: int) -> int | None:
        pattern = re.compile(rf"^\s*\[\[\s*{re.escape(header)}\s*\]\]")
        seen = -1
        for number, line in enumerate(self.lines, start=1):
            if pattern.match(line):
                seen += 1
                if seen == index:
                    return number
        return None

    def any_line(self, name: str) -> int | None:
        """Where ``name`` is written at all (an inline `name = [...]`, a [name] table): the
        place to point at when entries are not where [[name]] headers would put them."""
        return self.field_line(1, name) or self.table_line(name) or self.header_line(name, 0)

    def table_line(self, header: str) -> int | None:
        pattern = re.compile(rf"^\s*\[\s*{re.escape(header)}\s*\]")
        return next((n for n, line in enumerate(self.lines, 1) if pattern.match(line)), None)

    def field_line(self, start: int | None, name: str) -> int | None:
        pattern = re.compile(rf"^\s*{re.escape(name)}\s*=")
        for number in range((start or 1), len(self.lines) + 1):
            line = self.lines[number - 1]
            if number > (start or 1) and line.lstrip().startswith("["):
                break
            if pattern.match(line):
                return number
        return None

    def error(self, line: int | None, message: str, severity: str = "error") -> None:
        self.result.issues.append(
            ContentIssue(self.file, line, message, "warning" if severity == "warning" else "error")
        )


class _Entry:
    """Typed reads of one TOML table, recording located errors instead of raising."""

    def __init__(
        self, doc: _Doc, table: Any, line: int | None, what: str, allowed: set[str]
    ) -> None:
        self.doc, self.line, self.what = doc, line, what
        self.ok = isinstance(table, dict)
        self.table: dict[str, Any] = table if isinstance(table, dict) else {}
        key = self.table.get("key")
        if "#" in what and isinstance(key, str) and key.strip():
            self.what = f"{what.split(' #')[0]} '{key.strip()}'"  # "task #3" -> "task 'x.y'"
        if not self.ok:
            doc.error(line, f"{what} must be a table")
        for unknown in sorted(set(self.table) - allowed):
            self.fail(unknown, f"unknown field '{unknown}' (allowed: {', '.join(sorted(allowed))})")

    def fail(self, name: str, message: str) -> None:
        self.ok = False
        self.doc.error(self.doc.field_line(self.line, name) or self.line, f"{self.what}: {message}")

    def text(self, name: str, *, required: bool = True) -> str | None:
        value = self.table.get(name)
        if value is None:
            if required:
                self.fail(name, f"missing field '{name}'")
            return None
        if not isinstance(value, str) or (required and not value.strip()):
            self.fail(name, f"field '{name}' must be a non-empty string")
            return None
        return value.strip()

    def key(self, name: str = "key") -> str | None:
        value = self.text(name)
        if value is not None and not is_key(value):
            self.fail(
                name, f"'{value}' is not a key: use lowercase letters, digits and single '-' or '.'"
            )
            return None
        return value

    def integer(self, name: str, low: int, high: int, *, required: bool = True) -> int | None:
        value = self.table.get(name)
        if value is None:
            if required:
                self.fail(name, f"missing field '{name}'")
            return None
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            self.fail(name, f"field '{name}' must be a whole number from {low} to {high}")
            return None
        return value

    def choice(self, name: str, options: tuple[str, ...]) -> str | None:
        value = self.text(name)
        if value is not None and value not in options:
            self.fail(name, f"field '{name}' is '{value}'; expected one of {', '.join(options)}")
            return None
        return value

    def strings(self, name: str, *, keys: bool = False) -> tuple[str, ...]:
        value = self.table.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.fail(name, f"field '{name}' must be a list of non-empty strings")
            return ()
        if keys:
            bad = [v for v in value if not is_key(v)]
            if bad:
                self.fail(name, f"field '{name}' has bad keys {bad}: use lowercase-slugs")
                return ()
        return tuple(v.strip() for v in value)


def toml_error(exc: tomllib.TOMLDecodeError) -> tuple[int | None, str]:
    """(line, reason) from tomllib's message; tomllib 3.11 has no lineno attribute."""
    found = _TOML_LINE.search(str(exc))
    line = int(found["line"]) if found and found["line"] else None
    return line, _TOML_LINE.sub("", str(exc)).strip()


def load_toml(text: str) -> dict[str, Any]:
    """tomllib.loads, with nesting too deep for its recursive parser (`a = [[[[...`) reported
    as a located TOMLDecodeError like any other syntax error instead of a RecursionError."""
    try:
        return tomllib.loads(text)
    except RecursionError:
        lines = text.split("\n")
        deepest = max(range(len(lines)), key=lambda i: lines[i].count("[") + lines[i].count("{"))
        raise tomllib.TOMLDecodeError(
            f"values nested too deeply (at line {deepest + 1}, column 1)"
        ) from None


def _entries(doc: _Doc, root: dict[str, Any], name: str) -> list[Any]:
    """The [[name]] tables of a file; anything else there is a located error."""
    value = root.get(name, [])
    if isinstance(value, list):
        return value
    doc.error(
        doc.field_line(1, name) or doc.table_line(name) or 1,
        f"'{name}' must be a list of [[{name}]] tables",
    )
    return []


def _load(data: bytes, file: str, result: TomlParse) -> tuple[_Doc, dict[str, Any]] | None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        result.issues.append(ContentIssue(file, line, "invalid UTF-8; file skipped"))
        result.failed = True
        return None
    doc = _Doc(text, file, result)
    try:
        return doc, load_toml(text.removeprefix("\ufeff"))
    except tomllib.TOMLDecodeError as exc:
        found, reason = toml_error(exc)
        doc.error(found or len(doc.lines), f"not valid TOML ({reason}); file skipped")
        result.failed = True
        return None


def parse_track(data: bytes, file: str) -> TomlParse:
    result = TomlParse()
    loaded = _load(data, file, result)
    if loaded is None:
        return result
    doc, root = loaded
    for unknown in sorted(set(root) - {"track", "phases"}):
        doc.error(
            doc.field_line(1, unknown) or doc.table_line(unknown),
            f"unknown top-level table '{unknown}' (a track file has [track] and [[phases]])",
        )
    if "track" not in root:
        doc.error(1, "missing the [track] table; file skipped")
        result.failed = True
        return result
    head = _Entry(
        doc,
        root["track"],
        doc.table_line("track") or doc.any_line("track"),
        "[track]",
        {"key", "title", "title_original", "seed", "description"},
    )
    key, track_title = head.key(), head.text("title")
    title_original = head.text("title_original", required=False)
    seed = head.text("seed", required=False)
    description = head.text("description", required=False) or ""
    if key is None or track_title is None:
        result.failed = True
        return result

    phases: list[tuple[str, str]] = []
    tasks: list[TaskSpec] = []
    raw_phases = root.get("phases", [])
    if not isinstance(raw_phases, list) or not raw_phases:
        doc.error(doc.table_line("track"), "a track needs at least one [[phases]] table")
        raw_phases = []
    task_index = -1
    task_allowed = {
        "key",
        "title",
        "title_original",
        "kind",
        "minutes",
        "description",
        "description_original",
        "day",
        "week",
        "tags",
        "exercises",
        "resources",
        "checklist",
    }
    for p_index, raw_phase in enumerate(raw_phases):
        p_line = doc.header_line("phases", p_index) or doc.any_line("phases")
        phase = _Entry(
            doc,
            raw_phase,
            p_line,
            f"phase #{p_index + 1}",
            {"key", "title", "title_original", "tasks"},
        )
        p_key, p_title = phase.key(), phase.text("title")
        phase.text("title_original", required=False)
        raw_tasks = phase.table.get("tasks", [])
        if not isinstance(raw_tasks, list):
            phase.fail("tasks", "tasks must be [[phases.tasks]] tables")
            raw_tasks = []
        if p_key is not None and p_title is not None:
            phases.append((p_key, p_title))
        for raw in raw_tasks:
            task_index += 1
            t_line = doc.header_line("phases.tasks", task_index) or p_line
            entry = _Entry(doc, raw, t_line, f"task #{task_index + 1}", task_allowed)
            t_key = entry.key()
            title = entry.text("title")
            kind = entry.choice("kind", TASK_KINDS)
            minutes = entry.integer("minutes", 5, 960)
            task = TaskSpec(
                key=t_key or "",
                phase_key=p_key or "",
                phase_title=p_title or "",
                title=title or "",
                kind=kind or "",
                minutes=minutes or 0,
                title_original=entry.text("title_original", required=False),
                description=entry.text("description", required=False) or "",
                description_original=entry.text("description_original", required=False),
                day=entry.integer("day", 1, 1000, required=False),
                week=entry.integer("week", 1, 200, required=False),
                tags=entry.strings("tags", keys=True),
                exercises=entry.strings("exercises", keys=True),
                resources=entry.strings("resources", keys=True),
                checklist=entry.strings("checklist"),
                line=t_line,
            )
            if entry.ok and None not in (t_key, p_key, p_title, title, kind, minutes):
                tasks.append(task)
            elif t_key:
                result.protected_keys.add(t_key)
    result.tracks.append(
        TrackSpec(
            key=key,
            title=track_title,
            file=file,
            tasks=tuple(tasks),
            description=description,
            title_original=title_original,
            seed=seed,
            phases=tuple(phases),
        )
    )
    return result


def parse_library(data: bytes, file: str) -> TomlParse:
    result = TomlParse()
    loaded = _load(data, file, result)
    if loaded is None:
        return result
    doc, root = loaded
    for unknown in sorted(set(root) - {"resources"}):
        doc.error(
            doc.field_line(1, unknown),
            f"unknown top-level entry '{unknown}' (a library file holds [[resources]] tables)",
        )
    for index, raw in enumerate(_entries(doc, root, "resources")):
        line = doc.header_line("resources", index) or doc.any_line("resources")
        entry = _Entry(
            doc,
            raw,
            line,
            f"resource #{index + 1}",
            {"key", "title", "url", "kind", "description", "tags"},
        )
        key = entry.key()
        title, url = entry.text("title"), entry.text("url")
        kind = entry.choice("kind", RESOURCE_KINDS)
        description = entry.text("description", required=False) or ""
        tags = entry.strings("tags", keys=True)
        if url is not None and not is_web_url(url):
            entry.fail("url", f"'{url}' is not a well-formed http(s) URL")
        if key is None or title is None or url is None or kind is None or not entry.ok:
            if key:
                result.protected_keys.add(key)
            continue
        result.resources.append(ResourceSpec(key, title, url, kind, file, line, description, tags))
    return result


def parse_prompts(data: bytes, file: str) -> TomlParse:
    result = TomlParse()
    loaded = _load(data, file, result)
    if loaded is None:
        return result
    doc, root = loaded
    for unknown in sorted(set(root) - {"prompts"}):
        doc.error(
            doc.field_line(1, unknown),
            f"unknown top-level entry '{unknown}' (a prompts file holds [[prompts]] tables)",
        )
    allowed = {"key", "title", "tier", "minutes", "brief", "tags", *PROMPT_LISTS}
    for index, raw in enumerate(_entries(doc, root, "prompts")):
        line = doc.header_line("prompts", index) or doc.any_line("prompts")
        entry = _Entry(doc, raw, line, f"prompt #{index + 1}", allowed)
        key = entry.key()
        title, brief = entry.text("title"), entry.text("brief")
        tier, minutes = entry.integer("tier", 1, 3), entry.integer("minutes", 10, 120)
        details = {name: entry.strings(name) for name in PROMPT_LISTS}
        tags = entry.strings("tags", keys=True)
        if None in (key, title, brief, tier, minutes) or not entry.ok:
            if key:
                result.protected_keys.add(key)
            continue
        assert key and title and brief and tier and minutes
        result.prompts.append(
            PromptSpec(key, title, tier, minutes, brief, file, line, details, tags)
        )
    return result


def parse_topics(data: bytes, file: str) -> TomlParse:
    result = TomlParse()
    loaded = _load(data, file, result)
    if loaded is None:
        return result
    doc, root = loaded
    for unknown in sorted(set(root) - {"topics"}):
        doc.error(
            doc.field_line(1, unknown),
            f"unknown top-level entry '{unknown}' (a topics file holds [[topics]] tables)",
        )
    for index, raw in enumerate(_entries(doc, root, "topics")):
        line = doc.header_line("topics", index) or doc.any_line("topics")
        entry = _Entry(doc, raw, line, f"topic #{index + 1}", {"key", "title", "deck"})
        key, title, deck = entry.key(), entry.text("title"), entry.text("deck")
        if key is None or title is None or deck is None or not entry.ok:
            continue
        result.topics.append(TopicSpec(key, title, deck, file, line))
    return result


def is_web_url(url: str) -> bool:
    try:
        parsed = urlparse(url)
    except ValueError:  # e.g. "http://[x" (an unclosed IPv6 bracket) or an NFKC-unsafe host
        return False
    return (
        parsed.scheme in ("http", "https")
        and "." in parsed.netloc
        and " " not in url
        and not parsed.netloc.startswith(".")
    )

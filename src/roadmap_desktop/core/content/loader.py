"""Load every content root into one ContentBundle, keeping going past broken files.

Cross-file rules (unique keys, task references) are checked here, after every file is parsed.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

from roadmap_desktop.core.content.decks import parse_deck
from roadmap_desktop.core.content.locate import ContentRoot
from roadmap_desktop.core.content.model import (
    CardSpec,
    ContentBundle,
    ContentIssue,
    PromptSpec,
    ResourceSpec,
    TaskSpec,
    TopicSpec,
    TrackSpec,
)
from roadmap_desktop.core.content.toml_files import (
    TomlParse,
    parse_library,
    parse_prompts,
    parse_topics,
    parse_track,
)

# Bump when parsing changes what a file yields, so the next start re-syncs.
PARSER_VERSION = "1"

Keyed = TypeVar("Keyed", CardSpec, TrackSpec, ResourceSpec, PromptSpec, TopicSpec)

_TOML_KINDS = {
    "tracks": parse_track,
    "library": parse_library,
    "prompts": parse_prompts,
    "topics": parse_topics,
}


def content_files(roots: list[ContentRoot]) -> list[tuple[ContentRoot, Path]]:
    files: list[tuple[ContentRoot, Path]] = []
    for root in roots:
        files += [(root, p) for p in sorted((root.path / "decks").rglob("*.md"))]
        for folder in _TOML_KINDS:
            files += [(root, p) for p in sorted((root.path / "resources" / folder).glob("*.toml"))]
        files += [(root, p) for p in sorted((root.path / "exercises").glob("*/exercise.toml"))]
    return files


def fingerprint(roots: list[ContentRoot]) -> str:
    """A cheap digest of what is on disk (names, sizes, mtimes): equal means nothing changed."""
    digest = hashlib.sha256(PARSER_VERSION.encode())
    for root, path in content_files(roots):
        stat = path.stat()
        digest.update(
            f"{root.bundled}|{root.display(path)}|{stat.st_size}|{stat.st_mtime_ns}\n".encode()
        )
    return digest.hexdigest()


def load_content(roots: list[ContentRoot]) -> ContentBundle:
    bundle = ContentBundle()
    for root, path in content_files(roots):
        shown = root.display(path)
        bundle.files_read += 1
        if not root.bundled:
            bundle.user_files.add(shown)
        try:
            data = path.read_bytes()
        except OSError as exc:
            bundle.issues.append(ContentIssue(shown, None, f"cannot read the file: {exc.strerror}"))
            bundle.failed_files.add(shown)
            continue
        relative = path.relative_to(root.path)
        if relative.parts[0] == "decks":
            deck = parse_deck(data, shown)
            bundle.cards += deck.cards
            bundle.issues += deck.issues
            bundle.protected_keys |= deck.protected_keys
            if deck.failed:
                bundle.failed_files.add(shown)
        elif relative.parts[0] == "resources":
            parsed: TomlParse = _TOML_KINDS[relative.parts[1]](data, shown)
            bundle.tracks += parsed.tracks
            bundle.resources += parsed.resources
            bundle.prompts += parsed.prompts
            bundle.topics += parsed.topics
            bundle.issues += parsed.issues
            bundle.protected_keys |= parsed.protected_keys
            if parsed.failed:
                bundle.failed_files.add(shown)
        else:  # exercises/<slug>/exercise.toml
            from roadmap_desktop.core.exercises.spec import parse_exercise

            spec, found = parse_exercise(path.parent, shown)
            bundle.issues += found
            if spec is not None:
                bundle.exercises.append(spec.slug)
            else:
                bundle.failed_files.add(shown)
    _check_across_files(bundle)
    return bundle


def _check_across_files(bundle: ContentBundle) -> None:
    def dedupe(items: list[Keyed], what: str) -> list[Keyed]:
        seen: dict[str, str] = {}
        kept = []
        for item in items:
            where = f"{item.file}:{item.line}" if item.line else item.file
            if item.key in seen:
                bundle.issues.append(
                    ContentIssue(
                        item.file,
                        item.line,
                        f"duplicate {what} key '{item.key}' (first defined at "
                        f"{seen[item.key]}); this one is skipped",
                    )
                )
                continue
            seen[item.key] = where
            kept.append(item)
        return kept

    bundle.cards = dedupe(bundle.cards, "card")
    bundle.resources = dedupe(bundle.resources, "resource")
    bundle.prompts = dedupe(bundle.prompts, "prompt")
    bundle.tracks = dedupe(bundle.tracks, "track")
    bundle.topics = dedupe(bundle.topics, "topic")
    _check_tags_are_known(bundle)
    _check_urls_are_unique(bundle)

    seen_tasks: dict[str, str] = {}
    resource_keys = {r.key for r in bundle.resources}
    exercise_slugs = set(bundle.exercises)
    card_tags = {tag for card in bundle.cards for tag in card.tags}
    uncovered: dict[str, list[tuple[TrackSpec, TaskSpec]]] = {}
    for track in bundle.tracks:
        kept = []
        for task in track.tasks:
            if task.key in seen_tasks:
                bundle.issues.append(
                    ContentIssue(
                        track.file,
                        task.line,
                        f"duplicate task key '{task.key}' (first defined at "
                        f"{seen_tasks[task.key]}); this one is skipped",
                    )
                )
                continue
            seen_tasks[task.key] = f"{track.file}:{task.line}"
            kept.append(task)
            for missing in [e for e in task.exercises if e not in exercise_slugs]:
                bundle.issues.append(
                    ContentIssue(
                        track.file,
                        task.line,
                        f"task '{task.key}' cites exercise '{missing}', which no "
                        "exercises/<slug>/exercise.toml defines",
                    )
                )
            for missing in [r for r in task.resources if r not in resource_keys]:
                bundle.issues.append(
                    ContentIssue(
                        track.file,
                        task.line,
                        f"task '{task.key}' cites resource '{missing}', which no "
                        "file in resources/library defines",
                    )
                )
            for tag in task.tags:
                if tag not in card_tags:
                    uncovered.setdefault(tag, []).append((track, task))
        if len(kept) != len(track.tasks):
            bundle.tracks[bundle.tracks.index(track)] = replace(track, tasks=tuple(kept))
    for tag, users in sorted(uncovered.items()):
        track, task = users[0]
        others = f" and {len(users) - 1} more" if len(users) > 1 else ""
        bundle.issues.append(
            ContentIssue(
                track.file,
                task.line,
                f"no card carries tag '{tag}', used by task '{task.key}'{others}",
                "warning",
            )
        )


def _check_tags_are_known(bundle: ContentBundle) -> None:
    """Tags must come from resources/topics (typos otherwise split a topic in two). A warning,
    not an error, so a learner's own cards can carry their own tags."""
    if not bundle.topics:
        return
    known = {t.key for t in bundle.topics}
    unknown: dict[str, tuple[str, int | None, int]] = {}
    for card in bundle.cards:
        for tag in card.tags:
            if tag not in known:
                file, line, n = unknown.get(tag, (card.file, card.line, 0))
                unknown[tag] = (file, line, n + 1)
    for track in bundle.tracks:
        for task in track.tasks:
            for tag in task.tags:
                if tag not in known:
                    file, line, n = unknown.get(tag, (track.file, task.line, 0))
                    unknown[tag] = (file, line, n + 1)
    for tag, (file, line, uses) in sorted(unknown.items()):
        more = f" (used {uses} times)" if uses > 1 else ""
        bundle.issues.append(
            ContentIssue(
                file,
                line,
                f"tag '{tag}' is not a known topic{more}: add it to "
                "resources/topics or use an existing one",
                "warning",
            )
        )


def same_url(url: str) -> str:
    """A URL reduced to what identifies the page: no scheme case, www., fragment or trailing /."""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}{'?' + parts.query if parts.query else ''}"


def _check_urls_are_unique(bundle: ContentBundle) -> None:
    """The library is one deduplicated list: a second entry for the same page is a warning."""
    first: dict[str, ResourceSpec] = {}
    for resource in bundle.resources:
        seen = first.setdefault(same_url(resource.url), resource)
        if seen is not resource:
            bundle.issues.append(
                ContentIssue(
                    resource.file,
                    resource.line,
                    f"resource '{resource.key}' points at the same page as "
                    f"'{seen.key}' ({seen.file}:{seen.line}); cite that one",
                    "warning",
                )
            )

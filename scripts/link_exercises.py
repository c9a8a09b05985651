"""Link exercises from the track tasks they practise, by slug, so the plan can suggest them.

Each exercise's `source` names seeds and days or weeks ("seed 004, day 4; seed 003, project 1").
For every seed it names, the exercise is added to that seed's track: to the task of that day or
week (a build or exercise task first), or else to the task sharing most of its topics.

    .venv/bin/python scripts/link_exercises.py           # edit resources/tracks/*.toml
    .venv/bin/python scripts/link_exercises.py --check   # exit 1 if a link is missing

Idempotent: running it twice changes nothing. The test suite runs --check.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from roadmap_desktop.core.content.loader import load_content
from roadmap_desktop.core.content.locate import ContentRoot, bundled_root
from roadmap_desktop.core.content.model import TaskSpec, TrackSpec
from roadmap_desktop.core.exercises.catalog import load_exercises
from roadmap_desktop.core.exercises.spec import ExerciseSpec

_MENTION = re.compile(r"seed (?P<seed>\d{3})(?P<rest>[^;/]*)")
_UNIT = re.compile(r"\b(?P<unit>day|week)s? (?P<n>\d+)")
_PREFERRED = {"exercise": 0, "build": 1, "theory": 2, "reading": 3, "review": 4, "mock": 5}


def choose_task(track: TrackSpec, spec: ExerciseSpec, rest: str) -> TaskSpec | None:
    unit = _UNIT.search(rest)
    if unit:
        number = int(unit["n"])
        field = "day" if unit["unit"] == "day" else "week"
        same = [t for t in track.tasks if getattr(t, field) == number]
        if same:
            return min(
                same,
                key=lambda t: (_PREFERRED.get(t.kind, 9), -len(set(t.tags) & set(spec.topics))),
            )
    scored = [
        (len(set(t.tags) & set(spec.topics)), -_PREFERRED.get(t.kind, 9), -i, t)
        for i, t in enumerate(track.tasks)
        if t.kind in ("exercise", "build", "theory")  # not mock interviews or reviews
    ]
    best = max(scored, default=None, key=lambda item: item[:3])
    return best[3] if best and best[0] > 0 else None


def plan_links(tracks: list[TrackSpec], specs: list[ExerciseSpec]) -> dict[str, set[str]]:
    """task key -> exercise slugs it should cite."""
    by_seed = {t.seed[:3]: t for t in tracks if t.seed}
    links: dict[str, set[str]] = {}
    for spec in specs:
        for mention in _MENTION.finditer(spec.source):
            track = by_seed.get(mention["seed"])
            task = choose_task(track, spec, mention["rest"]) if track else None
            if task is not None:
                links.setdefault(task.key, set()).add(spec.slug)
    return links


def apply(path: Path, links: dict[str, set[str]]) -> bool:
    """Add the planned slugs to each task's `exercises` list in one track file."""
    lines = path.read_text(encoding="utf-8").split("\n")
    changed = False
    current: str | None = None
    for index, line in enumerate(lines):
        if line.lstrip().startswith("[["):
            current = None
        key = re.match(r'^\s*key\s*=\s*"(?P<key>[^"]+)"', line)
        if key:
            current = key["key"]
        existing = re.match(r"^(?P<indent>\s*)exercises\s*=\s*\[(?P<items>[^\]]*)\]\s*$", line)
        if existing and current in links:
            have = set(re.findall(r'"([^"]+)"', existing["items"]))
            wanted = sorted(have | links[current])
            if set(wanted) != have:
                lines[index] = (
                    f"{existing['indent']}exercises = [" + ", ".join(f'"{s}"' for s in wanted) + "]"
                )
                changed = True
    if changed:
        path.write_text("\n".join(lines), encoding="utf-8")
    return changed


def missing_links(tracks: list[TrackSpec], links: dict[str, set[str]]) -> list[str]:
    cited = {t.key: set(t.exercises) for track in tracks for t in track.tasks}
    return [
        f"{key}: {', '.join(sorted(slugs - cited.get(key, set())))}"
        for key, slugs in sorted(links.items())
        if slugs - cited.get(key, set())
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a planned link is missing")
    args = parser.parse_args(argv)
    root = ContentRoot(bundled_root(), bundled=True)
    bundle = load_content([root])
    specs, _issues = load_exercises([root])
    links = plan_links(bundle.tracks, specs)
    unlinked = sorted({s.slug for s in specs} - {slug for v in links.values() for slug in v})
    if args.check:
        missing = missing_links(bundle.tracks, links)
        for line in missing:
            print(f"not linked yet: {line}", file=sys.stderr)
        return 1 if missing else 0
    edited = [
        p.name
        for p in sorted((root.path / "resources" / "tracks").glob("*.toml"))
        if apply(p, links)
    ]
    total = sum(len(v) for v in links.values())
    print(f"{total} links over {len(links)} tasks; edited {', '.join(edited) or 'nothing'}")
    if unlinked:
        print(f"no task found for: {', '.join(unlinked)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

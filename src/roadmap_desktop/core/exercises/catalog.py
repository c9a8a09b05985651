"""Find the exercises in the content roots (bundled first, then the user's own)."""

from __future__ import annotations

from roadmap_desktop.core.content.locate import ContentRoot
from roadmap_desktop.core.content.model import ContentIssue
from roadmap_desktop.core.exercises.spec import ExerciseSpec, parse_exercise


def load_exercises(roots: list[ContentRoot]) -> tuple[list[ExerciseSpec], list[ContentIssue]]:
    specs: dict[str, ExerciseSpec] = {}
    issues: list[ContentIssue] = []
    for root in roots:
        for toml in sorted((root.path / "exercises").glob("*/exercise.toml")):
            spec, found = parse_exercise(toml.parent, root.display(toml))
            issues += found
            if spec is not None:
                if spec.slug in specs:
                    issues.append(
                        ContentIssue(
                            root.display(toml),
                            None,
                            f"exercise '{spec.slug}' is defined twice; this one is skipped",
                        )
                    )
                else:
                    specs[spec.slug] = spec
    return sorted(specs.values(), key=lambda s: (s.difficulty != "easy", s.title)), issues

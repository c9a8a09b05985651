"""The learner's copy of an exercise: `<data dir>/workspace/<slug>/`, seeded from the starter.

The reference solution is never copied here; it is read only when the learner has solved the
exercise or explicitly asked to see it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from roadmap_desktop.core.exercises.spec import ExerciseSpec


def workspace_dir(root: Path, spec: ExerciseSpec) -> Path:
    return root / spec.slug


def ensure_workspace(root: Path, spec: ExerciseSpec) -> dict[str, Path]:
    """The learner's files, copying any missing one from the starter (never overwriting)."""
    folder = workspace_dir(root, spec)
    folder.mkdir(parents=True, exist_ok=True)
    files = {}
    for name in spec.files:
        target = folder / name
        if not target.exists():
            shutil.copyfile(spec.starter(name), target)
        files[name] = target
    return files


def reset_to_starter(root: Path, spec: ExerciseSpec) -> dict[str, Path]:
    """Replace the learner's files with the starter; the old ones are kept as .bak."""
    folder = workspace_dir(root, spec)
    for name in spec.files:
        current = folder / name
        if current.exists():
            current.replace(current.with_name(current.name + ".bak"))
    return ensure_workspace(root, spec)

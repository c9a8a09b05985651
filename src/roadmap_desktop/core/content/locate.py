"""Find the content roots: the bundled curriculum (wheel or source tree) and the user's own."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

KINDS = ("decks", "exercises", "resources")


@dataclass(frozen=True)
class ContentRoot:
    path: Path
    bundled: bool

    def display(self, file: Path) -> str:
        """How a file is named in messages: repo-relative for bundled content, absolute for
        the user's own files (so they can open them)."""
        if self.bundled:
            return file.relative_to(self.path).as_posix()
        return str(file)


def bundled_root() -> Path:
    package = Path(__file__).resolve().parents[2]  # .../roadmap_desktop
    installed = package / "_content"
    if installed.is_dir():
        return installed
    source_tree = package.parents[1]  # <repo>/src/roadmap_desktop -> <repo>
    if all((source_tree / kind).is_dir() for kind in KINDS):
        return source_tree
    raise FileNotFoundError(
        f"bundled content not found (looked in {installed} and {source_tree}); "
        "reinstall roadmap-desktop"
    )


def content_roots(user_content_dir: Path | None) -> list[ContentRoot]:
    roots = [ContentRoot(bundled_root(), bundled=True)]
    if user_content_dir is not None and user_content_dir.is_dir():
        roots.append(ContentRoot(user_content_dir, bundled=False))
    return roots

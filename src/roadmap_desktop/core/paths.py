"""Where the user's data lives: --data-dir, then ROADMAP_DESKTOP_HOME, then the platform dir."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_path

ENV_HOME = "ROADMAP_DESKTOP_HOME"
DB_FILENAME = "roadmap.sqlite3"


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path

    @property
    def db_file(self) -> Path:
        return self.data_dir / DB_FILENAME

    @property
    def db_url(self) -> str:
        return f"sqlite:///{self.db_file}"

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def user_content_dir(self) -> Path:
        """The user's own decks/ and resources/, loaded after the bundled ones."""
        return self.data_dir / "content"

    @property
    def workspace_dir(self) -> Path:
        return self.data_dir / "workspace"

    @property
    def ui_settings_file(self) -> Path:
        return self.data_dir / "settings.ini"

    def ensure(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)


def resolve_paths(data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
    if data_dir is not None:
        chosen = Path(data_dir)
    elif os.environ.get(ENV_HOME):
        chosen = Path(os.environ[ENV_HOME])
    else:
        chosen = user_data_path("roadmap-desktop", appauthor=False)
    return AppPaths(chosen.expanduser().resolve())

"""Shared fixtures: a real SQLite file in a temporary data dir, a fixed clock, and small
content trees written on the fly so each test controls exactly what is synced."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

# Offscreen Qt with a 1920x1080 virtual screen (the plugin's default is 800x600, smaller than
# the window's minimum size, so Qt would clamp every geometry).
_SCREENS = Path(__file__).with_name("offscreen-screens.json")
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_SCREENS}"

from roadmap_desktop.core.clock import FixedClock  # noqa: E402
from roadmap_desktop.core.content.locate import ContentRoot  # noqa: E402
from roadmap_desktop.core.paths import AppPaths  # noqa: E402
from roadmap_desktop.core.store.database import Store  # noqa: E402

LOCAL = timezone(timedelta(hours=2))


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 3, 10, 9, 30, tzinfo=LOCAL))


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return AppPaths(tmp_path / "data")


@pytest.fixture
def store(paths: AppPaths, clock: FixedClock) -> Iterator[Store]:
    opened = Store.open(paths, clock=clock)
    yield opened
    opened.close()


class ContentTree:
    """A content root on disk that tests write files into."""

    def __init__(self, root: Path) -> None:
        self.root = root
        for kind in (
            "decks",
            "exercises",
            "resources/tracks",
            "resources/library",
            "resources/prompts",
        ):
            (root / kind).mkdir(parents=True, exist_ok=True)

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        # Distinct mtimes even on coarse clocks, so fingerprints see every edit.
        stamp = path.stat().st_mtime_ns + 1_000_000
        os.utime(path, ns=(stamp, stamp))
        return path

    def write_bytes(self, relative: str, data: bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return path

    def remove(self, relative: str) -> None:
        (self.root / relative).unlink()

    @property
    def roots(self) -> list[ContentRoot]:
        return [ContentRoot(self.root, bundled=True)]


@pytest.fixture
def content(tmp_path: Path) -> ContentTree:
    return ContentTree(tmp_path / "content")


def deck_file(deck: str, *cards: tuple[str, str, str], tags: str = "") -> str:
    """A deck file with (key, front, back) cards."""
    head = f'+++\ndeck = "{deck}"\n' + (f"tags = [{tags}]\n" if tags else "") + "+++\n"
    body = "".join(f"\n## {key}\n\n{front}\n\n---\n\n{back}\n" for key, front, back in cards)
    return head + body


def install_next_revision(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    upgrade: str = "    op.create_table('probe', sa.Column('id', sa.Integer, primary_key=True))\n",
    downgrade: str = "    op.drop_table('probe')\n",
) -> tuple[str, str]:
    """Make a real next schema revision the head: a temporary copy of the shipped migrations
    plus one more whose bodies are given (indented Python). Returns (old head, new head)."""
    import shutil

    from roadmap_desktop.core.store import migrate

    migrations = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, migrations)
    head = migrate.HEAD_REVISION
    following = f"{int(head) + 1:04d}"
    (migrations / "versions" / f"{following}_probe.py").write_text(
        f'revision = "{following}"\ndown_revision = "{head}"\n'
        "branch_labels = None\ndepends_on = None\n"
        "import sqlalchemy as sa\nfrom alembic import op\n"
        f"def upgrade():\n{upgrade}def downgrade():\n{downgrade}",
        encoding="utf-8",
    )
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", migrations)
    monkeypatch.setattr(migrate, "HEAD_REVISION", following)
    monkeypatch.setattr("roadmap_desktop.core.store.backup.HEAD_REVISION", following)
    return head, following

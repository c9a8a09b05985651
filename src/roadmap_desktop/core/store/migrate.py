"""Bring a database to the schema this version knows, refusing one written by a newer version.

The fast path (already at head) reads one row and never imports Alembic, so start-up stays
cheap. Before upgrading a database that holds data, a SQLite backup is taken.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, inspect, text

from roadmap_desktop.core.errors import NewerSchemaError, StoreError

__all__ = ["NewerSchemaError", "StoreError", "upgrade"]

# The newest revision under migrations/versions. tests/core/test_migrate.py checks that this
# equals Alembic's own head, so a new revision cannot be forgotten here.
HEAD_REVISION = "0007"

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


@dataclass(frozen=True)
class MigrationResult:
    from_revision: str | None
    to_revision: str
    backup: Path | None

    @property
    def changed(self) -> bool:
        return self.from_revision != self.to_revision


def current_revision(engine: Engine) -> str | None:
    """The schema revision stored in the database, or None for an empty database."""
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        if "alembic_version" not in tables:
            if tables - {"sqlite_sequence"}:
                raise StoreError(
                    f"{_describe(engine)} holds tables but is not a roadmap-desktop database; "
                    "choose another file with --data-dir or --db-url."
                )
            return None
        row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        return None if row is None else str(row[0])


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS_DIR))
    return {rev.revision for rev in script.walk_revisions()}


def alembic_head() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head()
    if head is None:
        raise StoreError("no migrations are shipped with this build")
    return head


def check_not_newer(engine: Engine) -> str | None:
    """Raise NewerSchemaError when the DB was written by a newer version; never writes."""
    revision = current_revision(engine)
    if revision is None or revision == HEAD_REVISION:
        return revision
    if revision not in known_revisions():
        raise NewerSchemaError(
            f"{_describe(engine)} was written by a newer version of roadmap-desktop "
            f"(schema {revision}; this version knows up to {HEAD_REVISION}). It was not "
            "changed. Update roadmap-desktop, or open another database with --data-dir."
        )
    return revision


def upgrade(
    engine: Engine,
    backup: Callable[[str], Path | None] | None = None,
) -> MigrationResult:
    """Migrate to HEAD_REVISION. ``backup(reason)`` runs first when the DB already holds data."""
    revision = check_not_newer(engine)
    if revision == HEAD_REVISION:
        return MigrationResult(revision, HEAD_REVISION, None)

    backup_path = backup(f"pre-migrate-{revision}") if (revision and backup) else None

    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            # SQLite "batch" migrations copy a table and drop the old one; with foreign keys
            # on, that drop cascades into every child row (review history!). Alembic's advice:
            # migrate with them off, then prove the references still hold.
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.commit()
        try:
            with conn.begin():
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
                if sqlite:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise StoreError(
                            f"the upgrade of {_describe(engine)} left {len(broken)} broken "
                            "references and was rolled back; please report this"
                        )
        finally:
            if sqlite:
                conn.exec_driver_sql("PRAGMA foreign_keys=ON")
                conn.commit()
    return MigrationResult(revision, HEAD_REVISION, backup_path)


def _describe(engine: Engine) -> str:
    url = engine.url
    if url.get_backend_name() == "sqlite" and url.database:
        return f"The database {url.database}"
    return f"The database {url.render_as_string(hide_password=True)}"

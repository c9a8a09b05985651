"""Schema management: migrate at open, re-open cleanly, refuse newer databases untouched."""

import hashlib
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from roadmap_desktop.core.paths import AppPaths
from roadmap_desktop.core.store import migrate
from roadmap_desktop.core.store.database import Store
from roadmap_desktop.core.store.migrate import NewerSchemaError, StoreError
from roadmap_desktop.core.store.models import Base
from tests.conftest import install_next_revision


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_head_constant_matches_the_shipped_migrations() -> None:
    assert migrate.alembic_head() == migrate.HEAD_REVISION


def test_empty_database_is_migrated_and_reopens_without_change(paths: AppPaths) -> None:
    first = Store.open(paths)
    assert first.migration is not None
    assert (first.migration.from_revision, first.migration.to_revision) == (
        None,
        migrate.HEAD_REVISION,
    )
    tables = set(inspect(first.engine).get_table_names())
    assert {"cards", "decks", "review_log", "tracks", "tasks", "meta"} <= tables
    first.close()

    again = Store.open(paths)
    assert again.migration is not None and not again.migration.changed
    again.close()
    assert not list(paths.backups_dir.glob("*")), "nothing to protect, so no backup"


def test_migrations_build_exactly_the_models(store: Store) -> None:
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_sqlite_runs_in_wal_mode_with_foreign_keys(store: Store) -> None:
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_newer_schema_is_refused_and_the_file_is_not_modified(paths: AppPaths) -> None:
    Store.open(paths).close()
    conn = sqlite3.connect(paths.db_file)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.execute("PRAGMA journal_mode=DELETE")  # fold the WAL in: one file to compare
    conn.close()
    before = digest(paths.db_file)

    with pytest.raises(NewerSchemaError) as caught:
        Store.open(paths)
    message = str(caught.value)
    assert "newer version" in message and "9999" in message and str(paths.db_file) in message
    assert digest(paths.db_file) == before
    assert not Path(f"{paths.db_file}-wal").exists(), "not even re-opened for writing"
    assert not paths.backups_dir.exists() or not list(paths.backups_dir.iterdir())


def test_a_foreign_database_is_refused(paths: AppPaths) -> None:
    paths.ensure()
    with sqlite3.connect(paths.db_file) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY)")
    conn.close()
    with pytest.raises(StoreError, match="not a roadmap-desktop database"):
        Store.open(paths)


def test_another_database_url_is_used_instead_of_the_data_dir(
    tmp_path: Path, paths: AppPaths
) -> None:
    elsewhere = tmp_path / "elsewhere.sqlite3"
    opened = Store.open(paths, db_url=f"sqlite:///{elsewhere}")
    opened.close()
    assert elsewhere.exists()
    assert not paths.db_file.exists()


def test_an_older_database_is_backed_up_then_upgraded(
    paths: AppPaths, tmp_path: Path, monkeypatch
) -> None:
    """With a real next revision (a temporary copy of the migrations plus the next one), opening a
    database at 0001 takes a pre-migrate backup first and then upgrades it."""
    Store.open(paths).close()
    head, following = install_next_revision(tmp_path, monkeypatch)

    upgraded = Store.open(paths)
    upgraded.close()

    assert upgraded.migration is not None
    assert (upgraded.migration.from_revision, upgraded.migration.to_revision) == (head, following)
    backup = upgraded.migration.backup
    assert backup is not None and backup.name.startswith(f"roadmap-pre-migrate-{head}-")
    with sqlite3.connect(backup) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head
        assert "probe" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    with sqlite3.connect(paths.db_file) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == following
    conn.close()


def test_a_0001_database_with_reviews_upgrades_keeping_them(paths: AppPaths) -> None:
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    paths.ensure()
    engine = create_engine(paths.db_url)
    config = Config()
    config.set_main_option("script_location", str(migrate.MIGRATIONS_DIR))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        conn.exec_driver_sql(
            "INSERT INTO decks (id, name, created_at) VALUES (1, 'D', '2026-01-01')"
        )
        conn.exec_driver_sql(
            "INSERT INTO cards (id, key, deck_id, front, back, origin, content_hash, created_at, "
            "updated_at, ease, reps, interval, lapses, due, suspended) VALUES (1, 'k', 1, 'Q', "
            "'A', 'bundled', 'h', '2026-01-01', '2026-01-01', 2.6, 1, 1, 0, '2026-01-02', 0)"
        )
        conn.exec_driver_sql(
            "INSERT INTO review_log (card_id, reviewed_at, study_day, grade, kind, ease_before, "
            "ease_after, interval_before, interval_after, reps_after, answer_ms) VALUES "
            "(1, '2026-01-01 10:00:00', '2026-01-01', 5, 'review', 2.5, 2.6, 0, 1, 1, 1200)"
        )
    engine.dispose()

    upgraded = Store.open(paths)
    try:
        assert upgraded.migration is not None and upgraded.migration.from_revision == "0001"
        assert upgraded.migration.backup is not None
        with upgraded.engine.connect() as conn:
            row = conn.exec_driver_sql(
                "SELECT grade, answer_ms, was_new, reps_before FROM review_log"
            ).one()
            card = conn.exec_driver_sql("SELECT user_deck, drill_day FROM cards").one()
        assert tuple(row) == (5, 1200, 0, 0) and tuple(card) == (0, None)
    finally:
        upgraded.close()

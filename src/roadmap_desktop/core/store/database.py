"""The Store: one engine, short sessions, migrations on open, and SQLite backups."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from roadmap_desktop.core.clock import Clock, SystemClock
from roadmap_desktop.core.paths import AppPaths
from roadmap_desktop.core.store import backup as backups
from roadmap_desktop.core.store.engine import (
    is_sqlite,
    make_engine,
    make_migration_engine,
    make_session_factory,
    readonly_sqlite_engine,
    session_scope,
    sqlite_path,
    translate_error,
)
from roadmap_desktop.core.store.migrate import (
    MigrationResult,
    StoreError,
    check_not_newer,
    upgrade,
)


class Store:
    def __init__(self, engine: Engine, paths: AppPaths, clock: Clock) -> None:
        self.engine = engine
        self.paths = paths
        self.clock = clock
        self._sessions = make_session_factory(engine)
        self.migration: MigrationResult | None = None

    @classmethod
    def open(cls, paths: AppPaths, db_url: str | None = None, clock: Clock | None = None) -> Store:
        """Open (creating if needed) and migrate the store. Raises StoreError with a message
        meant for the user, e.g. for a database written by a newer version."""
        if db_url is None:
            try:
                paths.ensure()
            except OSError as exc:
                raise StoreError(
                    f"cannot create the data folder {paths.data_dir}: {exc.strerror}; "
                    "choose another with --data-dir"
                ) from exc
        url = db_url or paths.db_url
        try:
            return cls._open(paths, url, clock)
        except Exception as exc:
            # A read-only or full disk, or a database locked by another process: say so.
            translated = translate_error(exc, sqlite_path(url))
            if translated is None:
                raise
            raise translated from exc

    @classmethod
    def _open(cls, paths: AppPaths, url: str, clock: Clock | None) -> Store:
        readonly = readonly_sqlite_engine(url)
        if readonly is not None:
            try:
                check_not_newer(readonly)  # before our pragmas may write to the file
            finally:
                readonly.dispose()
        store = cls(make_engine(url), paths, clock or SystemClock())
        try:
            store.migration = store._upgrade()
        except BaseException:
            store.close()
            raise
        return store

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One short unit of work (one user action): commit on success, roll back on error."""
        with session_scope(self._sessions, self.sqlite_file) as session:
            yield session

    @contextmanager
    def write_session(self) -> Iterator[Session]:
        """A session holding the write lock from its first statement, for read-then-write work
        another process may be doing at the same moment (a content sync in the window and one
        from the CLI): the second waits for the first, then reads what it wrote."""
        with self.session() as session:
            if is_sqlite(self.engine):
                session.connection().exec_driver_sql("BEGIN IMMEDIATE")
            yield session

    @property
    def sqlite_file(self) -> Path | None:
        return sqlite_path(self.engine.url.render_as_string(hide_password=False))

    def backup(self, kind: str = "manual") -> Path:
        db_file = self._require_sqlite_file("back up")
        with self._translated(db_file):
            path = backups.backup_sqlite(db_file, self.paths.backups_dir, kind, self.clock)
            backups.rotate(self.paths.backups_dir)
        return path

    def auto_backup(self) -> Path | None:
        """The on-close backup: at most one a day, rotated; nothing for non-SQLite stores."""
        if self.sqlite_file is None or not backups.auto_backup_due(
            self.paths.backups_dir, self.clock
        ):
            return None
        return self.backup("auto")

    def restore(self, backup_file: Path) -> Path | None:
        db_file = self._require_sqlite_file("restore")
        self.engine.dispose()  # no pooled connection may hold the old file open
        with self._translated(db_file):
            safety = backups.restore_sqlite(
                backup_file, db_file, self.paths.backups_dir, self.clock
            )
            self.migration = self._upgrade()
        return safety

    def close(self) -> None:
        self.engine.dispose()

    def _upgrade(self) -> MigrationResult:
        """Migrate to head through a dedicated engine, so that on SQLite the upgrade is one
        transaction, DDL included (see make_migration_engine): a crash leaves the old schema."""
        if not is_sqlite(self.engine):
            return upgrade(self.engine, backup=self._pre_migration_backup)
        engine = make_migration_engine(self.engine.url.render_as_string(hide_password=False))
        try:
            return upgrade(engine, backup=self._pre_migration_backup)
        finally:
            engine.dispose()

    def _pre_migration_backup(self, reason: str) -> Path | None:
        if self.sqlite_file is None or not self.sqlite_file.exists():
            return None
        return backups.backup_sqlite(self.sqlite_file, self.paths.backups_dir, reason, self.clock)

    @staticmethod
    @contextmanager
    def _translated(db_file: Path) -> Iterator[None]:
        """A full disk or read-only folder during file work becomes a StoreError saying so."""
        try:
            yield
        except Exception as exc:
            translated = translate_error(exc, db_file)
            if translated is None:
                raise
            raise translated from exc

    def _require_sqlite_file(self, action: str) -> Path:
        if self.sqlite_file is None:
            raise StoreError(
                f"can only {action} the built-in SQLite store; use your database server's own "
                "backup tools for other databases"
            )
        return self.sqlite_file

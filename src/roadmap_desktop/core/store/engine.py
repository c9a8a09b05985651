"""Engine and session set-up. SQLite gets WAL, foreign keys and a busy timeout; other
backends are used as they come, so services never assume SQLite."""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.orm import Session, sessionmaker

from roadmap_desktop.core.errors import (
    DatabaseBusyError,
    DiskFullError,
    ReadOnlyStoreError,
    StoreError,
)

BUSY_TIMEOUT_MS = 5000


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        # WAL survives an app crash at any instant; NORMAL sync is durable across app kills.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def make_engine(url: str, **kwargs: Any) -> Engine:
    engine = create_engine(url, **kwargs)
    if is_sqlite(engine):
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_migration_pragmas(dbapi_connection: Any, record: Any) -> None:
    _sqlite_pragmas(dbapi_connection, record)
    # Batch migrations copy a table and drop the old one: with foreign keys on, the drop would
    # cascade into every child row. Set here, outside any transaction, where the pragma works.
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=OFF")
    finally:
        cursor.close()
    # pysqlite (Python < 3.12) only opens a transaction before INSERT/UPDATE/DELETE, so each
    # ALTER/CREATE/DROP of a migration would commit on its own: a crash mid-upgrade left a
    # half-upgraded schema under the old revision that could never be opened again. With the
    # driver's own handling off and BEGIN emitted when SQLAlchemy begins, DDL joins the
    # transaction and an upgrade is all or nothing (SQLAlchemy's documented pysqlite recipe).
    dbapi_connection.isolation_level = None


def _sqlite_begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")  # a second process waits, then finds head


def make_migration_engine(url: str) -> Engine:
    """An engine for schema upgrades only. On SQLite the whole upgrade (DDL included) is one
    transaction and foreign keys are off for its connections; other backends are as they come."""
    engine = create_engine(url)
    if is_sqlite(engine):
        event.listen(engine, "connect", _sqlite_migration_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def readonly_sqlite_engine(url: str) -> Engine | None:
    """A read-only engine (no pragmas) on an existing SQLite file, else None. Used to inspect a
    database before anything is allowed to write to it, even a journal-mode change."""
    parsed = make_url(url)
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    if database.startswith("file:") or not Path(database).exists():
        return None
    return create_engine(f"sqlite:///file:{quote(str(Path(database)))}?mode=ro&uri=true")


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL (None for other backends and in-memory databases)."""
    parsed = make_url(url)
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    if database.startswith("file:"):
        return Path(database[5:].split("?", 1)[0])
    return Path(database)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    # expire_on_commit=False: rows handed to the UI stay readable after the short session ends.
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def session_scope(
    factory: sessionmaker[Session], database: Path | None = None
) -> Iterator[Session]:
    """One short unit of work: commit on success, roll back on error, always close. A full
    disk, a read-only folder or a lock held too long by another process becomes a StoreError
    that says so (``database``: the SQLite file, named in the message)."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException as exc:
        session.rollback()
        translated = translate_error(exc, database, os_errors=False)
        if translated is not None:
            raise translated from exc
        raise
    finally:
        session.close()


# SQLite's primary result codes (the extended code's low byte).
_SQLITE_PERM, _SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 3, 5, 6, 8
_SQLITE_IOERR, _SQLITE_FULL, _SQLITE_CANTOPEN = 10, 13, 14


def translate_error(
    exc: BaseException, database: Path | None, *, os_errors: bool = True
) -> StoreError | None:
    """The StoreError a user should see for an operational failure of the store (disk full,
    read-only or inaccessible folder, database busy, disk I/O error), or None when ``exc`` is
    something else (a bug: let it show as one). Works on SQLAlchemy's wrapped errors, on
    sqlite3's own and, with ``os_errors``, on OSError (a backup's file operations)."""
    if isinstance(exc, StoreError):
        return None
    orig: BaseException = getattr(exc, "orig", None) or exc
    where = str(database) if database is not None else "the database"
    folder = database.parent if database is not None else None
    if isinstance(orig, OSError):
        if not os_errors:
            return None
        if orig.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            return _disk_full(where)
        if orig.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            named = Path(orig.filename).parent if isinstance(orig.filename, str) else None
            return _read_only(named or folder, orig)
        return None
    if not isinstance(orig, sqlite3.Error):
        return None
    code = getattr(orig, "sqlite_errorcode", None)
    text = str(orig)
    primary = code & 0xFF if isinstance(code, int) else None
    if primary == _SQLITE_FULL or "database or disk is full" in text:
        return _disk_full(where)
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED) or "database is locked" in text:
        return DatabaseBusyError(
            f"the database is busy: another roadmap-desktop is writing to {where} and did not "
            f"finish within {BUSY_TIMEOUT_MS // 1000} s. Nothing was changed; try again when "
            "it has finished (or close the other window)."
        )
    if primary in (_SQLITE_READONLY, _SQLITE_PERM, _SQLITE_CANTOPEN) or (
        "readonly database" in text or "unable to open database file" in text
    ):
        if folder is not None and not _writable(folder, database):
            return _read_only(folder, orig)
        return StoreError(f"cannot open the database {where}: {text}")
    if primary == _SQLITE_IOERR or "disk I/O error" in text:
        if folder is not None and not _writable(folder, database):
            return _read_only(folder, orig)
        return StoreError(
            f"a disk error ({text}) while using {where}; nothing more was written. Check the "
            "disk, then run `roadmap-desktop doctor`; backups are in the data folder's "
            "backups/ folder."
        )
    return None


def _writable(folder: Path, database: Path | None) -> bool:
    """Can we create files in ``folder`` and write ``database``? (os.access also reports a
    read-only file system, also for root.)"""
    if not os.access(folder, os.W_OK | os.X_OK):
        return False
    return database is None or not database.exists() or os.access(database, os.W_OK)


def _disk_full(where: str) -> DiskFullError:
    return DiskFullError(
        f"the disk is full: could not write to {where}. This change was not saved; "
        "everything saved before is intact. Free some disk space and try again."
    )


def _read_only(folder: Path | None, cause: BaseException) -> ReadOnlyStoreError:
    shown = folder if folder is not None else "the data folder"
    reason = getattr(cause, "strerror", None) or str(cause)
    return ReadOnlyStoreError(
        f"the data folder {shown} is not writable ({reason}): roadmap-desktop keeps its "
        "database there. Make it writable, or choose another folder with --data-dir DIR "
        "or ROADMAP_DESKTOP_HOME."
    )

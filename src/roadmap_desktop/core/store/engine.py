"""Engine and session set-up. SQLite gets WAL, foreign keys and a busy timeout; other
backends are used as they come, so services never assume SQLite."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.orm import Session, sessionmaker


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
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


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    # expire_on_commit=False: rows handed to the UI stay readable after the short session ends.
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def session_scope(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One short unit of work: commit on success, roll back on error, always close."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()

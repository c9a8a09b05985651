"""Error types meant for the user. Kept import-light, so the CLI can catch them without
loading SQLAlchemy first."""


class StoreError(Exception):
    """A database problem the user must act on; the message says what to do."""


class NewerSchemaError(StoreError):
    """The database was written by a newer version of the app; it is left untouched."""


class DiskFullError(StoreError):
    """A write failed because the disk (or the database's size limit) is full; the failed
    transaction was rolled back and what was saved before is intact."""


class ReadOnlyStoreError(StoreError):
    """The data folder or database file cannot be written (read-only or no permission)."""


class DatabaseBusyError(StoreError):
    """Another process held the database's write lock for longer than the busy timeout."""


class AlreadyRunningError(StoreError):
    """Another roadmap-desktop window is already using this data folder."""

    def __init__(self, message: str, pid: int | None) -> None:
        super().__init__(message)
        self.pid = pid

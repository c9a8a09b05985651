"""Error types meant for the user. Kept import-light, so the CLI can catch them without
loading SQLAlchemy first."""


class StoreError(Exception):
    """A database problem the user must act on; the message says what to do."""


class NewerSchemaError(StoreError):
    """The database was written by a newer version of the app; it is left untouched."""

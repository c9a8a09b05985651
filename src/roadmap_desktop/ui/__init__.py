"""PySide6 front end: renders data from core services and dispatches user actions to them."""

"""Persistence: SQLAlchemy 2 typed models, engine set-up, Alembic migrations and backups."""

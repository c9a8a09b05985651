"""Alembic environment: always driven in-process by core.store.migrate with a live connection."""

from alembic import context

from roadmap_desktop.core.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through roadmap_desktop.core.store.migrate")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()

"""Alembic environment: migrations run on the connection the store hands over (never a URL)."""

from __future__ import annotations

from alembic import context

from service.store.models import Base

connection = context.config.attributes["connection"]
schema = context.config.attributes.get("schema")
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    version_table_schema=schema,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying
)
with context.begin_transaction():
    context.run_migrations()

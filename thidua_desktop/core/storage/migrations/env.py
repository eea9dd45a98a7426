"""Alembic environment: runs on the engine handed over in ``config.attributes`` in batch mode, in one transaction."""

from alembic import context
from sqlalchemy import create_engine

from thidua_desktop.core.models import Base

config = context.config
engine = config.attributes.get("engine")
if engine is None:
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite:///:memory:")

with engine.begin() as connection:
    connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
    # Python's sqlite3 opens a transaction only before INSERT/UPDATE/DELETE, so each CREATE/ALTER of a migration
    # was committed on its own: a full disk midway left half a schema without its version. One explicit
    # transaction makes a migration all or nothing (after the pragma, which does nothing inside one).
    if connection.dialect.name == "sqlite" and not connection.connection.dbapi_connection.in_transaction:  # type: ignore[union-attr]
        connection.exec_driver_sql("BEGIN")
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        compare_type=True,
        transaction_per_migration=False,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.exec_driver_sql("PRAGMA foreign_keys=ON")

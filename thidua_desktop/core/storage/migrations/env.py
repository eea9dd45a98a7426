"""Alembic environment: runs on the engine handed over in ``config.attributes`` in batch mode."""

from alembic import context
from sqlalchemy import create_engine

from thidua_desktop.core.models import Base

config = context.config
engine = config.attributes.get("engine")
if engine is None:
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite:///:memory:")

with engine.begin() as connection:
    connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
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

"""SQLite storage: engine, migrations, backups, lock and audit log."""

from thidua_desktop.core.storage.database import Database, open_database

__all__ = ["Database", "open_database"]

"""Errors that carry a Vietnamese message meant for the user."""

from __future__ import annotations


class UserError(Exception):
    """An error whose message is shown to the user as is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(UserError):
    """Input that breaks a rule; ``field`` names the offending field (its code)."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


class NotFoundError(UserError):
    pass


class DependentRecordsError(UserError):
    """A delete refused because other records depend on the row."""


class SchemaTooNewError(UserError):
    pass


class DatabaseLockedError(UserError):
    """Another copy of the program holds the database."""


class StorageError(UserError):
    """A known SQLite failure (busy, read-only, disk full, corrupt) explained to the user."""


class DatabaseDamagedError(StorageError):
    """The database file failed SQLite's checks; ``newest_good`` is the newest backup that passes them."""

    def __init__(self, message: str, database: object = None, newest_good: object = None) -> None:
        super().__init__(message)
        self.database = database
        self.newest_good = newest_good


class ForeignDatabaseError(StorageError):
    """The file is an SQLite database of another program (or not ours at all); it is left untouched."""


class ReadOnlyDataError(StorageError):
    """The data folder cannot be written (write-protected USB stick, locked profile); it may be opened to view."""


class BackupFailedError(StorageError):
    """A backup could not be written (full disk, no permission); the data itself is unharmed."""


class TamperedAttachmentError(UserError):
    """A stored evidence file no longer matches the SHA-256 recorded when it was attached."""


class KeyUnavailableError(UserError):
    """The folder is encrypted and this PC's credential store has no key for it: the recovery key is needed."""

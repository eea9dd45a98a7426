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

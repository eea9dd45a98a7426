"""Thi đua Desktop: emulation and commendation records of a ward Party committee."""

__version__ = "0.1.0"
APP_NAME = "Thi đua Desktop"

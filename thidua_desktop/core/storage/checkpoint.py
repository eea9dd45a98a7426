"""Copying the write-ahead log into the database file off the caller's thread.

SQLite's automatic checkpoint runs inside the commit that takes the log past 1,000 pages: the user who saved
waits for it (about 30 ms after a 20,000-row import). Our connections turn it off (``wal_autocheckpoint=0``) and
this thread does the same work, with its own connection, shortly after each write. A passive checkpoint never
blocks readers or writers; whatever it leaves is done by the next one, or by SQLite when the last connection
closes.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from thidua_desktop.core.storage import cipher

log = logging.getLogger(__name__)


class Checkpointer:
    def __init__(self, database: Path, delay: float = 0.2) -> None:
        self.database = database
        self.delay = delay
        """Seconds to wait after a write, so that a burst of writes is checkpointed once."""
        self._wanted = threading.Event()
        self._stopping = threading.Event()
        self._guard = threading.Lock()
        self._thread: threading.Thread | None = None
        self.runs = 0
        """Checkpoints done (for tests and diagnostics)."""

    def request(self) -> None:
        """Ask for a checkpoint soon (after a write)."""
        with self._guard:
            if self._stopping.is_set():
                return
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="wal-checkpoint", daemon=True)
                self._thread.start()
        self._wanted.set()

    def _run(self) -> None:
        connection = cipher.connect(self.database, timeout=5)
        try:
            while not self._stopping.is_set():
                if not self._wanted.wait(timeout=1.0):
                    continue
                if self._stopping.wait(self.delay):
                    break
                self._wanted.clear()
                try:
                    connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                    self.runs += 1
                except cipher.DB_ERRORS as exc:  # busy or locked: the next write asks again
                    log.warning("Chưa chép được nhật ký ghi vào tệp dữ liệu: %s", exc)
        finally:
            connection.close()

    def stop(self) -> None:
        """Stop the thread (before the database is closed or replaced); a later ``request`` does nothing."""
        with self._guard:
            self._stopping.set()
            thread, self._thread = self._thread, None
        self._wanted.set()
        if thread is not None:
            thread.join(timeout=10)

    def restart(self) -> None:
        """Accept requests again after ``stop`` (the database was replaced and reopened)."""
        with self._guard:
            self._stopping.clear()

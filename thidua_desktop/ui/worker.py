"""One helper for every long job: run a function off the UI thread with a cancellable progress dialog.

The job receives a ``Progress`` object: it calls ``progress.update(done, total, text)`` and checks
``progress.cancelled`` (or calls ``progress.check()``, which raises ``Cancelled``). ORM objects and sessions never
cross threads: jobs take plain arguments, open their own short sessions through the services and return plain data.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget


class Cancelled(Exception):
    """Raised inside a job when the user pressed «Hủy»."""


class Progress:
    def __init__(self, emit: Callable[[int, int, str], None]) -> None:
        self._emit = emit
        self._cancel = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()

    def update(self, done: int, total: int = 0, text: str = "") -> None:
        self._emit(done, total, text)
        self.check()


class _Signals(QObject):
    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object, str)
    cancelled = Signal()


@dataclass
class TaskHandle:
    progress: Progress
    dialog: QProgressDialog | None
    signals: _Signals


class _Runnable(QRunnable):
    def __init__(self, job: Callable[[Progress], Any], progress: Progress, signals: _Signals) -> None:
        super().__init__()
        self.job, self.progress, self.signals = job, progress, signals

    def run(self) -> None:
        try:
            result = self.job(self.progress)
        except Cancelled:
            self.signals.cancelled.emit()
        except BaseException as exc:  # noqa: BLE001 - reported to the GUI thread
            self.signals.failed.emit(exc, traceback.format_exc())
        else:
            if self.progress.cancelled:
                self.signals.cancelled.emit()
            else:
                self.signals.finished.emit(result)


_ACTIVE: set[_Signals] = set()


def run_task(
    parent: QWidget | None,
    title: str,
    job: Callable[[Progress], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException, str], None] | None = None,
    on_cancel: Callable[[], None] | None = None,
    pool: QThreadPool | None = None,
    show_dialog: bool = True,
) -> TaskHandle:
    """Run ``job`` on the thread pool; its callbacks run on the GUI thread."""
    signals = _Signals()
    _ACTIVE.add(signals)
    progress = Progress(signals.progressed.emit)
    dialog: QProgressDialog | None = None
    if show_dialog:
        dialog = QProgressDialog(title, "Hủy", 0, 0, parent)
        dialog.setWindowTitle("Đang xử lý")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(progress.cancel)

    def on_progress(done: int, total: int, text: str) -> None:
        if dialog is not None:
            dialog.setMaximum(max(total, 0))
            dialog.setValue(min(done, total) if total else 0)
            if text:
                dialog.setLabelText(text)

    def finish(callback: Callable[..., None] | None, *args: Any) -> None:
        if dialog is not None:
            dialog.reset()
            dialog.close()
        _ACTIVE.discard(signals)
        if callback is not None:
            callback(*args)

    signals.progressed.connect(on_progress, Qt.ConnectionType.QueuedConnection)
    signals.finished.connect(lambda result: finish(on_done, result), Qt.ConnectionType.QueuedConnection)
    signals.failed.connect(lambda exc, tb: finish(on_error, exc, tb), Qt.ConnectionType.QueuedConnection)
    signals.cancelled.connect(lambda: finish(on_cancel), Qt.ConnectionType.QueuedConnection)
    (pool or QThreadPool.globalInstance()).start(_Runnable(job, progress, signals))
    return TaskHandle(progress, dialog, signals)

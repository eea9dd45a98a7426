"""What the frozen (PyInstaller, windowed) program needs before anything else runs.

- ``ensure_std_streams()``: a windowed program has ``sys.stdout``/``sys.stderr`` = None; give them a sink so that
  argparse, warnings or a stray ``print`` do not raise. The PyInstaller runtime hook calls it first thing.
- ``process_age()``: seconds since the operating system started this process (the smoke test reports the cold
  start time to the first window with it; the frozen bootloader's own time is included).
- ``qt_catalogue_loaded(app)``: whether the Vietnamese Qt catalogue (``resources/translations/qtbase_vi.qm``; Qt
  ships none for Vietnamese) is installed in the application: ``ui.translations`` loads it.

Importing this module does not import Qt (the runtime hook uses it before anything else).
"""

from __future__ import annotations

import ctypes
import os
import sys
from typing import Any

QT_CATALOGUE = "qtbase_vi.qm"


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def ensure_std_streams() -> None:
    """Replace a missing stdout/stderr (windowed program) with the null device."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 - lives with the process


def _windows_process_age() -> float | None:
    class FileTime(ctypes.Structure):
        _fields_ = [("low", ctypes.c_uint32), ("high", ctypes.c_uint32)]

    def value(ft: FileTime) -> int:
        return (ft.high << 32) | ft.low

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    created, exited, kernel, user, now = FileTime(), FileTime(), FileTime(), FileTime(), FileTime()
    handle = kernel32.GetCurrentProcess()
    if not kernel32.GetProcessTimes(
        handle, ctypes.byref(created), ctypes.byref(exited), ctypes.byref(kernel), ctypes.byref(user)
    ):
        return None
    kernel32.GetSystemTimeAsFileTime(ctypes.byref(now))
    return (value(now) - value(created)) / 10_000_000  # 100 ns units


def _linux_process_age() -> float | None:
    with open("/proc/self/stat", encoding="ascii") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    start_ticks = int(fields[19])  # field 22 (starttime), counted after "pid (comm)"
    with open("/proc/uptime", encoding="ascii") as uptime:
        up = float(uptime.read().split()[0])
    return up - start_ticks / os.sysconf("SC_CLK_TCK")


def process_age() -> float | None:
    """Seconds since this process was created (None where the system does not tell)."""
    try:
        if sys.platform == "win32":
            return _windows_process_age()
        if sys.platform.startswith("linux"):
            return _linux_process_age()
    except (OSError, ValueError, IndexError, AttributeError):
        return None
    return None


def qt_catalogue_loaded(app: Any) -> bool:
    """Whether a QTranslator loaded from ``qtbase_vi.qm`` is installed in ``app``."""
    from PySide6.QtCore import QTranslator

    return any(t.filePath().replace("\\", "/").endswith(QT_CATALOGUE) for t in app.findChildren(QTranslator))

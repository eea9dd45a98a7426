"""What the frozen (PyInstaller, windowed) program needs before anything else runs.

- ``ensure_std_streams()``: a windowed program has ``sys.stdout``/``sys.stderr`` = None; give them a sink so that
  argparse, warnings or a stray ``print`` do not raise. The PyInstaller runtime hook calls it first thing.
- ``process_age()``: seconds since the operating system started this process (the smoke test reports the cold
  start time to the first window with it; the frozen bootloader's own time is included).
- ``use_offscreen_platform()``: the smoke test's choice of Qt's offscreen platform, with the Windows system fonts
  folder when on Windows (that platform's font database would otherwise look in ``<Qt>/lib/fonts``, which the
  PySide6 wheel does not ship, and warn).
- ``qt_catalogue_loaded(app)``: whether the Vietnamese Qt catalogue (``resources/translations/qtbase_vi.qm``; Qt
  ships none for Vietnamese) is installed in the application: ``ui.translations`` loads it.

Importing this module does not import Qt (the runtime hook uses it before anything else).
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import MutableMapping
from pathlib import PureWindowsPath
from typing import Any

QT_CATALOGUE = "qtbase_vi.qm"


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def ensure_std_streams() -> None:
    """Replace a missing stdout/stderr (windowed program) with the null device."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 - lives with the process


def offscreen_font_dir(platform: str, environ: MutableMapping[str, str]) -> str | None:
    """The fonts folder Qt's offscreen platform must be given, or None when Qt finds fonts by itself.

    On Windows that platform uses a FreeType font database rooted at ``<Qt>/lib/fonts`` (absent from the PySide6
    wheel: Qt warns, and the smoke test fails on any warning); the real window reads the system fonts through
    DirectWrite and needs nothing. A folder set by whoever started the program is kept.
    """
    if platform != "win32" or environ.get("QT_QPA_FONTDIR"):
        return None
    if environ.get("QT_QPA_PLATFORM", "").split(":")[0] != "offscreen":
        return None
    windows = environ.get("WINDIR") or environ.get("SystemRoot") or "C:\\Windows"
    return str(PureWindowsPath(windows) / "Fonts")


def use_offscreen_platform(environ: MutableMapping[str, str] | None = None) -> None:
    """Run Qt offscreen (unless a platform is already chosen), with the fonts that platform needs."""
    env = os.environ if environ is None else environ
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    font_dir = offscreen_font_dir(sys.platform, env)
    if font_dir is not None:
        env["QT_QPA_FONTDIR"] = font_dir


def _declare_process_times(kernel32: Any) -> Any:
    """Declare the handle types: undeclared, ctypes passes GetCurrentProcess()'s pseudo-handle ((HANDLE)-1) as a
    32-bit int, which 64-bit Windows takes for another handle, and GetProcessTimes fails."""
    from ctypes import wintypes

    filetime = ctypes.POINTER(wintypes.FILETIME)
    kernel32.GetCurrentProcess.argtypes = []
    kernel32.GetCurrentProcess.restype = wintypes.HANDLE
    kernel32.GetProcessTimes.argtypes = [wintypes.HANDLE, filetime, filetime, filetime, filetime]
    kernel32.GetProcessTimes.restype = wintypes.BOOL
    kernel32.GetSystemTimeAsFileTime.argtypes = [filetime]
    kernel32.GetSystemTimeAsFileTime.restype = None
    return kernel32


def _windows_process_age(kernel32: Any = None) -> float | None:
    """Seconds since the creation of this process; a private kernel32 (``ctypes.windll``'s is shared)."""
    from ctypes import wintypes

    def value(ft: wintypes.FILETIME) -> int:
        return (ft.dwHighDateTime << 32) | ft.dwLowDateTime

    api = _declare_process_times(kernel32 if kernel32 is not None else ctypes.WinDLL("kernel32"))  # type: ignore[attr-defined]
    created, exited, kernel, user, now = (wintypes.FILETIME() for _ in range(5))
    handle = api.GetCurrentProcess()
    if not api.GetProcessTimes(
        handle, ctypes.byref(created), ctypes.byref(exited), ctypes.byref(kernel), ctypes.byref(user)
    ):
        return None
    api.GetSystemTimeAsFileTime(ctypes.byref(now))
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

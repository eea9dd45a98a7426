"""PyInstaller runtime hook: runs before the program in the frozen build.

A windowed (no console) program has ``sys.stdout``/``sys.stderr`` set to None; anything that prints (argparse,
warnings, a stray ``print``) would then raise. Point them at the null device; the program logs to
``<data>/logs/thidua.log`` instead.
"""

from thidua_desktop.ui.frozen_support import ensure_std_streams

ensure_std_streams()

"""The demo campaign: the ward's real plan from the seed, loaded as records."""

from thidua_desktop.core.demo.loader import DemoSummary, load_demo

__all__ = ["DemoSummary", "load_demo"]

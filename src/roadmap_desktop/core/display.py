"""Which Qt platform the window would use here, decided without loading Qt."""

from __future__ import annotations

import os
import sys


def gui_platform() -> str | None:
    """The Qt platform name the window would use, "native" off Linux, or None when a Linux
    session has no display at all (Qt would abort with a misleading plugin error)."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return os.environ["QT_QPA_PLATFORM"].split(":")[0]
    if not sys.platform.startswith("linux"):
        return "native"
    if os.environ.get("WAYLAND_DISPLAY"):
        return "wayland"
    if os.environ.get("DISPLAY"):
        return "xcb"
    return None


NO_DISPLAY_MESSAGE = (
    "no display found (DISPLAY and WAYLAND_DISPLAY are unset), so the window cannot open. "
    "Run roadmap-desktop from a desktop session; on a server, the command-line tools work "
    "without one (see roadmap-desktop --help), and QT_QPA_PLATFORM=offscreen renders offscreen."
)

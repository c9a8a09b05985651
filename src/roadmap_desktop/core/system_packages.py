"""Which Debian packages the Qt platform plugins need, found by asking ldd what is missing.

One source of truth for `doctor` (which tells the user the fix) and for scripts/system-deps.sh
(which installs them on a fresh machine):
    python -m roadmap_desktop.core.system_packages missing [runtime|test]
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

# Shared libraries the Qt xcb/offscreen plugins load, and the Debian package that ships each.
SONAME_PACKAGES = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libGLX.so.0": "libglx0",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libpng16.so.16": "libpng16-16",
    "libharfbuzz.so.0": "libharfbuzz0b",
    "libz.so.1": "zlib1g",
}
QT_LIBRARIES = (
    "plugins/platforms/libqxcb.so",
    "plugins/platforms/libqoffscreen.so",
    "lib/libQt6Widgets.so.6",
)
FONT_PACKAGE = "fonts-dejavu-core"
TEST_TOOLS = {"Xvfb": "xvfb"}  # executables the test suite needs, and their packages


def qt_dir() -> Path | None:
    """PySide6's bundled Qt folder, found without importing (and so loading) Qt."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent / "Qt"


def missing_libraries() -> dict[str, str]:
    """Sonames that ldd cannot resolve for Qt's platform plugins -> Debian package."""
    base = qt_dir()
    ldd = shutil.which("ldd")
    if base is None or ldd is None:
        return {}
    missing: dict[str, str] = {}
    for relative in QT_LIBRARIES:
        library = base / relative
        if not library.exists():
            continue
        out = subprocess.run([ldd, str(library)], capture_output=True, text=True, check=False)
        for line in out.stdout.splitlines():
            if "=> not found" in line:
                soname = line.split("=>")[0].strip()
                missing[soname] = SONAME_PACKAGES.get(soname, f"(the package providing {soname})")
    return missing


def fonts_missing() -> bool:
    roots = [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts"]
    return sys.platform.startswith("linux") and not any(
        next(root.rglob("*.[ot]tf"), None) for root in roots if root.is_dir()
    )


def missing_packages(profile: str = "runtime") -> list[str]:
    packages = set(missing_libraries().values())
    if fonts_missing():
        packages.add(FONT_PACKAGE)
    if profile == "test":
        packages.update(pkg for exe, pkg in TEST_TOOLS.items() if shutil.which(exe) is None)
    return sorted(p for p in packages if not p.startswith("("))


def main(argv: list[str]) -> int:
    if (
        len(argv) < 1
        or argv[0] != "missing"
        or (len(argv) > 1 and argv[1] not in ("runtime", "test"))
    ):
        print(
            "usage: python -m roadmap_desktop.core.system_packages missing [runtime|test]",
            file=sys.stderr,
        )
        return 2
    print(" ".join(missing_packages(argv[1] if len(argv) > 1 else "runtime")))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

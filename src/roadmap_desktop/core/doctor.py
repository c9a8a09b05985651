"""Health checks for `roadmap-desktop doctor`: each problem comes with the fix.

Runs without importing Qt (the Qt probe is a subprocess) and never writes to the database.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass
from typing import Any, Literal

from sqlalchemy import create_engine

from roadmap_desktop.core import system_packages
from roadmap_desktop.core.content.loader import load_content
from roadmap_desktop.core.content.locate import content_roots
from roadmap_desktop.core.display import gui_platform
from roadmap_desktop.core.paths import AppPaths
from roadmap_desktop.core.store.engine import readonly_sqlite_engine
from roadmap_desktop.core.store.migrate import (
    HEAD_REVISION,
    NewerSchemaError,
    StoreError,
    check_not_newer,
)

MIN_NODE = 20
MIN_PYTHON = (3, 11)
Status = Literal["ok", "warn", "fail"]


@dataclass(frozen=True)
class Check:
    name: str
    status: Status
    detail: str
    fix: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def run_checks(paths: AppPaths, db_url: str | None = None) -> list[Check]:
    return [
        check_python(),
        check_qt_libraries(),
        check_qt_platform(),
        check_node(),
        check_data_dir(paths),
        check_schema(paths, db_url),
        check_content(paths),
    ]


def healthy(checks: list[Check]) -> bool:
    return all(c.status != "fail" for c in checks)


def check_python() -> Check:
    version = ".".join(map(str, sys.version_info[:3]))
    if sys.version_info[:2] >= MIN_PYTHON:
        return Check("python", "ok", f"Python {version}")
    return Check("python", "fail", f"Python {version} is too old", "install Python 3.11 or newer")


def check_qt_libraries() -> Check:
    if system_packages.qt_dir() is None:
        return Check(
            "qt-libraries",
            "fail",
            "PySide6 is not installed",
            "reinstall roadmap-desktop: pip install roadmap-desktop",
        )
    missing = system_packages.missing_libraries()
    if missing:
        packages = " ".join(sorted(set(missing.values())))
        return Check(
            "qt-libraries",
            "fail",
            f"Qt's platform plugins cannot load: missing {', '.join(sorted(missing))}",
            f"sudo apt-get install {packages}",
        )
    if system_packages.fonts_missing():
        return Check(
            "qt-libraries",
            "warn",
            "no fonts installed: text will not render",
            f"sudo apt-get install {system_packages.FONT_PACKAGE}",
        )
    return Check("qt-libraries", "ok", "the system libraries Qt needs are present")


# One line, run in a child process: doctor itself must never load Qt.
_PROBE = "import sys; import PySide6.QtGui as g; print(g.QGuiApplication(sys.argv).platformName())"


def check_qt_platform() -> Check:
    platform = gui_platform()
    env = dict(os.environ)
    if platform is None:
        env["QT_QPA_PLATFORM"] = "offscreen"
    elif platform != "native":
        env["QT_QPA_PLATFORM"] = platform
    try:
        out = subprocess.run(
            [sys.executable, "-c", _PROBE],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return Check(
            "qt-platform",
            "fail",
            "starting Qt did not finish within 60 s",
            "check the display connection (DISPLAY / WAYLAND_DISPLAY)",
        )
    if out.returncode != 0:
        lines = [ln for ln in out.stderr.splitlines() if ln.strip()]
        first = next((ln for ln in lines if "plugin" in ln.lower()), lines[0] if lines else "")
        return Check(
            "qt-platform",
            "fail",
            f"Qt could not start ({first.strip()})",
            "run `roadmap-desktop doctor` for missing libraries; on Linux without a "
            "desktop, use QT_QPA_PLATFORM=offscreen for screenshots",
        )
    name = out.stdout.strip()
    if platform is None:
        return Check(
            "qt-platform",
            "warn",
            "no display found (DISPLAY and WAYLAND_DISPLAY are "
            f"unset); Qt works offscreen ({name}) for screenshots and tests",
            "run the app from a desktop session to see the window",
        )
    return Check("qt-platform", "ok", f"Qt starts on the '{name}' platform")


def check_node() -> Check:
    node = shutil.which("node")
    fix = (
        f"install Node.js {MIN_NODE} or newer (e.g. from nodejs.org, or your package "
        "manager's nodejs package if it is new enough) and make sure `node` is on PATH"
    )
    if node is None:
        return Check("node", "fail", "Node.js is not on PATH: exercises cannot run", fix)
    try:
        out = subprocess.run(
            [node, "--version"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return Check("node", "fail", f"`node --version` failed: {exc}", fix)
    match = re.match(r"v(\d+)\.", out.stdout.strip())
    if not match:
        return Check("node", "fail", f"could not read the Node.js version ({out.stdout!r})", fix)
    if int(match[1]) < MIN_NODE:
        return Check("node", "fail", f"Node.js {out.stdout.strip()} is too old", fix)
    return Check("node", "ok", f"Node.js {out.stdout.strip()} at {node}")


def check_data_dir(paths: AppPaths) -> Check:
    folder = paths.data_dir
    existing = next((p for p in (folder, *folder.parents) if p.exists()), None)
    try:
        if existing is None or not existing.is_dir():
            raise OSError(f"{existing} is not a folder")
        with tempfile.NamedTemporaryFile(dir=existing, prefix=".doctor-"):
            pass
    except OSError as exc:
        return Check(
            "data-dir",
            "fail",
            f"cannot write to {folder}: {exc}",
            "fix the folder's permissions, or choose another with --data-dir DIR or "
            "ROADMAP_DESKTOP_HOME",
        )
    return Check("data-dir", "ok", f"{folder} is writable")


def check_schema(paths: AppPaths, db_url: str | None) -> Check:
    if db_url is None and not paths.db_file.exists():
        return Check("schema", "ok", f"no database yet; it will be created at {paths.db_file}")
    url = db_url or paths.db_url
    # Read-only where possible: doctor must never change the database it inspects.
    engine = readonly_sqlite_engine(url) or create_engine(url)
    try:
        revision = check_not_newer(engine)
    except NewerSchemaError as exc:
        return Check("schema", "fail", str(exc), "update roadmap-desktop")
    except StoreError as exc:
        return Check("schema", "fail", str(exc), "choose another database with --data-dir")
    except Exception as exc:  # a broken file or an unreachable server
        return Check(
            "schema",
            "fail",
            f"cannot read the database: {exc}",
            "restore a backup with `roadmap-desktop restore FILE`",
        )
    finally:
        engine.dispose()
    if revision == HEAD_REVISION:
        return Check("schema", "ok", f"schema {revision} (current)")
    return Check(
        "schema",
        "ok",
        f"schema {revision or 'empty'}; it will be upgraded to "
        f"{HEAD_REVISION} at the next start, after a backup",
    )


def check_content(paths: AppPaths) -> Check:
    try:
        bundle = load_content(content_roots(paths.user_content_dir))
    except FileNotFoundError as exc:
        return Check("content", "fail", str(exc), "reinstall roadmap-desktop")
    counts = ", ".join(f"{n} {kind}" for kind, n in bundle.counts().items())
    if bundle.errors:
        shown = "; ".join(str(e) for e in bundle.errors[:3])
        more = f" (+{len(bundle.errors) - 3} more)" if len(bundle.errors) > 3 else ""
        return Check(
            "content",
            "fail",
            f"{len(bundle.errors)} content errors: {shown}{more}",
            "run `roadmap-desktop content check` and fix the files it names",
        )
    return Check("content", "ok", f"content valid: {counts}")

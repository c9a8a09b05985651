"""Open the real window on the xcb platform under Xvfb, the way a Linux user starts the app, so
a missing platform library fails here instead of on a user's desktop.

`make test` installs Xvfb (scripts/system-deps.sh); if it is absent and cannot be installed
(not root), the test is skipped with the reason.
"""

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture
def xvfb_display() -> Iterator[str]:
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        pytest.skip("Xvfb is not installed and the test set-up could not install it")
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write_fd), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as announced:
            number = announced.readline().strip()
        if not number:
            server.kill()
            reason = server.stderr.read().decode(errors="replace") if server.stderr else ""
            raise RuntimeError(f"Xvfb did not start: {reason}")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)
        if server.stderr:
            server.stderr.close()


@pytest.mark.xvfb
def test_the_real_window_opens_on_xcb(xvfb_display: str, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY",)}
    env.update(DISPLAY=xvfb_display, QT_QPA_PLATFORM="xcb")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "roadmap_desktop",
            "--data-dir",
            str(tmp_path),
            "--exit-when-ready",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "ready platform=xcb place=today" in result.stdout
    assert "could not load the Qt platform plugin" not in result.stderr.lower()

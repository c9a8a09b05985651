"""core/ must import and work where PySide6 is not installed (the CLI on a server, tests)."""

import subprocess
import sys

PROBE = r"""
import importlib, pkgutil, sys
sys.modules["PySide6"] = None  # any `import PySide6...` now raises ImportError
import roadmap_desktop.core as core
names = [m.name for m in pkgutil.walk_packages(core.__path__, "roadmap_desktop.core.")
         if ".migrations" not in m.name]
for name in names:
    importlib.import_module(name)
assert not any(m.startswith("PySide6") for m in sys.modules if sys.modules[m] is not None)
print(len(names))
"""


def test_every_core_module_imports_without_qt() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) >= 15  # the walk really found the package's modules


def test_the_probe_does_catch_a_qt_import() -> None:
    leaky = PROBE.replace("for name in names:", "import PySide6.QtCore\nfor name in names:")
    result = subprocess.run(
        [sys.executable, "-c", leaky], capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "PySide6" in result.stderr

"""Two processes on one fresh data folder at the same moment (the window starting while the
CLI runs): the schema upgrade and the content sync each happen once, the other process waits
for it, and both succeed. Found by CI: the second sync hit a UNIQUE constraint, and a second
upgrade gave up at once with "database is locked" (a deferred transaction cannot wait)."""

import subprocess
from pathlib import Path

from tests.reliability.helpers import CLI, ROOT


def test_two_processes_starting_together_both_succeed(tmp_path: Path) -> None:
    for attempt in range(4):
        data = tmp_path / f"data-{attempt}"
        commands = (["content", "sync"], ["stats", "--json"])
        started = [
            subprocess.Popen(
                [*CLI, "--data-dir", str(data), *command],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for command in commands
        ]
        for process, command in zip(started, commands, strict=True):
            out, err = process.communicate(timeout=120)
            assert process.returncode == 0, (attempt, command, err)
            assert "Traceback" not in err
        assert '"cards"' in out, "stats printed its figures"

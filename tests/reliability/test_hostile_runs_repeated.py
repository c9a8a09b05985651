"""The runner's hostile solutions, again and again: an infinite loop, children spawned and
detached, an open server. After every run no process carrying that run's environment token is
left, and the children the solution spawned are dead."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from roadmap_desktop.core.exercises import runner
from tests.core.exercises.test_runner import alive, make, run

ROUNDS = 3

SPAWNER = """
import {{ spawn }} from 'node:child_process';
import {{ appendFileSync }} from 'node:fs';
const forever = ['-e', 'setInterval(() => {{}}, 1000)'];
export function add(a, b) {{
  const attached = spawn(process.execPath, forever, {{ stdio: 'ignore' }});
  const detached = spawn(process.execPath, forever, {{ stdio: 'ignore', detached: true }});
  detached.unref();
  appendFileSync({pids!r}, `${{attached.pid}}\\n${{detached.pid}}\\n`);
  return a + b;
}}
"""
SERVER = (
    "import net from 'node:net';\nconst server = net.createServer().listen(0);\n"
    "export const add = (a, b) => a + b;\n"
)
LOOP = "export function add() { for (;;) {} }"


def test_hostile_solutions_never_leave_a_process_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner.find_node()  # Node.js 20+ is required, as by tests/core/exercises
    tokens: list[str] = []
    real_uuid4 = uuid.uuid4

    def recording_uuid4() -> uuid.UUID:
        value = real_uuid4()
        tokens.append(value.hex)
        return value

    monkeypatch.setattr(uuid, "uuid4", recording_uuid4)  # the runner calls uuid.uuid4()
    pids = tmp_path / "pids.txt"
    cases = {
        "loop": (make(tmp_path / "loop", LOOP, timeout=1), "timeout"),
        "spawner": (make(tmp_path / "spawner", SPAWNER.format(pids=str(pids))), "pass"),
        "server": (make(tmp_path / "server", SERVER), "pass"),
    }
    for round_ in range(ROUNDS):
        for name, (spec, expected) in cases.items():
            result = run(spec)
            assert result.status == expected, (round_, name, result.explanation)
            token = tokens[-1]
            assert runner.processes_with_token(token) == [], f"{name}, round {round_}"
    spawned = [int(p) for p in pids.read_text().split()]
    assert len(spawned) == 4 * ROUNDS  # two per call of add(), two tests call it
    assert [pid for pid in spawned if alive(pid)] == []
    assert len(tokens) == ROUNDS * len(cases)
    assert all(runner.processes_with_token(token) == [] for token in tokens)

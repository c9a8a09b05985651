"""The runner against real `node` processes and hostile solutions: every run ends, is judged
correctly, explains itself, and leaves no process behind."""

import os
import textwrap
import threading
import time
from pathlib import Path

import pytest

from roadmap_desktop.core.exercises import runner
from roadmap_desktop.core.exercises.runner import NodeMissingError, RunHandle, run_exercise
from roadmap_desktop.core.exercises.spec import ExerciseSpec, parse_exercise

TESTS = """
import { describe, it, test } from 'node:test';
import assert from 'node:assert/strict';
import { add } from './add.mjs';
describe('add', () => {
  it('adds', async () => { assert.equal(await add(1, 2), 3); });
  it('handles negatives', async () => { assert.equal(await add(-1, -2), -3); });
});
test('top level', () => { assert.ok(true); });
"""
EXPECTED = '["add > adds", "add > handles negatives", "top level"]'


def make(tmp_path: Path, solution: str, tests: str = TESTS, timeout: int = 3) -> ExerciseSpec:
    folder = tmp_path / "add"
    for sub in ("starter", "reference", "tests"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    (folder / "exercise.toml").write_text(
        textwrap.dedent(f"""
        title = "Add"
        summary = "Add two numbers."
        difficulty = "easy"
        topics = ["promises"]
        source = "test"
        minutes = 5
        timeout_seconds = {timeout}
        files = ["add.mjs"]
        tests = ["add.test.mjs"]
        expected_tests = {EXPECTED}
        """),
        encoding="utf-8",
    )
    for sub in ("starter", "reference"):
        (folder / sub / "add.mjs").write_text(solution, encoding="utf-8")
    (folder / "tests" / "add.test.mjs").write_text(tests, encoding="utf-8")
    spec, issues = parse_exercise(folder, "add/exercise.toml")
    assert spec is not None, issues
    return spec


def run(spec: ExerciseSpec, handle: RunHandle | None = None) -> runner.RunResult:
    return run_exercise(spec, {"add.mjs": spec.reference("add.mjs")}, handle=handle)


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "State:\tZ" not in state  # a zombie is dead, waiting to be reaped


def test_a_correct_solution_passes(tmp_path: Path) -> None:
    result = run(make(tmp_path, "export const add = (a, b) => a + b;"))
    assert (result.status, result.passed, result.failed, result.missing) == ("pass", 3, 0, [])
    assert [t.name for t in result.tests] == ["add > adds", "add > handles negatives", "top level"]


def test_a_failing_assertion_gives_expected_actual_and_the_line(tmp_path: Path) -> None:
    result = run(make(tmp_path, "export function add(a, b) {\n  return a - b;\n}\n"))
    assert result.status == "fail" and result.passed == 1
    failure = next(t for t in result.tests if t.name == "add > adds")
    assert (failure.expected, failure.actual, failure.operator) == ("3", "-1", "strictEqual")
    assert result.missing == ["add > adds", "add > handles negatives"]


def test_a_thrown_error_points_into_the_learners_file(tmp_path: Path) -> None:
    code = (
        "export function add(a, b) {\n  if (a > 0) throw new TypeError('nope');\n"
        "  return a + b;\n}\n"
    )
    result = run(make(tmp_path, code))
    failure = next(t for t in result.tests if t.status == "fail")
    assert failure.error_name == "TypeError" and failure.message == "nope"
    assert failure.frames and (failure.frames[0].file, failure.frames[0].line) == ("add.mjs", 2)


def test_a_syntax_error_is_explained_with_its_line(tmp_path: Path) -> None:
    result = run(make(tmp_path, "export function add(a, b) {\n  return a + ;\n}\n"))
    assert result.status == "error" and result.tests == []
    assert "SyntaxError" in result.explanation and "add.mjs, line 2" in result.explanation


def test_a_synchronous_infinite_loop_times_out(tmp_path: Path) -> None:
    started = time.monotonic()
    result = run(make(tmp_path, "export function add() { for (;;) {} }", timeout=2))
    assert result.status == "timeout" and "did not finish within 2 s" in result.explanation
    assert time.monotonic() - started < 8


def test_a_promise_that_never_settles_is_a_failure_with_a_reason(tmp_path: Path) -> None:
    result = run(make(tmp_path, "export const add = () => new Promise(() => {});"))
    assert result.status == "fail" and "never settled" in result.explanation


def test_process_exit_zero_is_never_a_pass(tmp_path: Path) -> None:
    result = run(make(tmp_path, "export function add() { process.exit(0); }"))
    assert result.status == "error" and result.passed == 0
    assert result.missing == ["add > adds", "add > handles negatives", "top level"]


def test_huge_output_is_capped_and_the_run_still_passes(tmp_path: Path) -> None:
    code = (
        "export function add(a, b) {\n"
        "  for (let i = 0; i < 300000; i++) console.log('x'.repeat(50));\n"
        "  return a + b;\n}\n"
    )
    result = run(make(tmp_path, code))
    assert result.status == "pass"
    assert len(result.output) <= runner.OUTPUT_LIMIT + 100
    assert "truncated" in result.output


def test_a_heap_bomb_is_stopped_and_explained(tmp_path: Path) -> None:
    code = "export function add() { const k = []; for (;;) k.push(new Array(1e6).fill(7)); }"
    result = run(make(tmp_path, code, timeout=20))
    assert result.status == "error" and "ran out of memory" in result.explanation


def test_spawned_and_detached_children_do_not_survive(tmp_path: Path) -> None:
    pids = tmp_path / "pids.txt"
    code = f"""
import {{ spawn }} from 'node:child_process';
import {{ appendFileSync }} from 'node:fs';
export function add(a, b) {{
  const forever = ['-e', 'setInterval(() => {{}}, 1000)'];
  const attached = spawn(process.execPath, forever, {{ stdio: 'ignore' }});
  const detached = spawn(process.execPath, forever, {{ stdio: 'ignore', detached: true }});
  detached.unref();
  appendFileSync({str(pids)!r}, `${{attached.pid}}\\n${{detached.pid}}\\n`);
  return a + b;
}}
"""
    result = run(make(tmp_path, code))
    assert result.status == "pass"
    spawned = [int(p) for p in pids.read_text().split()]
    assert len(spawned) == 4  # two per call; two tests call add()
    assert [pid for pid in spawned if alive(pid)] == []


def test_an_open_server_handle_does_not_hang_the_run(tmp_path: Path) -> None:
    code = (
        "import net from 'node:net';\nconst server = net.createServer().listen(0);\n"
        "export const add = (a, b) => a + b;\n"
    )
    result = run(make(tmp_path, code))
    assert result.status == "pass" and result.wall_ms < 3000


def test_a_file_with_no_tests_is_an_error(tmp_path: Path) -> None:
    result = run(
        make(tmp_path, "export const add = (a, b) => a + b;", tests="import './add.mjs';\n")
    )
    assert result.status == "error" and "No tests ran" in result.explanation


def test_skipped_and_todo_tests_do_not_count(tmp_path: Path) -> None:
    tests = TESTS.replace("it('adds',", "it.skip('adds',").replace(
        "test('top level',", "test.todo('top level',"
    )
    result = run(make(tmp_path, "export const add = (a, b) => a + b;", tests=tests))
    assert result.status == "fail" and "skipped or marked todo" in result.explanation


def test_a_run_can_be_cancelled_and_leaves_nothing(tmp_path: Path) -> None:
    spec = make(tmp_path, "export function add() { for (;;) {} }", timeout=30)
    handle = RunHandle()
    threading.Timer(0.5, handle.cancel).start()
    started = time.monotonic()
    result = run(spec, handle)
    assert result.status == "cancelled" and time.monotonic() - started < 5


def test_the_tests_used_are_the_pristine_ones(tmp_path: Path) -> None:
    # A solution that rewrites the test file on disk only affects its own temporary copy.
    spec = make(
        tmp_path,
        "import { writeFileSync } from 'node:fs';\n"
        "writeFileSync(new URL('./add.test.mjs', import.meta.url), '');\n"
        "export const add = (a, b) => a - b;\n",
    )
    assert run(spec).status == "fail"
    assert "assert.equal" in spec.test_file("add.test.mjs").read_text()


def test_a_missing_node_says_how_to_install_it(monkeypatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(NodeMissingError, match=r"Node\.js 20 or newer"):
        runner.find_node()


def test_the_environment_is_minimal(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SECRET_TOKEN", "hunter2")
    code = (
        "export function add(a, b) { if (process.env.SECRET_TOKEN) throw new Error('leak'); "
        "return a + b; }"
    )
    assert run(make(tmp_path, code)).status == "pass"
    assert os.environ["SECRET_TOKEN"] == "hunter2"


def test_re_running_only_the_failed_tests(tmp_path: Path) -> None:
    spec = make(tmp_path, "export const add = (a, b) => a + b;")
    result = run_exercise(
        spec, {"add.mjs": spec.reference("add.mjs")}, only=["add > handles negatives"]
    )
    assert result.status == "pass"
    assert [t.name for t in result.tests] == ["add > handles negatives"]

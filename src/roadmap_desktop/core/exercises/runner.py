"""Run an exercise's tests against the learner's files with `node --test`, safely.

Design (research/node-test-runner.md):
- a fresh temporary folder holds the learner's files and *pristine* copies of the tests;
- our reporter turns runner events into JSON lines; learner output cannot forge them;
- a pass needs every expected test to report a pass (not skip/todo): exit codes and summary
  counts are forgeable (`process.exit(0)` makes `node --test` exit 0);
- limits: a wall-clock timeout, RLIMIT_DATA through `prlimit` (RLIMIT_AS breaks Node; no
  preexec_fn in a threaded Qt process), capped output, a minimal environment;
- the run gets its own session (process group), killed on timeout, cancel and after every run;
  children that escaped with `detached: true` are found by a per-run environment token and
  killed too; the temporary folder is removed.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from roadmap_desktop.core.exercises.spec import ExerciseSpec

Status = Literal["pass", "fail", "error", "timeout", "cancelled"]
TestStatus = Literal["pass", "fail", "skip", "todo"]

MIN_NODE = 20
# RLIMIT_DATA for the whole run (through `prlimit`): a heap bomb dies with V8's "heap out of
# memory". V8's --max-old-space-size is only the fallback where prlimit is missing: the flag
# alone costs ~50 ms per run (Node then cannot use its start-up snapshot as is).
MEMORY_LIMIT_MB = 1024
OUTPUT_LIMIT = 64 * 1024  # what a result keeps of everything printed
CONSOLE_LIMIT = 16 * 1024  # what the learner's console calls may print, per test file
_MARK = "\x1eRD "
_HERE = Path(__file__).resolve().parent
REPORTER = _HERE / "reporter.mjs"
PRELOAD = _HERE / "preload.cjs"
TOKEN_VAR = "RD_RUN_TOKEN"


class NodeMissingError(RuntimeError):
    """Node.js is missing or too old; the message says how to install it."""


@dataclass(frozen=True)
class Frame:
    file: str
    line: int
    column: int


@dataclass
class TestResult:
    name: str  # "suite > test"
    status: TestStatus
    duration_ms: float | None = None
    message: str | None = None
    error_name: str | None = None
    operator: str | None = None
    expected: str | None = None
    actual: str | None = None
    frames: list[Frame] = field(default_factory=list)
    timed_out: bool = False


@dataclass
class RunResult:
    slug: str
    status: Status
    tests: list[TestResult]
    missing: list[str]  # expected tests that never reported a pass
    output: str  # what the learner's code printed (capped)
    explanation: str  # one plain sentence for error/timeout, empty otherwise
    wall_ms: float
    exit_code: int | None

    @property
    def passed(self) -> int:
        return sum(t.status == "pass" for t in self.tests)

    @property
    def failed(self) -> int:
        return sum(t.status == "fail" for t in self.tests)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["passed"], data["failed"] = self.passed, self.failed
        return data


def find_node() -> tuple[str, int]:
    """The node executable and its major version; NodeMissingError when unusable."""
    advice = (
        f"Exercises need Node.js {MIN_NODE} or newer on PATH. Install it from nodejs.org "
        "or your package manager (check with `node --version`), then try again."
    )
    node = shutil.which("node")
    if node is None:
        raise NodeMissingError(f"Node.js was not found. {advice}")
    try:
        out = subprocess.run(
            [node, "--version"],
            capture_output=True,
            text=True,
            timeout=15,
            env=_base_env(node),
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise NodeMissingError(f"`node --version` failed ({exc}). {advice}") from exc
    match = re.match(r"v(\d+)\.", out.stdout.strip())
    if match is None or int(match[1]) < MIN_NODE:
        raise NodeMissingError(f"Node.js {out.stdout.strip() or '?'} is too old. {advice}")
    return node, int(match[1])


def _base_env(node: str) -> dict[str, str]:
    # Minimal on purpose: no NODE_OPTIONS, no proxy or CA variables (NODE_EXTRA_CA_CERTS alone
    # triples Node's start-up), nothing of the user's secrets.
    path = os.pathsep.join(dict.fromkeys([str(Path(node).parent), "/usr/bin", "/bin"]))
    return {"PATH": path, "LANG": "C.UTF-8"}


class RunHandle:
    """Lets another thread cancel a run in progress."""

    def __init__(self) -> None:
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()


def run_exercise(
    spec: ExerciseSpec,
    files: Mapping[str, Path],
    *,
    handle: RunHandle | None = None,
    node: str | None = None,
    only: list[str] | None = None,
) -> RunResult:
    """Run ``spec``'s tests against ``files`` (learner file name -> path on disk).
    ``only``: full test names to re-run (e.g. the failed ones); the verdict then covers them."""
    node = node or find_node()[0]
    handle = handle or RunHandle()
    missing_files = [name for name in spec.files if name not in files]
    if missing_files:
        raise ValueError(f"no file given for {', '.join(missing_files)}")
    with tempfile.TemporaryDirectory(prefix=f"rd-{spec.slug}-") as folder:
        workdir = Path(folder)
        for name in spec.files:
            shutil.copyfile(files[name], workdir / name)
        for name in spec.tests:
            shutil.copyfile(spec.test_file(name), workdir / name)  # pristine, every run
        if only:
            spec = replace(spec, expected_tests=tuple(n for n in spec.expected_tests if n in only))
        return _run(spec, workdir, node, handle, only or [])


def _command(spec: ExerciseSpec, node: str, only: list[str]) -> list[str]:
    timeout_ms = spec.timeout_seconds * 1000
    command = [
        node,
        "--require",
        str(PRELOAD),
        "--test",
        f"--test-reporter={REPORTER.as_uri()}",
        "--test-reporter-destination=stdout",
        f"--test-timeout={timeout_ms}",
        "--test-force-exit",
        *(f"--test-name-pattern=^{re.escape(name.split(' > ')[-1])}$" for name in only),
        *spec.tests,
    ]
    prlimit = shutil.which("prlimit")
    if prlimit is not None:
        return [prlimit, f"--data={MEMORY_LIMIT_MB * 1024 * 1024}", "--", *command]
    return [node, f"--max-old-space-size={MEMORY_LIMIT_MB}", *command[1:]]


def _run(
    spec: ExerciseSpec, workdir: Path, node: str, handle: RunHandle, only: list[str]
) -> RunResult:
    token = uuid.uuid4().hex
    env = _base_env(node) | {
        "HOME": str(workdir),
        TOKEN_VAR: token,
        "RD_OUTPUT_LIMIT": str(CONSOLE_LIMIT),
        "RD_TRUNCATED_FLAG": str(workdir / ".rd-output-truncated"),
    }
    started = time.monotonic()
    process = subprocess.Popen(
        _command(spec, node, only),
        cwd=workdir,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    stdout, stderr = _Drain(process.stdout, 8 * 1024 * 1024), _Drain(process.stderr, OUTPUT_LIMIT)
    deadline = started + spec.timeout_seconds + 1.5  # node's own --test-timeout fires first
    timed_out = cancelled = False
    exited = threading.Event()  # set the moment the process ends: no polling latency

    def wait_for_exit() -> None:
        process.wait()
        exited.set()

    threading.Thread(target=wait_for_exit, daemon=True).start()
    try:
        while not exited.wait(0.05):
            if handle.cancelled:
                cancelled = True
                break
            if time.monotonic() > deadline:
                timed_out = True
                break
    finally:
        _kill_everything(process, token)
        exit_code = process.poll()
        # An escaped grandchild could hold the pipes open: do not wait for EOF for ever.
        stdout.join(2.0)
        stderr.join(2.0)
    wall_ms = (time.monotonic() - started) * 1000
    result = _interpret(
        spec, stdout.text(), stderr.text(), exit_code, wall_ms, timed_out, cancelled, only
    )
    if (workdir / ".rd-output-truncated").exists() and "truncated" not in result.output[-200:]:
        result.output += f"\n[output truncated after {CONSOLE_LIMIT} bytes]"
    return result


class _Drain(threading.Thread):
    """Reads a pipe continuously (a full pipe would block the child), keeping up to ``cap``."""

    def __init__(self, pipe: Any, cap: int) -> None:
        super().__init__(daemon=True)
        self.pipe, self.cap = pipe, cap
        self.chunks: list[bytes] = []
        self.size = 0
        self.start()

    def run(self) -> None:
        try:
            for chunk in iter(lambda: self.pipe.read1(65536), b""):
                if self.size < self.cap:
                    self.chunks.append(chunk[: self.cap - self.size])
                self.size += len(chunk)
        except (OSError, ValueError):
            pass
        finally:
            self.pipe.close()

    def text(self) -> str:
        return b"".join(self.chunks).decode("utf-8", errors="replace")


def _kill_everything(process: subprocess.Popen[bytes], token: str) -> None:
    """Kill the run's process group, then anything else carrying the run's token."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=5)
    for _ in range(5):
        strays = processes_with_token(token)
        if not strays:
            return
        for pid in strays:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        time.sleep(0.05)


def processes_with_token(token: str) -> list[int]:
    """Pids whose environment holds this run's token (Linux /proc; empty elsewhere)."""
    needle = f"{TOKEN_VAR}={token}".encode()
    found: list[int] = []
    proc = Path("/proc")
    if not proc.is_dir():
        return found
    for entry in proc.iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:
            continue
        if needle in environ.split(b"\0"):
            found.append(int(entry.name))
    return found


_FRAME = re.compile(r"(?:file://)?(?P<path>[^\s()]+?):(?P<line>\d+):(?P<col>\d+)")


def _frames(stack: str | None, learner_files: tuple[str, ...]) -> list[Frame]:
    frames: list[Frame] = []
    for match in _FRAME.finditer(stack or ""):
        name = Path(match["path"]).name
        if name in learner_files:
            frame = Frame(name, int(match["line"]), int(match["col"]))
            if frame not in frames:
                frames.append(frame)
    return frames


def _interpret(
    spec: ExerciseSpec,
    stdout: str,
    stderr: str,
    exit_code: int | None,
    wall_ms: float,
    timed_out: bool,
    cancelled: bool,
    only: list[str] | None = None,
) -> RunResult:
    tests: list[TestResult] = []
    printed: list[str] = []
    stacks: dict[str, list[str]] = {}  # per test file: names of the open suites by nesting
    for raw in stdout.split("\n"):  # not splitlines(): it breaks lines at \x1e too
        if not raw.startswith(_MARK):
            if raw.strip():
                printed.append(raw)
            continue
        try:
            event = json.loads(raw[len(_MARK) :])
        except json.JSONDecodeError:
            continue
        kind = event.get("type")
        stack = stacks.setdefault(str(event.get("file")), [])
        if kind == "test:start":
            nesting = int(event.get("nesting") or 0)
            del stack[nesting:]
            stack.append(str(event.get("name")))
        elif kind in ("test:pass", "test:fail"):
            nesting = int(event.get("nesting") or 0)
            del stack[nesting + 1 :]
            if len(stack) <= nesting:
                stack.append(str(event.get("name")))
            stack[nesting] = str(event.get("name"))
            if event.get("kind") == "suite":
                continue
            full = " > ".join(stack[: nesting + 1])
            tests.append(_test_result(full, event, spec.files))
        elif kind in ("test:stdout", "test:stderr"):
            printed.append(str(event.get("message", "")).rstrip("\n"))
    if only:  # a re-run: the tests filtered out by name are reported as skipped; drop them
        tests = [t for t in tests if not (t.status == "skip" and t.name not in only)]
    output = "\n".join(printed)
    if len(output) > OUTPUT_LIMIT:
        output = output[:OUTPUT_LIMIT] + "\n[output truncated]"
    passed_names = {t.name for t in tests if t.status == "pass"}
    missing = [name for name in spec.expected_tests if name not in passed_names]
    status, explanation = _verdict(
        spec, tests, missing, stderr, output, exit_code, timed_out, cancelled
    )
    return RunResult(spec.slug, status, tests, missing, output, explanation, wall_ms, exit_code)


def _test_result(name: str, event: dict[str, Any], files: tuple[str, ...]) -> TestResult:
    if event["type"] == "test:pass":
        status: TestStatus = (
            "skip" if event.get("skip") else "todo" if event.get("todo") else "pass"
        )
        return TestResult(name, status, event.get("duration_ms"))
    error = event.get("error") or {}
    return TestResult(
        name,
        "fail",
        event.get("duration_ms"),
        message=(error.get("message") or "").strip() or None,
        error_name=error.get("name"),
        operator=error.get("operator"),
        expected=error.get("expected"),
        actual=error.get("actual"),
        frames=_frames(error.get("stack"), files),
        timed_out=error.get("failureType") == "testTimeoutFailure",
    )


def _first_useful_line(text: str) -> str:
    for line in text.splitlines():
        clean = line.strip()
        if re.search(r"\b\w*Error\b|ERR_|Cannot find|is not defined|Unexpected", clean):
            return clean
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def _is_file_level(name: str, spec: ExerciseSpec) -> bool:
    """Node reports a whole test file as one synthetic test when it crashes or exits."""
    return Path(name).name in spec.tests or name.startswith("/")


def _verdict(
    spec: ExerciseSpec,
    tests: list[TestResult],
    missing: list[str],
    stderr: str,
    output: str,
    exit_code: int | None,
    timed_out: bool,
    cancelled: bool,
) -> tuple[Status, str]:
    file_level = [t for t in tests if _is_file_level(t.name, spec)]
    for entry in file_level:
        tests.remove(entry)
    failures = [t for t in file_level if t.status == "fail"]
    everything = "\n".join([stderr, output, *(t.message or "" for t in tests + failures)])
    if cancelled:
        return "cancelled", "The run was cancelled."
    if timed_out or any(t.timed_out for t in tests + failures):
        slow = next((t.name for t in tests if t.timed_out), None)
        where = f" ('{slow}' was still running)" if slow else ""
        return "timeout", (
            f"The tests did not finish within {spec.timeout_seconds} s{where}: "
            "look for an endless loop, or a callback that never comes."
        )
    if re.search(r"heap out of memory|Allocation failed|Reached heap limit", everything):
        return "error", (
            f"Your code ran out of memory (the limit is {MEMORY_LIMIT_MB} MB): look for a "
            "loop that keeps growing an array, string or map."
        )
    if failures and not tests:
        detail = _first_useful_line(everything)
        located = re.search(
            r"(?:^|/)(" + "|".join(map(re.escape, spec.files)) + r"):(\d+)",
            everything,
            re.MULTILINE,
        )
        if detail and located:
            detail += f" ({located[1]}, line {located[2]})"
        return "error", (
            "Your code could not be loaded: " + detail
            if detail
            else "The test file crashed before any test ran."
        )
    if failures:
        return "error", "The test process crashed: " + (_first_useful_line(everything) or "?")
    if not tests:
        return "error", "No tests ran: did your code call process.exit() or crash at load time?"
    if any(t.status == "fail" for t in tests):
        if "Promise resolution is still pending" in everything:
            return "fail", (
                "A promise never settled: the tests waited for it until nothing "
                "else was left to run. Make sure every path resolves or rejects."
            )
        return "fail", ""
    skipped = [t.name for t in tests if t.status in ("skip", "todo")]
    if skipped:
        return "fail", f"{len(skipped)} tests were skipped or marked todo; they do not count."
    if missing:
        return "error", (
            f"{len(missing)} expected tests never reported a result: the run "
            "ended early (process.exit() in your code?)."
        )
    return "pass", ""

"""The content parsers under arbitrary input: never an exception, always a located problem
(the file as given, and a line inside the file or the field at fault). Each crash that
fuzzing found is kept below as an explicit example."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from roadmap_desktop.core.content.decks import parse_deck
from roadmap_desktop.core.content.model import ContentIssue
from roadmap_desktop.core.content.toml_files import (
    parse_library,
    parse_prompts,
    parse_topics,
    parse_track,
)
from roadmap_desktop.core.exercises.spec import parse_exercise

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# TOML-shaped noise: real keys and headers of our formats, values of every TOML type.
_KEYS = st.sampled_from(
    [
        "key",
        "title",
        "url",
        "kind",
        "tier",
        "minutes",
        "brief",
        "tags",
        "deck",
        "seed",
        "description",
        "day",
        "week",
        "summary",
        "difficulty",
        "topics",
        "source",
        "files",
        "tests",
        "expected_tests",
        "hints",
        "timeout_seconds",
        "resources",
        "prompts",
        "topics",
        "phases",
        "track",
        "x",
    ]
)
_VALUES = st.sampled_from(
    [
        '"a-key"',
        '""',
        '"http://[x"',
        '"https://example.com/a"',
        "7",
        "-1",
        "0",
        "true",
        "1.5",
        "[]",
        '["a"]',
        "[1, 2]",
        '["Bad Tag"]',
        "{}",
        "{a = 1}",
        "1979-05-27",
        '"doc"',
        '"easy"',
        "[" * 600 + "]" * 600,
        '"\\u0000"',
    ]
)
_LINES = st.one_of(
    st.tuples(_KEYS, _VALUES).map(lambda kv: f"{kv[0]} = {kv[1]}"),
    _KEYS.map(lambda k: f"[[{k}]]"),
    _KEYS.map(lambda k: f"[{k}]"),
    st.sampled_from(["[[phases.tasks]]", "[track]", "+++", "## a-card", "---", "```", ""]),
    st.text(max_size=30),
)
TOML_LIKE = st.lists(_LINES, max_size=25).map(lambda lines: "\n".join(lines).encode())
ANY_BYTES = st.binary(max_size=400) | st.text(max_size=400).map(str.encode) | TOML_LIKE


def assert_located(issues: list[ContentIssue], file: str, data: bytes) -> None:
    lines = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1
    for issue in issues:
        assert issue.file == file, issue
        assert issue.message.strip(), issue
        if issue.line is None:
            # a whole-file problem or a field that could not be found as `name =` (e.g. a
            # quoted or dotted key): then the message names the field
            assert any(mark in issue.message for mark in "'[:"), issue
        else:
            assert 1 <= issue.line <= lines, issue


TOML_PARSERS: list[Callable[..., object]] = [
    parse_track,
    parse_library,
    parse_prompts,
    parse_topics,
]


@pytest.mark.parametrize("parser", TOML_PARSERS, ids=lambda p: p.__name__)
@FUZZ
@given(data=ANY_BYTES)
@example(data=b"resources = 1")  # crashed: 'int' object is not iterable
@example(data=b"prompts = 1\ntopics = 2")  # same, for prompts and topics
@example(data=b'[[resources]]\nkey = "a"\ntitle = "t"\nkind = "doc"\nurl = "http://[x.y"')
@example(data=b"a = " + b"[" * 5000)  # crashed: RecursionError inside tomllib
@example(data=b"a = " + b"{b = " * 5000)
def test_toml_files_never_crash_and_locate_every_problem(
    parser: Callable[[bytes, str], object], data: bytes
) -> None:
    result = parser(data, "resources/fuzz.toml")
    assert_located(result.issues, "resources/fuzz.toml", data)  # type: ignore[attr-defined]


@FUZZ
@given(data=ANY_BYTES)
@example(data=b"a = " + b"[" * 5000)  # crashed: RecursionError inside tomllib
@example(data=b'deck = "A"\ntags = ' + b"[" * 3000)
def test_deck_files_never_crash_and_locate_every_problem(data: bytes) -> None:
    for candidate in (data, b"+++\n" + data + b"\n+++\n## a-card\nq\n---\na\n"):
        result = parse_deck(candidate, "decks/fuzz.md")
        assert_located(result.issues, "decks/fuzz.md", candidate)
        for card in result.cards:
            assert card.front.strip() and card.back.strip() and card.file == "decks/fuzz.md"


@FUZZ
@given(data=ANY_BYTES)
@example(data=b"a = " + b"[" * 5000)  # crashed: RecursionError inside tomllib
@example(data=b'title = "x"\nfiles = ["../../../etc/passwd", "\\u0000"]')
@example(data=b"\xff\xfe title")
@example(data=b'0=""\n0=')  # the error was "at end of document", with no line
def test_exercise_metadata_never_crashes_and_locates_every_problem(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "fuzz-exercise"
        folder.mkdir()
        (folder / "exercise.toml").write_bytes(data)
        spec, issues = parse_exercise(folder, "exercises/fuzz-exercise/exercise.toml")
    assert (spec is None) == bool(issues)
    assert_located(issues, "exercises/fuzz-exercise/exercise.toml", data)


def test_an_exercise_toml_that_is_a_folder_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "odd" / "exercise.toml").mkdir(parents=True)
    spec, issues = parse_exercise(tmp_path / "odd", "exercises/odd/exercise.toml")
    assert spec is None and "cannot read" in issues[0].message


def test_exercise_files_must_stay_inside_the_exercise_folder(tmp_path: Path) -> None:
    """A user's exercise.toml naming ../ or absolute paths is refused with the field named:
    those files are copied into the workspace and the run folder."""
    folder = tmp_path / "escape"
    for part in ("starter", "reference", "tests"):
        (folder / part).mkdir(parents=True)
    (folder / "exercise.toml").write_text(
        'title = "T"\nsummary = "S"\ndifficulty = "easy"\ntopics = ["fs"]\nsource = "s"\n'
        'minutes = 10\nfiles = ["../../etc/passwd"]\ntests = ["/etc/hosts"]\n'
        'expected_tests = ["a"]\n',
        encoding="utf-8",
    )
    spec, issues = parse_exercise(folder, "exercises/escape/exercise.toml")
    assert spec is None
    messages = {(i.line, i.message) for i in issues}
    assert any("'../../etc/passwd' must be a relative path" in m for _, m in messages)
    assert any("'/etc/hosts' must be a relative path" in m for _, m in messages)
    assert all(i.line == 7 for i in issues if "passwd" in i.message), "located on its line"

"""Read `exercises/<slug>/exercise.toml` into an ExerciseSpec, with located errors."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from roadmap_desktop.core.content.model import ContentIssue, is_key
from roadmap_desktop.core.content.toml_files import load_toml, toml_error

DIFFICULTIES = ("easy", "medium", "hard")
DEFAULT_TIMEOUT_S = 10
MAX_TIMEOUT_S = 60
_FIELDS = {
    "title",
    "summary",
    "difficulty",
    "topics",
    "source",
    "minutes",
    "timeout_seconds",
    "files",
    "tests",
    "expected_tests",
    "hints",
}


@dataclass(frozen=True)
class ExerciseSpec:
    slug: str
    folder: Path
    title: str
    summary: str
    difficulty: str
    topics: tuple[str, ...]
    source: str
    minutes: int
    timeout_seconds: int
    files: tuple[str, ...]
    tests: tuple[str, ...]
    expected_tests: tuple[str, ...]
    hints: tuple[str, ...]

    @property
    def statement(self) -> str:
        readme = self.folder / "README.md"
        return readme.read_text(encoding="utf-8") if readme.exists() else self.summary

    def starter(self, name: str) -> Path:
        return self.folder / "starter" / name

    def reference(self, name: str) -> Path:
        return self.folder / "reference" / name

    def test_file(self, name: str) -> Path:
        return self.folder / "tests" / name


def _line(text: str, field: str) -> int | None:
    for number, line in enumerate(text.split("\n"), start=1):  # as tomllib counts lines
        if line.strip().startswith(f"{field} ") or line.strip().startswith(f"{field}="):
            return number
    return None


def parse_exercise(folder: Path, shown: str) -> tuple[ExerciseSpec | None, list[ContentIssue]]:
    """Parse and validate one exercise folder; ``shown`` is the toml's display path."""
    issues: list[ContentIssue] = []
    path = folder / "exercise.toml"
    try:
        text = path.read_text(encoding="utf-8")
        data = load_toml(text)
    except UnicodeDecodeError as exc:
        bad_line = exc.object[: exc.start].count(b"\n") + 1
        return None, [ContentIssue(shown, bad_line, "invalid UTF-8; exercise skipped")]
    except OSError as exc:  # e.g. a folder named exercise.toml
        return None, [ContentIssue(shown, None, f"cannot read the file: {exc.strerror}")]
    except tomllib.TOMLDecodeError as exc:
        line, reason = toml_error(exc)
        line = line or text.count("\n") + 1  # "at end of document": the last line
        return None, [ContentIssue(shown, line, f"not valid TOML ({reason}); exercise skipped")]

    def error(field: str, message: str) -> None:
        issues.append(ContentIssue(shown, _line(text, field), f"{field}: {message}"))

    for unknown in sorted(set(data) - _FIELDS):
        error(unknown, f"unknown field (allowed: {', '.join(sorted(_FIELDS))})")
    slug = folder.name
    if not is_key(slug):
        issues.append(ContentIssue(shown, None, f"folder name '{slug}' is not a slug"))

    def text_field(name: str) -> str:
        value = data.get(name)
        if not isinstance(value, str) or not value.strip():
            error(name, "missing, or not a non-empty string")
            return ""
        return value.strip()

    def strings(name: str, *, required: bool = True) -> tuple[str, ...]:
        value = data.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            error(name, "must be a list of non-empty strings")
            return ()
        if required and not value:
            error(name, "must not be empty")
        return tuple(value)

    title, summary, source = text_field("title"), text_field("summary"), text_field("source")
    difficulty = data.get("difficulty")
    if difficulty not in DIFFICULTIES:
        error("difficulty", f"must be one of {', '.join(DIFFICULTIES)}")
    minutes = data.get("minutes")
    if not isinstance(minutes, int) or not 5 <= minutes <= 480:
        error("minutes", "must be a whole number from 5 to 480")
    timeout = data.get("timeout_seconds", DEFAULT_TIMEOUT_S)
    if not isinstance(timeout, int) or not 1 <= timeout <= MAX_TIMEOUT_S:
        error("timeout_seconds", f"must be a whole number from 1 to {MAX_TIMEOUT_S}")
    topics, files, tests = strings("topics"), strings("files"), strings("tests")
    expected, hints = strings("expected_tests"), strings("hints", required=False)
    for field, names in (("files", files), ("tests", tests)):
        outside = [n for n in names if _escapes(n)]
        for name in outside:  # copied into the learner's workspace and the run folder
            error(field, f"'{name}' must be a relative path inside the exercise folder")
    for name in files:
        for kind in ("starter", "reference"):
            if not _escapes(name) and not (folder / kind / name).is_file():
                error("files", f"{kind}/{name} does not exist")
    for name in tests:
        if not _escapes(name) and not (folder / "tests" / name).is_file():
            error("tests", f"tests/{name} does not exist")
    if len(set(expected)) != len(expected):
        error("expected_tests", "lists a test twice")
    if issues or not isinstance(minutes, int) or not isinstance(timeout, int):
        return None, issues
    return ExerciseSpec(
        slug,
        folder,
        title,
        summary,
        str(difficulty),
        topics,
        source,
        int(minutes),
        int(timeout),
        files,
        tests,
        expected,
        hints,
    ), []


def _escapes(name: str) -> bool:
    """True for a path that could leave its folder: absolute, drive-qualified, or with '..'."""
    path = PurePosixPath(name.replace("\\", "/"))
    return path.is_absolute() or ".." in path.parts or ":" in name

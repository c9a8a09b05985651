"""The author check (after rustlings' `dev check`): every reference passes, every starter
fails at least one test, and the expected test names are exactly what the reference reports."""

from __future__ import annotations

from dataclasses import dataclass, field

from roadmap_desktop.core.exercises.runner import run_exercise
from roadmap_desktop.core.exercises.spec import ExerciseSpec


@dataclass
class CheckResult:
    slug: str
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_exercise(spec: ExerciseSpec, node: str | None = None) -> CheckResult:
    result = CheckResult(spec.slug)
    reference = run_exercise(spec, {n: spec.reference(n) for n in spec.files}, node=node)
    if reference.status != "pass":
        result.problems.append(
            f"the reference solution does not pass ({reference.status}: "
            f"{reference.explanation or reference.missing})"
        )
    reported = {t.name for t in reference.tests}
    expected = set(spec.expected_tests)
    if reported - expected:
        result.problems.append(
            "tests missing from expected_tests: " + ", ".join(sorted(reported - expected))
        )
    if expected - reported:
        result.problems.append(
            "expected_tests the reference run never reported: "
            + ", ".join(sorted(expected - reported))
        )
    starter = run_exercise(spec, {n: spec.starter(n) for n in spec.files}, node=node)
    if starter.status == "pass":
        result.problems.append("the starter passes every test; it must fail at least one")
    elif starter.status not in ("fail", "error"):
        result.problems.append(f"the starter run ended with {starter.status}, not a failure")
    return result

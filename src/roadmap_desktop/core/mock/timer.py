"""The interview timer as a pure state machine over a monotonic clock.

Time is measured, never counted from ticks: the state holds seconds spent per phase plus the
monotonic instant the current stretch started, so a slow or missed UI tick cannot drift it.
Phases never advance on their own: when a phase's time is up it runs into overtime, shown as
such, until the candidate moves on (as in a real interview). The state serialises to JSON with
a wall-clock stamp so a session survives an app restart; the learner then decides whether the
time the app was closed counts.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

from roadmap_desktop.core.mock.templates import Template

Monotonic = Callable[[], float]


@dataclass
class TimerState:
    spent: list[float]  # seconds per phase, excluding the current running stretch
    phase: int = 0
    running_since: float | None = None  # monotonic instant, None when paused or finished
    finished: bool = False
    cues: set[int] = field(default_factory=set)  # phases whose "time is up" cue has fired


@dataclass(frozen=True)
class Snapshot:
    phase: int
    phase_elapsed: float
    phase_remaining: float  # negative in overtime
    total_elapsed: float
    total_remaining: float  # negative in overtime
    running: bool
    finished: bool

    @property
    def phase_overtime(self) -> bool:
        return self.phase_remaining < 0


class MockTimer:
    def __init__(
        self, template: Template, clock: Monotonic, state: TimerState | None = None
    ) -> None:
        self.template = template
        self.clock = clock
        self.state = state or TimerState(spent=[0.0] * len(template.phases))

    # -- commands -------------------------------------------------------------------------

    def start(self) -> None:
        if not self.state.finished and self.state.running_since is None:
            self.state.running_since = self.clock()

    def pause(self) -> None:
        if self.state.running_since is not None:
            self.state.spent[self.state.phase] += self.clock() - self.state.running_since
            self.state.running_since = None

    def toggle(self) -> None:
        self.start() if self.state.running_since is None else self.pause()

    def next_phase(self) -> bool:
        """Move on (the current phase's time is kept); after the last phase, finish."""
        running = self.state.running_since is not None
        self.pause()
        if self.state.phase + 1 >= len(self.template.phases):
            self.state.finished = True
            return False
        self.state.phase += 1
        if running:
            self.start()
        return True

    def finish(self) -> None:
        self.pause()
        self.state.finished = True

    def add_closed_time(self, seconds: float) -> None:
        """Count time the app was closed (the learner chose so) in the current phase."""
        self.state.spent[self.state.phase] += max(0.0, seconds)

    # -- reading --------------------------------------------------------------------------

    def phase_seconds(self) -> list[float]:
        seconds = list(self.state.spent)
        if self.state.running_since is not None:
            seconds[self.state.phase] += self.clock() - self.state.running_since
        return seconds

    def snapshot(self) -> Snapshot:
        seconds = self.phase_seconds()
        phase = self.state.phase
        planned = self.template.phases[phase].minutes * 60
        total = sum(seconds)
        return Snapshot(
            phase,
            seconds[phase],
            planned - seconds[phase],
            total,
            self.template.minutes * 60 - total,
            self.state.running_since is not None,
            self.state.finished,
        )

    def due_cue(self) -> int | None:
        """The phase whose time just ran out (once per phase), for the visual/audible cue."""
        snap = self.snapshot()
        if snap.phase_overtime and snap.phase not in self.state.cues and not snap.finished:
            self.state.cues.add(snap.phase)
            return snap.phase
        return None

    # -- persistence ----------------------------------------------------------------------

    def to_json(self, wall_now: float) -> str:
        """The state with the running stretch folded in, stamped with wall-clock time."""
        return json.dumps(
            {
                "spent": self.phase_seconds(),
                "phase": self.state.phase,
                "running": self.state.running_since is not None,
                "finished": self.state.finished,
                "cues": sorted(self.state.cues),
                "saved_at_wall": wall_now,
            }
        )

    @staticmethod
    def restore(
        template: Template, clock: Monotonic, text: str, wall_now: float
    ) -> tuple[MockTimer, float]:
        """A paused timer from saved state, and how long the app was closed (seconds)."""
        data = json.loads(text)
        state = TimerState(
            spent=[float(s) for s in data["spent"]],
            phase=int(data["phase"]),
            finished=bool(data["finished"]),
            cues=set(data.get("cues", [])),
        )
        closed = max(0.0, wall_now - float(data["saved_at_wall"])) if data["running"] else 0.0
        return MockTimer(template, clock, state), closed


def format_clock(seconds: float) -> str:
    """12:05, or -01:30 in overtime."""
    sign = "-" if seconds < 0 else ""
    whole = int(abs(seconds) + (0.999 if seconds > 0 else 0))
    minutes, secs = divmod(whole, 60)
    return f"{sign}{minutes:02d}:{secs:02d}"

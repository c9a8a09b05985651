"""Mock interviews: the timer under an injected monotonic clock, estimates, sessions."""

from datetime import datetime

import pytest

from roadmap_desktop.core.content import service
from roadmap_desktop.core.mock import sessions
from roadmap_desktop.core.mock.estimate import estimate, human_bytes
from roadmap_desktop.core.mock.templates import BUILT_IN, DEFAULT, Template, custom
from roadmap_desktop.core.mock.timer import MockTimer, format_clock
from roadmap_desktop.core.store.database import Store
from roadmap_desktop.core.store.models import Card


class Tick:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def test_templates_follow_the_seeds() -> None:
    assert [p.minutes for p in DEFAULT.phases] == [5, 5, 10, 20, 5] and DEFAULT.minutes == 45
    assert sorted(t.minutes for t in BUILT_IN) == [30, 45, 60]
    assert Template.from_json(DEFAULT.to_json()) == DEFAULT
    own = custom("Tiny", [("Clarify requirements", 2), ("Whiteboard", 10)])
    assert own.phases[0].checklist and own.phases[1].checklist == []
    with pytest.raises(ValueError):
        custom("Bad", [("x", 0)])


def test_the_cue_fires_exactly_when_a_phase_runs_out_and_overtime_shows() -> None:
    clock = Tick()
    timer = MockTimer(DEFAULT, clock)
    timer.start()
    clock.advance(299.9)
    assert timer.due_cue() is None and format_clock(timer.snapshot().phase_remaining) == "00:01"
    clock.advance(0.2)
    assert timer.due_cue() == 0 and timer.due_cue() is None  # once per phase
    clock.advance(30)
    snap = timer.snapshot()
    assert snap.phase == 0 and snap.phase_overtime
    assert format_clock(snap.phase_remaining) == "-00:30"
    assert format_clock(snap.total_remaining) == "39:30"


def test_pause_resume_and_skip_keep_exact_phase_times() -> None:
    clock = Tick()
    timer = MockTimer(DEFAULT, clock)
    timer.start()
    clock.advance(60)
    timer.pause()
    clock.advance(600)  # paused: does not count
    assert timer.snapshot().phase_elapsed == 60 and not timer.snapshot().running
    timer.toggle()
    clock.advance(40)
    assert timer.next_phase()
    clock.advance(100)
    assert timer.phase_seconds()[:2] == [100, 100] and timer.snapshot().running
    for _ in range(3):
        timer.next_phase()
    assert timer.snapshot().phase == 4
    assert not timer.next_phase() and timer.snapshot().finished


def test_a_restart_resumes_paused_and_the_learner_chooses_if_closed_time_counts() -> None:
    clock = Tick()
    timer = MockTimer(DEFAULT, clock)
    timer.start()
    clock.advance(120)
    saved = timer.to_json(wall_now=50_000.0)

    later = Tick()  # a new process: a different monotonic origin
    restored, closed = MockTimer.restore(DEFAULT, later, saved, wall_now=50_300.0)
    assert closed == 300 and not restored.snapshot().running
    assert restored.snapshot().phase_elapsed == 120
    restored.add_closed_time(closed)
    assert restored.snapshot().phase_elapsed == 420

    paused = MockTimer(DEFAULT, clock)
    paused.start()
    clock.advance(10)
    paused.pause()
    _, closed = MockTimer.restore(DEFAULT, later, paused.to_json(1.0), wall_now=999.0)
    assert closed == 0, "time closed while paused never counts"


def test_estimates_with_units() -> None:
    result = estimate(
        10_000_000,
        20,
        peak_factor=3,
        write_share=0.1,
        bytes_per_write=500,
        years=5,
        replication=3,
        bytes_per_request=2_000,
    )
    assert round(result.average_qps) == 2315 and round(result.peak_qps) == 6944
    assert human_bytes(result.storage_bytes) == "54.8 TB"
    assert "Peak: 6,944.4 requests/s" in result.lines()
    assert human_bytes(999) == "999 B" and human_bytes(1_500_000) == "1.5 MB"
    with pytest.raises(ValueError):
        estimate(-1, 1)


def test_sessions_history_export_and_a_card_from_notes(store: Store) -> None:
    service.sync(store)
    now = datetime(2026, 3, 10, 9, 0)
    clock = Tick()
    timer = MockTimer(DEFAULT, clock)
    with store.session() as s:
        choices = sessions.prompt_choices(s, tier=1)
        assert choices and all(c.tier == 1 for c in choices)
        session_id = sessions.start(s, "url-shortener", DEFAULT, timer.to_json(0), now)
        assert sessions.active(s) is not None
    timer.start()
    clock.advance(330)
    with store.session() as s:
        sessions.save(
            s,
            session_id,
            timer.to_json(1),
            {"clarify": "Reads >> writes; 100:1."},
            {"clarify": ["Out of scope agreed"]},
        )
        sessions.finish(
            s,
            session_id,
            {
                "requirements": 3,
                "design": 2,
                "scalability": 2,
                "reliability": 1,
                "communication": 4,
            },
            "Forgot the cache.",
            timer.to_json(2),
            now,
        )
        with pytest.raises(ValueError):
            sessions.finish(s, session_id, {"design": 5}, "", timer.to_json(3), now)
    with store.session() as s:
        [row] = sessions.history(s)
        assert row.prompt_title.startswith("Design a URL shortener")
        assert row.phase_minutes[0] == ("Clarify requirements", 5.5) and row.average == 2.4
        markdown = sessions.export_markdown(s, session_id)
        stale = sessions.prompt_choices(s, order="stale")
        card_id = sessions.note_to_card(s, session_id, "clarify", now)
        card = s.get(Card, card_id)
        assert card is not None and card.back == "Reads >> writes; 100:1."
    assert "| Clarify requirements | 5 min | 05:30 |" in markdown
    assert "- [x] Out of scope agreed" in markdown and "- Reliability: 1/4 (missing)" in markdown
    assert stale[-1].key == "url-shortener", "the just-practised prompt comes last"

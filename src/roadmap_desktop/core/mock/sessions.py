"""Mock-interview sessions in the store: start, autosave, finish with the rubric, history,
Markdown export, and turning a note into a flashcard."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from roadmap_desktop.core.mock.templates import BUILT_IN, Template
from roadmap_desktop.core.mock.timer import format_clock
from roadmap_desktop.core.srs.cards import add_card
from roadmap_desktop.core.store.models import MockSession, MockTemplate, Prompt

SIGNALS = (
    ("requirements", "Requirements"),
    ("design", "Design and trade-offs"),
    ("scalability", "Scalability"),
    ("reliability", "Reliability"),
    ("communication", "Communication"),
)
SCORE_MEANINGS = {1: "missing", 2: "partial", 3: "solid", 4: "strong"}


@dataclass(frozen=True)
class PromptChoice:
    key: str
    title: str
    tier: int
    minutes: int
    brief: str
    details: dict[str, list[str]]
    last_practised: datetime | None
    times: int


@dataclass(frozen=True)
class HistoryRow:
    id: int
    prompt_title: str
    started_at: datetime
    status: str
    phase_minutes: list[tuple[str, float]]
    scores: dict[str, int]

    @property
    def average(self) -> float | None:
        return sum(self.scores.values()) / len(self.scores) if self.scores else None


def prompt_choices(
    session: Session, *, tier: int | None = None, text: str = "", order: str = "tier"
) -> list[PromptChoice]:
    """Prompts with when each was last practised; ``order``: tier | stale (least recent)."""
    practised = dict(
        (key, (last, n))
        for key, last, n in session.execute(
            select(MockSession.prompt_key, func.max(MockSession.started_at), func.count())
            .where(MockSession.status == "finished")
            .group_by(MockSession.prompt_key)
        )
    )
    query = select(Prompt).where(Prompt.retired_at.is_(None))
    if tier is not None:
        query = query.where(Prompt.tier == tier)
    choices = []
    for p in session.scalars(query):
        if text and text.lower() not in f"{p.title} {p.brief}".lower():
            continue
        last, times = practised.get(p.key, (None, 0))
        choices.append(
            PromptChoice(p.key, p.title, p.tier, p.minutes, p.brief, dict(p.details), last, times)
        )
    if order == "stale":
        choices.sort(key=lambda c: (c.last_practised is not None, c.last_practised or 0, c.title))
    else:
        choices.sort(key=lambda c: (c.tier, c.title))
    return choices


def random_choice(choices: list[PromptChoice], rng: random.Random | None = None) -> PromptChoice:
    if not choices:
        raise ValueError("no prompts match")
    return (rng or random.Random()).choice(choices)


def templates(session: Session) -> list[Template]:
    own = [Template.from_json(row.template) for row in session.scalars(select(MockTemplate))]
    return [*BUILT_IN, *sorted(own, key=lambda t: t.name)]


def save_template(session: Session, template: Template) -> None:
    if template.name in {t.name for t in BUILT_IN}:
        raise ValueError(f"'{template.name}' is a built-in template; choose another name")
    session.merge(MockTemplate(name=template.name, template=template.to_json()))


def start(
    session: Session, prompt_key: str, template: Template, timer_json: str, now: datetime
) -> int:
    prompt = session.scalar(select(Prompt).where(Prompt.key == prompt_key))
    if prompt is None:
        raise ValueError(f"no prompt '{prompt_key}'")
    for stale in session.scalars(select(MockSession).where(MockSession.status == "active")):
        stale.status = "abandoned"  # one interview at a time
    row = MockSession(
        prompt_key=prompt.key,
        prompt_title=prompt.title,
        template=template.to_json(),
        timer=timer_json,
        status="active",
        started_at=now,
        notes={},
        checked={},
        scores={},
        comments="",
    )
    session.add(row)
    session.flush()
    return row.id


def save(
    session: Session,
    session_id: int,
    timer_json: str,
    notes: dict[str, str],
    checked: dict[str, list[str]],
) -> None:
    row = _get(session, session_id)
    row.timer, row.notes, row.checked = timer_json, dict(notes), dict(checked)


def finish(
    session: Session,
    session_id: int,
    scores: dict[str, int],
    comments: str,
    timer_json: str,
    now: datetime,
) -> None:
    unknown = set(scores) - {key for key, _ in SIGNALS}
    if unknown or any(not 1 <= v <= 4 for v in scores.values()):
        raise ValueError(
            "scores are 1-4 for requirements, design, scalability, reliability, communication"
        )
    row = _get(session, session_id)
    row.scores, row.comments, row.timer = dict(scores), comments.strip(), timer_json
    row.status, row.finished_at = "finished", now


def active(session: Session) -> MockSession | None:
    return session.scalar(
        select(MockSession)
        .where(MockSession.status == "active")
        .order_by(MockSession.id.desc())
        .limit(1)
    )


def history(session: Session) -> list[HistoryRow]:
    rows = []
    for row in session.scalars(
        select(MockSession).where(MockSession.status == "finished").order_by(MockSession.started_at)
    ):
        template = Template.from_json(row.template)
        spent = json.loads(row.timer)["spent"]
        minutes = [(p.title, s / 60) for p, s in zip(template.phases, spent, strict=False)]
        rows.append(
            HistoryRow(
                row.id,
                row.prompt_title,
                row.started_at,
                row.status,
                minutes,
                {k: int(v) for k, v in row.scores.items()},
            )
        )
    return rows


def export_markdown(session: Session, session_id: int) -> str:
    row = _get(session, session_id)
    template = Template.from_json(row.template)
    spent = json.loads(row.timer)["spent"]
    lines = [
        f"# Mock interview: {row.prompt_title}",
        "",
        f"{row.started_at:%Y-%m-%d %H:%M} UTC · template {template.name} · status {row.status}",
        "",
        "| phase | planned | spent |",
        "| --- | --- | --- |",
    ]
    for phase, seconds in zip(template.phases, spent, strict=False):
        lines.append(f"| {phase.title} | {phase.minutes} min | {format_clock(seconds)} |")
    for phase in template.phases:
        note = (row.notes or {}).get(phase.key, "").strip()
        done = (row.checked or {}).get(phase.key, [])
        if note or done:
            lines += ["", f"## {phase.title}", ""]
            lines += [f"- [{'x' if item in done else ' '}] {item}" for item in phase.checklist]
            if note:
                lines += ["", note]
    if row.scores:
        lines += ["", "## Self-assessment", ""]
        for key, label in SIGNALS:
            if key in row.scores:
                score = int(row.scores[key])
                lines.append(f"- {label}: {score}/4 ({SCORE_MEANINGS[score]})")
        if row.comments:
            lines += ["", row.comments]
    return "\n".join(lines) + "\n"


def note_to_card(session: Session, session_id: int, phase_key: str, now: datetime) -> int:
    """A flashcard from a phase's notes, in the deck "Mock interviews"."""
    row = _get(session, session_id)
    template = Template.from_json(row.template)
    phase = next((p for p in template.phases if p.key == phase_key), None)
    note = (row.notes or {}).get(phase_key, "").strip()
    if phase is None or not note:
        raise ValueError("that phase has no notes to turn into a card")
    return add_card(
        session,
        f"Mock interviews::{row.prompt_title}",
        f"{row.prompt_title} — {phase.title}: what are the key points?",
        note,
        ["system-design"],
        now,
    )


def _get(session: Session, session_id: int) -> MockSession:
    row = session.get(MockSession, session_id)
    if row is None:
        raise ValueError(f"no mock session {session_id}")
    return row

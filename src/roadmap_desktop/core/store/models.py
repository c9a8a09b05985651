"""The schema as typed SQLAlchemy models. Changes here need an Alembic revision in migrations/.

Content rows (decks, cards, tracks, tasks, resources, prompts) are keyed by the stable key the
content files give them, so a sync can update text in place and keep the row id, and with it
every review log and plan entry that points at the row. A row whose key left the content is
retired (``retired_at`` set), never deleted.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Stable constraint names, so migrations can refer to them on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Origin:
    """Where a row came from: the bundled curriculum, the user's content dir, or the app UI."""

    BUNDLED = "bundled"
    USER_FILE = "user-file"
    USER = "user"


class Meta(Base):
    """Small key/value facts about the store (content fingerprint, last backup, app version)."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Deck(Base):
    __tablename__ = "decks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Full name with "::" between levels, e.g. "Node.js::Event Loop"; parents are implied.
    name: Mapped[str] = mapped_column(String(255), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    # Daily limits for this deck and its subdecks; None means the global setting.
    new_per_day: Mapped[int | None] = mapped_column(Integer)
    reviews_per_day: Mapped[int | None] = mapped_column(Integer)

    cards: Mapped[list[Card]] = relationship(back_populates="deck")


class Card(Base):
    __tablename__ = "cards"
    __table_args__ = (
        # Covers the study queue's filters, so its counts never read the cards themselves.
        Index("ix_cards_queue", "due", "deck_id", "suspended", "retired_at", "buried_until"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(128), unique=True)
    deck_id: Mapped[int] = mapped_column(ForeignKey("decks.id", ondelete="RESTRICT"), index=True)
    front: Mapped[str] = mapped_column(Text)
    back: Mapped[str] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(String(16), default=Origin.BUNDLED)
    source_file: Mapped[str | None] = mapped_column(String(512))
    source_line: Mapped[int | None] = mapped_column(Integer)
    # sha256 of deck + front + back + tags as last synced; a change means the text was edited.
    content_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    retired_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)

    # SM-2 state (research/sm2.md): EF, successful repetitions n, interval I in days.
    ease: Mapped[float] = mapped_column(Float, default=2.5)
    reps: Mapped[int] = mapped_column(Integer, default=0)
    interval: Mapped[int] = mapped_column(Integer, default=0)
    lapses: Mapped[int] = mapped_column(Integer, default=0)
    # None while the card is new (never reviewed); otherwise the study day it is due.
    due: Mapped[date | None] = mapped_column(Date)
    suspended: Mapped[bool] = mapped_column(default=False)
    buried_until: Mapped[date | None] = mapped_column(Date)

    # The learner's own version of a bundled card's text; shown instead of front/back until
    # reverted, and never touched by a content sync.
    user_front: Mapped[str | None] = mapped_column(Text)
    user_back: Mapped[str | None] = mapped_column(Text)
    # Set when the learner moved or retagged a bundled card: syncs then leave deck/tags alone.
    user_deck: Mapped[bool] = mapped_column(default=False)
    user_tags: Mapped[bool] = mapped_column(default=False)
    # The study day on which the card still has to be drilled (graded < 4), else None.
    drill_day: Mapped[date | None] = mapped_column(Date, index=True)
    last_answered_at: Mapped[datetime | None] = mapped_column(DateTime)
    # The shown text rendered for export, and a digest of what it was rendered from: a
    # re-export renders again only the cards whose text changed.
    export_digest: Mapped[str | None] = mapped_column(String(64))
    export_front_html: Mapped[str | None] = mapped_column(Text)
    export_back_html: Mapped[str | None] = mapped_column(Text)

    deck: Mapped[Deck] = relationship(back_populates="cards")
    tags: Mapped[list[CardTag]] = relationship(
        back_populates="card", cascade="all, delete-orphan", order_by="CardTag.tag"
    )
    reviews: Mapped[list[ReviewLog]] = relationship(back_populates="card")


class CardTag(Base):
    __tablename__ = "card_tags"

    card_id: Mapped[int] = mapped_column(
        ForeignKey("cards.id", ondelete="CASCADE"), primary_key=True
    )
    tag: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)

    card: Mapped[Card] = relationship(back_populates="tags")


class ReviewLog(Base):
    """One answer given to a card. Never rewritten by a content sync."""

    __tablename__ = "review_log"
    __table_args__ = (
        Index("ix_review_log_day_kind", "study_day", "kind", "was_new"),
        # Covers the per-day statistics (series, retention, answer time): migration 0007.
        Index(
            "ix_review_log_stats",
            "study_day",
            "card_id",
            "kind",
            "was_new",
            "interval_before",
            "grade",
            "answer_ms",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"), index=True)
    reviewed_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    study_day: Mapped[date] = mapped_column(Date, index=True)
    grade: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16), default="review")  # review | drill
    ease_before: Mapped[float] = mapped_column(Float)
    ease_after: Mapped[float] = mapped_column(Float)
    interval_before: Mapped[int] = mapped_column(Integer)
    interval_after: Mapped[int] = mapped_column(Integer)
    reps_after: Mapped[int] = mapped_column(Integer)
    answer_ms: Mapped[int] = mapped_column(Integer, default=0)
    # The card's scheduling before this answer, so an undo restores it exactly.
    was_new: Mapped[bool] = mapped_column(default=False)
    reps_before: Mapped[int] = mapped_column(Integer, default=0)
    lapses_before: Mapped[int] = mapped_column(Integer, default=0)
    due_before: Mapped[date | None] = mapped_column(Date)
    drill_day_before: Mapped[date | None] = mapped_column(Date)
    last_answered_before: Mapped[datetime | None] = mapped_column(DateTime)

    card: Mapped[Card] = relationship(back_populates="reviews")


class Track(Base):
    __tablename__ = "tracks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(128), unique=True)
    title: Mapped[str] = mapped_column(String(255))
    title_original: Mapped[str | None] = mapped_column(String(255))
    description: Mapped[str] = mapped_column(Text, default="")
    seed: Mapped[str | None] = mapped_column(String(255))
    origin: Mapped[str] = mapped_column(String(16), default=Origin.BUNDLED)
    source_file: Mapped[str | None] = mapped_column(String(512))
    content_hash: Mapped[str] = mapped_column(String(64))
    retired_at: Mapped[datetime | None] = mapped_column(DateTime)

    tasks: Mapped[list[Task]] = relationship(back_populates="track", order_by="Task.position")


class Task(Base):
    __tablename__ = "tasks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(128), unique=True)
    track_id: Mapped[int] = mapped_column(ForeignKey("tracks.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    phase_key: Mapped[str] = mapped_column(String(128))
    phase_title: Mapped[str] = mapped_column(String(255))
    title: Mapped[str] = mapped_column(String(255))
    title_original: Mapped[str | None] = mapped_column(String(255))
    description: Mapped[str] = mapped_column(Text, default="")
    description_original: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))
    minutes: Mapped[int] = mapped_column(Integer)
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    exercises: Mapped[list[str]] = mapped_column(JSON, default=list)
    resources: Mapped[list[str]] = mapped_column(JSON, default=list)
    checklist: Mapped[list[str]] = mapped_column(JSON, default=list)
    source_line: Mapped[int | None] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64))
    retired_at: Mapped[datetime | None] = mapped_column(DateTime)

    track: Mapped[Track] = relationship(back_populates="tasks")


class Resource(Base):
    __tablename__ = "resources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(128), unique=True)
    title: Mapped[str] = mapped_column(String(255))
    url: Mapped[str] = mapped_column(String(1024))
    kind: Mapped[str] = mapped_column(String(32))
    description: Mapped[str] = mapped_column(Text, default="")
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    source_file: Mapped[str | None] = mapped_column(String(512))
    content_hash: Mapped[str] = mapped_column(String(64))
    retired_at: Mapped[datetime | None] = mapped_column(DateTime)


class Prompt(Base):
    """A system-design interview prompt; the lists are the hints shown on demand."""

    __tablename__ = "prompts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(128), unique=True)
    title: Mapped[str] = mapped_column(String(255))
    tier: Mapped[int] = mapped_column(Integer)
    minutes: Mapped[int] = mapped_column(Integer)
    brief: Mapped[str] = mapped_column(Text)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    source_file: Mapped[str | None] = mapped_column(String(512))
    content_hash: Mapped[str] = mapped_column(String(64))
    retired_at: Mapped[datetime | None] = mapped_column(DateTime)


class ExerciseAttempt(Base):
    """One run of an exercise's tests by the learner."""

    __tablename__ = "exercise_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(128), index=True)
    ran_at: Mapped[datetime] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(16))
    passed: Mapped[int] = mapped_column(Integer)
    failed: Mapped[int] = mapped_column(Integer)
    duration_ms: Mapped[int] = mapped_column(Integer)
    hints_revealed: Mapped[int] = mapped_column(Integer, default=0)


class ExerciseProgress(Base):
    """Where the learner stands on an exercise; keyed by slug so it survives content edits."""

    __tablename__ = "exercise_progress"

    slug: Mapped[str] = mapped_column(String(128), primary_key=True)
    hints_revealed: Mapped[int] = mapped_column(Integer, default=0)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_status: Mapped[str | None] = mapped_column(String(16))
    solved_at: Mapped[datetime | None] = mapped_column(DateTime)
    solution_shown: Mapped[bool] = mapped_column(default=False)


class MockSession(Base):
    """One system-design mock interview, from the chosen prompt to the self-assessment."""

    __tablename__ = "mock_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    prompt_key: Mapped[str] = mapped_column(String(128), index=True)
    prompt_title: Mapped[str] = mapped_column(String(255))
    template: Mapped[str] = mapped_column(Text)  # Template.to_json()
    timer: Mapped[str] = mapped_column(Text)  # MockTimer.to_json()
    status: Mapped[str] = mapped_column(String(16), index=True)  # active | finished | abandoned
    started_at: Mapped[datetime] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    notes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # phase key -> markdown
    checked: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # phase key -> items
    scores: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # signal -> 1..4
    comments: Mapped[str] = mapped_column(Text, default="")


class MockTemplate(Base):
    """A learner's own phase template."""

    __tablename__ = "mock_templates"

    name: Mapped[str] = mapped_column(String(128), primary_key=True)
    template: Mapped[str] = mapped_column(Text)


class PlanEnrollment(Base):
    """Following a track: from when, on which weekdays, how many minutes a study day."""

    __tablename__ = "plan_enrollments"

    track_key: Mapped[str] = mapped_column(String(128), primary_key=True)
    start: Mapped[date] = mapped_column(Date)
    weekdays: Mapped[str] = mapped_column(String(32))  # "0,1,2,3,4" with 0 = Monday
    minutes_per_day: Mapped[int] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(default=True)


class PlanBreak(Base):
    """A pause (vacation): no study days from start to end, inclusive."""

    __tablename__ = "plan_breaks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    start: Mapped[date] = mapped_column(Date)
    end: Mapped[date] = mapped_column(Date)


class PlanTaskState(Base):
    """What the learner did with a task; tasks with no row are simply open."""

    __tablename__ = "plan_task_states"

    task_key: Mapped[str] = mapped_column(String(128), primary_key=True)
    status: Mapped[str] = mapped_column(String(16), default="open")  # open | done | skipped
    done_day: Mapped[date | None] = mapped_column(Date, index=True)
    actual_minutes: Mapped[int | None] = mapped_column(Integer)
    snoozed_until: Mapped[date | None] = mapped_column(Date)
    pinned: Mapped[date | None] = mapped_column(Date)

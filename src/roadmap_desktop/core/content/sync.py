"""Sync a loaded ContentBundle into the store by stable key, in one transaction.

Idempotent: a second run with the same bundle writes nothing. Edited text updates the row in
place (same id, so review history stays); a key gone from the content retires its row; a key
whose file failed to load this time is left exactly as it was.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from roadmap_desktop.core.content.model import (
    CardSpec,
    ContentBundle,
    PromptSpec,
    ResourceSpec,
    TaskSpec,
    TrackSpec,
)
from roadmap_desktop.core.store.models import (
    Card,
    CardTag,
    Deck,
    Meta,
    Origin,
    Prompt,
    Resource,
    Task,
    Track,
)

FINGERPRINT_KEY = "content_fingerprint"


@dataclass
class KindReport:
    added: int = 0
    updated: int = 0
    retired: int = 0
    restored: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.retired or self.restored)


@dataclass
class SyncReport:
    kinds: dict[str, KindReport] = field(default_factory=dict)

    def kind(self, name: str) -> KindReport:
        return self.kinds.setdefault(name, KindReport())

    @property
    def changed(self) -> bool:
        return any(k.changed for k in self.kinds.values())

    def summary(self) -> str:
        parts = []
        for name, k in self.kinds.items():
            bits = [
                f"{n} {label}"
                for n, label in (
                    (k.added, "added"),
                    (k.updated, "updated"),
                    (k.retired, "retired"),
                    (k.restored, "restored"),
                )
                if n
            ]
            if bits:
                parts.append(f"{name}: {', '.join(bits)}")
        return "; ".join(parts) or "no changes"


def digest(*values: Any) -> str:
    return hashlib.sha256(
        json.dumps(values, ensure_ascii=False, sort_keys=True).encode()
    ).hexdigest()


Row = TypeVar("Row", Card, Track, Task, Resource, Prompt)
Spec = TypeVar("Spec", CardSpec, TrackSpec, TaskSpec, ResourceSpec, PromptSpec)


def _upsert(
    existing: dict[str, Row],
    specs: Iterable[Spec],
    *,
    make: Callable[[Spec], Row],
    fields: Callable[[Spec], dict[str, Any]],
    hash_of: Callable[[Spec], str],
    report: KindReport,
    now: datetime,
    keep: Callable[[Row], bool],
    after: Callable[[Row, Spec, bool], None] | None = None,
) -> None:
    """Create, update, restore or retire rows so they match the specs; ``keep(row)`` protects
    rows whose source failed to load from being retired."""
    for spec in specs:
        row = existing.pop(spec.key, None)
        content_hash = hash_of(spec)
        changed = False
        if row is None:
            row = make(spec)
            row.content_hash = content_hash
            report.added += 1
        else:
            if row.retired_at is not None:
                row.retired_at = None
                report.restored += 1
            if row.content_hash != content_hash:
                row.content_hash = content_hash
                report.updated += 1
                changed = True
        for name, value in fields(spec).items():
            if getattr(row, name) != value:
                setattr(row, name, value)
        if after is not None:
            after(row, spec, changed)
    for row in existing.values():
        if row.retired_at is None and not keep(row):
            row.retired_at = now
            report.retired += 1


def sync_content(session: Session, bundle: ContentBundle, now: datetime) -> SyncReport:
    report = SyncReport()
    protected = bundle.protected_keys
    failed = bundle.failed_files

    def origin(file: str) -> str:
        return Origin.USER_FILE if file in bundle.user_files else Origin.BUNDLED

    # Resources and prompts first: tasks refer to resources by key only, so order is free.
    _upsert(
        {r.key: r for r in session.scalars(select(Resource))},
        bundle.resources,
        make=lambda s: _add(session, Resource(key=s.key)),
        fields=lambda s: {
            "title": s.title,
            "url": s.url,
            "kind": s.kind,
            "description": s.description,
            "tags": list(s.tags),
            "source_file": s.file,
        },
        hash_of=lambda s: digest(s.title, s.url, s.kind, s.description, s.tags),
        report=report.kind("resources"),
        now=now,
        keep=lambda r: r.key in protected or r.source_file in failed,
    )
    _upsert(
        {p.key: p for p in session.scalars(select(Prompt))},
        bundle.prompts,
        make=lambda s: _add(session, Prompt(key=s.key)),
        fields=lambda s: {
            "title": s.title,
            "tier": s.tier,
            "minutes": s.minutes,
            "brief": s.brief,
            "details": {k: list(v) for k, v in s.details.items()},
            "tags": list(s.tags),
            "source_file": s.file,
        },
        hash_of=lambda s: digest(s.title, s.tier, s.minutes, s.brief, s.details, s.tags),
        report=report.kind("prompts"),
        now=now,
        keep=lambda p: p.key in protected or p.source_file in failed,
    )
    _sync_tracks(session, bundle, report, now, origin)
    _sync_cards(session, bundle, report, now, origin)
    return report


def _sync_tracks(
    session: Session,
    bundle: ContentBundle,
    report: SyncReport,
    now: datetime,
    origin: Callable[[str], str],
) -> None:
    failed, protected = bundle.failed_files, bundle.protected_keys
    _upsert(
        {t.key: t for t in session.scalars(select(Track))},
        bundle.tracks,
        make=lambda s: _add(session, Track(key=s.key)),
        fields=lambda s: {
            "title": s.title,
            "title_original": s.title_original,
            "description": s.description,
            "seed": s.seed,
            "origin": origin(s.file),
            "source_file": s.file,
        },
        hash_of=lambda s: digest(s.title, s.title_original, s.description, s.seed),
        report=report.kind("tracks"),
        now=now,
        keep=lambda t: t.key in protected or t.source_file in failed,
    )
    session.flush()
    track_ids = {t.key: (t.id, t.source_file) for t in session.scalars(select(Track))}
    task_specs: list[tuple[int, int, TaskSpec]] = []
    for track in bundle.tracks:
        track_id = track_ids[track.key][0]
        task_specs += [(track_id, position, task) for position, task in enumerate(track.tasks)]
    placement = {task.key: (track_id, position) for track_id, position, task in task_specs}
    failed_tracks = {tid for tid, source in track_ids.values() if source in failed}
    _upsert(
        {t.key: t for t in session.scalars(select(Task))},
        [task for _, _, task in task_specs],
        make=lambda s: _add(session, Task(key=s.key)),
        fields=lambda s: {
            "track_id": placement[s.key][0],
            "position": placement[s.key][1],
            "phase_key": s.phase_key,
            "phase_title": s.phase_title,
            "title": s.title,
            "title_original": s.title_original,
            "description": s.description,
            "description_original": s.description_original,
            "kind": s.kind,
            "minutes": s.minutes,
            "tags": list(s.tags),
            "exercises": list(s.exercises),
            "resources": list(s.resources),
            "checklist": list(s.checklist),
            "source_line": s.line,
        },
        hash_of=lambda s: digest(
            s.phase_key,
            s.phase_title,
            s.title,
            s.title_original,
            s.description,
            s.description_original,
            s.kind,
            s.minutes,
            s.tags,
            s.exercises,
            s.resources,
            s.checklist,
        ),
        report=report.kind("tasks"),
        now=now,
        keep=lambda t: t.key in protected or t.track_id in failed_tracks,
    )


def _sync_cards(
    session: Session,
    bundle: ContentBundle,
    report: SyncReport,
    now: datetime,
    origin: Callable[[str], str],
) -> None:
    decks = {d.name: d for d in session.scalars(select(Deck))}

    def place(card: Card, spec: CardSpec, changed: bool) -> None:
        deck = decks.get(spec.deck)
        if deck is None:
            deck = decks[spec.deck] = _add(session, Deck(name=spec.deck, created_at=now))
        if not card.user_deck and (deck.id is None or card.deck_id != deck.id):
            card.deck = deck
        wanted, current = set(spec.tags), {t.tag for t in card.tags}
        if not card.user_tags and wanted != current:
            card.tags = [t for t in card.tags if t.tag in wanted] + [
                CardTag(tag=tag) for tag in sorted(wanted - current)
            ]
        if changed:
            card.updated_at = now

    # Tags come in one query with the cards, and nothing is flushed while placing them: a
    # lazy load per card (each flushing pending changes first) made a 3,000-card deck take 20 s.
    existing = {
        c.key: c
        for c in session.scalars(
            select(Card).where(Card.origin != Origin.USER).options(selectinload(Card.tags))
        )
    }
    with session.no_autoflush:
        _upsert(
            existing,
            bundle.cards,
            make=lambda s: _add(
                session, Card(key=s.key, origin=origin(s.file), created_at=now, updated_at=now)
            ),
            fields=lambda s: {
                "front": s.front,
                "back": s.back,
                "origin": origin(s.file),
                "source_file": s.file,
                "source_line": s.line,
            },
            hash_of=lambda s: digest(s.deck, s.front, s.back, s.tags),
            report=report.kind("cards"),
            now=now,
            keep=lambda c: c.key in bundle.protected_keys or c.source_file in bundle.failed_files,
            after=place,
        )


def _add(session: Session, row: Any) -> Any:
    session.add(row)
    return row


def stored_fingerprint(session: Session) -> str | None:
    meta = session.get(Meta, FINGERPRINT_KEY)
    return meta.value if meta else None


def record_fingerprint(session: Session, value: str) -> None:
    meta = session.get(Meta, FINGERPRINT_KEY)
    if meta is None:
        session.add(Meta(key=FINGERPRINT_KEY, value=value))
    elif meta.value != value:
        meta.value = value

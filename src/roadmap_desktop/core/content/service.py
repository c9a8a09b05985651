"""Content operations the UI and CLI call: check, and sync when something changed."""

from __future__ import annotations

from dataclasses import dataclass

from roadmap_desktop.core.clock import utc_now
from roadmap_desktop.core.content.loader import fingerprint, load_content
from roadmap_desktop.core.content.locate import ContentRoot, content_roots
from roadmap_desktop.core.content.model import ContentBundle
from roadmap_desktop.core.content.sync import (
    SyncReport,
    record_fingerprint,
    stored_fingerprint,
    sync_content,
)
from roadmap_desktop.core.store.database import Store


@dataclass
class SyncOutcome:
    bundle: ContentBundle
    report: SyncReport


def roots_for(store: Store) -> list[ContentRoot]:
    return content_roots(store.paths.user_content_dir)


def content_changed(store: Store, roots: list[ContentRoot] | None = None) -> bool:
    """The cheap start-up check: stat the content files and compare with the last sync."""
    roots = roots if roots is not None else roots_for(store)
    with store.session() as session:
        return stored_fingerprint(session) != fingerprint(roots)


def sync(store: Store, roots: list[ContentRoot] | None = None) -> SyncOutcome:
    """Parse every content file and sync it in one transaction (all or nothing)."""
    roots = roots if roots is not None else roots_for(store)
    stamp = fingerprint(roots)
    bundle = load_content(roots)
    with store.write_session() as session:
        if stored_fingerprint(session) == stamp:  # another process synced these files meanwhile
            return SyncOutcome(bundle, SyncReport())
        report = sync_content(session, bundle, utc_now(store.clock))
        record_fingerprint(session, stamp)
    return SyncOutcome(bundle, report)

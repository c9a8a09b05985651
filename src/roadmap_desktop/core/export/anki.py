"""Export flashcards to an Anki package (.apkg) that updates in place on re-import.

What decides correctness (research/anki-export.md):
- Anki matches notes by GUID, so the GUID comes from the card's stable key only: edited text
  updates the note instead of duplicating it;
- a note is updated only if the incoming one is newer, and genanki stamps every note with
  the package time, so each export's timestamp is strictly later than the last one's;
- the note type keeps one id and one field list for ever (a change makes Anki create a second
  note type); template and CSS changes are safe;
- deck ids are derived from deck names, so they never change either;
- Anki's night mode must recolour code, so code is highlighted with CSS classes plus a
  night-mode stylesheet, never inline colours.
"""

from __future__ import annotations

import csv
import hashlib
import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from roadmap_desktop.core.content.locate import ContentRoot
from roadmap_desktop.core.render import highlight_css, render_markdown
from roadmap_desktop.core.store.database import Store
from roadmap_desktop.core.store.models import Card, CardTag, Deck, Meta, ReviewLog

MODEL_ID = 1_742_390_611  # fixed for ever: see the module docstring
MODEL_NAME = "roadmap-desktop card"
FIELDS = ("Front", "Back", "Topic", "Source key")
GUID_NAMESPACE = "roadmap-desktop"
LAST_EXPORT_KEY = "anki_last_export_timestamp"

CARD_CSS = """
.card { font-family: -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
        font-size: 18px; line-height: 1.45; text-align: left; color: #1f2328;
        background: #ffffff; max-width: 760px; margin: 0 auto; padding: 12px; }
.nightMode.card, .night_mode.card, .card.night_mode { color: #e6e8eb; background: #1e2024; }
code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.9em;
       background: rgba(127, 127, 127, 0.15); padding: 1px 4px; border-radius: 4px; }
pre.highlight { padding: 10px 12px; border-radius: 6px; overflow-x: auto; font-size: 15px;
                background: #f6f8fa; }
pre.highlight code { background: none; padding: 0; }
.nightMode pre.highlight, .night_mode pre.highlight { background: #272822; }
table { border-collapse: collapse; } td, th { border: 1px solid #c9ced6; padding: 3px 6px; }
.meta { margin-top: 14px; font-size: 13px; color: #59636e; }
.nightMode .meta, .night_mode .meta { color: #9aa3ad; }
"""


class ExportError(Exception):
    """The export cannot be done as asked; the message says why (path, selection, ...)."""


@dataclass(frozen=True)
class ExportCard:
    key: str
    deck: str
    front: str
    back: str
    tags: tuple[str, ...]
    source_dir: Path | None  # where relative image paths are resolved
    front_html: str | None = None  # rendered already (from the cache), else rendered on write
    back_html: str | None = None


@dataclass
class ExportReport:
    path: Path
    notes: int
    decks: list[str]
    media: list[str]
    timestamp: float
    history_csv: Path | None = None
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        extra = f", {len(self.media)} media files" if self.media else ""
        return f"wrote {self.path}: {self.notes} notes in {len(self.decks)} decks{extra}" + (
            f"; review history in {self.history_csv}" if self.history_csv else ""
        )


def deck_id(name: str) -> int:
    """A deck id that depends only on the deck's name (1 is Anki's Default deck)."""
    value = int.from_bytes(hashlib.sha256(f"{GUID_NAMESPACE}:deck:{name}".encode()).digest()[:7])
    return value + 2  # 56 bits, never 0 or 1


def card_css() -> str:
    light = highlight_css(".card pre.highlight", dark=False)
    dark = highlight_css(".nightMode pre.highlight", dark=True) + highlight_css(
        ".night_mode pre.highlight", dark=True
    )
    keep = [line for line in (light + "\n" + dark).splitlines() if "pre.highlight" in line]
    return CARD_CSS + "\n".join(keep)


def model() -> Any:
    import genanki

    return genanki.Model(
        MODEL_ID,
        MODEL_NAME,
        fields=[{"name": name} for name in FIELDS],
        templates=[
            {
                "name": "Card 1",
                "qfmt": "{{Front}}",
                "afmt": '{{FrontSide}}<hr id="answer">{{Back}}<div class="meta">{{Topic}}</div>',
            }
        ],
        css=card_css(),
    )


_IMG = re.compile(r'<img src="(?P<src>[^"]+)"')
_SAFE_LINK = re.compile(r'<a href="(?!https?://|mailto:)[^"]*">')


def card_html(markdown: str) -> str:
    """Rendered, safe HTML: raw HTML in content is escaped by the renderer, and any link that
    is not http(s) or mailto is dropped to plain text."""
    rendered = render_markdown(markdown, classes=True)
    return _SAFE_LINK.sub("<a>", rendered)


def _media(rendered: str, card: ExportCard, media: dict[str, Path], warnings: list[str]) -> str:
    """Point local images at their basename and collect the files to ship as media."""

    if "<img" not in rendered:
        return rendered

    def swap(match: re.Match[str]) -> str:
        source = html.unescape(match["src"])
        if re.match(r"^[a-z]+:", source) or card.source_dir is None:
            return match.group(0)
        path = (card.source_dir / source).resolve()
        if not path.is_file():
            warnings.append(f"card {card.key}: image {source} not found; left out")
            return match.group(0)
        name = f"rd-{hashlib.sha256(str(path).encode()).hexdigest()[:10]}-{path.name}"
        media[name] = path
        return f'<img src="{html.escape(name)}"'

    return _IMG.sub(swap, rendered)


RENDER_VERSION = "1"  # bump when card_html() changes what it produces


def _digest(text: str) -> str:
    return hashlib.sha256(f"{RENDER_VERSION}\0anki\0{text}".encode()).hexdigest()


def next_timestamp(session: Session, now: float) -> float:
    """Strictly after the previous export's, even within the same second."""
    row = session.get(Meta, LAST_EXPORT_KEY)
    previous = float(row.value) if row else 0.0
    stamp = max(float(int(now)), float(int(previous)) + 1.0)
    session.merge(Meta(key=LAST_EXPORT_KEY, value=repr(stamp)))
    return stamp


def collect(
    session: Session,
    card_ids: list[int] | None,
    content_root_of: Callable[[str | None], Path | None],
) -> list[ExportCard]:
    """The cards to export (all active ones when ``card_ids`` is None) as plain data, with
    their rendered HTML. A card keeps its last rendering and a digest of the text it came
    from, so a re-export renders again only the cards whose text changed."""
    query = (
        select(
            Card.id,
            Card.key,
            Deck.name,
            Card.front,
            Card.back,
            Card.user_front,
            Card.user_back,
            Card.source_file,
            Card.export_digest,
            Card.export_front_html,
            Card.export_back_html,
        )
        .join(Deck, Deck.id == Card.deck_id)
        .where(Card.retired_at.is_(None))
        .order_by(Deck.name, Card.id)
    )
    if card_ids is not None:
        query = query.where(Card.id.in_(card_ids))
    rows = session.execute(query).all()
    tags: dict[int, list[str]] = {}
    for card_id, tag in session.execute(select(CardTag.card_id, CardTag.tag)):
        tags.setdefault(card_id, []).append(tag)
    roots: dict[str | None, Path | None] = {}
    cards: list[ExportCard] = []
    stale: list[dict[str, Any]] = []
    for row in rows:
        front = row.user_front if row.user_front is not None else row.front
        back = row.user_back if row.user_back is not None else row.back
        digest = _digest(front + "\0" + back)
        if digest == row.export_digest and row.export_front_html is not None:
            front_html, back_html = row.export_front_html, row.export_back_html
        else:
            front_html, back_html = card_html(front), card_html(back)
            stale.append(
                {
                    "id": row.id,
                    "export_digest": digest,
                    "export_front_html": front_html,
                    "export_back_html": back_html,
                }
            )
        if row.source_file not in roots:
            roots[row.source_file] = content_root_of(row.source_file)
        cards.append(
            ExportCard(
                key=row.key,
                deck=row.name,
                front=front,
                back=back,
                tags=tuple(sorted(tags.get(row.id, []))),
                source_dir=roots[row.source_file],
                front_html=front_html,
                back_html=back_html,
            )
        )
    if stale:
        session.execute(update(Card), stale)  # bulk update by primary key
    return cards


def write_package(
    cards: list[ExportCard],
    out: Path,
    timestamp: float,
    progress: Callable[[int, int], None] | None = None,
) -> ExportReport:
    """Build and write the .apkg (no database access: callable from a worker thread)."""
    import genanki

    if not cards:
        raise ExportError("nothing to export: the selection holds no cards")
    if out.suffix.lower() != ".apkg":
        raise ExportError(f"{out}: an Anki package must end in .apkg")
    if not out.parent.is_dir():
        raise ExportError(f"{out.parent}: no such folder")
    note_model = model()
    decks: dict[str, Any] = {}
    media: dict[str, Path] = {}
    warnings: list[str] = []
    for done, card in enumerate(cards, start=1):
        deck = decks.get(card.deck)
        if deck is None:
            deck = decks[card.deck] = genanki.Deck(deck_id(card.deck), card.deck)
        front_html = card.front_html if card.front_html is not None else card_html(card.front)
        back_html = card.back_html if card.back_html is not None else card_html(card.back)
        front = _media(front_html, card, media, warnings)
        back = _media(back_html, card, media, warnings)
        topic = html.escape(" · ".join(card.tags))
        deck.add_note(
            genanki.Note(
                model=note_model,
                fields=[front, back, topic, html.escape(card.key)],
                tags=list(card.tags),
                guid=genanki.guid_for(GUID_NAMESPACE, card.key),
            )
        )
        if progress is not None and (done % 500 == 0 or done == len(cards)):
            progress(done, len(cards))
    staged = _stage_media(media, out)
    try:
        package = genanki.Package(list(decks.values()), media_files=[str(p) for p in staged])
        partial = out.with_name(out.name + ".partial")
        try:
            package.write_to_file(str(partial), timestamp=timestamp)
        except OSError as exc:
            raise ExportError(f"{out}: cannot write ({exc.strerror})") from exc
        partial.replace(out)
    finally:
        for path in staged:
            path.unlink(missing_ok=True)
        if staged:
            staged[0].parent.rmdir()
    return ExportReport(out, len(cards), sorted(decks), sorted(media), timestamp, warnings=warnings)


def _stage_media(media: dict[str, Path], out: Path) -> list[Path]:
    """genanki names media by basename: copy each file under its unique export name."""
    if not media:
        return []
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="rd-anki-media-"))
    staged = []
    for name, source in media.items():
        target = folder / name
        shutil.copyfile(source, target)
        staged.append(target)
    return staged


def write_history_csv(session: Session, card_keys: set[str], out: Path) -> Path:
    """The review log of the exported cards (genanki packages carry no scheduling)."""
    target = out.with_suffix(".reviews.csv")
    rows = session.execute(
        select(
            Card.key,
            ReviewLog.reviewed_at,
            ReviewLog.kind,
            ReviewLog.grade,
            ReviewLog.interval_after,
            ReviewLog.ease_after,
            ReviewLog.answer_ms,
        )
        .join(Card, Card.id == ReviewLog.card_id)
        .order_by(ReviewLog.reviewed_at)
    )
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["card_key", "reviewed_at_utc", "kind", "grade", "interval_days", "ease", "answer_ms"]
        )
        for key, when, kind, grade, interval, ease, answer_ms in rows:
            if key in card_keys:
                when_text = when.isoformat() if isinstance(when, datetime) else str(when)
                writer.writerow([key, when_text, kind, grade, interval, f"{ease:.2f}", answer_ms])
    return target


def export_anki(
    store: Store,
    out: Path,
    *,
    decks: tuple[str, ...] = (),
    query: str | None = None,
    with_history: bool = False,
    progress: Callable[[int, int], None] | None = None,
    roots: list[ContentRoot] | None = None,
) -> ExportReport:
    """Export everything, some decks (with their subdecks), or a browser search's result.
    ``roots``: the content roots the cards were synced from (for images beside a deck)."""
    from roadmap_desktop.core.clock import study_day
    from roadmap_desktop.core.content.service import roots_for
    from roadmap_desktop.core.srs import browse, queue

    roots = roots if roots is not None else roots_for(store)
    bundled = next((root.path for root in roots if root.bundled), Path.cwd())

    def content_root_of(source_file: str | None) -> Path | None:
        if not source_file:
            return None
        source = Path(source_file)
        return (source if source.is_absolute() else bundled / source).parent

    with store.session() as session:
        ids: set[int] | None = None
        if decks:
            ids = set()
            for name in decks:
                found = queue.subtree_ids(session, name) or []
                if not found:
                    raise ExportError(f"no deck named {name!r}")
                ids |= set(session.scalars(select(Card.id).where(Card.deck_id.in_(found))))
        if query:
            matched = set(browse.search_ids(session, query, study_day(store.clock.now())))
            ids = matched if ids is None else ids & matched
        cards = collect(session, sorted(ids) if ids is not None else None, content_root_of)
        if not cards:
            raise ExportError("nothing to export: the selection holds no cards")
        timestamp = next_timestamp(session, store.clock.now().timestamp())
    report = write_package(cards, out, timestamp, progress)
    if with_history:
        with store.session() as session:
            report.history_csv = write_history_csv(session, {c.key for c in cards}, out)
    return report

"""Parse one deck file (docs/content-format.md): TOML front matter, then `## key` cards.

The parser is line-based and fence-aware, so every problem carries the line it is on, and a
bad card costs only that card.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field

from roadmap_desktop.core.content.model import CardSpec, ContentIssue, is_key
from roadmap_desktop.core.content.toml_files import load_toml, toml_error

FRONT_MATTER = "+++"
SEPARATOR = "---"
_HEADING = re.compile(r"^##(?:\s+(?P<key>.*?))?\s*$")
_TAGS = re.compile(r"^tags:\s*(?P<tags>.*)$", re.IGNORECASE)
_FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})")
_DECK_FIELDS = {"deck", "tags"}

_ErrorFn = Callable[[int | None, str], None]


@dataclass
class DeckParse:
    cards: list[CardSpec] = field(default_factory=list)
    issues: list[ContentIssue] = field(default_factory=list)
    # Keys seen but not loaded (a broken card): their stored rows must not be retired.
    protected_keys: set[str] = field(default_factory=set)
    failed: bool = False  # the whole file was skipped


def parse_deck(data: bytes, file: str) -> DeckParse:
    result = DeckParse()

    def error(line: int | None, message: str) -> None:
        result.issues.append(ContentIssue(file, line, message))

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = _normalise_breaks(data[: exc.start])
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        error(
            line,
            f"invalid UTF-8 (byte 0x{data[exc.start]:02x} at column {column}); "
            "file skipped: save it as UTF-8",
        )
        result.failed = True
        return result

    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    header = _front_matter(lines, error)
    if header is None:
        result.failed = True
        return result
    deck, deck_tags, body_start = header

    _parse_cards(lines, body_start, deck, deck_tags, file, result, error)
    return result


def _front_matter(lines: list[str], error: _ErrorFn) -> tuple[str, tuple[str, ...], int] | None:
    """Return (deck name, file tags, index of first body line) or None when unusable."""
    if not lines or lines[0].strip() != FRONT_MATTER:
        error(
            1,
            "missing front matter: a deck file starts with a '+++' line, then "
            "deck = \"Name::Subdeck\", then '+++'; file skipped",
        )
        return None
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == FRONT_MATTER)
    except StopIteration:
        error(1, "front matter opened here is never closed with '+++'; file skipped")
        return None
    try:
        meta = load_toml("\n".join(lines[1:end]))
    except tomllib.TOMLDecodeError as exc:
        found, reason = toml_error(exc)
        line = found + 1 if found else end  # +1: the front matter starts on line 2
        error(line, f"front matter is not valid TOML ({reason}); file skipped")
        return None

    for unknown in sorted(set(meta) - _DECK_FIELDS):
        error(
            _line_of(lines, 1, end, unknown) or 1,
            f"unknown front matter field '{unknown}' (allowed: deck, tags)",
        )
    deck = meta.get("deck")
    deck_line = _line_of(lines, 1, end, "deck") or 1
    if not isinstance(deck, str) or not deck.strip():
        error(deck_line, 'front matter needs deck = "Name" (a non-empty string); file skipped')
        return None
    parts = [part.strip() for part in deck.split("::")]
    if any(not part for part in parts):
        error(deck_line, f"deck name '{deck}' has an empty level between '::'; file skipped")
        return None
    tags_value = meta.get("tags", [])
    tags: list[str] = []
    if not isinstance(tags_value, list):
        error(_line_of(lines, 1, end, "tags"), "tags must be a list of strings")
    else:
        for tag in tags_value:
            if is_key(tag):
                tags.append(tag)
            else:
                error(_line_of(lines, 1, end, "tags"), f"bad tag {tag!r}: use lowercase-slugs")
    return "::".join(parts), tuple(tags), end + 1


def _parse_cards(
    lines: list[str],
    start: int,
    deck: str,
    deck_tags: tuple[str, ...],
    file: str,
    result: DeckParse,
    error: _ErrorFn,
) -> None:
    blocks: list[tuple[int, str, list[tuple[int, str]]]] = []  # (line, key, body lines)
    fence: str | None = None
    stray_reported = False
    for index in range(start, len(lines)):
        line_no, line = index + 1, lines[index]
        fence = _track_fence(line, fence)
        heading = _HEADING.match(line) if fence is None else None
        if heading:
            blocks.append((line_no, (heading["key"] or "").strip(), []))
        elif blocks:
            blocks[-1][2].append((line_no, line))
        elif line.strip() and not line.startswith("# ") and not stray_reported:
            error(line_no, "text before the first card (a card starts with '## card-key')")
            stray_reported = True

    for line_no, key, body in blocks:
        card = _card(line_no, key, body, deck, deck_tags, file, error)
        if card is not None:
            result.cards.append(card)
        elif is_key(key):
            result.protected_keys.add(key)


def _card(
    line_no: int,
    key: str,
    body: list[tuple[int, str]],
    deck: str,
    deck_tags: tuple[str, ...],
    file: str,
    error: _ErrorFn,
) -> CardSpec | None:
    if not is_key(key):
        shown = f"'{key}'" if key else "nothing"
        error(
            line_no,
            f"card key {shown} is not a key: use lowercase letters, digits and "
            "single '-' or '.' (e.g. event-loop-phases)",
        )
        return None
    while body and not body[0][1].strip():
        body = body[1:]
    tags = list(deck_tags)
    if body and (tag_line := _TAGS.match(body[0][1].strip())):
        for tag in (t.strip() for t in tag_line["tags"].split(",")):
            if not is_key(tag):
                error(body[0][0], f"card '{key}': bad tag {tag!r}: use lowercase-slugs")
                return None
            if tag not in tags:
                tags.append(tag)
        body = body[1:]

    fence: str | None = None
    split_at = None
    for position, (_, line) in enumerate(body):
        fence = _track_fence(line, fence)
        if fence is None and line.strip() == SEPARATOR:
            split_at = position
            break
    if split_at is None:
        error(line_no, f"card '{key}' has no '---' line between front and back")
        return None
    front = _join(body[:split_at])
    back = _join(body[split_at + 1 :])
    if not front:
        error(line_no, f"card '{key}' has an empty front")
        return None
    if not back:
        error(line_no, f"card '{key}' has an empty back")
        return None
    return CardSpec(key, deck, front, back, tuple(tags), file, line_no)


def _normalise_breaks(data: bytes) -> bytes:
    """CRLF and lone CR count as one line break each, as editors show them."""
    return data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")


def _join(lines: list[tuple[int, str]]) -> str:
    return "\n".join(line for _, line in lines).strip("\n").rstrip()


def _track_fence(line: str, fence: str | None) -> str | None:
    """Return the fence open after this line (None outside code blocks)."""
    stripped = line.lstrip(" ")
    if len(line) - len(stripped) > 3:
        return fence
    match = _FENCE.match(stripped)
    if fence is None:
        return match["fence"] if match else None
    closes = (
        match is not None
        and match["fence"][0] == fence[0]
        and len(match["fence"]) >= len(fence)
        and not stripped[len(match["fence"]) :].strip()
    )
    return None if closes else fence


def _line_of(lines: list[str], start: int, end: int, field_name: str) -> int | None:
    pattern = re.compile(rf"^\s*{re.escape(field_name)}\s*=")
    for index in range(start, end):
        if pattern.match(lines[index]):
            return index + 1
    return None

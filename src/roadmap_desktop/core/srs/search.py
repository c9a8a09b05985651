"""The browser's search language, compiled to SQL (never filtering cards in Python).

free words          front or back contains each word (case-insensitive)
"a phrase"          front or back contains the phrase
deck:NAME           the deck and its subdecks (deck:"Node.js::Event Loop" for spaces)
tag:NAME            carries the tag
is:new|due|suspended|buried|edited|mine
prop:ease<2  prop:lapses>3  prop:ivl>=30  prop:reps=0      (< <= = >= > !=)
-TERM               negates any term
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, not_, or_, select, true

from roadmap_desktop.core.store.models import Card, CardTag, Deck, Origin

_PROP = re.compile(r"^(?P<name>[a-z]+)(?P<op><=|>=|!=|=|<|>)(?P<value>-?\d+(?:\.\d+)?)$")
PROPS: dict[str, Any] = {
    "ease": Card.ease,
    "lapses": Card.lapses,
    "ivl": Card.interval,
    "reps": Card.reps,
}


class SearchError(ValueError):
    """The query cannot be understood; the message names the term."""


@dataclass(frozen=True)
class Query:
    text: str
    condition: ColumnElement[bool]


def compile_query(text: str, today: date) -> Query:
    try:
        terms = shlex.split(text)
    except ValueError as exc:
        raise SearchError(f"unbalanced quotes in {text!r}") from exc
    conditions = [_term(term, today) for term in terms]
    return Query(text, and_(true(), *conditions) if conditions else true())


def _term(term: str, today: date) -> ColumnElement[bool]:
    if term.startswith("-") and len(term) > 1:
        return not_(_term(term[1:], today))
    key, sep, value = term.partition(":")
    if not sep or key not in ("deck", "tag", "is", "prop", "key"):
        like = f"%{_escape(term)}%"
        return or_(
            *(
                column.ilike(like, escape="\\")
                for column in (Card.front, Card.back, Card.user_front, Card.user_back)
            )
        )
    if not value:
        raise SearchError(f"'{term}' needs a value after the colon")
    if key == "deck":
        return Card.deck_id.in_(
            select(Deck.id).where(
                or_(
                    Deck.name.ilike(_escape(value), escape="\\"),
                    Deck.name.ilike(_escape(value) + "::%", escape="\\"),
                )
            )
        )
    if key == "key":  # a card's stable key, exactly (what Stats links to)
        return Card.key == value
    if key == "tag":
        return exists().where(CardTag.card_id == Card.id, CardTag.tag == value.lower())
    if key == "is":
        return _state(value, today, term)
    return _prop(value, term)


def _state(value: str, today: date, term: str) -> ColumnElement[bool]:
    states: dict[str, ColumnElement[bool]] = {
        "new": Card.due.is_(None),
        "due": and_(Card.due.is_not(None), Card.due <= today, Card.suspended.is_(False)),
        "suspended": Card.suspended.is_(True),
        "buried": and_(Card.buried_until.is_not(None), Card.buried_until > today),
        "edited": or_(
            Card.user_front.is_not(None),
            Card.user_back.is_not(None),
            Card.user_deck.is_(True),
            Card.user_tags.is_(True),
        ),
        "mine": Card.origin == Origin.USER,
    }
    if value not in states:
        raise SearchError(f"'{term}': is: takes one of {', '.join(states)}")
    return states[value]


def _prop(value: str, term: str) -> ColumnElement[bool]:
    match = _PROP.match(value)
    if match is None or match["name"] not in PROPS:
        raise SearchError(
            f"'{term}': write prop:NAME<op>NUMBER with NAME one of "
            f"{', '.join(PROPS)}, e.g. prop:ease<2"
        )
    column, number = PROPS[match["name"]], float(match["value"])
    condition: ColumnElement[bool] = {
        "<": column < number,
        "<=": column <= number,
        "=": column == number,
        ">=": column >= number,
        ">": column > number,
        "!=": column != number,
    }[match["op"]]
    return condition


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


__all__ = ["Query", "SearchError", "compile_query"]

"""Study settings kept in the store's meta table, so the CLI and the GUI agree."""

from __future__ import annotations

from dataclasses import dataclass, fields

from sqlalchemy.orm import Session

from roadmap_desktop.core.clock import DEFAULT_DAY_START_HOUR
from roadmap_desktop.core.store.models import Meta

_PREFIX = "srs."
LIMITS = {"new_per_day": (0, 9999), "reviews_per_day": (0, 99999), "day_start_hour": (0, 23)}


@dataclass(frozen=True)
class StudySettings:
    new_per_day: int = 20
    reviews_per_day: int = 200
    day_start_hour: int = DEFAULT_DAY_START_HOUR


def load_settings(session: Session) -> StudySettings:
    values: dict[str, int] = {}
    for f in fields(StudySettings):
        row = session.get(Meta, _PREFIX + f.name)
        if row is not None and row.value.lstrip("-").isdigit():
            low, high = LIMITS[f.name]
            values[f.name] = min(high, max(low, int(row.value)))
    return StudySettings(**values)


def save_settings(session: Session, settings: StudySettings) -> None:
    for f in fields(StudySettings):
        value = getattr(settings, f.name)
        low, high = LIMITS[f.name]
        if not low <= value <= high:
            raise ValueError(f"{f.name} must be from {low} to {high}, not {value}")
        session.merge(Meta(key=_PREFIX + f.name, value=str(value)))

"""The bundled curriculum as a reviewer would check it: every seed has its track, every tag
links cards and tasks, keys are unique, links are real URLs, and docs/curriculum.md is current.
"""

import subprocess
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from roadmap_desktop.core.content.loader import load_content
from roadmap_desktop.core.content.locate import ContentRoot, bundled_root
from roadmap_desktop.core.content.model import ContentBundle

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
from curriculum_report import SEEDS, covered_days, numbers  # noqa: E402

SEEDS_DIR = REPO.parent / "shared" / "seeds"


@pytest.fixture(scope="module")
def bundle() -> ContentBundle:
    return load_content([ContentRoot(bundled_root(), bundled=True)])


def test_the_curriculum_loads_clean(bundle: ContentBundle) -> None:
    assert [str(i) for i in bundle.issues] == []


def test_every_seed_has_its_track_with_a_task_per_day_or_week(bundle: ContentBundle) -> None:
    tracks = {t.key: t for t in bundle.tracks}
    seeds_named = {t.seed for t in bundle.tracks}
    for plan in SEEDS:
        assert plan.seed in seeds_named, f"no track for seed {plan.seed}"
        track = tracks[plan.track]
        assert track.seed == plan.seed
        if plan.count:
            assert len(track.tasks) >= plan.count, (plan.track, len(track.tasks))
            covered = covered_days(track) if plan.unit == "day" else numbers(track, "week")
            assert set(range(1, plan.count + 1)) <= covered, plan.track
    if SEEDS_DIR.is_dir():  # beside the repository in this workplace
        assert {p.name for p in SEEDS_DIR.glob("*.txt")} == {p.seed for p in SEEDS}


def test_the_advanced_track_keeps_its_eight_phases_and_their_weeks(bundle: ContentBundle) -> None:
    track = next(t for t in bundle.tracks if t.key == "node-advanced")
    phase_titles = [title for _, title in track.phases]
    assert sum(title.startswith("Phase ") for title in phase_titles) == 8
    weeks = numbers(track, "week")
    assert max(weeks) >= 2 + 3 + 4 + 4 + 3 + 4 + 3 + 3  # the upper bounds of the durations


def test_at_least_500_cards_and_every_topic_has_cards(bundle: ContentBundle) -> None:
    assert len(bundle.cards) >= 500
    per_topic = Counter(tag for card in bundle.cards for tag in card.tags)
    empty = [t.key for t in bundle.topics if per_topic[t.key] == 0]
    assert empty == []


def test_every_task_tag_has_cards_and_every_tag_is_known(bundle: ContentBundle) -> None:
    known = {t.key for t in bundle.topics}
    card_tags = {tag for card in bundle.cards for tag in card.tags}
    task_tags = {tag for track in bundle.tracks for task in track.tasks for tag in task.tags}
    assert card_tags <= known
    assert task_tags <= known
    assert task_tags <= card_tags


def test_every_task_is_complete(bundle: ContentBundle) -> None:
    incomplete = [
        task.key
        for track in bundle.tracks
        for task in track.tasks
        if not (task.description and task.checklist and task.tags and task.minutes)
    ]
    assert incomplete == []
    reading = [t for track in bundle.tracks for t in track.tasks if t.kind in ("theory", "reading")]
    assert sum(bool(t.resources) for t in reading) / len(reading) > 0.9


def test_keys_are_unique_across_kinds_of_content(bundle: ContentBundle) -> None:
    keys = Counter(
        [c.key for c in bundle.cards]
        + [t.key for track in bundle.tracks for t in track.tasks]
        + [t.key for t in bundle.tracks]
    )
    assert [k for k, n in keys.items() if n > 1] == []


def test_resources_are_well_formed_urls_and_cited(bundle: ContentBundle) -> None:
    for resource in bundle.resources:
        parts = urlsplit(resource.url)
        assert parts.scheme == "https" or resource.url.startswith("http://"), resource.key
        assert "." in parts.netloc and " " not in resource.url, resource.key
    cited = {key for track in bundle.tracks for task in track.tasks for key in task.resources}
    uncited = [r.key for r in bundle.resources if r.key not in cited]
    assert len(uncited) <= len(bundle.resources) * 0.05, uncited


def test_prompts_cover_the_seeds_tiered_list(bundle: ContentBundle) -> None:
    keys = {p.key for p in bundle.prompts}
    assert {"url-shortener", "rate-limiter", "twitter", "uber", "netflix"} <= keys
    assert {p.tier for p in bundle.prompts} == {1, 2, 3}
    for prompt in bundle.prompts:
        assert all(
            prompt.details[name]
            for name in (
                "functional",
                "non_functional",
                "scale_questions",
                "components",
                "deep_dives",
                "pitfalls",
            )
        ), prompt.key


def test_russian_originals_are_kept_beside_the_translation(bundle: ContentBundle) -> None:
    track = next(t for t in bundle.tracks if t.key == "node-90-days")
    assert all(t.title_original and t.description_original for t in track.tasks)
    assert all(
        any("\u0400" <= ch <= "\u04ff" for ch in t.description_original or "") for t in track.tasks
    )


def test_docs_curriculum_is_generated_and_current() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "curriculum_report.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_forty_plus_exercises_each_linked_from_a_task(bundle: ContentBundle) -> None:
    from roadmap_desktop.core.exercises.catalog import load_exercises

    specs, issues = load_exercises([ContentRoot(bundled_root(), bundled=True)])
    assert issues == [] and len(specs) >= 40
    known = {t.key for t in bundle.topics}
    assert all(set(spec.topics) <= known for spec in specs)
    assert all(spec.source.startswith("seed ") for spec in specs)
    cited = {slug for track in bundle.tracks for task in track.tasks for slug in task.exercises}
    assert {spec.slug for spec in specs} <= cited
    assert cited <= {spec.slug for spec in specs}, "a task cites an exercise that does not exist"


def test_exercise_links_are_current() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "link_exercises.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr

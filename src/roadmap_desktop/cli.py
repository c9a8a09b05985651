"""Command line: `roadmap-desktop` opens the window; sub-commands work headless.

Modules are imported inside each command so that `--help` and small commands start fast and
the GUI path does not pay for what it does not use. Errors meant for the user are printed as
one clear message (exit 2), never as a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from roadmap_desktop import __version__

if TYPE_CHECKING:
    from roadmap_desktop.core.paths import AppPaths
    from roadmap_desktop.core.store.database import Store

VIEWS = ("today", "review", "exercises", "mock", "plan", "browse", "stats", "settings")
EXIT_OK, EXIT_PROBLEMS, EXIT_ERROR = 0, 1, 2


class UserError(Exception):
    """A problem the user can fix; printed without a traceback."""


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="where the database, backups and your content live "
        "(default: $ROADMAP_DESKTOP_HOME, else the platform's data dir)",
    )
    common.add_argument(
        "--db-url",
        metavar="URL",
        default=argparse.SUPPRESS,
        help="any SQLAlchemy database URL instead of the built-in SQLite file",
    )

    parser = argparse.ArgumentParser(
        prog="roadmap-desktop",
        parents=[common],
        description="A study companion for the Node.js backend + system design roadmap. "
        "With no command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"roadmap-desktop {__version__}")
    parser.add_argument("--exit-after-first-frame", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--exit-when-ready", action="store_true", help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, parents=[common], help=help_text, description=help_text)

    add("gui", "open the main window (the default)")

    doctor = add("doctor", "check Python, Qt, Node.js, the data folder, the schema and content")
    doctor.add_argument("--json", action="store_true", help="print the checks as JSON")

    content = add("content", "work with the curriculum files")
    content_commands = content.add_subparsers(
        dest="content_command", metavar="ACTION", required=True
    )
    check = content_commands.add_parser(
        "check",
        parents=[common],
        help="validate bundled and user content and print counts per kind",
    )
    check.add_argument("--json", action="store_true", help="print counts and issues as JSON")
    content_commands.add_parser(
        "sync", parents=[common], help="sync the content into the database now"
    )

    stats = add("stats", "study statistics: cards, reviews, plan, exercises, mock interviews")
    stats.add_argument("--json", action="store_true", help="print every aggregate as JSON")
    stats.add_argument(
        "--deck", metavar="NAME", help="only this deck and its subdecks (review figures)"
    )
    stats.add_argument(
        "--days",
        type=int,
        default=30,
        metavar="N",
        help="per-day series cover the last N study days (default: %(default)s)",
    )

    shot = add("screenshot", "render a place of the main window offscreen to a PNG file")
    shot.add_argument("view", choices=VIEWS, help="the place to show")
    shot.add_argument("--out", required=True, metavar="FILE.png", type=Path)
    shot.add_argument("--theme", choices=("light", "dark"), default="light")
    shot.add_argument("--size", default="1280x800", metavar="WxH", type=_size)
    shot.add_argument(
        "--scale",
        type=float,
        default=1.0,
        metavar="N",
        help="device pixel ratio, e.g. 2 for a high-DPI (retina) image",
    )

    exercise = add("exercise", "list, run and check the JavaScript exercises")
    exercise_commands = exercise.add_subparsers(
        dest="exercise_command", metavar="ACTION", required=True
    )
    listing = exercise_commands.add_parser("list", parents=[common], help="list the exercises")
    listing.add_argument("--json", action="store_true", help="print as JSON")
    run = exercise_commands.add_parser(
        "run",
        parents=[common],
        help="run an exercise's tests (exit 0 pass, 1 fail, 2 error or timeout)",
    )
    run.add_argument("slug")
    run.add_argument(
        "--solution",
        type=Path,
        metavar="PATH",
        help="the file to test (default: your workspace copy)",
    )
    run.add_argument("--json", action="store_true", help="print the full result as JSON")
    check = exercise_commands.add_parser(
        "check",
        parents=[common],
        help="author check: references pass, starters fail, test names match",
    )
    check.add_argument("slugs", nargs="*", metavar="SLUG")

    plan = add("plan", "follow tracks: enrol, see today's tasks, mark them done")
    plan_commands = plan.add_subparsers(dest="plan_command", metavar="ACTION", required=True)
    tracks = plan_commands.add_parser("tracks", parents=[common], help="the tracks and progress")
    tracks.add_argument("--json", action="store_true", help="print as JSON")
    enroll = plan_commands.add_parser("enroll", parents=[common], help="start following a track")
    enroll.add_argument("track", metavar="TRACK")
    enroll.add_argument("--start", required=True, type=_date, metavar="YYYY-MM-DD")
    enroll.add_argument("--days", default="mon,tue,wed,thu,fri", metavar="mon,tue,...")
    enroll.add_argument(
        "--minutes", type=int, default=90, metavar="N", help="minutes a study day (default 90)"
    )
    today = plan_commands.add_parser("today", parents=[common], help="today's tasks")
    today.add_argument("--json", action="store_true", help="print as JSON")
    done = plan_commands.add_parser("done", parents=[common], help="mark a task done")
    done.add_argument("task", metavar="TASK_KEY")
    done.add_argument("--minutes", type=int, metavar="N", help="how long it really took")

    mock = add("mock", "system-design mock interviews: prompts, history, export")
    mock_commands = mock.add_subparsers(dest="mock_command", metavar="ACTION", required=True)
    prompts = mock_commands.add_parser("prompts", parents=[common], help="list the prompts")
    prompts.add_argument("--json", action="store_true", help="print as JSON")
    mock_history = mock_commands.add_parser(
        "history", parents=[common], help="finished sessions with their scores"
    )
    mock_history.add_argument("--json", action="store_true", help="print as JSON")
    mock_export = mock_commands.add_parser(
        "export", parents=[common], help="write a session as Markdown"
    )
    mock_export.add_argument("session_id", type=int, metavar="SESSION_ID")
    mock_export.add_argument("--out", required=True, type=Path, metavar="FILE.md")

    anki = add(
        "export-anki",
        "export flashcards to an Anki package (.apkg); re-exports update the notes already in Anki",
    )
    anki.add_argument("--out", required=True, type=Path, metavar="FILE.apkg")
    anki.add_argument(
        "--deck",
        action="append",
        default=[],
        metavar="NAME",
        help="only this deck and its subdecks (repeatable)",
    )
    anki.add_argument(
        "--query", metavar="Q", help='only cards matching a browser search, e.g. "tag:redis is:due"'
    )
    anki.add_argument(
        "--with-history",
        action="store_true",
        help="also write the review history as FILE.reviews.csv",
    )

    add("backup", "back up the database now (kept until you delete it)")
    restore = add(
        "restore", "replace the database with a backup (the current state is backed up first)"
    )
    restore.add_argument("file", type=Path, metavar="FILE")
    return parser


def _date(text: str) -> Any:
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date like 2026-03-02, not {text!r}") from None


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        message = f"expected WIDTHxHEIGHT such as 1280x800, not {text!r}"
        raise argparse.ArgumentTypeError(message) from None
    if not (320 <= width <= 7680 and 240 <= height <= 4320):
        raise argparse.ArgumentTypeError(f"size {text} is out of range (320x240 .. 7680x4320)")
    return width, height


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handlers: dict[str | None, Callable[[argparse.Namespace], int]] = {
        None: cmd_gui,
        "gui": cmd_gui,
        "doctor": cmd_doctor,
        "content": cmd_content,
        "stats": cmd_stats,
        "screenshot": cmd_screenshot,
        "backup": cmd_backup,
        "restore": cmd_restore,
        "exercise": cmd_exercise,
        "export-anki": cmd_export_anki,
        "mock": cmd_mock,
        "plan": cmd_plan,
    }
    from roadmap_desktop.core.errors import StoreError

    try:
        return handlers[args.command](args)
    except (UserError, StoreError) as exc:
        print(f"roadmap-desktop: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. `roadmap-desktop mock prompts | head`: the reader left
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:
        # A full disk, a read-only data folder or a database another process keeps locked,
        # met outside the store's own translation: one clear message, not a traceback.
        from roadmap_desktop.core.store.engine import sqlite_path, translate_error

        url = getattr(args, "db_url", None) or _paths(args).db_url
        translated = translate_error(exc, sqlite_path(url))
        if translated is None:
            raise
        print(f"roadmap-desktop: error: {translated}", file=sys.stderr)
        return EXIT_ERROR


def _paths(args: argparse.Namespace) -> AppPaths:
    from roadmap_desktop.core.paths import resolve_paths

    return resolve_paths(getattr(args, "data_dir", None))


def _open_store(args: argparse.Namespace) -> Store:
    from roadmap_desktop.core.store.database import Store

    return Store.open(_paths(args), getattr(args, "db_url", None))


@contextmanager
def _synced_store(args: argparse.Namespace) -> Iterator[Store]:
    """The store, with the content synced first if it changed; closed afterwards."""
    from roadmap_desktop.core.content import service

    store = _open_store(args)
    try:
        if service.content_changed(store):
            service.sync(store)
        yield store
    finally:
        store.close()


def _print_json(data: Any) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def cmd_gui(args: argparse.Namespace) -> int:
    from roadmap_desktop.core.display import NO_DISPLAY_MESSAGE, gui_platform

    if gui_platform() is None:
        raise UserError(NO_DISPLAY_MESSAGE)
    from roadmap_desktop.ui.app import run_gui

    return run_gui(
        _paths(args),
        getattr(args, "db_url", None),
        exit_after_first_frame=args.exit_after_first_frame,
        exit_when_ready=args.exit_when_ready,
    )


def cmd_doctor(args: argparse.Namespace) -> int:
    from roadmap_desktop.core.doctor import healthy, run_checks

    checks = run_checks(_paths(args), getattr(args, "db_url", None))
    ok = healthy(checks)
    if args.json:
        _print_json({"healthy": ok, "checks": [c.as_dict() for c in checks]})
    else:
        marks = {"ok": "ok  ", "warn": "warn", "fail": "FAIL"}
        for check in checks:
            print(f"[{marks[check.status]}] {check.name:<13} {check.detail}")
            if check.fix and check.status != "ok":
                print(f"       {'':<13} fix: {check.fix}")
        print("healthy" if ok else "problems found")
    return EXIT_OK if ok else EXIT_PROBLEMS


def cmd_content(args: argparse.Namespace) -> int:
    if args.content_command == "sync":
        from roadmap_desktop.core.content import service

        store = _open_store(args)
        try:
            outcome = service.sync(store)
        finally:
            store.close()
        for issue in outcome.bundle.issues:
            print(issue, file=sys.stderr)
        print(f"synced: {outcome.report.summary()}")
        return EXIT_PROBLEMS if outcome.bundle.errors else EXIT_OK

    from roadmap_desktop.core.content.loader import load_content
    from roadmap_desktop.core.content.locate import content_roots

    paths = _paths(args)
    try:
        roots = content_roots(paths.user_content_dir)
    except FileNotFoundError as exc:
        raise UserError(str(exc)) from exc
    bundle = load_content(roots)
    counts = bundle.counts()
    if args.json:
        _print_json(
            {
                "ok": not bundle.errors,
                "files": bundle.files_read,
                "counts": counts,
                "roots": [str(r.path) for r in roots],
                "issues": [i.as_dict() for i in bundle.issues],
            }
        )
    else:
        for issue in bundle.issues:
            print(issue, file=sys.stderr)
        width = max(len(kind) for kind in counts)
        for kind, number in counts.items():
            print(f"{kind:<{width}}  {number:>6}")
        verdict = (
            f"{len(bundle.errors)} errors, {len(bundle.warnings)} warnings in "
            f"{bundle.files_read} files"
        )
        print(verdict if bundle.issues else f"all {bundle.files_read} files valid")
    return EXIT_PROBLEMS if bundle.errors else EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    from datetime import timedelta

    from roadmap_desktop.core.clock import study_day
    from roadmap_desktop.core.content.service import roots_for
    from roadmap_desktop.core.exercises.catalog import load_exercises
    from roadmap_desktop.core.srs.settings import load_settings
    from roadmap_desktop.core.stats import StatsFilter, card_counts, collect, today_counts

    if not 1 <= args.days <= 3650:
        raise UserError(f"--days {args.days} is out of range (1 to 3650)")
    with _synced_store(args) as store:
        specs, _issues = load_exercises(roots_for(store))
        with store.session() as session:
            today = study_day(store.clock.now(), load_settings(session).day_start_hour)
            chosen = StatsFilter(args.deck, start=today - timedelta(days=args.days - 1))
            if args.deck is not None and not chosen.deck_ids(session):
                raise UserError(f"no deck '{args.deck}'")
            counts = card_counts(session, today)
            queue = today_counts(session, today)
            stats = collect(session, today, chosen, {s.slug: s.topics for s in specs})
    if args.json:
        _print_json(
            {
                **stats.as_dict(),
                "study_day": today.isoformat(),
                "cards": counts.as_dict(),
                "today": queue.as_dict(),
            }
        )
        return EXIT_OK
    print(f"study day {today.isoformat()}")
    print(
        f"  today: {queue.due} due, {queue.new_available} new available, "
        f"{queue.drill} to drill; done: {queue.reviews_done} reviews, "
        f"{queue.new_done} new"
    )
    for name, value in counts.as_dict().items():
        print(f"  {name.replace('_', ' '):<10} {value:>6}")
    _print_stats_summary(stats, args.days)
    return EXIT_OK


def _print_stats_summary(stats: Any, days: int) -> None:
    """The aggregates in a few lines; ``--json`` has every number."""
    reviews = stats.reviews
    where = f", deck {stats.filter.deck}" if stats.filter.deck else ""
    per_day = reviews.per_day
    answers = sum(d.total for d in per_day)
    seconds = sum(t.total_seconds for t in reviews.answer_time)
    print(f"reviews, last {days} days{where}:")
    active = sum(d.total > 0 for d in per_day)
    print(
        f"  {answers} answers on {active} day{'' if active == 1 else 's'}: "
        f"{sum(d.learned for d in per_day)} new learned, {sum(d.review for d in per_day)} "
        f"reviews, {sum(d.drill for d in per_day)} drills; {seconds / 60:.0f} min answering"
    )

    def rate(group: Any) -> str:
        share = "-" if group.rate is None else f"{group.rate:.0%}"
        return f"{share} ({group.passed}/{group.total})"

    retention = reviews.retention
    print(f"  retention: young {rate(retention.young)}, mature {rate(retention.mature)}")
    week = " ".join(str(n) for _, n in reviews.forecast[:7])
    print(f"  due next 7 days: {week}; next 30 days: {sum(n for _, n in reviews.forecast)}")
    year = [n for _, n in reviews.heatmap]
    streak = stats.plan.streak
    print(
        f"  last 12 months: {sum(year)} answers on {sum(n > 0 for n in year)} study days; "
        f"streak {streak.current} (longest {streak.longest})"
    )
    for card in reviews.hardest[:3]:
        print(f"  hardest: {card.front} ({card.lapses} lapses, ease {card.ease:.2f})")
    for track in stats.plan.tracks:
        print(
            f"plan {track.title}: {track.done}/{track.total} done, planned finish "
            f"{track.planned_finish or '-'}, projected {track.projected_finish or '-'}"
        )
    exercises = stats.exercises
    solved = len(exercises.solves)
    print(
        f"exercises: {solved} solved"
        + (
            f"; {exercises.mean_attempts:g} attempts per solve, "
            f"median {exercises.median_minutes:g} min to solve"
            if solved
            else ""
        )
    )
    averages = ", ".join(
        f"{s.signal} {s.average:g}" for s in stats.mock.signals if s.average is not None
    )
    mock = f"mock interviews: {stats.mock.interviews} finished"
    print(mock + (f"; average {averages}" if averages else ""))


def cmd_screenshot(args: argparse.Namespace) -> int:
    from roadmap_desktop.ui.screenshot import render_view

    out: Path = args.out
    if out.suffix.lower() != ".png":
        raise UserError(f"{out}: the output file must end in .png")
    if not out.parent.exists():
        raise UserError(f"{out.parent}: no such folder")
    width, height = args.size
    if not 1.0 <= args.scale <= 4.0:
        raise UserError(f"--scale {args.scale:g} is out of range (1 to 4)")
    render_view(
        _paths(args),
        getattr(args, "db_url", None),
        args.view,
        out,
        theme=args.theme,
        size=(width, height),
        scale=args.scale,
    )
    pixels = f"{round(width * args.scale)}x{round(height * args.scale)} pixels"
    print(f"wrote {out} ({width}x{height} at scale {args.scale:g}: {pixels}, {args.theme})")
    return EXIT_OK


def cmd_exercise(args: argparse.Namespace) -> int:
    from roadmap_desktop.core.content.locate import content_roots
    from roadmap_desktop.core.exercises.catalog import load_exercises
    from roadmap_desktop.core.exercises.runner import NodeMissingError

    paths = _paths(args)
    specs, issues = load_exercises(content_roots(paths.user_content_dir))
    for issue in issues:
        print(issue, file=sys.stderr)
    by_slug = {spec.slug: spec for spec in specs}
    try:
        if args.exercise_command == "list":
            return _exercise_list(args, specs)
        if args.exercise_command == "check":
            return _exercise_check(args, specs, by_slug)
        return _exercise_run(args, by_slug)
    except NodeMissingError as exc:
        raise UserError(str(exc)) from exc


def _exercise_list(args: argparse.Namespace, specs: list[Any]) -> int:
    from roadmap_desktop.core.exercises.progress import progress_rows

    store = _open_store(args)
    try:
        with store.session() as session:
            progress = progress_rows(session)
    finally:
        store.close()
    rows = [
        {
            "slug": s.slug,
            "title": s.title,
            "difficulty": s.difficulty,
            "minutes": s.minutes,
            "topics": list(s.topics),
            "source": s.source,
            "state": progress[s.slug].state if s.slug in progress else "new",
        }
        for s in specs
    ]
    if args.json:
        _print_json(rows)
    else:
        for row in rows:
            print(
                f"{row['slug']:<22} {row['state']:<10} {row['difficulty']:<7} "
                f"{row['minutes']:>3} min  {row['title']}"
            )
    return EXIT_OK


def _exercise_run(args: argparse.Namespace, by_slug: dict[str, Any]) -> int:
    from roadmap_desktop.core.clock import utc_now
    from roadmap_desktop.core.exercises.progress import record_attempt
    from roadmap_desktop.core.exercises.runner import run_exercise
    from roadmap_desktop.core.exercises.workspace import ensure_workspace

    spec = by_slug.get(args.slug)
    if spec is None:
        raise UserError(f"no exercise '{args.slug}' (see: roadmap-desktop exercise list)")
    paths = _paths(args)
    if args.solution is not None:
        if len(spec.files) != 1:
            raise UserError(f"{args.slug} has several files; run it from your workspace")
        if not args.solution.is_file():
            raise UserError(f"{args.solution}: no such file")
        files = {spec.files[0]: args.solution}
    else:
        files = ensure_workspace(paths.workspace_dir, spec)
    result = run_exercise(spec, files)
    if args.solution is None:  # the learner's own attempt: remember it
        store = _open_store(args)
        try:
            with store.session() as session:
                record_attempt(session, result, utc_now(store.clock))
        finally:
            store.close()
    if args.json:
        _print_json(result.to_json())
    else:
        _print_run(result)
    return {"pass": EXIT_OK, "fail": EXIT_PROBLEMS}.get(result.status, EXIT_ERROR)


def _print_run(result: Any) -> None:
    marks = {"pass": "ok  ", "fail": "FAIL", "skip": "skip", "todo": "todo"}
    for test in result.tests:
        took = f" ({test.duration_ms:.0f} ms)" if test.duration_ms is not None else ""
        print(f"[{marks[test.status]}] {test.name}{took}")
        if test.status == "fail":
            if test.message:
                print(f"       {test.message.splitlines()[0]}")
            if test.expected is not None:
                print(f"       expected: {test.expected}\n       actual:   {test.actual}")
            for frame in test.frames[:1]:
                print(f"       at {frame.file}:{frame.line}:{frame.column}")
    if result.output:
        print("--- output ---")
        print(result.output)
    if result.explanation:
        print(result.explanation)
    print(
        f"{result.status}: {result.passed} passed, {result.failed} failed "
        f"in {result.wall_ms / 1000:.2f} s"
    )


def _exercise_check(args: argparse.Namespace, specs: list[Any], by_slug: dict[str, Any]) -> int:
    from roadmap_desktop.core.exercises.check import check_exercise

    unknown = [slug for slug in args.slugs if slug not in by_slug]
    if unknown:
        raise UserError(f"no exercise {', '.join(unknown)}")
    chosen = [by_slug[slug] for slug in args.slugs] if args.slugs else specs
    bad = 0
    for spec in chosen:
        result = check_exercise(spec)
        print(f"[{'ok  ' if result.ok else 'FAIL'}] {spec.slug}")
        for problem in result.problems:
            print(f"       {problem}")
        bad += not result.ok
    print(f"{len(chosen) - bad} passed, {bad} failed")
    return EXIT_PROBLEMS if bad else EXIT_OK


def cmd_plan(args: argparse.Namespace) -> int:
    from roadmap_desktop.core import catalog
    from roadmap_desktop.core.clock import study_day
    from roadmap_desktop.core.plan import service as plan
    from roadmap_desktop.core.srs.settings import load_settings

    with _synced_store(args) as store, store.session() as session:
        today = study_day(store.clock.now(), load_settings(session).day_start_hour)
        try:
            if args.plan_command == "tracks":
                progress = {p.track: p for p in plan.progress(session, today)}
                rows = [
                    {
                        "key": t.key,
                        "title": t.title,
                        "tasks": t.tasks,
                        "hours": round(t.minutes / 60),
                        "enrolled": t.key in progress,
                        "done": progress[t.key].done if t.key in progress else 0,
                        "finish": progress[t.key].finish if t.key in progress else None,
                    }
                    for t in catalog.tracks(session)
                ]
                if args.json:
                    _print_json(rows)
                else:
                    for r in rows:
                        state = (
                            f"enrolled, {r['done']}/{r['tasks']} done, finish {r['finish']}"
                            if r["enrolled"]
                            else "not enrolled"
                        )
                        print(
                            f"{r['key']:<24} {r['tasks']:>4} tasks {r['hours']:>4} h  "
                            f"{state}  {r['title']}"
                        )
                return EXIT_OK
            if args.plan_command == "enroll":
                plan.enroll(
                    session,
                    args.track,
                    args.start,
                    plan.parse_weekdays(args.days),
                    args.minutes,
                )
                print(
                    f"enrolled in {args.track} from {args.start}, {args.minutes} min on {args.days}"
                )
                return EXIT_OK
            if args.plan_command == "done":
                plan.complete(session, args.task, today, args.minutes)
                print(f"done: {args.task}")
                return EXIT_OK
            tasks = plan.today_tasks(session, today)
            streak = plan.streak(session, today)
        except plan.PlanError as exc:
            raise UserError(str(exc)) from exc
    if args.json:
        _print_json(
            {
                "study_day": today,
                "streak": streak,
                "tasks": [
                    {
                        "key": t.key,
                        "title": t.title,
                        "kind": t.kind,
                        "minutes": t.minutes,
                        "part": t.part,
                        "parts": t.parts,
                        "carried_over": t.carried_over,
                        "done": t.done,
                        "exercises": list(t.exercises),
                        "resources": list(t.resources),
                    }
                    for t in tasks
                ],
            }
        )
    else:
        print(f"{today:%A %d %B %Y} · streak {streak} day{'' if streak == 1 else 's'}")
        for t in tasks:
            mark = "x" if t.done else " "
            part = f" (part {t.part} of {t.parts})" if t.parts > 1 else ""
            carried = " · carried over" if t.carried_over else ""
            print(f"[{mark}] {t.key:<30} {t.minutes:>3} min  {t.title}{part}{carried}")
        if not tasks:
            print(
                "nothing planned today (enrol with: roadmap-desktop plan enroll TRACK --start DATE)"
            )
    return EXIT_OK


def cmd_mock(args: argparse.Namespace) -> int:
    from roadmap_desktop.core.mock import sessions

    with _synced_store(args) as store, store.session() as session:
        if args.mock_command == "prompts":
            choices = sessions.prompt_choices(session)
            if args.json:
                _print_json(
                    [
                        {
                            "key": c.key,
                            "title": c.title,
                            "tier": c.tier,
                            "minutes": c.minutes,
                            "times_practised": c.times,
                            "last_practised": c.last_practised,
                        }
                        for c in choices
                    ]
                )
            else:
                for c in choices:
                    when = f"last {c.last_practised:%Y-%m-%d}" if c.last_practised else "new"
                    print(f"tier {c.tier}  {c.minutes:>3} min  {c.key:<28} {when}")
            return EXIT_OK
        if args.mock_command == "history":
            rows = sessions.history(session)
            if args.json:
                _print_json(
                    [
                        {
                            "id": r.id,
                            "prompt": r.prompt_title,
                            "started_at": r.started_at,
                            "phase_minutes": dict(r.phase_minutes),
                            "scores": r.scores,
                        }
                        for r in rows
                    ]
                )
            else:
                for r in rows:
                    average = f"{r.average:.1f}/4" if r.average is not None else "-"
                    print(f"#{r.id:<4} {r.started_at:%Y-%m-%d}  {average:>6}  {r.prompt_title}")
                if not rows:
                    print("no finished mock interviews yet")
            return EXIT_OK
        try:
            text = sessions.export_markdown(session, args.session_id)
        except ValueError as exc:
            raise UserError(str(exc)) from exc
    try:
        args.out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UserError(f"{args.out}: cannot write ({exc.strerror})") from exc
    print(f"wrote {args.out}")
    return EXIT_OK


def cmd_export_anki(args: argparse.Namespace) -> int:
    from roadmap_desktop.core.export.anki import ExportError, export_anki
    from roadmap_desktop.core.srs.search import SearchError

    with _synced_store(args) as store:
        try:
            report = export_anki(
                store,
                args.out,
                decks=tuple(args.deck),
                query=args.query,
                with_history=args.with_history,
            )
        except (ExportError, SearchError) as exc:
            raise UserError(str(exc)) from exc
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(report.summary())
    for deck in report.decks:
        print(f"  {deck}")
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    store = _open_store(args)
    try:
        path = store.backup("manual")
    finally:
        store.close()
    print(f"backed up to {path}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from roadmap_desktop.core.store.backup import validate_backup

    validate_backup(args.file)  # before touching anything
    store = _open_store(args)
    try:
        safety = store.restore(args.file)
    finally:
        store.close()
    if safety:
        print(f"the state before the restore is saved as {safety}")
    print(f"restored {args.file}")
    return EXIT_OK

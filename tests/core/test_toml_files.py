"""Tracks, library and prompts in TOML: errors name the file, the line and the field."""

from roadmap_desktop.core.content.toml_files import parse_library, parse_prompts, parse_track

TRACK = """\
[track]
key = "demo"
title = "Demo track"

[[phases]]
key = "demo.p1"
title = "Phase one"

[[phases.tasks]]
key = "demo.t1"
title = "First"
kind = "build"
minutes = 60
tags = ["streams"]

[[phases.tasks]]
key = "demo.t2"
title = "Second"
kind = "lecture"
minutes = 0
colour = "blue"
"""


def test_a_track_keeps_good_tasks_and_locates_each_bad_field() -> None:
    result = parse_track(TRACK.encode(), "resources/tracks/demo.toml")
    [track] = result.tracks
    assert [t.key for t in track.tasks] == ["demo.t1"]
    assert track.tasks[0].phase_title == "Phase one" and track.tasks[0].line == 9
    by_line = {i.line: i.message for i in result.issues}
    assert "unknown field 'colour'" in by_line[21]
    assert "'kind' is 'lecture'" in by_line[19]
    assert "'minutes' must be a whole number" in by_line[20]
    assert all(m.startswith("task 'demo.t2'") for m in by_line.values())
    assert result.protected_keys == {"demo.t2"}


def test_track_syntax_error_is_located_and_skips_the_file() -> None:
    result = parse_track(b'[track]\nkey = "x"\ntitle = \n', "t.toml")
    assert result.failed and result.tracks == []
    assert result.issues[0].line == 3


def test_a_track_without_its_header_table() -> None:
    result = parse_track(b'[[phases]]\nkey = "p"\ntitle = "P"\n', "t.toml")
    assert result.failed and "[track]" in result.issues[0].message


def test_library_rejects_malformed_urls_and_unknown_kinds() -> None:
    data = b"""
[[resources]]
key = "good"
title = "Node docs"
url = "https://nodejs.org/api/stream.html"
kind = "doc"

[[resources]]
key = "bad-url"
title = "Broken"
url = "nodejs.org/api"
kind = "doc"

[[resources]]
key = "bad-kind"
title = "Odd"
url = "https://example.com/x"
kind = "rumour"
"""
    result = parse_library(data, "lib.toml")
    assert [r.key for r in result.resources] == ["good"]
    lines = sorted((i.line, i.message) for i in result.issues)
    assert lines[0][0] == 11 and "well-formed" in lines[0][1]
    assert lines[1][0] == 18 and "rumour" in lines[1][1]


def test_prompt_fields() -> None:
    data = b"""
[[prompts]]
key = "rate-limiter"
title = "Design a rate limiter"
tier = 1
minutes = 45
brief = "Limit requests per client."
pitfalls = ["Forgetting clock skew across nodes"]

[[prompts]]
key = "no-brief"
title = "Missing brief"
tier = 5
minutes = 45
"""
    result = parse_prompts(data, "p.toml")
    [prompt] = result.prompts
    assert prompt.details["pitfalls"] == ("Forgetting clock skew across nodes",)
    messages = " | ".join(i.message for i in result.issues)
    assert "missing field 'brief'" in messages and "'tier' must be" in messages

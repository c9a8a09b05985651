"""Benchmarks for roadmap-desktop, run with `make bench` (or `python -m benchmarks`).

They report figures against a baseline measured in the same run; they never fail on a miss,
so a slow machine shows up as a number to look at, not as a red build.
"""

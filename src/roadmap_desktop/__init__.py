"""roadmap-desktop: a desktop study companion for a Node.js backend + system design roadmap."""

# A literal (read by hatchling for the package metadata) rather than importlib.metadata,
# which costs ~40 ms on every start.
__version__ = "0.1.0"

APP_NAME = "roadmap-desktop"

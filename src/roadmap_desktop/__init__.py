"""roadmap-desktop: a desktop study companion for a Node.js backend + system design roadmap."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("roadmap-desktop")
except PackageNotFoundError:  # running from a source tree without an install
    __version__ = "0.0.0+src"

APP_NAME = "roadmap-desktop"

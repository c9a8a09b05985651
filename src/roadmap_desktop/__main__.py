"""`python -m roadmap_desktop` is the same as the `roadmap-desktop` command."""

import sys

from roadmap_desktop.cli import main

sys.exit(main())

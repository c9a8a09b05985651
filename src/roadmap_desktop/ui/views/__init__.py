"""One view per place in the main window."""

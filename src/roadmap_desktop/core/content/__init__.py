"""The curriculum on disk: locate, parse and validate it, and sync it into the store by key."""

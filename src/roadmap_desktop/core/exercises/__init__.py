"""JavaScript exercises: their format, the sandboxed runner over `node --test`, workspaces,
progress, and the author check."""

"""Domain logic and storage. Pure Python: nothing under core/ may import Qt."""

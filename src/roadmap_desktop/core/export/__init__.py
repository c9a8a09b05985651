"""Exports of the learner's material (Anki packages)."""

"""Spaced repetition: the SM-2 scheduler (pure), the study queue and the review session."""

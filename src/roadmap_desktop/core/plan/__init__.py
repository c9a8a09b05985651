"""The daily plan: tracks laid onto study days, carry-over, progress and streaks."""

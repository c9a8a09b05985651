"""System-design mock interviews: phase templates, the timer, estimates, sessions, history."""

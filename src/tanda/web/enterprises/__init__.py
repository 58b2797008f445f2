"""Key energy-using units, their energy submissions, and two-high projects."""

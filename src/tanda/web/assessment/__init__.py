"""Assessment schemes, scores, grades and rankings of regions and departments."""

"""Scenarios to 2060, peak year, Monte Carlo, decomposition."""

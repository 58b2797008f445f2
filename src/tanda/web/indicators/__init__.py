"""Indicators, observations, progress grades, forecasts and dispatch reports."""

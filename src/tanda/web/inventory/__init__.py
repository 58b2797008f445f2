"""Emissions accounting: energy statistics, factor sets, CO2 inventories."""

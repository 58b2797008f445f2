"""Regions, departments and who may do what: the reference every other app points to."""

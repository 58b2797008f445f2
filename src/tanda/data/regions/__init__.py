"""Packaged GB/T 2260 administrative divisions (``divisions.csv``), read by :mod:`tanda.regions`."""

"""tanda (碳达): carry out a carbon-peaking plan — from policy text to targets, inventories and progress."""

__version__ = "0.1.0"

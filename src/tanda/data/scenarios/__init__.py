"""Packaged pathway scenarios (Jilin baseline, policy, enhanced) and the tables that map CEADs into the pathway model."""

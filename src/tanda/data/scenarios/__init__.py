"""Packaged pathway scenarios (Jilin baseline, policy, enhanced) and the CEADs-to-pathway sector tables."""

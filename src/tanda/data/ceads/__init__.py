"""Packaged CEADs emission inventories and the Jilin totals that go with them (see PROVENANCE.md)."""

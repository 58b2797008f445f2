"""Pages of the pathways app: scenarios and their editor, share codes, comparison, historic analysis."""

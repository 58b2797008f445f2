"""Pages of the review app: plan review, department mapping tables, target allocation."""

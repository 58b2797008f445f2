"""Plan pages, one module per concern: browsing, upload, corrections, change log."""

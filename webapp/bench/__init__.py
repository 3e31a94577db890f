"""Benchmark commands (python -m webapp.bench.<name>): they print figures, never assert them."""

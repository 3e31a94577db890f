"""Passerelle's matching engine: a pure library (no Flask, no database). See docs/matching.md.

Entry points: `matching.referential.Referential.load_default()`, `matching.engine.Engine`,
`matching.exchange` (records and the JSON exchange format), `matching.obstacles.obstacles`,
and `python -m matching rank | suggest-rome | bench`. Importing this package loads nothing.
"""

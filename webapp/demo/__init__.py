"""Demo data: a believable, entirely invented territory of the Bouches-du-Rhône."""

from webapp.demo.loader import DEFAULT_SEED, DemoSummary, demo_present, load_demo
from webapp.demo.people import DEMO_DOMAIN, DEMO_PASSWORD, demo_accounts

__all__ = [
    "DEFAULT_SEED",
    "DEMO_DOMAIN",
    "DEMO_PASSWORD",
    "DemoSummary",
    "demo_accounts",
    "demo_present",
    "load_demo",
]

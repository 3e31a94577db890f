"""Benchmark of the offer page with its shortlist, on the demo territory.

    python -m webapp.bench.offer_page [--offers 20] [--repeat 15] [--database-url URL]

Builds the demo territory (reference data + `load_demo`) in a temporary SQLite file (or uses
`--database-url` of an existing demo database), then, for the demo AE and the demo direction,
times the offer page and its
"Candidats proposés" shortlist as a browser loads them (page, then the htmx fragment) on open
offers of the territory. Prints one JSON object with the medians and 95th percentiles.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select

GOAL_MEDIAN_MS = 200
ACCOUNTS = ("ae@demo.passerelle.fr", "direction@demo.passerelle.fr")


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _app(database_url: str | None):
    from webapp import create_app
    from webapp.config import Config
    from webapp.demo import load_demo
    from webapp.extensions import db
    from webapp.reference.loader import load_reference_data

    url = database_url or f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.sqlite'}"
    config = type("BenchConfig", (Config,), {"SQLALCHEMY_DATABASE_URI": url, "WTF_CSRF_ENABLED": False})
    app = create_app(config)
    if database_url is None:
        with app.app_context():
            db.create_all()
            load_reference_data()
            load_demo(seed=2026)
            db.session.commit()
    return app


def _time(client, url: str, headers: dict | None = None) -> float:
    started = time.perf_counter()
    response = client.get(url, headers=headers or {})
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{url} a répondu {response.status_code}")
    return elapsed


def run(offers: int, repeat: int, database_url: str | None) -> dict:
    from webapp.accounts.models import User
    from webapp.core.permissions import visible_clause
    from webapp.demo import DEMO_PASSWORD
    from webapp.extensions import db
    from webapp.offers.models import Offer
    from webapp.profiles.models import Profile

    app = _app(database_url)
    figures: dict = {"goal_median_ms": GOAL_MEDIAN_MS}
    for email in ACCOUNTS:
        client = app.test_client()
        client.post("/connexion", data={"email": email, "password": DEMO_PASSWORD})
        with app.app_context():
            user = db.session.scalar(select(User).where(User.email == email))
            visible_profiles = db.session.scalar(select(func.count(Profile.id)).where(
                visible_clause(user, "profile.view", Profile)))
            offer_ids = db.session.scalars(select(Offer.id).where(
                Offer.status == "open", visible_clause(user, "offer.view", Offer),
            ).order_by(Offer.id).limit(offers)).all()
        _time(client, f"/offres/{offer_ids[0]}/candidats", {"HX-Request": "true"})  # warm the caches
        pages, fragments, both = [], [], []
        for _ in range(repeat):
            for offer_id in offer_ids:
                page = _time(client, f"/offres/{offer_id}")
                fragment = _time(client, f"/offres/{offer_id}/candidats", {"HX-Request": "true"})
                pages.append(page)
                fragments.append(fragment)
                both.append(page + fragment)
        figures[email.split("@")[0]] = {
            "profiles_visible": visible_profiles, "offers": len(offer_ids), "requests": len(both),
            "page_median_ms": round(statistics.median(pages), 1),
            "shortlist_median_ms": round(statistics.median(fragments), 1),
            "page_with_shortlist_median_ms": round(statistics.median(both), 1),
            "page_with_shortlist_p95_ms": round(_percentile(both, 0.95), 1),
        }
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offers", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args(argv)
    print(json.dumps(run(args.offers, args.repeat, args.database_url), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

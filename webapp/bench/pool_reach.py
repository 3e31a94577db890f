"""How much of the département's pool a CRE of Marseille I reaches around Marseille 5e (issue 14).

    python -m webapp.bench.pool_reach [--database-url URL] [--keep]

Builds the demo territory (reference data and `load_demo`, as the other benchmarks) in a
database of its own, then counts the open offers within 5, 10, 30 and 100 km of Marseille 5e:
in the whole département, as the pool now shows them to the demo CRE of pôle I (a search
around a commune reaches past the pôle), and as the former rule limited them (his pôle's shared
offers and his organisation's). Also counts the list as it opens (his territory) and with
« Tout le département ». Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import sys

from sqlalchemy import func, or_, select

from webapp.bench.dashboard import fill
from webapp.bench.database import bench_app

CENTRE = "13205"  # Marseille 5e
RADII_KM = (5, 10, 30, 100)


def measure() -> dict:
    """The counts, read in the app context of the filled database."""
    from webapp.accounts.models import User
    from webapp.demo.people import demo_email
    from webapp.extensions import db
    from webapp.offers.models import Offer
    from webapp.offers.pool import PoolFilters, pool_page
    from webapp.offers.radius import communes_within
    from webapp.offers.territory import pool_territory

    cre = db.session.scalar(select(User).where(User.email == demo_email("cre")))
    membership = cre.memberships[0]
    former = (Offer.pole_id == membership.territory) & or_(
        Offer.visibility == "territory", Offer.organisation_id == membership.organisation_id)
    report = {"account": cre.email, "centre": "Marseille 5e", "radius": []}
    for km in RADII_KM:
        communes = sorted(communes_within(CENTRE, km))
        in_radius = (Offer.status == "open") & Offer.commune_insee.in_(communes) & Offer.merged_into_id.is_(None)
        report["radius"].append({
            "km": km,
            "departement": db.session.scalar(select(func.count()).where(in_radius)),
            "former_rule": db.session.scalar(select(func.count()).where(in_radius, former)),
            "pool_now": pool_page(cre, PoolFilters(commune_insee=CENTRE, radius_km=km)).page.total,
        })
    home = pool_territory(cre, None)
    report["list_opens_on"] = {"territory": home.name,
                               "offers": pool_page(cre, PoolFilters(pole_id=home.pole_id)).page.total}
    report["whole_departement"] = pool_page(cre, PoolFilters()).page.total
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m webapp.bench.pool_reach",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default="", help="PostgreSQL URL; a SQLite file of its own when empty")
    parser.add_argument("--keep", action="store_true", help="garder la base après la mesure")
    args = parser.parse_args(argv)
    with bench_app(args.database_url, "pool_reach", args.keep) as (app, facts), app.app_context():
        fill(1)
        report = {**facts, **measure()}
    json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

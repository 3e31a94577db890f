"""Benchmark of the offers pool and the offer page on an existing demo database (×1 or ×10).

    python -m webapp.bench.pool_pages --database-url URL [--repeat 30] [--account cre]

Requests each page through the Flask test client as the demo account (the CRE by default):
SQL statements per request, CPU milliseconds per request of this process (the web side:
Python, templates, driver; median of `--repeat`), wall milliseconds (median, with the
database's share), HTML size. Reads the database only (no schema of its own): point it at a
copy. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys

from sqlalchemy import select

from webapp.bench.pages import sample_requests


def _urls(app, account: str) -> list[tuple[str, str]]:
    """The pages measured: an open offer of the account's territory, its commune for the radius."""
    from webapp.accounts.models import User
    from webapp.core.permissions import visible_clause
    from webapp.demo.people import demo_email
    from webapp.extensions import db
    from webapp.offers.models import Offer

    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == demo_email(account)))
        offer = db.session.scalar(
            select(Offer)
            .where(Offer.status == "open", visible_clause(user, "offer.view", Offer))
            .order_by(Offer.id)
            .limit(1)
        )
        offer_id, commune = offer.id, offer.commune_insee
        db.session.remove()
    return [
        ("fiche offre", f"/offres/{offer_id}"),
        ("vivier, sans filtre", "/offres/"),
        ("vivier, recherche texte", "/offres/?q=agent"),
        ("vivier, commune + 20 km", f"/offres/?commune={commune}&rayon=20"),
        (
            "vivier, commune + 20 km, tri distance",
            f"/offres/?commune={commune}&rayon=20&tri=distance",
        ),
        ("vivier, tout le département, tous statuts", "/offres/?perimetre=departement&statut=tous"),
        ("vivier, famille K, page 3", "/offres/?famille=K&page=3"),
    ]


def _measure(app, client, url: str, repeat: int) -> dict:
    samples = sample_requests(app, client, url, repeat, warm_up=3)
    return {
        "url": url,
        "statements": samples.statements,
        "cpu_median_ms": round(statistics.median(samples.cpu_ms), 1),
        "wall_median_ms": round(statistics.median(samples.wall_ms), 1),
        "html_bytes": samples.html_bytes,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m webapp.bench.pool_pages", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--database-url", required=True, help="an existing demo database (read only)"
    )
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--account", default="cre", help="compte de démonstration (partie locale)")
    parser.add_argument(
        "--only", default="", help="ne mesurer que les pages dont le nom contient ce texte"
    )
    args = parser.parse_args(argv)

    from webapp import create_app
    from webapp.bench.dashboard import _client
    from webapp.config import Config

    config = type(
        "BenchConfig",
        (Config,),
        {
            "SQLALCHEMY_DATABASE_URI": args.database_url,
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
        },
    )
    app = create_app(config)
    client = _client(app, args.account)
    pages = [
        {"page": name, **_measure(app, client, url, args.repeat)}
        for name, url in _urls(app, args.account)
        if args.only in name
    ]
    json.dump(
        {"account": args.account, "repeat": args.repeat, "pages": pages},
        sys.stdout,
        ensure_ascii=False,
        indent=1,
    )
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

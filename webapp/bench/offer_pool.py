"""Benchmark of the offers pool page on PostgreSQL: 100,000 offers, 20,000 companies.

    python -m webapp.bench.offer_pool [--database-url URL] [--offers 100000] [--companies 20000]
                                      [--repeat 40] [--seed 1] [--keep]

Fills a dedicated schema (`bench_pool`, created then dropped) of the given database with the
reference data and synthetic offers, then times the full pool page, rendered through the Flask
test client for a logged-in CRE, for three typical filter combinations. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from datetime import timedelta
from urllib.parse import quote

from sqlalchemy import create_engine, insert, select, text

from webapp.core import clock
from webapp.core.passwords import hash_password

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
SCHEMA = "bench_pool"
PASSWORD = "bench-password-123"
GOAL_MEDIAN_MS = 150
# Three things CREs do all day: nearby CDI jobs; a job family recently posted with immersion;
# a word searched across the whole département.
SCENARIOS = (
    ("CDI à 20 km de Marseille 5e", "cre.pole@bench.example",
     "/offres/?commune=13205&rayon=20&contrat=CDI"),
    ("Famille K, moins de 30 jours, immersion possible", "cre.pole@bench.example",
     "/offres/?famille=K&jours=30&immersion=y"),
    ("« entretien », tous statuts, tout le département, page 2", "cre.departement@bench.example",
     "/offres/?q=entretien&statut=tous&page=2"),
)
STATUS_SHARES = {"open": 0.70, "filled": 0.10, "draft": 0.05, "expired": 0.06, "suspended": 0.05,
                 "cancelled": 0.04}
CONTRACT_SHARES = {"CDI": 0.42, "CDD": 0.23, "MIS": 0.12, "PEC": 0.06, "IAE": 0.07, "ALT": 0.05,
                   "SAI": 0.03, "CLAUSE": 0.02}
DESCRIPTION_WORDS = ("entretien", "accueil", "équipe", "horaires", "client", "véhicule", "polyvalent",
                     "débutant", "formation", "week-end", "matin", "soir", "chantier", "magasin")


def bench_url(url: str) -> str:
    """The URL with the psycopg 3 driver and `bench_pool` first on the search path."""
    for plain in ("postgres://", "postgresql://"):
        if url.startswith(plain):
            url = "postgresql+psycopg://" + url[len(plain):]
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options={quote(f'-csearch_path={SCHEMA}')}"


def recreate_schema(url: str, drop_only: bool = False) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        if not drop_only:
            connection.execute(text(f"CREATE SCHEMA {SCHEMA}"))
    engine.dispose()


def _weighted(rng: random.Random, shares: dict[str, float], count: int) -> list[str]:
    return rng.choices(list(shares), weights=list(shares.values()), k=count)


def fill(offers: int, companies: int, seed: int) -> dict[str, float]:
    """Reference data, organisations, two CREs, companies and offers; seconds per step."""
    from webapp.accounts.models import Membership, User
    from webapp.accounts.organisation_models import Organisation
    from webapp.companies.models import Company
    from webapp.extensions import db
    from webapp.offers.models import Offer
    from webapp.reference.loader import load_reference_data
    from webapp.reference.models import Commune, Pole, RomeCode

    rng, timings, started = random.Random(seed), {}, time.perf_counter()
    db.create_all()
    load_reference_data()
    db.session.flush()
    timings["reference_seconds"] = time.perf_counter() - started
    started = time.perf_counter()
    poles = [tuple(row) for row in db.session.execute(select(Pole.code, Pole.id))]
    organisations = {code: Organisation(name=f"France Travail {code}", kind="france_travail", pole_id=pole_id)
                     for code, pole_id in poles}
    departement = Organisation(name="Département 13 – service emploi", kind="departement_emploi")
    db.session.add_all([*organisations.values(), departement])
    db.session.flush()
    password_hash = hash_password(PASSWORD)
    pole_i = dict(poles)["I"]
    db.session.add_all([
        User(email="cre.pole@bench.example", display_name="CRE pôle I", password_hash=password_hash,
             memberships=[Membership(organisation=organisations["I"], role="cre", pole_id=pole_i)]),
        User(email="cre.departement@bench.example", display_name="CRE département",
             password_hash=password_hash, memberships=[Membership(organisation=departement, role="cre")]),
    ])
    places = db.session.execute(select(Commune.insee, Commune.population, Commune.pole_id).where(
        Commune.departement == "13", Commune.pole_id.is_not(None))).all()
    weights = [max(population, 500) for _, population, _ in places]
    rome = db.session.execute(select(RomeCode.code, RomeCode.label)).all()
    company_places = rng.choices(places, weights=weights, k=companies)
    company_ids = db.session.scalars(insert(Company).returning(Company.id), [
        {"name": f"Entreprise {number:05d}", "commune_insee": place[0], "address": f"{number} rue du Banc"}
        for number, place in enumerate(company_places)]).all()
    pole_org = {pole_id: organisations[code].id for code, pole_id in poles}
    now, today = clock.now(), clock.today()
    statuses, contracts = _weighted(rng, STATUS_SHARES, offers), _weighted(rng, CONTRACT_SHARES, offers)
    rows = []
    for number in range(offers):
        insee, _, pole_id = rng.choices(places, weights=weights)[0]
        code, label = rng.choice(rome)
        published = now - timedelta(days=rng.randint(0, 120), minutes=rng.randint(0, 1440))
        rows.append({
            "reference": f"O-BENCH-{number:06d}", "title": f"{label[:180]} H/F", "rome_code": code,
            "commune_insee": insee, "pole_id": pole_id, "contract": contracts[number],
            "status": statuses[number], "published_at": None if statuses[number] == "draft" else published,
            "company_id": rng.choice(company_ids), "hours_per_week": rng.choice((20, 24, 28, 35, 35, 35)),
            "organisation_id": departement.id if rng.random() < 0.2 else pole_org[pole_id],
            "immersion_possible": rng.random() < 0.3, "positions": rng.choice((1, 1, 1, 2, 3)),
            "visibility": "organisation" if rng.random() < 0.1 else "territory",
            "end_date": today + timedelta(days=rng.randint(1, 90)),
            "description": " ".join(rng.sample(DESCRIPTION_WORDS, 5)),
        })
    for start in range(0, offers, 5000):
        db.session.execute(insert(Offer), rows[start:start + 5000])
    db.session.commit()
    db.session.execute(text("ANALYZE"))
    db.session.commit()
    timings["fill_seconds"] = time.perf_counter() - started
    return timings


def measure(app, repeat: int) -> list[dict]:
    """Median and 95th percentile of each scenario's page, through the test client."""
    results = []
    for name, email, url in SCENARIOS:
        client = app.test_client()
        login = client.post("/connexion", data={"email": email, "password": PASSWORD})
        if login.status_code != 303:
            raise SystemExit(f"connexion impossible pour {email} ({login.status_code})")
        for _ in range(3):  # warm up: caches, first expiry pass, query plans
            client.get(url)
        timings, size = [], 0
        for _ in range(repeat):
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{url} : réponse {response.status_code}")
            size = len(response.data)
        timings.sort()
        results.append({
            "scenario": name, "url": url, "user": email, "requests": repeat,
            "median_ms": round(statistics.median(timings), 1),
            "p95_ms": round(timings[max(0, round(0.95 * len(timings)) - 1)], 1),
            "html_bytes": size,
        })
    return results


def main(argv: list[str] | None = None) -> int:
    """Fill, measure, print JSON, drop the schema (unless --keep)."""
    import os

    parser = argparse.ArgumentParser(prog="python -m webapp.bench.offer_pool", description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--offers", type=int, default=100_000)
    parser.add_argument("--companies", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="garder le schéma bench_pool après la mesure")
    args = parser.parse_args(argv)
    if not args.database_url.startswith(("postgres", "postgresql")):
        parser.error("le banc d'essai mesure PostgreSQL : donnez une URL postgresql://")

    from webapp import create_app
    from webapp.config import Config
    from webapp.extensions import db

    url = bench_url(args.database_url)
    config = type("BenchConfig", (Config,), {"SQLALCHEMY_DATABASE_URI": url, "WTF_CSRF_ENABLED": False})
    recreate_schema(url)
    try:
        app = create_app(config)
        with app.app_context():
            timings = fill(args.offers, args.companies, args.seed)
            db.session.remove()
        scenarios = measure(app, args.repeat)
        with app.app_context():
            db.engine.dispose()
    finally:
        if not args.keep:
            recreate_schema(url, drop_only=True)
    report = {
        "offers": args.offers, "companies": args.companies, "database": "postgresql",
        **{name: round(value, 1) for name, value in timings.items()},
        "goal_median_ms": GOAL_MEDIAN_MS, "scenarios": scenarios,
        "all_under_goal": all(s["median_ms"] < GOAL_MEDIAN_MS for s in scenarios),
    }
    json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Benchmark of the API on the demo territory, under concurrent clients.

    python -m webapp.bench.api [--clients 4] [--repeat 25] [--profiles 100] [--database-url URL]

Builds the demo territory in a temporary SQLite file (or uses `--database-url` of an existing
demo database), creates a token for a demo organisation, then has `--clients` threads call
`GET /api/v1/offers` (a page of 25) and `POST /api/v1/matching/offers` (`--profiles` anonymous
profiles made from the demo's, in the exchange format) `--repeat` times each. Prints one JSON
object with the medians and 95th percentiles in milliseconds.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from sqlalchemy import select


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
    config = type("BenchConfig", (Config,), {"SQLALCHEMY_DATABASE_URI": url,
                                              "API_RATE_LIMIT": 1_000_000})
    app = create_app(config)
    if database_url is None:
        with app.app_context():
            db.create_all()
            load_reference_data()
            load_demo(seed=2026)
            db.session.commit()
    return app


def _setup(app, profiles: int) -> tuple[str, list[dict]]:
    from matching.exchange import profile_to_dict
    from webapp.accounts.models import User
    from webapp.accounts.organisation_models import Organisation
    from webapp.api.models import SCOPES
    from webapp.api.tokens import create_token
    from webapp.extensions import db
    from webapp.profiles.exchange import to_exchange
    from webapp.profiles.models import Profile

    with app.app_context():
        admin = db.session.scalars(select(User).order_by(User.id)).first()
        organisation = db.session.scalars(select(Organisation).where(
            Organisation.kind != "employer").order_by(Organisation.id)).first()
        secret = create_token(admin, organisation, "banc d'essai", list(SCOPES), None).secret
        db.session.commit()
        rows = db.session.scalars(select(Profile).order_by(Profile.id).limit(profiles)).all()
        posted = []
        for number, row in enumerate(rows):
            record = profile_to_dict(to_exchange(row))
            posted.append(record | {"id": f"BENCH-{number:04d}"})  # anonymous: no platform id
    return secret, posted


def run(clients: int, repeat: int, profiles: int, database_url: str | None) -> dict:
    app = _app(database_url)
    secret, posted = _setup(app, profiles)
    headers = {"Authorization": f"Bearer {secret}"}
    timings: dict[str, list[float]] = {"offers_list": [], "matching": []}
    failures: list[str] = []
    lock = threading.Lock()

    def client_loop() -> None:
        client = app.test_client()
        for _ in range(repeat):
            for name, call in (
                ("offers_list", lambda: client.get("/api/v1/offers?page_size=25", headers=headers)),
                ("matching", lambda: client.post("/api/v1/matching/offers", headers=headers,
                                                 json={"profiles": posted, "top": 10})),
            ):
                started = time.perf_counter()
                response = call()
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    timings[name].append(elapsed)
                    if response.status_code != 200:
                        failures.append(f"{name}: {response.status_code}")

    # one warm-up call each (the matching pool is built once, then cached)
    warm = app.test_client()
    warm.get("/api/v1/offers", headers=headers)
    warm.post("/api/v1/matching/offers", headers=headers, json={"profiles": posted[:1]})
    threads = [threading.Thread(target=client_loop) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    figures: dict = {"clients": clients, "repeat": repeat, "profiles_per_matching_call": len(posted),
                     "failures": failures[:5]}
    for name, values in timings.items():
        figures[name] = {"calls": len(values), "median_ms": round(statistics.median(values), 1),
                         "p95_ms": round(_percentile(values, 0.95), 1)}
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m webapp.bench.api",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=25)
    parser.add_argument("--profiles", type=int, default=100)
    parser.add_argument("--database-url")
    arguments = parser.parse_args(argv)
    figures = run(arguments.clients, arguments.repeat, arguments.profiles, arguments.database_url)
    json.dump(figures, sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 1 if figures["failures"] else 0


if __name__ == "__main__":
    raise SystemExit(main())

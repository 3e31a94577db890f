"""Benchmark of the indicators dashboard on the demo territory multiplied by ten.

    python -m webapp.bench.dashboard [--database-url URL] [--factor 10] [--repeat 30] [--keep]

Builds the demo territory (reference data, `load_demo`) in a SQLite file of its own (the
default) or in a private PostgreSQL schema (`bench_dashboard`, created then dropped), copies
its activity rows in SQL until there are `factor` times as many (15,000 offers, 60,000
profiles... for 10), then times the dashboard page through the Flask test client for a
pôle's direction, the Département's administrator and a partner CRE, and the obstacles
fragment (computed once, then kept). Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time

from sqlalchemy import func, select, text

from webapp.bench.database import bench_app

GOAL_MEDIAN_MS = 300
COUNTED = ("offer", "offer_event", "profile", "hiring_need", "profile_proposal", "promotion",
           "promotion_step", "immersion", "prospection_target", "company_contact_log", "employment_event")


def _scenarios(organisation_id: int) -> tuple[tuple[str, str, str], ...]:
    """(name, demo account, URL): what each kind of reader opens."""
    return (
        ("Direction du pôle Marseille I, 30 derniers jours", "direction", "/tableau-de-bord/"),
        ("Administrateur, tout le département, 12 derniers mois", "admin",
         "/tableau-de-bord/?territoire=&periode=annee"),
        ("CRE partenaire, son organisation, 3 derniers mois", "cre",
         f"/tableau-de-bord/?organisation={organisation_id}&periode=trimestre"),
    )


def fill(factor: int) -> dict[str, float]:
    """Reference data, the demo territory, its activity multiplied; seconds per step."""
    from webapp.bench.multiply import multiply
    from webapp.demo import load_demo
    from webapp.extensions import db
    from webapp.reference.loader import load_reference_data

    timings, started = {}, time.perf_counter()
    db.create_all()
    load_reference_data()
    load_demo()
    db.session.commit()
    timings["demo_seconds"] = time.perf_counter() - started
    started = time.perf_counter()
    multiply(factor)
    db.session.commit()
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        # What a live database's autovacuum does: statistics, and index-only scans allowed.
        connection.execute(text("VACUUM ANALYZE" if db.engine.dialect.name == "postgresql" else "ANALYZE"))
    timings["multiply_seconds"] = time.perf_counter() - started
    return timings


def _counts() -> dict[str, int]:
    from webapp.extensions import db

    return {name: db.session.scalar(select(func.count()).select_from(db.metadata.tables[name]))
            for name in COUNTED if name in db.metadata.tables}


def _client(app, local_part: str):
    from webapp.demo import DEMO_PASSWORD
    from webapp.demo.people import demo_email

    client = app.test_client()
    answer = client.post("/connexion", data={"email": demo_email(local_part), "password": DEMO_PASSWORD})
    if answer.status_code != 303:
        raise SystemExit(f"connexion impossible pour {demo_email(local_part)} ({answer.status_code})")
    return client


def _time(client, url: str, repeat: int) -> dict:
    for _ in range(2):  # warm up: imports, query plans, the referential
        client.get(url)
    timings, size = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        answer = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        if answer.status_code != 200:
            raise SystemExit(f"{url} : réponse {answer.status_code}")
        size = len(answer.data)
    timings.sort()
    return {"url": url, "requests": repeat, "median_ms": round(statistics.median(timings), 1),
            "p95_ms": round(timings[max(0, round(0.95 * len(timings)) - 1)], 1), "html_bytes": size}


def measure(app, repeat: int) -> tuple[list[dict], dict]:
    """The page for each scenario; the obstacles fragment once cold, then warm."""
    from webapp.accounts.models import User
    from webapp.demo.people import demo_email
    from webapp.extensions import db

    with app.app_context():
        cre = db.session.scalar(select(User).where(User.email == demo_email("cre")))
        organisation_id = cre.memberships[0].organisation_id
    results = []
    for name, account, url in _scenarios(organisation_id):
        results.append({"scenario": name, "account": demo_email(account), **_time(_client(app, account), url, repeat)})
    client = _client(app, "direction")
    fragment = "/tableau-de-bord/indicateurs/obstacles.doors"
    started = time.perf_counter()
    client.get(fragment)
    cold = (time.perf_counter() - started) * 1000
    warm = _time(client, fragment, max(5, repeat // 3))
    return results, {"url": fragment, "cold_ms": round(cold, 1), "warm_median_ms": warm["median_ms"]}


def main(argv: list[str] | None = None) -> int:
    """Fill, measure, print JSON, remove the database (unless --keep)."""
    parser = argparse.ArgumentParser(prog="python -m webapp.bench.dashboard", description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default="", help="PostgreSQL URL; a SQLite file of its own when empty")
    parser.add_argument("--factor", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--keep", action="store_true", help="garder la base (fichier ou schéma) après la mesure")
    args = parser.parse_args(argv)

    from webapp.extensions import db

    with bench_app(args.database_url, "dashboard", args.keep) as (app, facts):
        with app.app_context():
            timings = fill(args.factor)
            counts = _counts()
            db.session.remove()
        scenarios, obstacles = measure(app, args.repeat)
    report = {
        **facts, "factor": args.factor, "rows": counts,
        **{name: round(value, 1) for name, value in timings.items()},
        "goal_median_ms": GOAL_MEDIAN_MS, "scenarios": scenarios,
        "all_under_goal": all(s["median_ms"] < GOAL_MEDIAN_MS for s in scenarios),
        "obstacles_fragment": obstacles,
    }
    json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

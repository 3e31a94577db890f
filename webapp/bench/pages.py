"""Benchmark of the slow pages of issue 18: the cellule agenda, the session screen, the caseload.

    python -m webapp.bench.pages [--database-url URL] [--factor 1] [--repeat 20] [--keep]

Builds the demo territory (reference data, `load_demo`, then `multiply(factor)` when factor > 1)
in a SQLite file of its own (the default) or in a private PostgreSQL schema (`bench_dashboard`,
created then dropped), then requests each page through the Flask test client as the account
that reads it: median and p90 in milliseconds, SQL statements per request, HTML size. The
session chosen is the animateur's cellule session with the most people put forward. Prints one
JSON object.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from dataclasses import dataclass

from sqlalchemy import event, func, select

from webapp.bench.dashboard import _client, fill
from webapp.bench.database import bench_app


def _busiest_session(app) -> int:
    """The session of the animateur's cellule with the most people put forward."""
    from webapp.accounts.models import User
    from webapp.cellule.models import CelluleMember, CelluleSession, ProfileProposal
    from webapp.demo.people import demo_email
    from webapp.extensions import db

    with app.app_context():
        cellules = (select(CelluleMember.cellule_id).join(User, User.id == CelluleMember.user_id)
                    .where(User.email == demo_email("animateur")))
        return db.session.scalar(
            select(CelluleSession.id)
            .outerjoin(ProfileProposal, ProfileProposal.session_id == CelluleSession.id)
            .where(CelluleSession.cellule_id.in_(cellules))
            .group_by(CelluleSession.id)
            .order_by(func.count(ProfileProposal.id).desc(), CelluleSession.id)
            .limit(1))


def _scenarios(session_id: int) -> tuple[tuple[str, str, str], ...]:
    return (
        ("Ordre du jour de la séance", "animateur", f"/cellule/seances/{session_id}/ordre-du-jour"),
        ("Écran de séance", "animateur", f"/cellule/seances/{session_id}"),
        ("Portefeuille de l'AE", "ae", "/profils/"),
    )


@dataclass(frozen=True)
class Samples:
    """What `repeat` requests of one page cost: CPU and wall milliseconds per request, the most
    SQL statements one request issued, the size of the last answer."""

    cpu_ms: list[float]
    wall_ms: list[float]
    statements: int
    html_bytes: int


def sample_requests(app, client, url: str, repeat: int, warm_up: int = 2,
                    headers: dict | None = None) -> Samples:
    """GET `url` `repeat` times after `warm_up` unmeasured requests (imports, query plans, the
    referential); stops the bench on anything but a 200."""
    from webapp.extensions import db

    statements = []

    def count(*_):
        statements[-1] += 1

    with app.app_context():
        engine = db.engine
    for _ in range(warm_up):
        client.get(url, headers=headers).close()  # closed as a server does: after-response work runs
    cpu, wall, size = [], [], 0
    event.listen(engine, "before_cursor_execute", count)
    try:
        for _ in range(repeat):
            statements.append(0)
            started_cpu, started = time.process_time(), time.perf_counter()
            answer = client.get(url, headers=headers)
            cpu.append((time.process_time() - started_cpu) * 1000)
            wall.append((time.perf_counter() - started) * 1000)
            if answer.status_code != 200:
                raise SystemExit(f"{url} : réponse {answer.status_code}")
            size = len(answer.data)
            answer.close()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return Samples(cpu, wall, max(statements), size)


def _time(app, client, url: str, repeat: int) -> dict:
    samples = sample_requests(app, client, url, repeat)
    timings = sorted(samples.wall_ms)
    return {"url": url, "requests": repeat, "median_ms": round(statistics.median(timings), 1),
            "p90_ms": round(timings[max(0, round(0.9 * len(timings)) - 1)], 1),
            "statements": samples.statements, "html_bytes": samples.html_bytes}


def measure(app, repeat: int) -> list[dict]:
    """Each page, timed with its own logged-in client."""
    from webapp.demo.people import demo_email

    session_id = _busiest_session(app)
    return [{"page": name, "account": demo_email(account),
             **_time(app, _client(app, account), url, repeat)}
            for name, account, url in _scenarios(session_id)]


def main(argv: list[str] | None = None) -> int:
    """Fill, measure, print JSON, remove the database (unless --keep)."""
    parser = argparse.ArgumentParser(prog="python -m webapp.bench.pages",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default="", help="PostgreSQL URL; a SQLite file of its own when empty")
    parser.add_argument("--factor", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--keep", action="store_true", help="garder la base (fichier ou schéma) après la mesure")
    args = parser.parse_args(argv)

    from webapp.extensions import db

    with bench_app(args.database_url, "pages", args.keep) as (app, facts):
        with app.app_context():
            timings = fill(args.factor)
            db.session.remove()
        pages = measure(app, args.repeat)
    report = {**facts, "factor": args.factor,
              **{name: round(value, 1) for name, value in timings.items()}, "pages": pages}
    json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

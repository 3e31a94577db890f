"""Benchmark of `flask match all`: every open offer of the département ranked and stored.

    python -m webapp.bench.match_all --database-url URL [--pole I] [--processes N] [--commit]
    python -m webapp.bench.match_all --factor 10 [--keep]

With `--database-url`, an existing database at the migrations' head holding a territory (the
demo ×10 restored from a dump, say; SQLite or PostgreSQL): its shortlists are replaced, then
the transaction rolled back unless `--commit`. Without it, the demo multiplied by `--factor`
is built in a SQLite file of its own (removed afterwards unless `--keep`).
Prints one JSON object: wall seconds, CPU seconds (user + system, this process and its
ranking processes), peak resident memory of this process and of the largest ranking process,
processes, offers, profiles and lines stored, the seconds until the first chunk of offers was
stored (reading, validation and indexing of the rows, first ranking), and the load average,
since the machine may be shared: the CPU seconds are the figure to compare.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time


def _postgres_url(url: str) -> str:
    """psycopg 3 for a bare postgres:// URL; a `?schema=` is not understood: use options."""
    for plain in ("postgres://", "postgresql://"):
        if url.startswith(plain):
            return "postgresql+psycopg://" + url[len(plain):]
    return url


def _app(database_url: str):
    from webapp import create_app
    from webapp.config import Config

    return create_app(type("BenchConfig", (Config,), {
        "SQLALCHEMY_DATABASE_URI": _postgres_url(database_url)}))


def _cpu_seconds(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def measure(app, pole_code: str | None, processes: int | None, commit: bool) -> dict:
    """One run of rank_territory, as `flask match all` runs it, with its figures."""
    from sqlalchemy import select

    from webapp.extensions import db
    from webapp.reference.models import Pole
    from webapp.shortlists.batch import rank_territory

    with app.app_context():
        pole_id = (db.session.scalar(select(Pole.id).where(Pole.code == pole_code))
                   if pole_code else None)
        if pole_code and pole_id is None:
            raise SystemExit(f"Pôle inconnu : {pole_code}")
        first_chunk: list[float] = []
        cpu = _cpu_seconds(resource.RUSAGE_SELF) + _cpu_seconds(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()

        def progress(done: int, total: int) -> None:
            if not first_chunk:
                first_chunk.append(time.perf_counter() - started)

        report = rank_territory(pole_id, progress=progress, processes=processes)
        (db.session.commit if commit else db.session.rollback)()
        wall = time.perf_counter() - started
        cpu = _cpu_seconds(resource.RUSAGE_SELF) + _cpu_seconds(resource.RUSAGE_CHILDREN) - cpu
        dialect = db.engine.dialect.name
        db.engine.dispose()
    return {
        "database": dialect,
        "pole": pole_code or "tous",
        "offers": report.offers_ranked, "profiles": report.profiles_ranked,
        "lines_stored": report.entries_stored, "skipped": len(report.skipped),
        "processes": report.processes, "cores": os.cpu_count(),
        "wall_s": round(wall, 1), "cpu_s": round(cpu, 1),
        "first_chunk_s": round(first_chunk[0], 1) if first_chunk else None,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        "peak_ranking_process_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024,
        "load_average_1min": round(os.getloadavg()[0], 1),
        "stored": "commit" if commit else "rolled back",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m webapp.bench.match_all",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default="",
                        help="une base existante (démo restaurée) ; sans elle : la démo dans un fichier SQLite à part")
    parser.add_argument("--factor", type=int, default=10, help="sans --database-url : la démo multipliée")
    parser.add_argument("--pole", default=None, help="code du pôle (I à X) ; sans option : tout le département")
    parser.add_argument("--processes", type=int, default=None, help="processus de calcul (par défaut : tous les cœurs)")
    parser.add_argument("--commit", action="store_true", help="garder les listes enregistrées")
    parser.add_argument("--keep", action="store_true", help="sans --database-url : garder le fichier SQLite")
    args = parser.parse_args(argv)

    if args.database_url:
        report = measure(_app(args.database_url), args.pole, args.processes, args.commit)
    else:
        from webapp.bench.dashboard import fill
        from webapp.bench.database import bench_app
        from webapp.extensions import db

        with bench_app("", "match_all", args.keep) as (app, facts):
            with app.app_context():
                built = fill(args.factor)
                db.session.remove()
            report = {**facts, "factor": args.factor,
                      **{name: round(value, 1) for name, value in built.items()},
                      **measure(app, args.pole, args.processes, args.commit)}
    json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

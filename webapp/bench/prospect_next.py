"""Benchmark of "where to prospect next".

    python -m webapp.bench.prospect_next [--repeat 20] [--people 20000] [--companies 20000]

Two measures, printed as one JSON object:
- the demo territory (built in a temporary SQLite file): the whole page's computation for each
  pôle (reading the profiles, the companies and the plan, ranking, wording the reasons);
- a synthetic département at scale, in memory: the ranking arithmetic alone for `--people`
  ready people and `--companies` companies spread over the real communes and NAF divisions.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

from webapp.core import clock

MODE_SETS = (("walk", "public_transport"), ("walk", "public_transport", "bike"),
             ("car",), ("public_transport", "carpool"), ("two_wheeler",))
MINUTES = (30.0, 45.0, 60.0, 90.0)


def _median_ms(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 1)


def demo_figures(repeat: int) -> dict:
    """Median milliseconds of the full computation per pôle of the demo territory."""
    from webapp import create_app
    from webapp.config import Config
    from webapp.demo import load_demo
    from webapp.extensions import db
    from webapp.prospection.next_prospects import ready_people, where_to_prospect
    from webapp.reference.loader import load_reference_data
    from webapp.reference.models import Pole

    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.sqlite'}"
        app = create_app(type("BenchConfig", (Config,), {"SQLALCHEMY_DATABASE_URI": url}))
        with app.app_context():
            db.create_all()
            load_reference_data()
            load_demo()
            db.session.commit()
            where_to_prospect(db.session.scalars(db.select(Pole)).first(), clock.today())  # warm
            figures = {}
            for pole in db.session.scalars(db.select(Pole).order_by(Pole.id)):
                groups, people, _ = ready_people(pole.id)
                figures[pole.code] = {
                    "ready_people": len(people), "trip_groups": len(groups),
                    "median_ms": _median_ms(lambda p=pole: where_to_prospect(p, clock.today()),
                                            repeat)}
            db.engine.dispose()
    return figures


def synthetic_figures(people: int, companies: int, repeat: int, seed: int = 1) -> dict:
    """Median milliseconds of the ranking alone on a synthetic département."""
    from reference import load_naf_rome
    from webapp.prospection.ranking import CompanyPoint, ProspectRanker, TripGroup
    from webapp.reference.referential import engine_referential

    rng = random.Random(seed)
    ref = engine_referential()
    communes = [c for c in ref.insee_codes if c.startswith("13")]
    divisions: dict[str, set[str]] = {}
    for link in load_naf_rome():
        if ref.has_rome(link.rome_code):
            divisions.setdefault(link.naf_division, set()).add(link.rome_code)
    codes = sorted({code for found in divisions.values() for code in found})
    group_index: dict[TripGroup, int] = {}
    person_group, person_codes = [], []
    for _ in range(people):
        group = TripGroup(rng.choice(communes), rng.choice(MODE_SETS), rng.choice(MINUTES), None)
        person_group.append(group_index.setdefault(group, len(group_index)))
        person_codes.append(tuple(rng.sample(codes, rng.randint(1, 3))))
    points = [CompanyPoint(i, rng.choice(communes), rng.choice(sorted(divisions)),
                           rng.choice(("1-9", "10-49", "50-249", None)), rng.random() < 0.3,
                           rng.choice(("free", "free", "free", "followed", "dropped")))
              for i in range(companies)]
    frozen = {division: frozenset(found) for division, found in divisions.items()}

    def run():
        ProspectRanker(ref, list(group_index), person_group, person_codes, frozen,
                       points).rank(30, 15)

    return {"ready_people": people, "trip_groups": len(group_index), "companies": companies,
            "median_ms": _median_ms(run, repeat)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--companies", type=int, default=20_000)
    args = parser.parse_args()
    print(json.dumps({"demo_by_pole": demo_figures(args.repeat),
                      "synthetic": synthetic_figures(args.people, args.companies,
                                                     max(3, args.repeat // 4))},
                     ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()

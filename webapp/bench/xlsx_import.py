"""Benchmark: import a 5,000-row Excel workbook (.xlsx) of offers.

    python -m webapp.bench.xlsx_import [--rows 5000] [--database-url URL] [--seed 1] [--keep]

Builds a workbook the way a partner's Excel holds it (typed dates and numbers, 300 employers,
the département's communes and real ROME codes), then times on a database of its own: reading
the file into rows, the preview (the whole import, rolled back) and the import itself
(committed). Prints one JSON object: wall-clock seconds, and the CPU seconds of this process
(the same on a busy machine; the database server's own time is not in them).
"""

from __future__ import annotations

import argparse
import io
import json
import random
import resource
import sys
import time
from datetime import timedelta

from openpyxl import Workbook

from webapp.bench.database import bench_app

HEADER = ["reference", "intitule", "code_rome", "commune_insee", "contrat", "heures_semaine", "nuit",
          "week_end", "date_debut", "postes", "immersion_possible", "employeur", "description", "salaire"]
CONTRACTS = ("CDI", "CDD", "MIS", "IAE", "PEC", "SAI")


def workbook(rows: int, communes: list[str], romes: list[tuple[str, str]], seed: int) -> bytes:
    """A workbook of `rows` valid offers."""
    from webapp.core import clock

    rng = random.Random(seed)
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    start = clock.today() + timedelta(days=7)
    for number in range(1, rows + 1):
        code, label = rng.choice(romes)
        sheet.append([f"XL-{number:06d}", f"{label} H/F"[:150], code, rng.choice(communes),
                      rng.choice(CONTRACTS), rng.choice((20, 24, 28, 30, 35, 17.5)),
                      rng.choice(("oui", "non", "non")), rng.choice(("oui", "non")),
                      start + timedelta(days=rng.randrange(60)), rng.randint(1, 4),
                      rng.choice(("oui", "non")), f"Employeur {rng.randrange(300):03d}",
                      "Poste à pourvoir, débutant accepté, formation assurée.", "SMIC"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _took(figures: dict, step: str, started: float, cpu: float) -> None:
    figures[f"{step}_seconds"] = round(time.perf_counter() - started, 2)
    figures[f"{step}_cpu_seconds"] = round(time.process_time() - cpu, 2)


def measure(rows: int, seed: int) -> dict:
    """Fill the reference data, build the workbook, time reading, preview and import."""
    from sqlalchemy import func, select

    from ingestion.offers import parse_offers
    from webapp.accounts.organisation_models import Organisation
    from webapp.extensions import db
    from webapp.offers.importing import import_offers
    from webapp.offers.models import Offer
    from webapp.reference.loader import load_reference_data
    from webapp.reference.models import Commune, RomeCode

    db.create_all()
    load_reference_data()
    organisation = Organisation(name="PLIE banc d'essai", kind="plie")
    db.session.add(organisation)
    db.session.commit()
    communes = list(db.session.scalars(select(Commune.insee).where(Commune.insee.like("13%"))))
    romes = [tuple(row) for row in db.session.execute(
        select(RomeCode.code, RomeCode.label).order_by(RomeCode.code).limit(400))]
    content = workbook(rows, communes, romes, seed)
    figures: dict = {"rows": rows, "file_kib": round(len(content) / 1024)}
    started, cpu = time.perf_counter(), time.process_time()
    parsed = parse_offers(io.BytesIO(content), "xlsx")
    _took(figures, "read_and_check", started, cpu)
    figures["rejected"] = parsed.report.rejected
    started, cpu = time.perf_counter(), time.process_time()
    preview = import_offers(io.BytesIO(content), "xlsx", organisation, dry_run=True)
    db.session.rollback()
    _took(figures, "preview", started, cpu)
    started, cpu = time.perf_counter(), time.process_time()
    report = import_offers(io.BytesIO(content), "xlsx", organisation)
    db.session.commit()
    _took(figures, "import", started, cpu)
    figures["report"] = report.summary()
    figures["preview_created"] = preview.created
    figures["offers_in_database"] = db.session.scalar(select(func.count(Offer.id)))
    figures["peak_rss_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return figures


def main(argv: list[str] | None = None) -> int:
    """Measure on a database of its own, print JSON, remove the database (unless --keep)."""
    parser = argparse.ArgumentParser(prog="python -m webapp.bench.xlsx_import", description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default="", help="PostgreSQL URL; a SQLite file of its own when empty")
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="garder la base (fichier ou schéma) après la mesure")
    args = parser.parse_args(argv)

    from webapp.extensions import db

    with bench_app(args.database_url, "xlsx_import", args.keep) as (app, facts), app.app_context():
        figures = measure(args.rows, args.seed)
        db.session.remove()
    json.dump({**facts, **figures}, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""`flask match all`: rank every open offer of a territory and store the shortlists.

The offers are ranked a chunk at a time on every core (processes forked once the profiles are
indexed, so they share the index instead of copying it), each chunk's shortlists stored as
soon as it comes back, in a few multi-row INSERTs (COPY on PostgreSQL) rather than one ORM
object per line: memory
stays bounded by a chunk, not by the 200,000 lines of the demo ×10."""

import multiprocessing
import os
import resource
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import orjson
from sqlalchemy import delete, insert, select, true

from matching.engine import Engine
from matching.exchange import Offer as ExchangeOffer
from matching.pools import ProfilePool
from matching.weights import ENGINE_VERSION
from webapp.extensions import db
from webapp.offers.models import Offer
from webapp.profiles.models import Profile
from webapp.shortlists.inputs import (
    RANKED_PROFILE_STATUSES,
    Skipped,
    read_offers,
    read_profiles,
)
from webapp.shortlists.live import SHORTLIST_SIZE, engine_for
from webapp.shortlists.models import Shortlist, ShortlistEntry

BATCH_CHUNK = 500  # offers ranked by one process at a time, then stored together
INSERT_ROWS = 5000  # shortlist lines per INSERT statement


@dataclass(frozen=True)
class BatchReport:
    offers_ranked: int
    profiles_ranked: int
    entries_stored: int
    skipped: tuple[Skipped, ...]
    seconds: float
    processes: int = 1

    def lines(self) -> list[str]:
        lines = [f"{s.reference} ignoré : {s.problem}" for s in self.skipped]
        lines.append(
            f"offres classées : {self.offers_ranked}, profils considérés : {self.profiles_ranked}, "
            f"lignes enregistrées : {self.entries_stored}, écartés (données invalides) : "
            f"{len(self.skipped)}, durée : {self.seconds:.1f} s, processus : {self.processes}, "
            f"mémoire maximale : {peak_memory_mb()}"
        )
        return lines


def peak_memory_mb() -> str:
    """The largest resident size of this process and of the largest of its finished children
    (the children share the parent's index pages until they write to them)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    return f"{own} Mo (processus principal), {child} Mo (plus gros processus de calcul)"


# What the forked processes rank: set before the fork, inherited rather than pickled.
_job: dict = {}


def _rank_chunk(bounds: tuple[int, int]) -> list[tuple]:
    """The chunk's shortlists as plain rows (cheap to send back to the parent)."""
    engine, offers, pool, top = _job["engine"], _job["offers"], _job["pool"], _job["top"]
    results = engine.rank_all(offers[bounds[0]:bounds[1]], pool, top=top)
    return [(r.offer_id, r.candidates, r.excluded_count, r.exclusion_summary()[:300],
             [(m.profile_id, m.score, m.components.to_dict(), m.travel.minutes, m.travel.mode,
               list(m.reasons)) for m in r.matches])
            for r in results]


def _forget_connections() -> None:
    """A forked process never touches the parent's database connections."""
    db.engine.dispose(close=False)


def ranked_chunks(engine: Engine, offers: Sequence[ExchangeOffer], pool: ProfilePool, top: int,
                  processes: int) -> Iterator[list[tuple]]:
    """_rank_chunk over every chunk of offers, in order, on `processes` processes."""
    bounds = [(start, min(start + BATCH_CHUNK, len(offers)))
              for start in range(0, len(offers), BATCH_CHUNK)]
    _job.update(engine=engine, offers=offers, pool=pool, top=top)
    try:
        if processes <= 1:
            yield from map(_rank_chunk, bounds)
            return
        context = multiprocessing.get_context("fork")
        with context.Pool(processes, initializer=_forget_connections) as workers:
            yield from workers.imap(_rank_chunk, bounds)
    finally:
        _job.clear()


def _store(chunk: list[tuple], offer_id: dict[str, int], profile_id: dict[str, int],
           weights: dict[str, float]) -> int:
    """The chunk's shortlists, then their lines, in multi-row INSERTs; lines stored."""
    ids = db.session.scalars(
        insert(Shortlist).returning(Shortlist.id, sort_by_parameter_order=True),
        [{"offer_id": offer_id[reference], "engine_version": ENGINE_VERSION, "weights": weights,
          "candidates": candidates, "excluded": excluded, "exclusion_summary": summary}
         for reference, candidates, excluded, summary, _ in chunk]).all()
    lines = [{"shortlist_id": shortlist_id, "profile_id": profile_id[person], "rank": rank,
              "score": score, "components": components, "travel_minutes": minutes,
              "travel_mode": mode, "reasons": reasons}
             for shortlist_id, (*_, matches) in zip(ids, chunk, strict=True)
             for rank, (person, score, components, minutes, mode, reasons) in enumerate(matches, start=1)]
    if db.session.get_bind().dialect.name == "postgresql":
        _copy(lines)
        return len(lines)
    for start in range(0, len(lines), INSERT_ROWS):
        db.session.execute(insert(ShortlistEntry.__table__), lines[start:start + INSERT_ROWS])
    return len(lines)


def _copy(lines: list[dict]) -> None:
    """PostgreSQL: the lines streamed with COPY, in the session's transaction; their JSON
    written by orjson (a tenth of json.dumps' time on the 420,000 values of the demo ×10)."""
    columns = ("shortlist_id", "profile_id", "rank", "score", "components", "travel_minutes",
               "travel_mode", "reasons")
    cursor = db.session.connection().connection.driver_connection.cursor()
    with cursor.copy(f"COPY shortlist_entry ({', '.join(columns)}) FROM STDIN") as copy:
        for line in lines:
            copy.write_row((line["shortlist_id"], line["profile_id"], line["rank"], line["score"],
                            orjson.dumps(line["components"]).decode(), line["travel_minutes"],
                            line["travel_mode"], orjson.dumps(line["reasons"]).decode()))


def rank_territory(pole_id: int | None, progress: Callable[[int, int], None] | None = None,
                   top: int = SHORTLIST_SIZE, processes: int | None = None) -> BatchReport:
    """Rank the open offers of a pôle (or the département) against the people of the whole
    département (travel time decides, not the pôle border); store each offer's shortlist with
    the weights and engine version, replacing the previous one.
    `processes`: every core by default; one when there is a single chunk of offers."""
    started = time.perf_counter()
    in_territory = (lambda model: model.pole_id == pole_id) if pole_id else (lambda model: true())
    offer_rows, offers, skipped_offers = read_offers(
        in_territory(Offer) & (Offer.status == "open"), order_by=Offer.reference)
    profile_rows, profiles, skipped_profiles = read_profiles(
        Profile.status.in_(RANKED_PROFILE_STATUSES))
    offer_id = {row.reference: row.id for row in offer_rows}
    profile_id = {row.reference: row.id for row in profile_rows}
    del offer_rows, profile_rows
    engine = engine_for(pole_id)
    pool = engine.profile_pool(profiles)
    # Ranked by job and place: a chunk's offers then share their candidates' split by reach.
    offers = sorted(offers, key=lambda offer: (offer.rome_code or "", offer.commune, offer.id))
    previous = select(Shortlist.id).where(Shortlist.offer_id.in_(list(offer_id.values())))
    db.session.execute(delete(ShortlistEntry).where(ShortlistEntry.shortlist_id.in_(previous)))
    db.session.execute(delete(Shortlist).where(Shortlist.offer_id.in_(list(offer_id.values()))))
    if processes is None:
        processes = os.cpu_count() or 1
    processes = max(1, min(processes, -(-len(offers) // BATCH_CHUNK)))
    weights, stored, done = engine.weights.to_dict(), 0, 0
    for chunk in ranked_chunks(engine, offers, pool, top, processes):
        stored += _store(chunk, offer_id, profile_id, weights)
        done += len(chunk)
        if progress:
            progress(done, len(offers))
    return BatchReport(len(offers), len(profiles), stored, tuple(skipped_offers + skipped_profiles),
                       time.perf_counter() - started, processes)

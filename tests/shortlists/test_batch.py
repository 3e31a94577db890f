"""`flask match all` on several processes stores what one process stores."""

from sqlalchemy import select

from tests import factories
from webapp.shortlists import batch
from webapp.shortlists.models import Shortlist, ShortlistEntry

WALKER = {"mobility_modes": ["walk", "public_transport"], "max_minutes": 45,
          "min_hours_per_week": 15, "max_hours_per_week": 35, "consent_promotion": True}


def _stored(database) -> list[tuple]:
    return database.session.execute(
        select(Shortlist.offer_id, Shortlist.candidates, Shortlist.excluded, ShortlistEntry.profile_id,
               ShortlistEntry.rank, ShortlistEntry.score, ShortlistEntry.components,
               ShortlistEntry.travel_minutes, ShortlistEntry.reasons)
        .join(ShortlistEntry, ShortlistEntry.shortlist_id == Shortlist.id)
        .order_by(Shortlist.offer_id, ShortlistEntry.rank)).all()


def test_two_processes_store_the_same_shortlists_as_one(database, monkeypatch):
    org = factories.organisation(kind="france_travail", pole_code="II")
    ae = factories.user((org, "ae"))
    for insee in ("13202", "13203", "13201", "13204"):
        factories.profile(org, ae, insee=insee, **WALKER)
    for insee, hours in (("13202", 24), ("13203", 35), ("13201", 20), ("13202", 30), ("13204", 28)):
        factories.offer(org, insee=insee, rome_code="K2204", hours_per_week=hours)
    monkeypatch.setattr(batch, "BATCH_CHUNK", 2)  # three chunks of offers

    alone = batch.rank_territory(None, processes=1)
    one = _stored(database)
    shared = batch.rank_territory(None, processes=2)

    assert (alone.processes, shared.processes) == (1, 2)
    assert one and _stored(database) == one
    assert shared.entries_stored == alone.entries_stored == len(one)
    assert database.session.scalar(select(Shortlist.id).order_by(Shortlist.id)) > 0
    assert len(database.session.scalars(select(Shortlist)).all()) == 5

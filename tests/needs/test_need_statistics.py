"""Hiring needs in figures: how long they wait before a CRE takes them, and the demo's needs."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from tests import factories
from tests.needs.test_needs import _cre, _employer
from webapp.core import clock
from webapp.needs.models import HiringNeed
from webapp.needs.queue import percentile, waiting_time_stats


def _timed_need(org, posted: datetime, waited_hours: float | None, insee: str = "13201"):
    need = factories.need(org, insee=insee, created_at=posted)
    if waited_hours is not None:
        need.taken_at, need.status = posted + timedelta(hours=waited_hours), "in_progress"
    return need


def test_waiting_time_statistics_on_hand_made_dates(database):
    org = _employer().memberships[0].organisation
    arles = _employer("Mas", "13004").memberships[0].organisation
    monday = datetime(2026, 3, 2, 9, tzinfo=UTC)
    for day, hours in enumerate([1, 2, 3, 4, 5, 6, 7, 8, 9, 100]):
        _timed_need(org, monday + timedelta(days=day), hours)
    _timed_need(org, monday, None)  # never taken
    _timed_need(org, monday - timedelta(days=40), 500)  # before the period
    _timed_need(arles, monday, 1000, insee="13004")  # another pôle
    pole_i = factories.commune("13201").pole_id
    stats = waiting_time_stats(pole_i, monday, monday + timedelta(days=30))
    assert (stats.posted, stats.taken, stats.still_waiting) == (11, 10, 1)
    assert stats.median_hours == pytest.approx(5.5)
    assert stats.p90_hours == pytest.approx(9 + 0.1 * 91)  # between the 9th and 10th values
    everywhere = waiting_time_stats(None, monday, monday + timedelta(days=30))
    assert everywhere.posted == 12 and everywhere.taken == 11
    empty = waiting_time_stats(pole_i, monday + timedelta(days=60), monday + timedelta(days=90))
    assert (empty.posted, empty.median_hours, empty.p90_hours) == (0, None, None)


def test_percentile_interpolates_and_handles_one_value():
    assert percentile([4.0], 0.9) == 4.0
    assert percentile([0, 10], 0.9) == pytest.approx(9)
    assert percentile([1, 2, 3, 4, 5], 0.5) == pytest.approx(3)


def test_demo_needs_cover_every_stage_with_dates_in_order(database):
    from webapp.demo.needs import STAGES, write_demo_needs

    firms = [
        factories.company("Hôtel Démo", insee="13201"),
        factories.company("Mas Démo", insee="13004"),
    ]
    employers = [factories.employer(firm) for firm in firms]
    cre_here, cre_arles = _cre("I"), _cre("VII")
    for firm, cre in zip(firms, (cre_here, cre_arles), strict=True):
        for _ in range(8):
            factories.offer(
                cre.memberships[0].organisation,
                insee=firm.commune_insee,
                company_id=firm.id,
                cre_id=cre.id,
                created_at=clock.now() - timedelta(days=5),
            )
    today = clock.today()
    written = write_demo_needs(2026, today)
    needs = database.session.scalars(select(HiringNeed)).all()
    assert written == len(needs) == sum(count for _, count in STAGES)
    assert {n.status for n in needs} == {stage for stage, _ in STAGES}
    now = clock.now()
    for need in needs:
        moments = [e.at.replace(tzinfo=UTC) if e.at.tzinfo is None else e.at for e in need.events]
        assert moments == sorted(moments) and moments[-1] <= now
        assert need.status == need.events[-1].to_status
        assert need.author_id in {e.id for e in employers}
        if need.status != "waiting":
            assert need.cre_id in {cre_here.id, cre_arles.id}
            assert (
                need.pole_id
                == (cre_here if need.cre_id == cre_here.id else cre_arles)
                .memberships[0]
                .organisation.pole_id
            )
        if need.status == "converted":
            assert need.offer.company_id == need.company_id

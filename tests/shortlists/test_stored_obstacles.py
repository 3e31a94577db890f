"""The caseload's obstacles are computed by the task queue and stored in the database: the
section says « calcul en cours… » and polls until the worker has stored them, asks the queue
once per change, shows a stale result never, and says so when the computation failed."""

import pytest
from huey.storage import MemoryStorage

from tests import factories
from webapp.core.queue import huey
from webapp.shortlists.inputs import PoolCache
from webapp.shortlists.models import CaseloadObstacles

WALKER = {"mobility_modes": ["walk", "public_transport"], "max_minutes": 45,
          "min_hours_per_week": 15, "max_hours_per_week": 35, "consent_promotion": True}
HTMX = {"HX-Request": "true"}
PENDING = "Calcul en cours…"


@pytest.fixture
def queue():
    """A queue that keeps its tasks until the test runs them, as the worker would."""
    saved_storage, saved_immediate = huey.storage, huey._immediate
    huey._immediate = False
    huey.storage = MemoryStorage("passerelle-test")
    yield huey
    huey.storage, huey._immediate = saved_storage, saved_immediate


def _section(client, headers=HTMX) -> str:
    answer = client.get("/profils/obstacles", headers=headers)
    assert answer.status_code == 200
    return answer.get_data(as_text=True)


def _run_queued(queue, retries: int | None = None) -> int:
    """Run every waiting task, as the worker would; how many there were."""
    count = 0
    while (task := queue.dequeue()) is not None:
        if retries is not None:
            task.retries = retries
        queue.execute(task)
        count += 1
    return count


def _caseload(licence_offers: int = 1):
    org = factories.organisation(kind="france_travail", pole_code="I")
    ae = factories.user((org, "ae"))
    person = factories.profile(org, ae, insee="13201", label="Camille Exemple", **WALKER)
    for _ in range(licence_offers):
        factories.offer(org, insee="13201", rome_code="K2204", hours_per_week=24,
                        requires_driving_licence=True)
    return org, ae, person


def test_the_section_polls_until_the_worker_has_stored_the_obstacles(client, login, database, queue):
    _, ae, _ = _caseload()
    login(ae)
    pending = _section(client)
    assert PENDING in pending and 'hx-trigger="every 2s"' in pending
    assert "<table" not in pending
    assert PENDING in _section(client)  # polled again: still one task
    PoolCache.forget_all()  # as another web process would, with nothing in its memory
    assert PENDING in _section(client)
    assert queue.pending_count() == 1

    assert _run_queued(queue) == 1
    PoolCache.forget_all()  # any process reads the stored result
    shown = _section(client)
    assert "<strong>1 offre</strong> à 1 personne" in shown
    assert PENDING not in shown and "hx-trigger" not in shown
    assert queue.pending_count() == 0


def test_the_stored_result_holds_counts_and_categories_only(client, login, database, queue):
    _, ae, _ = _caseload()
    login(ae)
    _section(client)
    _run_queued(queue)
    stored = database.session.get(CaseloadObstacles, ae.id).obstacles
    assert {item["category"] for item in stored} == {"licence"}
    assert set(stored[0]) == {"category", "label", "pairs", "offers_excluded", "people",
                              "offers_opened", "people_unblocked"}
    assert "Camille" not in repr(stored)


def test_a_change_to_an_offer_or_a_person_makes_the_result_stale(client, login, database, queue):
    org, ae, person = _caseload()
    login(ae)
    _section(client)
    _run_queued(queue)
    assert "<strong>1 offre</strong>" in _section(client)

    factories.offer(org, insee="13201", rome_code="K2204", hours_per_week=24,
                    requires_driving_licence=True)
    database.session.commit()
    assert PENDING in _section(client)  # the stored result is not shown as current
    assert PENDING in _section(client) and queue.pending_count() == 1
    _run_queued(queue)
    assert "<strong>2 offres</strong> à 1 personne" in _section(client)

    person.driving_licence = True
    database.session.commit()
    assert PENDING in _section(client) and queue.pending_count() == 1
    _run_queued(queue)
    shown = _section(client)
    assert "<strong>2 offres</strong>" not in shown and PENDING not in shown
    assert database.session.query(CaseloadObstacles).count() == 1  # one row per user


def test_a_task_run_twice_for_the_same_rows_computes_once(client, login, database, queue):
    _, ae, _ = _caseload()
    login(ae)
    _section(client)
    task = queue.dequeue()
    assert queue.execute(task) is True
    assert queue.execute(task) is False  # the same ask again: the stored result is current


def test_a_failed_computation_is_said_plainly(client, login, database, queue, monkeypatch):
    from webapp.shortlists import stored_obstacles

    def broken(user_id):
        raise RuntimeError("matching down")

    monkeypatch.setattr(stored_obstacles, "store_caseload_obstacles", broken)
    _, ae, _ = _caseload()
    login(ae)
    _section(client)
    _run_queued(queue, retries=1)  # a try with one left: the queue will try again
    assert PENDING in _section(client)
    assert queue.scheduled_count() == 1 and queue.pending_count() == 0
    queue.storage.flush_schedule()
    queue.enqueue(stored_obstacles.caseload_obstacles_task.s(ae.id))
    _run_queued(queue, retries=0)  # the last try
    failed = _section(client)
    assert "Le calcul des obstacles a échoué" in failed and PENDING not in failed
    assert queue.pending_count() == 0  # not asked again at each view


def test_without_javascript_the_page_says_to_reload(client, login, database, queue):
    _, ae, _ = _caseload()
    login(ae)
    page = _section(client, headers={})
    assert PENDING in page and "<noscript>" in page and "Actualisez la page" in page


def test_an_empty_caseload_asks_nothing(client, login, database, queue):
    login(factories.user((factories.organisation(kind="france_travail", pole_code="I"), "ae")))
    assert "Aucun obstacle" in _section(client)
    assert queue.pending_count() == 0


@pytest.mark.parametrize("who", ["cre", "employer"])
def test_cres_and_employers_get_a_404(client, login, database, queue, who):
    _caseload()
    if who == "cre":
        login(factories.user((factories.organisation(kind="departement_emploi", pole_code="I"), "cre")))
    else:
        login(factories.employer())
    assert client.get("/profils/obstacles", headers=HTMX).status_code == 404
    assert client.get("/profils/obstacles?obstacle=licence").status_code == 404
    assert queue.pending_count() == 0

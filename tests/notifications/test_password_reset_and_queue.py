"""Password reset by e-mail, and the real queue on Redis."""

import uuid
from datetime import timedelta

from huey.storage import RedisStorage

from tests import factories
from tests.cellule.cellule_world import build_world
from tests.promotions.test_promotions_employer import promoted
from webapp.core.queue import huey
from webapp.notifications.password_routes import SENT
from webapp.notifications.tasks import deliver_task


def test_reset_same_answer_single_use_one_hour(client, database, smtp, frozen_clock):
    org = factories.organisation()
    user = factories.user((org, "cre", "I"), email="claire@exemple.fr")
    database.session.commit()
    known = client.post("/mot-de-passe-oublie", data={"email": "claire@exemple.fr"})
    unknown = client.post("/mot-de-passe-oublie", data={"email": "personne@exemple.fr"})
    assert known.status_code == unknown.status_code == 303
    assert known.location == unknown.location
    assert SENT in client.get(known.location).get_data(as_text=True)
    [message] = smtp.messages
    assert message["To"] == user.email and "List-Unsubscribe" not in message
    text = smtp.text(message)
    assert "valable une heure" in text and "désabonnement" not in text
    path = next(w for w in text.split() if "/mot-de-passe/" in w).split("127.0.0.1:5000", 1)[1]
    assert client.get(path).status_code == 200
    frozen_clock.shift(timedelta(minutes=30))
    done = client.post(path, data={"password": "un-nouveau-mot-de-passe", "confirm": "un-nouveau-mot-de-passe"})
    assert done.status_code == 303
    assert client.post("/connexion", data={"email": user.email, "password": "un-nouveau-mot-de-passe"}).status_code == 303
    assert client.get(path).status_code == 404  # spent
    client.post("/deconnexion")
    client.post("/mot-de-passe-oublie", data={"email": "claire@exemple.fr"})
    text = smtp.text(smtp.messages[-1])
    late = next(w for w in text.split() if "/mot-de-passe/" in w).split("127.0.0.1:5000", 1)[1]
    frozen_clock.shift(timedelta(hours=1, minutes=1))
    assert client.get(late).status_code == 404  # expired


def test_the_redis_queue_carries_the_sending(database, smtp):
    world = build_world()
    promoted(world)
    database.session.commit()
    saved_storage, saved_immediate = huey.storage, huey._immediate
    huey._immediate = False
    huey.storage = RedisStorage(f"passerelle-test-{uuid.uuid4().hex}", url="redis://127.0.0.1:6379/0")
    try:
        deliver_task(None)
        assert smtp.messages == [] and huey.pending_count() == 1
        task = huey.dequeue()
        huey.execute(task)
        assert huey.pending_count() == 0
    finally:
        huey.storage.flush_all()
        huey.storage, huey._immediate = saved_storage, saved_immediate
    assert sorted(m["To"] for m in smtp.messages) == sorted(
        [world.employer.email, world.cre.email, world.ae.email])  # the card, the assignment

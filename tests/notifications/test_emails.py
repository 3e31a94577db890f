"""Notifications by e-mail: what is sent, to whom, with which words; failures and retries."""

from datetime import timedelta

from sqlalchemy import select

from tests.cellule.cellule_world import NOW, build_world
from tests.promotions.test_promotions_employer import promoted
from webapp.core.notify import Notification
from webapp.notifications import delivery
from webapp.notifications.preferences import set_mode


def notifications_of(database, user, kind=None):
    query = select(Notification).where(Notification.recipient_id == user.id)
    if kind:
        query = query.where(Notification.kind == kind)
    return database.session.scalars(query.execution_options(populate_existing=True)).all()


def answer(client, promotion, kind="interested"):
    when = (NOW + timedelta(days=3)).date().isoformat()
    return client.post(f"/espace-employeur/profils/{promotion.id}/reponse", data={
        "kind": kind, "meeting": "interview", "on": when, "version": promotion.version})


def test_the_employer_is_told_of_a_card_by_number_and_job_never_the_person(database, smtp):
    world = build_world()
    promotion = promoted(world)
    database.session.commit()
    assert delivery.deliver()["sent"] == 3  # the card; the assignment to the CRE and to the AE
    [message] = smtp.to(world.employer.email)
    assert message["Subject"] == f"Un profil vous est présenté : carte {promotion.reference} (candidature spontanée)"
    text = smtp.text(message)
    assert "présente un profil" in text and "Ouvrez la carte" in text
    assert f"/espace-employeur/profils/{promotion.id}" in text
    assert "/notifications/desabonnement/" in text and message["List-Unsubscribe"]
    html = message.get_body(("html",)).get_content()
    for secret in ("Karima", "FT-123456", world.person.reference):
        assert secret not in text and secret not in html and secret not in message["Subject"]


def test_the_employer_s_answer_reaches_the_cre_and_the_ae_by_label_only(client, login, database, smtp):
    world = build_world()
    promotion = promoted(world)
    database.session.commit()
    delivery.deliver()
    smtp.messages.clear()
    login(world.employer)
    assert answer(client, promotion).status_code == 303
    [to_cre] = smtp.to(world.cre.email)
    assert to_cre["Subject"] == f"Réponse de l'employeur sur la carte {promotion.reference}"
    assert "Hôtel du Vieux-Port (test) a répondu" in smtp.text(to_cre)
    assert f"/promotions/{promotion.id}" in smtp.text(to_cre)
    [to_ae] = smtp.to(world.ae.email)
    assert to_ae["Subject"] == "Un employeur est intéressé par Karima B."
    assert "entretien proposé(e) le 23/11/2026" in smtp.text(to_ae)
    assert "FT-123456" not in smtp.text(to_ae) and "garde" not in smtp.text(to_ae).lower()
    bell = client.get("/notifications/cloche")
    assert bell.status_code == 200
    login(world.cre)
    assert "2" in client.get("/notifications/cloche").get_data(as_text=True)  # assigned, answered
    listing = client.get("/notifications/").get_data(as_text=True)
    assert "a répondu à la carte" in listing
    [note] = notifications_of(database, world.cre, "card_answered")
    opened = client.post(f"/notifications/{note.id}/ouvrir")
    assert opened.status_code == 303 and opened.location.endswith(f"/promotions/{promotion.id}")
    assert notifications_of(database, world.cre, "card_answered")[0].read_at is not None


def test_mail_server_down_keeps_it_queued_with_its_reason_then_it_is_retried(
        client, login, database, smtp_down, frozen_clock, mail_settings):
    world = build_world()
    promotion = promoted(world)
    database.session.commit()
    login(world.employer)
    assert answer(client, promotion).status_code == 303  # no 500, no wait
    [note] = notifications_of(database, world.cre, "card_answered")
    assert note.email_state == "queued" and note.email_attempts == 1
    assert "injoignable" in note.email_error
    assert note.email_next_attempt_at is not None
    assert delivery.deliver()["sent"] == 0  # not due yet: backoff
    login(world.admin)
    page = client.get("/admin/notifications/echecs").get_data(as_text=True)
    assert "injoignable" in page and "Un employeur répond à une carte" in page
    from aiosmtpd.controller import Controller

    from tests.notifications.conftest import Inbox

    inbox = Inbox()
    server = Controller(inbox, hostname="127.0.0.1", port=mail_settings["MAIL_PORT"])
    server.start()
    try:
        frozen_clock.shift(timedelta(minutes=2))
        assert delivery.deliver()["sent"] >= 1
    finally:
        server.stop()
    [note] = notifications_of(database, world.cre, "card_answered")
    assert note.email_state == "sent" and note.email_error == ""
    assert inbox.to(world.cre.email)


def test_two_workers_never_claim_the_same_notification(database):
    world = build_world()
    promoted(world)
    database.session.commit()
    ids = [n.id for n in notifications_of(database, world.employer)]
    first = delivery._claim(ids, "worker-a")
    second = delivery._claim(ids, "worker-b")
    assert [n.id for n in first] == ids and second == []


def test_a_digest_gathers_what_waited_and_nothing_is_sent_without_news(database, smtp):
    world = build_world()
    set_mode(world.employer, "card_received", "daily")
    promoted(world)
    database.session.commit()
    assert delivery.deliver()["held"] == 1
    assert smtp.to(world.employer.email) == []
    assert delivery.send_digests("daily") == 1
    [message] = smtp.to(world.employer.email)
    assert message["Subject"].startswith("Votre récapitulatif du jour : 1 nouveauté")
    assert delivery.send_digests("daily") == 0 and len(smtp.to(world.employer.email)) == 1


def test_the_unsubscribe_link_stops_that_kind(client, database, smtp):
    world = build_world()
    promoted(world)
    database.session.commit()
    delivery.deliver()
    text = smtp.text(smtp.to(world.employer.email)[0])
    link = next(w for w in text.split() if "/notifications/desabonnement/" in w)
    path = link.split("127.0.0.1:5000", 1)[1]
    assert "Me désabonner" in client.get(path).get_data(as_text=True)
    assert "C'est fait" in client.post(path).get_data(as_text=True)
    assert client.get(path[:-3] + "xyz").status_code == 404
    from webapp.notifications.preferences import mode_for

    assert mode_for(world.employer, "card_received") == "never"

"""Reminders on a schedule: given at their stage, once each (run twice, nothing more), with
the clock moved (frozen_clock.shift)."""

from datetime import timedelta

from sqlalchemy import func, select

from tests import factories
from tests.cellule.cellule_world import build_world
from tests.clock import TODAY
from tests.promotions.test_promotions_employer import promoted
from webapp.cellule.models import CelluleSession, SessionLine
from webapp.core.notify import Notification
from webapp.notifications import delivery
from webapp.notifications.preferences import set_mode
from webapp.notifications.reminders import run_reminders
from webapp.notifications.scheduled_notices import (
    agendas_ready,
    monthly_summaries,
    overdue_by_cellule,
)
from webapp.prospection.models import ProspectionAction


def remind(database):
    counts = run_reminders()
    database.session.commit()
    delivery.deliver(None)
    return counts


def subjects(smtp, address):
    return [m["Subject"] for m in smtp.to(address)]


def test_an_unanswered_card_7_then_14_days_then_the_cre(database, smtp, frozen_clock):
    world = build_world()
    promotion = promoted(world)
    database.session.commit()
    delivery.deliver(None)
    smtp.messages.clear()
    frozen_clock.shift(timedelta(days=6))
    assert remind(database)["unanswered_cards"] == 0
    frozen_clock.shift(timedelta(days=1))
    assert remind(database)["unanswered_cards"] == 1
    assert remind(database)["unanswered_cards"] == 0  # never twice
    [first] = smtp.to(world.employer.email)
    assert first["Subject"] == f"Relance : la carte {promotion.reference} attend votre réponse"
    text = smtp.text(first)
    assert "il y a 7 jours" in text and f"/espace-employeur/profils/{promotion.id}" in text
    assert "Karima" not in text
    frozen_clock.shift(timedelta(days=7))
    remind(database)
    assert len(smtp.to(world.employer.email)) == 2 and "il y a 14 jours" in smtp.text(
        smtp.to(world.employer.email)[1])
    assert smtp.to(world.cre.email) == []
    frozen_clock.shift(timedelta(days=7))
    remind(database)
    remind(database)
    assert subjects(smtp, world.cre.email) == [
        f"Carte {promotion.reference} sans réponse depuis 21 jours"]
    assert len(smtp.to(world.employer.email)) == 2


def test_an_offer_ending_in_7_days_once(database, smtp):
    world = build_world()
    offer = factories.offer(world.ae_org, cre_id=world.cre.id, title="Serveur H/F",
                            end_date=TODAY + timedelta(days=7))
    database.session.commit()
    assert remind(database)["ending_offers"] == 1
    assert remind(database)["ending_offers"] == 0
    [message] = smtp.to(world.cre.email)
    assert message["Subject"] == f"L'offre {offer.reference} se termine le 27/11/2026"
    assert f"/offres/{offer.id}" in smtp.text(message)


def test_the_assessment_is_due_then_missing_3_days_after_the_end(database, smtp, frozen_clock):
    world = build_world()
    immersion = factories.immersion(world.person, world.company, status="under_way",
                                    start_date=TODAY - timedelta(days=4), end_date=TODAY)
    database.session.commit()
    assert remind(database)["assessments"] == 1
    [due] = smtp.to(world.ae.email)
    assert due["Subject"] == "Bilan d'immersion à faire : Karima B."
    frozen_clock.shift(timedelta(days=2))
    assert remind(database)["assessments"] == 0
    frozen_clock.shift(timedelta(days=1))
    assert remind(database)["assessments"] == 1
    assert remind(database)["assessments"] == 0
    assert subjects(smtp, world.ae.email)[-1] == f"Bilan manquant : immersion {immersion.reference}"
    assert "FT-123456" not in smtp.text(smtp.to(world.ae.email)[-1])


def test_actions_due_and_overdue(database, smtp, frozen_clock):
    world = build_world()
    target = factories.target(world.company, lead=world.cre,
                              org=world.cre.memberships[0].organisation)
    action = ProspectionAction(target_id=target.id, kind="call", due_on=TODAY,
                               owner_id=world.cre.id)
    session = database.session.scalars(select(CelluleSession).order_by(CelluleSession.id)).first()
    line = SessionLine(session_id=session.id, kind="action", text="Rappeler la mission locale",
                       owner_id=world.other_cre.id, due_on=TODAY - timedelta(days=2),
                       author_id=world.animateur.id)
    database.session.add_all([action, line])
    database.session.commit()
    remind(database)
    assert subjects(smtp, world.cre.email) == ["Action de prospection à faire : Hôtel du Vieux-Port (test)"]
    assert subjects(smtp, world.other_cre.email) == ["Action en retard : Rappeler la mission locale"]
    assert overdue_by_cellule() == 1 and overdue_by_cellule() == 0
    database.session.commit()
    delivery.deliver(None)
    assert subjects(smtp, world.animateur.email) == [
        "1 action(s) en retard dans la Cellule emploi Marseille I (test)"]
    frozen_clock.shift(timedelta(days=1))
    remind(database)
    assert subjects(smtp, world.cre.email)[-1] == "Action en retard : Appel – Hôtel du Vieux-Port (test)"
    remind(database)
    assert len(smtp.to(world.cre.email)) == 2


def test_a_stale_profile_reaches_its_ae_once(database, smtp, frozen_clock, app):
    world = build_world()
    set_mode(world.ae, "profile_stale", "immediate")
    database.session.commit()
    frozen_clock.shift(timedelta(weeks=app.config["STALE_PROFILE_WEEKS"], days=1))
    assert remind(database)["stale_profiles"] == 1
    assert remind(database)["stale_profiles"] == 0
    [message] = [m for m in smtp.to(world.ae.email) if "Profil à mettre à jour" in m["Subject"]]
    assert message["Subject"] == "Profil à mettre à jour : Karima B."
    assert "depuis 8 semaines" in smtp.text(message)


def test_the_animateur_hears_of_the_agenda_n_days_before(database, smtp, frozen_clock):
    world = build_world()
    database.session.commit()
    first = database.session.scalars(select(CelluleSession).where(
        CelluleSession.cellule_id == world.cellule.id).order_by(CelluleSession.scheduled_at)).first()
    frozen_clock.move_to(first.starts_at - timedelta(days=3, hours=1))
    assert agendas_ready() == 0
    frozen_clock.shift(timedelta(hours=2))
    assert agendas_ready() == 1 and agendas_ready() == 0
    database.session.commit()
    delivery.deliver(None)
    [message] = smtp.to(world.animateur.email)
    assert message["Subject"].startswith("Ordre du jour de la séance du ")
    assert f"/cellule/seances/{first.id}" in smtp.text(message)


def test_the_direction_gets_figures_only_once_a_month(database, smtp):
    world = build_world()
    director = factories.user((world.ae_org, "direction", "I"), name="Diane Direction")
    database.session.commit()
    assert monthly_summaries() == 1 and monthly_summaries() == 0
    database.session.commit()
    delivery.deliver(None)
    [message] = smtp.to(director.email)
    assert message["Subject"].startswith("Indicateurs de octobre 2026 : ")
    text = smtp.text(message)
    assert "chiffres seulement" in text
    for secret in ("Karima", "FT-123456", world.person.reference):
        assert secret not in text
    count = database.session.scalar(select(func.count(Notification.id)).where(
        Notification.kind == "monthly_summary"))
    assert count == 1


def test_two_workers_racing_give_a_reminder_once(database, monkeypatch):
    """Worker B stamped the key after worker A looked: A's insert hits the unique key, steps aside."""
    from webapp.notifications import reminders

    world = build_world()
    database.session.commit()
    assert reminders.give("race:1", "offer_ending", [world.cre.id], params={}) == 1
    monkeypatch.setattr(reminders, "_stamped", lambda key: False)  # A did not see B's stamp
    assert reminders.give("race:1", "offer_ending", [world.cre.id], params={}) == 0
    count = database.session.scalar(select(func.count(Notification.id)).where(
        Notification.kind == "offer_ending"))
    assert count == 1

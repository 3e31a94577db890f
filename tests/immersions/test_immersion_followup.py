"""Following immersions: the cellule's agenda, the employer's home card, the anonymous counts."""

from datetime import UTC, date, datetime, timedelta

from tests import factories
from webapp.accounts.home import home_cards
from webapp.cellule.agenda import build_agenda
from webapp.cellule.models import Cellule, CelluleSession
from webapp.core import clock
from webapp.immersions.followup import outcome_counts, status_counts
from webapp.immersions.models import ImmersionAssessment

SESSION_AT = datetime(2026, 3, 10, 8, 30, tzinfo=UTC)


def _session() -> CelluleSession:
    cellule = Cellule(name="Cellule emploi Marseille I", poles=[factories.pole("I")])
    session = CelluleSession(cellule=cellule, scheduled_at=SESSION_AT)
    factories.db.session.add_all([cellule, session])
    factories.db.session.flush()
    return session


def test_the_agenda_lists_the_territorys_immersions_of_the_period(database):
    org = factories.organisation("France Travail Marseille I")
    ae = factories.user((org, "ae"))
    person = factories.profile(org, ae=ae, label="Karima B.")
    running = factories.immersion(person, factories.company("Autocars du Port"), status="under_way",
                                  start_date=date(2026, 3, 2), end_date=date(2026, 3, 13))
    factories.immersion(person, status="proposed", start_date=date(2026, 3, 2))  # not agreed yet
    factories.immersion(person, status="under_way", start_date=date(2026, 1, 5),
                        end_date=date(2026, 1, 9))  # before the period
    far = factories.organisation(pole_code="VII")
    factories.immersion(factories.profile(far, insee="13004"), status="under_way",
                        start_date=date(2026, 3, 2))  # another territory
    session = _session()

    [section] = [s for s in build_agenda(session, ae).sections if s.key == "immersions"]
    [entry] = section.entries
    assert entry.key == f"immersion:{running.id}"
    assert entry.title.startswith("Karima B. → Autocars du Port")
    assert entry.lines[0] == "Du 02/03/2026 au 13/03/2026 · en cours · découvrir un métier ou un secteur d'activité"
    assert entry.profile_id == person.id and entry.link == ("immersions.detail", {"immersion_id": running.id})

    animateur = factories.user((factories.organisation("Pôle I", kind="departement_pole"), "animateur"))
    [section] = [s for s in build_agenda(session, animateur).sections if s.key == "immersions"]
    [entry] = section.entries
    assert entry.title.startswith("Personne suivie par France Travail Marseille I →")
    assert entry.profile_id is None and entry.link is None


def test_the_host_employer_is_told_of_proposals_to_answer(database):
    firm = factories.company()
    employer = factories.employer(firm)
    person = factories.profile(factories.organisation())
    factories.immersion(person, firm)
    factories.immersion(person, firm, status="accepted", start_date=clock.today() + timedelta(days=30))
    [card] = [c for c in home_cards(employer) if c.title == "Immersions proposées à votre entreprise"]
    assert (card.value, card.tone) == (1, "attention")


def test_the_indicators_read_anonymous_counts(database):
    org = factories.organisation()
    person = factories.profile(org)
    hired = factories.immersion(person, status="done", start_date=date(2026, 3, 2))
    factories.immersion(person, status="done", start_date=date(2026, 4, 6))
    factories.immersion(person, status="cancelled")
    factories.db.session.add(ImmersionAssessment(
        immersion=hired, attendance="full", tutor_punctuality="good", tutor_teamwork="good",
        tutor_job_skills="good", tutor_would_hire="yes", person_liked_job="yes", outcome="hired"))
    factories.db.session.flush()
    counts = status_counts(organisation_id=org.id)
    assert counts["done"] == 2 and counts["cancelled"] == 1 and counts["proposed"] == 0
    assert status_counts(pole_id=factories.pole("VII").id)["done"] == 0
    assert outcome_counts(date(2026, 3, 1), date(2026, 3, 31))["hired"] == 1
    assert outcome_counts(date(2026, 4, 1), date(2026, 4, 30))["hired"] == 0

"""Caseload, immersions, prospection, events and obstacles indicators on small hand-made data."""

from datetime import UTC, date, datetime, timedelta

from tests import factories
from tests.dashboard.test_indicators_offers import NOW, compute, headlines, rows
from webapp.core import clock
from webapp.dashboard.indicators.period import Period
from webapp.events.models import EmploymentEvent, EventInvitation
from webapp.extensions import db
from webapp.immersions.models import ImmersionAssessment


def test_people_per_adviser_against_the_1_for_50_and_1_for_70_ratios(database):
    ft = factories.organisation("France Travail Marseille 1er", pole_code="I")
    plie = factories.organisation("PLIE Marseille", kind="plie", pole_code="I")
    busy, quiet, plie_ae = factories.user((ft, "ae")), factories.user((ft, "ae")), factories.user((plie, "ae"))
    for adviser, count in ((busy, 80), (quiet, 40), (plie_ae, 3)):
        for _ in range(count):
            factories.profile(adviser.memberships[0].organisation, ae=adviser)
    factories.profile(ft, ae=quiet, status="left")  # left: not followed any more
    result = compute("caseload.ratio", pole_id=factories.pole("I").id)
    table = rows(result)
    assert table["France Travail Marseille 1er"] == ("2", "n.c.", "n.c.")  # 123 - 120 = 3: masked
    assert table["PLIE Marseille"] == ("1", "< 5", "n.c.")
    assert headlines(result)["personnes par accompagnateur en moyenne"] == "41,0"  # 123 / 3
    assert headlines(result)["accompagnateurs au-delà de 70 personnes"] == "1"
    assert "1 pour 50" in result.chart and "1 pour 70" in result.chart
    alone = compute("caseload.ratio", organisation_id=ft.id)
    assert headlines(alone)["personnes par accompagnateur en moyenne"] == "n.c."


def test_profiles_not_updated_for_a_long_time(database):
    ft = factories.organisation(pole_code="I")
    for days, count in ((10, 7), (80, 6), (300, 5)):
        for _ in range(count):
            factories.profile(ft, updated_at=NOW - timedelta(days=days))
    factories.profile(ft, status="left", updated_at=NOW - timedelta(days=400))
    result = compute("caseload.stale")
    assert rows(result)["Moins de 8 semaines"] == ("7",)
    assert rows(result)["8 semaines à 6 mois"] == ("6",)
    assert rows(result)["Plus de 6 mois"] == ("5",)
    assert headlines(result) == {"profils sans mise à jour depuis plus de 8 semaines": "11",
                                 "des personnes suivies": "61 %"}


def test_immersions_held_and_what_came_of_them(database):
    ft = factories.organisation(pole_code="I")
    for number in range(10):
        person = factories.profile(ft)
        record = factories.immersion(person, status="done", start_date=date(2026, 10, 5),
                                     end_date=date(2026, 10, 9), objective="recruit" if number < 5 else "discover")
        if number < 5:
            db.session.add(ImmersionAssessment(
                immersion_id=record.id, attendance="full", tutor_punctuality="good", tutor_teamwork="good",
                tutor_job_skills="good", tutor_would_hire="yes", person_liked_job="yes",
                outcome="hired" if number < 5 else "nothing_yet"))
    factories.immersion(factories.profile(ft), status="cancelled", start_date=date(2026, 10, 5),
                        end_date=date(2026, 10, 9))
    factories.immersion(factories.profile(ft), status="under_way", start_date=date(2026, 10, 28),
                        end_date=date(2026, 11, 6))
    db.session.flush()
    held = compute("immersions.held")
    assert rows(held)["Initier une démarche de recrutement"][0] == "5"
    assert rows(held)["Découvrir un métier ou un secteur d'activité"][0] == "6"  # with the one under way
    assert rows(held)["Total"][0] == "11"  # the cancelled one never took place
    outcomes = compute("immersions.outcomes")
    assert rows(outcomes)["Embauche"] == ("5",) and rows(outcomes)["Bilan à faire"] == ("5",)
    assert headlines(outcomes)["des immersions terminées mènent à une embauche"] == "50 %"
    stages = rows(compute("people.stages"))
    assert stages["En immersion"][0] == "11"


def test_prospection_by_organisation_and_stage_and_contacts_of_the_period(database):
    ft = factories.organisation("France Travail Marseille 1er", pole_code="I")
    plie = factories.organisation("PLIE Marseille", kind="plie", pole_code="I")
    cre = factories.user((ft, "cre"))
    for stage in ("to_prospect", "contacted", "contacted", "regular_partner"):
        factories.target(lead=cre, org=ft, stage=stage, stage_changed_at=datetime(2026, 10, 3, tzinfo=UTC))
    factories.target(org=plie, stage="dropped", dropped_reason="Fermeture")
    firm = factories.company()
    for days_ago in (40, 45):  # in October, seen from the 22nd of November
        factories.contact_entry(firm, cre, ft, days_ago=days_ago, outcome="need_detected")
    factories.contact_entry(firm, cre, ft, days_ago=40, channel="note")  # not an exchange
    plan = compute("prospection.plan", pole_id=factories.pole("I").id)
    assert rows(plan)["France Travail Marseille 1er"] == ("1", "2", "0", "0", "1", "0", "4")
    assert rows(plan)["PLIE Marseille"][-2:] == ("1", "1")
    assert headlines(plan)["entreprises en cours de prospection"] == "3"
    assert headlines(plan)["cibles passées à une autre étape"] == "4"
    period = _october_seen_from_today()
    contacts = compute("prospection.contacts", period=period)
    assert headlines(contacts) == {"échanges avec des entreprises": "2", "entreprises contactées": "1"}


def _october_seen_from_today():
    today = clock.today()
    return Period(today - timedelta(days=50), today - timedelta(days=30))


def test_employment_events_held_and_people_invited(database):
    ft = factories.organisation(pole_code="I")
    pole_i = factories.pole("I").id
    held = [EmploymentEvent(kind=kind, title="Forum", on=date(2026, 10, 12), commune_insee="13201",
                            pole_id=pole_i, organisation_id=ft.id) for kind in ("forum", "forum", "job_dating")]
    planned = EmploymentEvent(kind="forum", title="Plus tard", on=date(2026, 11, 20), commune_insee="13201",
                              pole_id=pole_i, organisation_id=ft.id)  # after NOW (15/11): not held yet
    db.session.add_all([*held, planned])
    db.session.flush()
    for _ in range(3):
        db.session.add(EventInvitation(event_id=held[0].id, profile_id=factories.profile(ft).id))
    db.session.flush()
    result = compute("events.held")
    assert rows(result)["Forum emploi"] == ("2",) and rows(result)["Job dating"] == ("1",)
    assert headlines(result)["événements tenus"] == "3"
    assert headlines(result)["personnes invitées"] == "< 5"
    november = compute("events.held", period=Period(date(2026, 11, 1), date(2026, 12, 1)))
    assert headlines(november)["événements tenus"] == "0"


def test_the_obstacles_that_close_the_most_doors_across_the_territory(database):
    ft = factories.organisation(pole_code="I")
    for _ in range(6):
        factories.profile(ft, driving_licence=False, consent_promotion=True)
    for _ in range(3):
        factories.offer(ft, requires_driving_licence=True, published_at=NOW, hours_per_week=35)
    result = compute("obstacles.doors", pole_id=factories.pole("I").id)
    licence = rows(result)["Pas de permis B"]
    assert licence == ("3", "6", "3", "6")
    assert "s'ouvriraient en levant l'obstacle « Pas de permis B »" in [h.label for h in result.headlines]


def test_profiles_deleted_by_the_retention_rule_still_count_anonymously(database):
    from webapp.core.models import RetainedStatistic

    def kept(month, pole_code, status, count):
        db.session.add(RetainedStatistic(month=month, pole_code=pole_code, parcours="emploi", final_status=status,
                                         cause="left", job_ready=False, count=count))

    kept("2026-10", "I", "hired", 6)
    kept("2026-10", "I", "left", 5)
    kept("2026-10", "I", "paused", 2)
    kept("2026-09", "I", "hired", 4)  # the previous period
    kept("2026-10", "VII", "hired", 9)  # another territory
    db.session.flush()
    result = compute("caseload.purged", pole_id=factories.pole("I").id)
    assert rows(result)["Embauché"] == ("6", "< 5")
    assert rows(result)["En pause"][0] == "< 5" and rows(result)["Sorti de l'accompagnement"][0] == "n.c."
    assert rows(result)["Total"] == ("13", "< 5")
    assert headlines(compute("caseload.purged"))["dossiers effacés"] == "22"

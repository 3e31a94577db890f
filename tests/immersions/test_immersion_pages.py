"""The immersion pages: from a person's reach to a proposal, what each side sees, the list,
the home cards, the company page and the exports."""

import re
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from tests import factories
from tests.clock import TODAY
from tests.xlsx_helpers import workbook_rows
from webapp.core import clock
from webapp.core.models import AccessLog
from webapp.immersions.models import Immersion
from webapp.immersions.proposing import StepInput, advance_immersion
from webapp.immersions.schedule import office_hours
from webapp.profiles.consent import share_profile
from webapp.promotions.models import Promotion
from webapp.reference.models import Naf, NafRome

NEXT_MONDAY = TODAY + timedelta(days=7 - TODAY.weekday())


def _naf_employing(rome_code: str) -> str:
    division = factories.db.session.scalar(
        select(NafRome.naf_division).where(NafRome.rome_code == rome_code).order_by(NafRome.naf_division))
    return factories.db.session.scalar(select(Naf.code).where(Naf.code.startswith(division)).order_by(Naf.code))


@pytest.fixture
def world(database):
    org = factories.organisation("France Travail Marseille I")
    ae = factories.user((org, "ae"))
    person = factories.profile(org, ae=ae, label="Karima B.", consent_promotion=True,
                               targets=("K2204",))
    host = factories.company("Nettoyage du Panier", naf_code=_naf_employing("K2204"),
                             welcomes_immersion=True)
    return {"ae": ae, "person": person, "host": host, "employer": factories.employer(host)}


def _form(**values) -> dict[str, str]:
    data = {"rome_code": "K2204", "objective": "discover", "start_date": NEXT_MONDAY.isoformat(),
            "end_date": (NEXT_MONDAY + timedelta(days=4)).isoformat(), "tutor_name": "Samir Caron"}
    for name in ("monday", "tuesday", "wednesday", "thursday", "friday"):
        data.update({f"{name}-start_1": "09:00", f"{name}-end_1": "12:00",
                     f"{name}-start_2": "13:00", f"{name}-end_2": "17:00"})
    data.update(values)
    return data


def test_the_reach_of_a_person_offers_to_propose_an_immersion(client, login, world):
    login(world["ae"])
    html = client.get(f"/profils/{world['person'].id}/a-portee", headers={"HX-Request": "true"}).text
    assert "Nettoyage du Panier" in html
    link = f"/immersions/nouvelle?profile_id={world['person'].id}&amp;company_id={world['host'].id}"
    assert link in html and "Proposer une immersion" in html


def test_the_ae_proposes_from_the_form_and_lands_on_its_page(client, login, world, database):
    login(world["ae"])
    url = f"/immersions/nouvelle?profile_id={world['person'].id}&company_id={world['host'].id}"
    form_page = client.get(url)
    assert form_page.status_code == 200 and "Nettoyage du Panier" in form_page.text
    assert 'value="09:00"' in form_page.text  # office hours to start from
    answer = client.post(url, data=_form(company_id=str(world["host"].id)))
    assert answer.status_code == 303
    immersion = database.session.scalar(select(Immersion))
    assert answer.headers["Location"].endswith(f"/immersions/{immersion.id}")
    page = client.get(f"/immersions/{immersion.id}").text
    assert "Karima B." in page and "Proposée" in page and "35 h par semaine" in page
    assert database.session.scalar(select(func.count(AccessLog.id)).where(
        AccessLog.profile_id == world["person"].id, AccessLog.action == "view")) == 1


def test_untouched_defaults_are_proposed_only_once_confirmed(client, login, world, database):
    login(world["ae"])
    url = f"/immersions/nouvelle?profile_id={world['person'].id}&company_id={world['host'].id}"
    assert 'data-schedule-copy hidden' in client.get(url).text  # the copy button, for the script
    defaults = _form(company_id=str(world["host"].id), tutor_name="")  # as first shown
    first = client.post(url, data=defaults)
    assert first.status_code == 422
    assert "Rien n&#39;a été changé aux valeurs proposées d&#39;office" in first.text
    assert 'name="defaults_confirmed" type="hidden" value="oui"' in first.text
    assert database.session.scalar(select(func.count(Immersion.id))) == 0
    confirmed = client.post(url, data={**defaults, "defaults_confirmed": "oui"})
    assert confirmed.status_code == 303
    assert database.session.scalar(select(func.count(Immersion.id))) == 1


def test_a_broken_rule_answers_422_with_its_message_and_keeps_the_form(client, login, world, database):
    login(world["ae"])
    url = f"/immersions/nouvelle?profile_id={world['person'].id}&company_id={world['host'].id}"
    answer = client.post(url, data=_form(company_id=str(world["host"].id), **{
        "saturday-start_1": "08:00", "saturday-end_1": "23:00"}))
    assert answer.status_code == 422
    assert "Règle des 48 heures par semaine : l&#39;emploi du temps compte 50 h par semaine" in answer.text
    assert 'value="23:00"' in answer.text
    assert database.session.scalar(select(func.count(Immersion.id))) == 0


def test_nobody_outside_the_persons_side_reaches_the_proposal_form(client, login, world):
    login(world["employer"])
    assert client.get(f"/immersions/nouvelle?profile_id={world['person'].id}").status_code == 404
    login(factories.user((factories.organisation(), "ae")))
    assert client.get(f"/immersions/nouvelle?profile_id={world['person'].id}").status_code == 404


def test_the_employer_sees_a_pseudonym_until_the_convention_is_signed(client, login, world):
    immersion = factories.immersion(world["person"], world["host"])
    login(world["employer"])
    page = client.get(f"/immersions/{immersion.id}").text
    assert "Karima B." not in page and "Personne suivie par France Travail Marseille I" in page
    assert "Accepter l&#39;immersion" in page and "Convention pour Immersion Facilitée" not in page
    answer = client.post(f"/immersions/{immersion.id}/etapes/accept", data={
        "accept-version": immersion.version, "accept-tutor_name": "Léa Martin"})
    assert answer.status_code == 303 and immersion.status == "accepted"
    advance_immersion(world["ae"], immersion, "sign", StepInput(
        convention_kind="file", convention_reference="PMSMP-1"), None, clock.today())
    assert "Karima B." in client.get(f"/immersions/{immersion.id}").text


def test_a_step_without_its_reason_answers_422(client, login, world):
    immersion = factories.immersion(world["person"], world["host"])
    login(world["employer"])
    answer = client.post(f"/immersions/{immersion.id}/etapes/decline",
                         data={"decline-version": immersion.version})
    assert answer.status_code == 422 and "Indiquez le motif" in answer.text
    assert immersion.status == "proposed"


def test_another_employer_gets_a_404(client, login, world):
    immersion = factories.immersion(world["person"], world["host"])
    login(factories.employer())
    assert client.get(f"/immersions/{immersion.id}").status_code == 404
    assert client.post(f"/immersions/{immersion.id}/etapes/accept").status_code == 404


def test_the_list_filters_and_answers_fragments(client, login, world):
    monday = clock.today() - timedelta(days=clock.today().weekday())
    ending = factories.immersion(world["person"], world["host"], status="under_way",
                                 start_date=monday - timedelta(days=7), end_date=monday + timedelta(days=6))
    to_assess = factories.immersion(world["person"], world["host"], status="done",
                                    start_date=monday - timedelta(days=21), end_date=monday - timedelta(days=17))
    login(world["ae"])
    fragment = client.get("/immersions/?focus=to_assess", headers={"HX-Request": "true"}).text
    assert "<html" not in fragment
    assert to_assess.reference in fragment and ending.reference not in fragment
    ending_page = client.get("/immersions/?focus=ending_this_week").text
    assert ending.reference in ending_page and to_assess.reference not in ending_page
    home = client.get("/").text
    assert re.search(r'stat-value">1</span>\s*<span class="stat-title"><a href="/immersions/bilans-a-faire">'
                     r"Bilans d&#39;immersion à faire", home)
    assert re.search(r'stat-value">1</span>\s*<span class="stat-title"><a href="/immersions/cette-semaine">'
                     r"Immersions qui se terminent cette semaine", home)
    assert client.get("/immersions/bilans-a-faire").headers["Location"].endswith("/immersions/?focus=to_assess")


def test_the_company_page_lists_its_immersions(client, login, world):
    immersion = factories.immersion(world["person"], world["host"])
    login(world["employer"])
    page = client.get(f"/entreprises/{world['host'].id}").text
    assert "Immersions (PMSMP)" in page and immersion.reference in page and "Karima B." not in page
    login(world["ae"])
    assert "Karima B." in client.get(f"/entreprises/{world['host'].id}").text


def test_the_exports_download_for_the_persons_side_only(client, login, world):
    immersion = factories.immersion(world["person"], world["host"], status="accepted",
                                    tutor_name="Samir Caron", schedule=office_hours().to_json())
    login(world["employer"])
    assert client.get(f"/immersions/{immersion.id}/convention.json").status_code == 404
    login(world["ae"])
    document = client.get(f"/immersions/{immersion.id}/convention.json")
    assert document.status_code == 200 and document.json["businessName"] == "Nettoyage du Panier"
    assert f'convention-{immersion.reference}.json' in document.headers["Content-Disposition"]
    table = client.get(f"/immersions/{immersion.id}/convention.csv")
    assert table.mimetype == "text/csv" and "establishmentTutor.lastName" in table.text
    _, (keys, values) = workbook_rows(client.get(f"/immersions/{immersion.id}/convention.xlsx"))
    cells = dict(zip(keys, values, strict=True))
    assert cells["establishmentTutor.lastName"] == "Caron" and isinstance(cells["dateStart"], datetime)
    assert "convention.xlsx" in client.get(f"/immersions/{immersion.id}").text
    assert client.get(f"/immersions/{immersion.id}/convention.pdf").status_code == 404


def test_the_assessment_form_records_a_hire(client, login, world):
    immersion = factories.immersion(world["person"], world["host"], status="done",
                                    start_date=NEXT_MONDAY - timedelta(days=14))
    login(world["ae"])
    url = f"/immersions/{immersion.id}/bilan"
    assert client.get(url).status_code == 200
    refused = client.post(url, data={"attendance": "full", "outcome": "hired"})
    assert refused.status_code == 422 and "Indiquez l&#39;avis du tuteur." in refused.text
    answer = client.post(url, data={
        "attendance": "full", "tutor_punctuality": "good", "tutor_teamwork": "good",
        "tutor_job_skills": "very_good", "tutor_would_hire": "yes", "person_liked_job": "yes",
        "outcome": "hired", "hired_contract": "CDI", "hired_on": NEXT_MONDAY.isoformat(),
        "hired_hours_per_week": "24,5"})
    assert answer.status_code == 303
    assert immersion.assessment.outcome == "hired" and world["person"].status == "hired"
    assert "24,5 h par semaine" in client.get(f"/immersions/{immersion.id}").text


def test_the_list_of_one_persons_immersions(client, login, world):
    mine = factories.immersion(world["person"], world["host"])
    other = factories.immersion(factories.profile(world["person"].organisation, ae=world["ae"]), world["host"])
    login(world["ae"])
    assert f"/immersions/?profile_id={world['person'].id}" in client.get(
        f"/profils/{world['person'].id}/a-portee", headers={"HX-Request": "true"}).text
    page = client.get(f"/immersions/?profile_id={world['person'].id}").text
    assert mine.reference in page and other.reference not in page


def test_an_offers_candidates_offer_an_immersion_first(client, login, world):
    offer = factories.offer(world["person"].organisation, company_id=world["host"].id, immersion_possible=True)
    login(world["ae"])
    html = client.get(f"/offres/{offer.id}/candidats", headers={"HX-Request": "true"}).text
    assert "Karima B." in html and "Proposer une immersion d&#39;abord" in html
    assert f"/immersions/nouvelle?offer_id={offer.id}&amp;profile_id={world['person'].id}" in html
    form = client.get(f"/immersions/nouvelle?offer_id={offer.id}&profile_id={world['person'].id}").text
    assert "Nettoyage du Panier" in form
    assert '<option selected value="recruit">Initier une démarche de recrutement</option>' in form


def test_a_promotion_offers_an_immersion_first(client, login, world):
    cre = factories.user((factories.organisation("Département", kind="departement_emploi"), "cre"))
    share_profile(world["person"], cre, "promotion", by=world["ae"])
    promotion = Promotion(profile=world["person"], company=world["host"], cre_id=cre.id, status="interested")
    factories.db.session.add(promotion)
    factories.db.session.flush()
    login(cre)
    form = client.get(f"/immersions/nouvelle?promotion_id={promotion.id}")
    assert form.status_code == 200 and "Karima B." in form.text and promotion.reference in form.text
    answer = client.post(f"/immersions/nouvelle?promotion_id={promotion.id}",
                         data=_form(company_id=str(world["host"].id)))
    assert answer.status_code == 303 and promotion.status == "immersion"
    login(factories.employer())
    assert client.get(f"/immersions/nouvelle?promotion_id={promotion.id}").status_code == 404

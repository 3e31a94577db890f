"""The same job brought by two organisations: flagged, merged with both sources, or dismissed."""

import pytest
from sqlalchemy import select

from tests import factories
from webapp.companies.models import CompanyContact
from webapp.core.errors import Invalid
from webapp.offers.duplicates import dismiss_pair, duplicate_pairs, merge_offers, normalise_title
from webapp.offers.models import OfferEvent
from webapp.offers.pool import PoolFilters, pool_page


def _world():
    ft = factories.organisation("FT Marseille Centre", pole_code="I")
    plie = factories.organisation("PLIE Marseille", kind="plie", pole_code="I")
    cre_ft = factories.user((ft, "cre"), name="Fatima FT")
    cre_plie = factories.user((plie, "cre"), name="Paul PLIE")
    firm = factories.company("Net Provence Services", insee="13205", siret="45218739600018")
    return ft, plie, cre_ft, cre_plie, firm


def _offer(org, **values):
    values.setdefault("insee", "13205")
    return factories.offer(org, **values)


def _pairs(user) -> set[frozenset[str]]:
    return {frozenset((pair.first.title, pair.second.title)) for pair in duplicate_pairs(user)}


def test_titles_are_compared_without_gender_marks_or_small_words():
    assert normalise_title("Agent d'entretien (H/F)") == normalise_title("AGENT D ENTRETIEN F/H") == "agent entretien"


def test_the_same_job_from_two_organisations_is_flagged(database):
    ft, plie, cre_ft, _, firm = _world()
    first = _offer(ft, company_id=firm.id, insee="13205", rome_code="K2204",
                            title="Agent d'entretien de locaux H/F")
    second = _offer(plie, company_id=firm.id, insee="13205", rome_code="K2204",
                             title="Agent d'entretien des locaux (F/H)")
    [pair] = duplicate_pairs(cre_ft)
    assert {pair.first.id, pair.second.id} == {first.id, second.id}
    assert "même entreprise (Net Provence Services)" in pair.reasons and pair.title_score >= 75


def test_what_is_not_flagged(database):
    ft, plie, cre_ft, _, firm = _world()
    _offer(ft, company_id=firm.id, title="Agent d'entretien")
    _offer(ft, company_id=firm.id, title="Agent d'entretien H/F")  # same organisation
    _offer(plie, company_id=firm.id, insee="13201", title="Agent d'entretien")  # other commune
    _offer(plie, company_id=firm.id, title="Secrétaire", rome_code="M1607")  # other job
    _offer(plie, company_id=firm.id, title="Responsable d'équipe", rome_code="K2204")  # title
    _offer(plie, title="Agent d'entretien")  # no employer
    _offer(plie, company_id=firm.id, title="Agent d'entretien", status="filled")  # closed
    assert _pairs(cre_ft) == set()


def test_two_company_records_with_one_siret_and_close_rome_codes_are_flagged(database):
    ft, plie, _, cre_plie, firm = _world()
    twin = factories.company("NET PROVENCE SERVICES SAS", insee="13205", siret="45218739600018")
    _offer(ft, company_id=firm.id, rome_code="K2204", title="Agent de nettoyage")
    _offer(plie, company_id=twin.id, rome_code="K2201", title="Agent nettoyage H/F")
    [pair] = duplicate_pairs(cre_plie)
    assert "même SIRET (45218739600018)" in pair.reasons
    assert any("domaine K22" in reason for reason in pair.reasons)


def test_merging_keeps_both_sources_and_contacts_and_closes_the_other(database):
    ft, plie, cre_ft, cre_plie, firm = _world()
    contact = CompanyContact(company_id=firm.id, name="Mme Durand", phone="04 91 00 00 00")
    database.session.add(contact)
    database.session.flush()
    kept = _offer(ft, company_id=firm.id, cre_id=cre_ft.id, title="Agent d'entretien",
                           external_ref="FT-194KXMT")
    absorbed = _offer(plie, company_id=firm.id, cre_id=cre_plie.id, title="Agent d'entretien H/F",
                               external_ref="PLIE-12", contact_id=contact.id, salary="SMIC")
    merge_offers(cre_ft, kept, absorbed)
    [source] = kept.sources
    assert (source.organisation_id, source.cre_id, source.external_ref, source.contact_id) == (
        plie.id, cre_plie.id, "PLIE-12", contact.id)
    assert source.merged_from_reference == absorbed.reference
    assert kept.contact_id == contact.id and kept.salary == "SMIC"  # gaps filled, nothing lost
    assert (absorbed.status, absorbed.merged_into_id) == ("cancelled", kept.id)
    notes = database.session.scalars(select(OfferEvent.note).where(OfferEvent.kind == "merge")).all()
    assert sorted(notes) == sorted([f"A repris l'offre {absorbed.reference} (PLIE Marseille)",
                                    f"Fusionnée dans l'offre {kept.reference} (FT Marseille Centre)"])
    assert [row.id for row in pool_page(cre_plie, PoolFilters(status="tous")).rows] == [kept.id]
    assert duplicate_pairs(cre_ft) == []
    with pytest.raises(Invalid):
        merge_offers(cre_ft, kept, absorbed)


def test_merging_through_the_pages(client, login, database):
    ft, plie, _, cre_plie, firm = _world()
    kept = _offer(ft, company_id=firm.id, title="Agent d'entretien")
    absorbed = _offer(plie, company_id=firm.id, title="Agent d'entretien H/F")
    login(cre_plie)
    page = client.get("/offres/doublons").get_data(as_text=True)
    assert f"Garder {kept.reference} et y fusionner {absorbed.reference}" in page
    response = client.post("/offres/doublons/fusionner", data={"kept_id": kept.id, "absorbed_id": absorbed.id})
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/offres/{kept.id}")
    assert absorbed.merged_into_id == kept.id
    absorbed_page = client.get(f"/offres/{absorbed.id}").get_data(as_text=True)
    assert "a été fusionnée dans" in absorbed_page and kept.reference in absorbed_page
    kept_page = client.get(f"/offres/{kept.id}").get_data(as_text=True)
    assert "PLIE Marseille" in kept_page and f"l&#39;offre {absorbed.reference}" in kept_page


def test_a_dismissed_pair_is_no_longer_flagged(client, login, database):
    ft, plie, cre_ft, cre_plie, firm = _world()
    first = _offer(ft, company_id=firm.id, title="Agent d'entretien")
    second = _offer(plie, company_id=firm.id, title="Agent d'entretien H/F")
    dismiss_pair(cre_ft, first, second)
    dismiss_pair(cre_ft, second, first)  # twice: still one dismissal
    assert duplicate_pairs(cre_plie) == []


def test_only_those_allowed_reach_the_duplicates(client, login, database):
    ft, plie, _, _, firm = _world()
    kept = _offer(ft, company_id=firm.id)
    absorbed = _offer(plie, company_id=firm.id)
    login(factories.user((ft, "ae")))
    assert client.get("/offres/doublons").status_code == 404
    assert client.post("/offres/doublons/fusionner",
                       data={"kept_id": kept.id, "absorbed_id": absorbed.id}).status_code == 404
    far = factories.organisation("FT Arles", pole_code="VII")
    login(factories.user((far, "cre")))  # another territory: these offers are out of reach
    assert client.post("/offres/doublons/fusionner",
                       data={"kept_id": kept.id, "absorbed_id": absorbed.id}).status_code == 404
    assert absorbed.merged_into_id is None
